//! `--activity RATE`: the outside world changing things while the tool
//! watches — new invites, acceptances, member requests, and a second admin
//! (Priya Nair) deciding what waits on us. Which change a step makes is a
//! pure function of the seed, the step number and the state, so a run with
//! the same seed and the same calls changes the same things.
//!
//! The second admin decides through the method handlers themselves, so her
//! decisions change the state and emit events exactly as an API call would.
//! New items are only made while fewer than `GROWTH` more than at start are
//! pending; past that, steps decide instead, so a long demo stays bounded.

mod outside;

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use crate::emulator::args::Args;
use crate::emulator::dataset::{ALL_SCOPES, SECOND_ADMIN_ID, SECOND_ADMIN_NAME, TokenSpec, mix};
use crate::emulator::events::Emitted;
use crate::emulator::generate::Rng;
use crate::emulator::methods;
use crate::emulator::records::{Direction, InviteRec, RequestStatus};
use crate::emulator::state::State;
use outside::Change;

/// How many more pending items than at start the simulator lets build up.
const GROWTH: usize = 20;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Received,
    Requested,
    MemberAccepts,
    TheyAccept,
    Decide,
}

pub(crate) struct Activity {
    seed: u64,
    steps: AtomicU64,
    baseline: usize,
    /// The second admin's token: held here only, never accepted over HTTP.
    admin: TokenSpec,
}

fn pending_requests(state: &State, now: i64, readable: &[Arc<str>]) -> Vec<String> {
    state
        .requests
        .values()
        .filter(|r| r.status(now) == RequestStatus::Pending && readable.contains(&r.workspace))
        .map(|r| r.id.to_string())
        .collect()
}

fn open_invite(rec: &InviteRec, now: i64, readable: &[Arc<str>]) -> bool {
    rec.status.as_deref() != Some("revoked")
        && rec.date_invalid.is_none_or(|t| t > now)
        && readable.contains(&rec.workspace)
}

/// Pending invites nobody accepted yet, sent (`Outgoing`) or received.
fn unaccepted(state: &State, dir: Direction, now: i64, readable: &[Arc<str>]) -> Vec<String> {
    state
        .invites
        .values()
        .filter(|r| r.direction == dir && r.acceptances.is_empty() && open_invite(r, now, readable))
        .map(|r| r.id.to_string())
        .collect()
}

/// Invites with an acceptance waiting on our approval: (id, the acceptance's team).
fn awaiting_us(state: &State, now: i64, readable: &[Arc<str>]) -> Vec<(String, String)> {
    let me = &state.me;
    state
        .invites
        .values()
        .filter(|r| open_invite(r, now, readable))
        .filter_map(|r| {
            let ours_invited = me.is_us(&r.inviting_team.id);
            r.acceptances
                .iter()
                .find(|a| {
                    let our_side = if ours_invited {
                        &r.inviting_team.id
                    } else {
                        &a.team.id
                    };
                    &*a.approval_status == "pending_approval"
                        && a.date_invalid.is_none_or(|t| t > now)
                        && !a.approved_by(our_side)
                        && (ours_invited || me.is_us(&a.team.id))
                })
                .map(|a| (r.id.to_string(), a.team.id.clone()))
        })
        .collect()
}

impl Activity {
    pub fn new(seed: u64, state: &State, now: i64) -> Activity {
        let readable = outside::readable(state);
        let baseline = state.invites.len() + pending_requests(state, now, &readable).len();
        let admin = TokenSpec {
            token: String::new(),
            scopes: ALL_SCOPES.iter().map(|s| (*s).to_owned()).collect(),
            level: (state.workspaces.len() > 1).then(|| "org".to_owned()),
            user_id: Some(SECOND_ADMIN_ID.to_owned()),
            user: Some(SECOND_ADMIN_NAME.to_owned()),
            ..TokenSpec::default()
        };
        Activity {
            seed,
            steps: AtomicU64::new(0),
            baseline,
            admin,
        }
    }

