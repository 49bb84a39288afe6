//! Pagination quirks per method, the channel-list fallback, and pacing,
//! against a scriptable fake Slack.

use std::time::Duration;

use crate::common::{eventually, throughout};
use crate::support::fake::*;
use connect_triage::slack::{
    ClientEvent, ClientOptions, Page, PageStream, RequestFilter, SlackError, Tuning, WaitReason,
};
use futures::{FutureExt, StreamExt};
use serde_json::{Value, json};

async fn all_pages<T>(stream: PageStream<T>) -> Vec<Result<Page<T>, SlackError>> {
    stream.collect().await
}

fn invite(id: &str) -> Value {
    json!({"direction": "incoming", "status": "sent", "invite": {"id": id}})
}

/// The three ways Slack says "last page", each ending the list after that page.
#[tokio::test]
async fn all_three_end_of_list_conventions_end_the_list() {
    let last_pages = [
        json!({"ok": true, "invites": [invite("I2")], "response_metadata": {"next_cursor": ""}}),
        json!({"ok": true, "invites": [invite("I2")], "response_metadata": {"next_cursor": null}}),
        json!({"ok": true, "invites": [invite("I2")]}),
        json!({"ok": true, "invites": [invite("I2")], "response_metadata": {}}),
    ];
    for last in last_pages {
        let fake = fake(move |seen| match seen.arg("cursor") {
            None => json(json!({"ok": true, "invites": [invite("I1")],
                "response_metadata": {"next_cursor": "dGVhbTpJMg=="}})),
            Some("dGVhbTpJMg==") => json(last.clone()),
            Some(other) => panic!("unexpected cursor {other}"),
        })
        .await;
        let pages = all_pages(fake.client().invites()).await;
        let pages: Vec<Page<_>> = pages.into_iter().map(Result::unwrap).collect();
        assert_eq!(pages.len(), 2);
        assert!(!pages[0].is_last && pages[1].is_last);
        assert_eq!(pages[1].items[0].id(), "I2");
        assert_eq!(fake.seen().len(), 2);
    }
}

/// A short page is not the end: only the cursor says so.
#[tokio::test]
async fn a_short_or_empty_page_does_not_end_the_list() {
    let fake = fake(|seen| match seen.nth {
        0 => json(json!({"ok": true, "invites": [invite("I1")], "response_metadata": {"next_cursor": "a"}})),
        1 => json(json!({"ok": true, "invites": [], "response_metadata": {"next_cursor": "b"}})),
        _ => json(json!({"ok": true, "invites": [invite("I3"), invite("I4")], "response_metadata": {"next_cursor": ""}})),
    })
    .await;
    let pages = all_pages(fake.client().invites()).await;
    let ids: Vec<String> = pages
        .iter()
        .flat_map(|p| p.as_ref().unwrap().items.iter().map(|i| i.id().to_owned()))
        .collect();
    assert_eq!(ids, ["I1", "I3", "I4"]);
    let calls = fake.seen();
    assert_eq!(calls.len(), 3);
    assert_eq!(calls[1].arg("cursor"), Some("a"));
    assert_eq!(calls[2].arg("cursor"), Some("b"));
}

#[tokio::test]
async fn invites_ask_for_500_with_count() {
    let fake = fake(|_| json(json!({"ok": true, "invites": []}))).await;
    all_pages(fake.client().invites()).await;
    let call = &fake.calls("conversations.listConnectInvites")[0];
    assert_eq!(call.arg("count"), Some("500"));
    assert_eq!(call.arg("limit"), None);
    assert_eq!(call.arg("cursor"), None);
}

