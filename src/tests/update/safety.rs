//! The undo window, journal records, quitting and signals with decisions
//! queued, read-only, and re-checking unknown outcomes — without I/O.

use super::*;
use crate::app::dialogs::Dialog;
use crate::app::flow::grace;
use crate::app::*;
use crate::decision::DecisionKind;
use crate::decision::plan::PlannedWrite;
use crate::journal::{JournalAction, JournalRecord, Outcome, Stage};
use crate::keys::keymap::Context;
use crate::slack::WriteCall;

fn with_grace(seconds: u64) -> App {
    let mut app = loaded_app();
    app.grace_seconds = seconds;
    app
}

fn clock(app: &mut App, now_ms: i64) -> Vec<Effect> {
    update(app, Msg::Clock { now_ms })
}

fn approve_i1() -> WriteCall {
    DecisionKind::ApproveInvite { target_team: None }.call("I1")
}

#[test]
fn a_write_waits_out_its_window_visibly_then_is_sent_once() {
    let mut app = with_grace(5);
    let start = NOW * 1000;
    clock(&mut app, start);
    let effects = press_raw(&mut app, "a y");
    // Journaled as queued at once, with who and what; nothing sent yet.
    let queued = journaled(&effects);
    assert_eq!(queued.len(), 1, "{effects:?}");
    assert!(sends(&effects).is_empty());
    let record = &queued[0];
    assert_eq!(record.stage, Stage::Queued);
    assert_eq!(record.action, JournalAction::ApproveInvite);
    assert_eq!(record.item_id, "I1");
    assert_eq!(record.who.as_deref(), Some("admin"));
    assert_eq!(record.workspace.as_deref(), Some("Us (TUS)"));
    assert_eq!(record.team_id.as_deref(), Some("TUS"));
    assert_eq!(record.org.as_deref(), Some("Org TOTHER"));
    assert_eq!(record.org_id.as_deref(), Some("TOTHER"));
    assert_eq!(record.channel.as_deref(), Some("chan-I1"));
    assert_eq!(record.channel_id.as_deref(), Some("CI1"));
    // The countdown shows on the status line and the row.
    let text = screen(&app);
    assert!(text.contains("Sending in 5 s: approve invite I1"), "{text}");
    assert!(text.contains("u takes it"), "{text}");
    assert!(text.contains("in 5s: appr"), "{text}");
    assert!(clock(&mut app, start + 4_999).is_empty());
    assert!(screen(&app).contains("Sending in 1 s"));
    // The same item cannot be decided again while it waits.
    assert!(press_raw(&mut app, "a y").is_empty());
    let effects = clock(&mut app, start + 5_000);
    let sent = sends(&effects);
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].0, *record, "the send carries the queued record");
    assert_eq!(sent[0].1, approve_i1());
    assert!(clock(&mut app, start + 9_000).is_empty(), "sent once");
    assert!(screen(&app).contains("approving…"));
    assert!(press_raw(&mut app, "u").is_empty(), "too late to take back");
}

#[test]
fn u_takes_back_the_newest_and_nothing_is_sent() {
    let mut app = with_grace(5);
    clock(&mut app, NOW * 1000);
    press_raw(&mut app, "a y");
    press_raw(&mut app, "2 d Enter y");
    assert_eq!(app.grace.entries().len(), 2);
    let effects = press_raw(&mut app, "u");
    let undone = journaled(&effects);
    assert_eq!(undone.len(), 1);
    assert_eq!(undone[0].action, JournalAction::DenyRequest);
    assert_eq!(undone[0].stage, Stage::Outcome);
    assert_eq!(undone[0].outcome, Some(Outcome::Undone));
    assert!(sends(&effects).is_empty());
    assert!(
        app.notice
            .as_ref()
            .unwrap()
            .text
            .starts_with("Taken back: deny request R1")
    );
    assert!(
        app.decisions
            .in_flight_for(ListKind::Requests, "R1")
            .is_none()
    );
    // It can be decided again; the other one is still queued and goes out.
    press_raw(&mut app, "d");
    assert_eq!(app.context(), Context::DenyEditor);
    press_raw(&mut app, "Esc");
    let effects = clock(&mut app, NOW * 1000 + 5_000);
    let sent = sends(&effects);
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].1, approve_i1());
}

