//! Drives the real TUI loop (TestBackend, scripted keys, fixed clock)
//! against an emulator on loopback, with a journal in a temporary folder,
//! and the emulator's faults and the client's timeouts as each test needs.

#![allow(dead_code)] // each test file uses a different part of this

use std::path::PathBuf;
use std::time::Duration;

use connect_triage::app::keymap::KeySpec;
use connect_triage::app::{App, Mode, Msg};
use connect_triage::commands::tui::{Clock, LoopOptions, LoopReport, run_loop};
use connect_triage::emulator::{self, Dataset, EmulatorConfig, RunningEmulator};
use connect_triage::journal::{Journal, JournalRecord};
use connect_triage::slack::{ClientOptions, SlackClient, Tuning};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use futures::channel::mpsc::{UnboundedSender, unbounded};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tokio::sync::watch;
use tokio::task::JoinHandle;

/// The demo data's `as_of`: with it as "now", timestamps stay as written.
pub const NOW: i64 = 1_767_225_600;

/// How a session is set up.
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
        }
    }
}

pub struct Session {
    pub emulator: RunningEmulator,
    pub journal_path: PathBuf,
    keys: UnboundedSender<Msg>,
    reports: watch::Receiver<LoopReport>,
    sent: u64,
    handle: JoinHandle<anyhow::Result<App>>,
}

impl Session {
    /// A fresh emulator for `setup`, and a session on it.
    pub async fn start(setup: Setup, dir: &std::path::Path) -> Session {
        let mut config = EmulatorConfig::new(setup.dataset.clone());
        config.fixed_now = Some(NOW);
        (setup.config)(&mut config);
        let emulator = emulator::start(([127, 0, 0, 1], 0).into(), config)
            .await
            .expect("emulator starts");
        Session::on(emulator, setup, dir).await
    }

    /// A session on a running emulator (a second session after a first).
    pub async fn on(emulator: RunningEmulator, setup: Setup, dir: &std::path::Path) -> Session {
        let journal_path = dir.join("state/connect-triage/journal.jsonl");
        let journal = Journal::open(&journal_path).expect("journal opens");
        let client = SlackClient::with_tuning(
            &emulator.base_url(),
            emulator.admin_token(),
            setup.client.clone(),
            setup.tuning.clone(),
        )
        .expect("client");
        if setup.read_only {
            client.forbid_writes();
        }
        let (keys, input) = unbounded();
        let (observer, reports) = watch::channel(LoopReport::default());
        let mut options = LoopOptions::new(Clock::Fixed(NOW));
        options.observer = Some(observer);
        options.journal = Some(journal);
        let mut app = App::new(Mode::Live, setup.read_only);
        app.grace_seconds = setup.grace;
        connect_triage::app::reconcile::add_earlier(&mut app, setup.earlier);
        let (width, height) = setup.size;
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

    /// Press keys written as the keymap writes them: `"2 j Enter"`.
    pub fn press(&mut self, keys: &str) -> &mut Self {
        for token in keys.split_whitespace() {
            let spec: KeySpec = token.parse().unwrap_or_else(|e| panic!("{e}"));
            self.send(Msg::Key(KeyEvent::new(spec.code, spec.modifiers)));
        }
        self
    }

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

    pub fn journal(&self) -> Vec<JournalRecord> {
        Journal::read_all(&self.journal_path).expect("the journal reads")
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

    pub async fn quit(mut self) -> (App, RunningEmulator) {
        self.press("q");
        self.ended().await
    }
}

/// Writes the emulator saw: (method, invite/channel/team argument, applied, status).
pub fn writes(emulator: &RunningEmulator) -> Vec<connect_triage::emulator::LoggedRequest> {
    emulator
        .request_log()
        .into_iter()
        .filter(|r| {
            !(r.method.contains(".list")
                || r.method.ends_with("List")
                || r.method.contains("search")
                || r.method == "auth.test")
        })
        .collect()
}

pub fn arg<'a>(args: &'a [(String, String)], name: &str) -> Option<&'a str> {
    args.iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}
