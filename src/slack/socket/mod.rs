//! Socket Mode: Slack pushes events over a WebSocket the client opens
//! itself, so live updates need no public URL (they work from an SSH
//! jumpbox). [`run`] keeps a connection up and reports what it hears.
//!
//! - Every envelope is acked before it is handled; a repeat of an
//!   `event_id` (Slack redelivers what was not acked in time) is dropped.
//! - On `disconnect` with `refresh_requested`, `warning` or
//!   `too_many_websockets`, the next connection is opened while the old one
//!   still delivers, so nothing is missed; the two are deduplicated together.
//! - `link_disabled` (Socket Mode was turned off for the app) and a refused
//!   token stop for good; anything else reconnects with backoff and jitter.

mod link;

use std::collections::{HashSet, VecDeque};
use std::time::Duration;

use rand::Rng;
use tokio::sync::mpsc;
use tokio::task::JoinSet;
use tokio::time::Instant;

use crate::slack::SlackClient;
use crate::slack::models::ConnectEvent;
use link::LinkReport;

/// How long to wait for what, on a socket.
#[derive(Debug, Clone, PartialEq)]
pub struct SocketOptions {
    /// We ping this often (the Python SDK's 5 s).
    pub ping_every: Duration,
    /// A socket that said nothing for this long, pongs included, is dead.
    pub silent_after: Duration,
    /// Longest wait for the WebSocket to open and say hello.
    pub connect_timeout: Duration,
    /// First reconnect delay, doubled per failure, with jitter.
    pub backoff_base: Duration,
    pub backoff_max: Duration,
}

impl Default for SocketOptions {
    fn default() -> Self {
        SocketOptions {
            ping_every: Duration::from_secs(5),
            silent_after: Duration::from_secs(20),
            connect_timeout: Duration::from_secs(10),
            backoff_base: Duration::from_secs(1),
            backoff_max: Duration::from_secs(60),
        }
    }
}

/// Where live updates stand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LiveStatus {
    /// The first connection is being opened.
    Connecting,
    /// A connection said hello: events arrive as they happen.
    Live,
    /// No connection; the next attempt is in `retry_in_secs`.
    Reconnecting { retry_in_secs: u64, why: String },
    /// Given up for this session, for the reason given.
    Off { why: String },
}

/// One Connect event, acked and seen for the first time.
#[derive(Debug, Clone, PartialEq)]
pub struct LiveEvent {
    pub event_id: String,
    /// Our workspace it was delivered for (an org-wide app names it).
    pub workspace: Option<String>,
    pub event: ConnectEvent,
    /// 0 on first delivery; Slack's count of redeliveries after that.
    pub retry_attempt: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub enum LiveOutput {
    Status(LiveStatus),
    Event(Box<LiveEvent>),
}

/// Event IDs already handled: the most recent few thousand, which covers
/// Slack's redelivery window many times over.
struct Seen {
    ids: HashSet<String>,
    order: VecDeque<String>,
    cap: usize,
}

impl Seen {
    fn new(cap: usize) -> Seen {
        Seen {
            ids: HashSet::new(),
            order: VecDeque::new(),
            cap,
        }
    }

