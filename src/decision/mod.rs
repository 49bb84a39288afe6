//! One decision, the same for the TUI and the CLI: what it is (one
//! encoding, [`DecisionKind`], whose `call()` is the write), the words that
//! confirm it ([`plan`]), its `queued` journal record ([`record`]) and how
//! it is sent ([`send`]).

pub mod grace;
mod kind;
pub mod plan;
pub mod plan_permission;
pub mod plan_request;
pub mod record;
pub mod send;

pub use kind::{DecisionId, DecisionKind};
