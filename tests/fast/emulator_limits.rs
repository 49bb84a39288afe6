//! Rate tiers under `scaled:N` and `real`: 429, Retry-After, budget rules.

use std::time::Duration;

use crate::support::emulator::*;
use connect_triage::emulator::{Dataset, EmulatorConfig, RateLimitMode, RunningEmulator};

async fn limited(mode: RateLimitMode) -> RunningEmulator {
    let mut config = EmulatorConfig::new(Dataset::demo());
    config.fixed_now = Some(NOW);
    config.rate_limits = mode;
    start_with(config).await
}

#[tokio::test]
async fn tier_one_allows_one_call_per_scaled_minute() {
    // scaled:30 = a two-second minute: short, yet roomy for a loaded machine.
    let emu = limited(RateLimitMode::Scaled(30)).await;
    let token = admin(&emu);
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
    tokio::time::sleep(Duration::from_millis(2100)).await;
    assert_eq!(
        call(&emu, "conversations.listConnectInvites", &token, &[])
            .await
            .status,
        200
    );
    let log = emu.request_log();
    let limited: Vec<_> = log.iter().filter(|l| l.status == 429).collect();
    assert_eq!(limited.len(), 1);
    assert_eq!(limited[0].error.as_deref(), Some("ratelimited"));
}

#[tokio::test]
async fn a_rate_limited_write_is_not_applied_and_uses_no_budget() {
    let emu = limited(RateLimitMode::Scaled(30)).await;
    let token = admin(&emu);
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
    // Hammering late in the window must not push it further out: were these
    // 429s counted, the call after the window would be refused as well.
    tokio::time::sleep(Duration::from_millis(1200)).await;
    for _ in 0..5 {
        assert_eq!(
            call(
                &emu,
                "team.externalTeams.disconnect",
                &token,
                &[("target_team", "T0MAERSK01")]
            )
            .await
            .status,
            429
        );
    }
    tokio::time::sleep(Duration::from_millis(1000)).await;
    let third = call(
        &emu,
        "team.externalTeams.disconnect",
        &token,
        &[("target_team", "T0MAERSK01")],
    )
    .await;
    assert_eq!(third.body["ok"], true);
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
