//! The real binary in a pseudo-terminal: the bytes it writes under
//! `NO_COLOR` hold no colour codes and, with `--ascii`, no box drawing; and
//! a decision command asks on the terminal, counts its grace period down on
//! stderr, and Ctrl-C takes it back before anything is sent.

use std::io::{Read, Write};
use std::os::fd::OwnedFd;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use connect_triage::emulator::{self, Dataset, EmulatorConfig, RateLimitMode, RunningEmulator};
use connect_triage::journal::{Journal, Outcome, Stage};
use nix::pty::{Winsize, openpty};

const BIN: &str = env!("CARGO_BIN_EXE_connect-triage");
const NOW: i64 = 1_767_225_600;

/// A child on an 80x24 pseudo-terminal, and everything it has written.
struct Pty {
    master: std::fs::File,
    child: Child,
    chunks: mpsc::Receiver<Vec<u8>>,
    output: Vec<u8>,
}

impl Pty {
    fn spawn(command: &mut Command) -> Pty {
        let size = Winsize {
            ws_row: 24,
            ws_col: 80,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        let pty = openpty(Some(&size), None).expect("a pseudo-terminal");
        let slave: OwnedFd = pty.slave;
        command
            .stdin(Stdio::from(slave.try_clone().unwrap()))
            .stdout(Stdio::from(slave.try_clone().unwrap()))
            .stderr(Stdio::from(slave));
        let child = command.spawn().expect("the binary starts");
        let master = std::fs::File::from(pty.master);
        let mut reader = master.try_clone().unwrap();
        let (tx, chunks) = mpsc::channel();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            // Ends with EIO once the child has closed its side.
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                    break;
                }
            }
        });
        Pty {
            master,
            child,
            chunks,
            output: Vec::new(),
        }
    }

    /// Read until the output holds `text` (panics after 20 s).
    fn wait_for(&mut self, text: &str) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while !String::from_utf8_lossy(&self.output).contains(text) {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.chunks.recv_timeout(left) {
                Ok(chunk) => self.output.extend(chunk),
                Err(_) => panic!("no {text:?} in:\n{}", String::from_utf8_lossy(&self.output)),
            }
        }
    }

    fn write(&mut self, bytes: &[u8]) {
        self.master.write_all(bytes).unwrap();
    }

    /// Wait for the child to exit, collecting the rest of its output.
    fn finish(mut self) -> (i32, Vec<u8>) {
        let deadline = Instant::now() + Duration::from_secs(20);
        let status = loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                break status;
            }
            assert!(Instant::now() < deadline, "the child did not exit");
            if let Ok(chunk) = self.chunks.recv_timeout(Duration::from_millis(50)) {
                self.output.extend(chunk);
            }
        };
        while let Ok(chunk) = self.chunks.recv_timeout(Duration::from_millis(200)) {
            self.output.extend(chunk);
        }
        (status.code().unwrap_or(-1), self.output)
    }
}

/// Every SGR parameter that sets a colour (30–38, 40–48, 90–97, 100–107).
fn colour_codes(bytes: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(bytes);
    let mut found = Vec::new();
    let mut rest = text.as_ref();
    while let Some(start) = rest.find("\u{1b}[") {
        rest = &rest[start + 2..];
        let end = rest
            .find(|c: char| ('\u{40}'..='\u{7e}').contains(&c))
            .unwrap_or(rest.len());
        let (params, after) = rest.split_at(end);
        if after.starts_with('m') {
            let colour = params
                .split([';', ':'])
                .filter_map(|p| p.parse::<u16>().ok())
                .any(|p| matches!(p, 30..=38 | 40..=48 | 90..=97 | 100..=107));
            if colour {
                found.push(format!("ESC[{params}m"));
            }
        }
        rest = after;
    }
    found
}

fn demo(dir: &std::path::Path, no_color: &str, extra: &[&str]) -> (i32, Vec<u8>) {
    let mut command = Command::new(BIN);
    command
        .args(extra)
        .arg("demo")
        .env("NO_COLOR", no_color)
        .env("TERM", "xterm-256color")
        .env("XDG_STATE_HOME", dir.join("state"))
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env_remove("SLACK_TOKEN");
    let mut pty = Pty::spawn(&mut command);
    pty.wait_for("Awaiting us");
    // Open a dialog too, so its border and the editor are drawn.
    pty.write(b"2");
    pty.wait_for("REQUESTER");
    pty.write(b"d");
    pty.wait_for("characters");
    pty.write(b"\x1b");
    // The screen is drawn as a diff: words arrive apart.
    pty.wait_for("Cancelled");
    pty.write(b"q");
    pty.finish()
}

