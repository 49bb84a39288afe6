//! `update` without any I/O: the decision rules, key by key.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::decisions::{DecisionId, DecisionKind, Outcome};
use super::dialogs::Dialog;
use super::invites::{WaitingOn, waiting_on};
use super::keymap::{Action, Context, KeySpec};
use super::*;
use crate::slack::ApiErrorDetail;
use crate::slack::models::*;

const NOW: i64 = 1_000_000;

fn team(id: &str, name: &str) -> ConnectTeam {
    ConnectTeam {
        id: id.into(),
        name: Some(name.into()),
        ..Default::default()
    }
}

fn acceptance(accepting: &str, reviewed_by: &[&str]) -> Acceptance {
    Acceptance {
        approval_status: Some("pending_approval".into()),
        accepting_team: Some(team(accepting, accepting)),
        reviews: reviewed_by
            .iter()
            .map(|id| Review {
                kind: Some("approval".into()),
                date_review: Some(NOW - 10),
                reviewing_team: Some(team(id, id)),
            })
            .collect(),
        ..Default::default()
    }
}

fn invite(
    id: &str,
    direction: &str,
    inviter: &str,
    acceptances: Vec<Acceptance>,
    expires: i64,
) -> ConnectInvite {
    ConnectInvite {
        direction: Some(direction.into()),
        status: Some("sent".into()),
        invite: Some(InviteDetail {
            id: id.into(),
            date_created: Some(NOW - 86_400),
            date_invalid: Some(expires),
            inviting_team: Some(team(inviter, &format!("Org {inviter}"))),
            ..Default::default()
        }),
        channel: Some(ConnectChannel {
            id: format!("C{id}"),
            name: Some(format!("chan-{id}")),
            ..Default::default()
        }),
        acceptances,
        ..Default::default()
    }
}

fn request(id: &str, limited: bool) -> InviteRequest {
    InviteRequest {
        id: id.into(),
        expires_at: Some(NOW + 3600),
        is_external_limited: Some(limited),
        recipient_email: Some(format!("{id}@outside.example")),
        ..Default::default()
    }
}

fn channel(id: &str, teams: &[&str]) -> SharedChannel {
    SharedChannel {
        id: id.into(),
        name: Some(id.to_lowercase()),
        connected_team_ids: teams.iter().map(|t| t.to_string()).collect(),
        ..Default::default()
    }
}

fn org(id: &str, name: &str) -> ExternalOrg {
    ExternalOrg {
        team_id: id.into(),
        team_name: Some(name.into()),
        connection_status: Some("CONNECTED".into()),
        public_channel_count: Some(2),
        ..Default::default()
    }
}

/// An app with every list loaded: I1 waits on us (incoming), I2 waits on us
/// (outgoing, so approving names the accepting team), I3 waits on them.
fn loaded_app() -> App {
    let mut app = App::new(Mode::Demo, false);
    let mut feed = |msg| assert!(update(&mut app, msg).is_empty());
    feed(Msg::Resize {
        width: 80,
        height: 24,
    });
    feed(Msg::Tick { now: NOW });
    feed(Msg::AuthLoaded(AuthTest {
        team_id: Some("TUS".into()),
        enterprise_id: Some("EUS".into()),
        team: Some("Us".into()),
        user: Some("admin".into()),
        ..Default::default()
    }));
    feed(Msg::PageLoaded {
        items: ListItems::Invites(vec![
            invite(
                "I1",
                "incoming",
                "TOTHER",
                vec![acceptance("TUS", &["TOTHER"])],
                NOW + 100,
            ),
            invite(
                "I2",
                "outgoing",
                "TUS",
                vec![acceptance("TTHEM", &["TTHEM"])],
                NOW + 200,
            ),
            invite("I3", "outgoing", "TUS", vec![], NOW + 300),
        ]),
        total: None,
        is_last: true,
    });
    feed(Msg::PageLoaded {
        items: ListItems::Requests(vec![request("R1", true), request("R2", false)]),
        total: None,
        is_last: true,
    });
    feed(Msg::PageLoaded {
        items: ListItems::Orgs(vec![org("TOTHER", "Other Org"), org("TTHEM", "Them Inc")]),
        total: None,
        is_last: true,
    });
    feed(Msg::PageLoaded {
        items: ListItems::Channels(vec![
            channel("C1", &["TTHEM"]),
            channel("C2", &["TOTHER", "TTHEM"]),
        ]),
        total: None,
        is_last: true,
    });
    app
}

