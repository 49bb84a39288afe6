//! The real binary in a pseudo-terminal: the bytes it writes under
//! `NO_COLOR` hold no colour codes and, with `--ascii`, no box drawing; and
//! a decision command asks on the terminal, counts its grace period down on
//! stderr, and Ctrl-C takes it back before anything is sent.

use connect_triage::emulator::RunningEmulator;
use connect_triage::journal::{Journal, Outcome, Stage};
use nix::sys::signal::Signal;

use crate::common::{demo_emulator, writes};
use crate::support::Pty;

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
    let mut args = extra.to_vec();
    args.push("demo");
    let mut pty = Pty::spawn(&args, &[("NO_COLOR", no_color)], dir);
    pty.wait_for_bytes("Awaiting us", 0);
    // Open a dialog too, so its border and the editor are drawn.
    let at = pty.type_keys("2");
    pty.wait_for_bytes("REQUESTER", at);
    let at = pty.type_keys("d");
    pty.wait_for_bytes("characters", at);
    let at = pty.type_keys("\x1b");
    // The screen is drawn as a diff: words arrive apart.
    pty.wait_for_bytes("Cancelled", at);
    pty.type_keys("q");
    finish(pty)
}

/// Wait for the program to end: its exit code and every byte it wrote.
fn finish(mut pty: Pty) -> (i32, Vec<u8>) {
    let status = pty.wait();
    (status.code().unwrap_or(-1), pty.bytes())
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

fn approve(emu: &RunningEmulator, dir: &std::path::Path, grace: &str) -> Pty {
    let base = emu.base_url();
    Pty::spawn(
        &["--grace", grace, "approve", "I0NBINV004"],
        &[
            ("SLACK_TOKEN", emu.admin_token().expose()),
            ("SLACK_API_BASE", &base),
        ],
        dir,
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_terminal_is_asked_and_ctrl_c_takes_it_back_in_the_grace_period() {
    let emu = demo_emulator().await;
    let dir = tempfile::tempdir().unwrap();
    let journal_path = dir.path().join("state/connect-triage/journal.jsonl");
    let dir_path = dir.path().to_owned();

    // `n` at the question: cancelled, exit 2, nothing journaled or sent.
    let mut pty = approve(&emu, &dir_path, "30");
    let (code, _) = tokio::task::spawn_blocking(move || {
        pty.wait_for_bytes("Org: Maersk Line", 0);
        pty.wait_for_bytes("Type y to approve", 0);
        pty.type_keys("n\n");
        finish(pty)
    })
    .await
    .unwrap();
    assert_eq!(code, 2);
    assert_eq!(writes(&emu).len(), 0);
    assert!(!journal_path.exists());

    // `y`, then Ctrl-C while the countdown runs: taken back, never sent.
    let mut pty = approve(&emu, &dir_path, "30");
    let (code, bytes) = tokio::task::spawn_blocking(move || {
        pty.wait_for_bytes("Type y to approve", 0);
        let at = pty.type_keys("y\n");
        pty.wait_for_bytes("Sending in", at);
        pty.signal(Signal::SIGINT);
        finish(pty)
    })
    .await
    .unwrap();
    let text = String::from_utf8_lossy(&bytes);
    assert_eq!(code, 2, "{text}");
    assert!(text.contains("nothing was sent"), "{text}");
    assert_eq!(writes(&emu).len(), 0);
    let records = Journal::read_all(&journal_path).unwrap();
    let stages: Vec<Stage> = records.iter().map(|r| r.stage).collect();
    assert_eq!(stages, [Stage::Queued, Stage::Outcome]);
    assert_eq!(records[1].outcome, Some(Outcome::Undone));

    // `y`, then SIGTERM while the countdown runs: closed as dropped in the
    // journal (never left open for a later session), nothing sent, and the
    // status a shell expects after SIGTERM.
    let mut pty = approve(&emu, &dir_path, "30");
    let (code, bytes) = tokio::task::spawn_blocking(move || {
        pty.wait_for_bytes("Type y to approve", 0);
        let at = pty.type_keys("y\n");
        pty.wait_for_bytes("Sending in", at);
        pty.signal(Signal::SIGTERM);
        finish(pty)
    })
    .await
    .unwrap();
    let text = String::from_utf8_lossy(&bytes);
    assert_eq!(code, 143, "{text}");
    assert!(
        text.contains("stopped by SIGTERM before sending; nothing was sent"),
        "{text}"
    );
    assert_eq!(writes(&emu).len(), 0);
    let records = Journal::read_all(&journal_path).unwrap();
    let last = records.last().unwrap();
    assert_eq!(
        (last.stage, last.outcome.clone()),
        (Stage::Outcome, Some(Outcome::Dropped))
    );
    assert_eq!(records.len(), 4, "queued and closed, after the Ctrl-C pair");

    // `y` and a one-second grace period: sent once, after the countdown.
    let mut pty = approve(&emu, &dir_path, "1");
    let (code, bytes) = tokio::task::spawn_blocking(move || {
        pty.wait_for_bytes("Type y to approve", 0);
        pty.type_keys("y\n");
        finish(pty)
    })
    .await
    .unwrap();
    let text = String::from_utf8_lossy(&bytes);
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("Sending in 1 s"), "{text}");
    assert!(text.contains("Approved invite I0NBINV004"), "{text}");
    assert_eq!(writes(&emu).len(), 1);
}
