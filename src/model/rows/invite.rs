//! An invite as the TUI keeps it.

use std::sync::Arc;

use crate::model::filter::{search_key_pieces, workspace_scoped};
use crate::model::rows::{
    InlineText, Interner, MaybeTime, Row, SharedText, Team, User, remapped_boxed, team_fields,
    user_fields,
};
use crate::slack::models::{self, ConnectInvite};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InviteChannel {
    pub id: InlineText,
    /// Shared: channel names repeat across invites far more than their IDs.
    pub name: Option<SharedText>,
    pub is_private: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Review {
    pub kind: Option<SharedText>,
    pub date_review: Option<i64>,
    pub reviewing_team: Option<Arc<Team>>,
}

/// One accepting side of an invite, with its approval state and reviews.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Acceptance {
    pub approval_status: Option<SharedText>,
    pub date_accepted: MaybeTime,
    pub date_invalid: MaybeTime,
    pub accepting_team: Option<Arc<Team>>,
    pub accepting_user: Option<Arc<User>>,
    pub reviews: Box<[Review]>,
}

/// One invite of `conversations.listConnectInvites`, either wire shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invite {
    pub id: InlineText,
    pub direction: Option<SharedText>,
    pub status: Option<SharedText>,
    pub date_created: MaybeTime,
    pub date_invalid: MaybeTime,
    pub inviting_team: Option<Arc<Team>>,
    pub inviting_user: Option<Arc<User>>,
    pub channel: Option<InviteChannel>,
    pub recipient_email: Option<SharedText>,
    pub recipient_user_id: Option<SharedText>,
    pub is_external_limited: bool,
    pub acceptances: Box<[Acceptance]>,
    /// Our workspace it belongs to, with an org-wide token (`team_id` for
    /// its decisions, `ws:` for the filter); `None` for a workspace token's own.
    pub workspace: Option<Arc<Team>>,
}

impl Invite {
    pub fn from_wire(wire: &ConnectInvite, i: &mut Interner) -> Invite {
        let channel = wire.channel().map(|c| InviteChannel {
            // An invite's channel is rarely another's: kept inline, not shared.
            id: InlineText::from(c.id.as_str()),
            name: i.text_opt(c.name.as_deref()),
            is_private: c.is_private,
        });
        let acceptances = wire
            .acceptances
            .iter()
            .map(|a: &models::Acceptance| Acceptance {
                approval_status: i.text_opt(a.approval_status.as_deref()),
                date_accepted: a.date_accepted.into(),
                date_invalid: a.date_invalid.into(),
                accepting_team: i.team_opt(a.accepting_team.as_ref()),
                accepting_user: i.user_opt(a.accepting_user.as_ref()),
                reviews: a
                    .reviews
                    .iter()
                    .map(|r| Review {
                        kind: i.text_opt(r.kind.as_deref()),
                        date_review: r.date_review,
                        reviewing_team: i.team_opt(r.reviewing_team.as_ref()),
                    })
                    .collect(),
            })
            .collect();
        Invite {
            id: InlineText::from(wire.id()),
            direction: i.text_opt(wire.direction.as_deref()),
            status: i.text_opt(wire.status.as_deref()),
            date_created: wire.date_created().into(),
            date_invalid: wire.date_invalid().into(),
            inviting_team: i.team_opt(wire.inviting_team()),
            inviting_user: i.user_opt(wire.inviting_user()),
            channel,
            recipient_email: i.text_opt(wire.recipient_email()),
            recipient_user_id: i.text_opt(wire.recipient_user_id()),
            is_external_limited: wire.is_external_limited(),
            acceptances,
            workspace: None,
        }
    }

    /// The invite as one of our workspace `workspace`'s (an org-wide token).
    pub fn in_workspace(mut self, workspace: Option<Arc<Team>>) -> Invite {
        if workspace.is_some() {
            self.workspace = workspace;
        }
        self
    }

