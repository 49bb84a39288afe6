//! Live events on a loaded app: each changes the rows it names, at once,
//! tagged in words; a decision made elsewhere takes ours out of the undo
//! window; the header follows the socket; a drop asks for a refresh.

use super::*;
use crate::slack::socket::{LiveEvent, LiveStatus};

fn deliver(app: &mut App, event: ConnectEvent) -> Vec<Effect> {
    update(
        app,
        Msg::Live(Box::new(LiveEvent {
            event_id: "Ev1".into(),
            workspace: None,
            event,
            retry_attempt: 0,
        })),
    )
}

fn invite_event(id: &str, inviter: &str) -> InviteEvent {
    InviteEvent {
        invite: Some(InviteDetail {
            id: id.into(),
            date_created: Some(NOW - 60),
            date_invalid: Some(NOW + 86_400 * 14),
            inviting_team: Some(team(inviter, &format!("Org {inviter}"))),
            ..Default::default()
        }),
        channel: Some(ConnectChannel {
            id: format!("C{id}"),
            name: Some(format!("chan-{id}")),
            ..Default::default()
        }),
        event_ts: Some(format!("{NOW}.000100")),
        ..Default::default()
    }
}

fn user(id: &str, team: &str, name: &str) -> ConnectUser {
    ConnectUser {
        id: id.into(),
        team_id: Some(team.into()),
        name: Some(name.into()),
        ..Default::default()
    }
}

fn tag(app: &App, id: &str) -> Option<&'static str> {
    app.invites.list.live_tag(id).map(|t| t.word())
}

#[test]
fn a_received_invite_appears_tagged_new() {
    let mut app = loaded_app();
    let effects = deliver(
        &mut app,
        ConnectEvent::InviteReceived(invite_event("I9", "TNEW")),
    );
    // What the event leaves out comes with the next load, when Tier 1 allows it.
    assert!(
        effects.contains(&Effect::Load(ListKind::Invites))
            || app.queued_refresh.contains(&ListKind::Invites),
        "{effects:?}"
    );
    let row = app.invites.list.find("I9").expect("the invite appears");
    assert_eq!(row.direction.as_deref(), Some("incoming"));
    assert_eq!(tag(&app, "I9"), Some("new"));
    assert!(app.notice.as_ref().unwrap().text.contains("New invite"));
    // Its tag goes after a few seconds; the row stays.
    update(&mut app, Msg::Tick { now: NOW + 60 });
    assert_eq!(tag(&app, "I9"), None);
    assert!(app.invites.list.find("I9").is_some());
}

#[test]
fn an_acceptance_moves_our_invite_to_awaiting_us_tagged_changed() {
    let mut app = loaded_app();
    let ours = || vec!["TUS", "EUS"];
    let i3 = app.invites.list.find("I3").unwrap();
    assert_eq!(
        crate::model::invites::waiting_on(i3, &ours()),
        crate::model::invites::WaitingOn::Them
    );
    let mut event = invite_event("I3", "TUS");
    event.approval_required = Some(true);
    event.accepting_user = Some(user("UTHEM", "TTHEM", "them"));
    event.teams_in_channel = vec![team("TTHEM", "Them Inc")];
    deliver(&mut app, ConnectEvent::InviteAccepted(event));
    let i3 = app.invites.list.find("I3").unwrap();
    assert_eq!(
        crate::model::invites::waiting_on(i3, &ours()),
        crate::model::invites::WaitingOn::Us
    );
    assert_eq!(tag(&app, "I3"), Some("changed"));
    assert!(
        app.notice
            .as_ref()
            .unwrap()
            .text
            .contains("now awaiting us")
    );
}

#[test]
fn approved_by_both_sides_the_invite_leaves_and_declined_it_leaves() {
    let mut app = loaded_app();
    // I1: they approved already; our side's approval completes it.
    let mut approved = invite_event("I1", "TOTHER");
    approved.approving_team_id = Some("TUS".into());
    approved.approving_user = Some(user("U2", "TUS", "priya"));
    deliver(&mut app, ConnectEvent::InviteApproved(approved));
    assert!(app.invites.list.find("I1").is_none());
    let mut declined = invite_event("I2", "TUS");
    declined.declining_team_id = Some("TTHEM".into());
    deliver(&mut app, ConnectEvent::InviteDeclined(declined));
    assert!(app.invites.list.find("I2").is_none());
}

