//! Decisions: confirmation, one write per item, in flight, success, failure.

use super::*;
use crate::app::decisions::Outcome;
use crate::app::dialogs::Dialog;
use crate::app::*;
use crate::decision::{DecisionId, DecisionKind};
use crate::keys::keymap::Context;

#[test]
fn a_write_needs_y_and_is_sent_once() {
    let mut app = loaded_app();
    assert!(
        press(&mut app, "a").is_empty(),
        "a only opens the confirmation"
    );
    assert!(matches!(app.dialog, Some(Dialog::Confirm(_))));
    let effects = press(&mut app, "y");
    let (decision, call) = the_write(&effects);
    assert_eq!(
        call,
        &DecisionKind::ApproveInvite { target_team: None }.call("I1"),
        "incoming: no target_team"
    );
    // In flight at once, and the same item cannot be decided again.
    assert!(
        app.decisions
            .in_flight_for(ListKind::Invites, "I1")
            .is_some()
    );
    assert!(screen(&app).contains("approving…"));
    assert!(press(&mut app, "a y").is_empty());
    assert!(press(&mut app, "d y").is_empty());
    assert!(
        app.notice
            .as_ref()
            .unwrap()
            .text
            .contains("cannot be decided twice")
    );
    // Keys keep working meanwhile.
    press(&mut app, "2");
    assert_eq!(app.pane, ListKind::Requests);
    // Success updates the list: the inviter had approved, so ours was the
    // last approval; the invite leaves and the lists it changed reload.
    let effects = update(&mut app, Msg::ActionDone { decision });
    assert_eq!(
        effects,
        [
            Effect::Load(ListKind::Channels),
            Effect::Load(ListKind::Orgs)
        ]
    );
    assert!(app.invites.find("I1").is_none());
    assert_eq!(app.invites.awaiting_us(), 1);
    assert!(app.decisions.is_idle());
    assert!(
        app.notice
            .as_ref()
            .unwrap()
            .text
            .starts_with("Approved invite I1")
    );
}

#[test]
fn approving_our_own_invite_names_the_accepting_team() {
    let mut app = loaded_app();
    let effects = press(&mut app, "j a y");
    let approve = DecisionKind::ApproveInvite {
        target_team: Some("TTHEM".into()),
    };
    assert_eq!(the_write(&effects).1, &approve.call("I2"));
}

#[test]
fn anything_but_y_cancels_and_sends_nothing() {
    let mut app = loaded_app();
    for key in ["n", "Esc", "Enter", "Y", "a"] {
        assert!(press(&mut app, &format!("a {key}")).is_empty(), "{key}");
        assert!(app.dialog.is_none(), "{key}");
    }
    assert!(app.decisions.is_idle());
    assert!(
        app.notice
            .as_ref()
            .unwrap()
            .text
            .contains("nothing was sent")
    );
}

#[test]
fn failure_keeps_the_row_and_says_why_in_words() {
    let mut app = loaded_app();
    let effects = press(&mut app, "d y");
    let decision = effects[0].decision().unwrap();
    update(
        &mut app,
        Msg::ActionFailed {
            decision,
            error: api_error("restricted_action"),
        },
    );
    assert!(app.invites.find("I1").is_some(), "the row stays");
    assert_eq!(
        app.decisions.outcome(ListKind::Invites, "I1"),
        Some(&Outcome::Failed {
            kind: DecisionKind::DeclineInvite { target_team: None },
            code: "restricted_action".into()
        })
    );
    let notice = &app.notice.as_ref().unwrap().text;
    assert!(
        notice.contains("restricted_action — a workspace or org setting forbids this"),
        "{notice}"
    );
    // The row is marked (its code may be cut at 80 columns)...
    let text = screen(&app);
    assert!(text.contains("✗ restricte"), "{text}");
    // ...and its detail view has the whole story.
    press(&mut app, "Enter");
    let text = screen(&app);
    assert!(
        text.contains("could not decline: restricted_action"),
        "{text}"
    );
    // It can be tried again once Slack answered.
    assert!(press(&mut app, "d").is_empty());
    assert!(app.dialog.is_some());
}

#[test]
fn an_answer_for_an_unknown_decision_changes_nothing() {
    let mut app = loaded_app();
    update(
        &mut app,
        Msg::ActionDone {
            decision: DecisionId(999),
        },
    );
    assert_eq!(app.invites.list.items.len(), 3);
    assert!(app.notice.is_none());
}

#[test]
fn invites_waiting_on_them_cannot_be_approved() {
    let mut app = loaded_app();
    press(&mut app, "G a");
    assert!(app.dialog.is_none());
    assert!(app.notice.as_ref().unwrap().text.contains("waits on them"));
}

