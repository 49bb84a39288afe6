//! The four panes' state, and the detail view of one item.

pub mod channels;
pub mod detail;
pub mod invites;
pub mod orgs;
pub mod requests;
