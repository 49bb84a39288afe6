//! conversations.acceptSharedInvite, and the acceptance it records (which
//! the activity simulator also uses when an outside org accepts ours).
//!
//! An acceptance arrives with the other org's approval already given (their
//! admins are not emulated), so it then waits for ours: it never connects
//! the channel at once, and `implicit_approval` is false.

use serde_json::json;

use super::{Ctx, Reply, reply};
use crate::emulator::api_error::ApiError;
use crate::emulator::events::{self, Emitted};
use crate::emulator::records::{AcceptRec, Direction, InviteOutcome, ReviewRec, TeamRef, UserRef};
use crate::emulator::state::State;

/// How long an acceptance stays open for approval (as the demo's do: 14 days).
const ACCEPTANCE_LIFETIME: i64 = 14 * 24 * 3600;

/// `team`'s `user` accepts pending invite `id`, with the external side's
/// approval; returns the `shared_channel_invite_accepted` event, or None
/// when the invite is not pending.
pub(crate) fn add_acceptance(
    state: &mut State,
    id: &str,
    team: TeamRef,
    user: UserRef,
    now: i64,
) -> Option<Emitted> {
    let me = state.me.clone();
    let rec = state.invites.get_mut(id)?;
    let external = if me.is_us(&rec.inviting_team.id) {
        team.clone()
    } else {
        rec.inviting_team.clone()
    };
    rec.date_last_updated = Some(now);
    rec.acceptances.push(AcceptRec {
        approval_status: "pending_approval".into(),
        date_accepted: Some(now),
        date_invalid: Some(now + ACCEPTANCE_LIFETIME),
        date_last_updated: Some(now),
        team,
        user: Some(user.clone()),
        reviews: vec![ReviewRec {
            kind: "approval".into(),
            date: Some(now),
            team: external,
        }],
    });
    let rec = state.invites.get(id)?;
    Some(events::accepted(state, rec, &user, true, now))
}

/// Slack's channel-name rules, in the order its errors are listed.
fn check_name(name: &str) -> Result<(), ApiError> {
    if name.is_empty() {
        return Err(ApiError::new("invalid_name_required"));
    }
    if name.chars().count() > 80 {
        return Err(ApiError::new("invalid_name_maxlength"));
    }
    let ok = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_';
    if !name.chars().all(ok) {
        return Err(ApiError::new("invalid_name_specials"));
    }
    Ok(())
}

pub(super) fn accept(cx: &mut Ctx<'_>) -> Result<Reply, ApiError> {
    let name = cx
        .args
        .str("channel_name")
        .ok_or_else(|| ApiError::missing("channel_name"))?;
    let invite_id = cx.args.str("invite_id");
    let channel_id = cx.args.str("channel_id");
    if invite_id.is_none() && channel_id.is_none() {
        return Err(ApiError::invalid(
            "invite_id",
            "must provide either invite_id or channel_id",
        ));
    }
    check_name(&name)?;
    cx.state.expire_invites(cx.now);
    let found = cx
        .state
        .invites
        .values()
        .find(|r| {
            cx.reaches(&r.workspace)
                && match (&invite_id, &channel_id) {
                    (Some(id), _) => *r.id == **id,
                    (None, Some(ch)) => r.channel.id == *ch && r.direction == Direction::Incoming,
                    (None, None) => false,
                }
        })
        .cloned();
    let Some(rec) = found else {
        return Err(
            match invite_id.and_then(|id| cx.state.past_outcome.get(id.as_str())) {
                Some(InviteOutcome::Approved | InviteOutcome::Declined) => {
                    ApiError::new("invite_used")
                }
                _ => ApiError::new("invite_not_found"),
            },
        );
    };
    if rec.direction == Direction::Outgoing {
        return Err(ApiError::new("invite_from_same_org"));
    }
    if rec.status.as_deref() == Some("revoked") {
        return Err(ApiError::new("invalid_link"));
    }
    if rec
        .acceptances
        .iter()
        .any(|a| cx.state.me.is_us(&a.team.id))
    {
        return Err(ApiError::new("invite_used"));
    }
    let taken = cx
        .state
        .channels
        .by_id
        .values()
        .any(|c| c.name.as_deref() == Some(name.as_str()) && c.id != rec.channel.id);
    if taken {
        return Err(ApiError::new("name_taken"));
    }
    let team = cx
        .state
        .team(&rec.workspace)
        .unwrap_or_else(|| cx.state.me.team_ref.clone());
    let user = cx.state.token_user(cx.token);
    let Some(event) = add_acceptance(cx.state, &rec.id, team, user, cx.now) else {
        return Err(ApiError::new("invite_not_found"));
    };
    cx.events.push(event);
    reply(json!({
        "implicit_approval": false,
        "channel_id": rec.channel.id,
        "invite_id": rec.id,
        "can_open_scdm": false,
    }))
}
