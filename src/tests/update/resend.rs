//! Finishing what faults interrupt: a write the re-check proves was not
//! applied, while its item still waits for it, is sent again as the next
//! attempt of the same decision, at most three sends in all; one whose item
//! moved on, or whose outcome stays unclear, is not.

use std::collections::HashMap;

use super::*;
use crate::app::decisions::Outcome as RowOutcome;
use crate::app::flow::resend::MAX_ATTEMPTS;
use crate::app::flow::verdict::RequestState;
use crate::app::*;
use crate::decision::{DecisionId, DecisionKind};
use crate::journal::{JournalRecord, Outcome};
use crate::slack::{SlackError, TransportKind};

fn timeout() -> SlackError {
    SlackError::Transport {
        method: "conversations.approveSharedInvite",
        kind: TransportKind::Timeout,
        message: "timed out".into(),
    }
}

fn lost(app: &mut App, decision: DecisionId) -> Vec<Effect> {
    update(
        app,
        Msg::ActionFailed {
            decision,
            error: timeout(),
        },
    )
}

/// The lists a re-check of an invite decision loads, as Slack now has them.
fn fresh_invites(app: &mut App, invites: Vec<ConnectInvite>) -> Vec<Effect> {
    let mut effects = update(
        app,
        Msg::PageLoaded {
            items: ListItems::Invites(invites),
            total: None,
            is_last: true,
            workspace: None,
        },
    );
    effects.extend(update(
        app,
        Msg::PageLoaded {
            items: ListItems::Channels(vec![channel("C1", &["TTHEM"])]),
            total: None,
            is_last: true,
            workspace: None,
        },
    ));
    effects
}

fn the_send(effects: &[Effect]) -> (DecisionId, JournalRecord) {
    let found: Vec<_> = effects
        .iter()
        .filter_map(|e| match e {
            Effect::Send {
                decision, record, ..
            } => Some((*decision, (**record).clone())),
            _ => None,
        })
        .collect();
    assert_eq!(found.len(), 1, "one write: {effects:?}");
    found[0].clone()
}

#[test]
fn a_write_proved_unapplied_is_sent_again_as_the_same_decision_at_most_three_times() {
    let mut app = loaded_app();
    let (mut decision, first) = the_send(&press_raw(&mut app, "a y"));
    assert_eq!(first.attempt, 1);
    for attempt in 2..=MAX_ATTEMPTS {
        let effects = lost(&mut app, decision);
        assert!(
            effects.iter().all(|e| e.decision().is_none()),
            "nothing is sent before the re-check settles it: {effects:?}"
        );
        let effects = fresh_invites(&mut app, vec![incoming_i1()]);
        let concluded = journaled(&effects);
        assert_eq!(concluded.len(), 1, "{effects:?}");
        assert_eq!(concluded[0].decision_id, first.decision_id);
        assert_eq!(concluded[0].outcome, Some(Outcome::NotApplied));
        assert_eq!(concluded[0].attempt, attempt - 1);
        assert!(concluded[0].reconciled);
        let reason = concluded[0].reason.clone().unwrap();
        assert!(
            reason.contains(&format!("sent again as attempt {attempt} of 3")),
            "{reason}"
        );
        let (next, record) = the_send(&effects);
        assert_eq!(record.decision_id, first.decision_id, "the same decision");
        assert_eq!(record.attempt, attempt);
        let notice = app.notice.as_ref().unwrap().text.clone();
        assert!(
            notice.contains(&format!("Sending it again (attempt {attempt} of 3)")),
            "{notice}"
        );
        // While it goes again, no other decision on the item can start.
        let effects = press_raw(&mut app, "d");
        assert!(effects.iter().all(|e| e.decision().is_none()));
        assert!(app.dialog.is_none());
        decision = next;
    }
    // The third send is lost too, and proved unapplied: that is the end.
    lost(&mut app, decision);
    let effects = fresh_invites(&mut app, vec![incoming_i1()]);
    assert!(
        effects.iter().all(|e| e.decision().is_none()),
        "{effects:?}"
    );
    let concluded = journaled(&effects);
    assert_eq!(concluded[0].attempt, MAX_ATTEMPTS);
    assert!(
        concluded[0]
            .reason
            .as_deref()
            .unwrap()
            .contains("not sent again: all 3 attempts were made")
    );
    assert!(matches!(
        app.decisions.outcome(ListKind::Invites, "I1"),
        Some(RowOutcome::Failed { code, .. }) if code == "not_applied"
    ));
    let notice = app.notice.as_ref().unwrap().text.clone();
    assert!(notice.contains("was NOT applied"), "{notice}");
    assert!(!app.busy());
}

