//! The data the panes show and the rules about it, free of the TUI: compact
//! rows, the four list kinds, who we are, the filter, search keys, sort
//! and risk signals.

pub mod channels;
pub mod columns;
pub mod filter;
pub mod identity;
pub mod invites;
pub mod list_kind;
pub mod orgs;
pub mod requests;
pub mod risk;
pub mod risk_flags;
pub mod rows;
pub mod search;
mod search_pieces;
pub mod sort;
pub mod stored_keys;
pub mod text_index;
pub mod wire_fields;

pub use list_kind::ListKind;
