//! What every test binary shares; each includes this file with `#[path]`
//! (cargo builds no target from a folder without a `main.rs`).

#![allow(dead_code)] // each binary uses a different part of this

use std::time::{Duration, Instant};

use connect_triage::emulator::{
    self, Dataset, EmulatorConfig, LoggedRequest, RateLimitMode, RunningEmulator,
};

/// The real binary, built by cargo for these tests.
pub const BIN: &str = env!("CARGO_BIN_EXE_connect-triage");

/// The demo data's `as_of`, 2026-01-01T00:00:00Z: with it as "now",
/// timestamps stay as written and the demo's expiry order holds.
pub const NOW: i64 = 1_767_225_600;

/// The demo data on loopback at [`NOW`], rate limits off: the real binary
/// paces to Slack's real tiers, which would only make these tests slow.
pub async fn demo_emulator() -> RunningEmulator {
    let mut config = EmulatorConfig::new(Dataset::demo());
    config.fixed_now = Some(NOW);
    config.rate_limits = RateLimitMode::Off;
    emulator::start(([127, 0, 0, 1], 0).into(), config)
        .await
        .expect("the emulator starts")
}

/// Writes the emulator received, answered or not: its own log says which
/// methods change state, so no test keeps a list of names that can go stale.
pub fn writes(emulator: &RunningEmulator) -> Vec<LoggedRequest> {
    emulator
        .request_log()
        .into_iter()
        .filter(|r| r.write)
        .collect()
}

pub fn arg<'a>(args: &'a [(String, String)], name: &str) -> Option<&'a str> {
    args.iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// Wait until `done` holds, checking every few milliseconds; fail naming
/// `what` after `limit`. The limit only bounds a failing test.
pub async fn eventually(what: &str, limit: Duration, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + limit;
    while !done() {
        assert!(Instant::now() < deadline, "waited {limit:?} for {what}");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

/// Check that `holds` stays true for all of `period`, failing the moment it
/// does not: for what must never happen, where no event marks "not yet".
pub async fn throughout(what: &str, period: Duration, mut holds: impl FnMut() -> bool) {
    let end = Instant::now() + period;
    loop {
        assert!(holds(), "{what} stopped holding");
        if Instant::now() >= end {
            return;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}