#[test]
fn the_queue_view_takes_back_or_sends_any_entry() {
    let mut app = with_grace(30);
    clock(&mut app, NOW * 1000);
    press_raw(&mut app, "a y");
    press_raw(&mut app, "2 d Enter y");
    press_raw(&mut app, "j a Enter y");
    press_raw(&mut app, "U");
    assert_eq!(app.context(), Context::Queue);
    let text = screen(&app);
    assert!(text.contains("Undo queue — 3 decision(s)"), "{text}");
    // Newest first: R2 approval, R1 denial, I1 approval. Take back the middle one.
    let effects = press_raw(&mut app, "j u");
    assert_eq!(journaled(&effects)[0].action, JournalAction::DenyRequest);
    // Send the oldest now.
    let effects = press_raw(&mut app, "G s");
    let sent = sends(&effects);
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].1, approve_i1());
    assert_eq!(app.grace.entries().len(), 1);
    press_raw(&mut app, "u");
    assert!(app.grace.is_empty());
    assert!(app.queue_view.is_none(), "the view closes when empty");
}

#[test]
fn a_batch_is_one_entry_sent_or_taken_back_whole() {
    let mut app = with_grace(5);
    clock(&mut app, NOW * 1000);
    let deny = |id: &str| PlannedWrite {
        kind: DecisionKind::DenyRequest { message: None },
        item_id: id.into(),
        summary: format!("request {id}"),
        about: Default::default(),
        workspace: None,
    };
    let effects = grace::enqueue(
        &mut app,
        vec![deny("R1"), deny("R2")],
        Some("deny 2 requests".into()),
    );
    let queued = journaled(&effects);
    assert_eq!(queued.len(), 2);
    assert!(queued[0].batch.is_some() && queued[0].batch == queued[1].batch);
    assert_eq!(app.grace.entries().len(), 1);
    assert!(screen(&app).contains("Sending in 5 s: deny 2 requests"));
    let effects = press_raw(&mut app, "u");
    assert_eq!(journaled(&effects).len(), 2);
    assert!(app.decisions.is_idle());
    let effects = grace::enqueue(&mut app, vec![deny("R1"), deny("R2")], None);
    assert_eq!(journaled(&effects).len(), 2);
    assert_eq!(sends(&clock(&mut app, NOW * 1000 + 5_000)).len(), 2);
}

#[test]
fn quitting_with_queued_writes_asks_send_or_drop() {
    // Drop them: journaled as not sent, and quit.
    let mut app = with_grace(5);
    press_raw(&mut app, "a y");
    assert!(press_raw(&mut app, "q").is_empty());
    assert!(matches!(app.dialog, Some(Dialog::QuitQueued(_))));
    assert!(screen(&app).contains("Quit with decisions still queued?"));
    // Nothing goes out while the question is open, however long it takes.
    assert!(clock(&mut app, NOW * 1000 + 60_000).is_empty());
    // The default is to stay.
    press_raw(&mut app, "Esc");
    assert!(!app.quit && app.grace.entries().len() == 1);
    let effects = press_raw(&mut app, "q D");
    assert!(sends(&effects).is_empty());
    let dropped = journaled(&effects);
    assert_eq!(dropped[0].outcome, Some(Outcome::Dropped));
    assert!(sends(&effects).is_empty());
    assert!(effects.contains(&Effect::Quit) && app.quit);

    // Send them now: sent at once, and quit once Slack answered.
    let mut app = with_grace(5);
    press_raw(&mut app, "a y");
    let effects = press_raw(&mut app, "q s");
    let sent = sends(&effects);
    assert_eq!(sent.len(), 1);
    assert!(!app.quit, "waits for the answer");
    let decision = effects.iter().find_map(Effect::decision).unwrap();
    let effects = update(&mut app, Msg::ActionDone { decision });
    assert!(effects.contains(&Effect::Quit) && app.quit);
}

