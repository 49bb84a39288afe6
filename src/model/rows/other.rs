//! Requests, orgs and channels as the TUI keeps them.

use std::sync::Arc;

use crate::model::filter::{search_key, search_key_pieces, workspace_scoped};
use crate::model::rows::{InlineText, Interner, Row, Team, User, remapped, user_fields};
use crate::slack::models::{ExternalOrg, InviteRequest, SharedChannel};
use crate::text::time::normalize_ts;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestChannel {
    pub id: Arc<str>,
    pub name: Option<Arc<str>>,
    pub is_private: Option<bool>,
    /// Teams in the channel now, and those invited and not yet in.
    pub connections: Vec<Arc<Team>>,
    pub pending_connections: Vec<Arc<Team>>,
}

/// One request of `conversations.requestSharedInvite.list`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub id: Arc<str>,
    pub date_created: Option<i64>,
    pub expires_at: Option<i64>,
    pub inviting_team: Option<Arc<Team>>,
    pub inviting_user: Option<Arc<User>>,
    pub is_external_limited: Option<bool>,
    pub recipient_email: Option<Arc<str>>,
    pub channel: Option<RequestChannel>,
    /// Our workspace it belongs to, with an org-wide token (`team_id` for
    /// its decisions, `ws:` for the filter); `None` for a workspace token's own.
    pub workspace: Option<Arc<Team>>,
}

impl Request {
    pub fn from_wire(wire: &InviteRequest, i: &mut Interner) -> Request {
        let teams = |list: &[crate::slack::models::ChannelConnection], i: &mut Interner| {
            list.iter()
                .filter_map(|c| c.team.as_ref())
                .map(|t| i.team(t))
                .collect()
        };
        let channel = wire.channel.as_ref().map(|c| RequestChannel {
            id: i.str(&c.id),
            name: i.opt(c.name.as_deref()),
            is_private: c.is_private,
            connections: teams(&c.connections, i),
            pending_connections: teams(&c.pending_connections, i),
        });
        Request {
            id: Arc::from(wire.id.as_str()),
            date_created: wire.date_created,
            expires_at: wire.expires_at,
            inviting_team: i.team_opt(wire.inviting_team.as_ref()),
            inviting_user: i.user_opt(wire.inviting_user.as_ref()),
            is_external_limited: wire.is_external_limited,
            recipient_email: i.opt(wire.recipient_email()),
            channel,
            workspace: None,
        }
    }

    /// The request as one made in our workspace `workspace` (an org-wide token).
    pub fn in_workspace(mut self, workspace: Option<Arc<Team>>) -> Request {
        if workspace.is_some() {
            self.workspace = workspace;
        }
        self
    }

    /// The filter's key.
    pub fn search_key(&self) -> Box<str> {
        let scoped = match &self.workspace {
            Some(ws) => workspace_scoped(&ws.id, ws.name.as_deref()),
            None => Vec::new(),
        };
        let mut own = vec![&*self.id];
        if let Some(channel) = &self.channel {
            own.extend(channel.name.as_deref());
            own.push(&channel.id);
        }
        own.extend(self.recipient_email.as_deref());
        // The requester is a piece the list stores once: a member asks often.
        let pieces: Vec<Vec<&str>> = self.inviting_user.iter().map(|u| user_fields(u)).collect();
        search_key_pieces(&own, &pieces, &scoped)
    }

    /// The same fields as [`crate::model::filter::request_fields`], from the row.
    pub fn fields(&self) -> Vec<&str> {
        let mut out = vec![&*self.id];
        if let Some(user) = &self.inviting_user {
            out.extend(user_fields(user));
        }
        if let Some(channel) = &self.channel {
            out.extend(channel.name.as_deref());
            out.push(&channel.id);
        }
        out.extend(self.recipient_email.as_deref());
        out
    }

    pub fn recipient_email(&self) -> Option<&str> {
        self.recipient_email.as_deref()
    }
}

impl Row for Request {
    fn id(&self) -> &str {
        &self.id
    }

