//! What each Connect event does to the rows: an invite that appears, is
//! accepted, approved or declined; a member's request; a channel shared or
//! unshared. Rows are built from the event's own fields (the lists' methods
//! have no by-ID lookup, and listConnectInvites is Tier 1), so an event
//! never costs a call; the next load fills in what an event leaves out.

use std::sync::Arc;

use crate::app::flow::pages::channel_keying;
use crate::app::list::Keying;
use crate::app::risk::{self, invite_keying, request_keying};
use crate::app::{App, Effect, NoticeKind};
use crate::model::ListKind;
use crate::model::invites::{self, every_side_approved, is_pending};
use crate::model::rows::{self, Invite, Request, Team};
use crate::model::{channels, orgs};
use crate::slack::models::{
    self, ChannelEvent, ConnectInvite, ConnectTeam, InviteEvent, InviteRequest, RequestChannel,
    RequestedEvent, TargetUser,
};

/// The wire invite an event describes, as listConnectInvites would list it.
fn wire_invite(app: &App, event: &InviteEvent) -> Option<ConnectInvite> {
    let detail = event.invite.clone().filter(|i| !i.id.is_empty())?;
    let ours = app.identity.our_ids();
    let we_sent = detail
        .inviting_team
        .as_ref()
        .is_some_and(|t| ours.contains(&t.id.as_str()));
    Some(ConnectInvite {
        direction: Some(if we_sent { "outgoing" } else { "incoming" }.to_owned()),
        status: Some("sent".to_owned()),
        date_last_updated: event.ts(),
        invite: Some(detail),
        channel: event.channel.clone(),
        ..ConnectInvite::default()
    })
}

/// The accepting side an `accepted` event names. Slack's `teams_in_channel`
/// may leave that team out; then its name comes from the Orgs pane, if known.
fn wire_acceptance(app: &App, event: &InviteEvent) -> models::Acceptance {
    let user = event.accepting_user.clone();
    let team = user.as_ref().and_then(|u| u.team_id.as_deref()).map(|id| {
        event.team(id).cloned().unwrap_or_else(|| ConnectTeam {
            id: id.to_owned(),
            name: app
                .orgs
                .find(id)
                .and_then(|o| o.team_name.as_deref().map(str::to_owned)),
            ..ConnectTeam::default()
        })
    });
    let status = if event.approval_required == Some(false) {
        "approved"
    } else {
        "pending_approval"
    };
    models::Acceptance {
        approval_status: Some(status.to_owned()),
        date_accepted: event.ts(),
        accepting_team: team,
        accepting_user: user,
        ..models::Acceptance::default()
    }
}

fn invite_row(app: &mut App, wire: &ConnectInvite, workspace: Option<Arc<Team>>) -> Invite {
    Invite::from_wire(wire, &mut app.interner).in_workspace(workspace)
}

fn put_invite(app: &mut App, row: Invite) {
    let ours = app.identity.our_ids();
    app.risk.learn_invites(std::iter::once(&row), &ours);
    let now = app.now;
    let keying = invite_keying(&app.risk, &ours, now);
    app.invites.list.upsert_live(row, now, &keying);
}

fn change_invite(app: &mut App, id: &str, change: impl FnOnce(&mut Invite, &[&str])) -> bool {
    let ours = app.identity.our_ids_owned();
    let ours: Vec<&str> = ours.iter().map(String::as_str).collect();
    let now = app.now;
    let keying = invite_keying(&app.risk, &ours, now);
    app.invites
        .list
        .change_live(id, now, |row| change(row, &ours), &keying)
}

/// Someone outside invited us: the invite appears (unless listed already).
/// True when it is new here, built from the event alone.
pub fn invite_received(app: &mut App, event: &InviteEvent, workspace: Option<Arc<Team>>) -> bool {
    let Some(wire) = wire_invite(app, event) else {
        return false;
    };
    if app.invites.list.find(wire.id()).is_some() {
        return false;
    }
    let row = invite_row(app, &wire, workspace);
    let from = invites::invite_summary(&row, &app.identity.our_ids());
    put_invite(app, row);
    app.notify(NoticeKind::Info, format!("New invite: {from}."));
    true
}

