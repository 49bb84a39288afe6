//! Authentication, scopes, unknown methods and argument encodings.

use crate::support::emulator::*;
use serde_json::json;

#[tokio::test]
async fn auth_test_answers_for_our_org() {
    let emu = start_demo().await;
    let body = ok(&emu, "auth.test", &[]).await;
    assert_eq!(body["team_id"], "T0NBHQ0001");
    assert_eq!(body["team"], "Northbeam Logistics");
    assert_eq!(body["user_id"], "U0NBADM001");
    assert_eq!(body["enterprise_id"], "E0NBORG001");
    assert_eq!(body["url"], "https://northbeam.slack.com/");
    let teams = ok(&emu, "auth.teams.list", &[]).await;
    assert_eq!(teams["teams"][0]["id"], "T0NBHQ0001");
    assert_eq!(teams["response_metadata"]["next_cursor"], "");
}

#[tokio::test]
async fn no_token_is_not_authed_and_unknown_is_invalid_auth() {
    let emu = start_demo().await;
    let http = reqwest::Client::new();
    let none = reply(
        http.post(format!("{}auth.test", emu.base_url()))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(
        (none.status, none.body.clone()),
        (200, json!({"ok": false, "error": "not_authed"}))
    );
    let bad = call(&emu, "auth.test", "xoxp-not-a-real-token", &[]).await;
    assert_eq!(bad.body, json!({"ok": false, "error": "invalid_auth"}));
}

#[tokio::test]
async fn token_argument_works_when_no_header() {
    let emu = start_demo().await;
    let token = admin(&emu);
    let http = reqwest::Client::new();
    let via_form = reply(
        http.post(format!("{}auth.test", emu.base_url()))
            .form(&[("token", token.as_str())])
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(via_form.body["ok"], true);
    let via_query = reply(
        http.get(format!("{}auth.test", emu.base_url()))
            .query(&[("token", token.as_str())])
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(via_query.body["ok"], true);
    // The header wins over the argument.
    let header_first = reply(
        http.post(format!("{}auth.test", emu.base_url()))
            .bearer_auth("xoxp-wrong")
            .form(&[("token", token.as_str())])
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(header_first.body["error"], "invalid_auth");
}

#[tokio::test]
async fn missing_scope_names_needed_and_provided() {
    let emu = start_demo().await;
    let r = call(&emu, "team.externalTeams.list", &manage_only(&emu), &[]).await;
    assert_eq!(
        r.body,
        json!({"ok": false, "error": "missing_scope", "needed": "team:read",
               "provided": "conversations.connect:manage"})
    );
    let r = call(&emu, "admin.conversations.search", &non_admin(&emu), &[]).await;
    assert_eq!(r.body["error"], "missing_scope");
    assert_eq!(r.body["needed"], "admin.conversations:read");
    assert_eq!(
        r.body["provided"],
        "conversations.connect:manage,team:read,channels:read,groups:read"
    );
    // The non-admin token can still list channels the non-admin way.
    let r = call(
        &emu,
        "conversations.list",
        &non_admin(&emu),
        &[("types", "public_channel,private_channel")],
    )
    .await;
    assert_eq!(r.body["ok"], true);
    let r = call(
        &emu,
        "conversations.list",
        &manage_only(&emu),
        &[("types", "private_channel")],
    )
    .await;
    assert_eq!(r.body["needed"], "groups:read");
}

#[tokio::test]
async fn unknown_method() {
    let emu = start_demo().await;
    let r = call(&emu, "conversations.frobnicate", &admin(&emu), &[]).await;
    assert_eq!(r.body, json!({"ok": false, "error": "unknown_method"}));
}

#[tokio::test]
async fn default_tokens_are_deterministic_per_seed() {
    use connect_triage::emulator::{Dataset, EmulatorConfig};
    let a = start_demo().await.tokens();
    let b = start_demo().await.tokens();
    assert_eq!(a, b);
    assert_eq!(a.len(), 3);
    assert!(a.iter().all(|t| t.token.starts_with("xoxp-")));
    let mut other = EmulatorConfig::new(Dataset::demo());
    other.seed = 2;
    let c = start_with(other).await.tokens();
    assert_ne!(a[0].token, c[0].token);
}

#[tokio::test]
async fn data_file_tokens_replace_the_defaults() {
    let emu = start_json(
        r#"{"tokens":[{"token":"xoxp-custom-1","scopes":["team:read"]}]}"#,
        NOW,
    )
    .await;
    assert_eq!(emu.tokens().len(), 1);
    let r = call(&emu, "auth.test", "xoxp-custom-1", &[]).await;
    assert_eq!(r.body["ok"], true);
    let r = call(
        &emu,
        "conversations.listConnectInvites",
        "xoxp-custom-1",
        &[],
    )
    .await;
    assert_eq!(r.body["needed"], "conversations.connect:manage");
}
