//! Peak memory of the real loop over the real client, with the emulator in
//! a separate process.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use connect_triage::app::{App, Mode, Msg};
use connect_triage::commands::tui::{LoopOptions, LoopReport, run_loop};
use connect_triage::runtime::clock::Clock;
use connect_triage::slack::{ClientOptions, SlackClient, Token};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tokio::sync::watch;

pub const SPEC: &str = "invites=100000,requests=10000,teams=2000,channels=20000";

/// The emulator process, killed (by its own PID) when dropped, and its
/// stdout, kept open so it never writes into a closed pipe.
struct Emulator(
    Child,
    #[allow(dead_code)] std::io::Lines<BufReader<std::process::ChildStdout>>,
);

impl Drop for Emulator {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Start `connect-triage emulator` and read its address and admin token.
fn start_emulator() -> (Emulator, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_connect-triage"))
        .args(["emulator", "--generate", SPEC, "--rate-limits", "off"])
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("the emulator starts");
    let stdout = child.stdout.take().expect("its stdout");
    let mut lines = BufReader::new(stdout).lines();
    let first = lines.next().expect("a first line").expect("readable");
    let base = first
        .strip_prefix("connect-triage emulator listening on ")
        .expect("the listening line")
        .to_owned();
    let token = lines
        .next()
        .expect("a token line")
        .expect("readable")
        .strip_prefix("token ")
        .and_then(|rest| rest.split_whitespace().next())
        .expect("token xoxp-…")
        .to_owned();
    (Emulator(child, lines), base, token)
}

pub fn run() {
    // As the real binary does first (src/main.rs).
    connect_triage::runtime::memory::limit_arenas(true);
    let started = Instant::now();
    let (_emulator, base, token) = start_emulator();
    println!(
        "memory: emulator --generate {SPEC} up in {:.1?}",
        started.elapsed()
    );
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    let before = super::status_kib("VmRSS");
    let (app, report, took) = runtime.block_on(load_everything(&base, &token));
    let counts = [
        app.invites.list.items.len(),
        app.requests.list.items.len(),
        app.orgs.list.items.len(),
        app.channels.list.items.len(),
    ];
    println!(
        "memory: loaded invites={} requests={} orgs={} channels={} in {took:.1?} ({} frames)",
        counts[0], counts[1], counts[2], counts[3], report.frames
    );
    println!(
        "memory: RSS before {} MiB; after load VmRSS {} MiB, VmHWM {} MiB (target ≤ 100 MiB)",
        super::mib(before),
        super::mib(super::status_kib("VmRSS")),
        super::mib(super::status_kib("VmHWM")),
    );
    assert!(
        counts.iter().all(|&n| n > 0),
        "every list loaded (a failed load would make this figure meaningless)"
    );
    diagnose(&app);
    drop(app);
}

async fn load_everything(base: &str, token: &str) -> (App, LoopReport, Duration) {
    let options = ClientOptions {
        pace: false,
        ..ClientOptions::default()
    };
    let client = SlackClient::with_options(base, Token::new(token), options).expect("client");
    let (keys, input) = futures::channel::mpsc::unbounded::<Msg>();
    let (observer, mut reports) = watch::channel(LoopReport::default());
    let mut loop_options = LoopOptions::new(Clock::System);
    loop_options.observer = Some(observer);
    let started = Instant::now();
    let handle = tokio::spawn(async move {
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
        run_loop(
            &mut terminal,
            App::new(Mode::Live, false),
            input,
            client,
            loop_options,
        )
        .await
    });
    let report = tokio::time::timeout(
        Duration::from_secs(600),
        reports.wait_for(|r| r.frames > 1 && !r.busy),
    )
    .await
    .expect("everything loads within 10 minutes")
    .expect("the loop runs")
    .clone();
    let took = started.elapsed();
    keys.unbounded_send(Msg::Key(crossterm::event::KeyEvent::from(
        crossterm::event::KeyCode::Char('q'),
    )))
    .expect("the loop listens");
    let app = handle.await.expect("the loop task").expect("the loop ends");
    (app, report, took)
}

unsafe extern "C" {
    fn malloc_trim(pad: usize) -> i32;
}

/// Diagnostics: what the rows take, and RSS once freed memory is returned.
pub fn diagnose(app: &App) {
    use connect_triage::model::rows::{Channel, Invite, Org, Request};
    use std::mem::size_of;
    let keys = app.invites.list.search_bytes();
    println!(
        "diag: size_of Invite {} Acceptance {} Request {} Org {} Channel {}; invite search keys {} MiB; interner {:?}",
        size_of::<Invite>(),
        size_of::<connect_triage::model::rows::Acceptance>(),
        size_of::<Request>(),
        size_of::<Org>(),
        size_of::<Channel>(),
        keys / (1 << 20),
        app.interner.sizes()
    );
    unsafe {
        malloc_trim(0);
    }
    println!(
        "diag: VmRSS after malloc_trim {} MiB",
        super::mib(super::status_kib("VmRSS"))
    );
}
