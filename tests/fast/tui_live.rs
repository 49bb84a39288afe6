//! Live updates through the real loop: Socket Mode events reach rows
//! without a refresh, a reconnect loses none and applies each once, a
//! decision made elsewhere takes ours out of the undo window, and polling
//! carries on when the socket is refused.

use std::time::Duration;

use connect_triage::slack::socket::SocketOptions;

use crate::common;
use crate::session::{Session, Setup};
use crate::support::emulator::call;

/// Maersk's incoming invite in the demo data, awaiting our approval.
const MAERSK: &str = "I0NBINV004";

fn quick_socket() -> SocketOptions {
    SocketOptions {
        ping_every: Duration::from_millis(200),
        silent_after: Duration::from_secs(2),
        connect_timeout: Duration::from_secs(5),
        backoff_base: Duration::from_millis(50),
        backoff_max: Duration::from_millis(400),
    }
}

fn live() -> Setup {
    Setup {
        live: Some(quick_socket()),
        size: (120, 40),
        ..Setup::demo()
    }
}

/// "Awaiting us (12)" → 12.
fn awaiting_us(screen: &str) -> usize {
    screen
        .lines()
        .find_map(|l| l.split("Awaiting us (").nth(1))
        .and_then(|rest| rest.split(')').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

/// The second admin's token (Priya Nair, with the connect scopes).
fn second_admin(s: &Session) -> String {
    s.emulator.tokens()[1].token.clone()
}

async fn approve_elsewhere(s: &Session, invite: &str) {
    let token = second_admin(s);
    let reply = call(
        &s.emulator,
        "conversations.approveSharedInvite",
        &token,
        &[("invite_id", invite)],
    )
    .await;
    assert_eq!(reply.body["ok"], true, "{:?}", reply.body);
}

fn list_calls(s: &Session) -> usize {
    s.emulator
        .request_log()
        .iter()
        .filter(|r| r.method == "conversations.listConnectInvites")
        .count()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_approval_by_another_admin_reaches_the_row_without_a_refresh() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::start(live(), dir.path()).await;
    s.settle().await;
    let screen = s.screen_until(|sc| sc.contains("[live]")).await;
    let before = awaiting_us(&screen);
    assert!(before > 1, "{screen}");
    // As much of the channel's name as its column shows at 120 columns.
    assert!(screen.contains("#maersk-q1-capac"), "{screen}");
    let lists = list_calls(&s);
    approve_elsewhere(&s, MAERSK).await;
    let screen = s.screen_until(|sc| awaiting_us(sc) == before - 1).await;
    // Both sides have approved now: the channel is connected, the invite gone.
    assert!(!screen.contains("#maersk-q1-capac"), "{screen}");
    assert_eq!(list_calls(&s), lists, "no list was read again");
    // The approval, then the channel it connected.
    s.live_events(2).await;
    let emitted = s.emulator.events_emitted();
    let kinds: Vec<&str> = emitted
        .iter()
        .filter_map(|p| p["event"]["type"].as_str())
        .collect();
    assert_eq!(kinds, ["shared_channel_invite_approved", "channel_shared"]);
    let (app, _) = s.quit().await;
    assert_eq!(app.live.unwrap().events, 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refresh_requested_disconnect_loses_no_event() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::start(live(), dir.path()).await;
    s.settle().await;
    let screen = s.screen_until(|sc| sc.contains("[live]")).await;
    let before = awaiting_us(&screen);
    s.emulator.socket_disconnect("refresh_requested");
    // Decided while the old socket closes and the new one opens.
    approve_elsewhere(&s, MAERSK).await;
    s.screen_until(|sc| awaiting_us(sc) == before - 1).await;
    s.screen_until(|sc| sc.contains("[live]")).await;
    common::eventually("a second connection", Duration::from_secs(10), || {
        s.emulator.socket_opened_total() >= 2
    })
    .await;
    let emitted = s.emulator.events_emitted().len() as u64;
    s.live_events(emitted).await;
    let (app, emulator) = s.quit().await;
    assert_eq!(app.live.unwrap().events, emitted, "each event applied once");
    assert!(emulator.socket_opened_total() >= 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_killed_socket_reconnects_and_applies_each_event_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::start(live(), dir.path()).await;
    s.settle().await;
    let screen = s.screen_until(|sc| sc.contains("[live]")).await;
    let before = awaiting_us(&screen);
    s.emulator.socket_kill();
    // The event comes while no socket is open: it waits for the next one.
    approve_elsewhere(&s, MAERSK).await;
    let screen = s.screen_until(|sc| awaiting_us(sc) == before - 1).await;
    s.screen_until(|sc| sc.contains("[live]")).await;
    assert!(s.emulator.socket_opened_total() >= 2, "{screen}");
    let emitted = s.emulator.events_emitted().len() as u64;
    common::eventually("every envelope acked", Duration::from_secs(10), || {
        s.emulator.envelopes_unacked() == 0
    })
    .await;
    s.live_events(emitted).await;
    let (app, _) = s.quit().await;
    assert_eq!(app.live.unwrap().events, emitted, "each event applied once");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_decision_made_elsewhere_takes_ours_out_of_the_undo_window() {
    let dir = tempfile::tempdir().unwrap();
    let setup = Setup {
        grace: 30,
        ..live()
    };
    let mut s = Session::start(setup, dir.path()).await;
    s.settle().await;
    s.screen_until(|sc| sc.contains("[live]")).await;
    s.send(connect_triage::app::Msg::Clock {
        now_ms: common::NOW * 1000,
    });
    // Second row: Maersk's invite (the first expires sooner).
    let screen = s.press("j a y").handled().await;
    assert!(
        screen.contains(&format!("Sending in 30 s: approve invite {MAERSK}")),
        "{screen}"
    );
    approve_elsewhere(&s, MAERSK).await;
    let screen = s
        .screen_until(|sc| sc.contains("Not sent: approve invite"))
        .await;
    assert!(
        screen.contains("decided elsewhere by Priya Nair"),
        "{screen}"
    );
    // Long past the window: still nothing of ours is sent.
    s.send(connect_triage::app::Msg::Clock {
        now_ms: (common::NOW + 60) * 1000,
    });
    s.settle().await;
    let writes = common::writes(&s.emulator);
    assert_eq!(writes.len(), 1, "only the other admin's call: {writes:?}");
    let journal = s.journal();
    let last = journal.last().unwrap();
    assert_eq!(
        last.outcome,
        Some(connect_triage::journal::Outcome::Dropped)
    );
    assert!(
        last.reason
            .as_deref()
            .is_some_and(|e| e.contains("decided elsewhere by Priya Nair")),
        "{last:?}"
    );
    s.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn polling_takes_over_when_the_socket_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut config =
        connect_triage::emulator::EmulatorConfig::new(connect_triage::emulator::Dataset::demo());
    config.fixed_now = Some(common::NOW);
    let emulator = connect_triage::emulator::start(([127, 0, 0, 1], 0).into(), config)
        .await
        .unwrap();
    emulator.socket_refuse(true);
    let mut s = Session::on(emulator, live(), dir.path()).await;
    let screen = s.settle().await;
    let screen = if screen.contains("[reconnecting") {
        screen
    } else {
        s.screen_until(|sc| sc.contains("[reconnecting")).await
    };
    // The lists load and decide as without live updates.
    assert!(awaiting_us(&screen) > 1, "{screen}");
    let screen = s.press("j a y").settle().await;
    assert!(
        screen.contains(&format!("Approved invite {MAERSK}")),
        "{screen}"
    );
    // Once the socket is allowed, live updates come back by themselves.
    s.emulator.socket_refuse(false);
    s.screen_until(|sc| sc.contains("[live]")).await;
    s.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn link_disabled_stops_live_updates_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::start(live(), dir.path()).await;
    s.settle().await;
    s.screen_until(|sc| sc.contains("[live]")).await;
    s.emulator.socket_disconnect("link_disabled");
    let screen = s
        .screen_until(|sc| sc.contains("[polling: Socket Mode off]"))
        .await;
    assert!(screen.contains("Live updates stopped"), "{screen}");
    let opened = s.emulator.socket_opened_total();
    let opens = || {
        s.emulator
            .request_log()
            .iter()
            .filter(|r| r.method == "apps.connections.open")
            .count()
    };
    let asked = opens();
    common::throughout("no new connection", Duration::from_millis(500), || {
        opens() == asked && s.emulator.socket_opened_total() == opened
    })
    .await;
    s.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_app_token_is_in_no_file_and_on_no_screen() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::start(live(), dir.path()).await;
    s.settle().await;
    let mut screens = vec![s.screen_until(|sc| sc.contains("[live]")).await];
    approve_elsewhere(&s, MAERSK).await;
    screens.push(s.press("a y").settle().await);
    screens.push(s.press("L").settle().await);
    let app_token = s.emulator.app_token();
    assert!(app_token.starts_with("xapp-"), "{app_token}");
    s.quit().await;
    for screen in &screens {
        assert!(!screen.contains(&app_token), "{screen}");
    }
    for entry in walk(dir.path()) {
        let bytes = std::fs::read(&entry).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains(&app_token), "{}", entry.display());
    }
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_silent_socket_is_noticed_and_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::start(live(), dir.path()).await;
    s.settle().await;
    s.screen_until(|sc| sc.contains("[live]")).await;
    // TCP stays up, but nothing comes: not even an answer to our pings.
    s.emulator.socket_silence(true);
    s.screen_until(|sc| sc.contains("[reconnecting")).await;
    s.emulator.socket_silence(false);
    let screen = s.screen_until(|sc| sc.contains("[live]")).await;
    assert!(s.emulator.socket_opened_total() >= 2, "{screen}");
    s.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_invite_and_a_new_request_arrive_by_themselves_tagged_new() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::start(live(), dir.path()).await;
    s.settle().await;
    s.screen_until(|sc| sc.contains("[live]")).await;
    // The outside world moves (as `--activity` makes it) until a partner invites us.
    let mut channel = None;
    for _ in 0..200 {
        let change = s.emulator.activity_step().unwrap_or_default();
        if let Some(rest) = change.split("invited us to #").nth(1) {
            channel = rest.split(' ').next().map(str::to_owned);
            break;
        }
    }
    let channel = channel.expect("a partner invited us");
    // The start of its name: the column is narrow.
    let shown: String = format!("#{channel}").chars().take(12).collect();
    let screen = s
        .screen_until(|sc| sc.lines().any(|l| l.contains(&shown) && l.contains("new")))
        .await;
    assert!(screen.contains("New invite"), "{screen}");
    // A member's request, in Requests.
    let mut asked = false;
    for _ in 0..200 {
        let events = s.emulator.events_emitted().len();
        s.emulator.activity_step();
        let emitted = s.emulator.events_emitted();
        if emitted[events..]
            .iter()
            .any(|p| p["event"]["type"] == "shared_channel_invite_requested")
        {
            asked = true;
            break;
        }
    }
    assert!(asked, "a member asked");
    let screen = s.press("2").handled().await;
    let screen = if screen.lines().any(|l| l.contains("new")) {
        screen
    } else {
        s.screen_until(|sc| sc.lines().any(|l| l.contains(" new")))
            .await
    };
    assert!(screen.contains("Requests"), "{screen}");
    s.quit().await;
}
