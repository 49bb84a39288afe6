//! Compact records of invites and requests, how each stands, and their wire forms.

use std::cmp::Reverse;
use std::collections::HashMap;
use std::sync::Arc;

use super::pagination::Keyed;
use crate::slack::models::{
    Acceptance, ConnectChannel, ConnectInvite, ConnectTeam, ConnectUser, InviteDetail,
    InvitePayload, InviteRequest, RequestChannel, Review, TargetUser,
};

/// Teams and users are shared through `Arc`: one allocation per id, however
/// many records name it.
pub(crate) type TeamRef = Arc<ConnectTeam>;
pub(crate) type UserRef = Arc<ConnectUser>;
/// A string many records repeat (a status, a recipient's email) or one
/// that several indexes hold (an id): one allocation, shared.
pub(crate) type Text = Arc<str>;
/// Newest first, ties broken by id: a stable order for invites and requests.
pub(crate) type TimeKey = (Reverse<i64>, Text);

/// How a request stands: the value `requestSharedInvite.list`'s include_* flags select on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequestStatus {
    Pending,
    Approved,
    Denied,
    Expired,
}

impl RequestStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            RequestStatus::Pending => "pending",
            RequestStatus::Approved => "approved",
            RequestStatus::Denied => "denied",
            RequestStatus::Expired => "expired",
        }
    }
}

/// How an invite left (or has not yet left) the pending list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InviteOutcome {
    Pending,
    Approved,
    Declined,
    Expired,
}

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
    pub kind: Text,
    pub date: Option<i64>,
    pub team: TeamRef,
}

#[derive(Debug, Clone)]
pub(crate) struct AcceptRec {
    pub approval_status: Text,
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
            .any(|r| &*r.kind == "approval" && r.team.id == team_id)
    }
}

#[derive(Debug, Clone)]
pub(crate) struct InviteRec {
    pub id: Text,
    pub direction: Direction,
    pub status: Option<Text>,
    pub invite_type: Option<Text>,
    pub date_created: i64,
    pub date_invalid: Option<i64>,
    pub date_last_updated: Option<i64>,
    pub inviting_team: TeamRef,
    pub inviting_user: Option<UserRef>,
    pub link: Option<String>,
    pub recipient_user_id: Option<String>,
    pub recipient_email: Option<Text>,
    pub sig: Option<String>,
    pub channel: ConnectChannel,
    pub is_external_limited: bool,
    pub is_sponsored: Option<bool>,
    pub acceptances: Vec<AcceptRec>,
    /// The workspace of ours the invite belongs to (an Enterprise org has several).
    pub workspace: Arc<str>,
}

impl InviteRec {
    pub fn key(&self) -> TimeKey {
        (Reverse(self.date_created), self.id.clone())
    }

    pub fn to_wire(&self) -> ConnectInvite {
        let team = |t: &TeamRef| Some(ConnectTeam::clone(t));
        let user = |u: &Option<UserRef>| u.as_deref().cloned();
        let text = |t: &Option<Text>| t.as_deref().map(str::to_owned);
        ConnectInvite {
            direction: Some(self.direction.as_str().to_owned()),
            status: text(&self.status),
            date_last_updated: self.date_last_updated,
            invite_type: text(&self.invite_type),
            invite: Some(InviteDetail {
                id: self.id.to_string(),
                date_created: Some(self.date_created),
                date_invalid: self.date_invalid,
                inviting_team: team(&self.inviting_team),
                inviting_user: user(&self.inviting_user),
                link: self.link.clone(),
                recipient_user_id: self.recipient_user_id.clone(),
                recipient_email: text(&self.recipient_email),
                sig: self.sig.clone(),
            }),
            channel: Some(self.channel.clone()),
            acceptances: self
                .acceptances
                .iter()
                .map(|a| Acceptance {
                    approval_status: Some(a.approval_status.to_string()),
                    date_accepted: a.date_accepted,
                    date_invalid: a.date_invalid,
                    date_last_updated: a.date_last_updated,
                    accepting_team: team(&a.team),
                    accepting_user: user(&a.user),
                    reviews: a
                        .reviews
                        .iter()
                        .map(|r| Review {
                            kind: Some(r.kind.to_string()),
                            date_review: r.date,
                            reviewing_team: team(&r.team),
                        })
                        .collect(),
                })
                .collect(),
            // The flattened shape's payload is the only place Slack states
            // whether the invite is external-limited, so it is always given.
            invite_payload: Some(InvitePayload {
                invite_type: text(&self.invite_type),
                is_sponsored: self.is_sponsored,
                is_external_limited: Some(self.is_external_limited),
                channel: None,
            }),
            ..ConnectInvite::default()
        }
    }
}

impl Keyed for InviteRec {
    type Key = TimeKey;
    fn id(&self) -> &Text {
        &self.id
    }
    fn key(&self) -> TimeKey {
        InviteRec::key(self)
    }
}

impl Keyed for RequestRec {
    type Key = TimeKey;
    fn id(&self) -> &Text {
        &self.id
    }
    fn key(&self) -> TimeKey {
        RequestRec::key(self)
    }
}

#[derive(Debug, Clone)]
pub(crate) struct RequestRec {
    pub id: Text,
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
    /// The approval's message replaced the requester's (`is_override`)
    /// rather than following it.
    pub approval_replaces: bool,
    /// The workspace of ours the request was made in.
    pub workspace: Arc<str>,
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
            id: self.id.to_string(),
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

pub(crate) fn intern_user(users: &mut HashMap<String, UserRef>, u: &ConnectUser) -> UserRef {
    users
        .entry(u.id.clone())
        .or_insert_with(|| Arc::new(u.clone()))
        .clone()
}