/// An invite was accepted: it now waits on an approval (usually ours), or
/// it connected at once and leaves. True when the row is new here.
pub fn invite_accepted(app: &mut App, event: &InviteEvent, workspace: Option<Arc<Team>>) -> bool {
    let Some(wire) = wire_invite(app, event) else {
        return false;
    };
    let id = wire.id().to_owned();
    if event.approval_required == Some(false) {
        app.invites.list.remove(&id);
        return false;
    }
    let mut created = false;
    let acceptance = wire_acceptance(app, event);
    let accepting = acceptance.accepting_team.as_ref().map(|t| t.id.clone());
    if app.invites.list.find(&id).is_some() {
        let interner = &mut app.interner;
        let accepted = rows::Acceptance {
            approval_status: interner.text_opt(acceptance.approval_status.as_deref()),
            date_accepted: acceptance.date_accepted.into(),
            date_invalid: rows::MaybeTime::NONE,
            accepting_team: interner.team_opt(acceptance.accepting_team.as_ref()),
            accepting_user: interner.user_opt(acceptance.accepting_user.as_ref()),
            reviews: Vec::new().into(),
        };
        let same = |a: &rows::Acceptance| {
            a.accepting_team.as_deref().map(|t| &*t.id) == accepting.as_deref()
        };
        let known = app
            .invites
            .list
            .find(&id)
            .is_some_and(|row| row.acceptances.iter().any(same));
        if !known {
            change_invite(app, &id, |row, _| {
                rows::push_boxed(&mut row.acceptances, accepted)
            });
        }
    } else {
        let mut wire = wire;
        wire.acceptances = vec![acceptance];
        let row = invite_row(app, &wire, workspace);
        put_invite(app, row);
        created = true;
    }
    if let Some(row) = app.invites.list.find(&id) {
        let ours = app.identity.our_ids();
        if invites::waiting_on(row, &ours) == invites::WaitingOn::Us {
            let what = invites::invite_summary(row, &ours);
            app.notify(
                NoticeKind::Info,
                format!("Accepted, now awaiting us: {what}."),
            );
        }
    }
    created
}

/// A side approved: the review is added; once every side approved, the
/// channel is connected and the invite leaves the list.
pub fn invite_approved(app: &mut App, event: &InviteEvent) {
    let Some(id) = event.invite_id() else {
        return;
    };
    let Some(team_id) = event.approving_team_id.clone() else {
        return;
    };
    let team = event.team(&team_id).cloned().unwrap_or(ConnectTeam {
        id: team_id.clone(),
        ..ConnectTeam::default()
    });
    let reviewing = app.interner.team_opt(Some(&team));
    let review = rows::Review {
        kind: app.interner.text_opt(Some("approval")),
        date_review: event.ts(),
        reviewing_team: reviewing,
    };
    // Our side may review under a workspace or the org ID: either is ours.
    let ours = app.identity.our_ids_owned();
    let same_side =
        |id: &str| id == team_id || (ours.iter().any(|o| o == id) && ours.contains(&team_id));
    let awaits_this_review = |a: &rows::Acceptance| {
        is_pending(a)
            && !a.reviews.iter().any(|r| {
                r.reviewing_team
                    .as_deref()
                    .is_some_and(|t| same_side(&t.id))
            })
    };
    let Some(row) = app.invites.list.find(id) else {
        return;
    };
    // Our own approval's echo finds the review in place already: no change.
    if !row.acceptances.iter().any(awaits_this_review) {
        return;
    }
    let mut connected = false;
    change_invite(app, id, |row, ours| {
        let invite_snapshot = row.clone();
        if let Some(acceptance) = row.acceptances.iter_mut().find(|a| awaits_this_review(a)) {
            rows::push_boxed(&mut acceptance.reviews, review);
            connected = every_side_approved(&invite_snapshot, acceptance, ours);
        }
    });
    if connected {
        app.invites.list.remove(id);
    }
}

/// Declined by either side: the invite is over.
pub fn invite_declined(app: &mut App, event: &InviteEvent) {
    if let Some(id) = event.invite_id() {
        app.invites.list.remove(id);
    }
}

