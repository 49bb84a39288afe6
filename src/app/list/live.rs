//! Rows changed by a live event (Socket Mode) rather than a load: added or
//! changed in place, and tagged `new` or `changed` for a few seconds, in
//! words as well as colour.

use std::sync::Arc;

use crate::app::list::{KeysFn, ListData};
use crate::model::rows::Row;

/// Seconds a live tag stays on its row.
pub const LIVE_TAG_SECS: i64 = 8;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LiveTag {
    New,
    Changed,
}

impl LiveTag {
    pub fn word(self) -> &'static str {
        match self {
            LiveTag::New => "new",
            LiveTag::Changed => "changed",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LiveMark {
    pub tag: LiveTag,
    /// The tag goes at this second (app clock).
    pub until: i64,
}

impl<T: Row> ListData<T> {
    /// Add `row`, or replace the row with its ID, tagging it; the selection
    /// stays on the row it was on.
    pub fn upsert_live(&mut self, row: T, now: i64, keys: KeysFn<'_, T>) -> LiveTag {
        let tag = if self.index.contains(row.id(), &self.items[..]) {
            LiveTag::Changed
        } else {
            LiveTag::New
        };
        let id: Arc<str> = Arc::from(row.id());
        let anchor = self.anchor();
        let placed = self.merge(vec![row], keys, true);
        self.place(placed);
        self.restore(anchor);
        // The live tag says it; the refresh's "+ new" count is for loads.
        self.fresh.remove(&id);
        self.live.insert(
            id,
            LiveMark {
                tag,
                until: now + LIVE_TAG_SECS,
            },
        );
        tag
    }

    /// Change a row in place and tag it changed; false when it is not listed.
    pub fn change_live(
        &mut self,
        id: &str,
        now: i64,
        change: impl FnOnce(&mut T),
        keys: KeysFn<'_, T>,
    ) -> bool {
        let Some(index) = self.position(id) else {
            return false;
        };
        let id: Arc<str> = Arc::from(self.items[index].id());
        self.update_row(&id, change, keys);
        self.live.insert(
            id,
            LiveMark {
                tag: LiveTag::Changed,
                until: now + LIVE_TAG_SECS,
            },
        );
        true
    }

    /// Drop the tags whose moment has passed.
    pub fn expire_live(&mut self, now: i64) {
        self.live.retain(|_, mark| mark.until > now);
    }

    pub fn live_tag(&self, id: &str) -> Option<LiveTag> {
        self.live.get(id).map(|mark| mark.tag)
    }
}