#[tokio::test]
async fn requests_ask_for_1000_and_pass_the_filter() {
    let fake = fake(|seen| match seen.nth {
        0 => json(json!({"ok": true, "invite_requests": [{"id": "I1"}],
            "response_metadata": {"next_cursor": "bG9nX2lkOjc5NjQ1NA=="}})),
        // The documented last page: no response_metadata at all.
        _ => json(json!({"ok": true, "invite_requests": [{"id": "I2"}]})),
    })
    .await;
    let filter = RequestFilter {
        include_denied: true,
        user_id: Some("U7".into()),
        ..RequestFilter::default()
    };
    let pages = all_pages(fake.client().invite_requests(filter)).await;
    assert_eq!(pages.len(), 2);
    let calls = fake.calls("conversations.requestSharedInvite.list");
    assert_eq!(calls[0].arg("limit"), Some("1000"));
    assert_eq!(calls[0].arg("include_denied"), Some("true"));
    assert_eq!(calls[0].arg("include_approved"), Some("false"));
    assert_eq!(calls[0].arg("user_id"), Some("U7"));
    // Cursors with `=` arrive intact (the form encoding escapes them).
    assert_eq!(calls[1].arg("cursor"), Some("bG9nX2lkOjc5NjQ1NA=="));
}

#[tokio::test]
async fn external_teams_page_by_team_id_with_limit_25_and_a_total() {
    let fake = fake(|seen| match seen.arg("cursor") {
        None => json(
            json!({"ok": true, "organizations": [{"team_id": "T1"}], "total_count": 2,
            "response_metadata": {"next_cursor": "T123ABC999"}}),
        ),
        Some("T123ABC999") => json(
            json!({"ok": true, "organizations": [{"team_id": "T123ABC999"}],
            "total_count": 2, "response_metadata": {"next_cursor": ""}}),
        ),
        Some(other) => panic!("unexpected cursor {other}"),
    })
    .await;
    let pages: Vec<_> = all_pages(fake.client().external_orgs())
        .await
        .into_iter()
        .map(Result::unwrap)
        .collect();
    assert_eq!(pages.len(), 2);
    assert_eq!(pages[0].total, Some(2));
    assert_eq!(pages[1].items[0].team_id, "T123ABC999");
    assert!(fake.seen().iter().all(|s| s.arg("limit") == Some("25")));
}

/// admin.conversations.search puts its cursor at the top level; a cursor in
/// `response_metadata` is not the search's and must not be followed.
#[tokio::test]
async fn search_follows_the_top_level_cursor_only() {
    let fake = fake(|seen| match seen.arg("cursor") {
        None => json(
            json!({"ok": true, "conversations": [{"id": "C1", "is_ext_shared": true}],
            "next_cursor": "aWQ6Mw==", "total_count": 3,
            "response_metadata": {"next_cursor": "wrong"}}),
        ),
        Some("aWQ6Mw==") => json(
            json!({"ok": true, "conversations": [{"id": "C2"}, {"id": "C3"}],
            "next_cursor": "", "total_count": 3,
            "response_metadata": {"next_cursor": "wrong-again"}}),
        ),
        Some(other) => panic!("followed the wrong cursor {other}"),
    })
    .await;
    let pages: Vec<_> = all_pages(fake.client().shared_channels())
        .await
        .into_iter()
        .map(Result::unwrap)
        .collect();
    assert_eq!(pages.len(), 2);
    assert_eq!(pages[0].total, Some(3));
    assert_eq!(pages[0].items.len() + pages[1].items.len(), 3);
    let calls = fake.calls("admin.conversations.search");
    assert_eq!(calls[0].arg("limit"), Some("20"));
    assert_eq!(
        calls[0].arg("search_channel_types"),
        Some("external_shared,external_shared_private")
    );
    assert!(fake.calls("conversations.list").is_empty());
}

