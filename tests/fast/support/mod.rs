//! Helpers for the tests in this binary, one module per way of reaching
//! the code under test.

/// The real binary against the emulator, with private XDG folders.
pub mod cli;
/// The real emulator for the typed client's end-to-end tests.
pub mod emu;
/// The emulator called with plain HTTP (no typed client).
pub mod emulator;
/// A scriptable fake Slack on a raw socket, for answers no emulator gives.
pub mod fake;

/// A file's permission bits, read without following a link.
pub fn mode(path: &std::path::Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::symlink_metadata(path)
        .unwrap()
        .permissions()
        .mode()
        & 0o777
}
