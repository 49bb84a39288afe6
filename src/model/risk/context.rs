//! What the signals are judged against, built from the lists the app
//! already holds: the Orgs list (who we are connected to, and through how
//! many channels), the Channels list (who is in each channel), and the
//! teams seen on invites (Slack says which are verified).
//!
//! What is asked per row is answered by a hash lookup: which known org a
//! team's name resembles is worked out once per team when it is learned
//! ([`RiskContext::learn_invites`]), not once per invite.

use std::collections::HashMap;
use std::sync::Arc;

use super::email::{domain_of, is_free_mail, org_label};
use super::lookalike::{LookalikeIndex, plain};
use crate::model::channels::external_teams;
use crate::model::rows::{Channel, InlineText, Invite, Org, Request, Team};

/// A connected org, as "first connection" needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct KnownOrg {
    pub(super) name: Arc<str>,
    /// Channels we share with it (public and private), per its Orgs row.
    pub(super) channels: i64,
}

#[derive(Debug, Clone, Default)]
pub struct RiskContext {
    /// The Orgs list is complete, so an org missing from it is one we share
    /// nothing with. Until then nobody is called a first connection.
    pub(super) orgs_known: bool,
    pub(super) orgs: HashMap<Arc<str>, KnownOrg>,
    /// For requests, whose recipient's org is known only by the address:
    /// the connected org whose Slack domain or name is that org label.
    pub(super) by_label: HashMap<String, Arc<str>>,
    /// Per channel of the Channels list: how many other orgs are in it.
    pub(super) channel_orgs: HashMap<InlineText, usize>,
    /// Per team: how many channels of the Channels list it is in.
    pub(super) team_channels: HashMap<Arc<str>, usize>,
    pub(super) lookalike: LookalikeIndex,
    /// Per team ID: the known org its name resembles, once worked out.
    pub(super) resembles: HashMap<Arc<str>, Option<u32>>,
    /// Per email org label of a request: the same.
    pub(super) resembles_label: HashMap<Box<str>, Option<u32>>,
    /// A verified team was learned after rows were judged: some of them
    /// may resemble it, and should be judged again.
    stale: bool,
}

/// The teams on `invites` that are not us: the inviting and accepting ones.
/// Read as they come: collected, 100,000 invites' teams were the peak of a
/// rebuild (a vector of 200,000 that doubled as it grew).
fn other_teams<'a>(
    invites: impl Iterator<Item = &'a Invite>,
    ours: &[&str],
) -> impl Iterator<Item = &'a Team> {
    invites
        .flat_map(|invite| {
            invite.inviting_team().into_iter().chain(
                invite
                    .acceptances
                    .iter()
                    .filter_map(|a| a.accepting_team.as_deref()),
            )
        })
        .filter(|t| !ours.contains(&&*t.id))
}

/// Whether an Orgs row still counts as connected.
fn connected(org: &Org) -> bool {
    org.connection_status
        .as_deref()
        .is_none_or(|s| !s.eq_ignore_ascii_case("disconnected"))
}

