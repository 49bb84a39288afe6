//! Socket Mode (enterprise-and-events.md §2): `apps.connections.open`
//! tickets, the `/link/` WebSocket, and the hub that turns every applied
//! state change into `events_api` envelopes and delivers them.
//!
//! Delivery, where Slack's documentation is silent:
//! - Each envelope goes to one open socket: the newest one that is neither
//!   silenced nor told to go away, else the newest that is not silenced.
//! - Unacked after `ack_timeout`, or its socket closed first, it is sent
//!   again with `retry_attempt` + 1 and `retry_reason: "timeout"`, at most
//!   three times, then dropped. A redelivery keeps its `envelope_id` (and
//!   its `event_id`), so a late ack of an earlier attempt still counts.
//! - With no socket to take it, an envelope waits (the oldest of more than
//!   1000 is dropped) and goes out when one opens.
//! - More than 10 open sockets: the oldest is told `too_many_websockets`.
//! - `socket_silence(true)` silences the sockets open at that moment;
//!   sockets opened later speak normally, so a client that noticed can recover.
//! - After `link_disabled`, `apps.connections.open` still answers (the
//!   app-level token is valid) but `/link/` refuses with HTTP 403.

mod controls;
mod envelope;
mod link;

use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use axum::http::StatusCode;
use serde_json::Value;
use tokio::sync::{Notify, mpsc, watch};
use tokio::time::Instant;

use super::config::SocketOptions;
use super::events::Emitted;
use super::net::ConnHandle;
use envelope::app_token;
pub(crate) use envelope::{APP_ID, Install, verification_token};
pub(crate) use link::link;

/// The method that opens a connection; answered by the HTTP side.
pub(crate) const OPEN_METHOD: &str = "apps.connections.open";
const MAX_WAITING: usize = 1000;
const MAX_SOCKETS: usize = 10;
/// `events_emitted` keeps this many payloads; a long demo must not grow without bound.
const MAX_LOGGED: usize = 10_000;
const MAX_TICKETS: usize = 1000;

/// Resolves once `stop` turns true (or its sender is gone).
pub(crate) async fn stopped(stop: &mut watch::Receiver<bool>) {
    // The guard `wait_for` returns is not `Send`: drop it here, not in a `select!`.
    let _ = stop.wait_for(|v| *v).await;
}

/// What the hub asks a socket's task to do.
pub(crate) enum Out {
    Text(String),
    /// Send a close frame after this long (the soonest request wins).
    CloseIn(Duration),
    /// Drop the connection without a close frame.
    Cut,
}

struct Conn {
    id: u64,
    tx: mpsc::UnboundedSender<Out>,
    handle: ConnHandle,
    silent: Arc<AtomicBool>,
    /// Told to go away (a `disconnect` was sent): new envelopes prefer others.
    closing: bool,
}

struct Delivery {
    /// Emission order: redeliveries due together go out in it.
    seq: u64,
    envelope_id: String,
    payload: Arc<Value>,
    retry_attempt: u32,
}

struct Inflight {
    delivery: Delivery,
    conn: u64,
    deadline: Instant,
}

#[derive(Default)]
struct HubState {
    conns: Vec<Conn>,
    next_conn: u64,
    opened_total: usize,
    waiting: VecDeque<Delivery>,
    inflight: HashMap<String, Inflight>,
    emitted: VecDeque<Value>,
    tickets: VecDeque<String>,
    ticket_seq: u64,
    link_disabled: bool,
    refuse: bool,
}

pub(crate) struct Hub {
    pub opts: SocketOptions,
    pub app_token: String,
    seed: u64,
    install: Install,
    state: Mutex<HubState>,
    /// Re-arms the redelivery timer when a sooner deadline appears.
    wake: Notify,
    seq: AtomicU64,
    /// The emulator's own: sockets close when it turns true.
    shutdown: watch::Receiver<bool>,
}

