//! A scriptable fake Slack on 127.0.0.1 for the client's protocol tests.
//!
//! Plain HTTP/1.1 over a raw socket rather than a web framework, because the
//! tests need answers no well-behaved server gives: a connection closed
//! mid-request, a stall past the client's timeout, a truncated body.

#![allow(dead_code)]

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use connect_triage::slack::{ClientOptions, SlackClient, Token, Tuning};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

pub const TOKEN: &str = "xoxp-4242-test-secret-token-value";

/// One request as the fake saw it.
#[derive(Debug, Clone)]
pub struct Seen {
    pub http_method: String,
    pub path: String,
    /// The Slack method: the path after `/api/`.
    pub method: String,
    pub authorization: Option<String>,
    pub content_type: Option<String>,
    pub args: Vec<(String, String)>,
    pub at: Instant,
    /// 0 for the first call of this Slack method, 1 for the second, ...
    pub nth: usize,
}

impl Seen {
    pub fn arg(&self, name: &str) -> Option<&str> {
        self.args
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// How the fake answers.
pub enum Reply {
    /// HTTP 200 with this JSON text.
    Json(String),
    /// Any status with this body.
    Status(u16, String),
    /// 429, with `Retry-After` when given.
    RateLimited(Option<String>),
    /// Answer nothing for this long, then close.
    Stall(Duration),
    /// Close the connection without answering.
    Reset,
}

pub fn json(value: serde_json::Value) -> Reply {
    Reply::Json(value.to_string())
}

type Handler = dyn Fn(&Seen) -> Reply + Send + Sync;

pub struct Fake {
    pub addr: SocketAddr,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl Fake {
    pub fn base_url(&self) -> String {
        format!("http://{}/api/", self.addr)
    }

    pub fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }

    pub fn calls(&self, method: &str) -> Vec<Seen> {
        self.seen()
            .into_iter()
            .filter(|s| s.method == method)
            .collect()
    }

    /// A client for this fake: no pacing, no retries, short timeout, unless changed.
    pub fn client(&self) -> SlackClient {
        self.client_with(quick_options(), quick_tuning())
    }

    pub fn client_with(&self, options: ClientOptions, tuning: Tuning) -> SlackClient {
        SlackClient::with_tuning(&self.base_url(), Token::new(TOKEN), options, tuning).unwrap()
    }
}

pub fn quick_options() -> ClientOptions {
    ClientOptions {
        timeout: Duration::from_millis(500),
        pace: false,
        read_retries: 0,
        ..ClientOptions::default()
    }
}

pub fn quick_tuning() -> Tuning {
    Tuning {
        rate_window: Duration::from_millis(200),
        backoff_base: Duration::from_millis(20),
        backoff_max: Duration::from_millis(100),
        ..Tuning::default()
    }
}

/// Start a fake answering every request with `handler`.
pub async fn fake(handler: impl Fn(&Seen) -> Reply + Send + Sync + 'static) -> Fake {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    serve_on(listener, Arc::new(handler))
}

/// Start a fake on a listener the test bound itself.
pub fn serve_on(listener: TcpListener, handler: Arc<Handler>) -> Fake {
    let addr = listener.local_addr().unwrap();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    tokio::spawn(async move {
        loop {
            let Ok((socket, _)) = listener.accept().await else {
                return;
            };
            let (handler, log) = (handler.clone(), log.clone());
            tokio::spawn(async move { serve_connection(socket, handler, log).await });
        }
    });
    Fake { addr, seen }
}

async fn serve_connection(
    mut socket: TcpStream,
    handler: Arc<Handler>,
    log: Arc<Mutex<Vec<Seen>>>,
) {
    while let Some(seen) = read_request(&mut socket, &log).await {
        let reply = handler(&seen);
        let (status, headers, body) = match reply {
            Reply::Json(body) => (200, "Content-Type: application/json\r\n".to_owned(), body),
            Reply::Status(status, body) => (status, String::new(), body),
            Reply::RateLimited(retry_after) => (
                429,
                retry_after.map_or_else(String::new, |r| format!("Retry-After: {r}\r\n")),
                r#"{"ok":false,"error":"ratelimited"}"#.to_owned(),
            ),
            Reply::Stall(d) => {
                tokio::time::sleep(d).await;
                return;
            }
            Reply::Reset => return,
        };
        let head = format!(
            "HTTP/1.1 {status} X\r\n{headers}Content-Length: {}\r\n\r\n",
            body.len()
        );
        if socket.write_all(head.as_bytes()).await.is_err()
            || socket.write_all(body.as_bytes()).await.is_err()
        {
            return;
        }
    }
}

async fn read_request(socket: &mut TcpStream, log: &Mutex<Vec<Seen>>) -> Option<Seen> {
    let mut buf = Vec::new();
    let header_end = loop {
        if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break end + 4;
        }
        let mut chunk = [0u8; 4096];
        let n = socket.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buf[..header_end]).into_owned();
    let mut lines = head.split("\r\n");
    let mut request_line = lines.next()?.split(' ');
    let http_method = request_line.next()?.to_owned();
    let target = request_line.next()?.to_owned();
    let mut content_length = 0;
    let (mut authorization, mut content_type) = (None, None);
    for line in lines {
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim().to_owned();
        match name.to_ascii_lowercase().as_str() {
            "content-length" => content_length = value.parse().ok()?,
            "authorization" => authorization = Some(value),
            "content-type" => content_type = Some(value),
            _ => {}
        }
    }
    while buf.len() < header_end + content_length {
        let mut chunk = [0u8; 4096];
        let n = socket.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
    }
    let body = &buf[header_end..header_end + content_length];
    let (path, query) = target.split_once('?').unwrap_or((&target, ""));
    let mut args: Vec<(String, String)> = serde_urlencoded::from_str(query).ok()?;
    args.extend(serde_urlencoded::from_bytes::<Vec<(String, String)>>(body).ok()?);
    let method = path.strip_prefix("/api/").unwrap_or(path).to_owned();
    let mut log = log.lock().unwrap();
    let nth = log.iter().filter(|s| s.method == method).count();
    let seen = Seen {
        http_method,
        path: path.to_owned(),
        method,
        authorization,
        content_type,
        args,
        at: Instant::now(),
        nth,
    };
    log.push(seen.clone());
    Some(seen)
}

/// An address on which nothing listens: connecting is refused.
pub async fn refused_addr() -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    addr
}

/// Assert the token appears in neither the Display nor the Debug of `value`.
pub fn assert_no_token(value: &(impl std::fmt::Display + std::fmt::Debug)) {
    let shown = format!("{value} | {value:?}");
    assert!(!shown.contains(TOKEN), "token leaked: {shown}");
    assert!(
        !shown.contains("test-secret"),
        "part of the token leaked: {shown}"
    );
}
