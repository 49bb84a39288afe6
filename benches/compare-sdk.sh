#!/usr/bin/env bash
# compare-sdk.sh: how fast does `connect-triage list invites` page through a
# large org, next to Slack's own Python SDK and next to the fastest a client
# could go against the same emulator?
#
# A documented bench, NOT part of CI. It needs the release binary, which it
# does not build:
#
#     cargo build --release
#     bash benches/compare-sdk.sh            # from the repo root, or from anywhere
#
# What it does:
#   1. makes a Python venv in target/compare-sdk-venv (reused when present) and
#      pip-installs slack-sdk into it (needs the Python package index once);
#   2. starts ONE emulator from target/release/connect-triage:
#        emulator --addr 127.0.0.1:0 --rate-limits off
#                 --generate invites=$INVITES,requests=10000,teams=2000,channels=20000
#      and reads its base URL and admin token from the banner it prints;
#   3. lists every invite (conversations.listConnectInvites, count=500, until
#      response_metadata.next_cursor is empty) with three listers, interleaved,
#      each timed as a whole process, $WARMUP warm-up + $RUNS counted runs:
#        a. slack_sdk.WebClient(base_url=...).conversations_listConnectInvites
#        b. a bare kept-alive http.client loop that only regex-finds the next
#           cursor (no JSON parsing): the floor the emulator allows
#        c. SLACK_TOKEN=... connect-triage --api-base URL --pace off list invites --json | wc -l
#           (skipped, saying so, while the binary has no --pace flag)
#      and checks that each saw all $INVITES invites;
#   4. prints min/median/max seconds per lister, CLI/SDK (target <= 0.25) and
#      CLI/bare (target <= 1.5) marked PASS or MISS, the pages/s the emulator
#      serves (from the bare loop) and the emulator's VmHWM/VmRSS after all runs.
#
# How long: with 100000 invites (200 pages, ~115 MB of JSON a listing) about
# a minute on a quiet 2-core machine, most of it the SDK's runs. Numbers taken
# while something else (a cargo build) loads the machine are noisy: the load
# average is printed at the start and the end.
#
# Environment:
#   INVITES=100000   invites to generate (and to expect from each lister)
#   RUNS=5           counted runs of each lister
#   WARMUP=1         runs of each lister before the counted ones
#   PYTHON=python3   the interpreter the venv is made from
#   TIMEOUT=600      seconds one lister run may take
#
# Exit status: 0 when every lister ran and saw every invite (targets missed
# are only marked MISS); 1 when the binary is missing, the emulator did not
# start, or a lister failed or saw a different number of invites; 2 bad usage.

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

BIN=./target/release/connect-triage
VENV=target/compare-sdk-venv
HELPER=benches/compare-sdk/bench.py
INVITES="${INVITES:-100000}"
RUNS="${RUNS:-5}"
WARMUP="${WARMUP:-1}"
PYTHON="${PYTHON:-python3}"
TIMEOUT="${TIMEOUT:-600}"

say() { printf 'compare-sdk: %s\n' "$*" >&2; } # trouble, on stderr
note() { printf 'compare-sdk: %s\n' "$*"; }     # progress, on stdout

if [[ $# -gt 0 ]]; then
    case "$1" in
        -h | --help) sed -n '2,/^$/s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; exit 0 ;;
        *) say "takes no arguments (see the comment at the top, or --help)"; exit 2 ;;
    esac
fi
for var in INVITES RUNS TIMEOUT; do
    if ! [[ ${!var} =~ ^[1-9][0-9]*$ ]]; then
        say "$var=${!var}: expected a positive whole number"
        exit 2
    fi
done
if ! [[ $WARMUP =~ ^[0-9]+$ ]]; then
    say "WARMUP=$WARMUP: expected a whole number"
    exit 2
fi

if [[ ! -x $BIN ]]; then
    say "$ROOT/${BIN#./} is missing: build it first with 'cargo build --release' (this bench does not build)"
    exit 1
fi

