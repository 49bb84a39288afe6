//! The real binary in a pseudo-terminal: what reaches the terminal, how
//! each way out leaves it, and the questions asked on it. Apart from the
//! other tests because each one spawns the binary and waits on its screen.

#![cfg(unix)]

#[path = "../common/mod.rs"]
mod common;
mod support;

mod fit_pty;
mod input_pty;
mod safety_exits;
mod safety_hostile_pty;