#[tokio::test]
async fn without_admin_scope_channels_come_from_conversations_list() {
    for refusal in [
        "missing_scope",
        "not_an_admin",
        "not_an_enterprise",
        "not_allowed",
    ] {
        let fake = fake(
            move |seen| match (seen.method.as_str(), seen.arg("cursor")) {
                ("admin.conversations.search", _) => json(json!({"ok": false, "error": refusal,
                "needed": "admin.conversations:read", "provided": "channels:read"})),
                ("conversations.list", None) => json(json!({"ok": true, "channels": [
                    {"id": "C1", "is_ext_shared": true, "purpose": {"value": "deals"}},
                    {"id": "C2", "is_ext_shared": false},
                    {"id": "C3"}],
                "response_metadata": {"next_cursor": "next"}})),
                ("conversations.list", Some("next")) => json(json!({"ok": true, "channels": [
                    {"id": "C4", "is_ext_shared": true}]})),
                other => panic!("unexpected call {other:?}"),
            },
        )
        .await;
        let client = fake.client();
        let mut events = client.events();
        let pages: Vec<_> = all_pages(client.shared_channels())
            .await
            .into_iter()
            .map(Result::unwrap)
            .collect();
        let ids: Vec<&str> = pages
            .iter()
            .flat_map(|p| p.items.iter().map(|c| c.id.as_str()))
            .collect();
        assert_eq!(ids, ["C1", "C4"], "{refusal}");
        assert!(pages.last().unwrap().is_last);
        let list_calls = fake.calls("conversations.list");
        assert_eq!(list_calls[0].arg("limit"), Some("999"));
        assert_eq!(
            list_calls[0].arg("types"),
            Some("public_channel,private_channel")
        );
        assert_eq!(list_calls[0].arg("exclude_archived"), Some("true"));
        assert_eq!(fake.calls("admin.conversations.search").len(), 1);
        let event = events.try_recv().unwrap();
        assert_eq!(
            event,
            ClientEvent::Fallback {
                from: "admin.conversations.search",
                method: "conversations.list",
                reason: refusal.to_owned()
            }
        );
    }
}

#[tokio::test]
async fn other_search_errors_do_not_fall_back() {
    let fake = fake(|_| json(json!({"ok": false, "error": "invalid_auth"}))).await;
    let pages = all_pages(fake.client().shared_channels()).await;
    assert_eq!(pages.len(), 1);
    assert_eq!(pages[0].as_ref().unwrap_err().code(), Some("invalid_auth"));
    assert!(fake.calls("conversations.list").is_empty());
}

#[tokio::test]
async fn an_error_mid_list_ends_the_stream_after_the_pages_so_far() {
    let fake = fake(|seen| match seen.nth {
        0 => json(json!({"ok": true, "invites": [invite("I1")], "response_metadata": {"next_cursor": "x"}})),
        _ => json(json!({"ok": false, "error": "invalid_cursor"})),
    })
    .await;
    let pages = all_pages(fake.client().invites()).await;
    assert_eq!(pages.len(), 2);
    assert!(pages[0].is_ok());
    assert_eq!(
        pages[1].as_ref().unwrap_err().code(),
        Some("invalid_cursor")
    );
}

#[tokio::test]
async fn a_cursor_that_does_not_advance_is_an_error_not_a_loop() {
    let fake = fake(|_| {
        json(json!({"ok": true, "invites": [], "response_metadata": {"next_cursor": "same"}}))
    })
    .await;
    let pages = all_pages(fake.client().invites()).await;
    // The second answer's items still count; the same cursor again ends it.
    assert_eq!(pages.len(), 3);
    assert!(
        matches!(pages[2], Err(SlackError::Paging { .. })),
        "{pages:?}"
    );
    assert_eq!(fake.seen().len(), 2);
}

/// Tier 1 with a short window: the first page goes at once, each next one
/// waits for the window, and the waits are announced.
#[tokio::test]
async fn pacing_spaces_tier_1_pages_by_the_window() {
    let fake = fake(|seen| {
        let next = if seen.nth < 2 { format!("c{}", seen.nth) } else { String::new() };
        json(json!({"ok": true, "invites": [invite("I1")], "response_metadata": {"next_cursor": next}}))
    })
    .await;
    let window = Duration::from_millis(700);
    let client = fake.client_with(
        ClientOptions {
            pace: true,
            ..quick_options()
        },
        Tuning {
            rate_window: window,
            ..quick_tuning()
        },
    );
    let mut events = client.events();
    let started = std::time::Instant::now();
    let pages = all_pages(client.invites()).await;
    assert_eq!(pages.len(), 3);
    let calls = fake.seen();
    assert!(calls[0].at - started < window / 2, "first call at once");
    for pair in calls.windows(2) {
        assert!(
            pair[1].at - pair[0].at >= window,
            "{:?}",
            pair[1].at - pair[0].at
        );
    }
    let waits = std::iter::from_fn(|| events.try_recv().ok())
        .filter(|e| {
            matches!(
                e,
                ClientEvent::Waiting {
                    reason: WaitReason::Pacing,
                    method: "conversations.listConnectInvites",
                    ..
                }
            )
        })
        .count();
    assert_eq!(waits, 2);
    assert!(client.stats().waited >= window * 2 - Duration::from_millis(20));
}

