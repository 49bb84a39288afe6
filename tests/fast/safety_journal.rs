//! The decision journal end to end: the real loop against the emulator,
//! records for every step, the undo window, a later session re-checking
//! what an earlier one left unknown, and read-only sessions that cannot
//! write at all.

use crate::common::{NOW, arg, writes};
use crate::session::{Session, Setup};
use connect_triage::app::ExitSignal;
use connect_triage::app::Msg;
use connect_triage::emulator::{InviteOutcome, RequestStatus};
use connect_triage::journal::{JournalAction, JournalRecord, Outcome, Stage, latest_by_decision};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_step_of_a_decision_is_journaled_and_never_the_token() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::start(Setup::demo(), dir.path()).await;
    s.settle().await;
    s.press("2 d").type_text("Not a vendor.");
    let screen = s.press("Enter y").settle().await;
    assert!(screen.contains("Denied request I0NBREQ005"), "{screen}");
    let records = s.journal();
    let stages: Vec<Stage> = records.iter().map(|r| r.stage).collect();
    assert_eq!(stages, [Stage::Queued, Stage::Sent, Stage::Outcome]);
    let last = records.last().unwrap();
    assert_eq!(last.outcome, Some(Outcome::Ok));
    assert_eq!(last.action, JournalAction::DenyRequest);
    assert_eq!(last.item_id, "I0NBREQ005");
    assert_eq!(last.message.as_deref(), Some("Not a vendor."));
    assert_eq!(last.who.as_deref(), Some("maya.ortiz (U0NBADM001)"));
    assert!(last.workspace.is_some() && last.team_id.is_some());
    assert!(records.iter().all(|r| r.decision_id == last.decision_id));
    // The token is nowhere in the file, and the file is private.
    let text = std::fs::read_to_string(s.journal_path()).unwrap();
    let token = s.emulator.admin_token();
    assert!(!text.contains(token.expose()));
    assert!(!text.to_lowercase().contains("xox"), "{text}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(s.journal_path()), 0o600);
        assert_eq!(mode(s.journal_path().parent().unwrap()), 0o700);
    }
    // `L` shows it.
    let screen = s.press("L").settle().await;
    assert!(screen.contains("✓ applied"), "{screen}");
    assert!(screen.contains("deny request I0NBREQ005"), "{screen}");
    s.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_undo_window_sends_late_and_u_sends_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let setup = Setup {
        grace: 5,
        ..Setup::demo()
    };
    let mut s = Session::start(setup, dir.path()).await;
    s.settle().await;
    let start = NOW * 1000;
    s.send(Msg::Clock { now_ms: start });
    // Second row: Maersk's incoming invite (the first expires sooner).
    let screen = s.press("j a y").handled().await;
    assert!(
        screen.contains("Sending in 5 s: approve invite I0NBINV004"),
        "{screen}"
    );
    // Taken back: nothing reaches the emulator, ever.
    let screen = s.press("u").settle().await;
    assert!(
        screen.contains("Taken back: approve invite I0NBINV004"),
        "{screen}"
    );
    s.send(Msg::Clock {
        now_ms: start + 60_000,
    });
    s.settle().await;
    assert!(writes(&s.emulator).is_empty());
    // Again, and this time the window runs out: sent once.
    s.send(Msg::Clock {
        now_ms: start + 61_000,
    });
    s.press("a y").handled().await;
    s.send(Msg::Clock {
        now_ms: start + 65_999,
    });
    s.handled().await;
    assert!(writes(&s.emulator).is_empty(), "not before its time");
    s.send(Msg::Clock {
        now_ms: start + 66_000,
    });
    let screen = s.settle().await;
    assert!(screen.contains("Approved invite I0NBINV004"), "{screen}");
    assert_eq!(writes(&s.emulator).len(), 1);
    let outcomes: Vec<Option<Outcome>> = latest_by_decision(&s.journal())
        .into_iter()
        .map(|r| r.outcome.clone())
        .collect();
    assert_eq!(outcomes, [Some(Outcome::Undone), Some(Outcome::Ok)]);
    s.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_signal_with_decisions_queued_journals_them_as_not_sent() {
    let dir = tempfile::tempdir().unwrap();
    let setup = Setup {
        grace: 5,
        ..Setup::demo()
    };
    let mut s = Session::start(setup, dir.path()).await;
    s.settle().await;
    s.send(Msg::Clock { now_ms: NOW * 1000 });
    s.press("a y 2 d Enter y").handled().await;
    s.send(Msg::Signal(ExitSignal::Hangup));
    let journal_path = s.journal_path().to_owned();
    let (app, emulator) = s.ended().await;
    assert_eq!(app.exit_signal, Some(ExitSignal::Hangup));
    assert!(writes(&emulator).is_empty());
    let records = connect_triage::journal::Journal::read_all(&journal_path).unwrap();
    let last = latest_by_decision(&records);
    assert_eq!(last.len(), 2);
    for record in last {
        assert_eq!(record.outcome, Some(Outcome::Dropped), "{record:?}");
        assert!(record.reason.as_deref().unwrap().contains("SIGHUP"));
    }
}

