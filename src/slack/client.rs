//! [`SlackClient`]: one call = pace, send, decode, and retry when that is safe.

use std::fmt;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde::de::DeserializeOwned;
use tokio::sync::broadcast;
use tokio::time::Instant;

use bytes::Bytes;

use super::envelope::{self, Head};
use super::error::SlackError;
use super::events::ClientEvent;
use super::limiter::{Limiter, Refused};
use super::retry::{backoff, log_label, read_may_retry};
use super::token::Token;
use super::transport::{Answer, Transport};

pub use super::options::{ClientOptions, ClientStats, Tuning};

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
    /// Lists page on demand rather than one page ahead ([`Self::for_lookups`]).
    on_demand: bool,
}

struct Inner {
    transport: Transport,
    token: Token,
    limiter: Limiter,
    events: broadcast::Sender<ClientEvent>,
    stats: Mutex<ClientStats>,
    options: ClientOptions,
    tuning: Tuning,
    /// Set once by [`SlackClient::forbid_writes`]; never cleared.
    read_only: AtomicBool,
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
        let transport =
            Transport::new(api_base, &token, options.timeout, options.max_answer_bytes)?;
        // Large enough that a UI busy drawing for a while misses nothing.
        let (events, _) = broadcast::channel(256);
        let limiter = Limiter::new(
            tuning.rate_window,
            options.pace,
            tuning.retry_after_max,
            events.clone(),
        );
        Ok(SlackClient {
            inner: Arc::new(Inner {
                transport,
                token,
                limiter,
                events,
                stats: Mutex::new(ClientStats::default()),
                options,
                tuning,
                read_only: AtomicBool::new(false),
            }),
            on_demand: false,
        })
    }

    /// This client for looking one item up: its lists fetch each page only
    /// when the reader asks for it, so a lookup that finds the item on the
    /// first page neither waits for the next nor says it is waiting.
    pub fn for_lookups(&self) -> SlackClient {
        SlackClient {
            inner: self.inner.clone(),
            on_demand: true,
        }
    }

    pub(crate) fn reads_on_demand(&self) -> bool {
        self.on_demand
    }

    /// Make this client (and every clone of it) refuse all writes from now
    /// on, for `--read-only`: a write returns [`SlackError::ReadOnly`]
    /// without reaching the network. There is no way back.
    pub fn forbid_writes(&self) {
        self.inner.read_only.store(true, Ordering::SeqCst);
    }

    /// True after [`SlackClient::forbid_writes`].
    pub fn writes_forbidden(&self) -> bool {
        self.inner.read_only.load(Ordering::SeqCst)
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

    /// The pause before a write is sent for the `attempt`-th time (a re-check
    /// proved the earlier send was not applied): the backoff of a failed call.
    pub fn resend_delay(&self, attempt: u32) -> Duration {
        backoff(&self.inner.tuning, attempt)
    }

    /// The length of a rate-limit window this client paces to.
    pub fn rate_window(&self) -> Duration {
        self.inner.tuning.rate_window
    }

    pub(crate) fn emit(&self, event: ClientEvent) {
        // No subscriber is fine: nobody is watching.
        let _ = self.inner.events.send(event);
    }

    fn lock_stats(&self) -> std::sync::MutexGuard<'_, ClientStats> {
        self.inner.stats.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Call `method` with `args`, retrying as `kind` allows, and decode the answer.
    pub(crate) async fn call<T: DeserializeOwned>(
        &self,
        method: &'static str,
        args: &[(&'static str, String)],
        kind: CallKind,
    ) -> Result<T, SlackError> {
        let (body, _) = self.call_raw(method, args, kind).await?;
        self.decode_payload(method, &body)
    }

    /// The typed payload of a body [`Self::call_raw`] returned. Not retried:
    /// the body is well-formed JSON that said `ok: true`, so a failure here
    /// is a shape we do not understand, and asking again would not change it.
    pub(crate) fn decode_payload<T: DeserializeOwned>(
        &self,
        method: &'static str,
        body: &[u8],
    ) -> Result<T, SlackError> {
        envelope::decode_payload(method, body)
            .map_err(|e| envelope::redact(e, Some(self.inner.token.expose())))
    }

    /// The elements of the list under `field` of a body [`Self::call_raw`]
    /// returned, as received. Not retried, like [`Self::decode_payload`].
    pub(crate) fn split_list(
        &self,
        method: &'static str,
        field: &'static str,
        body: &Bytes,
    ) -> Result<Vec<super::raw::RawElement>, SlackError> {
        super::raw::split(method, field, body)
            .map_err(|e| envelope::redact(e, Some(self.inner.token.expose())))
    }

    /// Call `method` with `args`, retrying as `kind` allows; the body of the
    /// `ok: true` answer, and its envelope and paging fields.
    pub(crate) async fn call_raw(
        &self,
        method: &'static str,
        args: &[(&'static str, String)],
        kind: CallKind,
    ) -> Result<(Bytes, Head), SlackError> {
        if kind == CallKind::Write && self.writes_forbidden() {
            tracing::warn!(method, "write refused: read-only session");
            return Err(SlackError::ReadOnly { method });
        }
        let mut attempt = 0;
        let mut unreadable = 0;
        loop {
            let error = match self.attempt(method, args).await {
                Ok(answer) => return Ok(answer),
                Err(error) => error,
            };
            let retryable = match kind {
                CallKind::Read => read_may_retry(&error),
                CallKind::Write => error.certainly_not_applied(),
            };
            // An answer that cannot be read is asked for once more (a
            // proxy's hiccup); the same broken answer twice will not mend.
            if let SlackError::Decode { .. } = error {
                unreadable += 1;
            }
            if !retryable
                || attempt >= self.inner.options.read_retries
                || unreadable > 1
                || self.waits_too_long(&error)
            {
                return Err(error);
            }
            attempt += 1;
            // After a 429 the limiter already holds the method for Retry-After.
            let delay = match error {
                SlackError::RateLimited { .. } => Duration::ZERO,
                _ => backoff(&self.inner.tuning, attempt),
            };
            self.lock_stats().retries += 1;
            tracing::info!(
                method,
                attempt,
                delay_ms = delay.as_millis() as u64,
                error = %log_label(&error),
                "retrying"
            );
            self.emit(ClientEvent::Retrying {
                method,
                attempt,
                delay,
                reason: error.to_string(),
            });
            tokio::time::sleep(delay).await;
        }
    }

    /// A 429 asking for longer than the client waits: failed at once, so
    /// no command and no pane hangs for hours.
    pub fn waits_too_long(&self, error: &SlackError) -> bool {
        matches!(error, SlackError::RateLimited { retry_after, .. }
            if *retry_after > self.inner.tuning.retry_after_max)
    }

    async fn attempt(
        &self,
        method: &'static str,
        args: &[(&'static str, String)],
    ) -> Result<(Bytes, Head), SlackError> {
        let inner = &*self.inner;
        let workspace = workspace_of(args);
        let permit = match inner.limiter.acquire(method, workspace).await {
            Ok(permit) => permit,
            Err(Refused(left)) => {
                return Err(SlackError::RateLimited {
                    method,
                    retry_after: left,
                });
            }
        };
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
        tracing::info!(
            method,
            status,
            duration_ms = elapsed.as_millis() as u64,
            wait_ms = waited.as_millis() as u64,
            "slack call"
        );
        match answer? {
            Answer::Ok(body) => match envelope::check(method, &body) {
                Ok(head) => Ok((body, head)),
                // A 200 that says `ratelimited` is a 429 without its header.
                Err(SlackError::Api { code, .. }) if code == "ratelimited" => {
                    Err(self.rate_limited(method, workspace, None))
                }
                Err(error) => Err(envelope::redact(error, Some(inner.token.expose()))),
            },
            Answer::RateLimited(retry_after) => {
                Err(self.rate_limited(method, workspace, retry_after))
            }
            Answer::Status(status) => Err(SlackError::Http { method, status }),
        }
    }

    fn rate_limited(
        &self,
        method: &'static str,
        workspace: &str,
        retry_after: Option<Duration>,
    ) -> SlackError {
        // Without a usable Retry-After, one window is the longest Slack could mean.
        let retry_after = retry_after.unwrap_or_else(|| self.inner.limiter.window());
        self.inner.limiter.block(method, workspace, retry_after);
        self.lock_stats().rate_limited += 1;
        tracing::info!(
            method,
            retry_after_ms = retry_after.as_millis() as u64,
            "rate limited"
        );
        // A wait too long to be waited out is said by the error itself.
        if retry_after <= self.inner.tuning.retry_after_max {
            self.emit(ClientEvent::RateLimited {
                method,
                retry_after,
            });
        }
        SlackError::RateLimited {
            method,
            retry_after,
        }
    }
}

/// The workspace a call names (`team_id`, with an org-wide token): Slack's
/// budgets are per workspace. Empty is the token's own.
fn workspace_of<'a>(args: &'a [(&'static str, String)]) -> &'a str {
    args.iter()
        .find(|(name, _)| *name == "team_id")
        .map_or("", |(_, value)| value.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_the_token() {
        let client =
            SlackClient::new("https://slack.com/api/", Token::new("xoxb-123-secret")).unwrap();
        let shown = format!("{client:?}");
        assert!(!shown.contains("secret"), "{shown}");
        assert!(shown.contains("slack.com"));
    }
}
