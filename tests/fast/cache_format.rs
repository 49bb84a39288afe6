//! The start-up cache's file: every list read back as it was saved (rows
//! of a workspace, optional fields set and unset, Unicode), owner-only and
//! without a token, in chunks that share one interner; the old JSON lines
//! file removed. Damaged and foreign files: `safety_cache_files`.

use std::sync::Arc;

use crate::support::mode;
use connect_triage::cache::{Cache, CachedRows, Snapshot, SnapshotRows};
use connect_triage::emulator::{Dataset, GenerateSpec};
use connect_triage::model::ListKind;
use connect_triage::model::rows::{Channel, Interner, Invite, Org, Request, Team, User};

use crate::common::NOW;

pub(crate) const BASE: &str = "http://127.0.0.1:9/api/";
pub(crate) const TEAM: &str = "T0NBHQ0001";

fn arc(text: &str) -> Arc<str> {
    Arc::from(text)
}

fn unicode_team() -> Arc<Team> {
    Arc::new(Team {
        id: arc("T0ÜNICODE"),
        name: Some(arc("Zürich Ünïcødé 東京 🚀 \u{202e}evil")),
        domain: Some(arc("zürich")),
        is_verified: Some(true),
    })
}

/// The demo's rows of every list, plus rows in a workspace of an org,
/// rows with every optional field unset, and Unicode everywhere.
pub(crate) fn rows() -> (Vec<Invite>, Vec<Request>, Vec<Org>, Vec<Channel>) {
    let data = Dataset::demo();
    let mut i = Interner::default();
    let ws = Some(Arc::new(Team {
        id: arc("T0NBWS0002"),
        name: Some(arc("Northbeam Ops")),
        ..Team::default()
    }));
    let mut invites: Vec<Invite> = data
        .invites
        .iter()
        .map(|w| Invite::from_wire(w, &mut i))
        .collect();
    let mut extra = invites[0].clone().in_workspace(ws.clone());
    extra.id = "I0ÜNICODE1".into();
    extra.inviting_team = Some(unicode_team());
    extra.inviting_user = Some(Arc::new(User {
        id: arc("U0ÜNICODE"),
        display: arc("Zoë 山田 👩‍💻"),
        email: Some(arc("zoë@例え.jp")),
    }));
    invites.push(extra);
    invites.push(Invite {
        id: "I0BARE0001".into(),
        direction: None,
        status: None,
        date_created: None.into(),
        date_invalid: None.into(),
        inviting_team: None,
        inviting_user: None,
        channel: None,
        recipient_email: None,
        recipient_user_id: None,
        is_external_limited: false,
        acceptances: Vec::new().into(),
        workspace: None,
    });
    let mut requests: Vec<Request> = data
        .invite_requests
        .iter()
        .map(|w| Request::from_wire(w, &mut i))
        .collect();
    let mut extra = requests[0].clone().in_workspace(ws);
    extra.id = arc("R0ÜNICODE1");
    extra.recipient_email = Some(arc("ünï@例え.jp"));
    requests.push(extra);
    requests.push(Request {
        id: arc("R0BARE0001"),
        date_created: None,
        expires_at: None,
        inviting_team: None,
        inviting_user: None,
        is_external_limited: None,
        recipient_email: None,
        channel: None,
        workspace: None,
    });
    let mut orgs: Vec<Org> = data
        .organizations
        .iter()
        .map(|w| Org::from_wire(w, &mut i))
        .collect();
    let mut extra = orgs[0].clone();
    extra.team_id = arc("T0ÜNICODE");
    extra.team_name = Some(arc("Ünïcødé 東京 🚀"));
    extra.policies = vec![arc("allow_ünicode"), arc("東京")];
    orgs.push(extra);
    let mut channels: Vec<Channel> = data
        .channels
        .iter()
        .map(|w| Channel::from_wire(w, &mut i))
        .collect();
    let mut extra = channels[0].clone();
    extra.id = "C0ÜNICODE1".into();
    extra.name = Some("général-東京-🚀".into());
    extra.purpose = Some(Box::from("Ünïcødé purpose\nwith a new line"));
    channels.push(extra);
    let mut bare = channels[0].clone();
    bare.id = "C0BARE0001".into();
    bare.name = None;
    bare.purpose = None;
    bare.members = None;
    bare.conversation_host_id = None;
    bare.connected_team_ids.clear();
    bare.internal_team_ids.clear();
    channels.push(bare);
    (invites, requests, orgs, channels)
}

fn shared<T>(rows: &[T]) -> Vec<Arc<T>>
where
    T: Clone,
{
    rows.iter().cloned().map(Arc::new).collect()
}

pub(crate) fn snapshot(kind: ListKind, rows: SnapshotRows) -> Snapshot {
    Snapshot {
        kind,
        team_id: TEAM.into(),
        saved_at: NOW,
        rows,
    }
}

pub(crate) fn save_all(cache: &Cache) -> (Vec<Invite>, Vec<Request>, Vec<Org>, Vec<Channel>) {
    let (invites, requests, orgs, channels) = rows();
    let snapshots = [
        snapshot(ListKind::Invites, SnapshotRows::Invites(shared(&invites))),
        snapshot(
            ListKind::Requests,
            SnapshotRows::Requests(shared(&requests)),
        ),
        snapshot(ListKind::Orgs, SnapshotRows::Orgs(shared(&orgs))),
        snapshot(
            ListKind::Channels,
            SnapshotRows::Channels(shared(&channels)),
        ),
    ];
    for s in &snapshots {
        cache.save(s).unwrap();
    }
    (invites, requests, orgs, channels)
}

