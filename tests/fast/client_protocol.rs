//! The client's wire protocol and error paths, against a scriptable fake Slack.

use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::support::fake::*;
use connect_triage::slack::{
    ClientEvent, ClientOptions, SlackClient, SlackError, Token, TransportKind,
};
use serde_json::json;

fn retrying(read_retries: u32) -> ClientOptions {
    ClientOptions {
        read_retries,
        ..quick_options()
    }
}

#[tokio::test]
async fn calls_are_form_posts_with_a_bearer_token() {
    let fake = fake(|_| json(json!({"ok": true, "team_id": "T1", "user_id": "U1"}))).await;
    let auth = fake.client().auth_test().await.unwrap();
    assert_eq!(auth.team_id.as_deref(), Some("T1"));
    let seen = &fake.seen()[0];
    assert_eq!(seen.http_method, "POST");
    assert_eq!(seen.path, "/api/auth.test");
    assert_eq!(
        seen.authorization.as_deref(),
        Some(format!("Bearer {TOKEN}").as_str())
    );
    assert_eq!(
        seen.content_type.as_deref(),
        Some("application/x-www-form-urlencoded")
    );
    // The token travels in the header only.
    assert!(
        seen.args
            .iter()
            .all(|(k, v)| k != "token" && !v.contains(TOKEN))
    );
}

#[tokio::test]
async fn api_base_without_trailing_slash_still_reaches_the_method() {
    let fake = fake(|_| json(json!({"ok": true}))).await;
    let base = format!("http://{}/api", fake.addr);
    let client = SlackClient::with_options(&base, Token::new(TOKEN), quick_options()).unwrap();
    client.auth_test().await.unwrap();
    assert_eq!(fake.seen()[0].path, "/api/auth.test");
}

#[tokio::test]
async fn slack_error_codes_come_back_as_api_errors() {
    for code in [
        "not_authed",
        "invalid_auth",
        "invalid_cursor",
        "restricted_action",
    ] {
        let fake = fake(move |_| json(json!({"ok": false, "error": code}))).await;
        let err = fake.client().auth_test().await.unwrap_err();
        assert_eq!(err.code(), Some(code), "{err:?}");
        assert!(matches!(
            err,
            SlackError::Api {
                method: "auth.test",
                ..
            }
        ));
        assert_no_token(&err);
    }
}

#[tokio::test]
async fn missing_scope_names_the_scope_needed() {
    let fake = fake(|_| {
        json(json!({"ok": false, "error": "missing_scope",
            "needed": "conversations.connect:manage", "provided": "channels:read"}))
    })
    .await;
    let err = fake.client().approve_invite("I1", None).await.unwrap_err();
    let SlackError::Api { code, detail, .. } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(code, "missing_scope");
    assert_eq!(
        detail.needed.as_deref(),
        Some("conversations.connect:manage")
    );
    assert_eq!(detail.provided.as_deref(), Some("channels:read"));
    assert!(err.to_string().contains("conversations.connect:manage"));
}

#[tokio::test]
async fn http_429_is_rate_limited_with_retry_after() {
    let fake = fake(|_| Reply::RateLimited(Some("7".into()))).await;
    let client = fake.client();
    let mut events = client.events();
    let err = client.auth_test().await.unwrap_err();
    assert_eq!(
        err,
        SlackError::RateLimited {
            method: "auth.test",
            retry_after: Duration::from_secs(7)
        }
    );
    assert!(err.certainly_not_applied());
    assert_eq!(client.stats().rate_limited, 1);
    assert!(matches!(
        events.try_recv(),
        Ok(ClientEvent::RateLimited { method: "auth.test", retry_after }) if retry_after == Duration::from_secs(7)
    ));
}

#[tokio::test]
async fn other_statuses_are_http_errors() {
    for status in [500u16, 502, 404] {
        let fake = fake(move |_| Reply::Status(status, "<html>oops</html>".into())).await;
        let err = fake.client().auth_test().await.unwrap_err();
        assert_eq!(
            err,
            SlackError::Http {
                method: "auth.test",
                status
            }
        );
    }
}

