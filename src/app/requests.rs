//! The Requests pane: members asking to invite someone outside the org.

use crate::slack::models::InviteRequest;

use super::list::ListData;

#[derive(Debug, Default)]
pub struct RequestsPane {
    pub list: ListData<InviteRequest>,
}

/// "post only" when the invitee could only post; Slack's default is limited.
pub fn is_external_limited(request: &InviteRequest) -> bool {
    request.is_external_limited.unwrap_or(true)
}

impl RequestsPane {
    /// Soonest expiry first: those are the ones that cannot wait.
    pub fn rebuild(&mut self) {
        let items = &self.list.items;
        let mut order: Vec<usize> = (0..items.len()).collect();
        order.sort_by(|&a, &b| {
            let key = |r: &InviteRequest| (r.expires_at.unwrap_or(i64::MAX), r.id.clone());
            key(&items[a]).cmp(&key(&items[b]))
        });
        self.list.set_view(order, Vec::new());
    }

    pub fn position(&self, id: &str) -> Option<usize> {
        self.list.items.iter().position(|r| r.id == id)
    }

    pub fn find(&self, id: &str) -> Option<&InviteRequest> {
        self.position(id).map(|i| &self.list.items[i])
    }

    /// Approved or denied requests leave Slack's default list.
    pub fn remove(&mut self, id: &str) {
        if let Some(index) = self.position(id) {
            self.list.remove_item(index);
            self.rebuild();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn soonest_expiry_first_and_removal_keeps_order() {
        let request = |id: &str, expires| InviteRequest {
            id: id.into(),
            expires_at: expires,
            ..Default::default()
        };
        let mut pane = RequestsPane::default();
        pane.list.items = vec![
            request("R1", Some(300)),
            request("R2", None),
            request("R3", Some(100)),
        ];
        pane.rebuild();
        let ids: Vec<&str> = pane
            .list
            .view
            .iter()
            .map(|&i| pane.list.items[i].id.as_str())
            .collect();
        assert_eq!(ids, ["R3", "R1", "R2"]);
        pane.remove("R3");
        assert_eq!(pane.list.selected_item().unwrap().id, "R1");
        assert!(is_external_limited(&request("R", None)));
    }
}
