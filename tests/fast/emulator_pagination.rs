//! Each method's pagination rules (API doc §1.5 table) and invalid_cursor;
//! the channel lists' are in emulator_pagination_channels.rs.

use std::collections::HashSet;
use std::time::Instant;

use crate::support::emulator::*;
use connect_triage::emulator::{Dataset, EmulatorConfig, GenerateSpec};
use serde_json::Value;

async fn start_generated(spec: &str) -> connect_triage::emulator::RunningEmulator {
    let spec: GenerateSpec = spec.parse().unwrap();
    let mut config = EmulatorConfig::new(Dataset::generate(&spec, 7, NOW));
    config.fixed_now = Some(NOW);
    start_with(config).await
}

#[tokio::test]
async fn list_connect_invites_uses_count_default_100_max_500() {
    let emu = start_generated("invites=1200,teams=20").await;
    let first = ok(&emu, "conversations.listConnectInvites", &[]).await;
    assert_eq!(first["invites"].as_array().unwrap().len(), 100);
    let cursor = first["response_metadata"]["next_cursor"].as_str().unwrap();
    assert!(!cursor.is_empty());
    // `limit` is not this method's size argument.
    let limit = ok(&emu, "conversations.listConnectInvites", &[("limit", "3")]).await;
    assert_eq!(limit["invites"].as_array().unwrap().len(), 100);
    let big = ok(
        &emu,
        "conversations.listConnectInvites",
        &[("count", "9999")],
    )
    .await;
    assert_eq!(big["invites"].as_array().unwrap().len(), 500);
    let small = ok(&emu, "conversations.listConnectInvites", &[("count", "0")]).await;
    assert_eq!(small["invites"].as_array().unwrap().len(), 1);

    let all = all_invite_ids(&emu, "500").await;
    assert_eq!(all.len(), emu.snapshot().invites.len());
    assert_eq!(
        all.iter().collect::<HashSet<_>>().len(),
        all.len(),
        "no repeats"
    );
}

#[tokio::test]
async fn last_page_of_invites_has_empty_next_cursor() {
    let emu = start_demo().await;
    let body = ok(
        &emu,
        "conversations.listConnectInvites",
        &[("count", "500")],
    )
    .await;
    assert_eq!(body["invites"].as_array().unwrap().len(), 27);
    assert_eq!(body["response_metadata"]["next_cursor"], "");
    let page = ok(&emu, "conversations.listConnectInvites", &[("count", "27")]).await;
    assert_eq!(
        page["response_metadata"]["next_cursor"], "",
        "exactly full last page"
    );
}

#[tokio::test]
async fn bad_cursors_are_invalid_cursor() {
    let emu = start_demo().await;
    for (method, size) in [
        ("conversations.listConnectInvites", "count"),
        ("conversations.requestSharedInvite.list", "limit"),
        ("admin.conversations.search", "limit"),
        ("conversations.list", "limit"),
        ("team.externalTeams.list", "limit"),
    ] {
        for cursor in ["garbage!!", "dGVhbTpUMQ==", "W10="] {
            let code = err(&emu, method, &[("cursor", cursor), (size, "2")]).await;
            assert_eq!(code, "invalid_cursor", "{method} {cursor}");
        }
    }
    // A cursor of one list is not valid for another.
    let page = ok(&emu, "conversations.listConnectInvites", &[("count", "2")]).await;
    let cursor = page["response_metadata"]["next_cursor"].as_str().unwrap();
    let code = err(
        &emu,
        "conversations.requestSharedInvite.list",
        &[("cursor", cursor)],
    )
    .await;
    assert_eq!(code, "invalid_cursor");
}

#[tokio::test]
async fn removing_an_invite_between_pages_neither_skips_nor_repeats() {
    let emu = start_demo().await;
    let first = ok(&emu, "conversations.listConnectInvites", &[("count", "5")]).await;
    let page1 = ids(&first["invites"], "/invite/id");
    let cursor = first["response_metadata"]["next_cursor"]
        .as_str()
        .unwrap()
        .to_owned();
    let before: Vec<String> = all_invite_ids(&emu, "500").await;
    // Decline the last invite of page 1 (an incoming one awaiting us) and one on page 2.
    let snapshot = emu.snapshot();
    let declinable: Vec<&String> = before
        .iter()
        .filter(|id| {
            let inv = snapshot.invite(id).unwrap();
            inv.direction == "incoming" && !inv.approvals.is_empty()
        })
        .collect();
    let on_page1 = declinable.iter().find(|id| page1.contains(id)).unwrap();
    let on_page2 = declinable.iter().find(|id| !page1.contains(id)).unwrap();
    ok(
        &emu,
        "conversations.declineSharedInvite",
        &[("invite_id", on_page1)],
    )
    .await;
    ok(
        &emu,
        "conversations.declineSharedInvite",
        &[("invite_id", on_page2)],
    )
    .await;
    let mut rest = Vec::new();
    let mut cursor = cursor;
    while !cursor.is_empty() {
        let body = ok(
            &emu,
            "conversations.listConnectInvites",
            &[("count", "5"), ("cursor", &cursor)],
        )
        .await;
        rest.extend(ids(&body["invites"], "/invite/id"));
        cursor = body["response_metadata"]["next_cursor"]
            .as_str()
            .unwrap()
            .to_owned();
    }
    let expected: Vec<String> = before
        .iter()
        .skip(5)
        .filter(|id| id != on_page2)
        .cloned()
        .collect();
    assert_eq!(rest, expected);
}