/// A member asked to invite someone outside: one request per person.
/// True when a request is new here.
pub fn invite_requested(
    app: &mut App,
    event: &RequestedEvent,
    workspace: Option<Arc<Team>>,
) -> bool {
    let mut created = false;
    let channel = event.channel();
    let requester = event.actor.as_ref().map(|a| a.to_user());
    let inviting_team = requester
        .as_ref()
        .and_then(|u| u.team_id.as_deref())
        .and_then(|id| event.teams_in_channel.iter().find(|t| t.id == id))
        .cloned();
    for target in &event.target_users {
        let Some(id) = target.invite_id.clone().filter(|id| !id.is_empty()) else {
            continue;
        };
        if app.requests.list.find(&id).is_some() {
            continue;
        }
        let wire = InviteRequest {
            id,
            date_created: event.ts(),
            inviting_team: inviting_team.clone(),
            inviting_user: requester.clone(),
            is_external_limited: event.is_external_limited,
            recipient_email: target.email.clone(),
            target_user: Some(TargetUser {
                recipient_email: target.email.clone(),
                recipient_user_id: None,
            }),
            channel: Some(RequestChannel {
                id: channel.id.clone(),
                is_im: channel.is_im,
                is_private: channel.is_private,
                date_created: event.channel_date_created,
                name: channel.name.clone(),
                ..RequestChannel::default()
            }),
            ..InviteRequest::default()
        };
        let row = Request::from_wire(&wire, &mut app.interner).in_workspace(workspace.clone());
        let who = requester
            .as_ref()
            .map_or("A member", |u| u.display())
            .to_owned();
        app.risk.learn_requests(std::iter::once(&row));
        {
            let ours = app.identity.our_ids();
            let now = app.now;
            let keying = request_keying(&app.risk, &ours, now);
            app.requests.list.upsert_live(row, now, &keying);
        }
        created = true;
        app.notify(
            NoticeKind::Info,
            crate::text::sanitize::clean(&format!(
                "New request: {who} asks to invite {} to #{}.",
                target.email.as_deref().unwrap_or("someone"),
                channel.name.as_deref().unwrap_or(&channel.id)
            )),
        );
    }
    created
}

/// Change a channel row's connected orgs, then its org's channel count.
fn change_channel(
    app: &mut App,
    channel_id: &str,
    change: impl FnOnce(&mut rows::Channel),
) -> bool {
    let ours = app.identity.our_ids_owned();
    let ours: Vec<&str> = ours.iter().map(String::as_str).collect();
    let keying = channel_keying(&app.orgs, &ours);
    app.channels
        .list
        .change_live(channel_id, app.now, change, &keying)
}

/// +1 or -1 on the org's count of public or private channels.
fn count_channel(app: &mut App, team_id: &str, private: bool, delta: i64) {
    let now = app.now;
    app.orgs.list.change_live(
        team_id,
        now,
        |org| {
            let count = if private {
                &mut org.private_channel_count
            } else {
                &mut org.public_channel_count
            };
            *count = Some((count.unwrap_or(0) + delta).max(0));
        },
        &Keying::new(orgs::keys, rows::Org::search_key),
    );
}

/// A channel connected an org: Channels and the org's counts follow; a
/// channel we do not list yet comes with the next load of Channels.
pub fn channel_shared(app: &mut App, event: &ChannelEvent) -> Vec<Effect> {
    let (Some(channel), Some(team)) = (event.channel_id(), event.team_id()) else {
        return Vec::new();
    };
    let team: Arc<str> = Arc::from(team);
    let Some(private) = app.channels.list.find(channel).map(|c| c.is_private) else {
        return crate::app::flow::refresh::request(app, ListKind::Channels, false);
    };
    let mut added = false;
    change_channel(app, channel, |row| {
        if !row.connected_team_ids.contains(&team) {
            row.connected_team_ids.push(team.clone());
            added = true;
        }
    });
    if added {
        count_channel(app, &team, private.unwrap_or(false), 1);
        // A first connection is one no longer; a channel may now be busy.
        risk::rebuild(app);
    }
    Vec::new()
}

/// An org left a channel: it leaves the row, and the row leaves Channels
/// once no outside org is left in it.
pub fn channel_unshared(app: &mut App, event: &ChannelEvent) -> Vec<Effect> {
    let Some(channel) = event.channel_id() else {
        return Vec::new();
    };
    let Some(row) = app.channels.list.find(channel) else {
        return Vec::new();
    };
    let private = row.is_private.unwrap_or(false);
    let team = event.team_id().map(str::to_owned);
    let was_in = team.as_deref().is_some_and(|t| {
        row.connected_team_ids.iter().any(|id| &**id == t)
            || row.connected_limited_team_ids.iter().any(|id| &**id == t)
    });
    if let Some(team) = &team {
        change_channel(app, channel, |row| {
            row.connected_team_ids.retain(|id| **id != **team);
            row.connected_limited_team_ids.retain(|id| **id != **team);
        });
        if was_in {
            count_channel(app, team, private, -1);
        }
    }
    let ours = app.identity.our_ids();
    let still_external = app
        .channels
        .list
        .find(channel)
        .is_some_and(|c| !channels::external_teams(c, &ours).is_empty());
    if event.is_ext_shared == Some(false) || !still_external {
        app.channels.list.remove(channel);
    }
    risk::rebuild(app);
    Vec::new()
}