    /// True the first time `id` is offered.
    fn first(&mut self, id: &str) -> bool {
        if self.ids.contains(id) {
            return false;
        }
        if self.order.len() >= self.cap
            && let Some(old) = self.order.pop_front()
        {
            self.ids.remove(&old);
        }
        self.ids.insert(id.to_owned());
        self.order.push_back(id.to_owned());
        true
    }
}

/// Why Socket Mode stops for good on `link_disabled`.
pub const LINK_DISABLED: &str = "Socket Mode was turned off for this app (link_disabled)";

/// Keep live updates going until `out` closes or they stop for good.
/// `client` holds the app-level token.
pub async fn run(client: SlackClient, options: SocketOptions, out: mpsc::Sender<LiveOutput>) {
    let (tx, mut rx) = mpsc::channel::<LinkReport>(64);
    let mut links = JoinSet::new();
    let mut open: HashSet<u64> = HashSet::new();
    let mut next_link: u64 = 0;
    let mut opening = false;
    let mut failures: u32 = 0;
    let mut retry_at: Option<Instant> = None;
    let mut seen = Seen::new(4096);
    let mut start = |links: &mut JoinSet<()>, opening: &mut bool| {
        next_link += 1;
        *opening = true;
        links.spawn(link::run(
            next_link,
            client.clone(),
            options.clone(),
            tx.clone(),
        ));
    };
    let say = |status: LiveStatus| {
        let out = out.clone();
        async move { out.send(LiveOutput::Status(status)).await.is_ok() }
    };
    if !say(LiveStatus::Connecting).await {
        return;
    }
    start(&mut links, &mut opening);
    loop {
        while links.try_join_next().is_some() {}
        let wait = async {
            match retry_at {
                Some(at) => tokio::time::sleep_until(at).await,
                None => std::future::pending().await,
            }
        };
        let report = tokio::select! {
            report = rx.recv() => report,
            _ = wait => {
                retry_at = None;
                start(&mut links, &mut opening);
                continue;
            }
            _ = out.closed() => return,
        };
        let Some(report) = report else { return };
        let down = |failures: &mut u32, why: String| {
            *failures += 1;
            let delay = backoff(&options, *failures);
            (
                Instant::now() + delay,
                LiveStatus::Reconnecting {
                    retry_in_secs: delay.as_secs_f64().ceil() as u64,
                    why,
                },
            )
        };
        match report {
            LinkReport::Ready { link } => {
                open.insert(link);
                opening = false;
                failures = 0;
                if !say(LiveStatus::Live).await {
                    return;
                }
            }
            LinkReport::OpenFailed { why, fatal } => {
                opening = false;
                tracing::warn!(%why, fatal, "Socket Mode connection failed");
                if fatal {
                    let _ = say(LiveStatus::Off { why }).await;
                    return;
                }
                if open.is_empty() {
                    let (at, status) = down(&mut failures, why);
                    retry_at = Some(at);
                    if !say(status).await {
                        return;
                    }
                }
            }
            LinkReport::Envelope { event } => {
                if !seen.first(&event.event_id) {
                    tracing::debug!(event_id = %event.event_id, "repeated event dropped");
                    continue;
                }
                if out.send(LiveOutput::Event(event)).await.is_err() {
                    return;
                }
            }
            LinkReport::Disconnect { link, reason } => {
                tracing::info!(link, %reason, "Socket Mode disconnect notice");
                if reason == "link_disabled" {
                    links.abort_all();
                    let _ = say(LiveStatus::Off {
                        why: LINK_DISABLED.to_owned(),
                    })
                    .await;
                    return;
                }
                // The old link delivers until Slack closes it; the new one
                // is up before that, so no event falls between them.
                if !opening && retry_at.is_none() {
                    start(&mut links, &mut opening);
                }
            }
            LinkReport::Closed { link, why } => {
                open.remove(&link);
                tracing::info!(link, %why, "Socket Mode connection closed");
                if open.is_empty() && !opening && retry_at.is_none() {
                    let (at, status) = down(&mut failures, why);
                    retry_at = Some(at);
                    if !say(status).await {
                        return;
                    }
                }
            }
        }
    }
}

/// Doubling from `backoff_base`, capped, with jitter over its upper half so
/// many clients dropped together do not come back together.
fn backoff(options: &SocketOptions, failures: u32) -> Duration {
    let exp = options
        .backoff_base
        .saturating_mul(1u32 << failures.saturating_sub(1).min(16));
    let full = exp.min(options.backoff_max);
    let jitter: f64 = rand::rng().random_range(0.5..=1.0);
    full.mul_f64(jitter)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seen_drops_repeats_and_forgets_the_oldest() {
        let mut seen = Seen::new(2);
        assert!(seen.first("Ev1"));
        assert!(!seen.first("Ev1"));
        assert!(seen.first("Ev2"));
        assert!(seen.first("Ev3"));
        assert!(seen.first("Ev1"), "Ev1 was forgotten once two newer came");
        assert!(!seen.first("Ev3"));
    }

    #[test]
    fn backoff_doubles_within_its_cap_with_jitter() {
        let options = SocketOptions {
            backoff_base: Duration::from_secs(1),
            backoff_max: Duration::from_secs(8),
            ..SocketOptions::default()
        };
        for (failures, full) in [(1, 1.0), (2, 2.0), (3, 4.0), (4, 8.0), (9, 8.0), (40, 8.0)] {
            let d = backoff(&options, failures).as_secs_f64();
            assert!(d >= full / 2.0 && d <= full, "{failures}: {d}");
        }
    }
}
