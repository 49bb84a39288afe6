//! Rate tiers under `scaled:N` and `real`: 429, Retry-After, budget rules.

use std::time::{Duration, Instant};

use crate::support::emulator::*;
use connect_triage::emulator::{Dataset, EmulatorConfig, RateLimitMode, RunningEmulator};

async fn limited(mode: RateLimitMode) -> RunningEmulator {
    let mut config = EmulatorConfig::new(Dataset::demo());
    config.fixed_now = Some(NOW);
    config.rate_limits = mode;
    start_with(config).await
}

/// A minute at `scaled:30`.
const WINDOW: Duration = Duration::from_secs(2);

/// Send `method` every few milliseconds until the emulator allows it (a
/// refused call spends no budget, so asking does not delay the answer);
/// returns how many calls were refused, each with a 429 and Retry-After.
/// Fails if it is still refused two windows on.
async fn until_allowed(
    emu: &RunningEmulator,
    method: &str,
    token: &str,
    form: &[(&str, &str)],
) -> usize {
    let deadline = Instant::now() + 2 * WINDOW;
    let mut refused = 0;
    loop {
        let r = call(emu, method, token, form).await;
        if r.status == 200 {
            assert_eq!(r.body["ok"], true, "{}", r.body);
            return refused;
        }
        assert_eq!(r.status, 429, "{}", r.body);
        assert!(r.retry_after.is_some());
        refused += 1;
        assert!(
            Instant::now() < deadline,
            "still refused after {refused} calls"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test]
async fn tier_one_allows_one_call_per_scaled_minute() {
    // scaled:30 = a two-second minute: short, yet roomy for a loaded machine.
    let emu = limited(RateLimitMode::Scaled(30)).await;
    let token = admin(&emu);
    let window_opened = Instant::now();
    let first = call(&emu, "conversations.listConnectInvites", &token, &[]).await;
    assert_eq!(first.status, 200);
    let second = call(&emu, "conversations.listConnectInvites", &token, &[]).await;
    assert_eq!(second.status, 429);
    let wait: u64 = second.retry_after.as_deref().unwrap().parse().unwrap();
    assert!((1..=2).contains(&wait), "{wait}");
    assert_eq!(
        second.body,
        serde_json::json!({"ok": false, "error": "ratelimited"})
    );
    // Other methods and other tokens have budgets of their own.
    assert_eq!(call(&emu, "auth.test", &token, &[]).await.status, 200);
    assert_eq!(
        call(
            &emu,
            "conversations.listConnectInvites",
            &non_admin(&emu),
            &[]
        )
        .await
        .status,
        200
    );
    // Asked until allowed again (a refused call spends no budget): not
    // before the window has passed since the first call, but soon after.
    let refusals = 1 + until_allowed(&emu, "conversations.listConnectInvites", &token, &[]).await;
    assert!(
        window_opened.elapsed() >= WINDOW,
        "{:?}",
        window_opened.elapsed()
    );
    let log = emu.request_log();
    let limited: Vec<_> = log.iter().filter(|l| l.status == 429).collect();
    assert_eq!(limited.len(), refusals, "each 429 logged once");
    assert!(
        limited
            .iter()
            .all(|l| l.error.as_deref() == Some("ratelimited"))
    );
}

#[tokio::test]
async fn a_rate_limited_write_is_not_applied_and_uses_no_budget() {
    let emu = limited(RateLimitMode::Scaled(30)).await;
    let token = admin(&emu);
    let window_opened = Instant::now();
    // team.externalTeams.disconnect is Tier 1: the refused call spends the budget.
    let first = call(
        &emu,
        "team.externalTeams.disconnect",
        &token,
        &[("target_team", "T0NOPE")],
    )
    .await;
    assert_eq!(first.body["error"], "invalid_target_team");
    let second = call(
        &emu,
        "team.externalTeams.disconnect",
        &token,
        &[("target_team", "T0MAERSK01")],
    )
    .await;
    assert_eq!(second.status, 429);
    let snap = emu.snapshot();
    assert_eq!(
        snap.org("T0MAERSK01").unwrap().connection_status.as_deref(),
        Some("CONNECTED")
    );
    // Hammering through the whole window, its end included, must not push
    // it further out: were these 429s counted, every call would be refused.
    let refusals = until_allowed(
        &emu,
        "team.externalTeams.disconnect",
        &token,
        &[("target_team", "T0MAERSK01")],
    )
    .await;
    assert!(refusals >= 5, "{refusals} calls refused within the window");
    assert!(
        window_opened.elapsed() >= WINDOW,
        "{:?}",
        window_opened.elapsed()
    );
    let log = emu.request_log();
    assert_eq!(log.iter().filter(|l| l.applied).count(), 1);
}

#[tokio::test]
async fn tier_two_budget_is_twenty_per_window() {
    let emu = limited(RateLimitMode::Scaled(6)).await;
    let token = admin(&emu);
    for i in 0..20 {
        let r = call(&emu, "team.externalTeams.list", &token, &[]).await;
        assert_eq!(r.status, 200, "call {i}");
    }
    let r = call(&emu, "team.externalTeams.list", &token, &[]).await;
    assert_eq!(r.status, 429);
    let wait: u64 = r.retry_after.unwrap().parse().unwrap();
    assert!((1..=10).contains(&wait), "{wait}");
}

#[tokio::test]
async fn real_limits_ask_to_wait_up_to_a_minute() {
    let emu = limited(RateLimitMode::Real).await;
    let token = admin(&emu);
    assert_eq!(
        call(&emu, "conversations.listConnectInvites", &token, &[])
            .await
            .status,
        200
    );
    let r = call(&emu, "conversations.listConnectInvites", &token, &[]).await;
    assert_eq!(r.status, 429);
    let wait: u64 = r.retry_after.unwrap().parse().unwrap();
    assert!((55..=60).contains(&wait), "{wait}");
    // auth.test's special tier allows hundreds per minute.
    for _ in 0..50 {
        assert_eq!(call(&emu, "auth.test", &token, &[]).await.status, 200);
    }
}

#[tokio::test]
async fn off_never_limits() {
    let emu = limited(RateLimitMode::Off).await;
    let token = admin(&emu);
    for _ in 0..10 {
        assert_eq!(
            call(&emu, "conversations.listConnectInvites", &token, &[])
                .await
                .status,
            200
        );
    }
}
