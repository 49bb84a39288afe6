//! The command line and the config can't trap or mislead: a config with no
//! way out is refused, a config that is not a small regular file is not
//! read, a bad token or ID is a usage error said before any call, a token
//! on the command line is never echoed, and the emulator warns before it
//! serves admin tokens beyond this machine.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use crate::support::cli::*;

fn run_plain(args: &[&str], envs: &[(&str, &str)]) -> std::process::Output {
    let dir = tempfile::tempdir().unwrap();
    let mut command = Command::new(BIN);
    command
        .args(args)
        .env_remove("SLACK_TOKEN")
        .env_remove("RUST_LOG")
        .env("XDG_STATE_HOME", dir.path().join("state"))
        .env("XDG_CONFIG_HOME", dir.path().join("config"))
        .stdin(Stdio::null());
    for (key, value) in envs {
        command.env(key, value);
    }
    command.output().unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn config_refuses_a_keymap_that_leaves_no_way_out() {
    let env = Env::demo().await;
    let path = env.write_config(
        "[keys]\nquit = [\"f99\"]\nback = [\"f99\"]\ncancel = [\"f99\"]\nrefresh = [\"ctrl+c\"]\n",
    );
    let output = env.run(&["config"]).await;
    assert_eq!(code(&output), 2, "{}", stderr(&output));
    let err = stderr(&output);
    let path = path.display().to_string();
    for line in [2, 3, 4] {
        assert!(
            err.contains(&format!(
                "{path} line {line}: \"f99\" is no key a terminal sends"
            )),
            "{err}"
        );
    }
    assert!(err.contains("line 5: ctrl+c always quits"), "{err}");
    assert!(err.contains("4 problem(s)"), "{err}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_config_that_is_a_fifo_is_refused_at_once() {
    let env = Env::demo().await;
    let path = env.dir.path().join("fifo.toml");
    let c_path = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o600) }, 0);
    // No writer ever opens it: reading it would hang for good, so the
    // test gives up (and fails) rather than hang with it.
    let mut child = Command::new(BIN)
        .args(["config", "--config", path.to_str().unwrap()])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while child.try_wait().unwrap().is_none() {
        if std::time::Instant::now() > deadline {
            child.kill().unwrap();
            panic!("reading a FIFO as the config hung");
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    let output = child.wait_with_output().unwrap();
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output).contains("it is a FIFO, not a regular file"),
        "{}",
        stderr(&output)
    );
    let output = env.run(&["config", "--config", "/dev/zero"]).await;
    assert!(stderr(&output).contains("it is a device"));
}

#[test]
fn a_token_with_control_characters_is_a_usage_error_that_shows_none_of_it() {
    let output = run_plain(
        &["list", "invites"],
        &[
            ("SLACK_TOKEN", "xoxb-12\u{1b}[2J34-secret"),
            ("SLACK_API_BASE", "http://127.0.0.1:9/api/"),
        ],
    );
    assert_eq!(code(&output), 2, "{}", stderr(&output));
    let err = stderr(&output);
    assert!(err.contains("the token in $SLACK_TOKEN holds"), "{err}");
    assert!(!err.contains("secret") && !err.contains("xoxb-12"), "{err}");
    assert!(!err.contains("network"), "{err}");
}

