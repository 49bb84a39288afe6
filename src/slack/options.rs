//! How a client is set up ([`ClientOptions`], [`Tuning`]) and what it reports ([`ClientStats`]).

use std::collections::BTreeMap;
use std::time::Duration;

/// How the client behaves towards Slack.
#[derive(Debug, Clone, PartialEq)]
pub struct ClientOptions {
    /// Longest wait for one answer. Shorter than Slack's own 30 s upstream
    /// limit would cut off slow but valid answers; longer leaves the user waiting.
    pub timeout: Duration,
    /// Pace calls to each method's tier budget before Slack answers 429.
    /// Off only against a server without limits (benchmarks).
    pub pace: bool,
    /// How often a failed read is sent again (429, 5xx, network, bad JSON).
    /// Writes are bounded by the same number but retried only when Slack
    /// certainly did not apply them.
    pub read_retries: u32,
    /// The largest answer read. Slack's largest list page is a few MB; an
    /// answer past this is not read at all, so a broken server cannot
    /// make the client hold gigabytes.
    pub max_answer_bytes: usize,
}

/// [`ClientOptions::max_answer_bytes`] by default: 64 MiB.
pub const MAX_ANSWER_BYTES: usize = 64 << 20;

impl Default for ClientOptions {
    fn default() -> Self {
        ClientOptions {
            timeout: Duration::from_secs(30),
            pace: true,
            read_retries: 5,
            max_answer_bytes: MAX_ANSWER_BYTES,
        }
    }
}

/// Knobs for tests and benchmarks; the defaults are right for Slack.
#[derive(Debug, Clone, PartialEq)]
pub struct Tuning {
    /// Length of a rate-limit window (Slack: one minute).
    pub rate_window: Duration,
    /// First retry delay; doubled per attempt, with jitter.
    pub backoff_base: Duration,
    /// Longest retry delay.
    pub backoff_max: Duration,
    /// The longest `Retry-After` waited out. Slack asks for seconds, a
    /// minute at most in practice; a server that asks for hours is not
    /// waited for: the call fails at once, saying how long was asked.
    pub retry_after_max: Duration,
}

/// [`Tuning::retry_after_max`] against Slack: five minutes.
pub const MAX_RETRY_AFTER: Duration = Duration::from_secs(300);

impl Default for Tuning {
    fn default() -> Self {
        Tuning {
            rate_window: Duration::from_secs(60),
            backoff_base: Duration::from_millis(500),
            backoff_max: Duration::from_secs(30),
            retry_after_max: MAX_RETRY_AFTER,
        }
    }
}

impl Tuning {
    /// Matches an emulator run with `--rate-limits scaled:N`: the same budgets
    /// in a window `n` times shorter, and retry delays shortened alike.
    pub fn scaled(n: u32) -> Self {
        let n = n.max(1);
        let d = Tuning::default();
        Tuning {
            rate_window: d.rate_window / n,
            backoff_base: d.backoff_base / n,
            backoff_max: d.backoff_max / n,
            // Retry-After is whole seconds, so a scaled emulator still asks
            // for one at least: the ceiling never drops below a few.
            retry_after_max: (d.retry_after_max / n).max(Duration::from_secs(5)),
        }
    }
}

/// What the client has done so far.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ClientStats {
    /// Requests sent, per method (every attempt counts).
    pub requests: BTreeMap<&'static str, u64>,
    /// HTTP 429 answers seen.
    pub rate_limited: u64,
    /// Calls sent again after a failure.
    pub retries: u64,
    /// Time spent waiting for the limiter, summed over calls.
    pub waited: Duration,
}

impl ClientStats {
    pub fn requests_for(&self, method: &str) -> u64 {
        self.requests.get(method).copied().unwrap_or(0)
    }

    pub fn total_requests(&self) -> u64 {
        self.requests.values().sum()
    }
}
