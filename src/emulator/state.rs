//! The emulated org's state: who "we" are and the collections the methods
//! work on. Records are compact (teams and users shared through `Arc`), so
//! 100,000 invites stay small.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use crate::slack::models::{ConnectTeam, ConnectUser, ExternalOrg};

use super::channels::Channels;
use super::dataset::{Dataset, SelfTeam, WorkspaceData};
use super::pagination::Ordered;
use super::records::{InviteOutcome, InviteRec, RequestRec, TeamRef, Text, UserRef};
use super::wire::WireCache;

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
    pub invites: Ordered<InviteRec>,
    /// `(date_invalid, id)` of every pending invite that can expire.
    pub invite_expiry: BTreeSet<(i64, Text)>,
    pub past_invites: Vec<(InviteRec, InviteOutcome)>,
    pub past_outcome: HashMap<Text, InviteOutcome>,
    pub requests: Ordered<RequestRec>,
    pub orgs: BTreeMap<String, ExternalOrg>,
    pub channels: Channels,
    pub(super) teams: HashMap<String, TeamRef>,
    /// Bumped by every applied write, so derived values can be cached.
    pub version: u64,
    /// Our users by id (not the admin, who is `me`): who the simulated
    /// outside world and tokens with their own user act as.
    pub people: BTreeMap<String, UserRef>,
    /// admin.conversations.search's `total_count` for (filter, version):
    /// paging through 20,000 channels must not recount them on every page.
    pub search_count: Option<(String, u64, usize)>,
    /// The JSON of the teams and users the data names, for invite pages.
    pub wire: WireCache,
}

impl State {
    pub fn new(dataset: Dataset) -> State {
        let mut state = State::empty(
            &dataset.self_team.clone().unwrap_or_default(),
            &dataset.workspaces,
        );
        state.take_in(dataset);
        state
    }

    /// Us and our workspaces, with nothing taken in yet.
    pub(super) fn empty(self_team: &SelfTeam, own: &[WorkspaceData]) -> State {
        let me = Me::new(self_team);
        let mut workspaces = vec![Workspace {
            id: Arc::from(me.team_id.as_str()),
            name: me.team.clone(),
            domain: me.team_ref.domain.clone().unwrap_or_default(),
            refuses: None,
        }];
        for ws in own {
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
        State {
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
            wire: WireCache::default(),
            me,
        }
    }

    pub fn add_invite(&mut self, rec: InviteRec) {
        if let Some(t) = rec.date_invalid {
            self.invite_expiry.insert((t, rec.id.clone()));
        }
        self.invites.insert(rec);
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
}
