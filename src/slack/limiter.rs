//! Client-side rate limiting, per method and workspace.
//!
//! Slack counts calls per method in one-minute windows and answers 429 once
//! a method's tier budget is spent. Waiting for the 429 costs a whole
//! `Retry-After` (often 30-60 s) for *every* method user of that token, so
//! the limiter paces calls itself: a sliding window of the method's budget.
//!
//! A call occupies its slot from the moment it is sent until its answer
//! arrives, and the slot's window starts when the answer arrives. Slack saw
//! the call somewhere in between, so the next call can never reach Slack
//! less than one window after it, whatever the network latency.
//!
//! Slack counts per workspace too: an org-wide token that names a
//! workspace (`team_id`) has each workspace's budget, so workspaces load
//! side by side instead of queuing behind one another.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

use tokio::sync::{Notify, broadcast};
use tokio::time::Instant;

use super::events::{ClientEvent, WaitReason};

/// Calls per window for `method`, from the doc's per-method tier table
/// (the docs column, which is authoritative over the Java SDK's).
pub fn budget(method: &str) -> u32 {
    const TIER_1: u32 = 1;
    const TIER_2: u32 = 20;
    const TIER_3: u32 = 50;
    const TIER_4: u32 = 100;
    match method {
        // apps.connections.open is Tier 3 on the current page and Tier 1 on
        // the older one: the stricter is safe.
        "conversations.listConnectInvites"
        | "team.externalTeams.disconnect"
        | "apps.connections.open" => TIER_1,
        "conversations.approveSharedInvite"
        | "conversations.declineSharedInvite"
        | "conversations.info" => TIER_3,
        // "Special": hundreds per minute; the Java SDK uses 600.
        "auth.test" => 600,
        "conversations.acceptSharedInvite"
        | "conversations.inviteShared"
        | "conversations.requestSharedInvite.list"
        | "conversations.requestSharedInvite.approve"
        | "conversations.requestSharedInvite.deny"
        | "conversations.externalInvitePermissions.set"
        | "users.discoverableContacts.lookup"
        | "team.externalTeams.list"
        | "admin.conversations.disconnectShared"
        | "admin.conversations.search"
        | "conversations.list"
        | "auth.teams.list" => TIER_2,
        // Unknown methods: Tier 4 is the most common tier of read methods.
        _ => TIER_4,
    }
}

#[derive(Default)]
struct MethodState {
    /// Calls in the current window: `None` while in flight, else when the answer came.
    slots: Vec<(u64, Option<Instant>)>,
    next_id: u64,
    /// Set by a 429: nothing of this method is sent before then.
    blocked_until: Option<Instant>,
}

pub(crate) struct Limiter {
    window: Duration,
    pace: bool,
    /// A 429 block longer than this is not waited out (see [`Refused`]).
    max_block: Duration,
    state: Mutex<HashMap<(&'static str, String), MethodState>>,
    /// Woken whenever a call finishes, so waiters for a full window re-check.
    finished: Notify,
    events: broadcast::Sender<ClientEvent>,
}

/// Holds a call's slot; dropping it (answer or cancellation) starts the slot's window.
pub(crate) struct Permit<'a> {
    limiter: &'a Limiter,
    method: &'static str,
    workspace: String,
    slot: Option<u64>,
    /// How long the call waited for this permit.
    pub(crate) waited: Duration,
}

/// A call not even waited for: its method is blocked by a `Retry-After`
/// longer than the client waits. The time left of the block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Refused(pub(crate) Duration);

enum Decision {
    Go(Option<u64>),
    Refuse(Duration),
    WaitUntil(Instant, WaitReason),
    WaitForAnswer,
}

impl Limiter {
    pub(crate) fn new(
        window: Duration,
        pace: bool,
        max_block: Duration,
        events: broadcast::Sender<ClientEvent>,
    ) -> Self {
        Limiter {
            window,
            pace,
            max_block,
            state: Mutex::new(HashMap::new()),
            finished: Notify::new(),
            events,
        }
    }

    pub(crate) fn window(&self) -> Duration {
        self.window
    }

