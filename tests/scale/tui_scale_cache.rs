//! The start-up cache: lists saved after a load, owner-only on disk, never
//! the token; read back at the next start and shown at once with their
//! age until fresh pages replace them; another workspace's never shown.

use std::os::unix::fs::PermissionsExt;

use crate::common::NOW;
use crate::offline;
use connect_triage::app;
use connect_triage::app::{App, ListItems, Mode, Msg};
use connect_triage::cache::{Cache, CachedRows};
use connect_triage::emulator::Dataset;
use connect_triage::model::ListKind;
use connect_triage::slack::models::AuthTest;

const BASE: &str = "http://127.0.0.1:9/api/";

fn auth(team: &str) -> Msg {
    Msg::AuthLoaded(AuthTest {
        team_id: Some(team.into()),
        enterprise_id: Some("E0NBORG001".into()),
        team: Some("Northbeam".into()),
        user: Some("maya".into()),
        ..AuthTest::default()
    })
}

fn live_app(now: i64) -> App {
    let mut app = App::new(Mode::Live, false);
    app.use_cache = true;
    app::update(&mut app, Msg::Tick { now });
    app::update(
        &mut app,
        Msg::Resize {
            width: 100,
            height: 30,
        },
    );
    app
}

fn screen(app: &App) -> String {
    offline::screen(app, (100, 30))
}

#[test]
fn lists_are_saved_privately_and_shown_at_the_next_start() {
    let dir = tempfile::tempdir().unwrap();
    let cache_dir = dir.path().join("connect-triage");
    let cache = Cache::new(&cache_dir, BASE);
    let data = Dataset::demo();
    let team = data.self_team.clone().unwrap().team_id.unwrap();

    // A session loads the invites; the load's end asks for a save.
    let mut app = live_app(NOW);
    app::update(&mut app, auth(&team));
    let effects = app::update(
        &mut app,
        Msg::PageLoaded {
            items: ListItems::Invites(data.invites.clone()),
            total: None,
            is_last: true,
            workspace: None,
        },
    );
    let snapshot = effects
        .iter()
        .find_map(|e| match e {
            app::Effect::SaveCache(s) => Some(s.clone()),
            _ => None,
        })
        .expect("a finished load is saved");
    cache.save(&snapshot).unwrap();
    let file = cache.path(ListKind::Invites);
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&cache_dir), 0o700);
    assert_eq!(mode(&file), 0o600);
    let bytes = std::fs::read(&file).unwrap();
    assert!(bytes.starts_with(b"CTCACHE\0"), "the binary format");
    assert!(
        !bytes.windows(3).any(|w| w == b"xox"),
        "no token in the cache"
    );
    // Another API base has its own file; this one is not read for it.
    assert!(
        Cache::new(&cache_dir, "http://127.0.0.1:8/api/")
            .load(ListKind::Invites)
            .unwrap()
            .is_none()
    );

    // An hour later, the next session shows them at once, with their age.
    let cached = cache.load(ListKind::Invites).unwrap().expect("saved");
    let CachedRows::Invites(rows) = &cached.rows else {
        panic!("invites read back");
    };
    assert!(rows.iter().any(|r| r.id() == "I0NBINV004"));
    let mut next = live_app(NOW + 3600);
    for effect in app::start(&mut next) {
        assert!(!matches!(effect, app::Effect::SaveCache(_)));
    }
    app::update(&mut next, Msg::CacheLoaded(cached.clone()));
    assert_eq!(next.invites.list.items.len(), 27);
    let text = screen(&next);
    assert!(text.contains("cached 1h ago"), "{text}");
    app::update(&mut next, auth(&team));
    assert_eq!(
        next.invites.list.items.len(),
        27,
        "our own workspace's rows stay"
    );
    // Fresh pages replace them; what Slack no longer lists goes.
    let fresh: Vec<_> = data.invites.iter().take(20).cloned().collect();
    app::update(
        &mut next,
        Msg::PageLoaded {
            items: ListItems::Invites(fresh),
            total: None,
            is_last: true,
            workspace: None,
        },
    );
    assert_eq!(next.invites.list.items.len(), 20);
    assert!(!screen(&next).contains("cached"));

    // Rows saved for another workspace are dropped once we know who we are.
    let mut other = live_app(NOW + 3600);
    app::start(&mut other);
    app::update(&mut other, Msg::CacheLoaded(cached));
    assert_eq!(other.invites.list.items.len(), 27);
    app::update(&mut other, auth("T0SOMEONE1"));
    assert!(other.invites.list.items.is_empty(), "not ours: not shown");
    // The demo never saves: its data is not anyone's workspace.
    let mut demo = App::new(Mode::Demo, false);
    demo.use_cache = true;
    app::update(&mut demo, auth(&team));
    assert!(app::flow::refresh::snapshot(&demo, ListKind::Invites).is_none());
}