/// What a file says once its frames are unpacked, by the layout that
/// `src/cache/file.rs` documents.
fn unpacked(bytes: &[u8]) -> Vec<u8> {
    let u32_at = |at: usize| u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap()) as usize;
    assert_eq!(&bytes[..8], b"CTCACHE\0");
    let header = u32_at(12);
    let mut out = bytes[16..16 + header].to_vec();
    let mut at = 16 + header;
    while at < bytes.len() - 4 {
        let (size, packed) = (u32_at(at + 4), u32_at(at + 8));
        at += 12;
        out.extend(zstd::bulk::decompress(&bytes[at..at + packed], size).unwrap());
        at += packed;
    }
    assert_eq!(at, bytes.len() - 4, "then the CRC-32");
    out
}

#[test]
fn every_list_reads_back_as_saved_owner_only_and_without_a_token() {
    let dir = tempfile::tempdir().unwrap();
    let cache_dir = dir.path().join("connect-triage");
    let cache = Cache::new(&cache_dir, BASE);
    let (invites, requests, orgs, channels) = save_all(&cache);
    assert!(invites.iter().any(|i| i.workspace.is_some()));
    assert!(requests.iter().any(|r| r.workspace.is_some()));
    let load = |kind| {
        let list = cache.load(kind).unwrap().expect("saved");
        assert_eq!((list.team_id.as_str(), list.saved_at), (TEAM, NOW));
        list.rows
    };
    let CachedRows::Invites(back) = load(ListKind::Invites) else {
        panic!("invites")
    };
    assert_eq!(back, invites);
    let CachedRows::Requests(back) = load(ListKind::Requests) else {
        panic!("requests")
    };
    assert_eq!(back, requests);
    let CachedRows::Orgs(back) = load(ListKind::Orgs) else {
        panic!("orgs")
    };
    assert_eq!(back, orgs);
    let CachedRows::Channels(back) = load(ListKind::Channels) else {
        panic!("channels")
    };
    assert_eq!(back, channels);

    assert_eq!(mode(&cache_dir), 0o700);
    for kind in ListKind::ALL {
        let path = cache.path(kind);
        assert_eq!(mode(&path), 0o600, "{}", path.display());
        let text = unpacked(&std::fs::read(&path).unwrap());
        let text = String::from_utf8_lossy(&text);
        assert!(text.contains(BASE) && text.contains(TEAM));
        assert!(!text.contains("xox"), "no token in {}", path.display());
    }
    let invites = String::from_utf8_lossy(&unpacked(
        &std::fs::read(cache.path(ListKind::Invites)).unwrap(),
    ))
    .into_owned();
    assert!(invites.contains("I0NBINV004") && invites.contains("Zoë 山田"));
}

#[test]
fn big_lists_come_in_chunks_that_share_one_interner() {
    let spec = GenerateSpec {
        invites: 4500,
        requests: 0,
        teams: 40,
        channels: 10,
        workspaces: 1,
    };
    let data = Dataset::generate(&spec, 7, NOW);
    let mut i = Interner::default();
    let rows: Vec<Invite> = data
        .invites
        .iter()
        .map(|w| Invite::from_wire(w, &mut i))
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let cache = Cache::new(dir.path(), BASE);
    cache
        .save(&snapshot(
            ListKind::Invites,
            SnapshotRows::Invites(shared(&rows)),
        ))
        .unwrap();
    let mut chunks = Vec::new();
    let read = cache
        .load_in_chunks(ListKind::Invites, 1000, &mut |c| chunks.push(c))
        .unwrap();
    assert_eq!(read, 4500);
    let sizes: Vec<usize> = chunks.iter().map(|c| c.rows.len()).collect();
    assert_eq!(sizes, [2000, 2000, 500], "whole stored chunks of 2000");
    assert!(chunks.iter().all(|c| !c.last && c.rows.is_encoded()));
    let mut interner = Interner::default();
    let mut back = Vec::new();
    for chunk in chunks {
        let CachedRows::Invites(rows) = chunk.rows.parsed(&mut interner).unwrap() else {
            panic!("invites")
        };
        back.extend(rows);
    }
    assert_eq!(back, rows);
    // The same team in the first chunk and the last is one value.
    let team = |r: &Invite| r.inviting_team.clone().unwrap();
    let last = back.last().unwrap();
    let first = back[..2000].iter().find(|r| team(r) == team(last)).unwrap();
    assert!(Arc::ptr_eq(&team(first), &team(last)));
    // An empty list is read back as one: no rows, as of when it was saved.
    cache
        .save(&snapshot(ListKind::Orgs, SnapshotRows::Orgs(Vec::new())))
        .unwrap();
    let list = cache.load(ListKind::Orgs).unwrap().expect("an empty list");
    assert_eq!(list.rows, CachedRows::Orgs(Vec::new()));
}

#[test]
fn saving_removes_the_old_json_lines_file() {
    let dir = tempfile::tempdir().unwrap();
    let cache = Cache::new(dir.path(), BASE);
    let old = cache.path(ListKind::Orgs).with_extension("jsonl");
    std::fs::write(&old, "{\"version\":1}\n").unwrap();
    cache
        .save(&snapshot(ListKind::Orgs, SnapshotRows::Orgs(Vec::new())))
        .unwrap();
    assert!(!old.exists());
    assert!(cache.path(ListKind::Orgs).exists());
}
