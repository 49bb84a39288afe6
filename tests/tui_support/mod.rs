//! Drives the real TUI loop against an emulator on loopback: scripted keys
//! in, screens (as text) and the emulator's state out. Time is fixed.

#![allow(dead_code)] // each test file uses a different part of this

use std::time::Duration;

use connect_triage::app::{App, Mode, Msg};
use connect_triage::commands::tui::{Clock, LoopOptions, LoopReport, run_loop};
use connect_triage::emulator::{self, Dataset, EmulatorConfig, RunningEmulator};
use connect_triage::keys::keymap::KeySpec;
use connect_triage::slack::{ClientOptions, SlackClient, Tuning};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use futures::channel::mpsc::{UnboundedSender, unbounded};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tokio::sync::watch;
use tokio::task::JoinHandle;

/// The demo data's `as_of`: with it as "now", timestamps stay as written.
pub const NOW: i64 = 1_767_225_600;

pub struct Session {
    pub emulator: RunningEmulator,
    keys: UnboundedSender<Msg>,
    reports: watch::Receiver<LoopReport>,
    sent: u64,
    handle: JoinHandle<anyhow::Result<App>>,
}

impl Session {
    /// The loop on a `width` x `height` TestBackend against the demo data.
    pub async fn demo(width: u16, height: u16) -> Session {
        Session::start(Dataset::demo(), width, height).await
    }

    pub async fn start(dataset: Dataset, width: u16, height: u16) -> Session {
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
        let emulator = emulator::start(([127, 0, 0, 1], 0).into(), config)
            .await
            .expect("emulator starts");
        let client = SlackClient::with_tuning(
            &emulator.base_url(),
            emulator.admin_token(),
            ClientOptions::default(),
            tuning,
        )
        .expect("client");
        let (keys, input) = unbounded();
        let (observer, reports) = watch::channel(LoopReport::default());
        let mut options = LoopOptions::new(Clock::Fixed(NOW));
        options.observer = Some(observer);
        let loop_client = client.clone();
        let handle = tokio::spawn(async move {
            let mut terminal = Terminal::new(TestBackend::new(width, height))?;
            run_loop(&mut terminal, app, input, loop_client, options).await
        });
        let session = Session {
            emulator,
            keys,
            reports,
            sent: 0,
            handle,
        };
        (session, client)
    }

    fn send(&mut self, key: KeyEvent) {
        self.keys
            .unbounded_send(Msg::Key(key))
            .expect("the loop is running");
        self.sent += 1;
    }

    /// Press keys written as the keymap writes them, space-separated:
    /// `"2 j Enter"`, `"alt+enter"`, `"X"`.
    pub fn press(&mut self, keys: &str) -> &mut Self {
        for token in keys.split_whitespace() {
            let spec: KeySpec = token.parse().unwrap_or_else(|e| panic!("{e}"));
            self.send(KeyEvent::new(spec.code, spec.modifiers));
        }
        self
    }

    /// Type text character by character (spaces included).
    pub fn type_text(&mut self, text: &str) -> &mut Self {
        for c in text.chars() {
            self.send(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        }
        self
    }

    /// Wait until every key sent was handled and nothing is loading or in
    /// flight; return the screen.
    pub async fn settle(&mut self) -> String {
        let sent = self.sent;
        let mut reports = self.reports.clone();
        let wait = reports.wait_for(|r| r.frames > 0 && r.inputs_handled >= sent && !r.busy);
        let outcome = tokio::time::timeout(Duration::from_secs(20), wait)
            .await
            .map(|r| r.map(|report| report.screen.clone()));
        match outcome {
            Ok(Ok(screen)) => screen,
            Ok(Err(_)) => panic!("the loop ended:\n{}", self.reports.borrow().screen),
            Err(_) => panic!("the TUI did not settle:\n{}", self.reports.borrow().screen),
        }
    }

    /// Quit with `q` and return the final state.
    pub async fn quit(mut self) -> App {
        self.press("q");
        tokio::time::timeout(Duration::from_secs(10), self.handle)
            .await
            .expect("the loop quits")
            .expect("the loop task")
            .expect("the loop ends cleanly")
    }
}