#[test]
fn deny_sends_the_typed_message() {
    let mut app = loaded_app();
    press(&mut app, "2 d");
    assert_eq!(app.context(), Context::DenyEditor);
    type_text(&mut app, "not a vendor");
    press(&mut app, "alt+enter");
    type_text(&mut app, "sorry");
    assert!(
        press(&mut app, "Enter").is_empty(),
        "Enter goes to the confirmation"
    );
    let effects = press(&mut app, "y");
    let deny = DecisionKind::DenyRequest {
        message: Some("not a vendor\nsorry".into()),
    };
    assert_eq!(the_write(&effects).1, &deny.call("R1"));
    update(
        &mut app,
        Msg::ActionDone {
            decision: effects[0].decision().unwrap(),
        },
    );
    assert!(
        app.requests.find("R1").is_none(),
        "a denied request leaves the list"
    );
}

#[test]
fn request_approval_can_change_the_permission() {
    let mut app = loaded_app();
    let effects = press(&mut app, "2 a Tab Enter y");
    let changed = DecisionKind::ApproveRequest {
        is_external_limited: Some(false),
        message: None,
        channel_id: None,
        replace_message: false,
    };
    assert_eq!(the_write(&effects).1, &changed.call("R1"));
    let mut app = loaded_app();
    let effects = press(&mut app, "2 a Enter y");
    let as_requested = DecisionKind::ApproveRequest {
        is_external_limited: None,
        message: None,
        channel_id: None,
        replace_message: false,
    };
    assert_eq!(the_write(&effects).1, &as_requested.call("R1"));
}

#[test]
fn a_channel_with_several_orgs_asks_which_leaves() {
    let mut app = loaded_app();
    press(&mut app, "4 j X");
    assert_eq!(app.context(), Context::ChooseTeam);
    let effects = press(&mut app, "j Enter y");
    let (decision, call) = the_write(&effects);
    let leaving = DecisionKind::DisconnectChannel {
        leaving_team: Some("TTHEM".into()),
    };
    assert_eq!(call, &leaving.call("C2"));
    update(&mut app, Msg::ActionDone { decision });
    let c2 = app.channels.find("C2").unwrap();
    assert_eq!(c2.connected_team_ids, [std::sync::Arc::from("TOTHER")]);
}

#[test]
fn an_org_is_disconnected_only_after_its_name_is_typed() {
    let mut app = loaded_app();
    press(&mut app, "3 X");
    assert_eq!(app.context(), Context::TypeName);
    type_text(&mut app, "Other");
    assert!(press(&mut app, "Enter").is_empty());
    assert_eq!(
        app.context(),
        Context::TypeName,
        "a wrong name does not go on"
    );
    type_text(&mut app, " Org");
    press(&mut app, "Enter");
    assert_eq!(app.context(), Context::Confirm);
    let effects = press(&mut app, "y");
    let (decision, call) = the_write(&effects);
    assert_eq!(call, &DecisionKind::DisconnectOrg.call("TOTHER"));
    update(&mut app, Msg::ActionDone { decision });
    assert_eq!(
        app.orgs
            .find("TOTHER")
            .unwrap()
            .connection_status
            .as_deref(),
        Some("DISCONNECTED")
    );
    assert_eq!(
        app.channels.find("C2").unwrap().connected_team_ids,
        [std::sync::Arc::from("TTHEM")]
    );
}

#[test]
fn read_only_sends_nothing_and_says_why() {
    let mut app = loaded_app();
    app.read_only = true;
    assert!(press(&mut app, "a y d y").is_empty());
    assert!(app.dialog.is_none());
    assert!(app.notice.as_ref().unwrap().text.contains("Read-only"));
}

#[test]
fn an_item_decided_elsewhere_leaves_the_list_and_is_not_a_failure() {
    for code in ["invite_not_found", "already_approved", "approval_inactive"] {
        let mut app = loaded_app();
        let effects = press(&mut app, "a y");
        let decision = effects[0].decision().unwrap();
        update(
            &mut app,
            Msg::ActionFailed {
                decision,
                error: api_error(code),
            },
        );
        assert!(app.invites.find("I1").is_none(), "{code}: the row left");
        assert!(matches!(
            app.decisions.outcome(ListKind::Invites, "I1"),
            Some(Outcome::Elsewhere { .. })
        ));
        let notice = app.notice.as_ref().unwrap();
        assert_eq!(notice.kind, NoticeKind::Info, "{code}: not an error");
        assert!(
            notice.text.contains("already handled elsewhere"),
            "{}",
            notice.text
        );
        assert!(notice.text.contains(code), "{}", notice.text);
    }
}
