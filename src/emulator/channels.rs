//! Channels with the sort orders admin.conversations.search pages through.
//! What makes a channel (stop being) Slack Connect is in `sharing`.

use std::collections::{BTreeMap, BTreeSet};

use crate::slack::models::SharedChannel;

/// Channels by id, plus one index per sort order. The sort fields (member
/// count, creation time, name) never change here, so the indexes only grow.
#[derive(Default)]
pub(crate) struct Channels {
    pub by_id: BTreeMap<String, SharedChannel>,
    pub by_members: BTreeSet<(i64, String)>,
    pub by_created: BTreeSet<(i64, String)>,
    pub by_name: BTreeSet<(String, String)>,
}

impl Channels {
    pub fn insert(&mut self, ch: SharedChannel) {
        if self.by_id.contains_key(&ch.id) {
            return;
        }
        self.by_members
            .insert((ch.members().unwrap_or(0), ch.id.clone()));
        self.by_created
            .insert((ch.created.unwrap_or(0), ch.id.clone()));
        self.by_name
            .insert((ch.name.clone().unwrap_or_default(), ch.id.clone()));
        self.by_id.insert(ch.id.clone(), ch);
    }

    pub fn get(&self, id: &str) -> Option<&SharedChannel> {
        self.by_id.get(id)
    }
}