    /// Wait until `method` may be sent for `workspace` (empty: the token's
    /// own), then hold a slot for it; refused at once while a `Retry-After`
    /// longer than the client waits holds the method.
    pub(crate) async fn acquire(
        &self,
        method: &'static str,
        workspace: &str,
    ) -> Result<Permit<'_>, Refused> {
        let started = Instant::now();
        let mut announced: Option<Instant> = None;
        loop {
            // Created before the state is read so no finish can slip between.
            let finished = self.finished.notified();
            match self.decide(method, workspace) {
                Decision::Go(slot) => {
                    return Ok(Permit {
                        limiter: self,
                        method,
                        workspace: workspace.to_owned(),
                        slot,
                        waited: started.elapsed(),
                    });
                }
                Decision::Refuse(left) => return Err(Refused(left)),
                Decision::WaitUntil(until, reason) => {
                    if announced != Some(until) {
                        announced = Some(until);
                        let _ = self.events.send(ClientEvent::Waiting {
                            method,
                            wait: until.saturating_duration_since(Instant::now()),
                            reason,
                        });
                    }
                    tokio::select! {
                        _ = tokio::time::sleep_until(until) => {}
                        // A 429 block never ends early; a pacing wait may, when
                        // an in-flight call of the window is cancelled.
                        _ = finished, if reason == WaitReason::Pacing => {}
                    }
                }
                Decision::WaitForAnswer => finished.await,
            }
        }
    }

    fn decide(&self, method: &'static str, workspace: &str) -> Decision {
        let now = Instant::now();
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let st = state.entry((method, workspace.to_owned())).or_default();
        if let Some(until) = st.blocked_until {
            if until > now {
                let left = until - now;
                if left > self.max_block {
                    return Decision::Refuse(left);
                }
                return Decision::WaitUntil(until, WaitReason::RetryAfter);
            }
            st.blocked_until = None;
        }
        if !self.pace {
            return Decision::Go(None);
        }
        let window = self.window;
        st.slots
            .retain(|(_, done)| done.is_none_or(|at| at + window > now));
        if st.slots.len() < budget(method) as usize {
            let id = st.next_id;
            st.next_id += 1;
            st.slots.push((id, None));
            return Decision::Go(Some(id));
        }
        match st.slots.iter().filter_map(|(_, done)| *done).min() {
            Some(oldest) => Decision::WaitUntil(oldest + window, WaitReason::Pacing),
            None => Decision::WaitForAnswer,
        }
    }

    /// Slack answered 429: hold every call of `method` in `workspace` for `retry_after`.
    pub(crate) fn block(&self, method: &'static str, workspace: &str, retry_after: Duration) {
        let until = Instant::now() + retry_after;
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let st = state.entry((method, workspace.to_owned())).or_default();
        st.blocked_until = Some(st.blocked_until.map_or(until, |b| b.max(until)));
    }

    fn finish(&self, method: &'static str, workspace: &str, slot: u64) {
        let now = Instant::now();
        {
            let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(st) = state.get_mut(&(method, workspace.to_owned()))
                && let Some(entry) = st.slots.iter_mut().find(|(id, _)| *id == slot)
            {
                entry.1 = Some(now);
            }
        }
        self.finished.notify_waiters();
    }
}

