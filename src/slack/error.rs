//! One typed error for every way a Slack call can fail.

use std::time::Duration;

use thiserror::Error;

/// What went wrong in a transport-level failure; decides whether a write may be retried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TransportKind {
    /// The connection was refused or could not be opened: nothing was sent.
    Connect,
    /// No answer in time: the request may or may not have been applied.
    Timeout,
    /// The connection broke after the request went out.
    Reset,
    Other,
}

/// The extra fields of Slack's error envelope.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ApiErrorDetail {
    /// `needed` of `missing_scope`.
    pub needed: Option<String>,
    /// `provided` of `missing_scope`.
    pub provided: Option<String>,
    /// `arg` of `missing_argument`.
    pub arg: Option<String>,
    /// `response_metadata.messages`.
    pub messages: Vec<String>,
}

#[derive(Debug, Clone, Error, PartialEq)]
pub enum SlackError {
    /// Slack answered `ok: false`.
    #[error("{method}: {code}{}", describe_detail(.detail))]
    Api {
        method: &'static str,
        code: String,
        detail: ApiErrorDetail,
    },
    /// HTTP 429; `retry_after` from the `Retry-After` header (or, when the
    /// method is still blocked by an earlier one, the time left of it).
    #[error("{method}: rate limited; Slack asked to wait {}{}", wait_words(*.retry_after),
            beyond_ceiling(*.retry_after))]
    RateLimited {
        method: &'static str,
        retry_after: Duration,
    },
    /// Any HTTP status other than 200 and 429.
    #[error("{method}: HTTP status {status}")]
    Http { method: &'static str, status: u16 },
    #[error("{method}: network error ({kind:?}): {message}")]
    Transport {
        method: &'static str,
        kind: TransportKind,
        message: String,
    },
    /// Refused here, never sent: the session is read-only (`--read-only`).
    #[error("{method}: not sent, this is a read-only session (--read-only)")]
    ReadOnly { method: &'static str },
    /// A listing that would never end (a cursor given twice, empty pages
    /// without end), stopped here.
    #[error("{method}: the listing was stopped: {problem}")]
    Paging {
        method: &'static str,
        problem: String,
    },
    /// An answer larger than the client reads (`limit` bytes); not read.
    #[error("{method}: Slack's answer is larger than {} MB, far more than any page of Slack's; it was not read", .limit >> 20)]
    TooLarge { method: &'static str, limit: usize },
    /// The body was not the JSON we expected; `snippet` is a short, sanitized start of it.
    #[error("{method}: could not read Slack's answer ({message}); it began: {snippet}")]
    Decode {
        method: &'static str,
        message: String,
        snippet: String,
    },
}

fn describe_detail(detail: &ApiErrorDetail) -> String {
    let mut out = String::new();
    if let Some(needed) = &detail.needed {
        out.push_str(&format!(" (needs scope {needed})"));
    }
    if let Some(arg) = &detail.arg {
        out.push_str(&format!(" (argument {arg})"));
    }
    if let Some(first) = detail.messages.first() {
        out.push_str(&format!(": {first}"));
    }
    out
}

impl SlackError {
    pub fn method(&self) -> &'static str {
        match self {
            SlackError::Api { method, .. }
            | SlackError::RateLimited { method, .. }
            | SlackError::Http { method, .. }
            | SlackError::Transport { method, .. }
            | SlackError::ReadOnly { method }
            | SlackError::Paging { method, .. }
            | SlackError::TooLarge { method, .. }
            | SlackError::Decode { method, .. } => method,
        }
    }

    /// Slack's error code, when Slack gave one.
    pub fn code(&self) -> Option<&str> {
        match self {
            SlackError::Api { code, .. } => Some(code),
            SlackError::RateLimited { .. } => Some("ratelimited"),
            SlackError::ReadOnly { .. } => Some("read_only"),
            _ => None,
        }
    }

    /// True when Slack certainly did not apply the call, so a write may be sent again.
    pub fn certainly_not_applied(&self) -> bool {
        matches!(
            self,
            SlackError::RateLimited { .. }
                | SlackError::ReadOnly { .. }
                | SlackError::Transport {
                    kind: TransportKind::Connect,
                    ..
                }
        )
    }

    /// True when the outcome of a write cannot be known from this error.
    pub fn outcome_unknown(&self) -> bool {
        match self {
            SlackError::Transport { kind, .. } => *kind != TransportKind::Connect,
            SlackError::Http { status, .. } => *status >= 500,
            SlackError::Decode { .. } | SlackError::TooLarge { .. } => true,
            _ => false,
        }
    }
}

/// How long Slack asked to wait: `41 s`, or `27h 46m (100000 s)` when long.
fn wait_words(wait: Duration) -> String {
    let secs = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
    if secs < 120 {
        format!("{secs} s")
    } else {
        let secs = i64::try_from(secs).unwrap_or(i64::MAX);
        format!("{} ({secs} s)", crate::text::time::long(secs))
    }
}

/// Why a wait Slack asked for was not waited out.
fn beyond_ceiling(wait: Duration) -> String {
    let ceiling = super::options::MAX_RETRY_AFTER;
    if wait <= ceiling {
        return String::new();
    }
    format!(
        ", longer than the {} connect-triage waits for, so it stopped instead",
        crate::text::time::long(ceiling.as_secs() as i64)
    )
}
