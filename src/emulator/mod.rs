//! A faithful local Slack for the Slack Connect methods: the same wire
//! shapes, errors, pagination quirks, rate tiers and state changes, over an
//! in-memory org, plus deterministic fault injection.
//!
//! Where Slack's documentation is silent the emulator chooses as follows
//! (see `docs/slack-connect-api.md` for what is documented):
//! - An acceptance is approved once both the inviting and the accepting team
//!   have an `approval` review; the invite then leaves the pending list and
//!   its channel connects the other org. Our approval alone leaves it pending.
//! - `approveSharedInvite` on an invite that already left the list answers
//!   `already_approved` (approved), `approval_inactive` (declined) or
//!   `invite_not_found` (expired); `declineSharedInvite` answers
//!   `inactive_invite` for approved, expired or revoked invites. Approving a
//!   revoked invite, or one between two other teams, is `invalid_action`.
//! - `target_team` may also arrive as `team_id` (Python's own test does so).
//! - An approved request is sent under its own id: the request id becomes the
//!   outgoing invite's id, valid for 14 days.
//! - `team.externalTeams.list`'s cursor is the team id of the last org
//!   returned; the others are base64 of the last item's sort key.
//! - `disconnectShared` without `leaving_team_ids` on a two-team channel
//!   removes the team that is not the host; when another org hosts, our side
//!   leaves. Disconnected orgs stay listed as `DISCONNECTED` with zero counts.
//! - A missing required argument is `invalid_arguments` with a
//!   `response_metadata.messages` line, except `team.externalTeams.disconnect`
//!   (`missing_argument` + `arg`, as its docs list).
//! - Injected faults apply to every method, auth.test included: a real
//!   network fails it too, and a client must survive that at start-up.
//! - Socket Mode (`socket`): the app-level token opens sockets and nothing
//!   else (`not_allowed_token_type` elsewhere, and for a Web API token on
//!   `apps.connections.open`, which is paced as Tier 1). Every applied
//!   change, whoever made it, emits the Events API events Slack would
//!   (`events`); `authorizations` names our admin as the installer, with
//!   `team_id: null` for an org-wide install. `conversations.acceptSharedInvite`
//!   needs `conversations.connect:write`, which no default token holds.
//! - The outside world (`activity`) changes the state through the same
//!   paths as the API, and the second default token is a second admin's.

mod activity;
mod api_error;
mod args;
mod channels;
mod config;
mod dataset;
mod events;
mod faults;
mod generate;
mod intake;
mod limits;
mod methods;
mod net;
mod pagination;
mod people;
mod records;
mod server;
mod sharing;
mod snapshot;
mod socket;
mod state;
mod wire;

use std::net::SocketAddr;
use std::sync::atomic::AtomicU64;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::Context;
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinHandle;

pub use config::{
    EmulatorConfig, FaultKind, FaultSpec, GenerateSpec, Generated, RateLimitMode, SocketOptions,
};
pub use dataset::{ALL_SCOPES, Dataset, SelfTeam, TokenSpec};
pub use records::{InviteOutcome, RequestStatus};
pub use snapshot::{InviteSnapshot, LoggedRequest, RequestSnapshot, SideApproval, StateSnapshot};

use crate::slack::Token;
use net::{ConnHandle, CuttableListener};
use server::Shared;

/// A running emulator; clones share it. Dropping the last clone stops it.
#[derive(Clone)]
pub struct RunningEmulator {
    inner: Arc<Inner>,
}

struct Inner {
    addr: SocketAddr,
    shared: Arc<Shared>,
    shutdown: watch::Sender<bool>,
    task: Mutex<Option<JoinHandle<()>>>,
}

impl Drop for Inner {
    fn drop(&mut self) {
        let _ = self.shutdown.send(true);
    }
}

