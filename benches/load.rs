//! `cargo bench --bench load`: load every list of a large generated org
//! from the embedded emulator (rate limits off, client pacing off) and report
//! wall time, requests made against the minimum, and peak memory.
//!
//! The emulator runs in this process, so the memory figures include its
//! dataset and its serialization buffers as well as the client's. Each list's
//! peak is measured after resetting the kernel's high-water mark
//! (/proc/self/clear_refs), so it is the peak *during that list*, on top of
//! the resident set it started from (shown as "base").

use std::time::{Duration, Instant};

use connect_triage::emulator::{self, Dataset, EmulatorConfig, GenerateSpec, RateLimitMode};
use connect_triage::slack::envelope::decode;
use connect_triage::slack::responses::ListConnectInvites;
use connect_triage::slack::{ClientOptions, PageStream, RequestFilter, SlackClient};
use futures::StreamExt;

const SPEC: GenerateSpec = GenerateSpec {
    invites: 100_000,
    requests: 10_000,
    teams: 2_000,
    channels: 20_000,
    workspaces: 1,
};

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    runtime.block_on(run());
}

async fn run() {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    let started = Instant::now();
    let dataset = Dataset::generate(&SPEC, 1, now);
    println!(
        "generated invites={} requests={} teams={} channels={} in {:.2?} (RSS {} MiB)",
        SPEC.invites,
        SPEC.requests,
        SPEC.teams,
        SPEC.channels,
        started.elapsed(),
        mib(status_kib("VmRSS"))
    );
    let mut config = EmulatorConfig::new(dataset);
    config.rate_limits = RateLimitMode::Off;
    let emulator = emulator::start("127.0.0.1:0".parse().unwrap(), config)
        .await
        .expect("emulator starts");
    let options = ClientOptions {
        timeout: Duration::from_secs(60),
        pace: false,
        read_retries: 0,
        ..ClientOptions::default()
    };
    let client = SlackClient::with_options(&emulator.base_url(), emulator.admin_token(), options)
        .expect("client");

    decode_cost(&emulator).await;
    println!(
        "{:<10} {:>8} {:>9} {:>9} {:>8} {:>11} {:>11}",
        "list", "items", "wall", "requests", "minimum", "base MiB", "peak MiB"
    );
    // `cargo bench --bench load -- invites teams` measures only those lists.
    let wanted: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let run = |name: &str| wanted.is_empty() || wanted.iter().any(|w| w == name);
    let all_requests = RequestFilter {
        include_approved: true,
        include_denied: true,
        include_expired: true,
        user_id: None,
    };
    let mut ok = true;
    if run("invites") {
        let pages = client.invites();
        ok &= measure(
            &client,
            "invites",
            "conversations.listConnectInvites",
            500,
            pages,
        )
        .await;
    }
    if run("requests") {
        let pages = client.invite_requests(all_requests);
        ok &= measure(
            &client,
            "requests",
            "conversations.requestSharedInvite.list",
            1000,
            pages,
        )
        .await;
    }
    if run("teams") {
        let pages = client.external_orgs();
        ok &= measure(&client, "teams", "team.externalTeams.list", 25, pages).await;
    }
    if run("channels") {
        let pages = client.shared_channels();
        ok &= measure(&client, "channels", "admin.conversations.search", 20, pages).await;
    }
    emulator.shutdown().await;
    if !ok {
        eprintln!("some lists used more requests than the minimum, or failed");
        std::process::exit(1);
    }
}

/// How much of a page's time is the client's decoding: one full page of
/// invites fetched raw, then decoded repeatedly.
async fn decode_cost(emulator: &emulator::RunningEmulator) {
    let body = reqwest::Client::new()
        .post(format!(
            "{}conversations.listConnectInvites",
            emulator.base_url()
        ))
        .bearer_auth(emulator.admin_token().expose())
        .form(&[("count", "500")])
        .send()
        .await
        .and_then(|r| r.error_for_status())
        .expect("a raw page");
    let body = body.bytes().await.expect("a raw page body");
    const ROUNDS: u32 = 20;
    let started = Instant::now();
    for _ in 0..ROUNDS {
        let page: ListConnectInvites =
            decode("conversations.listConnectInvites", &body).expect("the page decodes");
        assert_eq!(page.invites.len(), 500);
    }
    let per_page = started.elapsed() / ROUNDS;
    println!(
        "decoding one page of 500 invites ({} KiB): {per_page:.2?}",
        body.len() / 1024
    );
}

/// Load one list completely, keeping every item as a screen would.
async fn measure<T>(
    client: &SlackClient,
    name: &str,
    method: &str,
    page_size: u64,
    mut pages: PageStream<T>,
) -> bool {
    reset_peak();
    let base = status_kib("VmRSS");
    let before = client.stats().requests_for(method);
    let started = Instant::now();
    let mut items: Vec<T> = Vec::new();
    while let Some(page) = pages.next().await {
        match page {
            Ok(page) => items.extend(page.items),
            Err(error) => {
                println!("{name:<10} failed after {} items: {error}", items.len());
                return false;
            }
        }
    }
    let wall = started.elapsed();
    let requests = client.stats().requests_for(method) - before;
    let minimum = (items.len() as u64).div_ceil(page_size).max(1);
    println!(
        "{name:<10} {:>8} {:>9.3?} {:>9} {:>8} {:>11} {:>11}",
        items.len(),
        wall,
        requests,
        minimum,
        mib(base),
        mib(status_kib("VmHWM"))
    );
    drop(items);
    requests == minimum
}

/// A field of /proc/self/status in KiB (0 where there is no procfs).
fn status_kib(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|text| {
            text.lines()
                .find_map(|line| line.strip_prefix(field)?.strip_prefix(':'))
                .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0)
}

/// Reset VmHWM to the current RSS, so the next reading is this list's own peak.
fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

fn mib(kib: u64) -> String {
    format!("{:.1}", kib as f64 / 1024.0)
}
