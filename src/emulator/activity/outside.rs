//! What the simulated outside world adds: an invite from another org, an
//! outside org accepting one of ours, one of our members accepting an
//! invite, a member asking to invite someone outside. Each changes the
//! state the way the matching real change would, so the list methods show it.

use std::sync::Arc;

use crate::emulator::dataset::SECOND_ADMIN_ID;
use crate::emulator::generate::{FIRST, LAST, Rng, TOPICS};
use crate::emulator::methods::add_acceptance;
use crate::emulator::people::fnv;
use crate::emulator::records::{
    Direction, InviteRec, RequestRec, RequestStatus, TeamRef, Text, UserRef,
};
use crate::emulator::state::{State, slug};
use crate::slack::models::{
    ChannelConnection, ConnectChannel, ConnectTeam, ConnectUser, RequestChannel, TargetUser,
    UserProfile,
};

use crate::emulator::events::{self, Emitted};

/// How long a new invite or request stays open (Slack: 14 days).
const LIFETIME: i64 = 14 * 24 * 3600;
/// Orgs that invite us when the data names none.
const MADE_UP: [(&str, &str, &str); 3] = [
    ("T0EMUX0001", "Harborline Freight", "harborline"),
    ("T0EMUX0002", "Quillstone Legal", "quillstone"),
    ("T0EMUX0003", "Brightpath Analytics", "brightpath"),
];

pub(super) type Change = (String, Vec<Emitted>);

const ALPHABET: &[u8] = b"0123456789ABCDEFGHJKLMNPQRSTUVWXYZ";

fn base34(mut n: u64, width: usize) -> String {
    let mut out = Vec::new();
    while n > 0 || out.len() < width {
        out.push(ALPHABET[(n % 34) as usize]);
        n /= 34;
    }
    out.iter().rev().map(|b| *b as char).collect()
}

/// `prefix` + step number, skipping any id the data already uses.
fn fresh_id(state: &State, prefix: &str, n: u64) -> String {
    (0..)
        .map(|k| format!("{prefix}{}", base34(n + k * 1_000_003, 4)))
        .find(|id| {
            !state.invites.contains(id)
                && !state.requests.contains(id)
                && !state.past_outcome.contains_key(id.as_str())
                && state.channels.get(id).is_none()
        })
        .unwrap_or_default()
}

/// Our workspaces that can be read (a refusing one gets nothing new).
pub(super) fn readable(state: &State) -> Vec<Arc<str>> {
    state
        .workspaces
        .iter()
        .filter(|w| w.refuses.is_none())
        .map(|w| w.id.clone())
        .collect()
}

fn our_team(state: &State, workspace: &str) -> TeamRef {
    state
        .team(workspace)
        .unwrap_or_else(|| state.me.team_ref.clone())
}

/// Our members (not the admins), by id.
fn members(state: &State) -> Vec<UserRef> {
    let mut out: Vec<UserRef> = state
        .people
        .values()
        .filter(|u| u.id != SECOND_ADMIN_ID)
        .cloned()
        .collect();
    if out.is_empty() {
        out.push(state.me.user_ref.clone());
    }
    out
}

/// The connected orgs of the data, else a few made-up ones.
fn outside_teams(state: &mut State) -> Vec<TeamRef> {
    let known: Vec<ConnectTeam> = state
        .orgs
        .values()
        .filter(|o| o.connection_status.as_deref() == Some("CONNECTED"))
        .map(|o| ConnectTeam {
            id: o.team_id.clone(),
            name: o.team_name.clone(),
            domain: o.team_domain.clone(),
            is_verified: Some(false),
            ..ConnectTeam::default()
        })
        .collect();
    let teams = if known.is_empty() {
        MADE_UP
            .iter()
            .map(|(id, name, domain)| ConnectTeam {
                id: (*id).into(),
                name: Some((*name).into()),
                domain: Some((*domain).into()),
                is_verified: Some(false),
                ..ConnectTeam::default()
            })
            .collect()
    } else {
        known
    };
    // A team the data describes in full keeps its description.
    teams.iter().map(|t| state.intern_team(Some(t))).collect()
}

