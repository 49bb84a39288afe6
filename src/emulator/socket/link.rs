//! `GET /link/?ticket=…`: the Socket Mode WebSocket. One task per socket
//! sends what the hub hands it, pings on a timer, and reads acks; the
//! WebSocket library answers the client's pings itself (echoing the payload).

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use axum::extract::ws::rejection::WebSocketUpgradeRejection;
use axum::extract::ws::{CloseFrame, Message, WebSocket, WebSocketUpgrade};
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use tokio::sync::mpsc;
use tokio::time::Instant;

use super::{Hub, Out};
use crate::emulator::net::ConnHandle;

fn ticket_of(query: Option<&str>) -> Option<String> {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query?).ok()?;
    pairs
        .into_iter()
        .find(|(k, _)| k == "ticket")
        .map(|(_, v)| v)
}

/// Answers an upgrade request to `/link/`.
pub(crate) fn link(
    hub: Arc<Hub>,
    conn: ConnHandle,
    query: Option<String>,
    ws: Result<WebSocketUpgrade, WebSocketUpgradeRejection>,
) -> Response {
    let ticket = ticket_of(query.as_deref());
    // Refusals are plain HTTP answers to the upgrade request; a ticket is
    // only used up by a request that really opens a socket.
    if let Err(status) = hub.admit(ticket.as_deref(), ws.is_ok()) {
        return status.into_response();
    }
    match ws {
        Ok(ws) => ws.on_upgrade(move |socket| serve(socket, hub, conn)),
        Err(rejection) => rejection.into_response(),
    }
}

enum End {
    /// Close with a close frame.
    Close,
    /// Drop without one.
    Cut,
    /// The client went away.
    Gone,
}

async fn serve(mut socket: WebSocket, hub: Arc<Hub>, handle: ConnHandle) {
    let (tx, mut rx) = mpsc::unbounded_channel();
    let silent = Arc::new(AtomicBool::new(false));
    let id = hub.register(tx, handle.clone(), silent.clone());
    let every = hub.opts.ping_every.max(Duration::from_millis(1));
    let mut ping = tokio::time::interval_at(Instant::now() + every, every);
    ping.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut close_at: Option<Instant> = None;
    let mut shutdown = hub.shutdown.clone();
    let mut pings = 0u64;
    let end = loop {
        let close = async {
            match close_at {
                Some(t) => tokio::time::sleep_until(t).await,
                None => std::future::pending().await,
            }
        };
        tokio::select! {
            out = rx.recv() => match out {
                Some(Out::Text(text)) => {
                    if !silent.load(Ordering::SeqCst)
                        && socket.send(Message::Text(text.into())).await.is_err()
                    {
                        break End::Gone;
                    }
                }
                Some(Out::CloseIn(after)) => {
                    let t = Instant::now() + after;
                    close_at = Some(close_at.map_or(t, |c| c.min(t)));
                }
                Some(Out::Cut) | None => break End::Cut,
            },
            frame = socket.recv() => match frame {
                Some(Ok(Message::Text(text))) => hub.ack(text.as_str()),
                Some(Ok(Message::Close(_)) | Err(_)) | None => break End::Gone,
                Some(Ok(_)) => {}
            },
            _ = ping.tick() => {
                if !silent.load(Ordering::SeqCst) {
                    pings += 1;
                    let payload = Bytes::from(pings.to_string());
                    if socket.send(Message::Ping(payload)).await.is_err() {
                        break End::Gone;
                    }
                }
            }
            _ = close => break End::Close,
            _ = super::stopped(&mut shutdown) => break End::Close,
        }
    };
    match end {
        End::Close => {
            let frame = CloseFrame {
                code: 1000,
                reason: "".into(),
            };
            if socket.send(Message::Close(Some(frame))).await.is_ok() {
                // Wait for the client's close frame: closing with its data
                // unread would turn our FIN into a reset.
                let drain = async { while let Some(Ok(_)) = socket.recv().await {} };
                let _ = tokio::time::timeout(Duration::from_secs(1), drain).await;
            }
        }
        End::Cut => {
            handle.cut();
            // The write fails on the cut stream, which resets the connection.
            let _ = socket.send(Message::Ping(Bytes::new())).await;
        }
        End::Gone => {}
    }
    hub.unregister(id);
}
