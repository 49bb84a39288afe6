//! Channels with the sort orders admin.conversations.search pages through.
//! What makes a channel (stop being) Slack Connect is in `sharing`.

use std::collections::{BTreeMap, BTreeSet, HashSet};

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

    /// `insert` for each in turn (a taken id is skipped), at once: into an
    /// empty set the maps are built from sorted items, so their nodes are
    /// full rather than two-thirds full.
    pub fn extend(&mut self, channels: Vec<SharedChannel>) {
        if !self.by_id.is_empty() {
            channels.into_iter().for_each(|ch| self.insert(ch));
            return;
        }
        let mut seen = HashSet::new();
        let kept: Vec<SharedChannel> = channels
            .into_iter()
            .filter(|ch| seen.insert(ch.id.clone()))
            .collect();
        drop(seen);
        let keyed = |key: fn(&SharedChannel) -> i64| {
            kept.iter()
                .map(|ch| (key(ch), ch.id.clone()))
                .collect::<BTreeSet<_>>()
        };
        self.by_members = keyed(|ch| ch.members().unwrap_or(0));
        self.by_created = keyed(|ch| ch.created.unwrap_or(0));
        self.by_name = kept
            .iter()
            .map(|ch| (ch.name.clone().unwrap_or_default(), ch.id.clone()))
            .collect();
        // Moved, not copied: twenty thousand channels are megabytes.
        self.by_id = kept.into_iter().map(|ch| (ch.id.clone(), ch)).collect();
    }

    pub fn get(&self, id: &str) -> Option<&SharedChannel> {
        self.by_id.get(id)
    }
}
