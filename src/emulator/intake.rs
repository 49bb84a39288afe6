//! From the data file's wire shapes to the compact records of the state.
//!
//! Were each wire invite freed as soon as its record is made, the record's
//! small allocations would fill the holes it leaves, scattered over all the
//! memory the data file took, and none of that memory could go back to the
//! system: 100,000 generated invites held 370 MB for 170 MB of records. So
//! the items are read a chunk at a time and a chunk is freed, and handed
//! back ([`release_freed_memory`]), only once it has been read in full: the
//! data file shrinks while the records grow, and the records lie together.
//! A generated org (`--generate`) goes further: its items are made a batch
//! at a time and each batch is taken in and freed before the next is made,
//! so its wire data set, several times the size of the records, never
//! exists whole.

use std::collections::{HashMap, HashSet};
use std::iter::once;
use std::sync::Arc;

use crate::slack::models::{ConnectInvite, ExternalOrg, InviteRequest, SharedChannel};

use super::config::GenerateSpec;
use super::dataset::Dataset;
use super::generate::{Batch, Generator};
use super::records::{
    AcceptRec, Direction, InviteRec, RequestRec, RequestStatus, ReviewRec, Text, UserRef,
    intern_user,
};
use super::state::State;
use super::wire::WireCache;

/// What records share while they are made: one user object per user id and
/// one copy of each repeated string ("sent", "pending_approval", an email).
#[derive(Default)]
struct Pool {
    users: HashMap<String, UserRef>,
    texts: HashSet<Text>,
}

impl Pool {
    fn text(&mut self, s: &str) -> Text {
        if let Some(t) = self.texts.get(s) {
            return t.clone();
        }
        let t: Text = Arc::from(s);
        self.texts.insert(t.clone());
        t
    }
}

/// The records made so far, and what they share, while the state takes in its data.
struct Intake {
    pool: Pool,
    invites: Vec<InviteRec>,
    requests: Vec<RequestRec>,
}

impl Intake {
    fn with_capacity(invites: usize, requests: usize) -> Intake {
        Intake {
            pool: Pool::default(),
            invites: Vec::with_capacity(invites),
            requests: Vec::with_capacity(requests),
        }
    }
}

impl State {
    /// The invites, requests, orgs and channels of `dataset`, in the order
    /// [`State::new`] always took them in, so the same descriptions of a
    /// team or a user win and the same duplicates are skipped.
    pub(super) fn take_in(&mut self, dataset: Dataset) {
        let Dataset {
            invites: wire_invites,
            invite_requests: wire_requests,
            organizations,
            channels,
            workspaces,
            ..
        } = dataset;
        let ours: Text = self.workspaces[0].id.clone();
        let grouped = workspaces
            .into_iter()
            .map(|ws| (Text::from(ws.id.as_str()), ws.invites, ws.invite_requests));
        let groups: Vec<_> = once((ours, wire_invites, wire_requests))
            .chain(grouped)
            .collect();
        let mut intake = Intake::with_capacity(
            groups.iter().map(|g| g.1.len()).sum(),
            groups.iter().map(|g| g.2.len()).sum(),
        );
        // A small data file is not worth the walk over the heap that handing memory back takes.
        let large = intake.invites.capacity() + intake.requests.capacity() + channels.len() > CHUNK;
        for (workspace, wire_invites, wire_requests) in groups {
            read_then_free(wire_invites, |invite| {
                self.take_invite(&mut intake, invite, &workspace);
            });
            read_then_free(wire_requests, |request| {
                self.take_request(&mut intake, request, &workspace);
            });
        }
        self.finish_intake(intake, organizations, channels);
        if large {
            release_freed_memory();
        }
    }

