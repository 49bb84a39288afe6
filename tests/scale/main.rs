//! The scale stream's screens and loops: filter, sort, marks and batches
//! over generated data, and the start-up cache.

#[path = "../common/mod.rs"]
mod common;
#[path = "../common/offline.rs"]
mod offline;
#[path = "../common/session.rs"]
mod session;

mod tui_scale_batch;
mod tui_scale_cache;
mod tui_scale_snapshots;
