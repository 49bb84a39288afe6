//! Drives the real TUI loop (TestBackend, scripted keys, fixed clock)
//! against an emulator on loopback: screens (as text) and the emulator's
//! state out. Demo sessions run as the `demo` command does; live sessions
//! keep a journal in a temporary folder, with the emulator's faults and
//! the client's timeouts as each test needs.

#![allow(dead_code)] // each test file uses a different part of this

use std::path::{Path, PathBuf};
use std::time::Duration;

use connect_triage::app::{App, Mode, Msg};
use connect_triage::commands::tui::{LoopOptions, LoopReport, run_loop};
use connect_triage::emulator::{self, Dataset, EmulatorConfig, RunningEmulator};
use connect_triage::journal::{Journal, JournalRecord};
use connect_triage::keys::keymap::KeySpec;
use connect_triage::runtime::clock::Clock;
use connect_triage::slack::socket::SocketOptions;
use connect_triage::slack::{ClientOptions, SlackClient, Token, Tuning};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use futures::channel::mpsc::{UnboundedSender, unbounded};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use super::common::NOW;

/// How a live, journaled session is set up.
pub struct Setup {
    pub dataset: Dataset,
    pub config: fn(&mut EmulatorConfig),
    pub client: ClientOptions,
    pub tuning: Tuning,
    pub read_only: bool,
    pub grace: u64,
    pub size: (u16, u16),
    /// Decisions an earlier session left open (as `connect-triage` finds them).
    pub earlier: Vec<JournalRecord>,
    /// Live updates with the emulator's app-level token, on these timings.
    pub live: Option<SocketOptions>,
}

impl Setup {
    pub fn demo() -> Setup {
        Setup {
            dataset: Dataset::demo(),
            config: |_| {},
            client: ClientOptions {
                pace: false,
                ..ClientOptions::default()
            },
            tuning: Tuning::default(),
            read_only: false,
            grace: 0,
            size: (80, 24),
            earlier: Vec::new(),
            live: None,
        }
    }
}

pub struct Session {
    pub emulator: RunningEmulator,
    /// Where a live session journals (`None` for demo sessions).
    journal_path: Option<PathBuf>,
    keys: UnboundedSender<Msg>,
    reports: watch::Receiver<LoopReport>,
    sent: u64,
    handle: JoinHandle<anyhow::Result<App>>,
}

async fn start_emulator(config: EmulatorConfig) -> RunningEmulator {
    emulator::start(([127, 0, 0, 1], 0).into(), config)
        .await
        .expect("emulator starts")
}

fn client_for(emulator: &RunningEmulator, options: ClientOptions, tuning: Tuning) -> SlackClient {
    SlackClient::with_tuning(
        &emulator.base_url(),
        emulator.admin_token(),
        options,
        tuning,
    )
    .expect("client")
}

impl Session {
    /// A demo session on a `width` x `height` TestBackend against the demo data.
    pub async fn demo(width: u16, height: u16) -> Session {
        Session::with_data(Dataset::demo(), width, height).await
    }

    /// A demo session against `dataset`.
    pub async fn with_data(dataset: Dataset, width: u16, height: u16) -> Session {
        Session::start_app(dataset, App::new(Mode::Demo, false), width, height).await
    }

    /// The loop on `app` (e.g. one made from a config) against `dataset`.
    pub async fn start_app(dataset: Dataset, app: App, width: u16, height: u16) -> Session {
        let mut config = EmulatorConfig::new(dataset);
        config.fixed_now = Some(NOW);
        Session::start_configured(config, Tuning::default(), app, width, height)
            .await
            .0
    }

    /// The loop on `app` against an emulator set up by `config`, with a
    /// client paced by `tuning`; also returns a clone of that client (its
    /// stats count every request and 429 of the loop's).
    pub async fn start_configured(
        config: EmulatorConfig,
        tuning: Tuning,
        app: App,
        width: u16,
        height: u16,
    ) -> (Session, SlackClient) {
        let emulator = start_emulator(config).await;
        let client = client_for(&emulator, ClientOptions::default(), tuning);
        let options = LoopOptions::new(Clock::Fixed(NOW));
        let session = Session::run(
            emulator,
            client.clone(),
            app,
            options,
            None,
            (width, height),
        );
        (session, client)
    }

    /// A fresh emulator for `setup`, and a live session on it journaling under `dir`.
    pub async fn start(setup: Setup, dir: &Path) -> Session {
        let mut config = EmulatorConfig::new(setup.dataset.clone());
        config.fixed_now = Some(NOW);
        (setup.config)(&mut config);
        let emulator = start_emulator(config).await;
        Session::on(emulator, setup, dir).await
    }

