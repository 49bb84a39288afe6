//! Socket Mode in the emulator: apps.connections.open, the link, events on state changes, redelivery, disconnects, activity.

#[path = "emulator_socket/activity.rs"]
mod activity;
#[path = "emulator_socket/command.rs"]
mod command;
#[path = "emulator_socket/events.rs"]
mod events;

use std::time::Duration;

use bytes::Bytes;
use connect_triage::emulator::{
    Dataset, EmulatorConfig, RateLimitMode, RunningEmulator, SocketOptions,
};
use futures::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::{Error as WsError, Message};
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream, connect_async};

use crate::common::eventually;
use crate::support::emulator::*;

/// Long enough for a slow test machine, short enough that a failure is quick.
const WAIT: Duration = Duration::from_secs(10);

pub fn fast_socket() -> SocketOptions {
    SocketOptions {
        ack_timeout: Duration::from_millis(300),
        ping_every: Duration::from_millis(100),
        refresh_close_after: Duration::from_millis(100),
        warning_close_after: Duration::from_millis(200),
    }
}

pub async fn start_socket(socket: SocketOptions) -> RunningEmulator {
    let mut config = EmulatorConfig::new(Dataset::demo());
    config.fixed_now = Some(NOW);
    config.socket = socket;
    start_with(config).await
}

/// A URL from apps.connections.open with the app-level token.
pub async fn open_url(emu: &RunningEmulator) -> String {
    let r = call(emu, "apps.connections.open", &emu.app_token(), &[]).await;
    assert_eq!(r.body["ok"], true, "{}", r.body);
    r.body["url"].as_str().unwrap().to_owned()
}

pub struct Sock(WebSocketStream<MaybeTlsStream<TcpStream>>);

impl Sock {
    pub async fn open(emu: &RunningEmulator) -> Sock {
        Sock::connect(&open_url(emu).await).await
    }

    pub async fn connect(url: &str) -> Sock {
        let (ws, _) = connect_async(url).await.expect("link opens");
        Sock(ws)
    }

    /// The next frame of any kind; None once the socket ended (Err on a reset).
    pub async fn frame(&mut self) -> Option<Result<Message, WsError>> {
        tokio::time::timeout(WAIT, self.0.next())
            .await
            .expect("a frame in time")
    }

    /// The next text frame as JSON, skipping pings and pongs.
    pub async fn json(&mut self) -> Value {
        loop {
            match self.frame().await {
                Some(Ok(Message::Text(t))) => return serde_json::from_str(t.as_str()).unwrap(),
                Some(Ok(Message::Ping(_) | Message::Pong(_))) => {}
                other => panic!("expected a text frame, got {other:?}"),
            }
        }
    }

    /// The next envelope, after checking the socket said hello first.
    pub async fn hello_then_envelope(&mut self) -> Value {
        assert_eq!(self.json().await["type"], "hello");
        self.json().await
    }

    pub async fn ack(&mut self, envelope: &Value) {
        let ack = json!({"envelope_id": envelope["envelope_id"], "payload": {}});
        self.0
            .send(Message::Text(ack.to_string().into()))
            .await
            .unwrap();
    }

    pub async fn send(&mut self, m: Message) {
        self.0.send(m).await.unwrap();
    }
}

/// The HTTP status a refused link answers the upgrade with.
async fn refused_with(url: &str) -> u16 {
    match connect_async(url).await {
        Err(WsError::Http(resp)) => resp.status().as_u16(),
        Ok(_) => panic!("the link opened"),
        Err(e) => panic!("unexpected failure {e}"),
    }
}

/// Approves demo invite I0NBINV001 (awaiting only us) with the second admin's token.
pub async fn approve_as_priya(emu: &RunningEmulator) {
    let r = call(
        emu,
        "conversations.approveSharedInvite",
        &non_admin(emu),
        &[("invite_id", "I0NBINV001")],
    )
    .await;
    assert_eq!(r.body["ok"], true, "{}", r.body);
}

