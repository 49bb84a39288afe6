//! Risk signals: what about a pending invite or request deserves a second
//! look before anyone approves it, each with the evidence that raised it.
//!
//! They are worked out from data the tool already holds (the row, the Orgs
//! and Channels lists, who we are, the clock), never from another call. A
//! row's signals are one byte ([`RiskFlags`]) kept beside its sort keys and
//! computed when the row, or what it is judged against, changes: the filter
//! and the sort read that byte, so 100,000 rows cost 100 KB. The words of
//! the evidence ([`Signal`]) are worked out only for the item on screen (the
//! detail view, a confirmation).
//!
//! What each signal means, and the words the admin sees, are in
//! [`RiskKind`] (in `risk_flags`, which imports nothing else of the model,
//! so that the sort and the filter can read flags); what they are judged
//! against is [`RiskContext`].

mod checks;
mod context;
mod email;
mod lookalike;

pub use crate::model::risk_flags::{RiskFlags, RiskKind, Signal};
pub use context::RiskContext;

/// Other orgs a channel must already be shared with to count as busy.
pub const BUSY_ORGS: usize = 3;

#[cfg(test)]
mod tests;