/// Press keys written as the keymap writes them; collect the effects.
fn press(app: &mut App, keys: &str) -> Vec<Effect> {
    let mut effects = Vec::new();
    for token in keys.split_whitespace() {
        let spec: KeySpec = token.parse().unwrap();
        effects.extend(update(
            app,
            Msg::Key(KeyEvent::new(spec.code, spec.modifiers)),
        ));
    }
    effects
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        assert!(
            update(
                app,
                Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
            )
            .is_empty()
        );
    }
}

fn screen(app: &App) -> String {
    let area = Rect::new(0, 0, 80, 24);
    let mut buf = Buffer::empty(area);
    crate::ui::render(app, &crate::ui::theme::Theme::default(), area, &mut buf);
    crate::ui::buffer_text(&buf)
}

fn api_error(code: &str) -> crate::slack::SlackError {
    crate::slack::SlackError::Api {
        method: "conversations.approveSharedInvite",
        code: code.into(),
        detail: ApiErrorDetail::default(),
    }
}

#[test]
fn start_asks_who_we_are_and_loads_every_list() {
    let mut app = App::new(Mode::Live, false);
    let effects = start(&mut app);
    assert_eq!(effects[0], Effect::AuthTest);
    for kind in ListKind::ALL {
        assert!(effects.contains(&Effect::Load(kind)));
    }
    assert!(app.busy());
}

#[test]
fn awaiting_us_follows_our_identity() {
    let app = loaded_app();
    assert_eq!(app.invites.awaiting_us, 2);
    let ours = app.identity.our_ids();
    assert_eq!(
        waiting_on(app.invites.find("I3").unwrap(), &ours),
        WaitingOn::Them
    );
    let text = screen(&app);
    assert!(text.contains("Awaiting us (2)"), "{text}");
    assert!(text.contains("Awaiting them (1)"), "{text}");
}

#[test]
fn a_write_needs_y_and_is_sent_once() {
    let mut app = loaded_app();
    assert!(
        press(&mut app, "a").is_empty(),
        "a only opens the confirmation"
    );
    assert!(matches!(app.dialog, Some(Dialog::Confirm(_))));
    let effects = press(&mut app, "y");
    let [
        Effect::ApproveInvite {
            decision,
            invite_id,
            target_team,
        },
    ] = effects.as_slice()
    else {
        panic!("one approval: {effects:?}");
    };
    assert_eq!(
        (invite_id.as_str(), target_team),
        ("I1", &None),
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
    // Success updates the row: our review moves it to "awaiting them".
    assert!(
        update(
            &mut app,
            Msg::ActionDone {
                decision: *decision
            }
        )
        .is_empty()
    );
    assert_eq!(app.invites.awaiting_us, 1);
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
    assert!(
        matches!(
            effects.as_slice(),
            [Effect::ApproveInvite { invite_id, target_team: Some(team), .. }] if invite_id == "I2" && team == "TTHEM"
        ),
        "{effects:?}"
    );
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
            error: api_error("invite_not_found"),
        },
    );
    assert!(app.invites.find("I1").is_some(), "the row stays");
    assert_eq!(
        app.decisions.outcome(ListKind::Invites, "I1"),
        Some(&Outcome::Failed {
            kind: DecisionKind::DeclineInvite { target_team: None },
            code: "invite_not_found".into()
        })
    );
    let notice = &app.notice.as_ref().unwrap().text;
    assert!(
        notice.contains("invite_not_found — Slack has no such invitation"),
        "{notice}"
    );
    let text = screen(&app);
    assert!(text.contains("✗ invite_not_found"), "{text}");
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
    assert_eq!(
        effects,
        [Effect::DenyRequest {
            decision: effects[0].decision().unwrap(),
            invite_id: "R1".into(),
            message: Some("not a vendor\nsorry".into()),
        }]
    );
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
    assert!(
        matches!(
            effects.as_slice(),
            [Effect::ApproveRequest { invite_id, is_external_limited: Some(false), message: None, .. }] if invite_id == "R1"
        ),
        "{effects:?}"
    );
    let mut app = loaded_app();
    let effects = press(&mut app, "2 a Enter y");
    assert!(matches!(
        effects.as_slice(),
        [Effect::ApproveRequest {
            is_external_limited: None,
            ..
        }]
    ));
}