#[test]
fn a_signal_drops_what_is_queued_and_quits() {
    let mut app = with_grace(5);
    press_raw(&mut app, "a y");
    let effects = update(&mut app, Msg::Signal(ExitSignal::Hangup));
    let dropped = journaled(&effects);
    assert_eq!(dropped.len(), 1);
    assert_eq!(dropped[0].outcome, Some(Outcome::Dropped));
    assert!(dropped[0].reason.as_deref().unwrap().contains("SIGHUP"));
    assert_eq!(effects.last(), Some(&Effect::Quit));
    assert_eq!(app.exit_signal, Some(ExitSignal::Hangup));
}

#[test]
fn read_only_makes_every_write_impossible_and_says_why() {
    let mut app = App::new(Mode::Demo, true);
    let mut loaded = loaded_app();
    std::mem::swap(&mut app.invites, &mut loaded.invites);
    app.identity = loaded.identity.clone();
    assert!(press_raw(&mut app, "a").is_empty());
    assert!(app.dialog.is_none());
    assert!(
        app.notice
            .as_ref()
            .unwrap()
            .text
            .contains("Read-only session")
    );
    let write = PlannedWrite {
        kind: DecisionKind::ApproveInvite { target_team: None },
        item_id: "I1".into(),
        summary: "invite I1".into(),
        about: Default::default(),
        workspace: None,
    };
    assert!(grace::enqueue(&mut app, vec![write], None).is_empty());
    assert!(app.decisions.is_idle());
}

#[test]
fn the_journal_view_opens_reads_and_closes() {
    let mut app = loaded_app();
    assert_eq!(press_raw(&mut app, "L"), [Effect::ReadJournal]);
    assert!(screen(&app).contains("Reading the journal"));
    let mut record = JournalRecord::new("d".into(), JournalAction::DenyRequest, "R9", NOW);
    record.summary = Some("request R9 to invite x@\u{1b}[2Jevil".into());
    update(
        &mut app,
        Msg::JournalRead(Ok(vec![
            record.clone(),
            record.ended(Outcome::Ok, None, NOW),
        ])),
    );
    let text = screen(&app);
    assert!(text.contains("✓ applied"), "{text}");
    assert!(
        text.contains("deny request R9 to invite x@␛[2Jevil"),
        "{text}"
    );
    press_raw(&mut app, "Esc");
    assert!(app.journal_view.is_none());
}

#[test]
fn a_batch_on_marked_rows_is_one_undo_queue_entry() {
    let mut app = with_grace(5);
    clock(&mut app, NOW * 1000);
    press_raw(&mut app, "2 space j space a");
    assert!(
        matches!(app.dialog, Some(Dialog::Plan(_))),
        "{}",
        screen(&app)
    );
    let effects = press_raw(&mut app, "y");
    let queued = journaled(&effects);
    assert_eq!(queued.len(), 2, "{effects:?}");
    assert!(queued[0].batch.is_some() && queued[0].batch == queued[1].batch);
    assert!(sends(&effects).is_empty());
    assert_eq!(
        app.grace.entries().len(),
        1,
        "one entry for the whole batch"
    );
    assert!(app.batch.is_none(), "nothing runs in the window");
    // Taken back whole.
    let effects = press_raw(&mut app, "u");
    let undone = journaled(&effects);
    assert_eq!(undone.len(), 2);
    assert!(undone.iter().all(|r| r.outcome == Some(Outcome::Undone)));
    assert!(app.decisions.is_idle());
    // Again, and let the window run out: the batch runs.
    press_raw(&mut app, "a y");
    let effects = clock(&mut app, NOW * 1000 + 5_000);
    assert_eq!(sends(&effects).len(), 2);
    assert!(app.batch.is_some());
}
