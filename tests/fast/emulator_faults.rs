//! Injected faults: which ones apply a write and how each one looks on the wire.

use std::time::{Duration, Instant};

use crate::common::eventually;
use crate::support::emulator::*;
use connect_triage::emulator::{Dataset, EmulatorConfig, FaultKind, RunningEmulator};

async fn faulty(spec: &str, seed: u64, stall: Duration) -> RunningEmulator {
    let mut config = EmulatorConfig::new(Dataset::demo());
    config.fixed_now = Some(NOW);
    config.faults = Some(spec.parse().unwrap());
    config.seed = seed;
    config.timeout_stall = stall;
    start_with(config).await
}

async fn send_approve(
    emu: &RunningEmulator,
    timeout: Duration,
) -> Result<reqwest::Response, reqwest::Error> {
    reqwest::Client::builder()
        .timeout(timeout)
        .build()
        .unwrap()
        .post(format!(
            "{}conversations.approveSharedInvite",
            emu.base_url()
        ))
        .bearer_auth(admin(emu))
        .form(&[("invite_id", "I0NBINV002")])
        .send()
        .await
}

fn applied(emu: &RunningEmulator) -> bool {
    emu.snapshot().invite("I0NBINV002").is_none()
}

#[tokio::test]
async fn http_500_is_not_applied() {
    let emu = faulty("rate=1,kinds=500", 1, Duration::from_secs(1)).await;
    let resp = send_approve(&emu, Duration::from_secs(5)).await.unwrap();
    assert_eq!(resp.status().as_u16(), 500);
    assert!(!applied(&emu));
    let log = emu.request_log();
    assert_eq!(
        (log[0].status, log[0].fault, log[0].applied),
        (500, Some(FaultKind::Http500), false)
    );
}

#[tokio::test]
async fn injected_429_is_not_applied() {
    let emu = faulty("rate=1,kinds=429", 1, Duration::from_secs(1)).await;
    let r = reply(send_approve(&emu, Duration::from_secs(5)).await.unwrap()).await;
    assert_eq!(r.status, 429);
    assert_eq!(r.retry_after.as_deref(), Some("1"));
    assert_eq!(r.body["error"], "ratelimited");
    assert!(!applied(&emu));
}

#[tokio::test]
async fn reset_closes_the_connection_without_an_answer_and_is_not_applied() {
    let emu = faulty("rate=1,kinds=reset", 1, Duration::from_secs(1)).await;
    let e = send_approve(&emu, Duration::from_secs(5))
        .await
        .expect_err("no answer");
    assert!(!e.is_timeout(), "closed, not stalled: {e:?}");
    assert!(!applied(&emu));
    let log = emu.request_log();
    assert_eq!((log[0].status, log[0].fault), (0, Some(FaultKind::Reset)));
}

#[tokio::test]
async fn malformed_is_truncated_json_and_a_write_is_not_applied() {
    let emu = faulty("rate=1,kinds=malformed", 1, Duration::from_secs(1)).await;
    let resp = send_approve(&emu, Duration::from_secs(5)).await.unwrap();
    assert_eq!(resp.status().as_u16(), 200);
    let text = resp.text().await.unwrap();
    assert!(
        serde_json::from_str::<serde_json::Value>(&text).is_err(),
        "{text:?}"
    );
    assert!(!text.is_empty());
    assert!(!applied(&emu));
    // A read is answered (truncated) too.
    let r = reqwest::Client::new()
        .post(format!(
            "{}conversations.listConnectInvites",
            emu.base_url()
        ))
        .bearer_auth(admin(&emu))
        .send()
        .await
        .unwrap();
    let text = r.text().await.unwrap();
    assert!(text.starts_with(r#"{""#));
    assert!(serde_json::from_str::<serde_json::Value>(&text).is_err());
}

#[tokio::test]
async fn timeout_applies_the_write_then_stalls() {
    let emu = faulty("rate=1,kinds=timeout", 1, Duration::from_secs(3)).await;
    let started = Instant::now();
    let e = send_approve(&emu, Duration::from_millis(400))
        .await
        .expect_err("client gives up");
    assert!(e.is_timeout(), "{e:?}");
    assert!(started.elapsed() < Duration::from_secs(3));
    assert!(
        applied(&emu),
        "the hard case: applied although the client saw no answer"
    );
    let log = emu.request_log();
    assert_eq!(
        (log[0].fault, log[0].applied),
        (Some(FaultKind::Timeout), true)
    );
}

#[tokio::test]
async fn a_patient_client_gets_the_answer_after_the_stall() {
    let emu = faulty("rate=1,kinds=timeout", 1, Duration::from_millis(300)).await;
    let started = Instant::now();
    let r = reply(send_approve(&emu, Duration::from_secs(5)).await.unwrap()).await;
    assert!(started.elapsed() >= Duration::from_millis(300));
    assert_eq!(r.body["ok"], true);
}

#[tokio::test]
async fn shutdown_cuts_a_stall_short() {
    let emu = faulty("rate=1,kinds=timeout", 1, Duration::from_secs(120)).await;
    let pending = tokio::spawn({
        let emu = emu.clone();
        async move { send_approve(&emu, Duration::from_secs(150)).await }
    });
    // The emulator logs a timeout-faulted call before holding its answer
    // back, so logged yet unanswered means the request sits in the stall.
    eventually(
        "the emulator logged the approve",
        Duration::from_secs(10),
        || !emu.request_log().is_empty(),
    )
    .await;
    assert_eq!(emu.request_log()[0].fault, Some(FaultKind::Timeout));
    assert!(!pending.is_finished(), "the answer was not held back");
    let started = Instant::now();
    emu.shutdown().await;
    assert!(
        started.elapsed() < Duration::from_secs(6),
        "{:?}",
        started.elapsed()
    );
    let _ = pending.await;
}

/// The status sequence of `n` auth.test calls.
async fn statuses(spec: &str, seed: u64, n: usize) -> Vec<u16> {
    let emu = faulty(spec, seed, Duration::from_secs(1)).await;
    let mut out = Vec::new();
    for _ in 0..n {
        out.push(call(&emu, "auth.test", &admin(&emu), &[]).await.status);
    }
    out
}

#[tokio::test]
async fn faults_are_deterministic_per_seed_and_hit_the_requested_share() {
    let a = statuses("rate=0.3,kinds=500+429", 11, 200).await;
    let b = statuses("rate=0.3,kinds=500+429", 11, 200).await;
    assert_eq!(a, b);
    let c = statuses("rate=0.3,kinds=500+429", 12, 200).await;
    assert_ne!(a, c);
    let failed = a.iter().filter(|s| **s != 200).count();
    assert!((35..=85).contains(&failed), "{failed} of 200");
    assert!(a.contains(&500) && a.contains(&429));
    assert!(
        statuses("rate=0,kinds=500", 11, 30)
            .await
            .iter()
            .all(|s| *s == 200)
    );
}