/// Pages are handed over one by one, so a screen can show rows before the last page.
#[tokio::test]
async fn pages_arrive_before_the_list_is_complete() {
    let fake = fake(|seen| match seen.nth {
        0 => json(json!({"ok": true, "invites": [invite("I1")], "response_metadata": {"next_cursor": "x"}})),
        _ => Reply::Stall(Duration::from_secs(5)),
    })
    .await;
    let mut stream = fake.client().invites();
    let first = stream.next().await.unwrap().unwrap();
    assert_eq!(first.items[0].id(), "I1");
    assert!(!first.is_last);
    // The second page is still on its way (stalled), yet the first was handed over.
    assert!(stream.next().now_or_never().is_none());
    // ... and it was asked for before the consumer wanted it (prefetch).
    eventually(
        "the second page was asked for",
        Duration::from_secs(10),
        || fake.seen().len() >= 2,
    )
    .await;
    assert_eq!(fake.seen().len(), 2);
}

/// Dropping a list stops it, even while it waits for the rate limit.
#[tokio::test]
async fn a_dropped_list_sends_nothing_more() {
    let fake = fake(|seen| {
        let next = format!("c{}", seen.nth);
        json(json!({"ok": true, "invites": [invite("I1")], "response_metadata": {"next_cursor": next}}))
    })
    .await;
    let window = Duration::from_millis(300);
    let client = fake.client_with(
        ClientOptions {
            pace: true,
            ..quick_options()
        },
        Tuning {
            rate_window: window,
            ..quick_tuning()
        },
    );
    let mut events = client.events();
    let mut stream = client.invites();
    stream.next().await.unwrap().unwrap();
    // The next page is asked for at once and held by the pacing: drop the
    // list in the middle of that wait.
    let wait = loop {
        let event = tokio::time::timeout(Duration::from_secs(10), events.recv())
            .await
            .expect("the next page waits for the rate limit")
            .unwrap();
        if let ClientEvent::Waiting {
            reason: WaitReason::Pacing,
            wait,
            ..
        } = event
        {
            break wait;
        }
    };
    drop(stream);
    // Nothing may go out when the wait would have ended, nor a window later.
    throughout(
        "only the first page was asked for",
        wait + window * 2,
        || fake.seen().len() == 1,
    )
    .await;
}

/// A lookup stops at the page that has its item: a client for lookups asks
/// for the next page only when the reader wants it, so nothing is fetched
/// (or waited for at Tier 1) past the page that had it. A list read to the
/// end still asks for the next page while the last one is read.
#[tokio::test]
async fn a_lookup_asks_for_no_page_past_the_one_it_needed() {
    let fake = fake(|seen| match seen.arg("cursor") {
        None => json(json!({"ok": true, "invites": [invite("I1")],
                            "response_metadata": {"next_cursor": "two"}})),
        Some(_) => json(json!({"ok": true, "invites": [invite("I2")]})),
    })
    .await;
    let client = fake.client().for_lookups();
    let mut pages = client.invites();
    let first = pages.next().await.unwrap().unwrap();
    assert_eq!(first.items.len(), 1);
    drop(pages);
    client.auth_test().await.ok();
    assert_eq!(fake.calls("conversations.listConnectInvites").len(), 1);
    // Asked for, the next page comes.
    let mut pages = client.invites();
    pages.next().await.unwrap().unwrap();
    let second = pages.next().await.unwrap().unwrap();
    assert_eq!(second.items.len(), 1);
    assert_eq!(fake.calls("conversations.listConnectInvites").len(), 3);
    // Reading ahead (every other list) asks for page two before it is
    // wanted: five calls in all, with only the first page taken.
    let ahead = fake.client();
    let mut pages = ahead.invites();
    pages.next().await.unwrap().unwrap();
    eventually(
        "the page after, asked for ahead",
        Duration::from_secs(10),
        || fake.calls("conversations.listConnectInvites").len() == 5,
    )
    .await;
}
