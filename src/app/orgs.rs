//! The Orgs pane: external organizations we are connected to. Its data
//! also answers "what do we already share with them?" for the other panes.

use std::collections::HashMap;

use crate::slack::models::ExternalOrg;

use super::list::ListData;

#[derive(Debug, Default)]
pub struct OrgsPane {
    pub list: ListData<ExternalOrg>,
    /// team_id → index into `list.items`, for lookups from other panes.
    by_id: HashMap<String, usize>,
}

/// What disconnecting an org cuts, from its channel counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ChannelCounts {
    pub public: i64,
    pub private: i64,
    pub dms: i64,
    pub group_dms: i64,
}

impl ChannelCounts {
    pub fn of(org: &ExternalOrg) -> ChannelCounts {
        ChannelCounts {
            public: org.public_channel_count.unwrap_or(0),
            private: org.private_channel_count.unwrap_or(0),
            dms: org.im_channel_count.unwrap_or(0),
            group_dms: org.mpim_channel_count.unwrap_or(0),
        }
    }

    pub fn channels(&self) -> i64 {
        self.public + self.private
    }

    /// "3 public, 1 private channels, 2 DMs, 0 group DMs".
    pub fn describe(&self) -> String {
        format!(
            "{} public, {} private channels, {} DMs, {} group DMs",
            self.public, self.private, self.dms, self.group_dms
        )
    }
}

pub fn display_name(org: &ExternalOrg) -> &str {
    org.team_name
        .as_deref()
        .filter(|n| !n.is_empty())
        .unwrap_or(&org.team_id)
}

impl OrgsPane {
    /// Alphabetical by name, case-insensitive.
    pub fn rebuild(&mut self) {
        let items = &self.list.items;
        let mut order: Vec<usize> = (0..items.len()).collect();
        order.sort_by_cached_key(|&i| (display_name(&items[i]).to_lowercase(), i));
        self.by_id = items
            .iter()
            .enumerate()
            .map(|(i, org)| (org.team_id.clone(), i))
            .collect();
        self.list.set_view(order, Vec::new());
    }

    pub fn find(&self, team_id: &str) -> Option<&ExternalOrg> {
        self.by_id.get(team_id).map(|&i| &self.list.items[i])
    }

    /// Slack accepted the disconnect: the org stays listed as disconnected
    /// with nothing shared, which is what a refresh shows.
    pub fn record_disconnected(&mut self, team_id: &str) {
        if let Some(&index) = self.by_id.get(team_id) {
            let org = &mut self.list.items[index];
            org.connection_status = Some("DISCONNECTED".to_owned());
            org.public_channel_count = Some(0);
            org.private_channel_count = Some(0);
            org.im_channel_count = Some(0);
            org.mpim_channel_count = Some(0);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookup_by_id_survives_sorting_and_disconnect_zeroes_counts() {
        let org = |id: &str, name: &str| ExternalOrg {
            team_id: id.into(),
            team_name: Some(name.into()),
            public_channel_count: Some(3),
            private_channel_count: Some(1),
            connection_status: Some("CONNECTED".into()),
            ..Default::default()
        };
        let mut pane = OrgsPane::default();
        pane.list.items = vec![org("T2", "zeta"), org("T1", "Alpha")];
        pane.rebuild();
        assert_eq!(pane.list.selected_item().unwrap().team_id, "T1");
        assert_eq!(ChannelCounts::of(pane.find("T2").unwrap()).channels(), 4);
        pane.record_disconnected("T2");
        let t2 = pane.find("T2").unwrap();
        assert_eq!(t2.connection_status.as_deref(), Some("DISCONNECTED"));
        assert_eq!(ChannelCounts::of(t2), ChannelCounts::default());
    }
}