#[test]
fn a_request_appears_in_requests() {
    let mut app = loaded_app();
    let event = RequestedEvent {
        actor: Some(EventActor {
            id: Some("U7".into()),
            team_id: Some("TUS".into()),
            real_name: Some("Kim Lee".into()),
            ..Default::default()
        }),
        channel_id: Some("C77".into()),
        channel_name: Some("partners".into()),
        channel_type: Some("private".into()),
        target_users: vec![RequestTarget {
            email: Some("ana@outside.example".into()),
            invite_id: Some("R9".into()),
        }],
        is_external_limited: Some(true),
        event_ts: Some(format!("{NOW}.5")),
        ..Default::default()
    };
    deliver(&mut app, ConnectEvent::InviteRequested(event));
    let row = app.requests.list.find("R9").expect("the request appears");
    assert_eq!(row.recipient_email.as_deref(), Some("ana@outside.example"));
    assert_eq!(
        app.requests.list.live_tag("R9").map(|t| t.word()),
        Some("new")
    );
    let text = &app.notice.as_ref().unwrap().text;
    assert!(
        text.contains("Kim Lee asks to invite ana@outside.example to #partners"),
        "{text}"
    );
}

#[test]
fn an_unshared_channel_leaves_channels_and_the_org_count_drops() {
    let mut app = loaded_app();
    let count = |app: &App| app.orgs.list.find("TTHEM").unwrap().public_channel_count;
    assert_eq!(count(&app), Some(2));
    let unshared = |team: &str, still: bool| ChannelEvent {
        channel: Some(serde_json::json!("C2")),
        previously_connected_team_id: Some(team.into()),
        is_ext_shared: Some(still),
        ..Default::default()
    };
    // C2 keeps TOTHER: it stays, without TTHEM.
    deliver(
        &mut app,
        ConnectEvent::ChannelUnshared(unshared("TTHEM", true)),
    );
    let c2 = app.channels.list.find("C2").unwrap();
    assert_eq!(c2.connected_team_ids.len(), 1);
    assert_eq!(count(&app), Some(1));
    assert_eq!(
        app.channels.list.live_tag("C2").map(|t| t.word()),
        Some("changed")
    );
    deliver(
        &mut app,
        ConnectEvent::ChannelUnshared(unshared("TOTHER", false)),
    );
    assert!(app.channels.list.find("C2").is_none());
    // A channel share we do not list yet: Channels is read again.
    let shared = ChannelEvent {
        channel: Some(serde_json::json!("C99")),
        connected_team_id: Some("TTHEM".into()),
        ..Default::default()
    };
    let effects = deliver(&mut app, ConnectEvent::ChannelShared(shared));
    assert!(
        effects.contains(&Effect::Load(ListKind::Channels)),
        "{effects:?}"
    );
}

#[test]
fn approved_elsewhere_while_queued_is_never_sent_and_journaled_dropped() {
    let mut app = loaded_app();
    app.grace_seconds = 30;
    update(&mut app, Msg::Clock { now_ms: NOW * 1000 });
    let effects = press(&mut app, "a y");
    assert!(effects.is_empty(), "queued, not sent: {effects:?}");
    assert_eq!(app.grace.decision_count(), 1);
    let mut event = invite_event("I1", "TOTHER");
    event.approving_team_id = Some("TUS".into());
    event.approving_user = Some(user("U2", "TUS", "Priya Nair"));
    let effects = deliver(&mut app, ConnectEvent::InviteApproved(event));
    assert_eq!(app.grace.decision_count(), 0);
    let [Effect::Journal(records)] = effects.as_slice() else {
        panic!("{effects:?}");
    };
    assert_eq!(records[0].outcome, Some(crate::journal::Outcome::Dropped));
    let why = records[0].reason.as_deref().unwrap();
    assert_eq!(
        why,
        "decided elsewhere by Priya Nair (Us) just now: approved"
    );
    assert!(
        app.notice
            .as_ref()
            .unwrap()
            .text
            .starts_with("Not sent: approve invite I1")
    );
    // The window passes: nothing goes out.
    let effects = update(
        &mut app,
        Msg::Clock {
            now_ms: (NOW + 60) * 1000,
        },
    );
    assert!(calls(effects).is_empty());
}

#[test]
fn the_other_org_approving_leaves_our_queued_approval_alone() {
    let mut app = loaded_app();
    app.grace_seconds = 30;
    update(&mut app, Msg::Clock { now_ms: NOW * 1000 });
    press(&mut app, "j a y");
    assert_eq!(app.grace.decision_count(), 1);
    let mut event = invite_event("I2", "TUS");
    event.approving_team_id = Some("TTHEM".into());
    deliver(&mut app, ConnectEvent::InviteApproved(event));
    assert_eq!(
        app.grace.decision_count(),
        1,
        "our side's approval is still needed"
    );
}

