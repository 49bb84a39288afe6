//! Bookkeeping of decisions: which are in flight, and how the last one on
//! each item ended. One item can have at most one decision in flight, which
//! is what makes a double send impossible from the keyboard.

use std::collections::{BTreeMap, HashMap};

use crate::app::{App, Effect};
use crate::decision::grace::QueuedWrite;
use crate::decision::{DecisionId, DecisionKind};
use crate::journal::Outcome as JournalOutcome;
use crate::model::ListKind;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub id: DecisionId,
    pub kind: DecisionKind,
    pub item_id: String,
    /// What the admin decided on, in words: "invite I0A to #ops from Acme".
    pub summary: String,
    pub started_at: i64,
}

/// How the last decision on an item ended, shown on its row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Done(DecisionKind),
    /// Slack refused; `code` is Slack's error code (or a transport word).
    Failed {
        kind: DecisionKind,
        code: String,
    },
    /// No answer we can trust: it may or may not have been applied.
    Unknown(DecisionKind),
    /// Someone else decided it first (or it expired): Slack's `code` says
    /// so. Not a failure; the item left the list.
    Elsewhere {
        kind: DecisionKind,
        code: String,
    },
}

/// See [`Decisions::blocked`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Blocked<'a> {
    InFlight(&'a Decision),
    Unknown(&'a DecisionKind),
}

impl Blocked<'_> {
    /// Why, in a few words, for a batch's list of skipped items.
    pub fn short(&self) -> &'static str {
        match self {
            Blocked::InFlight(_) => "already being decided",
            Blocked::Unknown(_) => "its last decision has no reliable answer yet: re-checking",
        }
    }
}

#[derive(Debug, Default)]
pub struct Decisions {
    next: u64,
    in_flight: BTreeMap<DecisionId, Decision>,
    outcomes: HashMap<(ListKind, String), Outcome>,
    /// The decision that finished last, and how.
    last: Option<(Decision, Outcome)>,
}

impl Decisions {
    pub fn is_idle(&self) -> bool {
        self.in_flight.is_empty()
    }

    pub fn in_flight_count(&self) -> usize {
        self.in_flight.len()
    }

    pub fn in_flight(&self) -> impl Iterator<Item = &Decision> {
        self.in_flight.values()
    }

    /// The decision in flight on this item, if any.
    pub fn in_flight_for(&self, pane: ListKind, item_id: &str) -> Option<&Decision> {
        self.in_flight
            .values()
            .find(|d| d.kind.pane() == pane && d.item_id == item_id)
    }

    /// Start a decision, unless one is already in flight on the same item.
    pub fn begin(
        &mut self,
        kind: DecisionKind,
        item_id: &str,
        summary: String,
        now: i64,
    ) -> Result<DecisionId, Decision> {
        if let Some(existing) = self.in_flight_for(kind.pane(), item_id) {
            return Err(existing.clone());
        }
        self.next += 1;
        let id = DecisionId(self.next);
        self.outcomes.remove(&(kind.pane(), item_id.to_owned()));
        self.in_flight.insert(
            id,
            Decision {
                id,
                kind,
                item_id: item_id.to_owned(),
                summary,
                started_at: now,
            },
        );
        Ok(id)
    }

    /// Take a decision out of flight when Slack answered.
    pub fn finish(
        &mut self,
        id: DecisionId,
        outcome: impl FnOnce(&Decision) -> Outcome,
    ) -> Option<Decision> {
        let decision = self.in_flight.remove(&id)?;
        let outcome = outcome(&decision);
        self.outcomes.insert(
            (decision.kind.pane(), decision.item_id.clone()),
            outcome.clone(),
        );
        self.last = Some((decision.clone(), outcome));
        Some(decision)
    }

    /// Take a decision out of flight with no outcome: it was never sent
    /// (taken back in the undo window, or dropped).
    pub fn cancel(&mut self, id: DecisionId) -> Option<Decision> {
        self.in_flight.remove(&id)
    }

    /// Show how a decision ended when that was learned later (re-checked).
    pub fn set_outcome(&mut self, pane: ListKind, item_id: &str, outcome: Outcome) {
        self.outcomes.insert((pane, item_id.to_owned()), outcome);
    }

    /// The decision that finished last, and how it ended.
    /// Why a new decision on this item must wait, if it must: one is in
    /// flight (queued or sent), or the last one's outcome is unknown until a
    /// re-check settles it. A second decision on such an item is exactly
    /// how a write would be doubled (approve then decline, two disconnects).
    pub fn blocked(&self, pane: ListKind, item_id: &str) -> Option<Blocked<'_>> {
        if let Some(decision) = self.in_flight_for(pane, item_id) {
            return Some(Blocked::InFlight(decision));
        }
        match self.outcome(pane, item_id) {
            Some(Outcome::Unknown(kind)) => Some(Blocked::Unknown(kind)),
            _ => None,
        }
    }

    pub fn last_finished(&self) -> Option<&(Decision, Outcome)> {
        self.last.as_ref()
    }

    pub fn outcome(&self, pane: ListKind, item_id: &str) -> Option<&Outcome> {
        self.outcomes.get(&(pane, item_id.to_owned()))
    }
}

/// End decisions that will never be sent: out of flight, and journaled so.
pub fn never_sent(
    app: &mut App,
    writes: Vec<QueuedWrite>,
    outcome: JournalOutcome,
    why: &str,
) -> Vec<Effect> {
    if writes.is_empty() {
        return Vec::new();
    }
    let records = writes
        .iter()
        .map(|w| {
            app.decisions.cancel(w.decision);
            w.record
                .ended(outcome.clone(), Some(why.to_owned()), app.now)
        })
        .collect();
    vec![Effect::Journal(records)]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn deny() -> DecisionKind {
        DecisionKind::DenyRequest { message: None }
    }

    #[test]
    fn one_item_cannot_have_two_decisions_in_flight() {
        let mut decisions = Decisions::default();
        let first = decisions.begin(deny(), "I1", "x".into(), 0).unwrap();
        let approve = DecisionKind::ApproveRequest {
            is_external_limited: None,
            message: None,
            channel_id: None,
            replace_message: false,
        };
        let second = decisions.begin(approve, "I1", "x".into(), 0);
        assert_eq!(second.unwrap_err().id, first);
        // Another item, or the same ID in another pane, is independent.
        assert!(decisions.begin(deny(), "I2", "x".into(), 0).is_ok());
        assert!(
            decisions
                .begin(
                    DecisionKind::ApproveInvite { target_team: None },
                    "I1",
                    "x".into(),
                    0
                )
                .is_ok()
        );
        decisions.finish(first, |d| Outcome::Done(d.kind.clone()));
        assert!(decisions.in_flight_for(ListKind::Requests, "I1").is_none());
        assert_eq!(
            decisions.outcome(ListKind::Requests, "I1"),
            Some(&Outcome::Done(deny()))
        );
        assert!(
            decisions
                .finish(first, |d| Outcome::Done(d.kind.clone()))
                .is_none()
        );
    }
}
