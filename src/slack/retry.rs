//! Which failed calls are worth sending again, and how a failure is named
//! in the log.

use super::error::SlackError;

/// What went wrong, for the log: the kind and Slack's code, never a body
/// snippet or message, which may quote names and emails.
pub(super) fn log_label(error: &SlackError) -> String {
    match error {
        SlackError::Api { code, .. } => format!("api {code}"),
        SlackError::RateLimited { .. } => "ratelimited".to_owned(),
        SlackError::Http { status, .. } => format!("http {status}"),
        SlackError::Transport { kind, .. } => format!("transport {kind:?}"),
        SlackError::Decode { .. } => "decode".to_owned(),
        SlackError::Paging { .. } => "paging".to_owned(),
        SlackError::TooLarge { .. } => "too_large".to_owned(),
        SlackError::ReadOnly { .. } => "read_only".to_owned(),
    }
}

/// Errors after which the same read may well succeed.
pub(super) fn read_may_retry(error: &SlackError) -> bool {
    match error {
        SlackError::RateLimited { .. }
        | SlackError::Transport { .. }
        | SlackError::Decode { .. } => true,
        SlackError::Http { status, .. } => *status >= 500 || *status == 408,
        SlackError::ReadOnly { .. } | SlackError::Paging { .. } | SlackError::TooLarge { .. } => {
            false
        }
        SlackError::Api { code, .. } => matches!(
            code.as_str(),
            "internal_error" | "fatal_error" | "service_unavailable" | "request_timeout"
        ),
    }
}