#[tokio::test]
async fn refused_connection_is_a_connect_error() {
    let addr = refused_addr().await;
    let base = format!("http://{addr}/api/");
    let client = SlackClient::with_options(&base, Token::new(TOKEN), quick_options()).unwrap();
    let err = client.auth_test().await.unwrap_err();
    assert!(
        matches!(
            err,
            SlackError::Transport {
                kind: TransportKind::Connect,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(err.certainly_not_applied());
    assert_no_token(&err);
}

#[tokio::test]
async fn no_answer_in_time_is_a_timeout() {
    let fake = fake(|_| Reply::Stall(Duration::from_secs(3))).await;
    let started = Instant::now();
    let err = fake.client().auth_test().await.unwrap_err();
    assert!(
        matches!(
            err,
            SlackError::Transport {
                kind: TransportKind::Timeout,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(started.elapsed() < Duration::from_secs(2));
    assert!(!err.certainly_not_applied() && err.outcome_unknown());
    assert_no_token(&err);
}

#[tokio::test]
async fn closed_connection_is_a_reset() {
    let fake = fake(|_| Reply::Reset).await;
    let err = fake.client().auth_test().await.unwrap_err();
    assert!(
        matches!(
            err,
            SlackError::Transport {
                kind: TransportKind::Reset,
                ..
            }
        ),
        "{err:?}"
    );
    assert_no_token(&err);
}

#[tokio::test]
async fn truncated_json_is_a_decode_error_with_a_short_clean_snippet() {
    let body = format!(
        "{{\"ok\":true,\"invites\":[{{\"id\":\"I1\",\x1b[2J\n{}",
        "x".repeat(300)
    );
    let fake = fake(move |_| Reply::Json(body.clone())).await;
    let err = fake.client().auth_test().await.unwrap_err();
    let SlackError::Decode {
        method, snippet, ..
    } = &err
    else {
        panic!("{err:?}")
    };
    assert_eq!(*method, "auth.test");
    assert!(snippet.chars().count() <= 81, "{snippet}");
    assert!(!snippet.chars().any(char::is_control), "{snippet:?}");
    assert!(snippet.starts_with("{\"ok\":true"));
}

/// A server that echoes the token back must not get it into our errors.
#[tokio::test]
async fn the_token_never_appears_in_any_error() {
    let echoes: Vec<Reply> = vec![
        json(
            json!({"ok": false, "error": TOKEN, "needed": TOKEN, "provided": TOKEN,
            "arg": TOKEN, "response_metadata": {"messages": [format!("[ERROR] bad token {TOKEN}")]}}),
        ),
        Reply::Json(format!("{TOKEN} is not JSON")),
        Reply::Json(format!("{{\"ok\":true,\"team_id\":{{\"{TOKEN}\":1}}}}")),
        Reply::Json(format!(
            "{{\"ok\":true,\"invites\":[],\"x\":\"{}",
            &TOKEN[..20]
        )),
        Reply::Status(500, TOKEN.into()),
        Reply::RateLimited(Some(TOKEN.into())),
    ];
    for reply in echoes {
        let reply = Arc::new(std::sync::Mutex::new(Some(reply)));
        let fake = fake(move |_| reply.lock().unwrap().take().unwrap_or(Reply::Reset)).await;
        let err = fake.client().auth_test().await.unwrap_err();
        assert_no_token(&err);
    }
    let client = SlackClient::new("https://slack.com/api/", Token::new(TOKEN)).unwrap();
    assert_no_token(&format!("{client:?}"));
}

#[tokio::test]
async fn reads_are_retried_until_they_succeed() {
    let fake = fake(|seen| match seen.nth {
        0 => Reply::Status(500, String::new()),
        1 => Reply::Reset,
        2 => Reply::Json("{\"ok\":tr".into()),
        _ => json(json!({"ok": true, "team_id": "T1"})),
    })
    .await;
    let client = fake.client_with(retrying(5), quick_tuning());
    let mut events = client.events();
    assert_eq!(
        client.auth_test().await.unwrap().team_id.as_deref(),
        Some("T1")
    );
    assert_eq!(fake.seen().len(), 4);
    assert_eq!(client.stats().retries, 3);
    let retries: Vec<u32> = std::iter::from_fn(|| events.try_recv().ok())
        .filter_map(|e| match e {
            ClientEvent::Retrying { attempt, .. } => Some(attempt),
            _ => None,
        })
        .collect();
    assert_eq!(retries, vec![1, 2, 3]);
}

#[tokio::test]
async fn read_retries_are_bounded() {
    let fake = fake(|_| Reply::Status(503, String::new())).await;
    let err = fake
        .client_with(retrying(2), quick_tuning())
        .auth_test()
        .await
        .unwrap_err();
    assert_eq!(
        err,
        SlackError::Http {
            method: "auth.test",
            status: 503
        }
    );
    assert_eq!(fake.seen().len(), 3);
}

#[tokio::test]
async fn a_read_after_429_waits_retry_after_then_succeeds() {
    let fake = fake(|seen| match seen.nth {
        0 => Reply::RateLimited(Some("1".into())),
        _ => json(json!({"ok": true, "invites": []})),
    })
    .await;
    let client = fake.client_with(retrying(3), quick_tuning());
    let started = Instant::now();
    let pages: Vec<_> = futures::StreamExt::collect::<Vec<_>>(client.invites()).await;
    assert!(pages.iter().all(Result::is_ok));
    let calls = fake.calls("conversations.listConnectInvites");
    assert_eq!(calls.len(), 2);
    assert!(
        calls[1].at - calls[0].at >= Duration::from_millis(990),
        "{:?}",
        calls[1].at - calls[0].at
    );
    assert!(started.elapsed() < Duration::from_secs(3));
    // The method as a whole waited, not just this call: another call now goes at once.
    assert_eq!(client.stats().rate_limited, 1);
}

#[tokio::test]
async fn errors_that_are_not_transient_are_not_retried() {
    let fake = fake(|_| json(json!({"ok": false, "error": "invalid_auth"}))).await;
    let client = fake.client_with(retrying(5), quick_tuning());
    assert!(client.auth_test().await.is_err());
    assert_eq!(fake.seen().len(), 1);
}

#[tokio::test]
async fn auth_teams_list_follows_cursors() {
    let fake = fake(|seen| match seen.arg("cursor") {
        None => json(json!({"ok": true, "teams": [{"id": "T1", "name": "One"}],
            "response_metadata": {"next_cursor": "c2"}})),
        Some("c2") => json(json!({"ok": true, "teams": [{"id": "T2"}],
            "response_metadata": {"next_cursor": ""}})),
        Some(other) => panic!("unexpected cursor {other}"),
    })
    .await;
    let teams = fake.client().auth_teams_list().await.unwrap();
    let ids: Vec<&str> = teams.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, ["T1", "T2"]);
}