#[tokio::test]
async fn hundred_thousand_invites_page_fast() {
    let t = Instant::now();
    let spec: GenerateSpec = "invites=100000,teams=200".parse().unwrap();
    let dataset = Dataset::generate(&spec, 3, NOW);
    let mut config = EmulatorConfig::new(dataset);
    config.fixed_now = Some(NOW);
    let emu = start_with(config).await;
    let ready = t.elapsed();
    let t = Instant::now();
    let all = all_invite_ids(&emu, "500").await;
    let paged = t.elapsed();
    assert!(all.len() > 90_000, "{} live invites", all.len());
    assert_eq!(all.iter().collect::<HashSet<_>>().len(), all.len());
    // Bounds that only catch pathological (quadratic) behaviour: this is an
    // unoptimised build on a shared machine; release numbers are ~10x better.
    assert!(ready.as_secs_f64() < 30.0, "generate+start took {ready:?}");
    assert!(paged.as_secs_f64() < 60.0, "paging took {paged:?}");
}

#[tokio::test]
async fn request_list_limit_default_200_and_metadata_only_when_more() {
    let emu = start_generated("requests=450,teams=10,channels=20").await;
    let q = [("include_denied", "1"), ("include_expired", "1")];
    let first = ok(&emu, "conversations.requestSharedInvite.list", &q).await;
    assert_eq!(first["invite_requests"].as_array().unwrap().len(), 200);
    let cursor = first["response_metadata"]["next_cursor"].as_str().unwrap();
    assert!(!cursor.is_empty());
    let big = ok(
        &emu,
        "conversations.requestSharedInvite.list",
        &[
            ("limit", "5000"),
            ("include_denied", "true"),
            ("include_expired", "true"),
        ],
    )
    .await;
    assert_eq!(big["invite_requests"].as_array().unwrap().len(), 450);
    assert!(
        big.get("response_metadata").is_none(),
        "{:?}",
        big.get("response_metadata")
    );
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let mut form = vec![
            ("limit", "100"),
            ("include_denied", "1"),
            ("include_expired", "1"),
        ];
        if let Some(c) = &cursor {
            form.push(("cursor", c));
        }
        let body = ok(&emu, "conversations.requestSharedInvite.list", &form).await;
        seen.extend(ids(&body["invite_requests"], "/id"));
        match body
            .pointer("/response_metadata/next_cursor")
            .and_then(Value::as_str)
        {
            Some(c) => cursor = Some(c.to_owned()),
            None => break,
        }
    }
    assert_eq!(seen.len(), 450);
    assert_eq!(seen.iter().collect::<HashSet<_>>().len(), 450);
}

#[tokio::test]
async fn external_teams_limit_default_20_max_25_team_id_cursor_and_total() {
    let emu = start_generated("teams=60").await;
    let first = ok(&emu, "team.externalTeams.list", &[]).await;
    let orgs = first["organizations"].as_array().unwrap();
    assert_eq!(orgs.len(), 20);
    assert_eq!(first["total_count"], 60);
    let cursor = first["response_metadata"]["next_cursor"].as_str().unwrap();
    assert_eq!(
        cursor,
        orgs[19]["team_id"].as_str().unwrap(),
        "the cursor is a team id"
    );
    let big = ok(&emu, "team.externalTeams.list", &[("limit", "100")]).await;
    assert_eq!(big["organizations"].as_array().unwrap().len(), 25);
    let mut all = Vec::new();
    let mut cursor = String::new();
    loop {
        let mut form = vec![("limit", "25")];
        if !cursor.is_empty() {
            form.push(("cursor", cursor.as_str()));
        }
        let body = ok(&emu, "team.externalTeams.list", &form).await;
        all.extend(ids(&body["organizations"], "/team_id"));
        cursor = body["response_metadata"]["next_cursor"]
            .as_str()
            .unwrap()
            .to_owned();
        if cursor.is_empty() {
            break;
        }
    }
    assert_eq!(all.len(), 60);
    let names: Vec<String> = all
        .iter()
        .map(|id| {
            emu.snapshot()
                .org(id)
                .unwrap()
                .team_name
                .clone()
                .unwrap()
                .to_lowercase()
        })
        .collect();
    assert!(
        names.windows(2).all(|w| w[0] <= w[1]),
        "sorted by team_name"
    );
    assert_eq!(
        err(&emu, "team.externalTeams.list", &[("cursor", "T0NOSUCH")]).await,
        "invalid_cursor"
    );
}
