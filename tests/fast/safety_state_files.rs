//! The files the tool keeps (journal, log, cache) can't be redirected by a
//! planted link or a folder others can write, and a damaged journal is
//! read as far as it can be, moved aside once and never silently trusted.

use std::os::unix::fs::PermissionsExt;

use crate::support::cli::*;
use crate::support::mode;
use connect_triage::cache::{Cache, Snapshot, SnapshotRows};
use connect_triage::model::ListKind;

/// A cache file's worth: workspace T1 has no connected orgs.
fn no_orgs() -> Snapshot {
    Snapshot {
        kind: ListKind::Orgs,
        team_id: "T1".into(),
        saved_at: 0,
        rows: SnapshotRows::Orgs(Vec::new()),
    }
}

/// A file someone else would care about, world-readable as they keep it.
fn victim(dir: &std::path::Path) -> std::path::PathBuf {
    let victim = dir.join("victim.txt");
    std::fs::write(&victim, "do not touch").unwrap();
    std::fs::set_permissions(&victim, std::fs::Permissions::from_mode(0o644)).unwrap();
    victim
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_link_at_the_journal_or_the_log_redirects_nothing() {
    let env = Env::demo().await;
    let victim = victim(env.dir.path());
    std::fs::create_dir_all(env.state_dir()).unwrap();
    std::os::unix::fs::symlink(&victim, env.state_dir().join("journal.jsonl")).unwrap();
    std::os::unix::fs::symlink(&victim, env.state_dir().join("connect-triage.log")).unwrap();
    let out = env.run(&["approve", "I0NBINV004", "--yes"]).await;
    assert_ne!(code(&out), 0, "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("symbolic link") && err.contains("nothing was sent"),
        "{err}"
    );
    assert!(env.writes().is_empty(), "no decision without a journal");
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "do not touch");
    assert_eq!(mode(&victim), 0o644, "not chmod'ed either");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_state_folder_others_can_write_is_refused_with_the_fix() {
    let env = Env::demo().await;
    std::fs::create_dir_all(env.state_dir()).unwrap();
    std::fs::set_permissions(env.state_dir(), std::fs::Permissions::from_mode(0o777)).unwrap();
    let out = env.run(&["approve", "I0NBINV004", "--yes"]).await;
    assert_ne!(code(&out), 0);
    assert!(stderr(&out).contains("chmod 700"), "{}", stderr(&out));
    assert!(env.writes().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_damaged_journal_is_read_as_far_as_it_goes_and_moved_aside_once() {
    let env = Env::demo().await;
    let done = env.run(&["approve", "I0NBINV004", "--yes"]).await;
    assert_eq!(code(&done), 0, "{}", stderr(&done));
    let path = env.state_dir().join("journal.jsonl");
    let mut bytes = std::fs::read(&path).unwrap();
    bytes.extend_from_slice(b"\xff\xfe not a record\n");
    std::fs::write(&path, &bytes).unwrap();

    let log = env.run(&["log"]).await;
    assert_eq!(code(&log), 0, "{}", stderr(&log));
    assert!(stdout(&log).contains("I0NBINV004"), "{}", stdout(&log));
    assert!(
        stderr(&log).contains("line 4"),
        "names the bad line: {}",
        stderr(&log)
    );

    let again = env.run(&["decline", "I0NBINV025", "--yes"]).await;
    assert_eq!(code(&again), 0, "{}", stderr(&again));
    assert!(
        stderr(&again).contains("moved to"),
        "said: {}",
        stderr(&again)
    );
    let aside: Vec<_> = std::fs::read_dir(env.state_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.starts_with("journal.jsonl.broken-"))
        .collect();
    assert_eq!(aside.len(), 1, "{aside:?}");
    let items: Vec<String> = env.journal().into_iter().map(|r| r.item_id).collect();
    assert!(
        items.contains(&"I0NBINV004".to_owned()),
        "the readable records carried over"
    );
    assert!(items.contains(&"I0NBINV025".to_owned()));
    let third = env.run(&["log"]).await;
    assert!(
        !stderr(&third).contains("not journal records"),
        "{}",
        stderr(&third)
    );
}

#[test]
fn the_cache_replaces_a_planted_link_instead_of_writing_through_it() {
    let dir = tempfile::tempdir().unwrap();
    let victim = victim(dir.path());
    let cache = Cache::new(dir.path().join("cache"), "http://127.0.0.1:1/api/");
    std::fs::create_dir_all(dir.path().join("cache")).unwrap();
    std::os::unix::fs::symlink(&victim, cache.path(ListKind::Orgs)).unwrap();
    cache.save(&no_orgs()).unwrap();
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "do not touch");
    assert_eq!(
        mode(&cache.path(ListKind::Orgs)),
        0o600,
        "a file of its own now"
    );
    let names: Vec<String> = std::fs::read_dir(dir.path().join("cache"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(names.len(), 1, "no temporary file left: {names:?}");
}

#[test]
fn the_cache_is_never_read_through_a_planted_link() {
    let dir = tempfile::tempdir().unwrap();
    let base = "http://127.0.0.1:1/api/";
    // A good cache file of this API base, elsewhere.
    let elsewhere = Cache::new(dir.path().join("elsewhere"), base);
    elsewhere.save(&no_orgs()).unwrap();
    assert!(elsewhere.load(ListKind::Orgs).unwrap().is_some());
    let cache = Cache::new(dir.path().join("cache"), base);
    std::fs::create_dir_all(dir.path().join("cache")).unwrap();
    std::os::unix::fs::symlink(elsewhere.path(ListKind::Orgs), cache.path(ListKind::Orgs)).unwrap();
    let mut given = 0;
    let read = cache.load_in_chunks(ListKind::Orgs, 2000, &mut |_| given += 1);
    let error = read.expect_err("a link is refused, and said");
    assert!(error.to_string().contains("symbolic link"), "{error}");
    assert_eq!(given, 0);
}
