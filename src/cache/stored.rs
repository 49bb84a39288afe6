//! Each row type as a cache chunk stores it ([`super::wire`]): shared
//! values by index into the chunk's tables, the rest inline.
//!
//! What a row never shares stays unshared when read back (invite and
//! channel IDs, channel names and purposes): sharing them would cost more
//! than it saves, as when the row is built from Slack's page.

use std::io;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::wire::{Ix, Shared, Tables, Wire, exactly};
use crate::model::rows::{
    Acceptance, Channel, InlineText, Invite, InviteChannel, Org, Request, RequestChannel, Review,
    Workspace,
};

#[derive(Serialize, Deserialize)]
pub(super) struct StoredInvite<'a> {
    id: &'a str,
    direction: Option<Ix>,
    status: Option<Ix>,
    date_created: Option<i64>,
    date_invalid: Option<i64>,
    inviting_team: Option<Ix>,
    inviting_user: Option<Ix>,
    #[serde(borrow)]
    channel: Option<(&'a str, Option<Ix>, Option<bool>)>,
    recipient_email: Option<Ix>,
    recipient_user_id: Option<Ix>,
    is_external_limited: bool,
    acceptances: Vec<StoredAcceptance>,
    workspace: Option<Ix>,
}

#[derive(Serialize, Deserialize)]
pub(super) struct StoredAcceptance {
    approval_status: Option<Ix>,
    date_accepted: Option<i64>,
    date_invalid: Option<i64>,
    accepting_team: Option<Ix>,
    accepting_user: Option<Ix>,
    /// Kind, date, reviewing team.
    reviews: Vec<(Option<Ix>, Option<i64>, Option<Ix>)>,
}

impl Wire for Invite {
    type Stored<'a> = StoredInvite<'a>;

    fn store<'a>(&'a self, t: &mut Tables<'a>) -> StoredInvite<'a> {
        StoredInvite {
            id: &self.id,
            direction: t.opt(self.direction.as_ref()),
            status: t.opt(self.status.as_ref()),
            date_created: self.date_created.get(),
            date_invalid: self.date_invalid.get(),
            inviting_team: t.team_opt(self.inviting_team.as_ref()),
            inviting_user: t.user_opt(self.inviting_user.as_ref()),
            channel: self
                .channel
                .as_ref()
                .map(|c| (&*c.id, c.name.as_deref().map(|n| t.str(n)), c.is_private)),
            recipient_email: t.opt(self.recipient_email.as_ref()),
            recipient_user_id: t.opt(self.recipient_user_id.as_ref()),
            is_external_limited: self.is_external_limited,
            acceptances: self
                .acceptances
                .iter()
                .map(|a| StoredAcceptance {
                    approval_status: t.opt(a.approval_status.as_ref()),
                    date_accepted: a.date_accepted.get(),
                    date_invalid: a.date_invalid.get(),
                    accepting_team: t.team_opt(a.accepting_team.as_ref()),
                    accepting_user: t.user_opt(a.accepting_user.as_ref()),
                    reviews: a
                        .reviews
                        .iter()
                        .map(|r| {
                            let team = t.team_opt(r.reviewing_team.as_ref());
                            (t.opt(r.kind.as_ref()), r.date_review, team)
                        })
                        .collect(),
                })
                .collect(),
            workspace: t.team_opt(self.workspace.as_ref()),
        }
    }

