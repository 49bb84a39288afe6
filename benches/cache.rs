//! `cargo bench --bench cache`: the start-up cache at scale.
//!
//! The generated org (100,000 invites, 10,000 requests, 2,000 orgs, 20,000
//! channels) is loaded through `update` as Slack's pages would bring it,
//! each list saved as the app saves it, and read back as the TUI starts:
//! one reader thread per list hands chunks through a bounded channel (as
//! the worker does) to `update` on this thread, which parses them into
//! rows sharing the app's interner. Reported: each file's size, and how
//! long until 100,000 invites are on screen (target: 1.5 s from start,
//! 20 MB of files in all).

use std::sync::mpsc;
use std::time::{Duration, Instant};

use connect_triage::app::{self, App, ListItems, Mode, Msg};
use connect_triage::cache::Cache;
use connect_triage::emulator::{Dataset, GenerateSpec};
use connect_triage::model::ListKind;
use connect_triage::slack::models::AuthTest;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

const NOW: i64 = 1_767_225_600;
const BASE: &str = "http://127.0.0.1:9/api/";
/// As the worker reads: rows a chunk, and the loop's channel's bound.
const CHUNK: usize = 2000;
const CHANNEL: usize = 2;

fn auth(dataset: &Dataset) -> Msg {
    let me = dataset.self_team.clone().unwrap_or_default();
    Msg::AuthLoaded(AuthTest {
        team_id: me.team_id,
        enterprise_id: me.enterprise_id,
        team: me.team,
        user: me.user,
        ..AuthTest::default()
    })
}

fn fresh_app() -> App {
    let mut app = App::new(Mode::Live, false);
    app.use_cache = true;
    app::update(
        &mut app,
        Msg::Resize {
            width: 120,
            height: 40,
        },
    );
    app::update(&mut app, Msg::Tick { now: NOW });
    app
}

fn pages<T>(items: Vec<T>, size: usize, wrap: fn(Vec<T>) -> ListItems, app: &mut App) {
    let total = items.len();
    let mut items = items.into_iter().peekable();
    while items.peek().is_some() {
        let page: Vec<T> = items.by_ref().take(size).collect();
        app::update(
            app,
            Msg::PageLoaded {
                items: wrap(page),
                total: Some(total as u64),
                is_last: items.peek().is_none(),
                workspace: None,
            },
        );
    }
}

fn frame(app: &App) {
    let theme = connect_triage::ui::theme::Theme::default();
    let area = Rect::new(0, 0, 120, 40);
    let mut buf = Buffer::empty(area);
    connect_triage::ui::render(app, &theme, area, &mut buf);
    std::hint::black_box(&buf);
}

fn mb(bytes: u64) -> String {
    format!("{:.2} MB", bytes as f64 / 1e6)
}

/// Save every list of a loaded app into `cache`, reporting each file.
fn save_all(cache: &Cache) -> Dataset {
    let spec = GenerateSpec {
        invites: 100_000,
        requests: 10_000,
        teams: 2_000,
        channels: 20_000,
        workspaces: 1,
    };
    let dataset = Dataset::generate(&spec, 1, NOW);
    let mut app = fresh_app();
    app::update(&mut app, auth(&dataset));
    let data = dataset.clone();
    pages(data.invites, 500, ListItems::Invites, &mut app);
    pages(data.invite_requests, 1000, ListItems::Requests, &mut app);
    pages(data.organizations, 25, ListItems::Orgs, &mut app);
    pages(data.channels, 20, ListItems::Channels, &mut app);
    let mut total = 0;
    for kind in ListKind::ALL {
        let snapshot = app::flow::refresh::snapshot(&app, kind).expect("a loaded list");
        let started = Instant::now();
        cache.save(&snapshot).expect("saved");
        let took = started.elapsed();
        let size = std::fs::metadata(cache.path(kind)).unwrap().len();
        total += size;
        println!(
            "cache: {kind:?}: {} rows, {} on disk, saved in {took:.2?}",
            app::list::ops::with_list_ref(&app, kind, |l| l.total_rows()),
            mb(size)
        );
    }
    println!("cache: all four files: {} (target <= 20 MB)", mb(total));
    dataset
}

/// Start as the TUI starts, with the cache of `kinds` read by one thread
/// per list.
fn load(cache: &Cache, dataset: &Dataset, kinds: &[ListKind]) -> (Duration, Duration, Duration) {
    let started = Instant::now();
    let mut app = fresh_app();
    app::start(&mut app);
    let (tx, rx) = mpsc::sync_channel::<Msg>(CHANNEL);
    let readers: Vec<_> = kinds
        .iter()
        .copied()
        .map(|kind| {
            let (cache, tx) = (cache.clone(), tx.clone());
            std::thread::spawn(move || {
                cache
                    .load_in_chunks(kind, CHUNK, &mut |list| {
                        let _ = tx.send(Msg::CacheLoaded(list));
                    })
                    .expect("readable");
                let _ = tx.send(Msg::CacheLoaded(connect_triage::cache::CachedList::end(
                    kind,
                )));
            })
        })
        .collect();
    drop(tx);
    let mut invites_shown = None;
    for msg in rx {
        app::update(&mut app, msg);
        if invites_shown.is_none() && app.invites.list.items.len() == 100_000 {
            frame(&app);
            invites_shown = Some(started.elapsed());
        }
    }
    frame(&app);
    let everything = started.elapsed();
    for reader in readers {
        reader.join().expect("a reader");
    }
    assert_eq!(
        app.invites.list.items.len(),
        100_000,
        "every invite read back"
    );
    if kinds.contains(&ListKind::Channels) {
        assert_eq!(app.channels.list.items.len(), dataset.channels.len());
    }
    app::update(&mut app, auth(dataset));
    let with_auth = started.elapsed();
    assert_eq!(app.invites.list.items.len(), 100_000, "ours: kept");
    (invites_shown.expect("invites shown"), everything, with_auth)
}

fn main() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let cache = Cache::new(dir.path().join("connect-triage"), BASE);
    let dataset = save_all(&cache);
    for kind in ListKind::ALL {
        let started = Instant::now();
        let mut interner = connect_triage::model::rows::Interner::default();
        let mut rows = 0;
        cache
            .load_in_chunks(kind, CHUNK, &mut |list| {
                rows += list.rows.parsed(&mut interner).expect("decoded").len();
            })
            .expect("readable");
        println!(
            "cache: {kind:?}: {rows} rows read and decoded (no app) in {:.2?}",
            started.elapsed()
        );
    }
    for round in 1..=3 {
        let (invites, _, with_auth) = load(&cache, &dataset, &[ListKind::Invites]);
        println!(
            "cache: start {round}, invites alone: 100,000 on screen after {invites:.2?} \
             (target <= 1.5 s); auth.test answered after {with_auth:.2?}"
        );
        let (invites, everything, with_auth) = load(&cache, &dataset, &ListKind::ALL);
        println!(
            "cache: start {round}, all four lists: 100,000 invites on screen after {invites:.2?}; \
             everything after {everything:.2?}; auth.test answered after {with_auth:.2?}"
        );
    }
}
