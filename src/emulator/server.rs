//! HTTP side: routing, authentication, rate limits, scopes, faults and the
//! `ok`/`error` envelope around the method handlers.

use std::collections::VecDeque;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::ws::WebSocketUpgrade;
use axum::extract::ws::rejection::WebSocketUpgradeRejection;
use axum::extract::{ConnectInfo, Path, RawQuery, State as AxumState};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get};
use serde_json::json;
use tokio::sync::watch;

use super::activity::Activity;
use super::api_error::ApiError;
use super::args::Args;
use super::config::FaultKind;
use super::dataset::TokenSpec;
use super::faults::Faults;
use super::limits::RateLimiter;
use super::methods::{self, Reply};
use super::net::ConnHandle;
use super::snapshot::LoggedRequest;
use super::socket::{self, Hub};
use super::state::State;

/// The request log keeps this many entries; a long-running emulator must not grow without bound.
const LOG_CAP: usize = 100_000;

pub(crate) struct Shared {
    pub addr: SocketAddr,
    pub state: Mutex<State>,
    pub tokens: Vec<TokenSpec>,
    pub limiter: RateLimiter,
    pub faults: Faults,
    pub fixed_now: Option<i64>,
    pub timeout_stall: Duration,
    pub seq: AtomicU64,
    pub log: Mutex<VecDeque<LoggedRequest>>,
    pub shutdown: watch::Receiver<bool>,
    pub socket: Arc<Hub>,
    pub activity: Activity,
}

impl Shared {
    pub fn now(&self) -> i64 {
        self.fixed_now.unwrap_or_else(system_now)
    }

    pub fn lock_state(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn record(&self, entry: LoggedRequest) {
        let mut log = self.log.lock().unwrap_or_else(|e| e.into_inner());
        if log.len() >= LOG_CAP {
            log.pop_front();
        }
        log.push_back(entry);
    }
}

pub(crate) fn system_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// `GET /link/?ticket=…`: the Socket Mode WebSocket, served by the hub.
async fn link(
    AxumState(shared): AxumState<Arc<Shared>>,
    ConnectInfo(conn): ConnectInfo<ConnHandle>,
    RawQuery(query): RawQuery,
    ws: Result<WebSocketUpgrade, WebSocketUpgradeRejection>,
) -> Response {
    socket::link(shared.socket.clone(), conn, query, ws)
}

pub(crate) fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route("/api/{method}", any(api))
        .route("/link/", get(link))
        .route("/link", get(link))
        .with_state(shared)
}

/// What a request came to, before faults shape the answer.
struct Outcome {
    status: StatusCode,
    body: String,
    error: Option<String>,
    applied: bool,
    retry_after: Option<u64>,
    scopes: Option<(String, String)>,
}

impl Outcome {
    fn error(e: ApiError) -> Outcome {
        Outcome {
            status: StatusCode::OK,
            error: Some(e.code.clone()),
            body: e.body().to_string(),
            applied: false,
            retry_after: None,
            scopes: None,
        }
    }

    fn rate_limited(secs: u64) -> Outcome {
        Outcome {
            status: StatusCode::TOO_MANY_REQUESTS,
            retry_after: Some(secs),
            ..Outcome::error(ApiError::new("ratelimited"))
        }
    }
}

fn bearer(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?.trim();
    let (scheme, token) = value.split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then(|| token.to_owned())
}

fn process(
    shared: &Shared,
    method: &str,
    headers: &HeaderMap,
    args: Result<Args, ApiError>,
    skip_writes: bool,
) -> Outcome {
    if method == socket::OPEN_METHOD {
        return open_connection(shared, headers, args);
    }
    let Some(spec) = methods::lookup(method) else {
        return Outcome::error(ApiError::new("unknown_method"));
    };
    let args = match args {
        Ok(a) => a,
        Err(e) => return Outcome::error(e),
    };
    let Some(token) = bearer(headers).or_else(|| args.str("token")) else {
        return Outcome::error(ApiError::new("not_authed"));
    };
    let Some(tok) = shared.tokens.iter().find(|t| t.token == token) else {
        // The app-level token opens sockets and nothing else.
        let code = if token == shared.socket.app_token {
            "not_allowed_token_type"
        } else {
            "invalid_auth"
        };
        return Outcome::error(ApiError::new(code));
    };
    // Slack counts per method, per workspace: an org token loading three
    // workspaces has three budgets.
    let workspace = if tok.is_org_level() {
        args.str("team_id").unwrap_or_default()
    } else {
        tok.team.clone().unwrap_or_default()
    };
    if let Err(secs) =
        shared
            .limiter
            .check(spec.name, &tok.token, &workspace, spec.tier.per_minute())
    {
        return Outcome::rate_limited(secs);
    }
    let scopes = Some((tok.scopes.join(","), (spec.scopes)(&args).join(",")));
    let missing = methods::missing_scopes(spec, &args, tok);
    if !missing.is_empty() {
        let e = ApiError::new("missing_scope")
            .with("needed", json!(missing.join(",")))
            .with("provided", json!(tok.scopes.join(",")));
        return Outcome {
            scopes,
            ..Outcome::error(e)
        };
    }
    if skip_writes && spec.write {
        return Outcome {
            status: StatusCode::OK,
            body: r#"{"ok":true}"#.to_owned(),
            error: None,
            applied: false,
            retry_after: None,
            scopes,
        };
    }
    let now = shared.now();
    let (result, events) = {
        let mut state = shared.lock_state();
        methods::run(spec, &mut state, &args, tok, now)
    };
    shared.socket.emit(events, now);
    match result {
        Ok(reply) => Outcome {
            status: StatusCode::OK,
            body: match reply {
                Reply::Fields(fields) => methods::ok_body(fields).to_string(),
                Reply::Body(text) => text,
            },
            error: None,
            applied: spec.write,
            retry_after: None,
            scopes,
        },
        Err(e) => Outcome {
            scopes,
            ..Outcome::error(e)
        },
    }
}

