//! The effectful half of the TUI: the worker that performs effects, and
//! the clock.

pub mod clock;
pub mod memory;
pub mod worker;
pub mod workspaces;
