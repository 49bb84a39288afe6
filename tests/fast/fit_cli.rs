//! The scriptable decisions as a runbook runs them: the real binary against
//! the emulator on loopback, with its exit codes, `--dry-run`, the journal,
//! the log file and read-only.

use crate::support::cli::*;
use connect_triage::emulator::{InviteOutcome, RequestStatus};
use connect_triage::journal::{Outcome, Stage};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dry_run_prints_the_exact_call_and_sends_nothing() {
    let env = Env::demo().await;
    // An invite we sent: approving it must name the accepting team.
    let out = env.run(&["approve", "I0NBINV025", "--dry-run"]).await;
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = stdout(&out);
    let url = format!(
        "POST {}conversations.approveSharedInvite",
        env.emu.base_url()
    );
    assert!(text.contains(&url), "{text}");
    assert!(text.contains("  invite_id=I0NBINV025\n"), "{text}");
    assert!(text.contains("  target_team=T0HELIOS01\n"), "{text}");
    assert!(text.contains("Helios Solar") && text.contains("#helios-rooftop-solar"));
    assert!(!text.contains(&env.admin_token()), "the token never shows");

    let out = env
        .run(&[
            "request",
            "deny",
            "I0NBREQ004",
            "--message",
            "Use the vendor portal",
            "--dry-run",
        ])
        .await;
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(stdout(&out).contains("conversations.requestSharedInvite.deny"));
    assert!(stdout(&out).contains("  message=Use the vendor portal\n"));

    let out = env
        .run(&[
            "disconnect",
            "org",
            "T0MAERSK01",
            "--confirm-name",
            "Maersk Line",
            "--dry-run",
        ])
        .await;
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(stdout(&out).contains("team.externalTeams.disconnect"));
    assert!(stdout(&out).contains("  target_team=T0MAERSK01\n"));

    // Look-ups happened; not one write, and nothing journaled.
    assert!(!env.emu.request_log().is_empty());
    assert_eq!(env.writes().len(), 0, "{:?}", env.writes());
    assert!(env.journal().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn approve_with_yes_decides_once_and_journals_every_step() {
    let env = Env::demo().await;
    let out = env.run(&["approve", "I0NBINV004", "--yes"]).await;
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(
        stdout(&out).contains("Approved invite I0NBINV004 (#maersk-q1-capacity with Maersk Line)"),
        "{}",
        stdout(&out)
    );
    let state = env.emu.snapshot();
    assert_eq!(
        state.past_invite("I0NBINV004").map(|i| i.outcome),
        Some(InviteOutcome::Approved)
    );
    let writes = env.writes();
    assert_eq!(writes.len(), 1);
    assert_eq!(writes[0].method, "conversations.approveSharedInvite");
    assert_eq!(
        arg(&writes[0].args, "target_team"),
        None,
        "we are the invited side"
    );

    let journal = env.journal();
    let stages: Vec<Stage> = journal.iter().map(|r| r.stage).collect();
    assert_eq!(stages, [Stage::Queued, Stage::Sent, Stage::Outcome]);
    let last = journal.last().unwrap();
    assert_eq!(last.outcome, Some(Outcome::Ok));
    assert_eq!(last.item_id, "I0NBINV004");
    assert_eq!(last.org.as_deref(), Some("Maersk Line"));
    assert_eq!(last.channel.as_deref(), Some("maersk-q1-capacity"));
    assert!(last.who.is_some() && last.workspace.is_some());
    let raw = std::fs::read_to_string(env.state_dir().join("journal.jsonl")).unwrap();
    assert!(!raw.contains(&env.admin_token()));

    // The log file has the calls, with status and timing, never the token.
    let log = std::fs::read_to_string(env.state_dir().join("connect-triage.log")).unwrap();
    let call = log
        .lines()
        .find(|l| l.contains("conversations.approveSharedInvite"))
        .expect("the write is logged");
    for field in ["status=200", "duration_ms=", "wait_ms="] {
        assert!(call.contains(field), "{call}");
    }
    assert!(!log.contains(&env.admin_token()));

    // Decided already: no longer pending, a usage error, nothing sent.
    let again = env.run(&["approve", "I0NBINV004", "--yes"]).await;
    assert_eq!(code(&again), 2, "{}", stderr(&again));
    assert!(stderr(&again).contains("no pending invitation I0NBINV004"));
    assert_eq!(env.writes().len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requests_and_channels_are_decided_as_the_tui_does() {
    let env = Env::demo().await;
    let out = env
        .run(&[
            "request",
            "deny",
            "I0NBREQ004",
            "--message",
            "Use the vendor portal",
            "--yes",
        ])
        .await;
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let request = env.emu.snapshot().request("I0NBREQ004").cloned().unwrap();
    assert_eq!(request.status, RequestStatus::Denied);
    assert_eq!(
        request.deny_message.as_deref(),
        Some("Use the vendor portal")
    );

    // Three orgs share #freight-partners-consortium: say which one leaves.
    let out = env
        .run(&["disconnect", "channel", "C0NBCH0016", "--yes"])
        .await;
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("--team"), "{}", stderr(&out));
    let out = env
        .run(&[
            "disconnect",
            "channel",
            "C0NBCH0016",
            "--team",
            "T0DHLSC001",
            "--yes",
        ])
        .await;
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let channel = env.emu.snapshot().channel("C0NBCH0016").cloned().unwrap();
    assert!(
        !channel
            .connected_team_ids
            .contains(&"T0DHLSC001".to_owned())
    );
    let writes = env.writes();
    assert_eq!(writes.len(), 2, "{writes:?}");
    assert_eq!(arg(&writes[1].args, "leaving_team_ids"), Some("T0DHLSC001"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn disconnecting_an_org_needs_its_exact_name() {
    let env = Env::demo().await;
    for wrong in ["maersk line", "Maersk", "T0MAERSK01"] {
        let out = env
            .run(&[
                "--grace",
                "0",
                "disconnect",
                "org",
                "T0MAERSK01",
                "--confirm-name",
                wrong,
            ])
            .await;
        assert_eq!(code(&out), 2, "{wrong}: {}", stderr(&out));
        assert!(stderr(&out).contains("does not match"), "{}", stderr(&out));
    }
    assert!(env.writes().is_empty());
    let out = env
        .run(&[
            "--grace",
            "0",
            "disconnect",
            "org",
            "T0MAERSK01",
            "--confirm-name",
            "Maersk Line",
        ])
        .await;
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let org = env.emu.snapshot().org("T0MAERSK01").cloned().unwrap();
    assert_eq!(org.connection_status.as_deref(), Some("DISCONNECTED"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refusals_are_usage_errors_and_send_nothing() {
    let env = Env::demo().await;
    // No terminal to ask on, no --yes.
    let out = env.run(&["approve", "I0NBINV004"]).await;
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("--yes"), "{}", stderr(&out));
    // Waiting on the other org, not on us.
    let out = env.run(&["decline", "I0NBINV011", "--yes"]).await;
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("waits on the other org"));
    // A message Slack would refuse.
    let long = "x".repeat(561);
    let out = env
        .run(&["request", "deny", "I0NBREQ004", "--message", &long, "--yes"])
        .await;
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("560"));
    // clap's own usage errors are exit code 2 as well.
    let out = env.run(&["approve"]).await;
    assert_eq!(code(&out), 2);
    assert!(env.writes().is_empty());
    assert!(env.journal().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn read_only_refuses_before_touching_the_network() {
    let env = Env::demo().await;
    let out = env
        .run(&["--read-only", "approve", "I0NBINV004", "--yes"])
        .await;
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("read-only"), "{}", stderr(&out));
    // The config's read_only does the same.
    env.write_config("read_only = true\n");
    let out = env
        .run(&["disconnect", "channel", "C0NBCH0011", "--yes"])
        .await;
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("read-only"), "{}", stderr(&out));
    assert!(env.emu.request_log().is_empty(), "not even a look-up");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_broken_config_stops_writes_and_names_the_line() {
    let env = Env::demo().await;
    env.write_config("grace_seconds = 0\nread_olny = true\n");
    let out = env.run(&["approve", "I0NBINV004", "--yes"]).await;
    assert_eq!(code(&out), 2);
    let err = stderr(&out);
    assert!(err.contains("line 2") && err.contains("read_olny"), "{err}");
    assert!(err.contains("did you mean \"read_only\""), "{err}");
    assert!(env.emu.request_log().is_empty());
    // `config` checks the file the same way.
    let out = env.run(&["config"]).await;
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("line 2"));
    env.write_config("grace_seconds = 0\n");
    let out = env.run(&["config"]).await;
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(stdout(&out).contains("OK"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slack_errors_exit_1_with_the_code_and_the_scope() {
    let env = Env::demo().await;
    let limited = env
        .emu
        .tokens()
        .into_iter()
        .find(|t| {
            t.has_scope("admin.conversations:read") && !t.has_scope("admin.conversations:write")
        })
        .or_else(|| {
            env.emu
                .tokens()
                .into_iter()
                .find(|t| !t.has_scope("admin.conversations:write"))
        })
        .expect("a token without admin.conversations:write");
    let out = env
        .run_as(
            &limited.token,
            &["disconnect", "channel", "C0NBCH0011", "--yes"],
        )
        .await;
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("missing_scope"), "{err}");
    assert!(err.contains("admin.conversations:write"), "{err}");
    assert!(!err.contains(&limited.token));
    let failed = env.journal();
    assert_eq!(
        failed.last().and_then(|r| r.outcome.clone()),
        Some(Outcome::Error("missing_scope".into()))
    );
    // A bad token: Slack's code, exit 1.
    let out = env
        .run_as("xoxp-not-a-real-token", &["approve", "I0NBINV004", "--yes"])
        .await;
    assert_eq!(code(&out), 1);
    assert!(stderr(&out).contains("invalid_auth"), "{}", stderr(&out));
}
