//! Finishing what faults interrupt. A write whose answer was lost, which
//! the re-check then proved was not applied while its item still waits
//! for exactly that decision, is sent again: the next attempt of the same
//! decision (the same journal ID, `attempt` 2, then 3). The client waits
//! its backoff before each attempt and paces it to the method's tier.
//!
//! Nothing whose outcome is unknown is sent again: only a re-check's proof
//! opens the way, so a write can never be doubled.

use crate::app::{App, Effect};
use crate::decision::DecisionId;
use crate::decision::grace::QueuedWrite;

pub use crate::decision::send::MAX_ATTEMPTS;

/// Whether a write a re-check proved unapplied is sent again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resend {
    /// Not a case for it: applied, moved on, unclear, or an earlier
    /// session's decision (no one here confirmed it).
    No,
    /// Sent again as this attempt.
    Yes { attempt: u32 },
    /// Every attempt was made.
    Exhausted,
    /// Not now, for this reason.
    Held(&'static str),
}

impl Resend {
    /// `reason` with what this adds, as the journal and the messages say it.
    pub fn explain(self, reason: &str) -> String {
        match self.words() {
            Some(words) => format!("{reason}; {words}"),
            None => reason.to_owned(),
        }
    }

    /// What the journal's reason and the row's message add.
    fn words(self) -> Option<String> {
        match self {
            Resend::No => None,
            Resend::Yes { attempt } => {
                Some(format!("sent again as attempt {attempt} of {MAX_ATTEMPTS}"))
            }
            Resend::Exhausted => Some(format!(
                "not sent again: all {MAX_ATTEMPTS} attempts were made"
            )),
            Resend::Held(why) => Some(format!("not sent again: {why}")),
        }
    }
}

/// Whether `write`, proved unapplied with its item still waiting, goes again.
pub fn plan(app: &App, write: &QueuedWrite) -> Resend {
    if write.record.attempt >= MAX_ATTEMPTS {
        return Resend::Exhausted;
    }
    if app.read_only {
        return Resend::Held("this session is read-only now");
    }
    // Checked here, before the journal says it goes again: `send_again`
    // then cannot be refused.
    if app
        .decisions
        .in_flight_for(write.kind.pane(), &write.item_id)
        .is_some()
    {
        return Resend::Held("another decision on it is in flight");
    }
    if app
        .batch
        .as_ref()
        .is_some_and(|b| b.stopped && b.is_rechecking(&write.item_id))
    {
        return Resend::Held("its batch was stopped (x)");
    }
    Resend::Yes {
        attempt: write.record.attempt + 1,
    }
}

/// Begin the next attempt of `write` and send it; `None` if another
/// decision on the item is in flight (then that one speaks for it).
pub fn send_again(app: &mut App, write: QueuedWrite) -> Option<(DecisionId, Effect)> {
    let id = app
        .decisions
        .begin(
            write.kind.clone(),
            &write.item_id,
            write.summary.clone(),
            app.now,
        )
        .ok()?;
    let again = QueuedWrite {
        decision: id,
        record: write.record.next_attempt(app.now),
        ..write
    };
    Some((id, Effect::send(&mut app.grace, again)))
}