impl Hub {
    pub fn new(
        opts: SocketOptions,
        seed: u64,
        install: Install,
        shutdown: watch::Receiver<bool>,
    ) -> Hub {
        Hub {
            shutdown,
            opts,
            app_token: app_token(seed),
            seed,
            install,
            state: Mutex::new(HubState::default()),
            wake: Notify::new(),
            seq: AtomicU64::new(0),
        }
    }

    fn lock(&self) -> MutexGuard<'_, HubState> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Wraps and delivers the events of one applied change (call with the
    /// state lock released).
    pub fn emit(&self, events: Vec<Emitted>, now: i64) {
        if events.is_empty() {
            return;
        }
        let mut st = self.lock();
        for e in events {
            let n = self.seq.fetch_add(1, Ordering::SeqCst);
            let event_id = envelope::event_id(self.seed, n);
            let payload = envelope::payload(&self.install, &e, &event_id, now, n);
            if st.emitted.len() >= MAX_LOGGED {
                st.emitted.pop_front();
            }
            st.emitted.push_back(payload.clone());
            let delivery = Delivery {
                seq: n,
                envelope_id: envelope::uuid(self.seed ^ 0x656E_7600, n),
                payload: Arc::new(payload),
                retry_attempt: 0,
            };
            self.deliver(&mut st, delivery);
        }
        drop(st);
        self.wake.notify_one();
    }

    /// Sends to the best socket, or keeps it waiting for one.
    fn deliver(&self, st: &mut HubState, d: Delivery) {
        loop {
            let pick = st
                .conns
                .iter()
                .rposition(|c| !c.closing && !c.silent.load(Ordering::SeqCst))
                .or_else(|| {
                    st.conns
                        .iter()
                        .rposition(|c| !c.silent.load(Ordering::SeqCst))
                });
            let Some(i) = pick else {
                if st.waiting.len() >= MAX_WAITING {
                    st.waiting.pop_front();
                }
                st.waiting.push_back(d);
                return;
            };
            let text = envelope::envelope(&d.envelope_id, &d.payload, d.retry_attempt);
            if st.conns[i].tx.send(Out::Text(text)).is_err() {
                // Its task has ended; it unregisters itself.
                st.conns.remove(i);
                continue;
            }
            let conn = st.conns[i].id;
            let deadline = Instant::now() + self.opts.ack_timeout;
            st.inflight.insert(
                d.envelope_id.clone(),
                Inflight {
                    delivery: d,
                    conn,
                    deadline,
                },
            );
            return;
        }
    }

    /// Counts one more attempt and sends it again, unless it had its three retries.
    fn redeliver(&self, st: &mut HubState, mut d: Delivery) {
        d.retry_attempt += 1;
        if d.retry_attempt <= envelope::MAX_RETRIES {
            self.deliver(st, d);
        } else {
            tracing::debug!("socket mode: envelope {} dropped unacked", d.envelope_id);
        }
    }

    fn requeue_from(&self, st: &mut HubState, conn: u64) {
        let mut ids: Vec<(u64, String)> = st
            .inflight
            .iter()
            .filter(|(_, f)| f.conn == conn)
            .map(|(id, f)| (f.delivery.seq, id.clone()))
            .collect();
        ids.sort();
        for (_, id) in ids {
            if let Some(f) = st.inflight.remove(&id) {
                self.redeliver(st, f.delivery);
            }
        }
    }

    fn flush_waiting(&self, st: &mut HubState) {
        let healthy = st.conns.iter().any(|c| !c.silent.load(Ordering::SeqCst));
        if healthy {
            for d in std::mem::take(&mut st.waiting) {
                self.deliver(st, d);
            }
        }
    }

