//! A cache file that is not this cache's is ignored: another version's,
//! list's or API base's, or one read for another workspace; so is a
//! damaged one (cut short, bytes flipped, garbage), with a warning in the
//! log, never a panic.

use std::io::Write;
use std::sync::{Arc, Mutex};

use connect_triage::app::{self, App, Mode, Msg};
use connect_triage::cache::{Cache, CachedList, SnapshotRows};
use connect_triage::model::ListKind;
use connect_triage::model::rows::Interner;
use connect_triage::slack::models::AuthTest;

use crate::cache_format::{BASE, TEAM, rows, save_all, snapshot};
use crate::common::NOW;

/// What `tracing` logged while `f` ran on this thread.
fn logged<R>(f: impl FnOnce() -> R) -> (R, String) {
    #[derive(Clone, Default)]
    struct Log(Arc<Mutex<Vec<u8>>>);
    impl Write for Log {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let log = Log::default();
    let writer = log.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .with_max_level(tracing::Level::INFO)
        .finish();
    let out = tracing::subscriber::with_default(subscriber, f);
    let text = String::from_utf8_lossy(&log.0.lock().unwrap()).into_owned();
    (out, text)
}

/// Nothing at all is given for `kind`, with a line in the log.
fn ignored(cache: &Cache, kind: ListKind, why: &str) -> String {
    let mut given = Vec::new();
    let (read, log) = logged(|| cache.load_in_chunks(kind, 2000, &mut |c| given.push(c)));
    assert_eq!(read.unwrap(), 0, "{why}");
    assert!(given.is_empty(), "{why}: gave {given:?}");
    assert!(log.contains("ignoring"), "{why}: logged {log:?}");
    log
}

#[test]
fn a_damaged_file_is_ignored_with_a_warning_and_never_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let cache = Cache::new(dir.path(), BASE);
    save_all(&cache);
    let path = cache.path(ListKind::Invites);
    let good = std::fs::read(&path).unwrap();
    assert!(good.len() > 1000);
    let step = good.len() / 37;
    for cut in (0..good.len())
        .step_by(step)
        .chain(4..40)
        .chain([good.len() - 1])
    {
        std::fs::write(&path, &good[..cut]).unwrap();
        let log = ignored(&cache, ListKind::Invites, &format!("cut at {cut}"));
        assert!(log.contains("WARN"), "cut at {cut}: {log}");
    }
    for at in (0..good.len()).step_by(step).chain([8, 12, good.len() - 1]) {
        for flip in [0x01, 0x80, 0xff] {
            let mut bad = good.clone();
            bad[at] ^= flip;
            std::fs::write(&path, &bad).unwrap();
            // A flipped version byte reads as another version's file.
            ignored(&cache, ListKind::Invites, &format!("byte {at} ^ {flip:#x}"));
        }
    }
    let mut longer = good.clone();
    longer.extend_from_slice(b"more");
    std::fs::write(&path, &longer).unwrap();
    ignored(&cache, ListKind::Invites, "bytes after the end");
    // Version 1's JSON lines, or anything else, where a file is expected.
    std::fs::write(&path, b"{\"version\":1,\"kind\":\"invites\"}\n{}\n").unwrap();
    ignored(&cache, ListKind::Invites, "JSON lines");
    std::fs::write(&path, vec![0xa5; 4096]).unwrap();
    ignored(&cache, ListKind::Invites, "garbage");
    // And the next save puts a good file back.
    let rows = vec![Arc::new(rows().0.remove(0))];
    cache
        .save(&snapshot(ListKind::Invites, SnapshotRows::Invites(rows)))
        .unwrap();
    assert_eq!(
        cache.load(ListKind::Invites).unwrap().unwrap().rows.len(),
        1
    );
}

#[test]
fn another_version_list_or_api_base_is_ignored() {
    let dir = tempfile::tempdir().unwrap();
    let cache = Cache::new(dir.path(), BASE);
    save_all(&cache);
    let invites = std::fs::read(cache.path(ListKind::Invites)).unwrap();
    // Another version: the bytes after the magic.
    let mut other = invites.clone();
    other[8..12].copy_from_slice(&3u32.to_le_bytes());
    std::fs::write(cache.path(ListKind::Orgs), &other).unwrap();
    let log = ignored(&cache, ListKind::Orgs, "version 3");
    assert!(log.contains("another version"), "{log}");
    // The invites' file where the orgs' belongs.
    std::fs::write(cache.path(ListKind::Orgs), &invites).unwrap();
    ignored(&cache, ListKind::Orgs, "another list");
    // Another API base's file, where this one's would be.
    let elsewhere = Cache::new(dir.path(), "http://127.0.0.1:8/api/");
    assert_ne!(
        elsewhere.path(ListKind::Invites),
        cache.path(ListKind::Invites)
    );
    assert!(elsewhere.load(ListKind::Invites).unwrap().is_none());
    std::fs::write(elsewhere.path(ListKind::Invites), &invites).unwrap();
    ignored(&elsewhere, ListKind::Invites, "another API base");
    // The real one is still read.
    assert!(cache.load(ListKind::Invites).unwrap().is_some());
}

#[test]
fn another_workspaces_rows_are_never_shown() {
    let dir = tempfile::tempdir().unwrap();
    let cache = Cache::new(dir.path(), BASE);
    let (invites, ..) = save_all(&cache);
    let auth = |team: &str| {
        Msg::AuthLoaded(AuthTest {
            team_id: Some(team.into()),
            ..AuthTest::default()
        })
    };
    let start = |team: &str| {
        let mut app = App::new(Mode::Live, false);
        app.use_cache = true;
        app::update(&mut app, Msg::Tick { now: NOW });
        app::start(&mut app);
        app::update(&mut app, auth(team));
        let mut chunks = Vec::new();
        cache
            .load_in_chunks(ListKind::Invites, 2000, &mut |c| chunks.push(c))
            .unwrap();
        for chunk in chunks {
            app::update(&mut app, Msg::CacheLoaded(chunk));
        }
        app::update(
            &mut app,
            Msg::CacheLoaded(CachedList::end(ListKind::Invites)),
        );
        app
    };
    assert_eq!(start(TEAM).invites.list.items.len(), invites.len());
    assert!(start("T0SOMEONE1").invites.list.items.is_empty());
}

/// Past the checksum (recomputed here as if the damage came before it was
/// written), damaged chunks are refused or read as some rows: never a panic.
#[test]
fn damage_under_a_good_checksum_never_panics() {
    let dir = tempfile::tempdir().unwrap();
    let cache = Cache::new(dir.path(), BASE);
    save_all(&cache);
    let path = cache.path(ListKind::Invites);
    let good = std::fs::read(&path).unwrap();
    let end = good.len() - 4;
    let mut refused = 0;
    for at in (12..end).step_by(3) {
        let mut bad = good.clone();
        bad[at] ^= 0x5a;
        let crc = crc32fast::hash(&bad[..end]);
        bad[end..].copy_from_slice(&crc.to_le_bytes());
        std::fs::write(&path, &bad).unwrap();
        let mut interner = Interner::default();
        let mut chunks = Vec::new();
        let read = cache.load_in_chunks(ListKind::Invites, 2000, &mut |c| chunks.push(c));
        let rows: Vec<_> = chunks
            .into_iter()
            .map(|c| c.rows.parsed(&mut interner))
            .collect();
        if read.is_err() || rows.is_empty() || rows.iter().any(|r| r.is_err()) {
            refused += 1;
        }
    }
    assert!(refused > 0, "some damage is noticed even so");
}