/// Serves `config` on `addr` (port 0 picks a free port) until shut down.
pub async fn start(addr: SocketAddr, config: EmulatorConfig) -> anyhow::Result<RunningEmulator> {
    let EmulatorConfig {
        mut dataset,
        generated,
        rate_limits,
        faults,
        seed,
        fixed_now,
        timeout_stall,
        socket: socket_options,
        activity_per_minute,
    } = config;
    let now = fixed_now.unwrap_or_else(server::system_now);
    let (state, given) = match generated {
        Some(g) => (state::State::generated(&g.spec, g.seed, g.now), Vec::new()),
        None => {
            if let Some(as_of) = dataset.as_of {
                dataset.shift_timestamps(now - as_of);
            }
            let given = std::mem::take(&mut dataset.tokens);
            (state::State::new(dataset), given)
        }
    };
    let state = state.with_people();
    let tokens = if !given.is_empty() {
        given
    } else if state.workspaces.len() > 1 {
        let ids: Vec<String> = state.workspaces.iter().map(|w| w.id.to_string()).collect();
        dataset::org_tokens(seed, &ids)
    } else {
        dataset::default_tokens(seed)
    };
    let listener = TcpListener::bind(addr)
        .await
        .with_context(|| format!("cannot listen on {addr}"))?;
    let local = listener.local_addr()?;
    let (shutdown, shutdown_rx) = watch::channel(false);
    let org_wide = tokens.iter().any(TokenSpec::is_org_level);
    let install = socket::Install {
        enterprise_id: state
            .me
            .enterprise_id
            .clone()
            .or_else(|| org_wide.then(|| methods::ORG_ID.to_owned())),
        user_id: state.me.user_id.clone(),
        org_wide,
        verification_token: socket::verification_token(seed),
    };
    let hub = Arc::new(socket::Hub::new(
        socket_options,
        seed,
        install,
        shutdown_rx.clone(),
    ));
    let activity = activity::Activity::new(seed, &state, now);
    let shared = Arc::new(Shared {
        addr: local,
        state: Mutex::new(state),
        tokens,
        limiter: limits::RateLimiter::new(rate_limits),
        faults: faults::Faults::new(faults, seed),
        fixed_now,
        timeout_stall,
        seq: AtomicU64::new(0),
        log: Mutex::new(Default::default()),
        shutdown: shutdown_rx.clone(),
        socket: hub.clone(),
        activity,
    });
    tokio::spawn(hub.run_timer(shutdown_rx.clone()));
    if activity_per_minute > 0.0 {
        tokio::spawn(run_activity(
            shared.clone(),
            activity_per_minute,
            shutdown_rx.clone(),
        ));
    }
    let app = server::router(shared.clone()).into_make_service_with_connect_info::<ConnHandle>();
    let mut stop = shutdown_rx;
    let task = tokio::spawn(async move {
        let served = axum::serve(CuttableListener(listener), app)
            .with_graceful_shutdown(async move {
                let _ = stop.wait_for(|v| *v).await;
            })
            .await;
        if let Err(e) = served {
            tracing::warn!("emulator server stopped: {e}");
        }
    });
    Ok(RunningEmulator {
        inner: Arc::new(Inner {
            addr: local,
            shared,
            shutdown,
            task: Mutex::new(Some(task)),
        }),
    })
}

/// One change of the simulated outside world; its events go out once the
/// state is released.
fn activity_step(shared: &Shared) -> Option<String> {
    let now = shared.now();
    let change = shared.activity.step(&mut shared.lock_state(), now);
    let (text, events) = change?;
    shared.socket.emit(events, now);
    Some(text)
}

/// `--activity`: a step at each of the simulator's pauses until shut down.
async fn run_activity(shared: Arc<Shared>, per_minute: f64, mut stop: watch::Receiver<bool>) {
    if !(per_minute.is_finite() && per_minute > 0.0) {
        return;
    }
    for pause in shared.activity.pauses(per_minute) {
        tokio::select! {
            _ = tokio::time::sleep(pause) => {}
            _ = socket::stopped(&mut stop) => return,
        }
        if let Some(change) = activity_step(&shared) {
            tracing::debug!("activity: {change}");
        }
    }
}