#[test]
fn a_channel_with_several_orgs_asks_which_leaves() {
    let mut app = loaded_app();
    press(&mut app, "4 j X");
    assert_eq!(app.context(), Context::ChooseTeam);
    let effects = press(&mut app, "j Enter y");
    let [
        Effect::DisconnectChannel {
            decision,
            channel_id,
            leaving_team,
        },
    ] = effects.as_slice()
    else {
        panic!("{effects:?}");
    };
    assert_eq!(
        (channel_id.as_str(), leaving_team.as_deref()),
        ("C2", Some("TTHEM"))
    );
    update(
        &mut app,
        Msg::ActionDone {
            decision: *decision,
        },
    );
    let c2 = app.channels.find("C2").unwrap();
    assert_eq!(c2.connected_team_ids, ["TOTHER"]);
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
    let [Effect::DisconnectOrg { decision, team_id }] = effects.as_slice() else {
        panic!("{effects:?}");
    };
    assert_eq!(team_id, "TOTHER");
    update(
        &mut app,
        Msg::ActionDone {
            decision: *decision,
        },
    );
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
        ["TTHEM"]
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
fn footer_and_handler_read_the_same_table() {
    let mut app = loaded_app();
    app.keymap
        .rebind(Action::Approve, vec!["A".parse().unwrap()]);
    let footer = screen(&app);
    let last = footer.lines().last().unwrap();
    assert!(last.starts_with("A approve"), "{last}");
    assert!(press(&mut app, "a").is_empty());
    assert!(app.dialog.is_none(), "the old key no longer approves");
    press(&mut app, "A");
    assert!(matches!(app.dialog, Some(Dialog::Confirm(_))));
    // Every footer entry is a key the handler maps in that context.
    let app = loaded_app();
    for (keys, label) in app.keymap.footer(Context::List, ListKind::Invites) {
        let first = keys.split('/').next().unwrap();
        let spec: KeySpec = first.parse().unwrap();
        let event = KeyEvent::new(spec.code, spec.modifiers);
        assert!(
            app.keymap
                .action(Context::List, ListKind::Invites, &event)
                .is_some(),
            "{label}"
        );
    }
}

#[test]
fn quitting_with_decisions_in_flight_asks_first() {
    let mut app = loaded_app();
    assert_eq!(press(&mut app, "a y").len(), 1);
    assert!(press(&mut app, "q").is_empty());
    assert_eq!(app.context(), Context::Confirm);
    assert!(!app.quit);
    assert_eq!(press(&mut app, "y"), [Effect::Quit]);
    assert!(app.quit);
    let mut idle = loaded_app();
    assert_eq!(press(&mut idle, "q"), [Effect::Quit]);
}

#[test]
fn a_pane_that_fails_says_so_in_place_and_others_keep_working() {
    let mut app = App::new(Mode::Live, false);
    start(&mut app);
    update(
        &mut app,
        Msg::Resize {
            width: 80,
            height: 24,
        },
    );
    update(
        &mut app,
        Msg::LoadFailed {
            list: ListKind::Orgs,
            error: crate::slack::SlackError::Api {
                method: "team.externalTeams.list",
                code: "missing_scope".into(),
                detail: ApiErrorDetail {
                    needed: Some("team:read".into()),
                    ..Default::default()
                },
            },
        },
    );
    press(&mut app, "3");
    let text = screen(&app);
    assert!(
        text.contains("Could not load the external orgs: missing_scope"),
        "{text}"
    );
    assert!(text.contains("team:read"), "{text}");
    press(&mut app, "2");
    update(
        &mut app,
        Msg::PageLoaded {
            items: ListItems::Requests(vec![request("R9", true)]),
            total: None,
            is_last: true,
        },
    );
    assert!(screen(&app).contains("R9@outside.example"));
}

#[test]
fn streaming_pages_keep_a_moved_selection_on_its_item() {
    let mut app = App::new(Mode::Demo, false);
    start(&mut app);
    update(
        &mut app,
        Msg::Resize {
            width: 80,
            height: 24,
        },
    );
    let page = |ids: &[&str]| Msg::PageLoaded {
        items: ListItems::Requests(ids.iter().map(|id| request(id, true)).collect()),
        total: Some(4),
        is_last: false,
    };
    update(&mut app, page(&["R3", "R4"]));
    press(&mut app, "2 j");
    assert_eq!(app.requests.list.selected_item().unwrap().id, "R4");
    update(&mut app, page(&["R1", "R2"]));
    assert_eq!(app.requests.list.selected_item().unwrap().id, "R4");
    assert!(screen(&app).contains("loading… 4 of 4"));
}