/// `apps.connections.open`: an app-level token gets a single-use `/link/`
/// URL on this server; Web API tokens are the wrong type.
fn open_connection(shared: &Shared, headers: &HeaderMap, args: Result<Args, ApiError>) -> Outcome {
    let args = match args {
        Ok(a) => a,
        Err(e) => return Outcome::error(e),
    };
    let Some(token) = bearer(headers).or_else(|| args.str("token")) else {
        return Outcome::error(ApiError::new("not_authed"));
    };
    if token != shared.socket.app_token {
        let known = shared.tokens.iter().any(|t| t.token == token);
        let code = if known {
            "not_allowed_token_type"
        } else {
            "invalid_auth"
        };
        return Outcome::error(ApiError::new(code));
    }
    // Tier 3, as Slack's current method page says (the older page said
    // Tier 1, which clients pace by to be safe): a client restarted within
    // a minute is not kept waiting.
    let per_minute = methods::Tier::T3.per_minute();
    if let Err(secs) = shared
        .limiter
        .check(socket::OPEN_METHOD, &token, "", per_minute)
    {
        return Outcome::rate_limited(secs);
    }
    // Our own address, unless we listen on every interface: then the one the caller used.
    let host = match headers.get(header::HOST).and_then(|h| h.to_str().ok()) {
        Some(h) if shared.addr.ip().is_unspecified() => h.to_owned(),
        _ => shared.addr.to_string(),
    };
    let url = format!(
        "ws://{host}/link/?ticket={}&app_id={}",
        shared.socket.new_ticket(),
        socket::APP_ID
    );
    Outcome {
        status: StatusCode::OK,
        body: json!({"ok": true, "url": url}).to_string(),
        error: None,
        applied: false,
        retry_after: None,
        scopes: Some(("connections:write".into(), "connections:write".into())),
    }
}

fn json_response(status: StatusCode, body: String) -> Response {
    let mut resp = Response::new(Body::from(body));
    *resp.status_mut() = status;
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    resp
}

async fn api(
    AxumState(shared): AxumState<Arc<Shared>>,
    Path(method): Path<String>,
    ConnectInfo(conn): ConnectInfo<ConnHandle>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let n = shared.seq.fetch_add(1, Ordering::SeqCst);
    let fault = shared.faults.draw(n);
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok());
    let args = Args::parse(query.as_deref(), content_type, &body);
    let mut entry = LoggedRequest {
        method: method.clone(),
        status: 200,
        error: None,
        args: args.as_ref().map(Args::for_log).unwrap_or_default(),
        fault,
        applied: false,
        write: methods::lookup(&method).is_some_and(|spec| spec.write),
    };
    match fault {
        Some(FaultKind::Http500) => {
            entry.status = 500;
            shared.record(entry);
            return json_response(
                StatusCode::INTERNAL_SERVER_ERROR,
                r#"{"ok":false,"error":"internal_error"}"#.into(),
            );
        }
        Some(FaultKind::RateLimited) => {
            entry.status = 429;
            entry.error = Some("ratelimited".into());
            shared.record(entry);
            let mut resp = json_response(
                StatusCode::TOO_MANY_REQUESTS,
                r#"{"ok":false,"error":"ratelimited"}"#.into(),
            );
            resp.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(1u64));
            return resp;
        }
        Some(FaultKind::Reset) => {
            entry.status = 0;
            shared.record(entry);
            conn.cut();
            // Never written: the cut connection fails the first write.
            return StatusCode::OK.into_response();
        }
        _ => {}
    }

    let malformed = fault == Some(FaultKind::Malformed);
    let outcome = process(&shared, &method, &headers, args, malformed);
    entry.status = outcome.status.as_u16();
    entry.error = outcome.error.clone();
    entry.applied = outcome.applied;
    shared.record(entry);

    let mut text = outcome.body;
    if malformed {
        // Cut mid-document: never valid JSON, whatever the body was.
        let cut = (text.len() / 2).max(1);
        let cut = (0..=cut)
            .rev()
            .find(|i| text.is_char_boundary(*i))
            .unwrap_or(0);
        text.truncate(cut);
    }
    let mut resp = json_response(outcome.status, text);
    if let Some(secs) = outcome.retry_after {
        resp.headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(secs));
    }
    if let Some((granted, accepted)) = &outcome.scopes {
        for (name, value) in [
            ("x-oauth-scopes", granted),
            ("x-accepted-oauth-scopes", accepted),
        ] {
            if let Ok(v) = HeaderValue::from_str(value) {
                resp.headers_mut().insert(name, v);
            }
        }
    }
    if fault == Some(FaultKind::Timeout) {
        // The call was applied above; the answer now arrives too late for
        // any client (the hard case: the caller cannot tell it happened).
        let mut shutdown = shared.shutdown.clone();
        tokio::select! {
            _ = tokio::time::sleep(shared.timeout_stall) => {}
            _ = shutdown.wait_for(|v| *v) => {}
        }
    }
    resp
}