impl RunningEmulator {
    pub fn addr(&self) -> SocketAddr {
        self.inner.addr
    }

    /// `http://HOST:PORT/api/`
    pub fn base_url(&self) -> String {
        format!("http://{}/api/", self.inner.addr)
    }

    pub fn tokens(&self) -> Vec<TokenSpec> {
        self.inner.shared.tokens.clone()
    }

    /// A token holding every scope the tool uses (else the one with the most scopes).
    pub fn admin_token(&self) -> Token {
        let tokens = &self.inner.shared.tokens;
        let best = tokens
            .iter()
            .find(|t| ALL_SCOPES.iter().all(|s| t.has_scope(s)))
            .or_else(|| tokens.iter().max_by_key(|t| t.scopes.len()));
        Token::new(best.map(|t| t.token.clone()).unwrap_or_default())
    }

    pub fn snapshot(&self) -> StateSnapshot {
        let shared = &self.inner.shared;
        let now = shared.now();
        let mut state = shared.lock_state();
        state.expire_invites(now);
        state.snapshot(now)
    }

    pub fn request_log(&self) -> Vec<LoggedRequest> {
        let log = self
            .inner
            .shared
            .log
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        log.iter().cloned().collect()
    }

    /// The Socket Mode app-level token (`xapp-1-…`), fixed per seed. It opens
    /// connections (`apps.connections.open`) and is refused by every other method.
    pub fn app_token(&self) -> String {
        self.inner.shared.socket.app_token.clone()
    }

    /// Sends `{"type":"disconnect","reason":…}` to every open socket, then
    /// closes them: after `refresh_close_after` for `refresh_requested` and
    /// `too_many_websockets`, `warning_close_after` for `warning`, at once
    /// for `link_disabled` (which also refuses every later `/link/`).
    pub fn socket_disconnect(&self, reason: &str) {
        self.inner.shared.socket.disconnect(reason);
    }

    /// Drops every open socket without a close frame (a TCP reset); what
    /// they had not acked goes to the next one.
    pub fn socket_kill(&self) {
        self.inner.shared.socket.kill();
    }

    /// While true, `/link/` answers the upgrade with HTTP 503.
    pub fn socket_refuse(&self, refuse: bool) {
        self.inner.shared.socket.refuse(refuse);
    }

    /// True: the sockets open now send nothing (no pings, envelopes or
    /// pongs) but stay open; sockets opened later are not silenced. False:
    /// they speak again.
    pub fn socket_silence(&self, silent: bool) {
        self.inner.shared.socket.silence(silent);
    }

    /// Sockets open now.
    pub fn socket_connections(&self) -> usize {
        self.inner.shared.socket.connections()
    }

    /// Sockets opened since start.
    pub fn socket_opened_total(&self) -> usize {
        self.inner.shared.socket.opened_total()
    }

    /// Envelopes sent and not acked, or waiting for a socket.
    pub fn envelopes_unacked(&self) -> usize {
        self.inner.shared.socket.unacked()
    }

    /// Every Events API payload emitted, in order (the most recent 10,000).
    pub fn events_emitted(&self) -> Vec<serde_json::Value> {
        self.inner.shared.socket.emitted()
    }

    /// Makes one simulated change of the outside world now and says what it
    /// was; None when nothing could change. Deterministic for the seed.
    pub fn activity_step(&self) -> Option<String> {
        activity_step(&self.inner.shared)
    }

    /// Stops serving; stalled `timeout` answers are cut short.
    pub async fn shutdown(self) {
        let _ = self.inner.shutdown.send(true);
        let task = self
            .inner
            .task
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take();
        if let Some(mut task) = task
            && tokio::time::timeout(Duration::from_secs(5), &mut task)
                .await
                .is_err()
        {
            task.abort();
        }
    }
}
