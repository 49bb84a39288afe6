//! The Orgs pane: external organizations we are connected to. Its data
//! also answers "what do we already share with them?" for the other panes.

use std::sync::Arc;

use crate::app::list::{Keying, ListData};
use crate::model::ListKind;
use crate::model::orgs::keys;
use crate::model::rows::Org;
use crate::model::sort::SortState;
#[derive(Debug)]
pub struct OrgsPane {
    pub list: ListData<Org>,
}

impl Default for OrgsPane {
    fn default() -> Self {
        OrgsPane {
            list: ListData {
                sort: SortState::default_for(ListKind::Orgs),
                ..Default::default()
            },
        }
    }
}

impl OrgsPane {
    pub fn find(&self, team_id: &str) -> Option<&Org> {
        self.list.find(team_id)
    }

    /// Slack accepted the disconnect: the org stays listed as disconnected
    /// with nothing shared, which is what a refresh shows.
    pub fn record_disconnected(&mut self, team_id: &str) {
        self.list.update_row(
            team_id,
            |org| {
                org.connection_status = Some(Arc::from("DISCONNECTED"));
                org.public_channel_count = Some(0);
                org.private_channel_count = Some(0);
                org.im_channel_count = Some(0);
                org.mpim_channel_count = Some(0);
            },
            &Keying::new(keys, Org::search_key),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::orgs::*;

    #[test]
    fn lookup_by_id_survives_sorting_and_disconnect_zeroes_counts() {
        use crate::model::rows::Interner;
        use crate::slack::models::ExternalOrg;
        let mut interner = Interner::default();
        let mut org = |id: &str, name: &str| {
            let wire = ExternalOrg {
                team_id: id.into(),
                team_name: Some(name.into()),
                public_channel_count: Some(3),
                private_channel_count: Some(1),
                connection_status: Some("CONNECTED".into()),
                ..Default::default()
            };
            Org::from_wire(&wire, &mut interner)
        };
        let mut pane = OrgsPane::default();
        pane.list.begin_load(0);
        let rows = vec![org("T2", "zeta"), org("T1", "Alpha")];
        pane.list
            .add_page(rows, None, true, 0, &Keying::new(keys, Org::search_key));
        assert_eq!(&*pane.list.selected_item().unwrap().team_id, "T1");
        assert_eq!(ChannelCounts::of(pane.find("T2").unwrap()).channels(), 4);
        pane.record_disconnected("T2");
        let t2 = pane.find("T2").unwrap();
        assert_eq!(t2.connection_status.as_deref(), Some("DISCONNECTED"));
        assert_eq!(ChannelCounts::of(t2), ChannelCounts::default());
    }
}