# --- 1. the venv --------------------------------------------------------------
if [[ ! -x $VENV/bin/python ]]; then
    note "making the venv $VENV"
    "$PYTHON" -m venv "$VENV"
elif ! "$VENV/bin/python" -c '' 2>/dev/null; then
    note "the venv $VENV does not run (its Python moved?); making it again"
    "$PYTHON" -m venv --clear "$VENV"
fi
if ! "$VENV/bin/python" -c 'import slack_sdk' 2>/dev/null; then
    note "installing slack-sdk into $VENV"
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check slack-sdk
fi
SDK_VERSION="$("$VENV/bin/python" -c 'import slack_sdk.version as v; print(v.__version__)')"

# --- 2. one emulator ----------------------------------------------------------
WORK="$(mktemp -d "${TMPDIR:-/tmp}/compare-sdk.XXXXXX")"
EMU_PID=""
cleanup() {
    if [[ -n $EMU_PID ]] && kill -0 "$EMU_PID" 2>/dev/null; then
        kill "$EMU_PID" 2>/dev/null || true
        wait "$EMU_PID" 2>/dev/null || true
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

GENERATE="invites=$INVITES,requests=10000,teams=2000,channels=20000"
STARTED_NS="$(date +%s%N)"
"$BIN" emulator --addr 127.0.0.1:0 --generate "$GENERATE" --rate-limits off \
    >"$WORK/emulator.out" 2>"$WORK/emulator.err" &
EMU_PID=$!

# The banner (URL, then one `token TOKEN scopes=...` line per token) comes in
# one write once the dataset is generated and the socket listens.
BASE_URL=""
for _ in $(seq 1 1200); do # up to 120 s
    if grep -q '^token ' "$WORK/emulator.out" 2>/dev/null; then
        BASE_URL="$(awk '/ listening on /{print $NF; exit}' "$WORK/emulator.out")"
        break
    fi
    if ! kill -0 "$EMU_PID" 2>/dev/null; then
        break
    fi
    sleep 0.1
done
if [[ -z $BASE_URL ]]; then
    say "the emulator did not start (no banner after 120 s, or it exited); its output:"
    cat "$WORK/emulator.out" "$WORK/emulator.err" >&2 || true
    exit 1
fi
# The admin token: the one with the most scopes (the first holds them all).
TOKEN="$(awk '/^token /{n = split($3, s, ","); if (n > best) {best = n; tok = $2}} END {print tok}' \
    "$WORK/emulator.out")"
if [[ -z $TOKEN ]]; then
    say "no token in the emulator's banner:"
    cat "$WORK/emulator.out" >&2
    exit 1
fi
STARTUP_MS=$((($(date +%s%N) - STARTED_NS) / 1000000))
note "emulator pid $EMU_PID at $BASE_URL ($GENERATE, up in $STARTUP_MS ms), slack_sdk $SDK_VERSION"

# --- 3. the CLI's --pace flag -------------------------------------------------
SKIP_CLI=()
HELP="$("$BIN" --help 2>&1 || true)"
if ! grep -q -- '--pace' <<<"$HELP"; then
    note "this $BIN has no --pace flag yet (connect-triage --help does not show it):"
    note "skipping lister c (connect-triage --api-base URL --pace off list invites --json);"
    note "rebuild with 'cargo build --release' once --pace has landed, then run this again"
    SKIP_CLI=(--skip-cli "binary has no --pace flag yet; rebuild once it lands")
fi

# --- 3./4. run, check, report -------------------------------------------------
status=0
SLACK_TOKEN="$TOKEN" "$VENV/bin/python" "$HELPER" run \
    --base-url "$BASE_URL" --cli "$BIN" --emulator-pid "$EMU_PID" \
    --expect "$INVITES" --runs "$RUNS" --warmup "$WARMUP" --timeout "$TIMEOUT" \
    ${SKIP_CLI[@]+"${SKIP_CLI[@]}"} || status=$?
if ! kill -0 "$EMU_PID" 2>/dev/null; then
    say "the emulator exited during the runs; its stderr:"
    cat "$WORK/emulator.err" >&2 || true
    status=1
fi
exit "$status"
