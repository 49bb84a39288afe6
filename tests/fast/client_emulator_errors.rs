//! Every error path of the client against the real emulator, the channel
//! list's fallback for tokens without admin scopes, and the rule that a
//! write is sent once unless Slack certainly did not apply it.

use std::time::Duration;

use crate::support::emu::*;
use crate::support::fake::assert_no_token;
use connect_triage::emulator::FaultKind;
use connect_triage::slack::envelope::decode;
use connect_triage::slack::responses::ListConnectInvites;
use connect_triage::slack::{
    ClientEvent, ClientOptions, SlackClient, SlackError, Token, TransportKind,
};
use futures::StreamExt;

#[tokio::test]
async fn no_token_is_not_authed_and_a_wrong_one_invalid_auth() {
    let emu = start(generated("teams=2")).await;
    let err = client(&emu, Token::new(""), bare())
        .auth_test()
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some("not_authed"), "{err:?}");
    let wrong = Token::new("xoxp-0000-not-a-real-token");
    let err = client(&emu, wrong, bare()).auth_test().await.unwrap_err();
    assert_eq!(err.code(), Some("invalid_auth"), "{err:?}");
    assert!(!format!("{err} {err:?}").contains("not-a-real-token"));
}

#[tokio::test]
async fn missing_scope_says_which_scope_is_needed() {
    let emu = start(generated("teams=2")).await;
    let manage_only = token_with_scopes(&emu, &["conversations.connect:manage"]);
    let secret = manage_only.expose().to_owned();
    let client = client(&emu, manage_only, bare());
    let pages: Vec<_> = client.external_orgs().collect().await;
    let err = pages[0].as_ref().unwrap_err();
    let SlackError::Api { code, detail, .. } = err else {
        panic!("{err:?}")
    };
    assert_eq!(code, "missing_scope");
    assert_eq!(detail.needed.as_deref(), Some("team:read"));
    assert!(
        detail
            .provided
            .as_deref()
            .unwrap()
            .contains("conversations.connect:manage")
    );
    assert!(err.to_string().contains("needs scope team:read"));
    assert!(!format!("{err} {err:?}").contains(&secret));

    let err = client.disconnect_channel("C1", None).await.unwrap_err();
    assert_eq!(err.code(), Some("missing_scope"));
}

/// The client never sends a cursor it did not get, so this goes by hand
/// through the same decoder.
#[tokio::test]
async fn a_bad_cursor_is_invalid_cursor() {
    let emu = start(generated("invites=3")).await;
    let body = reqwest::Client::new()
        .post(format!(
            "{}conversations.listConnectInvites",
            emu.base_url()
        ))
        .bearer_auth(emu.admin_token().expose())
        .form(&[("cursor", "bm90LWEtY3Vyc29y")])
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    let err = decode::<ListConnectInvites>("conversations.listConnectInvites", &body).unwrap_err();
    assert_eq!(err.code(), Some("invalid_cursor"));
}

#[tokio::test]
async fn each_injected_fault_maps_to_its_error_and_never_shows_the_token() {
    type Expect = fn(&SlackError) -> bool;
    let cases: [(&str, Expect); 5] = [
        ("500", |e| matches!(e, SlackError::Http { status: 500, .. })),
        ("429", |e| matches!(e, SlackError::RateLimited { .. })),
        ("timeout", |e| {
            matches!(
                e,
                SlackError::Transport {
                    kind: TransportKind::Timeout,
                    ..
                }
            )
        }),
        ("reset", |e| {
            matches!(
                e,
                SlackError::Transport {
                    kind: TransportKind::Reset,
                    ..
                }
            )
        }),
        (
            "malformed",
            |e| matches!(e, SlackError::Decode { method: "auth.test", snippet, .. } if snippet.chars().count() <= 81),
        ),
    ];
    for (kind, expected) in cases {
        let emu = start_with(generated("invites=3"), |c| {
            c.faults = Some(always(kind));
            c.timeout_stall = Duration::from_secs(2);
        })
        .await;
        let admin_token = emu.admin_token();
        let secret = admin_token.expose().to_owned();
        let err = client(&emu, admin_token, bare())
            .auth_test()
            .await
            .unwrap_err();
        assert!(expected(&err), "{kind}: {err:?}");
        let shown = format!("{err} | {err:?}");
        assert!(
            !shown.contains(&secret),
            "{kind}: the token leaked: {shown}"
        );
        assert_no_token(&err);
    }
}

#[tokio::test]
async fn a_stopped_emulator_is_a_refused_connection() {
    let emu = start(generated("teams=1")).await;
    let client = admin(&emu);
    emu.shutdown().await;
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
}

