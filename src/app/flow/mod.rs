//! What happens between a key and Slack's answer: decisions, batches, the
//! undo window, outcomes, re-checks and refreshes.

pub mod actions;
pub mod applied;
pub mod bulk;
pub mod grace;
pub mod live;
pub mod live_rows;
mod merge;
pub mod outcomes;
pub mod pages;
pub mod reconcile;
pub mod refresh;
pub mod resend;
pub mod verdict;