    fn restore(w: StoredInvite<'_>, s: &Shared<'_>) -> io::Result<Invite> {
        let channel = match w.channel {
            Some((id, name, is_private)) => Some(InviteChannel {
                id: InlineText::from(id),
                name: s.text_opt(name)?,
                is_private,
            }),
            None => None,
        };
        let acceptances = exactly(w.acceptances, |a| {
            Ok(Acceptance {
                approval_status: s.text_opt(a.approval_status)?,
                date_accepted: a.date_accepted.into(),
                date_invalid: a.date_invalid.into(),
                accepting_team: s.team_opt(a.accepting_team)?,
                accepting_user: s.user_opt(a.accepting_user)?,
                reviews: exactly(a.reviews, |(kind, date_review, team)| {
                    Ok(Review {
                        kind: s.text_opt(kind)?,
                        date_review,
                        reviewing_team: s.team_opt(team)?,
                    })
                })?
                .into(),
            })
        })?;
        Ok(Invite {
            id: InlineText::from(w.id),
            direction: s.text_opt(w.direction)?,
            status: s.text_opt(w.status)?,
            date_created: w.date_created.into(),
            date_invalid: w.date_invalid.into(),
            inviting_team: s.team_opt(w.inviting_team)?,
            inviting_user: s.user_opt(w.inviting_user)?,
            channel,
            recipient_email: s.text_opt(w.recipient_email)?,
            recipient_user_id: s.text_opt(w.recipient_user_id)?,
            is_external_limited: w.is_external_limited,
            acceptances: acceptances.into(),
            workspace: s.team_opt(w.workspace)?,
        })
    }
}

#[derive(Serialize, Deserialize)]
pub(super) struct StoredRequest<'a> {
    id: &'a str,
    date_created: Option<i64>,
    expires_at: Option<i64>,
    inviting_team: Option<Ix>,
    inviting_user: Option<Ix>,
    is_external_limited: Option<bool>,
    recipient_email: Option<Ix>,
    channel: Option<StoredRequestChannel>,
    workspace: Option<Ix>,
}

#[derive(Serialize, Deserialize)]
pub(super) struct StoredRequestChannel {
    id: Ix,
    name: Option<Ix>,
    is_private: Option<bool>,
    connections: Vec<Ix>,
    pending_connections: Vec<Ix>,
}

impl Wire for Request {
    type Stored<'a> = StoredRequest<'a>;

    fn store<'a>(&'a self, t: &mut Tables<'a>) -> StoredRequest<'a> {
        StoredRequest {
            id: &self.id,
            date_created: self.date_created,
            expires_at: self.expires_at,
            inviting_team: t.team_opt(self.inviting_team.as_ref()),
            inviting_user: t.user_opt(self.inviting_user.as_ref()),
            is_external_limited: self.is_external_limited,
            recipient_email: t.opt(self.recipient_email.as_ref()),
            channel: self.channel.as_ref().map(|c| StoredRequestChannel {
                id: t.str(&c.id),
                name: t.opt(c.name.as_ref()),
                is_private: c.is_private,
                connections: t.teams(&c.connections),
                pending_connections: t.teams(&c.pending_connections),
            }),
            workspace: t.team_opt(self.workspace.as_ref()),
        }
    }

    fn restore(w: StoredRequest<'_>, s: &Shared<'_>) -> io::Result<Request> {
        let channel = match w.channel {
            Some(c) => Some(RequestChannel {
                id: s.str(c.id)?,
                name: s.opt(c.name)?,
                is_private: c.is_private,
                connections: s.teams(&c.connections)?,
                pending_connections: s.teams(&c.pending_connections)?,
            }),
            None => None,
        };
        Ok(Request {
            id: Arc::from(w.id),
            date_created: w.date_created,
            expires_at: w.expires_at,
            inviting_team: s.team_opt(w.inviting_team)?,
            inviting_user: s.user_opt(w.inviting_user)?,
            is_external_limited: w.is_external_limited,
            recipient_email: s.opt(w.recipient_email)?,
            channel,
            workspace: s.team_opt(w.workspace)?,
        })
    }
}

#[derive(Serialize, Deserialize)]
pub(super) struct StoredOrg {
    team_id: Ix,
    team_name: Option<Ix>,
    team_domain: Option<Ix>,
    /// Public, private, IM and group DM channels.
    counts: [Option<i64>; 4],
    connected_workspaces: Vec<(Ix, Option<Ix>)>,
    policies: Vec<Ix>,
    connection_status: Option<Ix>,
    last_active_timestamp: Option<i64>,
    is_sponsored: Option<bool>,
}

impl Wire for Org {
    type Stored<'a> = StoredOrg;

