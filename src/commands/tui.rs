//! The TUI: `connect-triage` and `connect-triage demo`.
//!
//! One channel of `Msg` is fed by the terminal, a tick and the worker; a
//! biased `select!` takes the next message, the queue is drained into
//! `update`, effects go to the worker, and the screen is drawn once.
//! [`run_loop`] is generic over the backend and the input stream so tests
//! drive the real loop with `TestBackend`, scripted keys and a fixed clock.
//!
//! Every way out restores the terminal and closes the journal: quit, an
//! error, SIGTERM, SIGHUP (the SSH session dropped) and a panic anywhere.
//! Decisions still queued are journaled as dropped (never sent), decisions
//! sent without an answer as unknown (re-checked by the next session).
//!
//! The client is paced as `--pace` says; the demo's embedded emulator has
//! no rate limits of its own, so `demo --pace off` loads a large
//! generated org at once.

use std::time::Duration;

use anyhow::Context as _;
use crossterm::event::{Event, EventStream};
use futures::{Stream, StreamExt};
use ratatui::Terminal;
use ratatui::backend::Backend;
use tokio::sync::{mpsc, watch};

use crate::app::{self, App, Effect, Mode, Msg};
use crate::cli::{DataArgs, GlobalArgs};
use crate::commands::emulator::config_from_data;
use crate::commands::session;
use crate::config::Config;
use crate::emulator;
use crate::journal::Journal;
use crate::runtime::clock::Clock;
use crate::runtime::worker::Worker;
use crate::slack::SlackClient;
use crate::ui::{self, theme::Theme};

/// Changes a minute the demo's outside world makes (`demo --activity`).
pub const DEMO_ACTIVITY_PER_MINUTE: f64 = 3.0;

/// Where the data comes from.
pub enum Source {
    /// The embedded emulator, on the demo data or `--data` / `--generate`.
    Demo(DataArgs),
    Live {
        client: SlackClient,
        /// Holds the app-level token, for live updates (Socket Mode).
        live: Option<SlackClient>,
    },
}

/// What the loop reports after each frame, for tests that script it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LoopReport {
    /// Frames drawn so far.
    pub frames: u64,
    /// Input messages handled so far (a script waits until all it sent are).
    pub inputs_handled: u64,
    /// Something is still loading or a decision is in flight.
    pub busy: bool,
    /// The screen as text.
    pub screen: String,
    /// Live events applied so far.
    pub live_events: u64,
}

pub struct LoopOptions {
    pub clock: Clock,
    /// Where lists are saved for the next start (Live mode only).
    pub cache: Option<crate::cache::Cache>,
    /// How often a `Tick` refreshes ages and expires notices.
    pub tick: Duration,
    pub theme: Theme,
    /// Receives a [`LoopReport`] after every frame.
    pub observer: Option<watch::Sender<LoopReport>>,
    /// The decision journal; `None` keeps none (tests that do not look).
    pub journal: Option<Journal>,
    /// Live updates: a client holding the app-level token, and the socket's timings.
    pub live: Option<(SlackClient, crate::slack::socket::SocketOptions)>,
}

impl LoopOptions {
    pub fn new(clock: Clock) -> LoopOptions {
        LoopOptions {
            clock,
            cache: None,
            tick: Duration::from_secs(1),
            theme: Theme::default(),
            observer: None,
            journal: None,
            live: None,
        }
    }
}

/// Run the TUI until the admin quits (or a signal ends it); returns the
/// final state. On every way out, decisions the journal holds open are
/// closed: queued ones as dropped, sent ones as unknown.
pub async fn run_loop<B, S>(
    terminal: &mut Terminal<B>,
    app: App,
    input: S,
    client: SlackClient,
    options: LoopOptions,
) -> anyhow::Result<App>
where
    B: Backend,
    B::Error: Send + Sync + 'static,
    S: Stream<Item = Msg> + Unpin + Send + 'static,
{
    let mut app = app;
    let (tx, rx) = mpsc::channel::<Msg>(crate::runtime::worker::CHANNEL);
    app.rate_window = i64::try_from(client.rate_window().as_secs())
        .unwrap_or(60)
        .max(1);
    app.use_cache = app.use_cache || options.cache.is_some();
    let mut worker = Worker::new(client, tx).with_cache(options.cache.clone());
    if let Some(journal) = &options.journal {
        let clock = options.clock;
        worker = worker.with_journal(journal.clone(), std::sync::Arc::new(move || clock.now()));
    }
    if let Some((live_client, socket)) = &options.live {
        worker.start_live(live_client.clone(), socket.clone());
        app.live = Some(app::flow::live::LiveState {
            status: crate::slack::socket::LiveStatus::Connecting,
            retry_at: None,
            events: 0,
        });
    }
    let journal = options.journal.clone();
    let clock = options.clock;
    let result = drive(terminal, app, input, &mut worker, rx, options).await;
    // Answers that have not come by now are not waited for.
    worker.abort_all();
    if let Some(journal) = &journal {
        let why = match &result {
            Ok(app) => match app.exit_signal {
                Some(signal) => format!("{} arrived", signal.name()),
                None => "the program quit".to_owned(),
            },
            Err(_) => "the program stopped on an error".to_owned(),
        };
        if let Err(error) = journal.close_open(clock.now(), &why) {
            tracing::error!(error = %error, "could not close open decisions in the journal");
        }
    }
    result
}

