//! The Socket Mode client against a scripted WebSocket server: hello
//! first, every envelope acked, a redelivered event handled once, pings
//! answered, a new connection opened before the old one closes, and
//! `link_disabled` or a refused token stopping for good.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use connect_triage::slack::models::ConnectEvent;
use connect_triage::slack::socket::{self, LiveOutput, LiveStatus, SocketOptions};
use futures::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio::net::TcpListener;
use tokio::sync::mpsc;
use tokio_tungstenite::tungstenite::Message;

use crate::support::fake::{Reply, fake, json as reply_json};

fn quick() -> SocketOptions {
    SocketOptions {
        ping_every: Duration::from_millis(100),
        silent_after: Duration::from_secs(2),
        connect_timeout: Duration::from_secs(2),
        backoff_base: Duration::from_millis(20),
        backoff_max: Duration::from_millis(100),
    }
}

fn hello() -> Message {
    Message::Text(
        json!({"type": "hello", "num_connections": 1, "connection_info": {"app_id": "A1"},
               "debug_info": {"host": "test"}})
        .to_string()
        .into(),
    )
}

fn envelope(envelope_id: &str, event_id: &str, retry: u32) -> Message {
    let event = json!({
        "type": "shared_channel_invite_declined",
        "invite": {"id": "I1"},
        "channel": {"id": "C1", "name": "ops"},
        "declining_team_id": "T2",
        "event_ts": "1700000000.000100"
    });
    let payload = json!({
        "token": "x", "team_id": "T1", "api_app_id": "A1", "type": "event_callback",
        "event_id": event_id, "event_time": 1_700_000_000, "event": event,
        "authorizations": [{"team_id": "T1", "is_bot": false, "is_enterprise_install": false}]
    });
    Message::Text(
        json!({"envelope_id": envelope_id, "type": "events_api", "payload": payload,
               "accepts_response_payload": false, "retry_attempt": retry,
               "retry_reason": if retry == 0 { "" } else { "timeout" }})
        .to_string()
        .into(),
    )
}

/// What the scripted server saw: the acks' envelope IDs, pongs, connections.
#[derive(Default)]
struct Seen {
    acks: Vec<String>,
    pongs: Vec<Vec<u8>>,
    connections: usize,
    /// Connections open at the moment each new one arrived.
    open_when_connected: Vec<usize>,
    open: usize,
}

type Script = fn(usize) -> Vec<Message>;

/// A WebSocket server that sends `script(n)` on its n-th connection (0 is
/// the first), then reads until the client leaves; and a fake Web API whose
/// apps.connections.open points at it.
async fn server(
    script: Script,
    close_after: Option<Duration>,
) -> (crate::support::fake::Fake, Arc<Mutex<Seen>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let ws_addr = listener.local_addr().unwrap();
    let seen = Arc::new(Mutex::new(Seen::default()));
    let log = seen.clone();
    tokio::spawn(async move {
        loop {
            let Ok((tcp, _)) = listener.accept().await else {
                return;
            };
            let log = log.clone();
            tokio::spawn(async move {
                let Ok(mut ws) = tokio_tungstenite::accept_async(tcp).await else {
                    return;
                };
                let n = {
                    let mut s = log.lock().unwrap();
                    let n = s.connections;
                    let open = s.open;
                    s.open_when_connected.push(open);
                    s.connections += 1;
                    s.open += 1;
                    n
                };
                for message in script(n) {
                    if ws.send(message).await.is_err() {
                        break;
                    }
                }
                let read = async {
                    while let Some(Ok(message)) = ws.next().await {
                        match message {
                            Message::Text(text) => {
                                let v: Value = serde_json::from_str(&text).unwrap();
                                let id = v["envelope_id"].as_str().unwrap().to_owned();
                                log.lock().unwrap().acks.push(id);
                            }
                            Message::Pong(payload) => {
                                log.lock().unwrap().pongs.push(payload.to_vec())
                            }
                            _ => {}
                        }
                    }
                };
                match close_after.filter(|_| n == 0) {
                    Some(after) => {
                        let _ = tokio::time::timeout(after, read).await;
                    }
                    None => read.await,
                }
                log.lock().unwrap().open -= 1;
            });
        }
    });
    let url = format!("ws://{ws_addr}/link/?ticket=t");
    let api = fake(move |seen| match seen.method.as_str() {
        "apps.connections.open" => reply_json(json!({"ok": true, "url": url})),
        _ => Reply::Status(404, String::new()),
    })
    .await;
    (api, seen)
}

async fn next(outputs: &mut mpsc::Receiver<LiveOutput>) -> LiveOutput {
    tokio::time::timeout(Duration::from_secs(10), outputs.recv())
        .await
        .expect("an output in time")
        .expect("the client runs")
}

async fn until_status(
    outputs: &mut mpsc::Receiver<LiveOutput>,
    want: fn(&LiveStatus) -> bool,
) -> LiveStatus {
    loop {
        if let LiveOutput::Status(status) = next(outputs).await
            && want(&status)
        {
            return status;
        }
    }
}

