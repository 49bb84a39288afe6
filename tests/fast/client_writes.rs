//! Writes: the arguments each decision sends, and the rule that a write is
//! sent again only when Slack certainly did not apply it.

use std::sync::Arc;
use std::time::Duration;

use crate::support::fake::*;
use connect_triage::slack::{
    ApprovalMessage, ClientEvent, ClientOptions, RequestApproval, SlackClient, Token,
};
use serde_json::json;

fn retrying(read_retries: u32) -> ClientOptions {
    ClientOptions {
        read_retries,
        ..quick_options()
    }
}

/// A write whose fate is unknown is never sent a second time.
#[tokio::test]
async fn writes_are_not_retried_when_they_may_have_been_applied() {
    let failures: Vec<fn() -> Reply> = vec![
        || Reply::Status(500, String::new()),
        || Reply::Stall(Duration::from_secs(2)),
        || Reply::Reset,
        || Reply::Json("{\"ok\":tr".into()),
    ];
    for failure in failures {
        let fake = fake(move |_| failure()).await;
        let client = fake.client_with(retrying(5), quick_tuning());
        assert!(client.approve_invite("I1", Some("T2")).await.is_err());
        assert!(client.decline_invite("I2", None).await.is_err());
        assert!(client.deny_request("I3", Some("no")).await.is_err());
        assert!(client.disconnect_org("T9").await.is_err());
        assert!(client.disconnect_channel("C1", None).await.is_err());
        assert!(
            client
                .approve_request("I4", &RequestApproval::default())
                .await
                .is_err()
        );
        assert_eq!(fake.seen().len(), 6, "each write was sent exactly once");
        assert_eq!(client.stats().retries, 0);
    }
}

#[tokio::test]
async fn a_write_answered_429_is_sent_again_after_retry_after() {
    let fake = fake(|seen| match seen.nth {
        0 => Reply::RateLimited(Some("1".into())),
        _ => json(json!({"ok": true})),
    })
    .await;
    let client = fake.client_with(retrying(3), quick_tuning());
    client.approve_invite("I1", None).await.unwrap();
    let calls = fake.seen();
    assert_eq!(calls.len(), 2);
    assert!(calls[1].at - calls[0].at >= Duration::from_millis(990));
}

#[tokio::test]
async fn a_write_whose_connection_was_refused_is_sent_again() {
    let addr = refused_addr().await;
    let base = format!("http://{addr}/api/");
    let mut tuning = quick_tuning();
    tuning.backoff_base = Duration::from_millis(600);
    tuning.backoff_max = Duration::from_millis(600);
    let client = SlackClient::with_tuning(&base, Token::new(TOKEN), retrying(3), tuning).unwrap();
    let mut events = client.events();
    let writer = client.clone();
    let write = tokio::spawn(async move { writer.disconnect_org("T9").await });
    // The server comes up only once the first attempt was refused (the retry
    // follows 300-600 ms later), so what reaches it can only be the retry.
    let event = tokio::time::timeout(Duration::from_secs(10), events.recv())
        .await
        .expect("the refused write is retried")
        .unwrap();
    assert!(
        matches!(
            event,
            ClientEvent::Retrying {
                method: "team.externalTeams.disconnect",
                attempt: 1,
                ..
            }
        ),
        "{event:?}"
    );
    let listener = tokio::net::TcpListener::bind(addr).await.unwrap();
    let fake = serve_on(listener, Arc::new(|_: &Seen| json(json!({"ok": true}))));
    write.await.unwrap().unwrap();
    assert_eq!(fake.seen().len(), 1, "the retry reached the server, once");
    assert_eq!(client.stats().retries, 1);
    assert_eq!(client.stats().total_requests(), 2, "refused, then sent");
}

#[tokio::test]
async fn write_arguments_follow_the_api_doc() {
    let fake = fake(|seen| match seen.method.as_str() {
        "conversations.requestSharedInvite.approve" => {
            json(json!({"ok": true, "invite_id": "I777"}))
        }
        _ => json(json!({"ok": true})),
    })
    .await;
    let client = fake.client();
    client.approve_invite("I1", Some("T2")).await.unwrap();
    client.decline_invite("I2", None).await.unwrap();
    let approval = RequestApproval {
        is_external_limited: Some(false),
        channel_id: Some("C5".into()),
        message: Some(ApprovalMessage {
            text: "welcome \"friends\"".into(),
            is_override: true,
        }),
    };
    assert_eq!(
        client.approve_request("I3", &approval).await.unwrap(),
        "I777"
    );
    client
        .deny_request("I4", Some("not this one"))
        .await
        .unwrap();
    client.disconnect_org("T9").await.unwrap();
    client.disconnect_channel("C1", Some("T8")).await.unwrap();

    let seen = fake.seen();
    let methods: Vec<&str> = seen.iter().map(|s| s.method.as_str()).collect();
    assert_eq!(
        methods,
        [
            "conversations.approveSharedInvite",
            "conversations.declineSharedInvite",
            "conversations.requestSharedInvite.approve",
            "conversations.requestSharedInvite.deny",
            "team.externalTeams.disconnect",
            "admin.conversations.disconnectShared",
        ]
    );
    assert_eq!(seen[0].arg("invite_id"), Some("I1"));
    assert_eq!(seen[0].arg("target_team"), Some("T2"));
    assert_eq!(seen[1].arg("target_team"), None);
    assert_eq!(seen[2].arg("channel_id"), Some("C5"));
    assert_eq!(seen[2].arg("is_external_limited"), Some("false"));
    let message: serde_json::Value = serde_json::from_str(seen[2].arg("message").unwrap()).unwrap();
    assert_eq!(
        message,
        json!({"text": "welcome \"friends\"", "is_override": true})
    );
    assert_eq!(seen[3].arg("message"), Some("not this one"));
    assert_eq!(seen[4].arg("target_team"), Some("T9"));
    assert_eq!(seen[5].arg("channel_id"), Some("C1"));
    assert_eq!(seen[5].arg("leaving_team_ids"), Some("T8"));
    assert_eq!(client.stats().total_requests(), 6);
}
