//! [`SlackClient`]: one call = pace, send, decode, and retry when that is safe.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rand::Rng;
use serde::de::DeserializeOwned;
use tokio::sync::broadcast;
use tokio::time::Instant;

use super::envelope::{self, decode_redacted};
use super::error::SlackError;
use super::events::ClientEvent;
use super::limiter::Limiter;
use super::token::Token;
use super::transport::{Answer, Transport};

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
}

impl Default for ClientOptions {
    fn default() -> Self {
        ClientOptions {
            timeout: Duration::from_secs(30),
            pace: true,
            read_retries: 5,
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
}

impl Default for Tuning {
    fn default() -> Self {
        Tuning {
            rate_window: Duration::from_secs(60),
            backoff_base: Duration::from_millis(500),
            backoff_max: Duration::from_secs(30),
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

/// Reads may be retried freely; writes only when Slack certainly did not apply them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CallKind {
    Read,
    Write,
}

/// A Slack Web API client for the Slack Connect methods. Cheap to clone.
#[derive(Clone)]
pub struct SlackClient {
    inner: Arc<Inner>,
}

struct Inner {
    transport: Transport,
    token: Token,
    limiter: Limiter,
    events: broadcast::Sender<ClientEvent>,
    stats: Mutex<ClientStats>,
    options: ClientOptions,
    tuning: Tuning,
}

impl fmt::Debug for SlackClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SlackClient")
            .field("api_base", &self.inner.transport.api_base())
            .field("token", &self.inner.token)
            .field("options", &self.inner.options)
            .finish()
    }
}

impl SlackClient {
    pub fn new(api_base: &str, token: Token) -> Result<SlackClient, SlackError> {
        Self::with_options(api_base, token, ClientOptions::default())
    }

    pub fn with_options(
        api_base: &str,
        token: Token,
        options: ClientOptions,
    ) -> Result<SlackClient, SlackError> {
        Self::with_tuning(api_base, token, options, Tuning::default())
    }

    pub fn with_tuning(
        api_base: &str,
        token: Token,
        options: ClientOptions,
        tuning: Tuning,
    ) -> Result<SlackClient, SlackError> {
        let transport = Transport::new(api_base, &token, options.timeout)?;
        // Large enough that a UI busy drawing for a while misses nothing.
        let (events, _) = broadcast::channel(256);
        let limiter = Limiter::new(tuning.rate_window, options.pace, events.clone());
        Ok(SlackClient {
            inner: Arc::new(Inner {
                transport,
                token,
                limiter,
                events,
                stats: Mutex::new(ClientStats::default()),
                options,
                tuning,
            }),
        })
    }

    /// Waits, rate limits, retries and fallbacks from now on.
    pub fn events(&self) -> broadcast::Receiver<ClientEvent> {
        self.inner.events.subscribe()
    }

    pub fn stats(&self) -> ClientStats {
        self.lock_stats().clone()
    }

    pub fn api_base(&self) -> &str {
        self.inner.transport.api_base()
    }

    pub(crate) fn emit(&self, event: ClientEvent) {
        // No subscriber is fine: nobody is watching.
        let _ = self.inner.events.send(event);
    }

    fn lock_stats(&self) -> std::sync::MutexGuard<'_, ClientStats> {
        self.inner.stats.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Call `method` with `args`, retrying as `kind` allows.
    pub(crate) async fn call<T: DeserializeOwned>(
        &self,
        method: &'static str,
        args: &[(&'static str, String)],
        kind: CallKind,
    ) -> Result<T, SlackError> {
        let mut attempt = 0;
        loop {
            let error = match self.attempt(method, args).await {
                Ok(value) => return Ok(value),
                Err(error) => error,
            };
            let retryable = match kind {
                CallKind::Read => read_may_retry(&error),
                CallKind::Write => error.certainly_not_applied(),
            };
            if !retryable || attempt >= self.inner.options.read_retries {
                return Err(error);
            }
            attempt += 1;
            // After a 429 the limiter already holds the method for Retry-After.
            let delay = match error {
                SlackError::RateLimited { .. } => Duration::ZERO,
                _ => self.backoff(attempt),
            };
            self.lock_stats().retries += 1;
            tracing::info!(method, attempt, delay_ms = delay.as_millis() as u64, error = %error, "retrying");
            self.emit(ClientEvent::Retrying {
                method,
                attempt,
                delay,
                reason: error.to_string(),
            });
            tokio::time::sleep(delay).await;
        }
    }

    /// Exponential backoff with jitter, so many clients hit by one outage do
    /// not come back in lockstep: a random delay in [d/2, d], d = base·2^(n-1).
    fn backoff(&self, attempt: u32) -> Duration {
        let Tuning {
            backoff_base,
            backoff_max,
            ..
        } = self.inner.tuning;
        let full = backoff_base
            .saturating_mul(1u32 << (attempt - 1).min(16))
            .min(backoff_max);
        let half = full / 2;
        half + half.mul_f64(rand::rng().random::<f64>())
    }

    async fn attempt<T: DeserializeOwned>(
        &self,
        method: &'static str,
        args: &[(&'static str, String)],
    ) -> Result<T, SlackError> {
        let inner = &*self.inner;
        let permit = inner.limiter.acquire(method).await;
        let waited = permit.waited;
        {
            let mut stats = self.lock_stats();
            *stats.requests.entry(method).or_default() += 1;
            stats.waited += waited;
        }
        let started = Instant::now();
        let answer = inner.transport.post(method, args).await;
        drop(permit);
        let elapsed = started.elapsed();
        let answer = answer.map_err(|e| envelope::redact(e, Some(inner.token.expose())));
        let status = match &answer {
            Ok(Answer::Ok(_)) => 200,
            Ok(Answer::RateLimited(_)) => 429,
            Ok(Answer::Status(s)) => *s,
            Err(_) => 0,
        };
        tracing::debug!(
            method,
            status,
            duration_ms = elapsed.as_millis() as u64,
            wait_ms = waited.as_millis() as u64,
            "slack call"
        );
        match answer? {
            Answer::Ok(body) => {
                let decoded = decode_redacted::<T>(method, &body, inner.token.expose());
                match decoded {
                    // A 200 that says `ratelimited` is a 429 without its header.
                    Err(SlackError::Api { code, .. }) if code == "ratelimited" => {
                        Err(self.rate_limited(method, None))
                    }
                    other => other,
                }
            }
            Answer::RateLimited(retry_after) => Err(self.rate_limited(method, retry_after)),
            Answer::Status(status) => Err(SlackError::Http { method, status }),
        }
    }

    fn rate_limited(&self, method: &'static str, retry_after: Option<Duration>) -> SlackError {
        // Without a usable Retry-After, one window is the longest Slack could mean.
        let retry_after = retry_after.unwrap_or_else(|| self.inner.limiter.window());
        self.inner.limiter.block(method, retry_after);
        self.lock_stats().rate_limited += 1;
        tracing::info!(
            method,
            retry_after_ms = retry_after.as_millis() as u64,
            "rate limited"
        );
        self.emit(ClientEvent::RateLimited {
            method,
            retry_after,
        });
        SlackError::RateLimited {
            method,
            retry_after,
        }
    }
}

/// Errors after which the same read may well succeed.
fn read_may_retry(error: &SlackError) -> bool {
    match error {
        SlackError::RateLimited { .. }
        | SlackError::Transport { .. }
        | SlackError::Decode { .. } => true,
        SlackError::Http { status, .. } => *status >= 500 || *status == 408,
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
        let client = SlackClient::with_tuning(
            "http://127.0.0.1:9/api/",
            Token::new("xoxp-test"),
            ClientOptions::default(),
            Tuning {
                rate_window: Duration::from_secs(1),
                backoff_base: Duration::from_millis(100),
                backoff_max: Duration::from_millis(1_000),
            },
        )
        .unwrap();
        for _ in 0..50 {
            let first = client.backoff(1);
            assert!((Duration::from_millis(50)..=Duration::from_millis(100)).contains(&first));
            let third = client.backoff(3);
            assert!((Duration::from_millis(200)..=Duration::from_millis(400)).contains(&third));
            let capped = client.backoff(30);
            assert!((Duration::from_millis(500)..=Duration::from_millis(1_000)).contains(&capped));
        }
    }

    #[test]
    fn debug_hides_the_token() {
        let client =
            SlackClient::new("https://slack.com/api/", Token::new("xoxb-123-secret")).unwrap();
        let shown = format!("{client:?}");
        assert!(!shown.contains("secret"), "{shown}");
        assert!(shown.contains("slack.com"));
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
