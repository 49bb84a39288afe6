//! What `update` asks the outside world to do, as data. The worker performs
//! them; tests just look at them.

use crate::decision::DecisionId;
use crate::decision::grace::{GraceQueue, QueuedWrite};
use crate::journal::JournalRecord;
use crate::model::ListKind;
use crate::slack::WriteCall;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    AuthTest,
    /// Fetch a whole list; pages come back one by one as `Msg::PageLoaded`.
    Load(ListKind),
    /// Read a list saved by an earlier session (answers `Msg::CacheLoaded`).
    ReadCache(ListKind),
    /// Save a list that finished loading, for the next start.
    SaveCache(Box<crate::cache::Snapshot>),
    Quit,
    /// Append these records to the journal, fsync'd, before any effect
    /// that follows is performed.
    Journal(Vec<JournalRecord>),
    /// Send one decision: journal `sent` (fsync'd), make the `call`,
    /// journal the outcome, then answer with the decision's ID. The only
    /// way a write leaves the app.
    Send {
        decision: DecisionId,
        /// The decision's `queued` record; the later ones derive from it.
        record: Box<JournalRecord>,
        call: WriteCall,
    },
    /// Learn requests' statuses (pending, approved, denied), to re-check
    /// decisions whose outcome is unknown.
    CheckRequests,
    /// Read the journal for the `L` view.
    ReadJournal,
    /// Ask Slack whether an address is someone discoverable on Slack
    /// (`users.discoverableContacts.lookup`); answers `Msg::ContactLooked`.
    LookupContact(String),
}

impl Effect {
    /// Send `write` now; the queue keeps its record until Slack answers.
    pub fn send(grace: &mut GraceQueue, write: QueuedWrite) -> Effect {
        grace.sending(&write);
        Effect::Send {
            decision: write.decision,
            call: crate::decision::plan::write_call(
                &write.kind,
                &write.item_id,
                write.workspace.as_deref(),
            ),
            record: Box::new(write.record),
        }
    }

    /// The decision a write belongs to; `None` for everything else.
    pub fn decision(&self) -> Option<DecisionId> {
        match self {
            Effect::Send { decision, .. } => Some(*decision),
            _ => None,
        }
    }
}