#[test]
fn a_write_whose_item_moved_on_is_not_sent_again() {
    let mut app = loaded_app();
    let (decision, _) = the_send(&press_raw(&mut app, "a y"));
    lost(&mut app, decision);
    // I1 left the pending list and its channel did not connect: declined
    // elsewhere, revoked or expired. Approving again would be wrong.
    let effects = fresh_invites(&mut app, vec![]);
    assert!(
        effects.iter().all(|e| e.decision().is_none()),
        "{effects:?}"
    );
    let concluded = journaled(&effects);
    assert_eq!(concluded[0].outcome, Some(Outcome::NotApplied));
    assert!(
        !concluded[0]
            .reason
            .as_deref()
            .unwrap()
            .contains("sent again")
    );
    assert!(matches!(
        app.decisions.outcome(ListKind::Invites, "I1"),
        Some(RowOutcome::Failed { .. })
    ));
}

/// A batch does not end with work for the admin: its lost answers are
/// re-checked, the unapplied ones sent again, and only then is it done.
#[test]
fn a_batch_finishes_what_faults_interrupted_before_it_reports() {
    let mut app = loaded_app();
    let effects = press_raw(&mut app, "2 space j space a y");
    let sent: Vec<DecisionId> = effects.iter().filter_map(Effect::decision).collect();
    assert_eq!(sent.len(), 2, "{effects:?}");
    update(&mut app, Msg::ActionDone { decision: sent[0] });
    let effects = lost(&mut app, sent[1]);
    assert!(effects.contains(&Effect::CheckRequests), "{effects:?}");
    let batch = app
        .batch
        .as_ref()
        .expect("the batch waits for its re-check");
    assert!(
        batch
            .progress_line(NOW)
            .contains("1 done · 0 failed · 1 re-checking")
    );
    assert!(app.busy());
    let mut statuses = HashMap::new();
    statuses.insert("R2".to_owned(), RequestState::Pending);
    let effects = update(&mut app, Msg::RequestStatuses(Ok(statuses)));
    let (again, record) = the_send(&effects);
    assert_eq!(record.attempt, 2);
    assert_eq!(record.item_id, "R2");
    assert!(app.batch.as_ref().unwrap().owns(again));
    update(&mut app, Msg::ActionDone { decision: again });
    assert!(app.batch.is_none(), "the batch is done");
    let notice = app.notice.as_ref().unwrap().text.clone();
    assert!(
        notice.contains("Batch done: 2 requests approved, 0 handled elsewhere, 0 failed."),
        "{notice}"
    );
    assert!(
        app.dialog.is_none(),
        "no report of failures: {:?}",
        app.dialog
    );
    assert!(app.requests.list.marks.is_empty(), "nothing left marked");
    assert!(matches!(
        app.decisions.outcome(ListKind::Requests, "R2"),
        Some(RowOutcome::Done(DecisionKind::ApproveRequest { .. }))
    ));
}

#[test]
fn a_batch_reports_what_stays_unproven_and_why() {
    let mut app = loaded_app();
    let effects = press_raw(&mut app, "2 space j space a y");
    let sent: Vec<DecisionId> = effects.iter().filter_map(Effect::decision).collect();
    lost(&mut app, sent[0]);
    update(&mut app, Msg::ActionDone { decision: sent[1] });
    // Slack no longer lists R1 at all: nothing proves either way.
    let effects = update(&mut app, Msg::RequestStatuses(Ok(HashMap::new())));
    assert!(
        effects.iter().all(|e| e.decision().is_none()),
        "{effects:?}"
    );
    assert!(app.batch.is_none());
    let Some(crate::app::dialogs::Dialog::Report(report)) = &app.dialog else {
        panic!("a report: {:?}", app.dialog);
    };
    assert_eq!(report.failed.len(), 1);
    assert!(
        report.failed[0]
            .1
            .contains("still unclear after a re-check"),
        "{:?}",
        report.failed
    );
    assert!(
        app.requests.list.marks.contains("R1"),
        "the unproven one stays marked"
    );
    // Its outcome is still unknown: no new decision on it.
    assert!(app.decisions.blocked(ListKind::Requests, "R1").is_some());
}
