//! The emulated org's state: who "we" are and the collections the methods
//! work on. Records are compact (teams and users shared through `Arc`), so
//! 100,000 invites stay small.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use crate::slack::models::{ConnectInvite, ConnectTeam, ConnectUser, ExternalOrg, InviteRequest};

use super::channels::Channels;
use super::dataset::{Dataset, SelfTeam};
use super::pagination::Ordered;
use super::records::{
    AcceptRec, Direction, InviteOutcome, InviteRec, RequestRec, RequestStatus, ReviewRec, TeamRef,
    TimeKey, UserRef, intern_user,
};

/// "Us": the org whose admin holds the tokens.
#[derive(Debug, Clone)]
pub(crate) struct Me {
    pub team_id: String,
    pub team: String,
    pub user_id: String,
    pub enterprise_id: Option<String>,
    pub url: String,
    pub team_ref: TeamRef,
    pub user_ref: UserRef,
    /// Our other workspaces, in an Enterprise org of several: their side is ours too.
    pub other_workspaces: Vec<String>,
}

impl Me {
    fn new(s: &SelfTeam) -> Me {
        let team_id = s.team_id.clone().unwrap_or_else(|| "T0EMU00001".into());
        let team = s.team.clone().unwrap_or_else(|| "Emulated Org".into());
        let domain = s.domain.clone().unwrap_or_else(|| slug(&team));
        let user_id = s.user_id.clone().unwrap_or_else(|| "U0EMU00001".into());
        let user = s.user.clone().unwrap_or_else(|| "admin".into());
        let url = s
            .url
            .clone()
            .unwrap_or_else(|| format!("https://{domain}.slack.com/"));
        let team_ref = Arc::new(ConnectTeam {
            id: team_id.clone(),
            name: Some(team.clone()),
            is_verified: Some(false),
            domain: Some(domain),
            ..ConnectTeam::default()
        });
        let user_ref = Arc::new(ConnectUser {
            id: user_id.clone(),
            team_id: Some(team_id.clone()),
            name: Some(user),
            ..ConnectUser::default()
        });
        Me {
            team_id,
            team,
            user_id,
            enterprise_id: s.enterprise_id.clone(),
            url,
            team_ref,
            user_ref,
            other_workspaces: Vec::new(),
        }
    }

    /// Our side is named by the workspace id or, on Enterprise orgs, the org id.
    pub fn is_us(&self, id: &str) -> bool {
        id == self.team_id
            || self.enterprise_id.as_deref() == Some(id)
            || self.other_workspaces.iter().any(|w| w == id)
    }
}

pub(crate) fn slug(name: &str) -> String {
    let mut s: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    while s.contains("--") {
        s = s.replace("--", "-");
    }
    s.trim_matches('-').to_owned()
}

/// One workspace of ours: an Enterprise org has several, each with its own
/// invites and requests; the orgs and channels are the org's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Workspace {
    pub id: Arc<str>,
    pub name: String,
    pub domain: String,
    /// The error every call naming it answers, when it cannot be read.
    pub refuses: Option<String>,
}

pub(crate) struct State {
    pub me: Me,
    /// Ours, first the `self` workspace; more than one makes an Enterprise org.
    pub workspaces: Vec<Workspace>,
    pub invites: Ordered<TimeKey, InviteRec>,
    /// `(date_invalid, id)` of every pending invite that can expire.
    pub invite_expiry: BTreeSet<(i64, String)>,
    pub past_invites: Vec<(InviteRec, InviteOutcome)>,
    pub past_outcome: HashMap<String, InviteOutcome>,
    pub requests: Ordered<TimeKey, RequestRec>,
    pub orgs: BTreeMap<String, ExternalOrg>,
    pub channels: Channels,
    teams: HashMap<String, TeamRef>,
    /// Bumped by every applied write, so derived values can be cached.
    pub version: u64,
    /// Our users by id (not the admin, who is `me`): who the simulated
    /// outside world and tokens with their own user act as.
    pub people: BTreeMap<String, UserRef>,
    /// admin.conversations.search's `total_count` for (filter, version):
    /// paging through 20,000 channels must not recount them on every page.
    pub search_count: Option<(String, u64, usize)>,
}

