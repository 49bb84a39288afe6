//! One HTTP exchange with Slack: a form-encoded POST with the Bearer token,
//! and the status/transport failures mapped onto [`SlackError`].

use std::error::Error as _;
use std::time::Duration;

use bytes::Bytes;
use reqwest::StatusCode;
use reqwest::header::{AUTHORIZATION, HeaderValue, RETRY_AFTER};

use super::error::{SlackError, TransportKind};
use super::token::Token;

/// A body Slack answered with HTTP 200.
pub(crate) enum Answer {
    Ok(Bytes),
    /// HTTP 429; `None` when `Retry-After` was missing or not a number.
    RateLimited(Option<Duration>),
    /// Any other status.
    Status(u16),
}

pub(crate) struct Transport {
    http: reqwest::Client,
    api_base: String,
    auth: HeaderValue,
    max_answer: usize,
}

impl Transport {
    pub(crate) fn new(
        api_base: &str,
        token: &Token,
        timeout: Duration,
        max_answer: usize,
    ) -> Result<Self, SlackError> {
        let parsed = url::Url::parse(api_base)
            .map_err(|e| setup_error(format!("the API base {api_base:?} is not a URL: {e}")))?;
        if !matches!(parsed.scheme(), "http" | "https") {
            return Err(setup_error(format!(
                "the API base {api_base:?} must be an http or https URL"
            )));
        }
        let mut api_base = parsed.to_string();
        if !api_base.ends_with('/') {
            api_base.push('/');
        }
        let mut auth =
            HeaderValue::from_str(&format!("Bearer {}", token.expose())).map_err(|_| {
                setup_error("the token contains characters a header cannot carry".to_owned())
            })?;
        auth.set_sensitive(true);
        let http = reqwest::Client::builder()
            .timeout(timeout)
            .connect_timeout(timeout.min(Duration::from_secs(10)))
            .user_agent(concat!("connect-triage/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| setup_error(format!("cannot set up HTTP: {}", chain(&e))))?;
        Ok(Transport {
            http,
            api_base,
            auth,
            max_answer,
        })
    }

    pub(crate) fn api_base(&self) -> &str {
        &self.api_base
    }

    pub(crate) async fn post(
        &self,
        method: &'static str,
        args: &[(&'static str, String)],
    ) -> Result<Answer, SlackError> {
        let url = format!("{}{method}", self.api_base);
        let response = self
            .http
            .post(url)
            .header(AUTHORIZATION, self.auth.clone())
            .form(args)
            .send()
            .await
            .map_err(|e| transport_error(method, &e))?;
        match response.status() {
            StatusCode::OK => self.read_body(method, response).await.map(Answer::Ok),
            StatusCode::TOO_MANY_REQUESTS => {
                let retry_after = response
                    .headers()
                    .get(RETRY_AFTER)
                    .and_then(|v| v.to_str().ok())
                    .and_then(|v| v.trim().parse::<u64>().ok())
                    .map(Duration::from_secs);
                Ok(Answer::RateLimited(retry_after))
            }
            other => Ok(Answer::Status(other.as_u16())),
        }
    }
}

impl Transport {
    /// The whole body, refused as soon as it passes [`Self::max_answer`]
    /// (by its announced length, or while it arrives).
    async fn read_body(
        &self,
        method: &'static str,
        mut response: reqwest::Response,
    ) -> Result<Bytes, SlackError> {
        let too_large = || SlackError::TooLarge {
            method,
            limit: self.max_answer,
        };
        let announced = response.content_length().unwrap_or(0);
        if announced > self.max_answer as u64 {
            return Err(too_large());
        }
        let mut body = bytes::BytesMut::with_capacity(announced as usize);
        while let Some(chunk) = response
            .chunk()
            .await
            .map_err(|e| transport_error(method, &e))?
        {
            if body.len() + chunk.len() > self.max_answer {
                return Err(too_large());
            }
            body.extend_from_slice(&chunk);
        }
        Ok(body.freeze())
    }
}

fn setup_error(message: String) -> SlackError {
    SlackError::Transport {
        method: "client setup",
        kind: TransportKind::Other,
        message,
    }
}

fn transport_error(method: &'static str, error: &reqwest::Error) -> SlackError {
    SlackError::Transport {
        method,
        kind: classify(error),
        message: chain(error),
    }
}

/// Whether the request could have reached Slack decides whether a write may
/// be sent again, so a refused connection must be told apart from the rest.
fn classify(error: &reqwest::Error) -> TransportKind {
    if error.is_connect() {
        TransportKind::Connect
    } else if error.is_timeout() {
        TransportKind::Timeout
    } else if error.is_request() || error.is_body() || error.is_decode() {
        TransportKind::Reset
    } else {
        TransportKind::Other
    }
}

/// The error and its causes on one line, without the URL (which is harmless,
/// but long and repeated in every message).
fn chain(error: &reqwest::Error) -> String {
    let mut out = String::new();
    let mut next: Option<&dyn std::error::Error> = error.source();
    out.push_str(&strip_url(error));
    while let Some(cause) = next {
        let text = cause.to_string();
        if !out.ends_with(&text) {
            out.push_str(": ");
            out.push_str(&text);
        }
        next = cause.source();
    }
    out
}

fn strip_url(error: &reqwest::Error) -> String {
    let text = error.to_string();
    match error.url() {
        Some(url) => text
            .replace(&format!(" for url ({url})"), "")
            .replace(url.as_str(), ""),
        None => text,
    }
}