    /// A live session on a running emulator (a second session after a first).
    pub async fn on(emulator: RunningEmulator, setup: Setup, dir: &Path) -> Session {
        let journal_path = dir.join("state/connect-triage/journal.jsonl");
        let journal = Journal::open(&journal_path).expect("journal opens");
        let client = client_for(&emulator, setup.client.clone(), setup.tuning.clone());
        if setup.read_only {
            client.forbid_writes();
        }
        let mut options = LoopOptions::new(Clock::Fixed(NOW));
        options.journal = Some(journal);
        if let Some(socket) = setup.live.clone() {
            let app_token = Token::new(emulator.app_token());
            let live = SlackClient::with_tuning(
                &emulator.base_url(),
                app_token,
                setup.client.clone(),
                setup.tuning.clone(),
            )
            .expect("client");
            options.live = Some((live, socket));
        }
        let mut app = App::new(Mode::Live, setup.read_only);
        app.grace_seconds = setup.grace;
        connect_triage::app::flow::reconcile::add_earlier(&mut app, setup.earlier);
        Session::run(
            emulator,
            client,
            app,
            options,
            Some(journal_path),
            setup.size,
        )
    }

    fn run(
        emulator: RunningEmulator,
        client: SlackClient,
        app: App,
        mut options: LoopOptions,
        journal_path: Option<PathBuf>,
        (width, height): (u16, u16),
    ) -> Session {
        let (keys, input) = unbounded();
        let (observer, reports) = watch::channel(LoopReport::default());
        options.observer = Some(observer);
        let handle = tokio::spawn(async move {
            let mut terminal = Terminal::new(TestBackend::new(width, height))?;
            run_loop(&mut terminal, app, input, client, options).await
        });
        Session {
            emulator,
            journal_path,
            keys,
            reports,
            sent: 0,
            handle,
        }
    }

    /// Send any message as input (a clock tick, a signal).
    pub fn send(&mut self, msg: Msg) -> &mut Self {
        self.keys.unbounded_send(msg).expect("the loop is running");
        self.sent += 1;
        self
    }

    /// Press keys written as the keymap writes them, space-separated:
    /// `"2 j Enter"`, `"alt+enter"`, `"X"`.
    pub fn press(&mut self, keys: &str) -> &mut Self {
        for token in keys.split_whitespace() {
            let spec: KeySpec = token.parse().unwrap_or_else(|e| panic!("{e}"));
            self.send(Msg::Key(KeyEvent::new(spec.code, spec.modifiers)));
        }
        self
    }

    /// Type text character by character (spaces included).
    pub fn type_text(&mut self, text: &str) -> &mut Self {
        for c in text.chars() {
            self.send(Msg::Key(KeyEvent::new(
                KeyCode::Char(c),
                KeyModifiers::NONE,
            )));
        }
        self
    }

    /// Wait until every input was handled and nothing loads, is in flight
    /// or waits for a re-check (queued decisions count as in flight).
    pub async fn settle(&mut self) -> String {
        self.wait(|r| !r.busy).await
    }

    /// Wait until the screen shows what `done` looks for (something that
    /// arrives by itself, like a live event), with every input handled.
    pub async fn screen_until(&mut self, done: impl Fn(&str) -> bool) -> String {
        self.wait(|r| done(&r.screen)).await
    }

    /// Wait until the loop has applied `count` live events.
    pub async fn live_events(&mut self, count: u64) -> String {
        self.wait(|r| r.live_events >= count).await
    }

    /// Wait until every input was handled (things may still be in flight).
    pub async fn handled(&mut self) -> String {
        self.wait(|_| true).await
    }

    async fn wait(&mut self, also: impl Fn(&LoopReport) -> bool) -> String {
        let sent = self.sent;
        let mut reports = self.reports.clone();
        let wait = reports.wait_for(|r| r.frames > 0 && r.inputs_handled >= sent && also(r));
        let outcome = tokio::time::timeout(Duration::from_secs(60), wait)
            .await
            .map(|r| r.map(|report| report.screen.clone()));
        match outcome {
            Ok(Ok(screen)) => screen,
            Ok(Err(_)) => panic!("the loop ended:\n{}", self.reports.borrow().screen),
            Err(_) => panic!("the TUI did not settle:\n{}", self.reports.borrow().screen),
        }
    }

    pub fn journal_path(&self) -> &Path {
        self.journal_path
            .as_deref()
            .expect("a live session journals")
    }

    pub fn journal(&self) -> Vec<JournalRecord> {
        Journal::read_all(self.journal_path()).expect("the journal reads")
    }

    /// Wait for the loop to end (after `q`, a signal...) and return its state.
    pub async fn ended(self) -> (App, RunningEmulator) {
        let app = tokio::time::timeout(Duration::from_secs(20), self.handle)
            .await
            .expect("the loop ends")
            .expect("the loop task")
            .expect("the loop ends cleanly");
        (app, self.emulator)
    }

    /// Quit with `q` and return the final state.
    pub async fn quit(mut self) -> (App, RunningEmulator) {
        self.press("q");
        self.ended().await
    }
}