fn start(api: &crate::support::fake::Fake) -> mpsc::Receiver<LiveOutput> {
    let (tx, rx) = mpsc::channel(16);
    tokio::spawn(socket::run(api.client(), quick(), tx));
    rx
}

#[tokio::test]
async fn every_envelope_is_acked_and_a_redelivered_event_is_handled_once() {
    let (api, seen) = server(
        |_| {
            vec![
                hello(),
                envelope("env-1", "Ev1", 0),
                // Slack's redelivery of the same event, and a second event.
                envelope("env-1", "Ev1", 1),
                envelope("env-2", "Ev2", 0),
                Message::Ping(b"hi".to_vec().into()),
            ]
        },
        None,
    )
    .await;
    let mut outputs = start(&api);
    assert_eq!(
        next(&mut outputs).await,
        LiveOutput::Status(LiveStatus::Connecting)
    );
    assert_eq!(
        next(&mut outputs).await,
        LiveOutput::Status(LiveStatus::Live)
    );
    let LiveOutput::Event(first) = next(&mut outputs).await else {
        panic!("an event")
    };
    assert_eq!(first.event_id, "Ev1");
    assert_eq!(first.workspace.as_deref(), Some("T1"));
    assert!(matches!(first.event, ConnectEvent::InviteDeclined(_)));
    let LiveOutput::Event(second) = next(&mut outputs).await else {
        panic!("an event")
    };
    assert_eq!(second.event_id, "Ev2", "the repeat of Ev1 was dropped");
    crate::common::eventually("acks and the pong", Duration::from_secs(5), || {
        let s = seen.lock().unwrap();
        s.acks.len() == 3 && s.pongs.iter().any(|p| p == b"hi")
    })
    .await;
    assert_eq!(seen.lock().unwrap().acks, ["env-1", "env-1", "env-2"]);
}

#[tokio::test]
async fn refresh_requested_opens_the_next_connection_before_the_old_one_closes() {
    let (api, seen) = server(
        |n| match n {
            0 => vec![
                hello(),
                Message::Text(
                    json!({"type": "disconnect", "reason": "refresh_requested",
                           "debug_info": {"host": "test"}})
                    .to_string()
                    .into(),
                ),
            ],
            _ => vec![hello(), envelope("env-9", "Ev9", 0)],
        },
        Some(Duration::from_millis(500)),
    )
    .await;
    let mut outputs = start(&api);
    until_status(&mut outputs, |s| *s == LiveStatus::Live).await;
    loop {
        if let LiveOutput::Event(event) = next(&mut outputs).await {
            assert_eq!(event.event_id, "Ev9");
            break;
        }
    }
    let s = seen.lock().unwrap();
    assert_eq!(s.connections, 2);
    assert_eq!(
        s.open_when_connected,
        [0, 1],
        "the old socket was still open"
    );
    assert_eq!(api.calls("apps.connections.open").len(), 2);
}

#[tokio::test]
async fn link_disabled_stops_for_good() {
    let (api, _) = server(
        |_| {
            vec![
                hello(),
                Message::Text(
                    json!({"type": "disconnect", "reason": "link_disabled"})
                        .to_string()
                        .into(),
                ),
            ]
        },
        None,
    )
    .await;
    let mut outputs = start(&api);
    let status = until_status(&mut outputs, |s| matches!(s, LiveStatus::Off { .. })).await;
    assert_eq!(
        status,
        LiveStatus::Off {
            why: socket::LINK_DISABLED.to_owned()
        }
    );
    assert!(outputs.recv().await.is_none(), "the client ended");
    assert_eq!(api.calls("apps.connections.open").len(), 1);
}

#[tokio::test]
async fn a_dropped_socket_reconnects_with_backoff() {
    // The first connection closes at once (no hello); the next one works.
    let (api, seen) = server(
        |n| if n == 0 { vec![] } else { vec![hello()] },
        Some(Duration::ZERO),
    )
    .await;
    let mut outputs = start(&api);
    let down = until_status(&mut outputs, |s| {
        matches!(s, LiveStatus::Reconnecting { .. })
    })
    .await;
    let LiveStatus::Reconnecting { why, .. } = down else {
        unreachable!()
    };
    assert!(why.contains("before hello"), "{why}");
    until_status(&mut outputs, |s| *s == LiveStatus::Live).await;
    assert_eq!(seen.lock().unwrap().connections, 2);
}

#[tokio::test]
async fn a_refused_app_token_stops_and_says_why() {
    let api = fake(|_| reply_json(json!({"ok": false, "error": "invalid_auth"}))).await;
    let mut outputs = start(&api);
    let status = until_status(&mut outputs, |s| matches!(s, LiveStatus::Off { .. })).await;
    let LiveStatus::Off { why } = status else {
        unreachable!()
    };
    assert!(why.contains("invalid_auth"), "{why}");
    assert!(!why.contains(crate::support::fake::TOKEN));
}
