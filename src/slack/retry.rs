//! Which failed calls are worth sending again, and how a failure is named
//! in the log.

use std::time::Duration;

use rand::Rng as _;

use super::error::SlackError;
use super::options::Tuning;

/// Exponential backoff with jitter, so many clients hit by one outage do
/// not come back in lockstep: a random delay in [d/2, d], d = base·2^(n-1).
pub(super) fn backoff(tuning: &Tuning, attempt: u32) -> Duration {
    let full = tuning
        .backoff_base
        .saturating_mul(1u32 << (attempt.saturating_sub(1)).min(16))
        .min(tuning.backoff_max);
    let half = full / 2;
    half + half.mul_f64(rand::rng().random::<f64>())
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_with_jitter_and_is_capped() {
        let tuning = Tuning {
            rate_window: Duration::from_secs(1),
            backoff_base: Duration::from_millis(100),
            backoff_max: Duration::from_millis(1_000),
            ..Tuning::default()
        };
        for _ in 0..50 {
            let first = backoff(&tuning, 1);
            assert!((Duration::from_millis(50)..=Duration::from_millis(100)).contains(&first));
            let third = backoff(&tuning, 3);
            assert!((Duration::from_millis(200)..=Duration::from_millis(400)).contains(&third));
            let capped = backoff(&tuning, 30);
            assert!((Duration::from_millis(500)..=Duration::from_millis(1_000)).contains(&capped));
        }
    }

    #[test]
    fn which_read_errors_are_retried() {
        let m = "auth.test";
        assert!(read_may_retry(&SlackError::Http {
            method: m,
            status: 503
        }));
        assert!(!read_may_retry(&SlackError::Http {
            method: m,
            status: 404
        }));
        assert!(!read_may_retry(&SlackError::Api {
            method: m,
            code: "invalid_auth".into(),
            detail: Default::default()
        }));
    }
}
