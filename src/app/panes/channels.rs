//! The Channels pane: channels shared with other orgs.

use crate::app::list::{KeysFn, ListData};
use crate::model::ListKind;
use crate::model::channels::external_teams;
use crate::model::rows::{Channel, InlineText};
use crate::model::sort::SortState;
#[derive(Debug)]
pub struct ChannelsPane {
    pub list: ListData<Channel>,
}

impl Default for ChannelsPane {
    fn default() -> Self {
        ChannelsPane {
            list: ListData {
                sort: SortState::default_for(ListKind::Channels),
                ..Default::default()
            },
        }
    }
}

impl ChannelsPane {
    pub fn find(&self, id: &str) -> Option<&Channel> {
        self.list.find(id)
    }

    /// Channels that `team_id` is connected to.
    pub fn shared_with<'a>(&'a self, team_id: &'a str) -> impl Iterator<Item = &'a Channel> + 'a {
        self.list.items.iter().map(|c| &**c).filter(move |c| {
            c.connected_team_ids
                .iter()
                .chain(&c.connected_limited_team_ids)
                .any(|t| &**t == team_id)
        })
    }

    /// `team_id` left `channel_id` (or every channel, when `None`): drop it,
    /// and drop channels that no longer have anyone external in them.
    pub fn record_team_left(
        &mut self,
        channel_id: Option<&str>,
        team_id: &str,
        ours: &[&str],
        keys: KeysFn<'_, Channel>,
    ) {
        let affected: Vec<InlineText> = self
            .list
            .items
            .iter()
            .filter(|c| channel_id.is_none_or(|id| *id == *c.id))
            .filter(|c| {
                c.connected_team_ids
                    .iter()
                    .chain(&c.connected_limited_team_ids)
                    .any(|t| &**t == team_id)
            })
            .map(|c| c.id.clone())
            .collect();
        for id in affected {
            self.list.update_row(
                &id,
                |channel| {
                    channel.connected_team_ids.retain(|t| &**t != team_id);
                    channel
                        .connected_limited_team_ids
                        .retain(|t| &**t != team_id);
                },
                keys,
            );
            if self
                .find(&id)
                .is_some_and(|c| external_teams(c, ours).is_empty())
            {
                self.list.remove(&id);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::list::Keying;
    use crate::model::channels::*;
    use crate::model::rows::Interner;
    use crate::slack::models::SharedChannel;

    fn channel(id: &str, teams: &[&str], limited: &[&str]) -> Channel {
        let wire = SharedChannel {
            id: id.into(),
            name: Some(id.to_lowercase()),
            connected_team_ids: teams.iter().map(|t| t.to_string()).collect(),
            connected_limited_team_ids: limited.iter().map(|t| t.to_string()).collect(),
            ..Default::default()
        };
        Channel::from_wire(&wire, &mut Interner::default())
    }

    fn keying() -> Keying<'static, Channel> {
        Keying::new(|c| keys(c, &["TUS"], &|_| None), |c| c.search_key(&[]))
    }

    #[test]
    fn external_teams_exclude_us_and_duplicates() {
        let c = channel("C1", &["TUS", "TA", "TB"], &["TB"]);
        assert_eq!(external_teams(&c, &["TUS"]), ["TA", "TB"]);
    }

    #[test]
    fn a_team_leaving_removes_channels_left_without_outsiders() {
        let mut pane = ChannelsPane::default();
        pane.list.begin_load(0);
        let rows = vec![
            channel("C1", &["TUS", "TA"], &[]),
            channel("C2", &["TUS", "TA", "TB"], &[]),
        ];
        pane.list.add_page(rows, None, true, 0, &keying());
        pane.record_team_left(None, "TA", &["TUS"], &keying());
        assert_eq!(pane.list.items.len(), 1);
        assert_eq!(external_teams(&pane.list.items[0], &["TUS"]), ["TB"]);
        pane.record_team_left(Some("C2"), "TB", &["TUS"], &keying());
        assert!(pane.list.items.is_empty());
        let wire = SharedChannel {
            last_activity_ts: Some(1_583_198_954_000_200),
            ..Default::default()
        };
        let row = Channel::from_wire(&wire, &mut Interner::default());
        assert_eq!(last_activity(&row), Some(1_583_198_954));
    }
}
