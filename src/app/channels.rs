//! The Channels pane: channels shared with other orgs.

use crate::slack::models::SharedChannel;

use super::list::ListData;
use super::time::normalize_ts;

#[derive(Debug, Default)]
pub struct ChannelsPane {
    pub list: ListData<SharedChannel>,
}

/// The external teams in a channel (everyone connected who is not us).
pub fn external_teams<'a>(channel: &'a SharedChannel, ours: &[&str]) -> Vec<&'a str> {
    let mut teams: Vec<&str> = channel
        .connected_team_ids
        .iter()
        .chain(&channel.connected_limited_team_ids)
        .map(String::as_str)
        .filter(|id| {
            !id.is_empty()
                && !ours.contains(id)
                && !channel.internal_team_ids.iter().any(|t| t == id)
        })
        .collect();
    let mut seen = Vec::with_capacity(teams.len());
    teams.retain(|id| {
        let first = !seen.contains(id);
        seen.push(*id);
        first
    });
    teams
}

/// Last activity in seconds, whichever field and unit Slack used.
pub fn last_activity(channel: &SharedChannel) -> Option<i64> {
    channel
        .last_activity_ts
        .or(channel.updated)
        .filter(|&ts| ts > 0)
        .map(normalize_ts)
}

pub fn is_private(channel: &SharedChannel) -> bool {
    channel.is_private.unwrap_or(false)
}

impl ChannelsPane {
    pub fn rebuild(&mut self) {
        let items = &self.list.items;
        let mut order: Vec<usize> = (0..items.len()).collect();
        order
            .sort_by_cached_key(|&i| (items[i].name.clone().unwrap_or_default().to_lowercase(), i));
        self.list.set_view(order, Vec::new());
    }

    pub fn position(&self, id: &str) -> Option<usize> {
        self.list.items.iter().position(|c| c.id == id)
    }

    pub fn find(&self, id: &str) -> Option<&SharedChannel> {
        self.position(id).map(|i| &self.list.items[i])
    }

    /// Channels that `team_id` is connected to.
    pub fn shared_with<'a>(
        &'a self,
        team_id: &'a str,
    ) -> impl Iterator<Item = &'a SharedChannel> + 'a {
        self.list.items.iter().filter(move |c| {
            c.connected_team_ids
                .iter()
                .chain(&c.connected_limited_team_ids)
                .any(|t| t == team_id)
        })
    }

    /// `team_id` left `channel_id` (or every channel, when `None`): drop it,
    /// and drop channels that no longer have anyone external in them.
    pub fn record_team_left(&mut self, channel_id: Option<&str>, team_id: &str, ours: &[&str]) {
        let mut emptied = Vec::new();
        for (index, channel) in self.list.items.iter_mut().enumerate() {
            if channel_id.is_some_and(|id| id != channel.id) {
                continue;
            }
            let before =
                channel.connected_team_ids.len() + channel.connected_limited_team_ids.len();
            channel.connected_team_ids.retain(|t| t != team_id);
            channel.connected_limited_team_ids.retain(|t| t != team_id);
            let after = channel.connected_team_ids.len() + channel.connected_limited_team_ids.len();
            if before != after && external_teams(channel, ours).is_empty() {
                emptied.push(index);
            }
        }
        for index in emptied.into_iter().rev() {
            self.list.remove_item(index);
        }
        self.rebuild();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn channel(id: &str, teams: &[&str]) -> SharedChannel {
        SharedChannel {
            id: id.into(),
            name: Some(id.to_lowercase()),
            connected_team_ids: teams.iter().map(|t| t.to_string()).collect(),
            ..Default::default()
        }
    }

    #[test]
    fn external_teams_exclude_us_and_duplicates() {
        let mut c = channel("C1", &["TUS", "TA", "TB"]);
        c.connected_limited_team_ids = vec!["TB".into()];
        assert_eq!(external_teams(&c, &["TUS"]), ["TA", "TB"]);
    }

    #[test]
    fn a_team_leaving_removes_channels_left_without_outsiders() {
        let mut pane = ChannelsPane::default();
        pane.list.items = vec![
            channel("C1", &["TUS", "TA"]),
            channel("C2", &["TUS", "TA", "TB"]),
        ];
        pane.rebuild();
        pane.record_team_left(None, "TA", &["TUS"]);
        assert_eq!(pane.list.items.len(), 1);
        assert_eq!(external_teams(&pane.list.items[0], &["TUS"]), ["TB"]);
        pane.record_team_left(Some("C2"), "TB", &["TUS"]);
        assert!(pane.list.items.is_empty());
        assert_eq!(
            last_activity(&SharedChannel {
                last_activity_ts: Some(1_583_198_954_000_200),
                ..Default::default()
            }),
            Some(1_583_198_954)
        );
    }
}
