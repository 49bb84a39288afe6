"""Helper for benches/compare-sdk.sh: the three listers and the driver that times them.

Not part of CI; run it through benches/compare-sdk.sh, which makes the venv,
starts the emulator and passes everything below.

    bench.py sdk  BASE_URL      # Slack's Python SDK (slack_sdk.WebClient)
    bench.py bare BASE_URL      # one kept-alive http.client connection, no JSON parsing
    bench.py run  --base-url URL --cli BIN --emulator-pid PID [...]

The token always comes from $SLACK_TOKEN, never from the command line. Each
lister prints one JSON line on stdout: {"count": N, "pages": P, "loop_s": S}.
The driver times each lister as a whole process from outside (start to exit,
interpreter or binary start-up included), interleaving the listers run by run
so that a machine whose speed drifts hurts them alike.
"""

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse

METHOD = "conversations.listConnectInvites"
PAGE_SIZE = 500


def token_from_env():
    token = os.environ.get("SLACK_TOKEN", "")
    if not token:
        sys.exit("bench.py: $SLACK_TOKEN is not set")
    return token


def with_slash(url):
    return url if url.endswith("/") else url + "/"


# --- lister a: Slack's Python SDK -------------------------------------------


def list_sdk(base_url):
    from slack_sdk import WebClient

    client = WebClient(token=token_from_env(), base_url=with_slash(base_url))
    count = pages = 0
    cursor = None
    started = time.perf_counter()
    while True:
        resp = client.conversations_listConnectInvites(count=PAGE_SIZE, cursor=cursor)
        count += len(resp["invites"])
        pages += 1
        cursor = (resp.get("response_metadata") or {}).get("next_cursor")
        if not cursor:
            break
    return {"count": count, "pages": pages, "loop_s": time.perf_counter() - started}


# --- lister b: bare keep-alive loop, no JSON parsing ------------------------

NEXT_CURSOR = re.compile(rb'"next_cursor"\s*:\s*"((?:[^"\\]|\\.)*)"')
OK_TRUE = re.compile(rb'^\s*\{\s*"ok"\s*:\s*true')
# One key per invite element, at its top level (Slack's element shape).
PER_INVITE = b'"direction":'


def list_bare(base_url):
    import http.client

    url = urllib.parse.urlsplit(with_slash(base_url))
    if url.scheme != "http":
        sys.exit(f"bench.py bare: only http:// bases are supported, got {base_url!r}")
    path = url.path + METHOD
    token = token_from_env()
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    count = pages = 0
    cursor = ""
    started = time.perf_counter()
    conn = http.client.HTTPConnection(url.hostname, url.port or 80, timeout=60)
    while True:
        form = {"token": token, "count": str(PAGE_SIZE)}
        if cursor:
            form["cursor"] = cursor
        conn.request("POST", path, body=urllib.parse.urlencode(form), headers=headers)
        resp = conn.getresponse()
        body = resp.read()  # read it all: the connection is reused
        if resp.status != 200 or not OK_TRUE.match(body):
            sys.exit(f"bench.py bare: page {pages + 1}: HTTP {resp.status}: {body[:300]!r}")
        pages += 1
        count += body.count(PER_INVITE)
        # response_metadata comes last; search from near the end first.
        m = NEXT_CURSOR.search(body, max(0, len(body) - 4096)) or NEXT_CURSOR.search(body)
        cursor = m.group(1).decode() if m else ""
        if "\\" in cursor:
            cursor = json.loads('"' + cursor + '"')
        if not cursor:
            break
    conn.close()
    return {"count": count, "pages": pages, "loop_s": time.perf_counter() - started}


# --- the driver ---------------------------------------------------------------


def proc_status(pid):
    """VmHWM and VmRSS of `pid` in kB (None when unreadable)."""
    out = {"VmHWM": None, "VmRSS": None}
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                key, _, value = line.partition(":")
                if key in out:
                    out[key] = int(value.split()[0])
    except OSError:
        pass
    return out


