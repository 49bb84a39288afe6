//! Exit codes of DESIGN.md §2: 0 ok, 1 Slack or network error, 2 usage error.

use std::process::ExitCode;

use thiserror::Error;

/// A mistake in how the tool was called (bad flag value, refused token file,
/// plain http to a remote host, ...): exit code 2.
#[derive(Debug, Error)]
#[error("{0}")]
pub struct UsageError(pub String);

impl UsageError {
    pub fn new(message: impl Into<String>) -> Self {
        UsageError(message.into())
    }
}

/// Map a command's error to its exit code.
pub fn exit_code_for(error: &anyhow::Error) -> ExitCode {
    if error.downcast_ref::<UsageError>().is_some() {
        ExitCode::from(2)
    } else {
        ExitCode::from(1)
    }
}
