//! Argument encodings: query string, form, JSON body, booleans, arrays.

use crate::support::emulator::*;
use serde_json::json;

const LIST: &str = "conversations.requestSharedInvite.list";

fn url(emu: &connect_triage::emulator::RunningEmulator, method: &str) -> String {
    format!("{}{method}", emu.base_url())
}

#[tokio::test]
async fn get_with_query_and_post_with_both_where_the_body_wins() {
    let emu = start_demo().await;
    let http = reqwest::Client::new();
    let get = reply(
        http.get(url(&emu, LIST))
            .bearer_auth(admin(&emu))
            .query(&[("limit", "2")])
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(get.body["invite_requests"].as_array().unwrap().len(), 2);
    let both = reply(
        http.post(format!("{}?limit=1&include_denied=1", url(&emu, LIST)))
            .bearer_auth(admin(&emu))
            .form(&[("limit", "3")])
            .send()
            .await
            .unwrap(),
    )
    .await;
    let items = both.body["invite_requests"].as_array().unwrap();
    assert_eq!(items.len(), 3, "the body's limit wins over the query's");
}

#[tokio::test]
async fn json_bodies_with_real_types() {
    let emu = start_demo().await;
    let http = reqwest::Client::new();
    let r = reply(
        http.post(url(&emu, LIST))
            .bearer_auth(admin(&emu))
            .json(&json!({"include_denied": true, "invite_ids": ["I0NBREQ009", "I0NBREQ001"], "limit": 10}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(ids(&r.body["invite_requests"], "/id").len(), 2);
    let r = reply(
        http.post(url(&emu, "conversations.requestSharedInvite.approve"))
            .bearer_auth(admin(&emu))
            .json(&json!({"invite_id": "I0NBREQ003", "is_external_limited": false,
                          "message": {"text": "Approved for the incident bridge", "is_override": false}}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(r.body["ok"], true, "{}", r.body);
    let snap = emu.snapshot();
    assert!(
        !snap
            .invite("I0NBREQ003")
            .unwrap()
            .invite
            .is_external_limited()
    );
    // A JSON text without the JSON content type is not read as JSON.
    let r = reply(
        http.post(url(&emu, LIST))
            .bearer_auth(admin(&emu))
            .header("content-type", "text/plain")
            .body(r#"{"limit": 1}"#)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_ne!(r.body["invite_requests"].as_array().map(Vec::len), Some(1));
    let r = reply(
        http.post(url(&emu, LIST))
            .bearer_auth(admin(&emu))
            .header("content-type", "application/json")
            .body("{not json")
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(r.body["error"], "invalid_json");
}

#[tokio::test]
async fn booleans_accept_true_false_1_0_any_case() {
    let emu = start_demo().await;
    for yes in ["true", "TRUE", "1", "True"] {
        let body = ok(&emu, LIST, &[("include_denied", yes)]).await;
        assert_eq!(
            body["invite_requests"].as_array().unwrap().len(),
            9,
            "{yes}"
        );
    }
    for no in ["false", "FALSE", "0"] {
        let body = ok(&emu, LIST, &[("include_denied", no)]).await;
        assert_eq!(body["invite_requests"].as_array().unwrap().len(), 8, "{no}");
    }
    let r = call(&emu, LIST, &admin(&emu), &[("include_denied", "yes")]).await;
    assert_eq!(r.body["error"], "invalid_arguments");
}

#[tokio::test]
async fn arrays_comma_joined_or_json_array_strings() {
    let emu = start_demo().await;
    let comma = ok(
        &emu,
        "admin.conversations.search",
        &[
            ("search_channel_types", "external_shared_private"),
            ("limit", "20"),
        ],
    )
    .await;
    let json_str = ok(
        &emu,
        "admin.conversations.search",
        &[
            ("search_channel_types", r#"["external_shared_private"]"#),
            ("limit", "20"),
        ],
    )
    .await;
    assert_eq!(comma["total_count"], json_str["total_count"]);
    assert_eq!(comma["total_count"], 7);
    let r = call(
        &emu,
        "admin.conversations.search",
        &admin(&emu),
        &[("search_channel_types", "[broken")],
    )
    .await;
    assert_eq!(r.body["error"], "invalid_array_arg");
    ok(
        &emu,
        "admin.conversations.disconnectShared",
        &[
            ("channel_id", "C0NBCH0016"),
            ("leaving_team_ids", r#"["T0BRTWTR01"]"#),
        ],
    )
    .await;
    let ch = emu.snapshot().channel("C0NBCH0016").cloned().unwrap();
    assert_eq!(ch.connected_team_ids, vec!["T0MAERSK01", "T0DHLSC001"]);
}

#[tokio::test]
async fn non_numeric_sizes_are_invalid_arguments() {
    let emu = start_demo().await;
    let r = call(
        &emu,
        "conversations.listConnectInvites",
        &admin(&emu),
        &[("count", "ten")],
    )
    .await;
    assert_eq!(r.body["error"], "invalid_arguments");
}
