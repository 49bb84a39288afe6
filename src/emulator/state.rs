//! The emulated org's state: compact records (teams and users shared through
//! `Arc`, so 100,000 invites stay small) and their wire forms.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use crate::slack::models::{
    Acceptance, ConnectChannel, ConnectInvite, ConnectTeam, ConnectUser, ExternalOrg, InviteDetail,
    InvitePayload, InviteRequest, RequestChannel, Review, TargetUser,
};

use super::channels::Channels;
use super::dataset::{Dataset, SelfTeam};
use super::pagination::Ordered;
use super::snapshot::{InviteOutcome, RequestStatus};

pub(crate) type TeamRef = Arc<ConnectTeam>;
pub(crate) type UserRef = Arc<ConnectUser>;
/// Newest first, ties broken by id: a stable order for invites and requests.
pub(crate) type TimeKey = (Reverse<i64>, String);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Direction {
    Incoming,
    Outgoing,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Incoming => "incoming",
            Direction::Outgoing => "outgoing",
        }
    }
}

#[derive(Debug, Clone)]
pub(crate) struct ReviewRec {
    pub kind: String,
    pub date: Option<i64>,
    pub team: TeamRef,
}

#[derive(Debug, Clone)]
pub(crate) struct AcceptRec {
    pub approval_status: String,
    pub date_accepted: Option<i64>,
    pub date_invalid: Option<i64>,
    pub date_last_updated: Option<i64>,
    pub team: TeamRef,
    pub user: Option<UserRef>,
    pub reviews: Vec<ReviewRec>,
}

impl AcceptRec {
    pub fn approved_by(&self, team_id: &str) -> bool {
        self.reviews
            .iter()
            .any(|r| r.kind == "approval" && r.team.id == team_id)
    }
}

#[derive(Debug, Clone)]
pub(crate) struct InviteRec {
    pub id: String,
    pub direction: Direction,
    pub status: Option<String>,
    pub invite_type: Option<String>,
    pub date_created: i64,
    pub date_invalid: Option<i64>,
    pub date_last_updated: Option<i64>,
    pub inviting_team: TeamRef,
    pub inviting_user: Option<UserRef>,
    pub link: Option<String>,
    pub recipient_user_id: Option<String>,
    pub recipient_email: Option<String>,
    pub sig: Option<String>,
    pub channel: ConnectChannel,
    pub is_external_limited: bool,
    pub is_sponsored: Option<bool>,
    pub acceptances: Vec<AcceptRec>,
}

impl InviteRec {
    pub fn key(&self) -> TimeKey {
        (Reverse(self.date_created), self.id.clone())
    }

    pub fn to_wire(&self) -> ConnectInvite {
        let team = |t: &TeamRef| Some(ConnectTeam::clone(t));
        let user = |u: &Option<UserRef>| u.as_deref().cloned();
        ConnectInvite {
            direction: Some(self.direction.as_str().to_owned()),
            status: self.status.clone(),
            date_last_updated: self.date_last_updated,
            invite_type: self.invite_type.clone(),
            invite: Some(InviteDetail {
                id: self.id.clone(),
                date_created: Some(self.date_created),
                date_invalid: self.date_invalid,
                inviting_team: team(&self.inviting_team),
                inviting_user: user(&self.inviting_user),
                link: self.link.clone(),
                recipient_user_id: self.recipient_user_id.clone(),
                recipient_email: self.recipient_email.clone(),
                sig: self.sig.clone(),
            }),
            channel: Some(self.channel.clone()),
            acceptances: self
                .acceptances
                .iter()
                .map(|a| Acceptance {
                    approval_status: Some(a.approval_status.clone()),
                    date_accepted: a.date_accepted,
                    date_invalid: a.date_invalid,
                    date_last_updated: a.date_last_updated,
                    accepting_team: team(&a.team),
                    accepting_user: user(&a.user),
                    reviews: a
                        .reviews
                        .iter()
                        .map(|r| Review {
                            kind: Some(r.kind.clone()),
                            date_review: r.date,
                            reviewing_team: team(&r.team),
                        })
                        .collect(),
                })
                .collect(),
            // The flattened shape's payload is the only place Slack states
            // whether the invite is external-limited, so it is always given.
            invite_payload: Some(InvitePayload {
                invite_type: self.invite_type.clone(),
                is_sponsored: self.is_sponsored,
                is_external_limited: Some(self.is_external_limited),
                channel: None,
            }),
            ..ConnectInvite::default()
        }
    }
}