#[tokio::test]
async fn connections_open_answers_the_app_token_only() {
    let emu = start_socket(fast_socket()).await;
    let app = emu.app_token();
    let parts: Vec<&str> = app.split('-').collect();
    assert_eq!(parts[..3], ["xapp", "1", "A0EMU0APP1"]);
    assert_eq!((parts[3].len(), parts[4].len()), (13, 64));
    let url = open_url(&emu).await;
    let prefix = format!("ws://{}/link/?ticket=", emu.addr());
    assert!(url.starts_with(&prefix), "{url}");
    assert!(url.ends_with("&app_id=A0EMU0APP1"), "{url}");
    assert_ne!(url, open_url(&emu).await, "every ticket is new");
    // The Python SDK also sends the token as a form argument.
    let form = reqwest::Client::new()
        .post(format!("{}apps.connections.open", emu.base_url()))
        .form(&[("token", app.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(reply(form).await.body["ok"], true);
    let code = |r: Reply| r.body["error"].as_str().unwrap().to_owned();
    let open = "apps.connections.open";
    assert_eq!(code(call(&emu, open, "", &[]).await), "not_authed");
    assert_eq!(
        code(call(&emu, open, "xapp-1-nope", &[]).await),
        "invalid_auth"
    );
    assert_eq!(
        code(call(&emu, open, &admin(&emu), &[]).await),
        "not_allowed_token_type"
    );
    for method in ["auth.test", "conversations.listConnectInvites"] {
        assert_eq!(
            code(call(&emu, method, &app, &[]).await),
            "not_allowed_token_type"
        );
    }
    let logged = emu.request_log();
    assert!(logged.iter().any(|r| r.method == open && r.error.is_none()));
    assert!(!logged.iter().any(|r| r.method == open && r.write));
}

#[tokio::test]
async fn connections_open_is_tier_3() {
    let mut config = EmulatorConfig::new(Dataset::demo());
    config.rate_limits = RateLimitMode::Scaled(60);
    let emu = start_with(config).await;
    for _ in 0..50 {
        let open = call(&emu, "apps.connections.open", &emu.app_token(), &[]).await;
        assert_eq!(open.body["ok"], true);
    }
    let second = call(&emu, "apps.connections.open", &emu.app_token(), &[]).await;
    assert_eq!(
        (second.status, second.body["error"].as_str()),
        (429, Some("ratelimited"))
    );
    assert!(second.retry_after.is_some());
}

#[tokio::test]
async fn tickets_are_single_use_and_checked_before_the_upgrade() {
    let emu = start_socket(fast_socket()).await;
    let url = open_url(&emu).await;
    let (_ws, _) = connect_async(&url).await.expect("first use opens");
    assert_eq!(refused_with(&url).await, 401);
    let forged = format!("ws://{}/link/?ticket=forged&app_id=A0EMU0APP1", emu.addr());
    assert_eq!(refused_with(&forged).await, 401);
    eventually("one socket", WAIT, || emu.socket_connections() == 1).await;
    assert_eq!(emu.socket_opened_total(), 1);
}

#[tokio::test]
async fn hello_comes_first_then_what_waited_and_pings_flow_both_ways() {
    let emu = start_socket(fast_socket()).await;
    // Emitted while no socket is open: it waits for the first one.
    approve_as_priya(&emu).await;
    assert_eq!(emu.envelopes_unacked(), 2);
    let mut sock = Sock::open(&emu).await;
    let hello = sock.json().await;
    assert_eq!(
        hello,
        json!({"type":"hello","num_connections":1,
               "debug_info":{"host":"applink-emulator","build_number":1,"approximate_connection_time":18060},
               "connection_info":{"app_id":"A0EMU0APP1"}})
    );
    let first = sock.json().await;
    assert_eq!(
        first["payload"]["event"]["type"],
        "shared_channel_invite_approved"
    );
    sock.send(Message::Ping(Bytes::from_static(b"are-you-there")))
        .await;
    let (mut server_pinged, mut ponged) = (false, false);
    while !(server_pinged && ponged) {
        match sock.frame().await {
            Some(Ok(Message::Ping(_))) => server_pinged = true,
            Some(Ok(Message::Pong(p))) => {
                assert_eq!(&p[..], b"are-you-there");
                ponged = true;
            }
            Some(Ok(Message::Text(_))) => {}
            other => panic!("unexpected {other:?}"),
        }
    }
}

#[tokio::test]
async fn an_unacked_envelope_is_redelivered_and_an_acked_one_is_not() {
    // Long enough that our ack always lands in time, even on a loaded machine.
    let mut options = fast_socket();
    options.ack_timeout = Duration::from_millis(800);
    let emu = start_socket(options).await;
    let mut sock = Sock::open(&emu).await;
    assert_eq!(sock.json().await["type"], "hello");
    // Two events (approved, channel_shared); only the first is acked.
    approve_as_priya(&emu).await;
    let approved = sock.json().await;
    sock.ack(&approved).await;
    let shared = sock.json().await;
    assert_eq!(shared["payload"]["event"]["type"], "channel_shared");
    // Read until the unacked one's third and last retry: by then the acked
    // one, due at the same moment as the first retry, would have come back.
    let mut retries = Vec::new();
    let mut others = 0;
    while retries.len() < 3 {
        let e = sock.json().await;
        if e["payload"]["event_id"] == shared["payload"]["event_id"] {
            retries.push(e);
        } else {
            others += 1;
        }
    }
    assert_eq!(others, 0, "the acked envelope came back");
    let again = &retries[0];
    assert_eq!(again["envelope_id"], shared["envelope_id"]);
    assert_eq!(again["retry_reason"], "timeout");
    assert_eq!(again["payload"], shared["payload"]);
    let attempts: Vec<i64> = retries
        .iter()
        .map(|e| e["retry_attempt"].as_i64().unwrap())
        .collect();
    assert_eq!(attempts, [1, 2, 3]);
    eventually("the unacked envelope dropped", WAIT, || {
        emu.envelopes_unacked() == 0
    })
    .await;
}

#[tokio::test]
async fn a_killed_socket_resets_and_its_envelopes_go_to_the_next() {
    let mut options = fast_socket();
    options.ack_timeout = Duration::from_secs(30);
    let emu = start_socket(options).await;
    let mut a = Sock::open(&emu).await;
    assert_eq!(a.json().await["type"], "hello");
    approve_as_priya(&emu).await;
    let first = a.json().await;
    emu.socket_kill();
    assert_eq!(emu.socket_connections(), 0);
    loop {
        match a.frame().await {
            Some(Ok(Message::Close(_))) => panic!("a kill sends no close frame"),
            Some(Ok(_)) => {}
            None | Some(Err(_)) => break,
        }
    }
    let mut b = Sock::open(&emu).await;
    let again = b.hello_then_envelope().await;
    assert_eq!(again["payload"]["event_id"], first["payload"]["event_id"]);
    assert_eq!(again["retry_attempt"], 1);
    assert_eq!(again["retry_reason"], "timeout");
    assert_eq!(emu.socket_opened_total(), 2);
}

#[tokio::test]
async fn refresh_requested_says_so_then_closes() {
    let emu = start_socket(fast_socket()).await;
    let mut sock = Sock::open(&emu).await;
    assert_eq!(sock.json().await["type"], "hello");
    emu.socket_disconnect("refresh_requested");
    assert_eq!(
        sock.json().await,
        json!({"type":"disconnect","reason":"refresh_requested","debug_info":{"host":"applink-emulator"}})
    );
    loop {
        match sock.frame().await {
            Some(Ok(Message::Close(frame))) => {
                assert_eq!(frame.map(|f| u16::from(f.code)), Some(1000));
                break;
            }
            Some(Ok(Message::Ping(_) | Message::Pong(_))) => {}
            other => panic!("expected a close frame, got {other:?}"),
        }
    }
    eventually("the socket gone", WAIT, || emu.socket_connections() == 0).await;
    // A refresh is no refusal: the next connection opens.
    let mut next = Sock::open(&emu).await;
    assert_eq!(next.json().await["type"], "hello");
}

#[tokio::test]
async fn link_disabled_closes_at_once_and_refuses_from_then_on() {
    let emu = start_socket(fast_socket()).await;
    let mut sock = Sock::open(&emu).await;
    assert_eq!(sock.json().await["type"], "hello");
    emu.socket_disconnect("link_disabled");
    assert_eq!(sock.json().await["reason"], "link_disabled");
    loop {
        match sock.frame().await {
            Some(Ok(Message::Close(_))) | None => break,
            Some(Ok(Message::Ping(_) | Message::Pong(_))) => {}
            other => panic!("expected the socket to close, got {other:?}"),
        }
    }
    // The app token still opens; the link refuses.
    let url = open_url(&emu).await;
    assert_eq!(refused_with(&url).await, 403);
}

#[tokio::test]
async fn a_refusing_link_answers_503_until_it_stops() {
    let emu = start_socket(fast_socket()).await;
    let url = open_url(&emu).await;
    emu.socket_refuse(true);
    assert_eq!(refused_with(&url).await, 503);
    emu.socket_refuse(false);
    // The refused attempt did not use the ticket up.
    let (mut ws, _) = connect_async(&url).await.expect("opens again");
    let hello = ws.next().await.unwrap().unwrap();
    assert!(hello.to_text().unwrap().contains("\"hello\""));
}

#[tokio::test]
async fn a_silenced_socket_stays_open_and_gets_nothing() {
    let emu = start_socket(fast_socket()).await;
    let mut quiet = Sock::open(&emu).await;
    assert_eq!(quiet.json().await["type"], "hello");
    emu.socket_silence(true);
    approve_as_priya(&emu).await;
    // Nothing goes to a silent socket: the events wait for a speaking one.
    assert_eq!(emu.envelopes_unacked(), 2);
    let mut fresh = Sock::open(&emu).await;
    let first = fresh.hello_then_envelope().await;
    assert_eq!(
        first["payload"]["event"]["type"],
        "shared_channel_invite_approved"
    );
    assert_eq!(first["retry_attempt"], 0);
    assert_eq!(emu.socket_connections(), 2);
    emu.socket_silence(false);
    // It speaks again: pings resume.
    loop {
        match quiet.frame().await {
            Some(Ok(Message::Ping(_))) => break,
            Some(Ok(Message::Pong(_))) => {}
            other => panic!("expected a ping, got {other:?}"),
        }
    }
}