impl State {
    pub fn new(dataset: Dataset) -> State {
        let me = Me::new(&dataset.self_team.clone().unwrap_or_default());
        let mut workspaces = vec![Workspace {
            id: Arc::from(me.team_id.as_str()),
            name: me.team.clone(),
            domain: me.team_ref.domain.clone().unwrap_or_default(),
            refuses: None,
        }];
        for ws in &dataset.workspaces {
            if let Some(known) = workspaces.iter_mut().find(|w| *w.id == *ws.id) {
                known.refuses.clone_from(&ws.refuses);
            } else {
                let name = ws.name.clone().unwrap_or_else(|| ws.id.clone());
                workspaces.push(Workspace {
                    id: Arc::from(ws.id.as_str()),
                    domain: ws.domain.clone().unwrap_or_else(|| slug(&name)),
                    name,
                    refuses: ws.refuses.clone(),
                });
            }
        }
        let mut me = me;
        me.other_workspaces = workspaces
            .iter()
            .skip(1)
            .map(|w| w.id.to_string())
            .collect();
        let mut state = State {
            workspaces,
            invites: Ordered::default(),
            invite_expiry: BTreeSet::new(),
            past_invites: Vec::new(),
            past_outcome: HashMap::new(),
            requests: Ordered::default(),
            orgs: BTreeMap::new(),
            channels: Channels::default(),
            teams: HashMap::new(),
            version: 0,
            search_count: None,
            people: BTreeMap::new(),
            me,
        };
        let mut users: HashMap<String, UserRef> = HashMap::new();
        let ours = state.workspaces[0].id.clone();
        let grouped = dataset.workspaces.into_iter().map(|ws| {
            let id: Arc<str> = Arc::from(ws.id.as_str());
            (id, ws.invites, ws.invite_requests)
        });
        let every =
            std::iter::once((ours, dataset.invites, dataset.invite_requests)).chain(grouped);
        for (workspace, invites, requests) in every {
            for invite in invites {
                let mut rec = state.invite_from_wire(invite, &mut users);
                rec.workspace = workspace.clone();
                state.add_invite(rec);
            }
            for request in requests {
                let mut rec = state.request_from_wire(request, &mut users);
                rec.workspace = workspace.clone();
                let key = rec.key();
                state.requests.insert(rec.id.clone(), key, rec);
            }
        }
        // The data file's own description of our team (icon, verification) wins.
        match state.teams.get(&state.me.team_id) {
            Some(team) => state.me.team_ref = team.clone(),
            None => {
                let me = state.me.team_ref.clone();
                state.teams.insert(me.id.clone(), me);
            }
        }
        for org in dataset.organizations {
            state.orgs.insert(org.team_id.clone(), org);
        }
        for channel in dataset.channels {
            state.channels.insert(channel);
        }
        state
    }

    pub fn add_invite(&mut self, rec: InviteRec) {
        if let Some(t) = rec.date_invalid {
            self.invite_expiry.insert((t, rec.id.clone()));
        }
        let key = rec.key();
        self.invites.insert(rec.id.clone(), key, rec);
    }

    /// Takes a pending invite out of the list, remembering how it ended.
    pub fn retire_invite(&mut self, id: &str, outcome: InviteOutcome) {
        if let Some(rec) = self.invites.remove(id) {
            if let Some(t) = rec.date_invalid {
                self.invite_expiry.remove(&(t, rec.id.clone()));
            }
            self.past_outcome.insert(rec.id.clone(), outcome);
            self.past_invites.push((rec, outcome));
        }
    }

    /// Invites past `date_invalid` are gone, as on Slack; O(k log n) for k expired.
    pub fn expire_invites(&mut self, now: i64) {
        while let Some((t, id)) = self.invite_expiry.first().cloned() {
            if t > now {
                break;
            }
            self.retire_invite(&id, InviteOutcome::Expired);
        }
    }

