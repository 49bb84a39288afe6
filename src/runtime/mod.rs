//! The effectful half of the TUI: the worker that performs effects.

pub mod worker;
