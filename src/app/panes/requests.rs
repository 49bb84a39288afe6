//! The Requests pane: members asking to invite someone outside the org.

use crate::app::list::ListData;
use crate::model::ListKind;
use crate::model::rows::Request;
use crate::model::sort::SortState;

#[derive(Debug)]
pub struct RequestsPane {
    pub list: ListData<Request>,
}

impl Default for RequestsPane {
    fn default() -> Self {
        RequestsPane {
            list: ListData {
                sort: SortState::default_for(ListKind::Requests),
                ..Default::default()
            },
        }
    }
}

impl RequestsPane {
    pub fn find(&self, id: &str) -> Option<&Request> {
        self.list.find(id)
    }

    /// Approved or denied requests leave Slack's default list.
    pub fn remove(&mut self, id: &str) {
        self.list.remove(id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::list::Keying;
    use crate::model::requests::{is_external_limited, keys};
    use crate::model::rows::Interner;
    use crate::slack::models::InviteRequest;

    #[test]
    fn soonest_expiry_first_and_removal_keeps_order() {
        let mut interner = Interner::default();
        let mut request = |id: &str, expires| {
            Request::from_wire(
                &InviteRequest {
                    id: id.into(),
                    expires_at: expires,
                    ..Default::default()
                },
                &mut interner,
            )
        };
        let rows = vec![
            request("R1", Some(300)),
            request("R2", None),
            request("R3", Some(100)),
        ];
        let lone = request("R", None);
        let mut pane = RequestsPane::default();
        pane.list.begin_load(0);
        pane.list
            .add_page(rows, None, true, 0, &Keying::new(keys, Request::search_key));
        let ids: Vec<&str> = pane
            .list
            .view
            .iter()
            .map(|&i| &*pane.list.items[i as usize].id)
            .collect();
        assert_eq!(ids, ["R3", "R1", "R2"]);
        pane.remove("R3");
        assert_eq!(&*pane.list.selected_item().unwrap().id, "R1");
        assert!(is_external_limited(&lone));
    }
}