#[test]
fn no_color_and_ascii_reach_the_terminal_as_promised() {
    let dir = tempfile::tempdir().unwrap();
    let (code, bytes) = demo(dir.path(), "1", &["--ascii"]);
    assert_eq!(code, 0, "{}", String::from_utf8_lossy(&bytes));
    assert_eq!(colour_codes(&bytes), Vec::<String>::new());
    let text = String::from_utf8_lossy(&bytes);
    let drawing: Vec<char> = text
        .chars()
        .filter(|c| ('\u{2500}'..='\u{259F}').contains(c) || "✓✗…".contains(*c))
        .collect();
    assert!(drawing.is_empty(), "box drawing with --ascii: {drawing:?}");
    // Reverse video still marks the selection and the active tab.
    assert!(text.contains("\u{1b}[7m"), "no reverse video at all");

    // The control: an empty NO_COLOR counts as unset (no-color.org), and
    // then the default theme draws in colour and with box drawing.
    let (code, bytes) = demo(dir.path(), "", &[]);
    assert_eq!(code, 0);
    assert!(
        !colour_codes(&bytes).is_empty(),
        "the default theme has colour"
    );
    assert!(String::from_utf8_lossy(&bytes).contains('─'));
}

async fn emulator() -> RunningEmulator {
    let mut config = EmulatorConfig::new(Dataset::demo());
    config.fixed_now = Some(NOW);
    config.rate_limits = RateLimitMode::Off;
    emulator::start(([127, 0, 0, 1], 0).into(), config)
        .await
        .expect("the emulator starts")
}

fn approve(emu: &RunningEmulator, dir: &std::path::Path, grace: &str) -> Pty {
    let mut command = Command::new(BIN);
    command
        .args(["--grace", grace, "approve", "I0NBINV004"])
        .env("SLACK_TOKEN", emu.admin_token().expose())
        .env("SLACK_API_BASE", emu.base_url())
        .env("XDG_STATE_HOME", dir.join("state"))
        .env("XDG_CONFIG_HOME", dir.join("config"));
    Pty::spawn(&mut command)
}

fn writes(emu: &RunningEmulator) -> usize {
    emu.request_log()
        .iter()
        .filter(|r| r.method == "conversations.approveSharedInvite")
        .count()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_terminal_is_asked_and_ctrl_c_takes_it_back_in_the_grace_period() {
    let emu = emulator().await;
    let dir = tempfile::tempdir().unwrap();
    let journal_path = dir.path().join("state/connect-triage/journal.jsonl");
    let dir_path = dir.path().to_owned();

    // `n` at the question: cancelled, exit 2, nothing journaled or sent.
    let mut pty = approve(&emu, &dir_path, "30");
    let (code, _) = tokio::task::spawn_blocking(move || {
        pty.wait_for("Org: Maersk Line");
        pty.wait_for("Type y to approve");
        pty.write(b"n\n");
        pty.finish()
    })
    .await
    .unwrap();
    assert_eq!(code, 2);
    assert_eq!(writes(&emu), 0);
    assert!(!journal_path.exists());

    // `y`, then Ctrl-C while the countdown runs: taken back, never sent.
    let mut pty = approve(&emu, &dir_path, "30");
    let (code, bytes) = tokio::task::spawn_blocking(move || {
        pty.wait_for("Type y to approve");
        pty.write(b"y\n");
        pty.wait_for("Sending in");
        let pid = nix::unistd::Pid::from_raw(pty.child.id() as i32);
        nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGINT).unwrap();
        pty.finish()
    })
    .await
    .unwrap();
    let text = String::from_utf8_lossy(&bytes);
    assert_eq!(code, 2, "{text}");
    assert!(text.contains("nothing was sent"), "{text}");
    assert_eq!(writes(&emu), 0);
    let records = Journal::read_all(&journal_path).unwrap();
    let stages: Vec<Stage> = records.iter().map(|r| r.stage).collect();
    assert_eq!(stages, [Stage::Queued, Stage::Outcome]);
    assert_eq!(records[1].outcome, Some(Outcome::Undone));

    // `y` and a one-second grace period: sent once, after the countdown.
    let mut pty = approve(&emu, &dir_path, "1");
    let (code, bytes) = tokio::task::spawn_blocking(move || {
        pty.wait_for("Type y to approve");
        pty.write(b"y\n");
        pty.finish()
    })
    .await
    .unwrap();
    let text = String::from_utf8_lossy(&bytes);
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("Sending in 1 s"), "{text}");
    assert!(text.contains("Approved invite I0NBINV004"), "{text}");
    assert_eq!(writes(&emu), 1);
}
