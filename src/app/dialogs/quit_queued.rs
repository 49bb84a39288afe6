//! Quitting while decisions wait in the undo queue: send them, or drop them.

use crate::app::dialogs::DialogStep;
use crate::keys::keymap::Action;

/// Quitting while decisions wait in the undo queue: send them, or drop them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuitQueuedDialog {
    /// Decisions still queued (a batch counts each of its decisions).
    pub queued: usize,
    /// Queue entries they are in.
    pub entries: usize,
}

impl QuitQueuedDialog {
    pub(super) fn on_action(&self, action: Option<Action>) -> DialogStep {
        match action {
            Some(Action::SendQueued) => DialogStep::SendQueuedAndQuit,
            Some(Action::DropQueued) => DialogStep::DropQueuedAndQuit,
            // Staying is the default: nothing is sent or dropped.
            _ => DialogStep::Cancelled,
        }
    }
}