async fn drive<B, S>(
    terminal: &mut Terminal<B>,
    mut app: App,
    input: S,
    worker: &mut Worker,
    mut rx: mpsc::Receiver<Msg>,
    options: LoopOptions,
) -> anyhow::Result<App>
where
    B: Backend,
    B::Error: Send + Sync + 'static,
    S: Stream<Item = Msg> + Unpin + Send + 'static,
{
    // Input is moved onto a channel by its own task: draining a stream
    // like crossterm's EventStream with `now_or_never` would register a
    // no-op waker and leave later keys waiting for the next tick.
    let (input_tx, mut input_rx) = mpsc::unbounded_channel::<Msg>();
    let forwarder = tokio::spawn(async move {
        let mut input = input;
        while let Some(msg) = input.next().await {
            if input_tx.send(msg).is_err() {
                return;
            }
        }
    });
    let _stop_forwarding = AbortOnDrop(forwarder);
    let mut ticks = tokio::time::interval(options.tick);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    let mut inputs_handled = 0u64;
    let mut frames = 0u64;

    let size = terminal.size().context("reading the terminal size")?;
    let mut pending = vec![
        Msg::Tick {
            now: options.clock.now(),
        },
        Msg::Resize {
            width: size.width,
            height: size.height,
        },
    ];
    // Loads started now are timed from now, not from 1970.
    app.now = options.clock.now();
    for effect in app::start(&mut app) {
        worker.run(effect);
    }
    loop {
        let mut list_done = false;
        for msg in pending.drain(..) {
            list_done |= matches!(msg, Msg::PageLoaded { is_last: true, .. });
            for effect in app::update(&mut app, msg) {
                if effect == Effect::Quit {
                    app.quit = true;
                } else {
                    worker.run(effect);
                }
            }
        }
        if app.quit {
            return Ok(app);
        }
        if list_done {
            crate::runtime::memory::return_freed();
        }
        let frame = terminal
            .draw(|frame| ui::draw(frame, &app, &options.theme))
            .context("drawing the screen")?;
        if let Some(observer) = &options.observer {
            frames += 1;
            observer.send_replace(LoopReport {
                frames,
                inputs_handled,
                busy: app.busy(),
                screen: ui::buffer_text(frame.buffer),
                live_events: app.live.as_ref().map_or(0, |l| l.events),
            });
        }
        // The undo queue's next send, to the millisecond (a fixed test
        // clock never moves: tests send `Msg::Clock` themselves).
        let system = options.clock == Clock::System;
        let due = app
            .grace
            .next_due_ms()
            .filter(|_| system)
            .map(|due| Duration::from_millis((due - options.clock.now_ms()).max(0) as u64 + 1));
        let grace_timer = async move {
            match due {
                Some(wait) => tokio::time::sleep(wait).await,
                None => std::future::pending().await,
            }
        };
        // Keys first so typing never waits behind a flood of pages.
        let first = tokio::select! {
            biased;
            Some(msg) = input_rx.recv() => {
                inputs_handled += 1;
                msg
            }
            Some(msg) = rx.recv() => msg,
            _ = ticks.tick() => Msg::Tick { now: options.clock.now() },
            _ = grace_timer => Msg::Clock { now_ms: options.clock.now_ms() },
        };
        if system {
            // A decision confirmed now waits its whole window from now.
            pending.push(Msg::Clock {
                now_ms: options.clock.now_ms(),
            });
        }
        pending.push(first);
        // Drain whatever else is ready, then draw once.
        while let Ok(msg) = input_rx.try_recv() {
            inputs_handled += 1;
            pending.push(msg);
        }
        while let Ok(msg) = rx.try_recv() {
            pending.push(msg);
        }
    }
}