    /// One simulated change of `state` now: what it was and the events it
    /// makes (to be sent once the state is released).
    pub fn step(&self, state: &mut State, now: i64) -> Option<Change> {
        let n = self.steps.fetch_add(1, Ordering::SeqCst);
        state.expire_invites(now);
        let mut rng = Rng(mix(self.seed ^ 0x4143_5456) ^ n.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        let change = self.change(state, &mut rng, n, now);
        if change.is_some() {
            state.version += 1;
        }
        change
    }

    fn change(&self, state: &mut State, rng: &mut Rng, n: u64, now: i64) -> Option<Change> {
        let readable = outside::readable(state);
        if readable.is_empty() {
            return None;
        }
        let requests = pending_requests(state, now, &readable);
        let waiting = awaiting_us(state, now, &readable);
        let incoming = unaccepted(state, Direction::Incoming, now, &readable);
        let outgoing = unaccepted(state, Direction::Outgoing, now, &readable);
        let grow = state.invites.len() + requests.len() < self.baseline + GROWTH;
        let mut kinds: Vec<(Kind, u64)> = Vec::new();
        if grow {
            kinds.push((Kind::Received, 3));
            if !state.channels.by_id.is_empty() {
                kinds.push((Kind::Requested, 2));
            }
        }
        if !incoming.is_empty() {
            kinds.push((Kind::MemberAccepts, 1));
        }
        if !outgoing.is_empty() {
            kinds.push((Kind::TheyAccept, 2));
        }
        if !waiting.is_empty() || !requests.is_empty() {
            kinds.push((Kind::Decide, if grow { 3 } else { 8 }));
        }
        let total: u64 = kinds.iter().map(|(_, w)| w).sum();
        if total == 0 {
            return None;
        }
        let mut draw = rng.next() % total;
        let kind = kinds
            .iter()
            .find(|(_, w)| {
                let hit = draw < *w;
                draw = draw.saturating_sub(*w);
                hit
            })
            .map(|(k, _)| *k)?;
        match kind {
            Kind::Received => outside::invite_received(state, rng, n, now),
            Kind::Requested => outside::member_requests(state, rng, n, now),
            Kind::MemberAccepts => {
                outside::member_accepts(state, rng.pick::<String>(&incoming), now)
            }
            Kind::TheyAccept => outside::they_accept(state, rng.pick::<String>(&outgoing), now),
            Kind::Decide => {
                let pick = rng.below(waiting.len() + requests.len());
                let approve = rng.chance(60);
                match waiting.get(pick) {
                    Some((id, team)) => self.decide_invite(state, id, team, approve, now),
                    None => {
                        self.decide_request(state, &requests[pick - waiting.len()], approve, now)
                    }
                }
            }
        }
    }

    /// Calls `method` as the second admin; None if it failed.
    fn call(
        &self,
        state: &mut State,
        method: &str,
        args: &[(&str, &str)],
        now: i64,
    ) -> Option<Vec<Emitted>> {
        let spec = methods::lookup(method)?;
        let (result, events) = methods::run(spec, state, &Args::from_pairs(args), &self.admin, now);
        match result {
            Ok(_) => Some(events),
            Err(e) => {
                tracing::debug!("activity: {method} failed: {}", e.code);
                None
            }
        }
    }

    fn decide_invite(
        &self,
        state: &mut State,
        id: &str,
        accepting_team: &str,
        approve: bool,
        now: i64,
    ) -> Option<Change> {
        let rec = state.invites.get(id)?;
        let channel = rec.channel.name.clone().unwrap_or_default();
        let workspace = rec.workspace.to_string();
        let mut args = vec![("invite_id", id)];
        if state.me.is_us(&rec.inviting_team.id) {
            args.push(("target_team", accepting_team));
        }
        if self.admin.is_org_level() {
            args.push(("team_id", &workspace));
        }
        let (method, verb) = if approve {
            ("conversations.approveSharedInvite", "approved")
        } else {
            ("conversations.declineSharedInvite", "declined")
        };
        let events = self.call(state, method, &args, now)?;
        Some((
            format!("Priya Nair {verb} invite {id} (#{channel})"),
            events,
        ))
    }

    fn decide_request(
        &self,
        state: &mut State,
        id: &str,
        approve: bool,
        now: i64,
    ) -> Option<Change> {
        let rec = state.requests.get(id)?;
        let workspace = rec.workspace.to_string();
        let (method, verb) = if approve && rec.channel.is_some() {
            ("conversations.requestSharedInvite.approve", "approved")
        } else {
            ("conversations.requestSharedInvite.deny", "denied")
        };
        let mut args = vec![("invite_id", id)];
        if self.admin.is_org_level() {
            args.push(("team_id", &workspace));
        }
        // Slack sends the admin no Connect event for these; the lists show the change.
        let events = self.call(state, method, &args, now)?;
        Some((format!("Priya Nair {verb} request {id}"), events))
    }

    /// The pauses between steps for `per_minute` changes a minute: uniform
    /// in [0.5, 1.5) of the mean, so the average holds and the rhythm does not.
    pub fn pauses(&self, per_minute: f64) -> impl Iterator<Item = Duration> + Send + use<> {
        let mean = 60.0 / per_minute.max(f64::MIN_POSITIVE);
        let mut rng = Rng(mix(self.seed ^ 0x4A17_7E52));
        std::iter::repeat_with(move || {
            let u = (rng.next() >> 11) as f64 / (1u64 << 53) as f64;
            Duration::from_secs_f64((mean * (0.5 + u)).min(86_400.0))
        })
    }
}