#[test]
fn the_header_follows_the_socket_and_a_drop_asks_for_a_refresh() {
    let mut app = loaded_app();
    update(&mut app, Msg::LiveStatus(LiveStatus::Live));
    assert_eq!(app.live.as_ref().unwrap().label(app.now), "live");
    let effects = update(
        &mut app,
        Msg::LiveStatus(LiveStatus::Reconnecting {
            retry_in_secs: 4,
            why: "the socket closed".into(),
        }),
    );
    assert_eq!(
        app.live.as_ref().unwrap().label(app.now),
        "reconnecting (4s)"
    );
    update(&mut app, Msg::Tick { now: NOW + 1 });
    assert_eq!(
        app.live.as_ref().unwrap().label(app.now),
        "reconnecting (3s)"
    );
    // Polling takes over: the lists events keep current are read again
    // (now, or as soon as Slack allows).
    let asked = |kind| effects.contains(&Effect::Load(kind)) || app.queued_refresh.contains(&kind);
    assert!(
        asked(ListKind::Invites) && asked(ListKind::Requests),
        "{effects:?}"
    );
    update(&mut app, Msg::LiveStatus(LiveStatus::Live));
    assert!(
        app.notice
            .as_ref()
            .unwrap()
            .text
            .contains("Live updates are back")
    );
    update(
        &mut app,
        Msg::LiveStatus(LiveStatus::Off {
            why: crate::slack::socket::LINK_DISABLED.into(),
        }),
    );
    assert_eq!(
        app.live.as_ref().unwrap().label(app.now),
        "polling: Socket Mode off"
    );
    assert!(
        app.notice
            .as_ref()
            .unwrap()
            .text
            .contains("Live updates stopped")
    );
}

#[test]
fn our_side_approving_moves_the_invite_and_an_echo_changes_nothing() {
    let mut app = loaded_app();
    let i7 = invite(
        "I7",
        "incoming",
        "TOTHER",
        vec![acceptance("TUS", &[])],
        NOW + 5000,
    );
    let mut all: Vec<ConnectInvite> = ["I1", "I2", "I3"]
        .iter()
        .map(|id| invite(id, "outgoing", "TUS", vec![], NOW + 300))
        .collect();
    all.push(i7);
    update(
        &mut app,
        Msg::PageLoaded {
            items: ListItems::Invites(all),
            total: None,
            is_last: true,
            workspace: None,
        },
    );
    let ours = ["TUS", "EUS"];
    let waiting =
        |app: &App| crate::model::invites::waiting_on(app.invites.list.find("I7").unwrap(), &ours);
    assert_eq!(waiting(&app), crate::model::invites::WaitingOn::Us);
    let mut approved = invite_event("I7", "TOTHER");
    approved.approving_team_id = Some("EUS".into());
    deliver(&mut app, ConnectEvent::InviteApproved(approved.clone()));
    // The inviting org has not approved yet: it waits on them now.
    assert_eq!(waiting(&app), crate::model::invites::WaitingOn::Them);
    assert_eq!(tag(&app, "I7"), Some("changed"));
    update(&mut app, Msg::Tick { now: NOW + 60 });
    assert_eq!(tag(&app, "I7"), None);
    // The same approval again (our own call's echo, under our workspace ID).
    approved.approving_team_id = Some("TUS".into());
    deliver(&mut app, ConnectEvent::InviteApproved(approved));
    assert_eq!(tag(&app, "I7"), None, "nothing changed, nothing tagged");
    let reviews = &app.invites.list.find("I7").unwrap().acceptances[0].reviews;
    assert_eq!(reviews.len(), 1);
}

#[test]
fn a_channel_disconnected_elsewhere_takes_our_queued_disconnect_out() {
    let mut app = loaded_app();
    app.grace_seconds = 30;
    update(&mut app, Msg::Clock { now_ms: NOW * 1000 });
    // C1 is shared with Them Inc only.
    let effects = press(&mut app, "4 X y");
    assert!(effects.is_empty(), "queued: {effects:?}");
    assert_eq!(app.grace.decision_count(), 1);
    let unshared = ChannelEvent {
        channel: Some(serde_json::json!("C1")),
        previously_connected_team_id: Some("TTHEM".into()),
        is_ext_shared: Some(false),
        ..Default::default()
    };
    let effects = deliver(&mut app, ConnectEvent::ChannelUnshared(unshared));
    assert_eq!(app.grace.decision_count(), 0);
    let [Effect::Journal(records)] = effects.as_slice() else {
        panic!("{effects:?}");
    };
    assert_eq!(records[0].outcome, Some(crate::journal::Outcome::Dropped));
    assert_eq!(
        records[0].reason.as_deref(),
        Some("decided elsewhere just now: Them Inc was disconnected from it")
    );
    assert!(app.channels.list.find("C1").is_none());
}