/// Stops a task when dropped, so no reader of the terminal outlives the loop.
struct AbortOnDrop(tokio::task::JoinHandle<()>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// Terminal events the app cares about, as messages.
fn terminal_input() -> impl Stream<Item = Msg> + Unpin + Send + 'static {
    // Tests of the real binary make it panic on purpose with this key
    // (debug builds only), to see that a panic restores the terminal.
    #[cfg(debug_assertions)]
    let panic_key: Option<char> = std::env::var("CONNECT_TRIAGE_DEBUG_PANIC_KEY")
        .ok()
        .and_then(|k| k.chars().next());
    EventStream::new().filter_map(move |event| {
        futures::future::ready(match event {
            Ok(Event::Key(key)) => {
                #[cfg(debug_assertions)]
                if panic_key.is_some()
                    && key.code == crossterm::event::KeyCode::Char(panic_key.unwrap_or(' '))
                {
                    panic!("panic requested by CONNECT_TRIAGE_DEBUG_PANIC_KEY");
                }
                Some(Msg::Key(key))
            }
            Ok(Event::Resize(width, height)) => Some(Msg::Resize { width, height }),
            Ok(Event::Paste(text)) => Some(Msg::Paste(text)),
            _ => None,
        })
    })
}

/// `connect-triage` / `connect-triage demo`.
pub async fn run(global: &GlobalArgs, source: Source) -> anyhow::Result<()> {
    use std::io::IsTerminal as _;
    // Keys come from the terminal: without one the dashboard could only fail.
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        return Err(crate::exit::UsageError::new(
            "the dashboard needs a terminal for its input and output; scripts use \
             `connect-triage list …` and the decision commands (see --help)",
        )
        .into());
    }
    // The emulator must outlive the loop: it is the demo's Slack.
    let (client, live, mode, _emulator) = match source {
        Source::Live { client, live } => (client, live, Mode::Live, None),
        Source::Demo(data) => {
            let mut config = config_from_data(&data, Clock::System.now())?;
            config.seed = data.seed;
            // A new user sees the screen come alive: partners invite,
            // accept, members ask, another admin decides.
            config.activity_per_minute =
                crate::commands::emulator::activity_rate(&data, DEMO_ACTIVITY_PER_MINUTE)?;
            let running = emulator::start(([127, 0, 0, 1], 0).into(), config)
                .await
                .context("starting the embedded emulator")?;
            let base = running.base_url();
            let client = crate::connect::client(global.pace, &base, running.admin_token())?;
            let app_token = crate::slack::Token::new(running.app_token());
            let live = crate::connect::client(global.pace, &base, app_token)?;
            (client, Some(live), Mode::Demo, Some(running))
        }
    };
    let (mut config, warnings) = Config::load(global.config.as_deref());
    config.apply_flags(global);
    for warning in &warnings {
        tracing::warn!("{warning}");
    }
    let theme = Theme::named(config.effective_theme()).with_ascii(config.ascii);
    let session = session::open_journal(mode, None, Clock::System.now());
    // Without a journal no decision may be sent (DESIGN.md §6).
    let no_journal = session.journal.is_none();
    config.read_only |= no_journal;
    if config.read_only {
        // No write can leave this process, whatever the app asks for.
        client.forbid_writes();
    }
    let mut app = App::with_config(mode, config);
    app.set_config_warnings(warnings.iter().map(ToString::to_string).collect());
    if no_journal {
        app.read_only_reason = session.problem.clone();
    }
    if let Some(problem) = session.problem {
        app.notify(app::NoticeKind::Error, problem);
    }
    app::flow::reconcile::add_earlier(&mut app, session.open);
    let input = futures::stream::select(terminal_input(), session::signals()?);
    // `try_init` enters raw mode and the alternate screen; the hook makes
    // any panic journal what is open, restore the terminal and exit.
    let mut terminal = ratatui::try_init().context("setting up the terminal")?;
    // A paste arrives as one event, never as keys that could confirm a
    // decision; `restore_terminal` turns it off again on every way out.
    crossterm::execute!(std::io::stdout(), crossterm::event::EnableBracketedPaste)
        .context("setting up the terminal")?;
    session::install_panic_hook(session.journal.clone());
    let mut options = LoopOptions::new(Clock::System);
    if mode == Mode::Live {
        options.cache = crate::cache::Cache::default_dir()
            .map(|dir| crate::cache::Cache::new(dir, client.api_base()));
    }
    options.journal = session.journal;
    options.theme = theme;
    options.live = live.map(|c| (c, crate::slack::socket::SocketOptions::default()));
    let result = run_loop(&mut terminal, app, input, client, options).await;
    session::restore_terminal();
    let app = result?;
    if let Some(signal) = app.exit_signal {
        // Everything is journaled and the terminal restored: leave with
        // the status a shell expects after that signal.
        std::process::exit(i32::from(signal.exit_code()));
    }
    Ok(())
}
