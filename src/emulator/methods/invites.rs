//! conversations.listConnectInvites, approveSharedInvite, declineSharedInvite.

use std::cmp::Reverse;

use serde_json::json;

use super::{Ctx, Reply, reply};
use crate::emulator::api_error::ApiError;
use crate::emulator::events;
use crate::emulator::pagination::{self, take_page};
use crate::emulator::records::{AcceptRec, Direction, InviteOutcome, InviteRec, ReviewRec};
use crate::emulator::wire;
use crate::slack::models::ResponseMetadata;

pub(super) fn list(cx: &mut Ctx<'_>) -> Result<Reply, ApiError> {
    let count = pagination::page_size(cx.args.int("count")?, 100, 1, 500);
    let after = match cx.args.str("cursor") {
        None => None,
        Some(c) => {
            let (t, id) = pagination::int_id_key(&pagination::decode("invites", &c)?)?;
            Some((Reverse(t), id))
        }
    };
    cx.state.expire_invites(cx.now);
    let (page, more) = take_page(cx.state.invites.after(after.as_ref()), count, |rec| {
        cx.reaches(&rec.workspace)
    });
    let next = more
        .then(|| page.last())
        .flatten()
        .map(|((Reverse(t), id), _)| pagination::encode("invites", vec![json!(t), json!(id)]));
    let metadata = ResponseMetadata {
        next_cursor: Some(next.unwrap_or_default()),
        ..Default::default()
    };
    // Sized for the generated invites (about 1.2 kB each), so a page of
    // 500 is written without growing the buffer.
    let mut out = Vec::with_capacity(256 + page.len() * 1536);
    out.extend_from_slice(br#"{"ok":true,"invites":["#);
    let written = page.iter().enumerate().try_for_each(|(i, (_, rec))| {
        if i > 0 {
            out.push(b',');
        }
        wire::write_invite(&mut out, rec, &cx.state.wire)
    });
    out.extend_from_slice(br#"],"response_metadata":"#);
    written
        .and_then(|()| serde_json::to_writer(&mut out, &metadata))
        .map_err(|_| ApiError::new("internal_error"))?;
    out.push(b'}');
    String::from_utf8(out)
        .map(Reply::Body)
        .map_err(|_| ApiError::new("internal_error"))
}

/// Which acceptance a call is about, checked the way Slack words its errors.
fn pick_acceptance(cx: &Ctx<'_>, rec: &InviteRec, target: Option<&str>) -> Result<usize, ApiError> {
    match rec.direction {
        // The inviting side must name the accepting team it decides about.
        Direction::Outgoing => {
            let target = target.ok_or_else(|| ApiError::new("missing_target_team"))?;
            if rec.acceptances.is_empty() {
                return Err(ApiError::new("approval_not_found"));
            }
            rec.acceptances
                .iter()
                .position(|a| a.team.id == target)
                .ok_or_else(|| ApiError::new("invalid_target_team"))
        }
        Direction::Incoming => {
            if let Some(t) = target
                && t != rec.inviting_team.id
                && !cx.state.me.is_us(t)
            {
                return Err(ApiError::new("invalid_target_team"));
            }
            if rec.acceptances.is_empty() {
                return Err(ApiError::new("approval_not_found"));
            }
            Ok(rec
                .acceptances
                .iter()
                .position(|a| cx.state.me.is_us(&a.team.id))
                .unwrap_or(0))
        }
    }
}

/// A pending invite the call may decide: in a workspace its token reaches.
fn pending_within_reach<'c>(cx: &'c Ctx<'_>, id: &str) -> Option<&'c InviteRec> {
    cx.state
        .invites
        .get(id)
        .filter(|rec| cx.reaches(&rec.workspace))
}

fn target_team(cx: &Ctx<'_>) -> Option<String> {
    // Python's own integration test sends the other team as `team_id`; with
    // an org-wide token `team_id` names our workspace instead.
    let target = cx.args.str("target_team");
    if cx.token.is_org_level() {
        return target;
    }
    target.or_else(|| cx.args.str("team_id"))
}

fn acceptance_inactive(a: &AcceptRec, now: i64) -> bool {
    a.date_invalid.is_some_and(|t| t <= now)
        || matches!(
            &*a.approval_status,
            "declined" | "inactive" | "expired" | "revoked"
        )
}

pub(super) fn approve(cx: &mut Ctx<'_>) -> Result<Reply, ApiError> {
    let id = cx.args.require("invite_id")?;
    let target = target_team(cx);
    cx.state.expire_invites(cx.now);
    let Some(rec) = pending_within_reach(cx, &id) else {
        return Err(match cx.state.past_outcome.get(id.as_str()) {
            Some(InviteOutcome::Approved) => ApiError::new("already_approved"),
            Some(InviteOutcome::Declined) => ApiError::new("approval_inactive"),
            _ => ApiError::new("invite_not_found"),
        });
    };
    if rec.status.as_deref() == Some("revoked") {
        return Err(ApiError::new("invalid_action"));
    }
    let idx = pick_acceptance(cx, rec, target.as_deref())?;
    let acc = &rec.acceptances[idx];
    let me = cx.state.me.clone();
    // Only the inviting and the accepting side review an acceptance.
    if !me.is_us(&rec.inviting_team.id) && !me.is_us(&acc.team.id) {
        return Err(ApiError::new("invalid_action"));
    }
    if acceptance_inactive(acc, cx.now) {
        return Err(ApiError::new("approval_inactive"));
    }
    let our_id = if me.is_us(&rec.inviting_team.id) {
        rec.inviting_team.id.clone()
    } else {
        acc.team.id.clone()
    };
    if acc.approved_by(&our_id) || &*acc.approval_status == "approved" {
        return Err(ApiError::new("already_approved"));
    }

    let now = cx.now;
    let our_team = cx
        .state
        .team(&our_id)
        .unwrap_or_else(|| me.team_ref.clone());
    let Some(rec) = cx.state.invites.get_mut(&id) else {
        return Err(ApiError::new("invite_not_found"));
    };
    rec.date_last_updated = Some(now);
    let acc = &mut rec.acceptances[idx];
    acc.reviews.push(ReviewRec {
        kind: "approval".into(),
        date: Some(now),
        team: our_team,
    });
    acc.date_last_updated = Some(now);
    let fully = acc.approved_by(&rec.inviting_team.id) && acc.approved_by(&acc.team.id);
    if fully {
        acc.approval_status = "approved".into();
    }
    let user = cx.state.token_user(cx.token);
    if let Some(rec) = cx.state.invites.get(&id) {
        let event = events::decided(cx.state, rec, true, &our_id, &user, now);
        cx.events.push(event);
    }
    if !fully {
        return reply(json!({}));
    }
    let Some(rec) = cx.state.invites.get(&id) else {
        return Err(ApiError::new("invite_not_found"));
    };
    let acc = &rec.acceptances[idx];
    let external = if rec.direction == Direction::Outgoing {
        acc.team.clone()
    } else {
        rec.inviting_team.clone()
    };
    let host = rec.inviting_team.id.clone();
    let channel = rec.channel.clone();
    let limited = rec.is_external_limited;
    let all_done = rec
        .acceptances
        .iter()
        .all(|a| &*a.approval_status != "pending_approval");
    let workspace = rec.workspace.to_string();
    cx.state
        .connect_team(&channel, &host, &external, limited, now);
    cx.events.push(events::channel_shared(
        &workspace,
        &channel.id,
        &external.id,
    ));
    if all_done {
        cx.state.retire_invite(&id, InviteOutcome::Approved);
    }
    reply(json!({}))
}

pub(super) fn decline(cx: &mut Ctx<'_>) -> Result<Reply, ApiError> {
    let id = cx.args.require("invite_id")?;
    let target = target_team(cx);
    cx.state.expire_invites(cx.now);
    let Some(rec) = pending_within_reach(cx, &id) else {
        return Err(match cx.state.past_outcome.get(id.as_str()) {
            Some(InviteOutcome::Expired | InviteOutcome::Approved) => {
                ApiError::new("inactive_invite")
            }
            Some(InviteOutcome::Declined) => ApiError::new("approval_inactive"),
            _ => ApiError::new("invite_not_found"),
        });
    };
    if rec.status.as_deref() == Some("revoked") {
        return Err(ApiError::new("inactive_invite"));
    }
    let idx = pick_acceptance(cx, rec, target.as_deref())?;
    if acceptance_inactive(&rec.acceptances[idx], cx.now) {
        return Err(ApiError::new("approval_inactive"));
    }
    // The side we decline for: ours, the inviting or the accepting one.
    let our_id = if cx.state.me.is_us(&rec.inviting_team.id) {
        rec.inviting_team.id.clone()
    } else {
        rec.acceptances[idx].team.id.clone()
    };
    let now = cx.now;
    let Some(rec) = cx.state.invites.get_mut(&id) else {
        return Err(ApiError::new("invite_not_found"));
    };
    rec.date_last_updated = Some(now);
    let acc = &mut rec.acceptances[idx];
    acc.approval_status = "declined".into();
    acc.date_last_updated = Some(now);
    // The invite ends once no acceptance is still waiting for a decision.
    let ended = rec
        .acceptances
        .iter()
        .all(|a| &*a.approval_status != "pending_approval");
    let user = cx.state.token_user(cx.token);
    if let Some(rec) = cx.state.invites.get(&id) {
        let event = events::decided(cx.state, rec, false, &our_id, &user, now);
        cx.events.push(event);
    }
    if ended {
        cx.state.retire_invite(&id, InviteOutcome::Declined);
    }
    reply(json!({}))
}
