//! `update` without any I/O: the decision rules, key by key. This module
//! holds the fixtures; the tests are in its two children.

mod decisions;
mod live;
mod org;
mod palette;
mod paste;
mod recheck;
mod request_options;
mod resend;
mod risk;
mod safety;
mod scale;
mod verdict;
mod views;
mod way_out;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::*;
use crate::keys::keymap::KeySpec;
use crate::model::ListKind;
use crate::slack::ApiErrorDetail;
use crate::slack::models::*;

pub(super) const NOW: i64 = 1_000_000;

pub(super) fn team(id: &str, name: &str) -> ConnectTeam {
    ConnectTeam {
        id: id.into(),
        name: Some(name.into()),
        ..Default::default()
    }
}

pub(super) fn acceptance(accepting: &str, reviewed_by: &[&str]) -> Acceptance {
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

pub(super) fn invite(
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

pub(super) fn request(id: &str, limited: bool) -> InviteRequest {
    InviteRequest {
        id: id.into(),
        expires_at: Some(NOW + 3600),
        is_external_limited: Some(limited),
        recipient_email: Some(format!("{id}@outside.example")),
        ..Default::default()
    }
}

pub(super) fn channel(id: &str, teams: &[&str]) -> SharedChannel {
    SharedChannel {
        id: id.into(),
        name: Some(id.to_lowercase()),
        connected_team_ids: teams.iter().map(|t| t.to_string()).collect(),
        ..Default::default()
    }
}

pub(super) fn org(id: &str, name: &str) -> ExternalOrg {
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
/// I1: an incoming invite from TOTHER, accepted by us and waiting on our approval.
pub(super) fn incoming_i1() -> ConnectInvite {
    invite(
        "I1",
        "incoming",
        "TOTHER",
        vec![acceptance("TUS", &["TOTHER"])],
        NOW + 100,
    )
}

pub(super) fn loaded_app() -> App {
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
            incoming_i1(),
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
        workspace: None,
    });
    feed(Msg::PageLoaded {
        items: ListItems::Requests(vec![request("R1", true), request("R2", false)]),
        total: None,
        is_last: true,
        workspace: None,
    });
    feed(Msg::PageLoaded {
        items: ListItems::Orgs(vec![org("TOTHER", "Other Org"), org("TTHEM", "Them Inc")]),
        total: None,
        is_last: true,
        workspace: None,
    });
    feed(Msg::PageLoaded {
        items: ListItems::Channels(vec![
            channel("C1", &["TTHEM"]),
            channel("C2", &["TOTHER", "TTHEM"]),
        ]),
        total: None,
        is_last: true,
        workspace: None,
    });
    app
}

/// Press keys written as the keymap writes them; collect the effects,
/// with journal appends left
/// out (the safety tests look at those with [`press_raw`]).
pub(super) fn press(app: &mut App, keys: &str) -> Vec<Effect> {
    calls(press_raw(app, keys))
}

/// `effects` without the journal appends.
pub(super) fn calls(effects: Vec<Effect>) -> Vec<Effect> {
    effects
        .into_iter()
        .filter(|effect| !matches!(effect, Effect::Journal(_)))
        .collect()
}

/// The one write `effects` hold, and its decision; panics on anything else.
pub(super) fn the_write(
    effects: &[Effect],
) -> (crate::decision::DecisionId, &crate::slack::WriteCall) {
    match effects {
        [Effect::Send { decision, call, .. }] => (*decision, call),
        other => panic!("one write: {other:?}"),
    }
}

/// Press keys; every effect as `update` returned it.
pub(super) fn press_raw(app: &mut App, keys: &str) -> Vec<Effect> {
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

pub(super) fn type_text(app: &mut App, text: &str) {
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

pub(super) fn screen(app: &App) -> String {
    let area = Rect::new(0, 0, 80, 24);
    let mut buf = Buffer::empty(area);
    crate::ui::render(app, &crate::ui::theme::Theme::default(), area, &mut buf);
    crate::ui::buffer_text(&buf)
}

pub(super) fn api_error(code: &str) -> crate::slack::SlackError {
    crate::slack::SlackError::Api {
        method: "conversations.approveSharedInvite",
        code: code.into(),
        detail: ApiErrorDetail::default(),
    }
}

/// The journal records in `effects`, in order.
pub(super) fn journaled(effects: &[Effect]) -> Vec<crate::journal::JournalRecord> {
    effects
        .iter()
        .flat_map(|e| match e {
            Effect::Journal(records) => records.clone(),
            _ => Vec::new(),
        })
        .collect()
}

/// Each write in `effects`: its queued record and its call.
pub(super) fn sends(
    effects: &[Effect],
) -> Vec<(crate::journal::JournalRecord, crate::slack::WriteCall)> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Send { record, call, .. } => Some(((**record).clone(), call.clone())),
            _ => None,
        })
        .collect()
}
