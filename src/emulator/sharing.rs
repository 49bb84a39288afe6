//! The changes that make a channel (stop being) Slack Connect: a team joins
//! a channel on an approved invite or leaves it on a disconnect, and the
//! other org's entry and channel counts follow.

use crate::slack::models::{
    ConnectChannel, ConnectTeam, ConnectedWorkspace, ExternalOrg, SharedChannel,
};

use super::state::State;

fn is_private(ch: &SharedChannel) -> bool {
    ch.is_private == Some(true)
}

impl State {
    /// The approved invite's channel now connects `team` (Slack Connect):
    /// the channel is created on our side if we did not have it, the team's
    /// org appears among external orgs and its channel count follows.
    pub fn connect_team(
        &mut self,
        channel: &ConnectChannel,
        host_team_id: &str,
        team: &ConnectTeam,
        limited: bool,
        now: i64,
    ) {
        let me_id = self.me.team_id.clone();
        if self.channels.get(&channel.id).is_none() {
            self.channels.insert(SharedChannel {
                id: channel.id.clone(),
                name: channel.name.clone(),
                purpose: Some(serde_json::Value::String(String::new())),
                member_count: Some(2),
                created: Some(now),
                is_private: Some(channel.is_private == Some(true)),
                is_archived: Some(false),
                is_general: Some(false),
                last_activity_ts: Some(now * 1_000_000),
                is_ext_shared: Some(false),
                is_shared: Some(false),
                is_org_shared: Some(false),
                is_global_shared: Some(false),
                is_pending_ext_shared: Some(false),
                is_frozen: Some(false),
                conversation_host_id: Some(host_team_id.to_owned()),
                context_team_id: Some(me_id.clone()),
                internal_team_ids: vec![me_id],
                ..SharedChannel::default()
            });
        }
        let Some(ch) = self.channels.by_id.get_mut(&channel.id) else {
            return;
        };
        let newly = !ch.connected_team_ids.contains(&team.id);
        if newly {
            ch.connected_team_ids.push(team.id.clone());
        }
        if limited && !ch.connected_limited_team_ids.contains(&team.id) {
            ch.connected_limited_team_ids.push(team.id.clone());
        }
        ch.pending_connected_team_ids.retain(|t| t != &team.id);
        ch.is_ext_shared = Some(true);
        ch.is_shared = Some(true);
        ch.is_pending_ext_shared = Some(!ch.pending_connected_team_ids.is_empty());
        let private = is_private(ch);
        let org = self
            .orgs
            .entry(team.id.clone())
            .or_insert_with(|| new_org(team, &self.me.team_id, &self.me.team));
        org.connection_status = Some("CONNECTED".into());
        org.last_active_timestamp = Some(now);
        if newly {
            bump_count(org, private, 1);
        }
    }

    /// `team` leaves channel `channel_id`; returns whether it was in it.
    pub fn remove_team_from_channel(&mut self, channel_id: &str, team_id: &str) -> bool {
        let Some(ch) = self.channels.by_id.get_mut(channel_id) else {
            return false;
        };
        let was = ch.connected_team_ids.iter().any(|t| t == team_id);
        ch.connected_team_ids.retain(|t| t != team_id);
        ch.connected_limited_team_ids.retain(|t| t != team_id);
        if ch.connected_team_ids.is_empty() {
            // With no external team left the channel is an ordinary one again
            // and drops out of searches for external_shared channels.
            ch.is_ext_shared = Some(false);
            ch.is_shared = Some(false);
        }
        let private = is_private(ch);
        if was && let Some(org) = self.orgs.get_mut(team_id) {
            bump_count(org, private, -1);
        }
        was
    }

    /// Whether any external team is still connected to the channel.
    pub fn still_shared(&self, channel_id: &str) -> bool {
        self.channels
            .get(channel_id)
            .is_some_and(|c| !c.connected_team_ids.is_empty())
    }

    /// `team.externalTeams.disconnect`: every channel with that org stops
    /// being shared with it. Returns those channels.
    pub fn disconnect_org(&mut self, team_id: &str) -> Vec<String> {
        let ids: Vec<String> = self
            .channels
            .by_id
            .values()
            .filter(|c| c.connected_team_ids.iter().any(|t| t == team_id))
            .map(|c| c.id.clone())
            .collect();
        for id in &ids {
            self.remove_team_from_channel(id, team_id);
        }
        if let Some(org) = self.orgs.get_mut(team_id) {
            org.connection_status = Some("DISCONNECTED".into());
            org.public_channel_count = Some(0);
            org.private_channel_count = Some(0);
            org.im_channel_count = Some(0);
            org.mpim_channel_count = Some(0);
        }
        ids
    }
}

fn bump_count(org: &mut ExternalOrg, private: bool, by: i64) {
    let slot = if private {
        &mut org.private_channel_count
    } else {
        &mut org.public_channel_count
    };
    *slot = Some((slot.unwrap_or(0) + by).max(0));
}

fn new_org(team: &ConnectTeam, me_id: &str, me_name: &str) -> ExternalOrg {
    ExternalOrg {
        team_id: team.id.clone(),
        team_name: team.name.clone(),
        team_domain: team.domain.clone(),
        public_channel_count: Some(0),
        private_channel_count: Some(0),
        im_channel_count: Some(0),
        mpim_channel_count: Some(0),
        connected_workspaces: vec![ConnectedWorkspace {
            workspace_id: me_id.to_owned(),
            workspace_name: Some(me_name.to_owned()),
        }],
        slack_connect_prefs: Some(serde_json::json!({})),
        connection_status: Some("CONNECTED".into()),
        last_active_timestamp: None,
        is_sponsored: Some(false),
        canvas: None,
        lists: None,
    }
}
