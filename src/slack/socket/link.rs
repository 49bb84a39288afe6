//! One Socket Mode connection: `apps.connections.open`, the WebSocket,
//! `hello`, then envelopes (acked before anything else is done with them),
//! `disconnect` notices, pings both ways and a watch for a silent socket.

use futures::{SinkExt, StreamExt};
use serde_json::Value;
use tokio::net::TcpStream;
use tokio::sync::mpsc;
use tokio::time::{Instant, MissedTickBehavior};
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

use super::{LiveEvent, SocketOptions};
use crate::slack::SlackClient;
use crate::slack::models::EventCallback;

type Ws = WebSocketStream<MaybeTlsStream<TcpStream>>;

/// What a connection tells the supervisor.
#[derive(Debug)]
pub(super) enum LinkReport {
    /// `hello` arrived: the connection delivers from now on.
    Ready {
        link: u64,
    },
    /// It could not be opened. `fatal`: asking again cannot help (the token was refused).
    OpenFailed {
        why: String,
        fatal: bool,
    },
    Envelope {
        event: Box<LiveEvent>,
    },
    /// Slack's `disconnect` notice, with its reason.
    Disconnect {
        link: u64,
        reason: String,
    },
    Closed {
        link: u64,
        why: String,
    },
}

/// Errors of `apps.connections.open` that no retry will change.
const FATAL: &[&str] = &[
    "invalid_auth",
    "not_authed",
    "not_allowed_token_type",
    "missing_scope",
    "account_inactive",
    "token_revoked",
    "token_expired",
    "forbidden_team",
];

/// Open connection `link` and drive it until it closes, reporting to `tx`.
pub(super) async fn run(
    link: u64,
    client: SlackClient,
    options: SocketOptions,
    tx: mpsc::Sender<LinkReport>,
) {
    let ws = match open(&client, &options).await {
        Ok(ws) => ws,
        Err((why, fatal)) => {
            let _ = tx.send(LinkReport::OpenFailed { why, fatal }).await;
            return;
        }
    };
    if tx.send(LinkReport::Ready { link }).await.is_err() {
        return;
    }
    let why = drive(link, ws, &options, &tx).await;
    let _ = tx.send(LinkReport::Closed { link, why }).await;
}

async fn open(client: &SlackClient, options: &SocketOptions) -> Result<Ws, (String, bool)> {
    let url = client.connections_open().await.map_err(|e| {
        let fatal = e.code().is_some_and(|code| FATAL.contains(&code));
        (
            format!(
                "apps.connections.open failed: {}",
                crate::slack::explain::code(&e)
            ),
            fatal,
        )
    })?;
    let connect = tokio_tungstenite::connect_async(url.as_str());
    let (mut ws, _) = tokio::time::timeout(options.connect_timeout, connect)
        .await
        .map_err(|_| ("the WebSocket did not open in time".to_owned(), false))?
        .map_err(|e| (format!("the WebSocket could not be opened: {e}"), false))?;
    // Slack says hello first; anything else is not a Socket Mode link.
    let first = tokio::time::timeout(options.connect_timeout, ws.next())
        .await
        .map_err(|_| ("no hello from Slack in time".to_owned(), false))?;
    match first {
        Some(Ok(Message::Text(text))) if message_type(&text).as_deref() == Some("hello") => Ok(ws),
        Some(Ok(other)) => Err((
            format!(
                "the socket did not start with hello (got {})",
                kind_of(&other)
            ),
            false,
        )),
        Some(Err(e)) => Err((format!("the socket failed before hello: {e}"), false)),
        None => Err(("the socket closed before hello".to_owned(), false)),
    }
}

