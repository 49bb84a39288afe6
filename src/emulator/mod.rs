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

mod api_error;
mod args;
mod channels;
mod config;
mod dataset;
mod faults;
mod generate;
mod limits;
mod methods;
mod net;
mod pagination;
mod records;
mod server;
mod sharing;
mod snapshot;
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

pub use config::{EmulatorConfig, FaultKind, FaultSpec, GenerateSpec, RateLimitMode};
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
        rate_limits,
        faults,
        seed,
        fixed_now,
        timeout_stall,
    } = config;
    let now = fixed_now.unwrap_or_else(server::system_now);
    if let Some(as_of) = dataset.as_of {
        dataset.shift_timestamps(now - as_of);
    }
    let given = std::mem::take(&mut dataset.tokens);
    let state = state::State::new(dataset);
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
    let shared = Arc::new(Shared {
        state: Mutex::new(state),
        tokens,
        limiter: limits::RateLimiter::new(rate_limits),
        faults: faults::Faults::new(faults, seed),
        fixed_now,
        timeout_stall,
        seq: AtomicU64::new(0),
        log: Mutex::new(Default::default()),
        shutdown: shutdown_rx.clone(),
    });
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
