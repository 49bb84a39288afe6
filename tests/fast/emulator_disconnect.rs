//! team.externalTeams.disconnect and admin.conversations.disconnectShared.

use crate::support::emulator::*;
use connect_triage::emulator::RunningEmulator;
use serde_json::Value;

const ORG: &str = "team.externalTeams.disconnect";
const CHANNEL: &str = "admin.conversations.disconnectShared";

async fn shared_ids(emu: &RunningEmulator) -> Vec<String> {
    let types = (
        "search_channel_types",
        "external_shared,external_shared_private",
    );
    let mut all = Vec::new();
    let mut cursor = String::new();
    loop {
        let mut form = vec![types, ("limit", "20")];
        if !cursor.is_empty() {
            form.push(("cursor", cursor.as_str()));
        }
        let body = ok(emu, "admin.conversations.search", &form).await;
        all.extend(ids(&body["conversations"], "/id"));
        cursor = body["next_cursor"].as_str().unwrap().to_owned();
        if cursor.is_empty() {
            return all;
        }
    }
}

fn counts(emu: &RunningEmulator, team: &str) -> (i64, i64) {
    let snap = emu.snapshot();
    let org = snap.org(team).unwrap();
    (
        org.public_channel_count.unwrap(),
        org.private_channel_count.unwrap(),
    )
}

#[tokio::test]
async fn disconnecting_an_org_unshares_its_channels() {
    let emu = start_demo().await;
    assert_eq!(shared_ids(&emu).await.len(), 26);
    ok(&emu, ORG, &[("target_team", "T0MAERSK01")]).await;
    let shared = shared_ids(&emu).await;
    for gone in ["C0NBCH0011", "G0NBCH0012", "C0NBCH0013"] {
        assert!(!shared.contains(&gone.to_owned()), "{gone} only had Maersk");
    }
    assert_eq!(shared.len(), 23);
    let snap = emu.snapshot();
    let consortium = snap.channel("C0NBCH0016").unwrap();
    assert_eq!(
        consortium.connected_team_ids,
        vec!["T0DHLSC001", "T0BRTWTR01"]
    );
    assert!(
        snap.channels
            .iter()
            .all(|c| !c.connected_team_ids.contains(&"T0MAERSK01".to_owned()))
    );
    assert!(snap.channel("C0NBCH0011").unwrap().is_ext_shared == Some(false));
    let body = ok(&emu, "team.externalTeams.list", &[("limit", "25")]).await;
    let maersk: &Value = body["organizations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["team_id"] == "T0MAERSK01")
        .unwrap();
    assert_eq!(maersk["connection_status"], "DISCONNECTED");
    assert_eq!(maersk["public_channel_count"], 0);
    assert_eq!(maersk["private_channel_count"], 0);
    let disconnected = ok(
        &emu,
        "team.externalTeams.list",
        &[("connection_status_filter", "DISCONNECTED")],
    )
    .await;
    assert_eq!(disconnected["total_count"], 2);
}

#[tokio::test]
async fn org_disconnect_errors() {
    let emu = start_demo().await;
    let r = call(&emu, ORG, &admin(&emu), &[]).await;
    assert_eq!(r.body["error"], "missing_argument");
    assert_eq!(r.body["arg"], "target_team");
    assert_eq!(
        err(&emu, ORG, &[("target_team", "T726G27TT")]).await,
        "invalid_target_team"
    );
    assert_eq!(
        err(&emu, ORG, &[("target_team", "T0NBHQ0001")]).await,
        "invalid_target_team"
    );
}

#[tokio::test]
async fn channel_with_more_than_two_teams_needs_one_leaving_team() {
    let emu = start_demo().await;
    let c = ("channel_id", "C0NBCH0016");
    assert_eq!(err(&emu, CHANNEL, &[c]).await, "leaving_team_required");
    assert_eq!(
        err(
            &emu,
            CHANNEL,
            &[c, ("leaving_team_ids", "T0MAERSK01,T0DHLSC001")]
        )
        .await,
        "invalid_arguments"
    );
    assert_eq!(
        err(&emu, CHANNEL, &[c, ("leaving_team_ids", "T0NBHQ0001")]).await,
        "cannot_kick_home_team"
    );
    assert_eq!(
        err(&emu, CHANNEL, &[c, ("leaving_team_ids", "T0STRIPE01")]).await,
        "leaving_team_not_in_channel"
    );
    let before = counts(&emu, "T0BRTWTR01");
    ok(&emu, CHANNEL, &[c, ("leaving_team_ids", "T0BRTWTR01")]).await;
    assert_eq!(counts(&emu, "T0BRTWTR01"), (before.0 - 1, before.1));
    let snap = emu.snapshot();
    let ch = snap.channel("C0NBCH0016").unwrap();
    assert_eq!(ch.connected_team_ids, vec!["T0MAERSK01", "T0DHLSC001"]);
    assert!(ch.connected_limited_team_ids.is_empty());
    assert!(shared_ids(&emu).await.contains(&"C0NBCH0016".to_owned()));
}

#[tokio::test]
async fn two_team_channel_disconnects_the_other_side() {
    let emu = start_demo().await;
    let before = counts(&emu, "T0STRIPE01");
    ok(&emu, CHANNEL, &[("channel_id", "C0NBCH0001")]).await;
    assert!(!shared_ids(&emu).await.contains(&"C0NBCH0001".to_owned()));
    assert_eq!(counts(&emu, "T0STRIPE01"), (before.0 - 1, before.1));
    assert_eq!(
        err(&emu, CHANNEL, &[("channel_id", "C0NBCH0001")]).await,
        "not_supported"
    );
}

#[tokio::test]
async fn a_channel_hosted_elsewhere_cannot_lose_its_host() {
    let emu = start_demo().await;
    let c = ("channel_id", "C0NBCH0002");
    assert_eq!(
        err(&emu, CHANNEL, &[c, ("leaving_team_ids", "T0STRIPE01")]).await,
        "cannot_kick_home_team"
    );
    // Without a team, the side that is not the host (ours) leaves.
    ok(&emu, CHANNEL, &[c]).await;
    assert!(!shared_ids(&emu).await.contains(&"C0NBCH0002".to_owned()));
}

#[tokio::test]
async fn channel_disconnect_errors() {
    let emu = start_demo().await;
    assert_eq!(
        err(&emu, CHANNEL, &[("channel_id", "C0NBCH0027")]).await,
        "not_supported"
    );
    assert_eq!(
        err(&emu, CHANNEL, &[("channel_id", "C0NOPE")]).await,
        "channel_not_found"
    );
    assert_eq!(err(&emu, CHANNEL, &[]).await, "invalid_arguments");
    let r = call(
        &emu,
        CHANNEL,
        &non_admin(&emu),
        &[("channel_id", "C0NBCH0001")],
    )
    .await;
    assert_eq!(r.body["needed"], "admin.conversations:write");
}
