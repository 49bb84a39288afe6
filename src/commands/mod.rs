//! One module per subcommand of DESIGN.md §2.

pub mod completions;
pub mod decide;
pub mod emulator;
pub mod list;
pub mod log;
pub mod session;
pub mod tui;