#[test]
fn a_token_typed_as_an_argument_is_never_echoed() {
    let token = "xoxb-111-222-SeCrEtVaLuE";
    for args in [
        vec![token],
        vec!["list", token],
        vec!["list", "invites", token],
        vec!["approve", "--token", token],
        vec![&*format!("--token={token}")],
    ] {
        let output = run_plain(&args, &[]);
        assert_eq!(code(&output), 2, "{args:?}");
        let err = stderr(&output);
        assert!(!err.contains("SeCrEt"), "{args:?} echoed the token:\n{err}");
        assert!(err.contains("never read from the command line"), "{err}");
    }
    // Help still prints as it always did.
    let output = run_plain(&["--help"], &[]);
    assert_eq!(code(&output), 0);
    assert!(stdout(&output).contains("Usage:"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ids_are_trimmed_and_an_empty_one_costs_no_call() {
    let env = Env::demo().await;
    let output = env.run(&["approve", " I0NBINV004 ", "--dry-run"]).await;
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(
        stdout(&output).contains("invite_id=I0NBINV004"),
        "{}",
        stdout(&output)
    );

    let before = env.emu.request_log().len();
    for args in [
        &["approve", "  "][..],
        &["request", "deny", ""],
        &["disconnect", "channel", "C0NBCH0011", "--team", " "],
        &["disconnect", "org", "T\u{1b}[2J", "--confirm-name", "x"],
    ] {
        let output = env.run(args).await;
        assert_eq!(code(&output), 2, "{args:?}");
        let err = stderr(&output);
        assert!(
            err.contains("an ID cannot be empty") || err.contains("letters and digits only"),
            "{args:?}: {err}"
        );
        assert!(!err.contains('\u{1b}'), "{err:?}");
    }
    assert_eq!(env.emu.request_log().len(), before, "no call was made");
}

#[test]
fn generating_more_than_the_cap_is_a_usage_error() {
    let output = run_plain(&["emulator", "--generate", "invites=1000000000"], &[]);
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output)
            .contains("invites=1000000000 is more than the emulator makes: at most 1000000"),
        "{}",
        stderr(&output)
    );
    assert!(output.stdout.is_empty());
}

/// The emulator's first stdout line and everything it wrote to stderr by
/// then (the warning comes before the banner), then it is stopped.
fn banner_and_stderr(addr: &str) -> (String, String) {
    let mut child = Command::new(BIN)
        .args(["emulator", "--addr", addr, "--rate-limits", "off"])
        .env_remove("RUST_LOG")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    child.kill().unwrap();
    let output = child.wait_with_output().unwrap();
    (first, String::from_utf8(output.stderr).unwrap())
}

#[test]
fn the_emulator_warns_on_an_address_others_can_reach() {
    let (first, warning) = banner_and_stderr("0.0.0.0:0");
    assert!(
        first.starts_with("connect-triage emulator listening on http://0.0.0.0:"),
        "{first:?}"
    );
    assert!(
        warning.contains("warning: 0.0.0.0:0 is not a loopback address"),
        "{warning:?}"
    );
    let (first, warning) = banner_and_stderr("127.0.0.1:0");
    assert!(first.starts_with("connect-triage emulator listening on http://127.0.0.1:"));
    assert!(warning.is_empty(), "no warning on loopback: {warning:?}");
}

#[test]
fn the_dashboard_without_a_terminal_says_so_instead_of_crashing() {
    for args in [&["demo"][..], &["demo", "--org"][..]] {
        let output = run_plain(args, &[]);
        assert_eq!(code(&output), 2, "{args:?}: {}", stderr(&output));
        let err = stderr(&output);
        assert!(err.contains("needs a terminal"), "{err}");
        assert!(!err.contains("panicked"), "{err}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn grace_is_capped_like_the_config_and_refused_above() {
    for huge in ["601", "9300000000000000", "18446744073709551615"] {
        let out = run_plain(
            &["--grace", huge, "approve", "I0NBINV004", "--dry-run"],
            &[],
        );
        assert_eq!(out.status.code(), Some(2), "--grace {huge}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("0..=600"), "--grace {huge}: {err}");
    }
    // At the cap it is taken (the dry run shows the call and sends nothing).
    let env = Env::demo().await;
    let out = env
        .run(&["--grace", "600", "approve", "I0NBINV004", "--dry-run"])
        .await;
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(env.writes().is_empty());
}

/// One decision per item at a time, on the command line too: an earlier
/// decision sent without a reliable answer may have been applied, so a
/// second one on that item is refused before anything is asked or sent.
#[tokio::test]
async fn a_decision_on_an_item_whose_last_outcome_is_unknown_is_refused() {
    use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
    let env = Env::demo().await;
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(env.state_dir())
        .unwrap();
    let mut sent = connect_triage::journal::JournalRecord::new(
        "1767225600-1-1".into(),
        connect_triage::journal::JournalAction::ApproveInvite,
        "I0NBINV004",
        crate::common::NOW,
    );
    sent.stage = connect_triage::journal::Stage::Sent;
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .mode(0o600)
        .open(env.state_dir().join("journal.jsonl"))
        .unwrap();
    std::io::Write::write_all(&mut file, format!("{}\n", sent.to_line()).as_bytes()).unwrap();
    for args in [
        ["decline", "I0NBINV004", "--yes"],
        ["approve", "I0NBINV004", "--yes"],
    ] {
        let out = env.run(&args).await;
        assert_eq!(code(&out), 1, "{args:?}: {}", stderr(&out));
        let said = stderr(&out);
        assert!(
            said.contains("I0NBINV004 already has a decision with no reliable answer"),
            "{said}"
        );
        assert!(said.contains("nothing was sent"), "{said}");
        assert!(!said.contains("retr"), "{said}");
    }
    assert!(env.writes().is_empty());
    assert_eq!(env.journal().len(), 1, "nothing new journaled");
    // Another item is decided as usual.
    let out = env.run(&["approve", "I0NBINV001", "--yes"]).await;
    assert!(
        !stderr(&out).contains("no reliable answer"),
        "{}",
        stderr(&out)
    );
}