/// The org behind an email address: a known one with that domain, else a new one.
fn team_for_email(state: &mut State, email: &str) -> TeamRef {
    let domain = email.rsplit('@').next().unwrap_or(email);
    let stem = domain.split('.').next().unwrap_or(domain).to_owned();
    let known = state.orgs.values().find(|o| {
        o.team_domain.as_deref() == Some(stem.as_str())
            || o.team_name.as_deref().map(slug).as_deref() == Some(stem.as_str())
    });
    let team = match known {
        Some(o) => ConnectTeam {
            id: o.team_id.clone(),
            name: o.team_name.clone(),
            domain: o.team_domain.clone(),
            ..ConnectTeam::default()
        },
        None => ConnectTeam {
            id: format!("T0X{}", base34(fnv(&stem) % 34u64.pow(7), 7)),
            name: Some(title(&stem)),
            domain: Some(stem.clone()),
            is_verified: Some(false),
            ..ConnectTeam::default()
        },
    };
    state.intern_team(Some(&team))
}

fn title(stem: &str) -> String {
    stem.split('-')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect())
                .unwrap_or_default()
        })
        .collect::<Vec<String>>()
        .join(" ")
}

/// A user of an outside org, made from an address.
fn outside_user(team: &ConnectTeam, email: &str, now: i64) -> UserRef {
    let local = email.split('@').next().unwrap_or(email);
    Arc::new(ConnectUser {
        id: format!("U0X{}", base34(fnv(email) % 34u64.pow(8), 8)),
        team_id: Some(team.id.clone()),
        name: Some(local.to_owned()),
        updated: Some(now),
        who_can_share_contact_card: Some("EVERYONE".into()),
        profile: Some(Box::new(UserProfile {
            real_name: Some(title(&local.replace(['.', '_'], "-"))),
            team: Some(team.id.clone()),
            email: Some(email.to_owned()),
            ..UserProfile::default()
        })),
    })
}

fn person(rng: &mut Rng) -> String {
    format!(
        "{}.{}",
        rng.pick(&FIRST).to_lowercase(),
        rng.pick(&LAST).to_lowercase()
    )
}

fn channel_name_taken(state: &State, name: &str) -> bool {
    state
        .invites
        .values()
        .any(|i| i.channel.name.as_deref() == Some(name))
        || state
            .channels
            .by_name
            .range((name.to_owned(), String::new())..)
            .next()
            .is_some_and(|(n, _)| n == name)
}

/// Another org invites us to a new channel: `shared_channel_invite_received`.
pub(super) fn invite_received(
    state: &mut State,
    rng: &mut Rng,
    n: u64,
    now: i64,
) -> Option<Change> {
    let workspaces = readable(state);
    let workspace = rng.pick(&workspaces).clone();
    let teams = outside_teams(state);
    let team = rng.pick(&teams).clone();
    let base = format!(
        "{}-{}",
        slug(team.name.as_deref().unwrap_or(&team.id))
            .split('-')
            .next()
            .unwrap_or("partner"),
        rng.pick(&TOPICS)
    );
    let name = if channel_name_taken(state, &base) {
        format!("{base}-{}", n + 2)
    } else {
        base
    };
    let domain = team.domain.clone().unwrap_or_else(|| "example".into());
    let inviter = outside_user(&team, &format!("{}@{domain}.com", person(rng)), now);
    let recipient = rng.pick(&members(state)).clone();
    let id = fresh_id(state, "I0EMUA", n);
    let rec = InviteRec {
        id: id.as_str().into(),
        direction: Direction::Incoming,
        status: Some("sent".into()),
        invite_type: Some("channel".into()),
        date_created: now,
        date_invalid: Some(now + LIFETIME),
        date_last_updated: Some(now),
        inviting_team: team.clone(),
        inviting_user: Some(inviter),
        link: Some(format!(
            "https://join.slack.com/share/{}",
            id.to_lowercase()
        )),
        recipient_user_id: Some(recipient.id.clone()),
        recipient_email: recipient.email().map(Text::from),
        sig: None,
        channel: ConnectChannel {
            id: fresh_id(state, "C0EMU", n),
            is_im: Some(false),
            is_private: Some(rng.chance(25)),
            name: Some(name.clone()),
        },
        is_external_limited: rng.chance(50),
        is_sponsored: Some(false),
        acceptances: Vec::new(),
        workspace,
    };
    let event = events::received(&rec, now);
    state.add_invite(rec);
    let from = team.name.clone().unwrap_or_else(|| team.id.clone());
    Some((format!("{from} invited us to #{name} ({id})"), vec![event]))
}

