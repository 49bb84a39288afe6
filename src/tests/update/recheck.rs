//! Re-checking decisions whose outcome is unknown, from this session or an
//! earlier one, against fresh lists — without I/O.

use super::*;
use crate::app::decisions::Outcome as RowOutcome;
use crate::app::flow::reconcile;
use crate::app::flow::verdict::RequestState;
use crate::app::*;
use crate::decision::DecisionKind;
use crate::journal::{JournalAction, JournalRecord, Outcome};
use crate::slack::TransportKind;

#[test]
fn an_unknown_outcome_is_rechecked_against_fresh_lists() {
    let mut app = loaded_app();
    let effects = press_raw(&mut app, "a y");
    let (record, _) = sends(&effects).remove(0);
    let decision = effects.iter().find_map(Effect::decision).unwrap();
    let timeout = crate::slack::SlackError::Transport {
        method: "conversations.approveSharedInvite",
        kind: TransportKind::Timeout,
        message: "timed out".into(),
    };
    let effects = update(
        &mut app,
        Msg::ActionFailed {
            decision,
            error: timeout,
        },
    );
    // Not sent again: the lists that tell are loaded again instead.
    assert!(
        calls(effects.clone())
            .iter()
            .all(|e| e.decision().is_none())
    );
    assert!(effects.contains(&Effect::Load(ListKind::Invites)));
    assert!(effects.contains(&Effect::Load(ListKind::Channels)));
    assert!(app.busy());
    assert_eq!(
        app.decisions.outcome(ListKind::Invites, "I1"),
        Some(&RowOutcome::Unknown(DecisionKind::ApproveInvite {
            target_team: None
        }))
    );
    assert!(screen(&app).contains("? approve"));
    // Fresh lists: I1 left the pending list and its channel is connected.
    update(
        &mut app,
        Msg::PageLoaded {
            items: ListItems::Invites(vec![]),
            total: None,
            is_last: true,
            workspace: None,
        },
    );
    let effects = update(
        &mut app,
        Msg::PageLoaded {
            items: ListItems::Channels(vec![channel("CI1", &["TOTHER"])]),
            total: None,
            is_last: true,
            workspace: None,
        },
    );
    let concluded = journaled(&effects);
    assert_eq!(concluded.len(), 1, "{effects:?}");
    assert_eq!(concluded[0].decision_id, record.decision_id);
    assert_eq!(concluded[0].outcome, Some(Outcome::Ok));
    assert!(concluded[0].reconciled);
    assert_eq!(
        app.decisions.outcome(ListKind::Invites, "I1"),
        Some(&RowOutcome::Done(DecisionKind::ApproveInvite {
            target_team: None
        }))
    );
    assert!(app.notice.as_ref().unwrap().text.contains("was applied"));
    assert!(!app.busy());
}

#[test]
fn earlier_sessions_requests_are_rechecked_by_status() {
    let mut app = App::new(Mode::Live, false);
    let mut approve = JournalRecord::new("old-1".into(), JournalAction::ApproveRequest, "R1", 5);
    approve.team_id = Some("TUS".into());
    let mut elsewhere = JournalRecord::new("old-2".into(), JournalAction::DenyRequest, "R2", 5);
    elsewhere.team_id = Some("TSOMEONE_ELSE".into());
    reconcile::add_earlier(&mut app, vec![approve, elsewhere]);
    let effects = start(&mut app);
    assert!(effects.contains(&Effect::CheckRequests));
    let mut statuses = std::collections::HashMap::new();
    statuses.insert("R1".to_owned(), RequestState::Pending);
    assert!(
        update(&mut app, Msg::RequestStatuses(Ok(statuses))).is_empty(),
        "auth first"
    );
    let effects = update(
        &mut app,
        Msg::AuthLoaded(AuthTest {
            team_id: Some("TUS".into()),
            ..Default::default()
        }),
    );
    let concluded = journaled(&effects);
    assert_eq!(
        concluded.len(),
        1,
        "the other workspace's decision is left alone"
    );
    assert_eq!(concluded[0].decision_id, "old-1");
    assert_eq!(concluded[0].outcome, Some(Outcome::NotApplied));
    let notice = &app.notice.as_ref().unwrap().text;
    assert!(
        notice.contains("1 decision(s) an earlier session left unknown: 0 applied, 1 not applied"),
        "{notice}"
    );
}

/// A write with no reliable answer may have been applied: a second
/// decision on that item (approve then decline, say) is refused in place,
/// alone or in a batch, until the re-check has settled it.
#[test]
fn a_new_decision_on_an_item_with_an_unknown_outcome_is_refused() {
    let mut app = loaded_app();
    let effects = press_raw(&mut app, "a y");
    let decision = effects.iter().find_map(Effect::decision).unwrap();
    let timeout = crate::slack::SlackError::Transport {
        method: "conversations.approveSharedInvite",
        kind: TransportKind::Timeout,
        message: "timed out".into(),
    };
    update(
        &mut app,
        Msg::ActionFailed {
            decision,
            error: timeout,
        },
    );
    for keys in ["d", "a"] {
        let effects = press_raw(&mut app, keys);
        assert!(app.dialog.is_none(), "{keys}: no dialog opens");
        assert!(
            effects.iter().all(|e| e.decision().is_none()),
            "{effects:?}"
        );
        let notice = app.notice.as_ref().unwrap().text.clone();
        assert!(notice.contains("got no reliable answer"), "{notice}");
        assert!(
            !notice.contains("retr"),
            "no word tells the admin to retry: {notice}"
        );
    }
    // Marked with another row, it is left out of the batch, saying why.
    press_raw(&mut app, "space j space a");
    let Some(crate::app::dialogs::Dialog::Plan(plan)) = &app.dialog else {
        panic!("a batch plan: {:?}", app.dialog);
    };
    assert!(
        plan.skipped
            .iter()
            .any(|(id, why)| id == "I1" && why.contains("no reliable answer")),
        "{:?}",
        plan.skipped
    );
    assert!(plan.entries.iter().all(|e| e.write.item_id != "I1"));
}