    /// The other orgs the invite names (inviting, then accepting), ours left out.
    fn external_teams<'a>(&'a self, ours: &[&str]) -> impl Iterator<Item = &'a Team> {
        let accepting = self
            .acceptances
            .iter()
            .filter_map(|a| a.accepting_team.as_deref());
        self.inviting_team()
            .into_iter()
            .chain(accepting)
            .filter(|t| !ours.contains(&&*t.id))
    }

    /// The users the invite names: inviting, then accepting.
    fn users(&self) -> impl Iterator<Item = &User> {
        let accepting = self
            .acceptances
            .iter()
            .filter_map(|a| a.accepting_user.as_deref());
        self.inviting_user().into_iter().chain(accepting)
    }

    /// The same fields as [`crate::model::filter::invite_fields`], from the row.
    pub fn fields(&self, ours: &[&str]) -> Vec<&str> {
        let mut out = vec![&*self.id];
        out.extend(self.external_teams(ours).flat_map(team_fields));
        if let Some(channel) = &self.channel {
            out.extend(channel.name.as_deref());
            out.push(&channel.id);
        }
        out.extend(self.users().flat_map(user_fields));
        out.extend(self.recipient_email.as_deref());
        out.extend(self.recipient_user_id.as_deref());
        out
    }

    /// [`Self::fields`] as the filter key keeps them: the invite's own,
    /// and the pieces other invites share (each external org, each user).
    pub fn key_parts(&self, ours: &[&str]) -> (Vec<&str>, Vec<Vec<&str>>) {
        let mut own = vec![&*self.id];
        let mut pieces: Vec<Vec<&str>> = self.external_teams(ours).map(team_fields).collect();
        if let Some(channel) = &self.channel {
            own.extend(channel.name.as_deref());
            own.push(&channel.id);
        }
        pieces.extend(self.users().map(user_fields));
        // Mostly the accepting user's email, a piece already: a field twice
        // matches the same words as once, so it is kept once.
        let recipient = self
            .recipient_email
            .as_deref()
            .filter(|email| !self.users().any(|u| u.email.as_deref() == Some(email)));
        own.extend(recipient);
        own.extend(self.recipient_user_id.as_deref());
        (own, pieces)
    }

    /// The filter's key; our own org is left out once we know who we are.
    pub fn search_key(&self, ours: &[&str]) -> Box<str> {
        let scoped = match &self.workspace {
            Some(ws) => workspace_scoped(&ws.id, ws.name.as_deref()),
            None => Vec::new(),
        };
        let (own, pieces) = self.key_parts(ours);
        search_key_pieces(&own, &pieces, &scoped)
    }

    pub fn id(&self) -> &str {
        &self.id
    }

    pub fn inviting_team(&self) -> Option<&Team> {
        self.inviting_team.as_deref()
    }

    pub fn inviting_user(&self) -> Option<&User> {
        self.inviting_user.as_deref()
    }

    pub fn channel(&self) -> Option<&InviteChannel> {
        self.channel.as_ref()
    }

    pub fn date_created(&self) -> Option<i64> {
        self.date_created.get()
    }

    pub fn date_invalid(&self) -> Option<i64> {
        self.date_invalid.get()
    }

    pub fn recipient_email(&self) -> Option<&str> {
        self.recipient_email.as_deref()
    }

    pub fn recipient_user_id(&self) -> Option<&str> {
        self.recipient_user_id.as_deref()
    }

    pub fn is_external_limited(&self) -> bool {
        self.is_external_limited
    }
}

impl Row for Invite {
    fn id(&self) -> &str {
        &self.id
    }

    fn intern(self, i: &mut Interner) -> Invite {
        Invite {
            id: self.id,
            direction: i.again_text(self.direction),
            status: i.again_text(self.status),
            inviting_team: i.again_team(self.inviting_team),
            inviting_user: i.again_user(self.inviting_user),
            recipient_email: i.again_text(self.recipient_email),
            recipient_user_id: i.again_text(self.recipient_user_id),
            workspace: i.again_team(self.workspace),
            channel: self.channel.map(|c| InviteChannel {
                name: i.again_text(c.name),
                ..c
            }),
            acceptances: remapped_boxed(self.acceptances, |a| Acceptance {
                approval_status: i.again_text(a.approval_status),
                accepting_team: i.again_team(a.accepting_team),
                accepting_user: i.again_user(a.accepting_user),
                reviews: remapped_boxed(a.reviews, |r| Review {
                    kind: i.again_text(r.kind),
                    date_review: r.date_review,
                    reviewing_team: i.again_team(r.reviewing_team),
                }),
                ..a
            }),
            ..self
        }
    }
}
