//! Every way out of the real binary, in a pseudo-terminal: `q`, SIGTERM,
//! SIGHUP and a panic. Each leaves the terminal as it found it (line
//! editing and echo on, alternate screen left, cursor shown) and no
//! decision without a record: one still in its undo window is journaled
//! as not sent. The token never reaches the terminal, not even in a panic.

#![cfg(unix)]

use crate::support::{Pty, journal};
use connect_triage::journal::{Outcome, Stage, latest_by_decision};
use nix::sys::signal::Signal;

/// The demo with one approval waiting in a 30 s undo window.
fn demo_with_a_queued_decision(home: &std::path::Path, env: &[(&str, &str)]) -> Pty {
    let mut pty = Pty::spawn(&["--grace", "30", "demo"], env, home);
    pty.wait_for("maya.ortiz", 0);
    pty.wait_for("16 awaiting us", 0);
    pty.assert_raw();
    // Second row: Maersk's incoming invite (the first expires sooner).
    let at = pty.type_keys("ja");
    pty.wait_for("Approve invite I0NBINV004?", at);
    let at = pty.type_keys("y");
    pty.wait_for("Sending in", at);
    pty
}

fn assert_dropped(home: &std::path::Path, why: &str) {
    let records = journal(home, true);
    let stages: Vec<Stage> = records.iter().map(|r| r.stage).collect();
    assert_eq!(stages, [Stage::Queued, Stage::Outcome], "{records:?}");
    let last = latest_by_decision(&records);
    assert_eq!(last[0].outcome, Some(Outcome::Dropped));
    assert!(
        last[0].reason.as_deref().unwrap_or_default().contains(why),
        "{:?}",
        last[0].reason
    );
    assert_eq!(last[0].item_id, "I0NBINV004");
}

#[test]
fn sigterm_restores_the_terminal_and_journals_the_queued_decision() {
    let home = tempfile::tempdir().unwrap();
    let mut pty = demo_with_a_queued_decision(home.path(), &[]);
    pty.signal(Signal::SIGTERM);
    let status = pty.wait();
    assert_eq!(status.code(), Some(143), "128 + SIGTERM");
    pty.assert_terminal_restored();
    assert_dropped(home.path(), "SIGTERM");
}

#[test]
fn sighup_restores_the_terminal_and_journals_the_queued_decision() {
    let home = tempfile::tempdir().unwrap();
    let mut pty = demo_with_a_queued_decision(home.path(), &[]);
    pty.signal(Signal::SIGHUP);
    let status = pty.wait();
    assert_eq!(status.code(), Some(129), "128 + SIGHUP");
    pty.assert_terminal_restored();
    assert_dropped(home.path(), "SIGHUP");
}

#[test]
fn a_dropped_connection_journals_the_queued_decision() {
    // Our end of the terminal closes: the kernel sends SIGHUP, and the
    // terminal is gone, so restoring it can only fail quietly.
    let home = tempfile::tempdir().unwrap();
    let mut pty = demo_with_a_queued_decision(home.path(), &[]);
    pty.hang_up();
    let status = pty.wait();
    assert_eq!(status.code(), Some(129), "128 + SIGHUP");
    assert_dropped(home.path(), "SIGHUP");
}

#[test]
fn quitting_asks_about_queued_decisions_and_drops_them_on_request() {
    let home = tempfile::tempdir().unwrap();
    let mut pty = demo_with_a_queued_decision(home.path(), &[]);
    let at = pty.type_keys("q");
    pty.wait_for("Quit with decisions still queued?", at);
    pty.type_keys("D");
    let status = pty.wait();
    assert_eq!(status.code(), Some(0));
    pty.assert_terminal_restored();
    assert_dropped(home.path(), "dropped on quit");
}

#[test]
fn a_panic_restores_the_terminal_journals_and_never_shows_the_token() {
    // Live mode against an emulator, so a real token is in play.
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let emulator =
        runtime
            .block_on(connect_triage::emulator::start(
                ([127, 0, 0, 1], 0).into(),
                connect_triage::emulator::EmulatorConfig::new(
                    connect_triage::emulator::Dataset::demo(),
                ),
            ))
            .unwrap();
    let token = emulator.admin_token();
    let base = emulator.base_url();
    let home = tempfile::tempdir().unwrap();
    let env = [
        ("SLACK_TOKEN", token.expose()),
        ("CONNECT_TRIAGE_DEBUG_PANIC_KEY", "!"),
    ];
    let mut pty = Pty::spawn(&["--grace", "30", "--api-base", &base], &env, home.path());
    pty.wait_for("maya.ortiz", 0);
    pty.wait_for("16 awaiting us", 0);
    // Second row: Maersk's incoming invite (the first expires sooner).
    let at = pty.type_keys("ja");
    pty.wait_for("Approve invite I0NBINV004?", at);
    let at = pty.type_keys("y");
    pty.wait_for("Sending in", at);
    let at = pty.type_keys("!");
    let status = pty.wait();
    assert_eq!(status.code(), Some(101));
    pty.wait_for_bytes("panicked", at);
    pty.assert_terminal_restored();
    let text = pty.text();
    assert!(
        !text.contains(token.expose()),
        "the token reached the terminal"
    );
    let records = journal(home.path(), false);
    let last = latest_by_decision(&records);
    assert_eq!(last.len(), 1, "{records:?}");
    assert_eq!(last[0].outcome, Some(Outcome::Dropped));
    assert!(last[0].reason.as_deref().unwrap().contains("crashed"));
    // No file the session wrote holds the token, and each is private.
    let mut files = vec![home.path().to_owned()];
    while let Some(path) = files.pop() {
        if path.is_dir() {
            for entry in std::fs::read_dir(&path).unwrap() {
                files.push(entry.unwrap().path());
            }
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        let content = String::from_utf8_lossy(&bytes);
        assert!(
            !content.contains(token.expose()),
            "{} holds the token",
            path.display()
        );
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o077;
        assert_eq!(mode, 0, "{} is readable by others", path.display());
    }
    // Nothing was sent: the decision was still in its window.
    assert!(emulator.request_log().iter().all(|r| !r.write));
    runtime.block_on(emulator.shutdown());
}
