//! The client's reads against the real emulator: every list complete, with
//! the fewest requests, and the rate limiter keeping within Slack's tiers.

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use crate::support::emu::*;
use connect_triage::emulator::RateLimitMode;
use connect_triage::slack::{
    ClientEvent, ClientOptions, Page, PageStream, RequestFilter, SlackError, WaitReason,
};
use futures::StreamExt;

async fn load<T>(stream: PageStream<T>) -> Result<Vec<Page<T>>, SlackError> {
    stream.collect::<Vec<_>>().await.into_iter().collect()
}

fn items<T>(pages: Vec<Page<T>>) -> Vec<T> {
    pages.into_iter().flat_map(|p| p.items).collect()
}

fn all_requests() -> RequestFilter {
    RequestFilter {
        include_approved: true,
        include_denied: true,
        include_expired: true,
        user_id: None,
    }
}

#[tokio::test]
async fn every_list_loads_completely_with_the_fewest_requests() {
    let emu = start(generated("invites=1201,requests=2001,teams=51,channels=61")).await;
    let client = admin(&emu);
    let snapshot = emu.snapshot();

    let invites = load(client.invites()).await.unwrap();
    assert!(invites.last().unwrap().is_last);
    let ids: Vec<String> = items(invites).iter().map(|i| i.id().to_owned()).collect();
    let unique: BTreeSet<&String> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "no invite twice");
    let expected: BTreeSet<&String> = snapshot.invites.iter().map(|i| &i.id).collect();
    assert_eq!(unique, expected);
    let calls = logged(&emu, "conversations.listConnectInvites");
    assert_eq!(calls.len(), ids.len().div_ceil(500));
    assert!(
        calls
            .iter()
            .all(|c| c.args.contains(&("count".into(), "500".into())))
    );

    let requests = items(load(client.invite_requests(all_requests())).await.unwrap());
    assert_eq!(requests.len(), snapshot.requests.len());
    let calls = logged(&emu, "conversations.requestSharedInvite.list");
    assert_eq!(calls.len(), requests.len().div_ceil(1000));
    assert!(
        calls
            .iter()
            .all(|c| c.args.contains(&("limit".into(), "1000".into())))
    );

    let pages = load(client.external_orgs()).await.unwrap();
    assert_eq!(pages[0].total, Some(snapshot.orgs.len() as u64));
    let orgs = items(pages);
    assert_eq!(orgs.len(), snapshot.orgs.len());
    let calls = logged(&emu, "team.externalTeams.list");
    assert_eq!(calls.len(), orgs.len().div_ceil(25));
    // The cursor of team.externalTeams.list is a team ID.
    let cursor = calls[1].args.iter().find(|(k, _)| k == "cursor").unwrap();
    assert!(orgs.iter().any(|o| o.team_id == cursor.1), "{cursor:?}");

    let channels = items(load(client.shared_channels()).await.unwrap());
    let expected: BTreeSet<&str> = snapshot
        .channels
        .iter()
        .filter(|c| c.is_ext_shared == Some(true) && c.is_archived != Some(true))
        .map(|c| c.id.as_str())
        .collect();
    assert!(expected.len() > 20, "several pages of channels");
    let got: BTreeSet<&str> = channels.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(got.len(), channels.len(), "no channel twice");
    assert_eq!(got, expected);
    let calls = logged(&emu, "admin.conversations.search");
    assert_eq!(calls.len(), channels.len().div_ceil(20));
    assert!(calls.iter().all(|c| c.args.contains(&(
        "search_channel_types".into(),
        "external_shared,external_shared_private".into()
    ))));
    assert!(logged(&emu, "conversations.list").is_empty());
}

#[tokio::test]
async fn pending_requests_only_by_default() {
    let emu = start(generated("requests=300")).await;
    let pending = items(
        load(admin(&emu).invite_requests(RequestFilter::default()))
            .await
            .unwrap(),
    );
    let expected = emu
        .snapshot()
        .requests
        .iter()
        .filter(|r| r.status.as_str() == "pending")
        .count();
    assert_eq!(pending.len(), expected);
    assert!(
        expected < 300,
        "the generator makes requests of every status"
    );
}