    /// Redelivers what timed out by `now`.
    pub fn expire(&self, now: Instant) {
        let mut st = self.lock();
        let mut due: Vec<(Instant, u64, String)> = st
            .inflight
            .iter()
            .filter(|(_, f)| f.deadline <= now)
            .map(|(id, f)| (f.deadline, f.delivery.seq, id.clone()))
            .collect();
        due.sort();
        for (_, _, id) in due {
            if let Some(f) = st.inflight.remove(&id) {
                self.redeliver(&mut st, f.delivery);
            }
        }
    }

    pub fn next_deadline(&self) -> Option<Instant> {
        self.lock().inflight.values().map(|f| f.deadline).min()
    }

    /// Redelivers on time until `stop` turns true.
    pub async fn run_timer(self: Arc<Self>, mut stop: watch::Receiver<bool>) {
        loop {
            let next = self
                .next_deadline()
                .unwrap_or_else(|| Instant::now() + Duration::from_secs(3600));
            tokio::select! {
                _ = tokio::time::sleep_until(next) => {}
                _ = self.wake.notified() => {}
                _ = stopped(&mut stop) => return,
            }
            self.expire(Instant::now());
        }
    }

    /// A new single-use ticket for `/link/`.
    pub fn new_ticket(&self) -> String {
        let mut st = self.lock();
        st.ticket_seq += 1;
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64)
            .unwrap_or(0);
        // Unguessable enough for a loopback emulator: the clock makes it differ between runs.
        let ticket = envelope::uuid(self.seed ^ nanos, st.ticket_seq);
        if st.tickets.len() >= MAX_TICKETS {
            st.tickets.pop_front();
        }
        st.tickets.push_back(ticket.clone());
        ticket
    }

    /// Whether `/link/` lets this ticket in; `take` uses it up.
    pub fn admit(&self, ticket: Option<&str>, take: bool) -> Result<(), StatusCode> {
        let mut st = self.lock();
        if st.link_disabled {
            return Err(StatusCode::FORBIDDEN);
        }
        if st.refuse {
            return Err(StatusCode::SERVICE_UNAVAILABLE);
        }
        let at = ticket.and_then(|t| st.tickets.iter().position(|k| k == t));
        let Some(at) = at else {
            return Err(StatusCode::UNAUTHORIZED);
        };
        if take {
            st.tickets.remove(at);
        }
        Ok(())
    }

    /// A socket opened: it is greeted first, then gets what waited.
    pub fn register(
        &self,
        tx: mpsc::UnboundedSender<Out>,
        handle: ConnHandle,
        silent: Arc<AtomicBool>,
    ) -> u64 {
        let mut st = self.lock();
        st.next_conn += 1;
        st.opened_total += 1;
        let id = st.next_conn;
        let _ = tx.send(Out::Text(envelope::hello(st.conns.len() + 1)));
        st.conns.push(Conn {
            id,
            tx,
            handle,
            silent,
            closing: false,
        });
        let open = st.conns.iter().filter(|c| !c.closing).count();
        if open > MAX_SOCKETS
            && let Some(oldest) = st.conns.iter_mut().find(|c| !c.closing)
        {
            oldest.closing = true;
            let _ = oldest
                .tx
                .send(Out::Text(envelope::disconnect("too_many_websockets")));
            let _ = oldest.tx.send(Out::CloseIn(self.opts.refresh_close_after));
        }
        self.flush_waiting(&mut st);
        drop(st);
        self.wake.notify_one();
        id
    }

    /// A socket closed: what it had not acked goes out again.
    pub fn unregister(&self, id: u64) {
        let mut st = self.lock();
        st.conns.retain(|c| c.id != id);
        self.requeue_from(&mut st, id);
        drop(st);
        self.wake.notify_one();
    }

    /// A text frame from a client: an ack names its envelope.
    pub fn ack(&self, text: &str) {
        let Ok(v) = serde_json::from_str::<Value>(text) else {
            return;
        };
        if let Some(id) = v.get("envelope_id").and_then(Value::as_str) {
            self.lock().inflight.remove(id);
        }
    }
}