    fn intern(self, i: &mut Interner) -> Request {
        let teams = |list: Vec<Arc<Team>>, i: &mut Interner| {
            remapped(list, |t| i.team_row(Arc::unwrap_or_clone(t)))
        };
        Request {
            workspace: i.again_team(self.workspace),
            inviting_team: i.again_team(self.inviting_team),
            inviting_user: i.again_user(self.inviting_user),
            recipient_email: i.again_str(self.recipient_email),
            channel: self.channel.map(|c| RequestChannel {
                id: i.arc(&c.id),
                name: i.again_str(c.name),
                is_private: c.is_private,
                connections: teams(c.connections, i),
                pending_connections: teams(c.pending_connections, i),
            }),
            ..self
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Workspace {
    pub id: Arc<str>,
    pub name: Option<Arc<str>>,
}

/// One org of `team.externalTeams.list`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Org {
    pub team_id: Arc<str>,
    pub team_name: Option<Arc<str>>,
    pub team_domain: Option<Arc<str>>,
    pub public_channel_count: Option<i64>,
    pub private_channel_count: Option<i64>,
    pub im_channel_count: Option<i64>,
    pub mpim_channel_count: Option<i64>,
    pub connected_workspaces: Vec<Workspace>,
    /// The names of the org's custom Slack Connect policies.
    pub policies: Vec<Arc<str>>,
    pub connection_status: Option<Arc<str>>,
    pub last_active_timestamp: Option<i64>,
    pub is_sponsored: Option<bool>,
}

impl Org {
    pub fn from_wire(wire: &ExternalOrg, i: &mut Interner) -> Org {
        let policies = match &wire.slack_connect_prefs {
            Some(serde_json::Value::Object(prefs)) => prefs.keys().map(|k| i.str(k)).collect(),
            _ => Vec::new(),
        };
        Org {
            team_id: i.str(&wire.team_id),
            team_name: i.opt(wire.team_name.as_deref()),
            team_domain: i.opt(wire.team_domain.as_deref()),
            public_channel_count: wire.public_channel_count,
            private_channel_count: wire.private_channel_count,
            im_channel_count: wire.im_channel_count,
            mpim_channel_count: wire.mpim_channel_count,
            connected_workspaces: wire
                .connected_workspaces
                .iter()
                .map(|w| Workspace {
                    id: i.str(&w.workspace_id),
                    name: i.opt(w.workspace_name.as_deref()),
                })
                .collect(),
            policies,
            connection_status: i.opt(wire.connection_status.as_deref()),
            last_active_timestamp: wire.last_active_timestamp,
            is_sponsored: wire.is_sponsored,
        }
    }

    /// The same fields as [`crate::model::filter::org_fields`], from the row.
    pub fn fields(&self) -> Vec<&str> {
        let mut out = vec![&*self.team_id];
        out.extend(self.team_name.as_deref());
        out.extend(self.team_domain.as_deref());
        out.extend(self.connection_status.as_deref());
        out
    }

    /// The filter's key.
    pub fn search_key(&self) -> Box<str> {
        search_key(&self.fields())
    }
}

impl Row for Org {
    fn id(&self) -> &str {
        &self.team_id
    }

    fn intern(self, i: &mut Interner) -> Org {
        Org {
            team_id: i.arc(&self.team_id),
            team_name: i.again_str(self.team_name),
            team_domain: i.again_str(self.team_domain),
            connected_workspaces: remapped(self.connected_workspaces, |w| Workspace {
                id: i.arc(&w.id),
                name: i.again_str(w.name),
            }),
            policies: self.policies.iter().map(|p| i.arc(p)).collect(),
            connection_status: i.again_str(self.connection_status),
            ..self
        }
    }
}

/// One channel of `admin.conversations.search` (or `conversations.list`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Channel {
    pub id: InlineText,
    pub name: Option<InlineText>,
    pub purpose: Option<Box<str>>,
    pub members: Option<i64>,
    pub external_user_count: Option<i64>,
    pub created: Option<i64>,
    /// Last activity in seconds, whichever field and unit Slack used.
    pub last_activity: Option<i64>,
    pub is_private: Option<bool>,
    pub is_archived: Option<bool>,
    pub is_frozen: Option<bool>,
    pub is_disconnect_in_progress: Option<bool>,
    pub is_pending_ext_shared: Option<bool>,
    pub conversation_host_id: Option<Arc<str>>,
    pub connected_team_ids: Vec<Arc<str>>,
    pub connected_limited_team_ids: Vec<Arc<str>>,
    pub pending_connected_team_ids: Vec<Arc<str>>,
    pub internal_team_ids: Vec<Arc<str>>,
}

impl Channel {
    pub fn from_wire(wire: &SharedChannel, i: &mut Interner) -> Channel {
        let ids = |list: &[String], i: &mut Interner| list.iter().map(|t| i.str(t)).collect();
        Channel {
            id: InlineText::from(wire.id.as_str()),
            name: wire.name.as_deref().map(InlineText::from),
            purpose: wire.purpose_text().filter(|p| !p.is_empty()).map(Box::from),
            members: wire.members(),
            external_user_count: wire.external_user_count,
            created: wire.created,
            last_activity: wire
                .last_activity_ts
                .or(wire.updated)
                .filter(|&ts| ts > 0)
                .map(normalize_ts),
            is_private: wire.is_private,
            is_archived: wire.is_archived,
            is_frozen: wire.is_frozen,
            is_disconnect_in_progress: wire.is_disconnect_in_progress,
            is_pending_ext_shared: wire.is_pending_ext_shared,
            conversation_host_id: i.opt(wire.conversation_host_id.as_deref()),
            connected_team_ids: ids(&wire.connected_team_ids, i),
            connected_limited_team_ids: ids(&wire.connected_limited_team_ids, i),
            pending_connected_team_ids: ids(&wire.pending_connected_team_ids, i),
            internal_team_ids: ids(&wire.internal_team_ids, i),
        }
    }

    /// The same fields as [`crate::model::filter::channel_fields`], from the row.
    pub fn fields<'a>(&'a self, team_names: &[&'a str]) -> Vec<&'a str> {
        let mut out = vec![&*self.id];
        out.extend(self.name.as_deref());
        out.extend_from_slice(team_names);
        out.extend(
            self.connected_team_ids
                .iter()
                .chain(&self.connected_limited_team_ids)
                .map(|t| &**t),
        );
        out
    }

    /// The filter's key, with the names of the orgs in it.
    pub fn search_key(&self, team_names: &[&str]) -> Box<str> {
        search_key(&self.fields(team_names))
    }
}

impl Row for Channel {
    fn id(&self) -> &str {
        &self.id
    }

    fn intern(self, i: &mut Interner) -> Channel {
        let ids = |list: Vec<Arc<str>>, i: &mut Interner| list.iter().map(|t| i.arc(t)).collect();
        Channel {
            conversation_host_id: i.again_str(self.conversation_host_id),
            connected_team_ids: ids(self.connected_team_ids, i),
            connected_limited_team_ids: ids(self.connected_limited_team_ids, i),
            pending_connected_team_ids: ids(self.pending_connected_team_ids, i),
            internal_team_ids: ids(self.internal_team_ids, i),
            ..self
        }
    }
}
