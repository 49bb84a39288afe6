//! What `update` asks the outside world to do, as data. The worker performs
//! them; tests just look at them.

use super::decisions::DecisionId;
use crate::journal::JournalRecord;
use crate::model::ListKind;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    AuthTest,
    /// Fetch a whole list; pages come back one by one as `Msg::PageLoaded`.
    Load(ListKind),
    ApproveInvite {
        decision: DecisionId,
        invite_id: String,
        /// The accepting team, when we are the inviting side.
        target_team: Option<String>,
    },
    DeclineInvite {
        decision: DecisionId,
        invite_id: String,
        target_team: Option<String>,
    },
    ApproveRequest {
        decision: DecisionId,
        invite_id: String,
        /// `Some` only when the admin changed the requested permission.
        is_external_limited: Option<bool>,
        /// Added to the requester's message (never replaces it).
        message: Option<String>,
    },
    DenyRequest {
        decision: DecisionId,
        invite_id: String,
        message: Option<String>,
    },
    DisconnectChannel {
        decision: DecisionId,
        channel_id: String,
        leaving_team: Option<String>,
    },
    DisconnectOrg {
        decision: DecisionId,
        team_id: String,
    },
    /// Read a list saved by an earlier session (answers `Msg::CacheLoaded`).
    ReadCache(ListKind),
    /// Save a list that finished loading, for the next start.
    SaveCache(Box<crate::cache::Snapshot>),
    Quit,
    /// Append these records to the journal, fsync'd, before any effect
    /// that follows is performed.
    Journal(Vec<JournalRecord>),
    /// Send one decision: journal `sent` (fsync'd), make the `call` (one
    /// of the write effects above), journal the outcome, then answer.
    Send {
        /// The decision's `queued` record; the later ones derive from it.
        record: Box<JournalRecord>,
        call: Box<Effect>,
    },
    /// Learn requests' statuses (pending, approved, denied), to re-check
    /// decisions whose outcome is unknown.
    CheckRequests,
    /// Read the journal for the `L` view.
    ReadJournal,
}

impl Effect {
    /// The decision a write belongs to; `None` for reads and quit.
    pub fn decision(&self) -> Option<DecisionId> {
        match self {
            Effect::ApproveInvite { decision, .. }
            | Effect::DeclineInvite { decision, .. }
            | Effect::ApproveRequest { decision, .. }
            | Effect::DenyRequest { decision, .. }
            | Effect::DisconnectChannel { decision, .. }
            | Effect::DisconnectOrg { decision, .. } => Some(*decision),
            Effect::Send { call, .. } => call.decision(),
            Effect::AuthTest
            | Effect::Load(_)
            | Effect::ReadCache(_)
            | Effect::SaveCache(_)
            | Effect::Quit
            | Effect::Journal(_)
            | Effect::CheckRequests
            | Effect::ReadJournal => None,
        }
    }
}