#[tokio::test]
async fn reads_survive_a_flaky_slack() {
    let emu = start_with(generated("invites=1400,teams=5,channels=90"), |c| {
        // No `malformed`: an unreadable answer is asked for once more only
        // (client_bounds.rs), and at this rate two in a row are likely.
        c.faults = Some("rate=0.4,kinds=500+429+reset".parse().unwrap());
    })
    .await;
    let client = client(
        &emu,
        emu.admin_token(),
        ClientOptions {
            read_retries: 12,
            ..bare()
        },
    );
    let invites: Vec<_> = client.invites().collect().await;
    let count: usize = invites
        .iter()
        .map(|p| p.as_ref().unwrap().items.len())
        .sum();
    assert_eq!(count, emu.snapshot().invites.len());
    let channels: Vec<_> = client.shared_channels().collect().await;
    let count: usize = channels
        .iter()
        .map(|p| p.as_ref().unwrap().items.len())
        .sum();
    assert!(count > 20, "several pages of channels: {count}");
    assert!(client.stats().retries > 0, "the faults were exercised");
}

#[tokio::test]
async fn without_admin_scopes_channels_come_from_conversations_list() {
    // Channels are shared with the generated orgs, so both are needed.
    let emu = start(generated("teams=10,channels=150")).await;
    let limited = token_with_scopes(
        &emu,
        &[
            "conversations.connect:manage",
            "team:read",
            "channels:read",
            "groups:read",
        ],
    );
    let fallback = client(&emu, limited, bare());
    let mut events = fallback.events();
    let pages: Vec<_> = fallback.shared_channels().collect().await;
    let channels: Vec<_> = pages.into_iter().flat_map(|p| p.unwrap().items).collect();
    assert!(channels.iter().all(|c| c.is_ext_shared == Some(true)));
    let mut via_list: Vec<&str> = channels.iter().map(|c| c.id.as_str()).collect();
    let admin_pages: Vec<_> = admin(&emu).shared_channels().collect().await;
    let mut via_search: Vec<String> = admin_pages
        .into_iter()
        .flat_map(|p| p.unwrap().items)
        .map(|c| c.id)
        .collect();
    via_list.sort_unstable();
    via_search.sort_unstable();
    assert!(!via_list.is_empty());
    assert_eq!(via_list, via_search);
    assert_eq!(
        events.try_recv().unwrap(),
        ClientEvent::Fallback {
            from: "admin.conversations.search",
            method: "conversations.list",
            reason: "missing_scope".into()
        }
    );
    let list_calls = logged(&emu, "conversations.list");
    assert!(
        list_calls
            .iter()
            .all(|c| c.args.contains(&("limit".into(), "999".into())))
    );
}

/// Writes that fail in a way that may have applied them are not sent again:
/// the emulator must see each exactly once.
#[tokio::test]
async fn writes_are_sent_once_when_the_outcome_is_unknown() {
    for kind in ["500", "timeout", "reset", "malformed"] {
        let emu = start_with(generated("teams=3"), |c| {
            c.faults = Some(always(kind));
            c.timeout_stall = Duration::from_secs(2);
        })
        .await;
        let team = emu.snapshot().orgs[0].team_id.clone();
        let client = client(
            &emu,
            emu.admin_token(),
            ClientOptions {
                read_retries: 5,
                ..bare()
            },
        );
        let err = client.disconnect_org(&team).await.unwrap_err();
        assert!(!err.certainly_not_applied(), "{kind}: {err:?}");
        let writes = logged_writes(&emu);
        assert_eq!(writes.len(), 1, "{kind}: {writes:?}");
        assert_eq!(writes[0].method, "team.externalTeams.disconnect");
        assert_eq!(client.stats().retries, 0);
    }
}

#[tokio::test]
async fn a_write_answered_429_is_sent_again_and_applied_once() {
    let emu = start_with(generated("teams=3"), |c| {
        c.faults = Some(always(FaultKind::RateLimited.as_str()));
    })
    .await;
    let team = emu.snapshot().orgs[0].team_id.clone();
    let client = client(
        &emu,
        emu.admin_token(),
        ClientOptions {
            read_retries: 2,
            ..bare()
        },
    );
    let err = client.disconnect_org(&team).await.unwrap_err();
    assert!(matches!(err, SlackError::RateLimited { .. }));
    let calls = logged_writes(&emu);
    assert!(
        calls
            .iter()
            .all(|c| c.method == "team.externalTeams.disconnect"),
        "{calls:?}"
    );
    assert_eq!(
        calls.len(),
        3,
        "429 is certainly not applied: sent again, within the bound"
    );
    assert!(calls.iter().all(|c| !c.applied));
}

#[test]
fn a_client_outside_a_runtime_can_be_made_and_dropped() {
    let client = SlackClient::new("https://slack.com/api/", Token::new("xoxb-1")).unwrap();
    let stream = client.invites();
    drop(stream);
}