#[tokio::test]
async fn auth_methods_describe_the_token() {
    let emu = start(generated("teams=3")).await;
    let client = admin(&emu);
    let auth = client.auth_test().await.unwrap();
    assert_eq!(
        auth.team_id.as_deref(),
        Some(emu.snapshot().self_team_id.as_str())
    );
    let teams = client.auth_teams_list().await.unwrap();
    assert!(!teams.is_empty());
    assert!(teams.iter().all(|t| !t.id.is_empty()));
}

/// The limiter against `--rate-limits scaled:60`: several pages of the Tier 1
/// method, and many of a Tier 2 one, without a single 429.
#[tokio::test]
async fn pacing_keeps_every_list_within_the_scaled_tiers() {
    let emu = start_with(generated("invites=1600,teams=600"), |c| {
        c.rate_limits = RateLimitMode::Scaled(60);
    })
    .await;
    let paced = ClientOptions {
        pace: true,
        ..bare()
    };
    let client = client(&emu, emu.admin_token(), paced);
    let mut events = client.events();
    let started = Instant::now();
    let (invites, orgs) = tokio::join!(load(client.invites()), load(client.external_orgs()));
    let elapsed = started.elapsed();
    assert_eq!(items(invites.unwrap()).len(), 1600);
    assert_eq!(items(orgs.unwrap()).len(), 600);
    let log = emu.request_log();
    let limited: Vec<_> = log.iter().filter(|r| r.status == 429).collect();
    assert!(limited.is_empty(), "429 answers: {limited:?}");
    assert_eq!(logged(&emu, "conversations.listConnectInvites").len(), 4);
    assert_eq!(logged(&emu, "team.externalTeams.list").len(), 24);
    assert_eq!(client.stats().rate_limited, 0);
    // Four Tier 1 pages need three full windows (1 s each at scaled:60).
    assert!(elapsed >= Duration::from_secs(3), "{elapsed:?}");
    let pacing_waits = std::iter::from_fn(|| events.try_recv().ok())
        .filter(|e| {
            matches!(
                e,
                ClientEvent::Waiting {
                    method: "conversations.listConnectInvites",
                    reason: WaitReason::Pacing,
                    ..
                }
            )
        })
        .count();
    assert_eq!(pacing_waits, 3);
}

/// Without pacing the emulator answers 429; a read then waits Retry-After and succeeds.
#[tokio::test]
async fn a_429_is_reported_and_a_read_retried_after_retry_after() {
    let emu = start_with(generated("invites=700"), |c| {
        c.rate_limits = RateLimitMode::Scaled(60);
    })
    .await;
    let eager = admin(&emu);
    let pages: Vec<_> = eager.invites().collect().await;
    let refused_at = Instant::now();
    assert_eq!(pages.len(), 2);
    assert!(pages[0].is_ok());
    let err = pages[1].as_ref().unwrap_err();
    assert_eq!(
        err,
        &SlackError::RateLimited {
            method: "conversations.listConnectInvites",
            retry_after: Duration::from_secs(1)
        }
    );

    // The emulator's window runs on its own clock and nothing shows when it
    // ends but the Retry-After it sent: wait that out from the refusal, so
    // the patient client meets a fresh window and exactly one 429 of its own.
    let SlackError::RateLimited { retry_after, .. } = err else {
        unreachable!()
    };
    tokio::time::sleep_until((refused_at + *retry_after).into()).await;
    let patient = client(
        &emu,
        emu.admin_token(),
        ClientOptions {
            read_retries: 2,
            ..bare()
        },
    );
    let invites = items(load(patient.invites()).await.unwrap());
    assert_eq!(invites.len(), 700);
    assert_eq!(patient.stats().rate_limited, 1);
    assert_eq!(patient.stats().retries, 1);
}
