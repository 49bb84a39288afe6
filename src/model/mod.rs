//! The data the panes show and the rules about it, free of the TUI: compact
//! rows, the four list kinds, who we are, the filter, search keys and sort.

pub mod channels;
pub mod columns;
pub mod filter;
pub mod identity;
pub mod invites;
pub mod list_kind;
pub mod orgs;
pub mod requests;
pub mod rows;
pub mod search;
pub mod sort;

pub use list_kind::ListKind;