    /// The org `Dataset::generate(spec, seed, now)` gives, as
    /// [`State::new`] would take it in, made and taken in a batch at a
    /// time: only one batch of wire items exists at once. Our one workspace
    /// only: an Enterprise org's items are made in another order than they
    /// are taken in.
    pub(super) fn generated(spec: &GenerateSpec, seed: u64, now: i64) -> State {
        debug_assert!(
            spec.workspaces <= 1,
            "EmulatorConfig::generated makes those whole"
        );
        let mut generator = Generator::new(spec, seed, now);
        let mut state = State::empty(generator.self_team(), &[]);
        let ours: Text = state.workspaces[0].id.clone();
        let mut intake = Intake::with_capacity(spec.invites, spec.requests);
        while let Some(batch) = generator.next_batch(GENERATED_BATCH) {
            match batch {
                Batch::Invites(made) => made
                    .iter()
                    .for_each(|invite| state.take_invite(&mut intake, invite, &ours)),
                Batch::Requests(made) => made
                    .iter()
                    .for_each(|request| state.take_request(&mut intake, request, &ours)),
            }
        }
        let (organizations, channels) = generator.into_orgs_and_channels();
        state.finish_intake(intake, organizations, channels);
        if spec.invites + spec.requests + spec.channels > CHUNK {
            release_freed_memory();
        }
        state
    }

    fn take_invite(&mut self, intake: &mut Intake, invite: &ConnectInvite, workspace: &Text) {
        let rec = self.invite_from_wire(invite, workspace, &mut intake.pool);
        intake.invites.push(rec);
    }

    fn take_request(&mut self, intake: &mut Intake, request: &InviteRequest, workspace: &Text) {
        let rec = self.request_from_wire(request, workspace, &mut intake.pool);
        intake.requests.push(rec);
    }

    /// The records into their indexes, then the orgs and channels.
    fn finish_intake(
        &mut self,
        intake: Intake,
        organizations: Vec<ExternalOrg>,
        channels: Vec<SharedChannel>,
    ) {
        let Intake {
            pool,
            invites,
            requests,
        } = intake;
        // Every record's expiry, duplicates' too, as adding them one by one did.
        self.invite_expiry = invites
            .iter()
            .filter_map(|r| r.date_invalid.map(|t| (t, r.id.clone())))
            .collect();
        self.invites.extend(invites);
        self.requests.extend(requests);
        // The data file's own description of our team (icon, verification) wins.
        match self.teams.get(&self.me.team_id) {
            Some(team) => self.me.team_ref = team.clone(),
            None => {
                let me = self.me.team_ref.clone();
                self.teams.insert(me.id.clone(), me);
            }
        }
        // Collected, the maps are built from sorted items (full nodes); a
        // repeated org id keeps its last description, as inserting did.
        self.orgs = organizations
            .into_iter()
            .map(|org| (org.team_id.clone(), org))
            .collect();
        self.channels.extend(channels);
        self.wire = WireCache::new(self.teams.values(), pool.users.values());
    }