/// A decision whose `sent` record is the last: the session that sent it died.
fn left_open(
    action: JournalAction,
    item: &str,
    org: Option<&str>,
    channel: Option<&str>,
) -> JournalRecord {
    let mut record = JournalRecord::new(format!("earlier-{item}"), action, item, NOW - 60);
    record.team_id = Some("E0NBORG001".into());
    record.org_id = org.map(str::to_owned);
    record.channel_id = channel.map(str::to_owned);
    record.summary = Some(format!("{} {item}", action.words()));
    record.next(Stage::Sent, None, NOW - 59)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_later_session_rechecks_what_an_earlier_one_left_unknown() {
    let dir = tempfile::tempdir().unwrap();
    // The earlier session's approval of I0NBINV004 and denial of I0NBREQ005
    // reached Slack; its approval of I0NBREQ001 did not.
    let s = Session::start(Setup::demo(), dir.path()).await;
    let (_, emulator) = s.quit().await;
    let client =
        connect_triage::slack::SlackClient::new(&emulator.base_url(), emulator.admin_token())
            .unwrap();
    client.approve_invite("I0NBINV004", None).await.unwrap();
    client.deny_request("I0NBREQ005", None).await.unwrap();
    let invite = emulator
        .snapshot()
        .past_invite("I0NBINV004")
        .unwrap()
        .clone();
    let channel = invite.invite.channel().unwrap().id.clone();
    let inviter = invite.invite.inviting_team().unwrap().id.clone();
    let earlier = vec![
        left_open(
            JournalAction::ApproveInvite,
            "I0NBINV004",
            Some(&inviter),
            Some(&channel),
        ),
        left_open(JournalAction::DenyRequest, "I0NBREQ005", None, None),
        left_open(JournalAction::ApproveRequest, "I0NBREQ001", None, None),
    ];
    let before = writes(&emulator).len();
    let setup = Setup {
        earlier,
        ..Setup::demo()
    };
    let mut s = Session::on(emulator, setup, dir.path()).await;
    let screen = s.settle().await;
    let words = screen.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.contains("Re-checked with Slack 3 decision(s) an earlier session left unknown: 2 applied, 1 not applied"),
        "{screen}"
    );
    let records = s.journal();
    let find = |id: &str| {
        records
            .iter()
            .find(|r| r.decision_id == format!("earlier-{id}"))
            .unwrap_or_else(|| panic!("{id}: {records:?}"))
    };
    assert_eq!(find("I0NBINV004").outcome, Some(Outcome::Ok));
    assert!(find("I0NBINV004").reconciled);
    assert_eq!(find("I0NBREQ005").outcome, Some(Outcome::Ok));
    assert_eq!(find("I0NBREQ001").outcome, Some(Outcome::NotApplied));
    // Re-checking reads; it never sends anything again.
    assert_eq!(writes(&s.emulator).len(), before);
    let state = s.emulator.snapshot();
    assert_eq!(
        state.request("I0NBREQ001").unwrap().status,
        RequestStatus::Pending
    );
    assert_eq!(
        state.past_invite("I0NBINV004").unwrap().outcome,
        InviteOutcome::Approved
    );
    s.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn read_only_sessions_send_nothing_whatever_the_keys() {
    let dir = tempfile::tempdir().unwrap();
    let setup = Setup {
        read_only: true,
        ..Setup::demo()
    };
    let mut s = Session::start(setup, dir.path()).await;
    s.settle().await;
    for keys in [
        "1 a y",
        "1 d y",
        "2 a Enter y",
        "2 d Enter y",
        "3 X",
        "4 X y",
    ] {
        let screen = s.press(keys).settle().await;
        assert!(screen.contains("Read-only session"), "{keys}:\n{screen}");
        s.press("Esc Esc");
    }
    assert!(writes(&s.emulator).is_empty());
    assert!(s.journal().is_empty());
    s.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_read_only_client_refuses_writes_without_sending() {
    // Below the app: even a write effect that reached the worker cannot
    // leave the process once the client forbids writes.
    let emulator = connect_triage::emulator::start(
        ([127, 0, 0, 1], 0).into(),
        connect_triage::emulator::EmulatorConfig::new(connect_triage::emulator::Dataset::demo()),
    )
    .await
    .unwrap();
    let client =
        connect_triage::slack::SlackClient::new(&emulator.base_url(), emulator.admin_token())
            .unwrap();
    client.forbid_writes();
    let error = client.approve_invite("I0NBINV004", None).await.unwrap_err();
    assert_eq!(error.code(), Some("read_only"));
    assert!(client.deny_request("I0NBREQ005", Some("x")).await.is_err());
    assert!(client.disconnect_org("T0BRTWTR01").await.is_err());
    assert!(client.auth_test().await.is_ok(), "reads still work");
    let log = emulator.request_log();
    assert_eq!(log.len(), 1, "{log:?}");
    assert_eq!(arg(&log[0].args, "invite_id"), None);
    let (tx, mut rx) = tokio::sync::mpsc::channel(connect_triage::runtime::worker::CHANNEL);
    let mut worker = connect_triage::runtime::worker::Worker::new(client, tx);
    let deny = connect_triage::decision::DecisionKind::DenyRequest { message: None };
    let queued =
        connect_triage::journal::JournalRecord::new("d1".into(), deny.action(), "I0NBREQ005", 0);
    worker.run(connect_triage::app::Effect::Send {
        decision: connect_triage::decision::DecisionId(1),
        record: Box::new(queued),
        call: deny.call("I0NBREQ005"),
    });
    loop {
        match rx.recv().await.unwrap() {
            Msg::ActionFailed { error, .. } => {
                assert_eq!(error.code(), Some("read_only"));
                break;
            }
            Msg::Client(_) => continue,
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(emulator.request_log().len(), 1);
}
