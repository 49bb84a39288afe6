//! `cargo bench --bench live`: how long a Socket Mode event takes to reach
//! the screen, through the real loop (`run_loop` on a 120x40 `TestBackend`,
//! the real worker and socket client) against the emulator on loopback.
//!
//! A second admin approves invites awaiting us one at a time over the Web
//! API; each sample runs from just before that call is sent to the first
//! frame whose "Awaiting us" count shows the change, so it includes the
//! approve call itself, the event's trip over the WebSocket, `update` and
//! the draw. Target: p99 under 50 ms.

use std::time::{Duration, Instant};

use connect_triage::app::{App, Mode};
use connect_triage::commands::tui::{LoopOptions, LoopReport, run_loop};
use connect_triage::emulator::{self, Dataset, EmulatorConfig, GenerateSpec};
use connect_triage::runtime::clock::Clock;
use connect_triage::slack::socket::SocketOptions;
use connect_triage::slack::{ClientOptions, SlackClient, Token, Tuning};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tokio::sync::watch;

const SAMPLES: usize = 120;

fn awaiting_us(screen: &str) -> Option<usize> {
    screen
        .lines()
        .find_map(|l| l.split("Awaiting us (").nth(1))
        .and_then(|rest| rest.split(')').next())
        .and_then(|n| n.parse().ok())
}

async fn wait_for(
    reports: &mut watch::Receiver<LoopReport>,
    limit: Duration,
    done: impl Fn(&LoopReport) -> bool,
) -> Option<LoopReport> {
    tokio::time::timeout(limit, reports.wait_for(|r| done(r)))
        .await
        .ok()
        .and_then(|r| r.ok().map(|r| r.clone()))
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let now = Clock::System.now();
    let spec: GenerateSpec = "invites=600,requests=10,teams=60,channels=60"
        .parse()
        .expect("spec");
    let emulator = emulator::start(
        ([127, 0, 0, 1], 0).into(),
        EmulatorConfig::new(Dataset::generate(&spec, 7, now)),
    )
    .await
    .expect("emulator");
    let unpaced = ClientOptions {
        pace: false,
        ..ClientOptions::default()
    };
    let client = SlackClient::with_tuning(
        &emulator.base_url(),
        emulator.admin_token(),
        unpaced.clone(),
        Tuning::default(),
    )
    .expect("client");
    let live = SlackClient::with_tuning(
        &emulator.base_url(),
        Token::new(emulator.app_token()),
        unpaced,
        Tuning::default(),
    )
    .expect("client");
    let (observer, mut reports) = watch::channel(LoopReport::default());
    let mut options = LoopOptions::new(Clock::System);
    options.observer = Some(observer);
    options.live = Some((live, SocketOptions::default()));
    // Keys never come; the loop runs until the bench ends.
    let (_keys, input) = futures::channel::mpsc::unbounded();
    tokio::spawn(async move {
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
        run_loop(
            &mut terminal,
            App::new(Mode::Live, false),
            input,
            client,
            options,
        )
        .await
    });
    wait_for(&mut reports, Duration::from_secs(60), |r| {
        !r.busy && r.screen.contains("[live]") && awaiting_us(&r.screen).is_some()
    })
    .await
    .expect("the TUI loads and goes live");

    let second_admin = emulator.tokens()[1].token.clone();
    let http = reqwest::Client::new();
    let ids: Vec<String> = emulator
        .snapshot()
        .invites
        .iter()
        .map(|i| i.id.clone())
        .collect();
    let mut samples = Vec::new();
    for id in ids {
        if samples.len() == SAMPLES {
            break;
        }
        let Some(before) = awaiting_us(&reports.borrow().screen) else {
            break;
        };
        let started = Instant::now();
        let answer: serde_json::Value = http
            .post(format!(
                "{}conversations.approveSharedInvite",
                emulator.base_url()
            ))
            .bearer_auth(&second_admin)
            .form(&[("invite_id", id.as_str())])
            .send()
            .await
            .expect("approve sent")
            .json()
            .await
            .expect("approve answered");
        if answer["ok"] != true {
            // Not ours to approve (awaiting them): no sample.
            continue;
        }
        let seen = wait_for(&mut reports, Duration::from_secs(2), |r| {
            awaiting_us(&r.screen).is_some_and(|n| n != before)
        })
        .await;
        if seen.is_some() {
            samples.push(started.elapsed());
        }
    }
    samples.sort();
    let at = |q: f64| {
        let i = ((samples.len() as f64 - 1.0) * q).round() as usize;
        samples[i].as_secs_f64() * 1000.0
    };
    assert!(!samples.is_empty(), "no invite awaited us");
    println!(
        "event → row on screen, {} samples: p50 {:.1} ms · p99 {:.1} ms · max {:.1} ms (target p99 < 50 ms)",
        samples.len(),
        at(0.5),
        at(0.99),
        at(1.0)
    );
}