    fn invite_from_wire(
        &mut self,
        w: &ConnectInvite,
        workspace: &Text,
        pool: &mut Pool,
    ) -> InviteRec {
        let detail = w.invite.as_ref();
        let payload = w.invite_payload.as_ref();
        let inviting_team = self.intern_team(w.inviting_team());
        let inviting_user = w.inviting_user().map(|u| intern_user(&mut pool.users, u));
        let direction = match w.direction.as_deref() {
            Some("incoming") => Direction::Incoming,
            Some("outgoing") => Direction::Outgoing,
            _ if self.me.is_us(&inviting_team.id) => Direction::Outgoing,
            _ => Direction::Incoming,
        };
        let acceptances = w
            .acceptances
            .iter()
            .map(|a| AcceptRec {
                approval_status: pool
                    .text(a.approval_status.as_deref().unwrap_or("pending_approval")),
                date_accepted: a.date_accepted,
                date_invalid: a.date_invalid,
                date_last_updated: a.date_last_updated,
                team: self.intern_team(a.accepting_team.as_ref()),
                user: a
                    .accepting_user
                    .as_ref()
                    .map(|u| intern_user(&mut pool.users, u)),
                reviews: a
                    .reviews
                    .iter()
                    .map(|r| ReviewRec {
                        kind: pool.text(r.kind.as_deref().unwrap_or("approval")),
                        date: r.date_review,
                        team: self.intern_team(r.reviewing_team.as_ref()),
                    })
                    .collect(),
            })
            .collect();
        let invite_type = w
            .invite_type
            .as_deref()
            .or(payload.and_then(|p| p.invite_type.as_deref()));
        InviteRec {
            id: Text::from(w.id()),
            direction,
            status: w.status.as_deref().map(|s| pool.text(s)),
            invite_type: invite_type.map(|s| pool.text(s)),
            date_created: w.date_created().unwrap_or(0),
            date_invalid: w.date_invalid(),
            date_last_updated: w.date_last_updated,
            inviting_team,
            inviting_user,
            link: detail.and_then(|d| d.link.clone()).or(w.link.clone()),
            recipient_user_id: w.recipient_user_id().map(str::to_owned),
            recipient_email: w.recipient_email().map(|e| pool.text(e)),
            sig: detail.and_then(|d| d.sig.clone()).or(w.sig.clone()),
            channel: w.channel().cloned().unwrap_or_default(),
            is_external_limited: w.is_external_limited(),
            is_sponsored: payload.and_then(|p| p.is_sponsored),
            acceptances,
            workspace: workspace.clone(),
        }
    }

    fn request_from_wire(
        &mut self,
        w: &InviteRequest,
        workspace: &Text,
        pool: &mut Pool,
    ) -> RequestRec {
        let mut user = |u: &Option<_>| u.as_ref().map(|u| intern_user(&mut pool.users, u));
        RequestRec {
            decided: if w.date_denied.is_some() {
                RequestStatus::Denied
            } else {
                RequestStatus::Pending
            },
            inviting_team: self.intern_team(w.inviting_team.as_ref()),
            inviting_user: user(&w.inviting_user),
            reviewing_user: user(&w.reviewing_user),
            id: Text::from(w.id.as_str()),
            date_created: w.date_created.unwrap_or(0),
            expires_at: w.expires_at,
            date_last_updated: w.date_last_updated,
            date_denied: w.date_denied,
            is_external_limited: w.is_external_limited,
            is_sponsored: w.is_sponsored,
            recipient_email: w.recipient_email.clone(),
            target_user: w.target_user.clone(),
            channel: w.channel.clone().map(Arc::new),
            deny_message: None,
            approval_message: None,
            approval_replaces: false,
            workspace: workspace.clone(),
        }
    }
}

/// How many wire items are read before they are freed.
const CHUNK: usize = 8192;

/// How many items are generated before they are taken in and freed: a
/// generated invite is about 5 kB on the wire, so a batch stays a few
/// megabytes beside the records.
const GENERATED_BATCH: usize = 1024;

/// `read` each of `items` in order, freeing them a chunk at a time: the
/// data file then shrinks while the records grow, instead of both being
/// whole at once. A chunk is read in full before it is freed, so what the
/// reading allocates does not land in the holes its items leave.
fn read_then_free<T>(mut items: Vec<T>, mut read: impl FnMut(&T)) {
    if items.len() <= CHUNK {
        items.iter().for_each(read);
        return;
    }
    // Reversed, the next chunk is the vector's tail, which it can give back.
    items.reverse();
    while !items.is_empty() {
        let chunk = items.split_off(items.len().saturating_sub(CHUNK));
        items.shrink_to_fit();
        chunk.iter().rev().for_each(&mut read);
        drop(chunk);
        release_freed_memory();
    }
}

/// Hands freed memory back to the system. glibc keeps it for reuse, and a
/// dropped data file of 100,000 invites is hundreds of megabytes that the
/// emulator would otherwise hold for good.
fn release_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns free pages; it touches no live allocation.
    unsafe {
        libc::malloc_trim(0);
    }
}