/// Read until the socket ends; returns why it ended, in plain words.
async fn drive(
    link: u64,
    mut ws: Ws,
    options: &SocketOptions,
    tx: &mpsc::Sender<LinkReport>,
) -> String {
    let mut last_heard = Instant::now();
    let mut ping =
        tokio::time::interval_at(Instant::now() + options.ping_every, options.ping_every);
    ping.set_missed_tick_behavior(MissedTickBehavior::Delay);
    let mut pings_sent: u64 = 0;
    loop {
        tokio::select! {
            message = ws.next() => {
                let message = match message {
                    None => return "the socket closed".to_owned(),
                    Some(Err(e)) => return format!("the socket failed: {e}"),
                    Some(Ok(message)) => message,
                };
                last_heard = Instant::now();
                match message {
                    Message::Text(text) => {
                        if let Err(why) = on_text(link, &mut ws, &text, tx).await {
                            return why;
                        }
                    }
                    // tungstenite queues the pong; flushing sends it now.
                    Message::Ping(_) => {
                        if let Err(e) = ws.flush().await {
                            return format!("the socket failed: {e}");
                        }
                    }
                    Message::Close(_) => return "Slack closed the socket".to_owned(),
                    Message::Pong(_) | Message::Binary(_) | Message::Frame(_) => {}
                }
            }
            _ = ping.tick() => {
                // Slack sometimes drops TCP without a close: a socket that
                // answers nothing, not even our pings, is gone.
                if last_heard.elapsed() >= options.silent_after {
                    return format!(
                        "the socket went silent ({} s without a word)",
                        last_heard.elapsed().as_secs()
                    );
                }
                pings_sent += 1;
                let payload = pings_sent.to_string().into_bytes();
                if let Err(e) = ws.send(Message::Ping(payload.into())).await {
                    return format!("the socket failed: {e}");
                }
            }
            _ = tx.closed() => return "stopped".to_owned(),
        }
    }
}

/// An envelope is acked at once, before it is read further: Slack
/// redelivers what is not acked within about 3 s.
async fn on_text(
    link: u64,
    ws: &mut Ws,
    text: &str,
    tx: &mpsc::Sender<LinkReport>,
) -> Result<(), String> {
    let Ok(value) = serde_json::from_str::<Value>(text) else {
        tracing::warn!(
            bytes = text.len(),
            "a Socket Mode message that is not JSON was ignored"
        );
        return Ok(());
    };
    if let Some(id) = value.get("envelope_id").and_then(Value::as_str) {
        let ack = serde_json::json!({ "envelope_id": id }).to_string();
        ws.send(Message::Text(ack.into()))
            .await
            .map_err(|e| format!("the socket failed: {e}"))?;
    }
    let report = match value.get("type").and_then(Value::as_str) {
        Some("events_api") => envelope_event(&value).map(|event| LinkReport::Envelope {
            event: Box::new(event),
        }),
        Some("disconnect") => Some(LinkReport::Disconnect {
            link,
            reason: value
                .get("reason")
                .and_then(Value::as_str)
                .unwrap_or("unknown")
                .to_owned(),
        }),
        _ => None,
    };
    if let Some(report) = report {
        tx.send(report).await.map_err(|_| "stopped".to_owned())?;
    }
    Ok(())
}

fn envelope_event(envelope: &Value) -> Option<LiveEvent> {
    let payload = envelope.get("payload")?;
    let callback: EventCallback = serde_json::from_value(payload.clone()).ok()?;
    let event_id = callback.event_id.clone().filter(|id| !id.is_empty())?;
    Some(LiveEvent {
        workspace: callback.workspace().map(str::to_owned),
        event: callback.connect_event(),
        retry_attempt: envelope
            .get("retry_attempt")
            .and_then(Value::as_u64)
            .unwrap_or(0) as u32,
        event_id,
    })
}

fn message_type(text: &str) -> Option<String> {
    let value: Value = serde_json::from_str(text).ok()?;
    value.get("type")?.as_str().map(str::to_owned)
}

fn kind_of(message: &Message) -> &'static str {
    match message {
        Message::Text(_) => "another message",
        Message::Binary(_) => "binary data",
        Message::Ping(_) | Message::Pong(_) => "a ping",
        Message::Close(_) => "a close",
        Message::Frame(_) => "a raw frame",
    }
}
