//! What the client tells its user while it works: waits, rate limits,
//! retries, fallbacks. The UI turns these into a status line.

use std::fmt;
use std::time::Duration;

/// Why a call is held back before it is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WaitReason {
    /// Our own pacing: the method's budget for the current window is used up.
    Pacing,
    /// Slack answered 429 with `Retry-After`; the whole method waits.
    RetryAfter,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ClientEvent {
    /// A call of `method` waits `wait` before it is sent.
    Waiting {
        method: &'static str,
        wait: Duration,
        reason: WaitReason,
    },
    /// Slack answered 429 for `method`.
    RateLimited {
        method: &'static str,
        retry_after: Duration,
    },
    /// A failed call is sent again after `delay` (attempt 1 is the first retry).
    Retrying {
        method: &'static str,
        attempt: u32,
        delay: Duration,
        /// The error that caused the retry, in plain words (never the token).
        reason: String,
    },
    /// `from` was refused for this token, so the list comes from `method` instead.
    Fallback {
        from: &'static str,
        method: &'static str,
        reason: String,
    },
}

impl ClientEvent {
    pub fn method(&self) -> &'static str {
        match self {
            ClientEvent::Waiting { method, .. }
            | ClientEvent::RateLimited { method, .. }
            | ClientEvent::Retrying { method, .. }
            | ClientEvent::Fallback { method, .. } => method,
        }
    }
}

/// Seconds, rounded up, for people ("waiting 41 s").
fn secs(d: Duration) -> String {
    if d < Duration::from_secs(1) {
        format!("{} ms", d.as_millis().max(1))
    } else {
        format!("{} s", d.as_secs() + u64::from(d.subsec_nanos() > 0))
    }
}

impl fmt::Display for ClientEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ClientEvent::Waiting {
                method,
                wait,
                reason: WaitReason::Pacing,
            } => write!(
                f,
                "waiting {} for Slack's rate limit on {method}",
                secs(*wait)
            ),
            ClientEvent::Waiting {
                method,
                wait,
                reason: WaitReason::RetryAfter,
            } => write!(
                f,
                "waiting {} because Slack asked us to slow down on {method}",
                secs(*wait)
            ),
            ClientEvent::RateLimited {
                method,
                retry_after,
            } => write!(
                f,
                "Slack rate-limited {method}; retrying after {}",
                secs(*retry_after)
            ),
            ClientEvent::Retrying {
                method,
                attempt,
                delay,
                reason,
            } => write!(
                f,
                "{method} failed ({reason}); retry {attempt} in {}",
                secs(*delay)
            ),
            ClientEvent::Fallback {
                from,
                method,
                reason,
            } => write!(
                f,
                "{from} is not available to this token ({reason}); listing with {method} instead"
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_read_in_whole_seconds_rounded_up() {
        let e = ClientEvent::Waiting {
            method: "conversations.listConnectInvites",
            wait: Duration::from_millis(40_200),
            reason: WaitReason::Pacing,
        };
        assert_eq!(
            e.to_string(),
            "waiting 41 s for Slack's rate limit on conversations.listConnectInvites"
        );
        assert_eq!(secs(Duration::from_millis(250)), "250 ms");
    }
}