/// An outside org accepts our invite `id`; it now waits for our approval.
pub(super) fn they_accept(state: &mut State, id: &str, now: i64) -> Option<Change> {
    let rec = state.invites.get(id)?;
    let email = rec
        .recipient_email
        .as_deref()
        .map(str::to_owned)
        .unwrap_or_else(|| format!("partner@{}.com", rec.channel.name.as_deref().unwrap_or("x")));
    let channel = rec.channel.name.clone().unwrap_or_default();
    let team = team_for_email(state, &email);
    if state.me.is_us(&team.id) {
        return None;
    }
    let user = outside_user(&team, &email, now);
    let event = add_acceptance(state, id, team.clone(), user, now)?;
    let who = team.name.clone().unwrap_or_else(|| team.id.clone());
    Some((
        format!("{who} accepted invite {id} (#{channel})"),
        vec![event],
    ))
}

/// One of our members accepts invite `id` from another org; it now waits for our approval.
pub(super) fn member_accepts(state: &mut State, id: &str, now: i64) -> Option<Change> {
    let rec = state.invites.get(id)?;
    let members = members(state);
    let user = members
        .iter()
        .find(|u| {
            Some(u.id.as_str()) == rec.recipient_user_id.as_deref()
                || (u.email().is_some() && u.email() == rec.recipient_email.as_deref())
        })
        .unwrap_or(&members[0])
        .clone();
    let team = our_team(state, &rec.workspace);
    let channel = rec.channel.name.clone().unwrap_or_default();
    let event = add_acceptance(state, id, team, user.clone(), now)?;
    let who = user.name.clone().unwrap_or_else(|| user.id.clone());
    Some((
        format!("{who} accepted invite {id} (#{channel})"),
        vec![event],
    ))
}

/// A member asks to invite someone outside: `shared_channel_invite_requested`.
pub(super) fn member_requests(
    state: &mut State,
    rng: &mut Rng,
    n: u64,
    now: i64,
) -> Option<Change> {
    let workspaces = readable(state);
    let workspace = rng.pick(&workspaces).clone();
    let first = state.workspaces.first().map(|w| w.id.clone());
    let channels: Vec<_> = state
        .channels
        .by_id
        .values()
        .filter(|c| c.is_archived != Some(true))
        .filter(|c| {
            c.internal_team_ids.iter().any(|t| **t == *workspace)
                || (c.internal_team_ids.is_empty() && first.as_ref() == Some(&workspace))
        })
        .collect();
    if channels.is_empty() {
        return None;
    }
    let ch = *rng.pick(&channels);
    let connections = ch
        .connected_team_ids
        .iter()
        .map(|t| ChannelConnection {
            team: state.team(t).map(|t| ConnectTeam::clone(&t)),
            is_private: ch.is_private,
        })
        .collect();
    let channel = RequestChannel {
        id: ch.id.clone(),
        is_im: Some(false),
        is_private: Some(ch.is_private == Some(true)),
        date_created: ch.created,
        name: ch.name.clone(),
        connections,
        ..RequestChannel::default()
    };
    let domains: Vec<String> = state
        .orgs
        .values()
        .filter_map(|o| o.team_domain.clone())
        .chain(["gmail".to_owned(), "outlook".to_owned()])
        .collect();
    let email = format!("{}@{}.com", person(rng), rng.pick(&domains));
    let maker = rng.pick(&members(state)).clone();
    let id = fresh_id(state, "I0EMUR", n);
    let rec = RequestRec {
        id: id.as_str().into(),
        date_created: now,
        expires_at: Some(now + LIFETIME),
        date_last_updated: Some(now),
        date_denied: None,
        inviting_team: our_team(state, &workspace),
        inviting_user: Some(maker.clone()),
        reviewing_user: None,
        is_external_limited: Some(true),
        is_sponsored: Some(false),
        recipient_email: None,
        target_user: Some(TargetUser {
            recipient_email: Some(email.clone()),
            recipient_user_id: None,
        }),
        channel: Some(Arc::new(channel)),
        decided: RequestStatus::Pending,
        deny_message: None,
        approval_message: None,
        approval_replaces: false,
        workspace,
    };
    let event = events::requested(&rec, now);
    let name = rec
        .channel
        .as_ref()
        .and_then(|c| c.name.clone())
        .unwrap_or_default();
    state.requests.insert(rec);
    let who = maker.name.clone().unwrap_or_else(|| maker.id.clone());
    Some((
        format!("{who} asked to invite {email} to #{name} ({id})"),
        vec![event],
    ))
}
