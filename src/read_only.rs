//! `--read-only` (and the config's `read_only`): no write call can be made.
//!
//! Three layers refuse, so no single mistake sends one: the keys say why
//! and open no dialog (app), the CLI refuses with exit code 2 through
//! [`refuse_write`], and the client itself, once [`crate::slack::SlackClient::forbid_writes`]
//! was called, answers every write with [`crate::slack::SlackError::ReadOnly`]
//! without sending anything.

use crate::exit::UsageError;

/// Why a key or command did nothing, in the words the screen and CLI use.
pub const WHY: &str = "Read-only session (--read-only): no decision can be sent.";

/// `Err` (exit code 2) when `read_only` is set: for every CLI command that
/// would write. `what` names the write: "approve invite I0A1".
pub fn refuse_write(read_only: bool, what: &str) -> Result<(), UsageError> {
    if read_only {
        Err(UsageError::new(format!(
            "refusing to {what}: this is a read-only session (--read-only or read_only in the config); nothing was sent"
        )))
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_only_when_read_only() {
        assert!(refuse_write(false, "approve invite I1").is_ok());
        let err = refuse_write(true, "approve invite I1").unwrap_err();
        assert!(err.to_string().contains("approve invite I1"), "{err}");
        assert!(err.to_string().contains("read-only"), "{err}");
    }
}
