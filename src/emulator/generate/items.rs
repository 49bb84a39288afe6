//! One generated invite or request.

use std::collections::HashMap;

use crate::slack::models::{
    Acceptance, ChannelConnection, ConnectChannel, ConnectInvite, InviteDetail, InvitePayload,
    InviteRequest, RequestChannel, Review, SharedChannel, TargetUser,
};

use super::names::{DAY, FIRST, Rng, TOPICS, Team, make_id};

/// What every generated invite and request draws from.
#[derive(Clone, Copy)]
pub(super) struct World<'a> {
    pub seed: u64,
    pub now: i64,
    pub me: &'a Team,
    /// The connected orgs, then the prospects.
    pub partners: &'a [Team],
    /// Where each connected org is in `partners`.
    pub org_index: &'a HashMap<String, usize>,
    pub channels: &'a [SharedChannel],
}

pub(super) fn make_invite(rng: &mut Rng, w: &World<'_>, i: usize) -> ConnectInvite {
    let World {
        seed,
        now,
        me,
        partners,
        channels,
        ..
    } = *w;
    let other: &Team = &partners[rng.below(partners.len())];
    let incoming = rng.chance(55);
    let (host, guest) = if incoming { (other, me) } else { (me, other) };
    // Most invites live two weeks; a few are about to run out.
    let age = if rng.chance(6) {
        14 * DAY - 3600 - rng.below(20 * 3600) as i64
    } else {
        rng.below(13 * 24) as i64 * 3600
    };
    let created = now - age;
    let private = rng.chance(25);
    let limited = rng.chance(50);
    let channel = if !incoming && !channels.is_empty() && rng.chance(50) {
        let c = &channels[rng.below(channels.len())];
        ConnectChannel {
            id: c.id.clone(),
            is_im: Some(false),
            is_private: c.is_private,
            name: c.name.clone(),
        }
    } else {
        ConnectChannel {
            id: make_id(if private { 'G' } else { 'C' }, seed, 4, i),
            is_im: Some(false),
            is_private: Some(private),
            name: Some(format!(
                "{}-{}",
                host.team.domain.as_deref().unwrap_or("shared"),
                rng.pick(&TOPICS)
            )),
        }
    };
    let inviter = host.users[rng.below(host.users.len())].clone();
    let recipient = &guest.users[rng.below(guest.users.len())];
    let mut acceptances = Vec::new();
    if rng.chance(60) {
        let accepted = created + rng.below(age.max(1) as usize) as i64;
        let awaiting_us = rng.chance(50);
        // The side that is not awaited has already approved.
        let reviewer = if awaiting_us { other } else { me };
        acceptances.push(Acceptance {
            approval_status: Some("pending_approval".into()),
            date_accepted: Some(accepted),
            date_invalid: Some(accepted + 14 * DAY),
            date_last_updated: Some(accepted),
            accepting_team: Some(guest.team.clone()),
            accepting_user: Some(recipient.clone()),
            reviews: vec![Review {
                kind: Some("approval".into()),
                date_review: Some(accepted),
                reviewing_team: Some(reviewer.team.clone()),
            }],
        });
    }
    ConnectInvite {
        direction: Some(if incoming { "incoming" } else { "outgoing" }.into()),
        status: Some("sent".into()),
        date_last_updated: Some(
            acceptances
                .first()
                .and_then(|a| a.date_accepted)
                .unwrap_or(created),
        ),
        invite_type: Some("channel".into()),
        invite: Some(InviteDetail {
            id: make_id('I', seed, 5, i),
            date_created: Some(created),
            date_invalid: Some(created + 14 * DAY),
            inviting_team: Some(host.team.clone()),
            inviting_user: Some(inviter),
            link: None,
            recipient_user_id: None,
            recipient_email: recipient.email().map(str::to_owned),
            sig: None,
        }),
        channel: Some(channel),
        acceptances,
        invite_payload: Some(InvitePayload {
            invite_type: Some("channel".into()),
            is_sponsored: Some(false),
            is_external_limited: Some(limited),
            channel: None,
        }),
        ..ConnectInvite::default()
    }
}

pub(super) fn make_request(rng: &mut Rng, w: &World<'_>, i: usize) -> InviteRequest {
    let World {
        seed,
        now,
        me,
        partners,
        org_index,
        channels,
    } = *w;
    let created = now - rng.below(20 * 24) as i64 * 3600;
    let expires = created + 14 * DAY;
    let target = &partners[rng.below(partners.len())];
    let first = rng.pick(&FIRST).to_lowercase();
    let email = format!(
        "{first}@{}.com",
        target.team.domain.as_deref().unwrap_or("example")
    );
    let channel = if channels.is_empty() {
        RequestChannel {
            id: make_id('C', seed, 6, i),
            is_im: Some(false),
            is_private: Some(false),
            date_created: Some(created - 30 * DAY),
            name: Some(format!("proj-{}", rng.pick(&TOPICS))),
            ..RequestChannel::default()
        }
    } else {
        let c = &channels[rng.below(channels.len())];
        RequestChannel {
            id: c.id.clone(),
            is_im: Some(false),
            is_private: c.is_private,
            date_created: c.created,
            name: c.name.clone(),
            connections: c
                .connected_team_ids
                .iter()
                .filter_map(|t| org_index.get(t.as_str()))
                .map(|&n| &partners[n])
                .map(|p| ChannelConnection {
                    team: Some(p.team.clone()),
                    is_private: c.is_private,
                })
                .collect(),
            ..RequestChannel::default()
        }
    };
    let denied = rng.chance(8).then_some(created + 3600);
    InviteRequest {
        id: make_id('I', seed, 7, i),
        date_created: Some(created),
        expires_at: Some(expires),
        date_last_updated: Some(denied.unwrap_or(created)),
        date_denied: denied,
        inviting_team: Some(me.team.clone()),
        inviting_user: Some(me.users[1 + rng.below(me.users.len() - 1)].clone()),
        reviewing_user: denied.map(|_| me.users[0].clone()),
        is_external_limited: Some(rng.chance(60)),
        is_sponsored: Some(false),
        recipient_email: None,
        target_user: Some(TargetUser {
            recipient_email: Some(email),
            recipient_user_id: None,
        }),
        channel: Some(channel),
    }
}
