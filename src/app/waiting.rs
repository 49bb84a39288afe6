//! What the client is waiting for (a rate limit, a retry), in words.

/// The client is waiting out a rate limit or retrying; shown until `until`.
#[derive(Debug, Clone, PartialEq)]
pub struct Waiting {
    pub event: crate::slack::ClientEvent,
    pub until: i64,
}

impl Waiting {
    /// The wait in words, counting down to `until`.
    pub fn describe(&self, now: i64) -> String {
        use crate::slack::{ClientEvent, WaitReason};
        let left = (self.until - now).max(0);
        match &self.event {
            ClientEvent::Waiting {
                method,
                reason: WaitReason::Pacing,
                ..
            } => format!("Waiting {left} s for Slack's rate limit on {method}"),
            ClientEvent::Waiting {
                method,
                reason: WaitReason::RetryAfter,
                ..
            } => format!("Waiting {left} s: Slack asked us to slow down on {method}"),
            ClientEvent::RateLimited { method, .. } => {
                format!("Slack rate-limited {method}; trying again in {left} s")
            }
            ClientEvent::Retrying {
                method,
                attempt,
                reason,
                ..
            } => format!("Trying {method} again in {left} s (retry {attempt}): {reason}"),
            ClientEvent::Fallback { .. } => {
                let text = self.event.to_string();
                let mut chars = text.chars();
                chars
                    .next()
                    .map(|c| c.to_uppercase().chain(chars).collect())
                    .unwrap_or_default()
            }
        }
    }
}