def alive(pid):
    """Whether `pid` runs (a zombie, dead but not yet reaped, does not)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    except (OSError, IndexError):
        return False


def last_line(text):
    """The last non-empty line of an error (a traceback's verdict), shortened."""
    lines = [x.strip() for x in text.splitlines() if x.strip()]
    line = lines[-1] if lines else text.strip()
    return line if len(line) <= 200 else line[:197] + "..."


def loadavg():
    try:
        with open("/proc/loadavg") as f:
            return " ".join(f.read().split()[:3])
    except OSError:
        return "?"


def mib(kb):
    return "?" if kb is None else f"{kb / 1024:.1f} MiB"


class Lister:
    def __init__(self, name, label):
        self.name = name
        self.label = label
        self.walls = []  # counted runs only
        self.loops = []  # in-process loop seconds (python listers)
        self.pages = []
        self.counts = []
        self.error = None
        self.skipped = None

    def ok(self):
        return self.error is None and self.skipped is None and self.walls


def run_python_lister(lister, args, env):
    cmd = [sys.executable, os.path.abspath(__file__), lister.name, args.base_url]
    started = time.perf_counter()
    proc = subprocess.run(cmd, env=env, capture_output=True, timeout=args.timeout)
    wall = time.perf_counter() - started
    if proc.returncode != 0:
        raise RuntimeError(f"exit {proc.returncode}: {proc.stderr.decode(errors='replace')[-2000:]}")
    result = json.loads(proc.stdout.decode().strip().splitlines()[-1])
    return wall, result


def run_cli(args, env):
    """`$BIN --api-base URL --pace off list invites --json | wc -l`, timed as a whole."""
    cli = [args.cli, "--api-base", args.base_url, "--pace", "off", "list", "invites", "--json"]
    with tempfile.TemporaryFile() as errfile:
        started = time.perf_counter()
        producer = subprocess.Popen(cli, env=env, stdout=subprocess.PIPE, stderr=errfile)
        counter = subprocess.Popen(["wc", "-l"], stdin=producer.stdout, stdout=subprocess.PIPE)
        producer.stdout.close()  # wc holds the read end now
        try:
            counted, _ = counter.communicate(timeout=args.timeout)
            producer.wait(timeout=args.timeout)
        except subprocess.TimeoutExpired:
            producer.kill()
            counter.kill()
            producer.wait()
            counter.wait()
            raise RuntimeError(f"timed out after {args.timeout} s")
        wall = time.perf_counter() - started
        errfile.seek(0)
        err = errfile.read()
    if producer.returncode != 0:
        raise RuntimeError(f"exit {producer.returncode}: {err.decode(errors='replace')[-2000:]}")
    return wall, {"count": int(counted.split()[0]), "pages": None, "loop_s": None}


def fmt(x, digits=3):
    return "-" if x is None else f"{x:.{digits}f}"


def driver(args):
    env = dict(os.environ)
    env["SLACK_TOKEN"] = token_from_env()
    env.pop("SLACK_API_BASE", None)  # --api-base is given explicitly
    env["PYTHONDONTWRITEBYTECODE"] = "1"

    listers = [
        Lister("sdk", "a. Python slack_sdk WebClient"),
        Lister("bare", "b. bare keep-alive loop (floor)"),
        Lister("cli", "c. connect-triage CLI"),
    ]
    by_name = {l.name: l for l in listers}
    if args.skip_cli:
        by_name["cli"].skipped = args.skip_cli

    mem_start = proc_status(args.emulator_pid)
    load_start = loadavg()
    total = args.warmup + args.runs
    print(
        f"compare-sdk: {args.expect} invites, page size {PAGE_SIZE}, "
        f"{args.warmup} warm-up + {args.runs} counted runs each, interleaved; "
        f"load average {load_start}",
        flush=True,
    )
    for i in range(total):
        counted = i >= args.warmup
        tag = f"run {i - args.warmup + 1}/{args.runs}" if counted else f"warm-up {i + 1}/{args.warmup}"
        line = [f"  {tag}:"]
        if not alive(args.emulator_pid):
            print(f"  {tag}: the emulator (pid {args.emulator_pid}) is gone; stopping", flush=True)
            for l in listers:
                if l.error is None and l.skipped is None:
                    l.error = "the emulator exited"
            break
        for l in listers:
            if l.error or l.skipped:
                continue
            try:
                if l.name == "cli":
                    wall, res = run_cli(args, env)
                else:
                    wall, res = run_python_lister(l, args, env)
            except (RuntimeError, subprocess.TimeoutExpired, ValueError, IndexError) as e:
                l.error = str(e).strip()
                line.append(f"{l.name} FAILED")
                continue
            if res["count"] != args.expect:
                l.error = f"saw {res['count']} invites, expected {args.expect}"
            if counted:
                l.walls.append(wall)
                l.counts.append(res["count"])
                if res["loop_s"] is not None:
                    l.loops.append(res["loop_s"])
                    l.pages.append(res["pages"])
            line.append(f"{l.name} {wall:.3f}s ({res['count']})")
        print(" ".join(line), flush=True)
    mem_end = proc_status(args.emulator_pid)
    load_end = loadavg()

    # --- the table ---------------------------------------------------------
    print()
    print(f"{'lister':34} {'runs':>4} {'min s':>8} {'median s':>9} {'max s':>8}  invites")
    for l in listers:
        if l.skipped:
            print(f"{l.label:34}    SKIPPED: {l.skipped}")
            continue
        if not l.walls:
            print(f"{l.label:34}    FAILED: {last_line(l.error)}")
            continue
        seen = ",".join(sorted({str(c) for c in l.counts}))
        print(
            f"{l.label:34} {len(l.walls):>4} {min(l.walls):>8.3f} "
            f"{statistics.median(l.walls):>9.3f} {max(l.walls):>8.3f}  {seen}"
            + ("" if l.error is None else f"  FAILED: {last_line(l.error)}")
        )

    print()
    print(f"{'ratio':12} {'of medians':>10} {'of mins':>8} {'target':>8}  verdict")
    sdk, bare, cli = by_name["sdk"], by_name["bare"], by_name["cli"]
    for name, other, target in (("CLI / SDK", sdk, 0.25), ("CLI / bare", bare, 1.5)):
        if cli.ok() and other.ok() and cli.error is None and other.error is None:
            med = statistics.median(cli.walls) / statistics.median(other.walls)
            lo = min(cli.walls) / min(other.walls)
            verdict = "PASS" if med <= target else "MISS"
            print(f"{name:12} {med:>10.3f} {lo:>8.3f} {'<= ' + str(target):>8}  {verdict}")
        else:
            why = "CLI skipped" if cli.skipped else "a lister failed"
            print(f"{name:12} {'-':>10} {'-':>8} {'<= ' + str(target):>8}  n/a ({why})")

    print()
    if bare.loops:
        rates = [p / s for p, s in zip(bare.pages, bare.loops)]
        med_rate = statistics.median(rates)
        print(
            f"emulator serves pages: {med_rate:.1f} pages/s median, {max(rates):.1f} best "
            f"({PAGE_SIZE} invites a page, {bare.pages[0]} pages a listing, "
            f"{1000 / med_rate:.2f} ms a page; bare loop, one connection)"
        )
    print(
        f"emulator memory (pid {args.emulator_pid}): after all runs VmHWM {mib(mem_end['VmHWM'])}, "
        f"VmRSS {mib(mem_end['VmRSS'])}; after start-up VmHWM {mib(mem_start['VmHWM'])}, "
        f"VmRSS {mib(mem_start['VmRSS'])}"
    )
    print(f"load average: {load_start} at start, {load_end} at end (2 cores; above ~1 the figures are noisy)")

    failed = [l for l in listers if l.error is not None]
    for l in failed:
        print(f"compare-sdk: {l.label} FAILED:\n{l.error}", file=sys.stderr)
    return 1 if failed else 0


def main():
    if len(sys.argv) >= 2 and sys.argv[1] in ("sdk", "bare"):
        if len(sys.argv) != 3:
            sys.exit(f"usage: bench.py {sys.argv[1]} BASE_URL   (token in $SLACK_TOKEN)")
        fn = list_sdk if sys.argv[1] == "sdk" else list_bare
        print(json.dumps(fn(sys.argv[2])))
        return 0
    p = argparse.ArgumentParser(prog="bench.py run", description="time the three listers")
    p.add_argument("mode", choices=["run"])
    p.add_argument("--base-url", required=True)
    p.add_argument("--cli", required=True, help="the connect-triage binary")
    p.add_argument("--emulator-pid", type=int, required=True)
    p.add_argument("--expect", type=int, required=True, help="invites each lister must see")
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--warmup", type=int, default=1)
    p.add_argument("--timeout", type=float, default=600, help="seconds one lister run may take")
    p.add_argument("--skip-cli", default=None, help="why the CLI lister is skipped")
    return driver(p.parse_args())


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:  # `| head`: the reader has gone
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