    fn store<'a>(&'a self, t: &mut Tables<'a>) -> StoredOrg {
        StoredOrg {
            team_id: t.str(&self.team_id),
            team_name: t.opt(self.team_name.as_ref()),
            team_domain: t.opt(self.team_domain.as_ref()),
            counts: [
                self.public_channel_count,
                self.private_channel_count,
                self.im_channel_count,
                self.mpim_channel_count,
            ],
            connected_workspaces: self
                .connected_workspaces
                .iter()
                .map(|w| (t.str(&w.id), t.opt(w.name.as_ref())))
                .collect(),
            policies: t.strs(&self.policies),
            connection_status: t.opt(self.connection_status.as_ref()),
            last_active_timestamp: self.last_active_timestamp,
            is_sponsored: self.is_sponsored,
        }
    }

    fn restore(w: StoredOrg, s: &Shared<'_>) -> io::Result<Org> {
        let [public, private, im, mpim] = w.counts;
        Ok(Org {
            team_id: s.str(w.team_id)?,
            team_name: s.opt(w.team_name)?,
            team_domain: s.opt(w.team_domain)?,
            public_channel_count: public,
            private_channel_count: private,
            im_channel_count: im,
            mpim_channel_count: mpim,
            connected_workspaces: exactly(w.connected_workspaces, |(id, name)| {
                Ok(Workspace {
                    id: s.str(id)?,
                    name: s.opt(name)?,
                })
            })?,
            policies: s.strs(&w.policies)?,
            connection_status: s.opt(w.connection_status)?,
            last_active_timestamp: w.last_active_timestamp,
            is_sponsored: w.is_sponsored,
        })
    }
}

#[derive(Serialize, Deserialize)]
pub(super) struct StoredChannel<'a> {
    id: &'a str,
    name: Option<&'a str>,
    purpose: Option<&'a str>,
    members: Option<i64>,
    external_user_count: Option<i64>,
    created: Option<i64>,
    last_activity: Option<i64>,
    /// Private, archived, frozen, disconnecting, pending.
    flags: [Option<bool>; 5],
    conversation_host_id: Option<Ix>,
    /// Connected, connected limited, pending, internal.
    team_ids: [Vec<Ix>; 4],
}

impl Wire for Channel {
    type Stored<'a> = StoredChannel<'a>;

    fn store<'a>(&'a self, t: &mut Tables<'a>) -> StoredChannel<'a> {
        StoredChannel {
            id: &self.id,
            name: self.name.as_deref(),
            purpose: self.purpose.as_deref(),
            members: self.members,
            external_user_count: self.external_user_count,
            created: self.created,
            last_activity: self.last_activity,
            flags: [
                self.is_private,
                self.is_archived,
                self.is_frozen,
                self.is_disconnect_in_progress,
                self.is_pending_ext_shared,
            ],
            conversation_host_id: t.opt(self.conversation_host_id.as_ref()),
            team_ids: [
                t.strs(&self.connected_team_ids),
                t.strs(&self.connected_limited_team_ids),
                t.strs(&self.pending_connected_team_ids),
                t.strs(&self.internal_team_ids),
            ],
        }
    }

    fn restore(w: StoredChannel<'_>, s: &Shared<'_>) -> io::Result<Channel> {
        let [is_private, is_archived, is_frozen, disconnecting, pending] = w.flags;
        let [connected, limited, pending_ids, internal] = &w.team_ids;
        Ok(Channel {
            id: InlineText::from(w.id),
            name: w.name.map(InlineText::from),
            purpose: w.purpose.map(Box::from),
            members: w.members,
            external_user_count: w.external_user_count,
            created: w.created,
            last_activity: w.last_activity,
            is_private,
            is_archived,
            is_frozen,
            is_disconnect_in_progress: disconnecting,
            is_pending_ext_shared: pending,
            conversation_host_id: s.opt(w.conversation_host_id)?,
            connected_team_ids: s.strs(connected)?,
            connected_limited_team_ids: s.strs(limited)?,
            pending_connected_team_ids: s.strs(pending_ids)?,
            internal_team_ids: s.strs(internal)?,
        })
    }
}