    /// One shared `Arc` per team id; the first full description seen wins.
    pub fn intern_team(&mut self, team: Option<&ConnectTeam>) -> TeamRef {
        let Some(team) = team else {
            return Arc::new(ConnectTeam::default());
        };
        self.teams
            .entry(team.id.clone())
            .or_insert_with(|| Arc::new(team.clone()))
            .clone()
    }

    pub fn team(&self, id: &str) -> Option<TeamRef> {
        self.teams.get(id).cloned()
    }

    fn invite_from_wire(
        &mut self,
        w: ConnectInvite,
        users: &mut HashMap<String, UserRef>,
    ) -> InviteRec {
        let detail = w.invite.clone().unwrap_or_default();
        let inviting_team = self.intern_team(w.inviting_team());
        let inviting_user = w.inviting_user().map(|u| intern_user(users, u));
        let direction = match w.direction.as_deref() {
            Some("incoming") => Direction::Incoming,
            Some("outgoing") => Direction::Outgoing,
            _ if self.me.is_us(&inviting_team.id) => Direction::Outgoing,
            _ => Direction::Incoming,
        };
        let payload = w.invite_payload.clone().unwrap_or_default();
        let acceptances = w
            .acceptances
            .iter()
            .map(|a| AcceptRec {
                approval_status: a
                    .approval_status
                    .clone()
                    .unwrap_or_else(|| "pending_approval".into()),
                date_accepted: a.date_accepted,
                date_invalid: a.date_invalid,
                date_last_updated: a.date_last_updated,
                team: self.intern_team(a.accepting_team.as_ref()),
                user: a.accepting_user.as_ref().map(|u| intern_user(users, u)),
                reviews: a
                    .reviews
                    .iter()
                    .map(|r| ReviewRec {
                        kind: r.kind.clone().unwrap_or_else(|| "approval".into()),
                        date: r.date_review,
                        team: self.intern_team(r.reviewing_team.as_ref()),
                    })
                    .collect(),
            })
            .collect();
        InviteRec {
            id: w.id().to_owned(),
            direction,
            status: w.status.clone(),
            invite_type: w.invite_type.clone().or(payload.invite_type.clone()),
            date_created: w.date_created().unwrap_or(0),
            date_invalid: w.date_invalid(),
            date_last_updated: w.date_last_updated,
            inviting_team,
            inviting_user,
            link: detail.link.or(w.link.clone()),
            recipient_user_id: w.recipient_user_id().map(str::to_owned),
            recipient_email: w.recipient_email().map(str::to_owned),
            sig: detail.sig.or(w.sig.clone()),
            channel: w.channel().cloned().unwrap_or_default(),
            is_external_limited: w.is_external_limited(),
            is_sponsored: payload.is_sponsored,
            acceptances,
            workspace: Arc::from(self.me.team_id.as_str()),
        }
    }

    fn request_from_wire(
        &mut self,
        w: InviteRequest,
        users: &mut HashMap<String, UserRef>,
    ) -> RequestRec {
        RequestRec {
            decided: if w.date_denied.is_some() {
                RequestStatus::Denied
            } else {
                RequestStatus::Pending
            },
            inviting_team: self.intern_team(w.inviting_team.as_ref()),
            inviting_user: w.inviting_user.as_ref().map(|u| intern_user(users, u)),
            reviewing_user: w.reviewing_user.as_ref().map(|u| intern_user(users, u)),
            id: w.id,
            date_created: w.date_created.unwrap_or(0),
            expires_at: w.expires_at,
            date_last_updated: w.date_last_updated,
            date_denied: w.date_denied,
            is_external_limited: w.is_external_limited,
            is_sponsored: w.is_sponsored,
            recipient_email: w.recipient_email,
            target_user: w.target_user,
            channel: w.channel.map(Arc::new),
            deny_message: None,
            approval_message: None,
            approval_replaces: false,
            workspace: Arc::from(self.me.team_id.as_str()),
        }
    }
}
