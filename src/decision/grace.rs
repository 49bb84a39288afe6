//! The undo queue as data: confirmed decisions wait here, one entry per
//! confirmation (a batch is one entry), until their window ends or they
//! are taken back. What the app does with an entry is in `app::flow::grace`.

use std::collections::HashMap;

use crate::decision::{DecisionId, DecisionKind};
use crate::journal::JournalRecord;

/// One decision waiting in the queue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueuedWrite {
    pub decision: DecisionId,
    pub kind: DecisionKind,
    pub item_id: String,
    pub summary: String,
    /// Our workspace the item is in, with an org-wide token (sent as `team_id`).
    pub workspace: Option<String>,
    /// Its `queued` journal record; `sent` and the outcome derive from it.
    pub record: JournalRecord,
}

/// One entry of the queue: sent or taken back as a whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub id: u64,
    pub writes: Vec<QueuedWrite>,
    /// "approve invite I0A to #ops from Acme", or "approve 12 invites".
    pub label: String,
    /// When it is sent (milliseconds, app clock).
    pub due_ms: i64,
    /// A batch on marked rows: when due it runs a few calls at a time.
    pub batch: bool,
}

/// The undo queue: entries waiting out their window, oldest first.
#[derive(Debug, Default)]
pub struct GraceQueue {
    /// Oldest first.
    entries: Vec<Entry>,
    next: u64,
    /// Decisions sent and not answered yet: the re-check of an unknown
    /// outcome starts from their records, and a write it proves was not
    /// applied is sent again from them.
    sent: HashMap<DecisionId, QueuedWrite>,
}

impl GraceQueue {
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Whether a batch waits in the queue.
    pub fn has_batch(&self) -> bool {
        self.entries.iter().any(|e| e.batch)
    }

    /// Oldest first.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Decisions waiting, over all entries.
    pub fn decision_count(&self) -> usize {
        self.entries.iter().map(|e| e.writes.len()).sum()
    }

    /// Whole seconds (rounded up) before the decision is sent, while queued.
    pub fn seconds_left(&self, decision: DecisionId, now_ms: i64) -> Option<i64> {
        self.entries
            .iter()
            .find(|e| e.writes.iter().any(|w| w.decision == decision))
            .map(|e| seconds_until(e.due_ms, now_ms))
    }

    /// The earliest time an entry is due, for the loop's timer.
    pub fn next_due_ms(&self) -> Option<i64> {
        self.entries.iter().map(|e| e.due_ms).min()
    }

    /// A sent decision (with the record it was journaled with), once its answer came.
    pub fn take_sent(&mut self, decision: DecisionId) -> Option<QueuedWrite> {
        self.sent.remove(&decision)
    }

    /// The newest entry still waiting.
    pub fn newest(&self) -> Option<&Entry> {
        self.entries.last()
    }

    /// A new entry, not in the queue yet: [`GraceQueue::push`] it, or send
    /// it at once when there is no window.
    pub fn new_entry(
        &mut self,
        writes: Vec<QueuedWrite>,
        label: String,
        due_ms: i64,
        batch: bool,
    ) -> Entry {
        self.next += 1;
        Entry {
            id: self.next,
            writes,
            label,
            due_ms,
            batch,
        }
    }

    pub fn push(&mut self, entry: Entry) {
        self.entries.push(entry);
    }

    /// Take out one entry.
    pub fn take(&mut self, entry_id: u64) -> Option<Entry> {
        let pos = self.entries.iter().position(|e| e.id == entry_id)?;
        Some(self.entries.remove(pos))
    }

    /// Take out every entry whose window has passed.
    pub fn take_due(&mut self, now_ms: i64) -> Vec<Entry> {
        let (due, waiting) = std::mem::take(&mut self.entries)
            .into_iter()
            .partition(|e| e.due_ms <= now_ms);
        self.entries = waiting;
        due
    }

    /// Take the write queued for `item_id` of `pane` out of its entry (an
    /// entry left empty goes): it was decided elsewhere before it was sent.
    pub fn take_item(
        &mut self,
        pane: crate::model::ListKind,
        item_id: &str,
    ) -> Option<QueuedWrite> {
        let (entry, write) = self.entries.iter().enumerate().find_map(|(e, entry)| {
            let w = entry
                .writes
                .iter()
                .position(|w| w.item_id == item_id && w.kind.pane() == pane)?;
            Some((e, w))
        })?;
        let taken = self.entries[entry].writes.remove(write);
        if self.entries[entry].writes.is_empty() {
            self.entries.remove(entry);
        }
        Some(taken)
    }

    /// Take out every entry.
    pub fn take_all(&mut self) -> Vec<Entry> {
        std::mem::take(&mut self.entries)
    }

    /// `write` leaves the queue for Slack: keep its record until the answer.
    pub fn sending(&mut self, write: &QueuedWrite) {
        self.sent.insert(write.decision, write.clone());
    }
}

/// Whole seconds from `now_ms` to `due_ms`, rounded up.
pub fn seconds_until(due_ms: i64, now_ms: i64) -> i64 {
    ((due_ms - now_ms).max(0) + 999) / 1000
}
