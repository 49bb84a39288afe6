//! Helpers shared by the emulator tests: start an emulator on 127.0.0.1:0
//! and call it with plain reqwest (no typed client).
#![allow(dead_code)]

use std::net::SocketAddr;

use connect_triage::emulator::{self, Dataset, EmulatorConfig, RunningEmulator};
use serde_json::Value;

pub use crate::common::NOW;
pub const HOUR: i64 = 3600;
pub const DAY: i64 = 24 * HOUR;

pub fn loopback() -> SocketAddr {
    "127.0.0.1:0".parse().unwrap()
}

pub async fn start_with(config: EmulatorConfig) -> RunningEmulator {
    emulator::start(loopback(), config)
        .await
        .expect("emulator starts")
}

pub async fn start_demo() -> RunningEmulator {
    let mut config = EmulatorConfig::new(Dataset::demo());
    config.fixed_now = Some(NOW);
    start_with(config).await
}

pub async fn start_json(json: &str, now: i64) -> RunningEmulator {
    let mut config = EmulatorConfig::new(Dataset::from_json(json).unwrap());
    config.fixed_now = Some(now);
    start_with(config).await
}

pub fn admin(emu: &RunningEmulator) -> String {
    emu.admin_token().expose().to_owned()
}

/// The token that lacks the admin.* scopes.
pub fn non_admin(emu: &RunningEmulator) -> String {
    emu.tokens()
        .into_iter()
        .find(|t| {
            t.scopes.iter().any(|s| s == "team:read")
                && !t.scopes.iter().any(|s| s.starts_with("admin."))
        })
        .expect("a token without admin scopes")
        .token
}

/// The token with only conversations.connect:manage.
pub fn manage_only(emu: &RunningEmulator) -> String {
    emu.tokens()
        .into_iter()
        .find(|t| t.scopes == ["conversations.connect:manage"])
        .expect("a manage-only token")
        .token
}

pub struct Reply {
    pub status: u16,
    pub retry_after: Option<String>,
    pub body: Value,
}

/// POST a form with a Bearer token; `Value::Null` body when it is not JSON.
pub async fn call(
    emu: &RunningEmulator,
    method: &str,
    token: &str,
    form: &[(&str, &str)],
) -> Reply {
    let resp = reqwest::Client::new()
        .post(format!("{}{method}", emu.base_url()))
        .bearer_auth(token)
        .form(form)
        .send()
        .await
        .expect("request sent");
    reply(resp).await
}

pub async fn reply(resp: reqwest::Response) -> Reply {
    let status = resp.status().as_u16();
    let retry_after = resp
        .headers()
        .get("retry-after")
        .map(|v| v.to_str().unwrap().to_owned());
    let text = resp.text().await.unwrap_or_default();
    Reply {
        status,
        retry_after,
        body: serde_json::from_str(&text).unwrap_or(Value::Null),
    }
}

pub async fn ok(emu: &RunningEmulator, method: &str, form: &[(&str, &str)]) -> Value {
    let r = call(emu, method, &admin(emu), form).await;
    assert_eq!(r.status, 200, "{method}: {:?}", r.body);
    assert_eq!(r.body["ok"], true, "{method} {form:?}: {}", r.body);
    r.body
}

/// The error code of a call expected to fail with HTTP 200.
pub async fn err(emu: &RunningEmulator, method: &str, form: &[(&str, &str)]) -> String {
    let r = call(emu, method, &admin(emu), form).await;
    assert_eq!(r.status, 200, "{method}: {:?}", r.body);
    assert_eq!(
        r.body["ok"], false,
        "{method} {form:?} should fail: {}",
        r.body
    );
    r.body["error"].as_str().unwrap().to_owned()
}

pub fn ids(items: &Value, pointer: &str) -> Vec<String> {
    items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            i.pointer(pointer)
                .and_then(Value::as_str)
                .unwrap()
                .to_owned()
        })
        .collect()
}

/// Every invite id, following listConnectInvites cursors with page size `count`.
pub async fn all_invite_ids(emu: &RunningEmulator, count: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cursor = String::new();
    loop {
        let mut form = vec![("count", count)];
        if !cursor.is_empty() {
            form.push(("cursor", cursor.as_str()));
        }
        let body = ok(emu, "conversations.listConnectInvites", &form).await;
        out.extend(ids(&body["invites"], "/invite/id"));
        cursor = body["response_metadata"]["next_cursor"]
            .as_str()
            .unwrap()
            .to_owned();
        if cursor.is_empty() {
            return out;
        }
    }
}