#[derive(Debug, Clone)]
pub(crate) struct RequestRec {
    pub id: String,
    pub date_created: i64,
    pub expires_at: Option<i64>,
    pub date_last_updated: Option<i64>,
    pub date_denied: Option<i64>,
    pub inviting_team: TeamRef,
    pub inviting_user: Option<UserRef>,
    pub reviewing_user: Option<UserRef>,
    pub is_external_limited: Option<bool>,
    pub is_sponsored: Option<bool>,
    pub recipient_email: Option<String>,
    pub target_user: Option<TargetUser>,
    pub channel: Option<Arc<RequestChannel>>,
    /// Pending, Approved or Denied; Expired is derived from `expires_at`.
    pub decided: RequestStatus,
    pub deny_message: Option<String>,
    pub approval_message: Option<String>,
}

impl RequestRec {
    pub fn key(&self) -> TimeKey {
        (Reverse(self.date_created), self.id.clone())
    }

    pub fn status(&self, now: i64) -> RequestStatus {
        match self.decided {
            RequestStatus::Pending if self.expires_at.is_some_and(|t| t <= now) => {
                RequestStatus::Expired
            }
            other => other,
        }
    }

    pub fn to_wire(&self) -> InviteRequest {
        InviteRequest {
            id: self.id.clone(),
            date_created: Some(self.date_created),
            expires_at: self.expires_at,
            date_last_updated: self.date_last_updated,
            date_denied: self.date_denied,
            inviting_team: Some(ConnectTeam::clone(&self.inviting_team)),
            inviting_user: self.inviting_user.as_deref().cloned(),
            reviewing_user: self.reviewing_user.as_deref().cloned(),
            is_external_limited: self.is_external_limited,
            is_sponsored: self.is_sponsored,
            recipient_email: self.recipient_email.clone(),
            target_user: self.target_user.clone(),
            channel: self.channel.as_deref().cloned(),
        }
    }
}

/// "Us": the org whose admin holds the tokens.
#[derive(Debug, Clone)]
pub(crate) struct Me {
    pub team_id: String,
    pub team: String,
    pub user_id: String,
    pub user: String,
    pub enterprise_id: Option<String>,
    pub url: String,
    pub team_ref: TeamRef,
    pub user_ref: UserRef,
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
            name: Some(user.clone()),
            ..ConnectUser::default()
        });
        Me {
            team_id,
            team,
            user_id,
            user,
            enterprise_id: s.enterprise_id.clone(),
            url,
            team_ref,
            user_ref,
        }
    }

    /// Our side is named by the workspace id or, on Enterprise orgs, the org id.
    pub fn is_us(&self, id: &str) -> bool {
        id == self.team_id || self.enterprise_id.as_deref() == Some(id)
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

pub(crate) struct State {
    pub me: Me,
    pub invites: Ordered<TimeKey, InviteRec>,
    /// `(date_invalid, id)` of every pending invite that can expire.
    pub invite_expiry: BTreeSet<(i64, String)>,
    pub past_invites: Vec<(InviteRec, InviteOutcome)>,
    pub past_outcome: HashMap<String, InviteOutcome>,
    pub requests: Ordered<TimeKey, RequestRec>,
    pub orgs: BTreeMap<String, ExternalOrg>,
    pub channels: Channels,
    teams: HashMap<String, TeamRef>,
}

impl State {
    pub fn new(dataset: Dataset) -> State {
        let me = Me::new(&dataset.self_team.clone().unwrap_or_default());
        let mut state = State {
            invites: Ordered::default(),
            invite_expiry: BTreeSet::new(),
            past_invites: Vec::new(),
            past_outcome: HashMap::new(),
            requests: Ordered::default(),
            orgs: BTreeMap::new(),
            channels: Channels::default(),
            teams: HashMap::new(),
            me,
        };
        let mut users: HashMap<String, UserRef> = HashMap::new();
        for invite in dataset.invites {
            let rec = state.invite_from_wire(invite, &mut users);
            state.add_invite(rec);
        }
        for request in dataset.invite_requests {
            let rec = state.request_from_wire(request, &mut users);
            let key = rec.key();
            state.requests.insert(rec.id.clone(), key, rec);
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
        }
    }
}

pub(crate) fn intern_user(users: &mut HashMap<String, UserRef>, u: &ConnectUser) -> UserRef {
    users
        .entry(u.id.clone())
        .or_insert_with(|| Arc::new(u.clone()))
        .clone()
}
