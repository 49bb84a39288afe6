//! What a key can ask for, and the one table of keys (remappable from the
//! config file).

pub mod action;
pub mod keymap;
pub mod keyspec;