impl Drop for Permit<'_> {
    fn drop(&mut self) {
        if let Some(slot) = self.slot {
            self.limiter.finish(self.method, &self.workspace, slot);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limiter(window_ms: u64, pace: bool) -> Limiter {
        Limiter::new(
            Duration::from_millis(window_ms),
            pace,
            Duration::from_secs(300),
            broadcast::channel(16).0,
        )
    }

    #[tokio::test(start_paused = true)]
    async fn first_tier_1_call_goes_at_once_and_the_next_waits_a_window() {
        let l = limiter(60_000, true);
        let method = "conversations.listConnectInvites";
        let first = l.acquire(method, "").await.unwrap();
        assert_eq!(first.waited, Duration::ZERO);
        drop(first);
        let second = l.acquire(method, "").await.unwrap();
        assert_eq!(second.waited, Duration::from_secs(60));
    }

    #[tokio::test(start_paused = true)]
    async fn the_window_starts_when_the_answer_arrives() {
        let l = limiter(1_000, true);
        let method = "team.externalTeams.disconnect";
        let sent = Instant::now();
        let first = l.acquire(method, "").await.unwrap();
        tokio::time::sleep(Duration::from_millis(300)).await;
        drop(first);
        let second = l.acquire(method, "").await.unwrap();
        assert_eq!(second.waited, Duration::from_secs(1));
        assert_eq!(sent.elapsed(), Duration::from_millis(1_300));
    }

    #[tokio::test(start_paused = true)]
    async fn tier_2_allows_twenty_per_window_and_other_methods_are_independent() {
        let l = limiter(1_000, true);
        for _ in 0..20 {
            assert_eq!(
                l.acquire("conversations.list", "").await.unwrap().waited,
                Duration::ZERO
            );
        }
        assert_eq!(
            l.acquire("auth.test", "").await.unwrap().waited,
            Duration::ZERO
        );
        assert_eq!(
            l.acquire("conversations.list", "").await.unwrap().waited,
            Duration::from_secs(1)
        );
    }

    #[tokio::test(start_paused = true)]
    async fn a_429_blocks_the_method_even_without_pacing() {
        let l = limiter(1_000, false);
        let mut events = l.events.subscribe();
        l.block("conversations.list", "", Duration::from_secs(7));
        assert_eq!(
            l.acquire("conversations.list", "").await.unwrap().waited,
            Duration::from_secs(7)
        );
        assert_eq!(
            l.acquire("auth.test", "").await.unwrap().waited,
            Duration::ZERO
        );
        assert!(matches!(
            events.try_recv(),
            Ok(ClientEvent::Waiting {
                reason: WaitReason::RetryAfter,
                ..
            })
        ));
    }

    #[tokio::test(start_paused = true)]
    async fn without_pacing_nothing_waits() {
        let l = limiter(60_000, false);
        for _ in 0..10 {
            let p = l
                .acquire("conversations.listConnectInvites", "")
                .await
                .unwrap();
            assert_eq!(p.waited, Duration::ZERO);
        }
    }

    #[tokio::test(start_paused = true)]
    async fn a_full_window_of_calls_in_flight_waits_for_an_answer() {
        let l = std::sync::Arc::new(limiter(1_000, true));
        let method = "conversations.listConnectInvites";
        let first = l.acquire(method, "").await.unwrap();
        let l2 = l.clone();
        let waiter = tokio::spawn(async move { l2.acquire(method, "").await.unwrap().waited });
        tokio::time::sleep(Duration::from_millis(500)).await;
        drop(first);
        assert_eq!(waiter.await.unwrap(), Duration::from_millis(1_500));
    }

    #[tokio::test(start_paused = true)]
    async fn each_workspace_has_its_own_budget() {
        let l = limiter(60_000, true);
        let method = "conversations.listConnectInvites";
        drop(l.acquire(method, "T1").await.unwrap());
        // T2 and T3 go at once although T1 has spent its one call a minute.
        assert_eq!(
            l.acquire(method, "T2").await.unwrap().waited,
            Duration::ZERO
        );
        assert_eq!(
            l.acquire(method, "T3").await.unwrap().waited,
            Duration::ZERO
        );
        assert_eq!(
            l.acquire(method, "T1").await.unwrap().waited,
            Duration::from_secs(60)
        );
        // A 429 in one workspace holds that workspace only.
        l.block(method, "T2", Duration::from_secs(5));
        assert_eq!(
            l.acquire(method, "T4").await.unwrap().waited,
            Duration::ZERO
        );
    }

    /// A server that asks for a day is not waited for: every call of that
    /// method is refused at once, saying how long is left, and others go on.
    #[tokio::test(start_paused = true)]
    async fn a_block_longer_than_the_ceiling_refuses_at_once() {
        let l = limiter(1_000, true);
        l.block("conversations.list", "", Duration::from_secs(100_000));
        let refused = l.acquire("conversations.list", "").await.err();
        assert_eq!(refused, Some(Refused(Duration::from_secs(100_000))));
        assert_eq!(
            l.acquire("auth.test", "").await.unwrap().waited,
            Duration::ZERO
        );
        // At the ceiling it is waited out, as any Retry-After Slack sends.
        l.block("team.info", "", Duration::from_secs(300));
        let permit = l.acquire("team.info", "").await.unwrap();
        assert_eq!(permit.waited, Duration::from_secs(300));
    }
}
