//! Starting the real emulator for the client's end-to-end tests.

#![allow(dead_code)] // each test file uses a different part of this

use std::time::Duration;

use connect_triage::emulator::{
    self, Dataset, EmulatorConfig, FaultSpec, GenerateSpec, RateLimitMode, RunningEmulator,
};
use connect_triage::slack::{ClientOptions, SlackClient, Token, Tuning};

/// A fixed clock, so expiry never depends on when the tests run. Not the
/// demo's `as_of` ([`crate::common::NOW`]): these tests generate their data
/// around this instant, and the generated datasets they check (sizes, order,
/// what has expired) were chosen at it.
pub const GENERATED_NOW: i64 = 1_760_000_000;

pub fn generated(spec: &str) -> Dataset {
    let spec: GenerateSpec = spec.parse().expect("a generate spec");
    Dataset::generate(&spec, 7, GENERATED_NOW)
}

pub async fn start(dataset: Dataset) -> RunningEmulator {
    start_with(dataset, |_| {}).await
}

pub async fn start_with(
    dataset: Dataset,
    configure: impl FnOnce(&mut EmulatorConfig),
) -> RunningEmulator {
    let mut config = EmulatorConfig::new(dataset);
    config.fixed_now = Some(GENERATED_NOW);
    config.rate_limits = RateLimitMode::Off;
    configure(&mut config);
    emulator::start("127.0.0.1:0".parse().unwrap(), config)
        .await
        .expect("the emulator starts")
}

/// Every request of `spec`'s kinds fails.
pub fn always(kinds: &str) -> FaultSpec {
    format!("rate=1.0,kinds={kinds}")
        .parse()
        .expect("a fault spec")
}

/// No pacing, no retries, a short timeout: each call's own outcome is visible.
pub fn bare() -> ClientOptions {
    ClientOptions {
        timeout: Duration::from_millis(800),
        pace: false,
        read_retries: 0,
        ..ClientOptions::default()
    }
}

pub fn client(emu: &RunningEmulator, token: Token, options: ClientOptions) -> SlackClient {
    SlackClient::with_tuning(&emu.base_url(), token, options, Tuning::scaled(60)).expect("a client")
}

pub fn admin(emu: &RunningEmulator) -> SlackClient {
    client(emu, emu.admin_token(), bare())
}

/// The emulator's default token with exactly these scopes.
pub fn token_with_scopes(emu: &RunningEmulator, scopes: &[&str]) -> Token {
    let spec = emu
        .tokens()
        .into_iter()
        .find(|t| t.scopes.len() == scopes.len() && scopes.iter().all(|s| t.has_scope(s)))
        .unwrap_or_else(|| panic!("the emulator has no token with exactly {scopes:?}"));
    Token::new(spec.token)
}

/// Writes the emulator logged, whatever their method or answer.
pub fn logged_writes(emu: &RunningEmulator) -> Vec<emulator::LoggedRequest> {
    crate::common::writes(emu)
}

/// Requests the emulator logged for `method`.
pub fn logged(emu: &RunningEmulator, method: &str) -> Vec<emulator::LoggedRequest> {
    emu.request_log()
        .into_iter()
        .filter(|r| r.method == method)
        .collect()
}