impl RiskContext {
    /// Judged against `orgs` (`None` while the Orgs list is not complete)
    /// and `channels`; we are `ours`.
    pub fn build<'a>(
        ours: &[&str],
        orgs: Option<impl Iterator<Item = &'a Org>>,
        channels: impl Iterator<Item = &'a Channel>,
    ) -> RiskContext {
        let mut risk = RiskContext {
            orgs_known: orgs.is_some(),
            ..RiskContext::default()
        };
        for org in orgs.into_iter().flatten() {
            let name = org.team_name.clone().unwrap_or_else(|| org.team_id.clone());
            let channels =
                org.public_channel_count.unwrap_or(0) + org.private_channel_count.unwrap_or(0);
            for text in org.team_domain.iter().chain(&org.team_name) {
                let label = plain(text);
                if !label.is_empty() {
                    risk.by_label
                        .entry(label)
                        .or_insert_with(|| org.team_id.clone());
                }
            }
            risk.orgs
                .insert(org.team_id.clone(), KnownOrg { name, channels });
            if connected(org) && !ours.contains(&&*org.team_id) {
                risk.lookalike.add(
                    &org.team_id,
                    org.team_name.as_deref(),
                    org.team_domain.as_deref(),
                );
            }
        }
        for channel in channels {
            let teams = external_teams(channel, ours);
            risk.channel_orgs.insert(channel.id.clone(), teams.len());
            for team in teams {
                *risk.team_channels.entry(Arc::from(team)).or_default() += 1;
            }
        }
        risk
    }

    /// Make the verified teams on `invites` orgs names are compared against.
    pub fn know_verified<'a>(&mut self, invites: impl Iterator<Item = &'a Invite>, ours: &[&str]) {
        self.know_teams(other_teams(invites, ours));
    }

    /// A verified team that teams judged before may resemble makes their
    /// answers old: they are worked out again when asked, and the rows
    /// judged with them wait for a rebuild ([`RiskContext::is_stale`]).
    fn know_teams<'a>(&mut self, teams: impl Iterator<Item = &'a Team>) {
        for team in teams {
            if team.is_verified == Some(true)
                && self
                    .lookalike
                    .add(&team.id, team.name.as_deref(), team.domain.as_deref())
                && !self.resembles.is_empty()
            {
                self.resembles.clear();
                self.resembles_label.clear();
                self.stale = true;
            }
        }
    }

    /// Learn the teams on `invites`: the verified ones first, so that each
    /// team's resemblance is then worked out against all of them, once.
    pub fn learn_invites<'a>(
        &mut self,
        invites: impl Iterator<Item = &'a Invite> + Clone,
        ours: &[&str],
    ) {
        self.know_teams(other_teams(invites.clone(), ours));
        for team in other_teams(invites, ours) {
            if !self.resembles.contains_key(&team.id) {
                let found = self.lookalike.resembles(
                    &team.id,
                    team.name.as_deref(),
                    team.domain.as_deref(),
                );
                self.resembles.insert(team.id.clone(), found);
            }
        }
    }

    /// Work out which known org each request's address resembles.
    pub fn learn_requests<'a>(&mut self, requests: impl Iterator<Item = &'a Request>) {
        for request in requests {
            let Some(domain) = request.recipient_email().and_then(domain_of) else {
                continue;
            };
            let label = org_label(domain);
            if is_free_mail(domain) || self.resembles_label.contains_key(label) {
                continue;
            }
            let found = self.lookalike.resembles_label(label);
            self.resembles_label.insert(Box::from(label), found);
        }
    }

    /// Rows judged before the last [`RiskContext::learn_invites`] may now
    /// resemble a team it learned: judge them again.
    pub fn is_stale(&self) -> bool {
        self.stale
    }

    /// The known org `team` resembles.
    pub(super) fn resembling(&self, team: &Team) -> Option<u32> {
        match self.resembles.get(&team.id) {
            Some(found) => *found,
            None => {
                self.lookalike
                    .resembles(&team.id, team.name.as_deref(), team.domain.as_deref())
            }
        }
    }

    /// The known org an address's org label resembles.
    pub(super) fn resembling_label(&self, label: &str) -> Option<u32> {
        match self.resembles_label.get(label) {
            Some(found) => *found,
            None => self.lookalike.resembles_label(label),
        }
    }

    /// Channels we share with team `id`, by the Orgs and Channels lists.
    pub(super) fn shared_channels(&self, id: &str) -> i64 {
        let listed = self.orgs.get(id).map_or(0, |o| o.channels);
        let seen = self.team_channels.get(id).copied().unwrap_or(0) as i64;
        listed.max(seen)
    }

    /// Whether every row is judged against this as against `other`: the
    /// same orgs, channels and known orgs (what each learned of teams and
    /// addresses aside). A refresh that changed none of them changes no flag.
    pub fn judges_like(&self, other: &RiskContext) -> bool {
        self.orgs_known == other.orgs_known
            && self.orgs == other.orgs
            && self.by_label == other.by_label
            && self.channel_orgs == other.channel_orgs
            && self.team_channels == other.team_channels
            && self.lookalike.same_orgs(&other.lookalike)
    }

    /// Known orgs names are compared against (for tests and the bench).
    pub fn known_orgs(&self) -> usize {
        self.lookalike.len()
    }
}
