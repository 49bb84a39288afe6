//! Invite approval and decline: state transitions and error codes; invites
//! in the other states are in emulator_invites_states.rs.

use crate::support::emulator::*;
use connect_triage::emulator::InviteOutcome;
use serde_json::Value;

const APPROVE: &str = "conversations.approveSharedInvite";
const DECLINE: &str = "conversations.declineSharedInvite";

async fn listed(emu: &connect_triage::emulator::RunningEmulator) -> Vec<String> {
    all_invite_ids(emu, "500").await
}

async fn org(emu: &connect_triage::emulator::RunningEmulator, team_id: &str) -> Option<Value> {
    let body = ok(emu, "team.externalTeams.list", &[("limit", "25")]).await;
    body["organizations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["team_id"] == team_id)
        .cloned()
}

async fn shared_channel(
    emu: &connect_triage::emulator::RunningEmulator,
    id: &str,
) -> Option<Value> {
    let body = ok(
        emu,
        "admin.conversations.search",
        &[
            (
                "search_channel_types",
                "external_shared,external_shared_private",
            ),
            ("limit", "20"),
            ("query", ""),
        ],
    )
    .await;
    let mut found = body["conversations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == id)
        .cloned();
    let mut cursor = body["next_cursor"].as_str().unwrap().to_owned();
    while found.is_none() && !cursor.is_empty() {
        let page = ok(
            emu,
            "admin.conversations.search",
            &[
                (
                    "search_channel_types",
                    "external_shared,external_shared_private",
                ),
                ("limit", "20"),
                ("cursor", &cursor),
            ],
        )
        .await;
        found = page["conversations"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == id)
            .cloned();
        cursor = page["next_cursor"].as_str().unwrap().to_owned();
    }
    found
}

#[tokio::test]
async fn approving_an_incoming_invite_awaiting_us_connects_the_channel() {
    let emu = start_demo().await;
    let before = org(&emu, "T0DDOG0001").await.unwrap();
    assert!(shared_channel(&emu, "C0DDOG0002").await.is_none());
    let snap = emu.snapshot();
    let awaiting = &snap.invite("I0NBINV002").unwrap().approvals[0];
    assert_eq!(awaiting.awaiting, vec!["T0NBHQ0001".to_owned()]);

    ok(&emu, APPROVE, &[("invite_id", "I0NBINV002")]).await;

    assert!(!listed(&emu).await.contains(&"I0NBINV002".to_owned()));
    let past = emu.snapshot();
    let past = past.past_invite("I0NBINV002").unwrap();
    assert_eq!(past.outcome, InviteOutcome::Approved);
    assert!(past.approvals[0].awaiting.is_empty());
    let ch = shared_channel(&emu, "C0DDOG0002")
        .await
        .expect("now a Slack Connect channel");
    assert_eq!(ch["is_ext_shared"], true);
    assert_eq!(ch["connected_team_ids"], serde_json::json!(["T0DDOG0001"]));
    assert_eq!(
        ch["connected_limited_team_ids"],
        serde_json::json!(["T0DDOG0001"])
    );
    assert_eq!(ch["conversation_host_id"], "T0DDOG0001");
    let after = org(&emu, "T0DDOG0001").await.unwrap();
    assert_eq!(
        after["public_channel_count"].as_i64().unwrap(),
        before["public_channel_count"].as_i64().unwrap() + 1
    );
    assert_eq!(
        after["private_channel_count"],
        before["private_channel_count"]
    );
    // Asking again: the invite is gone, and Slack says why.
    assert_eq!(
        err(&emu, APPROVE, &[("invite_id", "I0NBINV002")]).await,
        "already_approved"
    );
}

#[tokio::test]
async fn full_permission_invite_is_not_limited() {
    let emu = start_demo().await;
    ok(&emu, APPROVE, &[("invite_id", "I0NBINV003")]).await;
    let ch = shared_channel(&emu, "C0OKTA0003").await.unwrap();
    assert_eq!(ch["connected_team_ids"], serde_json::json!(["T0OKTA0001"]));
    assert!(ch.get("connected_limited_team_ids").is_none());
}

#[tokio::test]
async fn our_approval_on_an_invite_awaiting_them_is_already_given() {
    let emu = start_demo().await;
    assert_eq!(
        err(&emu, APPROVE, &[("invite_id", "I0NBINV009")]).await,
        "already_approved"
    );
    assert_eq!(
        err(
            &emu,
            APPROVE,
            &[("invite_id", "I0NBINV018"), ("target_team", "T0DDOG0001")]
        )
        .await,
        "already_approved"
    );
    // Still pending, still listed.
    assert!(listed(&emu).await.contains(&"I0NBINV009".to_owned()));
}

#[tokio::test]
async fn approving_before_anyone_accepted_is_approval_not_found() {
    let emu = start_demo().await;
    assert_eq!(
        err(&emu, APPROVE, &[("invite_id", "I0NBINV011")]).await,
        "approval_not_found"
    );
    assert_eq!(
        err(
            &emu,
            APPROVE,
            &[("invite_id", "I0NBINV020"), ("target_team", "T0GRNLNE01")]
        )
        .await,
        "approval_not_found"
    );
    assert_eq!(
        err(&emu, DECLINE, &[("invite_id", "I0NBINV011")]).await,
        "approval_not_found"
    );
}

#[tokio::test]
async fn outgoing_invites_need_the_accepting_team() {
    let emu = start_demo().await;
    assert_eq!(
        err(&emu, APPROVE, &[("invite_id", "I0NBINV013")]).await,
        "missing_target_team"
    );
    assert_eq!(
        err(
            &emu,
            APPROVE,
            &[("invite_id", "I0NBINV013"), ("target_team", "T0STRIPE01")]
        )
        .await,
        "invalid_target_team"
    );
    let before = org(&emu, "T0KESSWU01").await.unwrap();
    ok(
        &emu,
        APPROVE,
        &[("invite_id", "I0NBINV013"), ("target_team", "T0KESSWU01")],
    )
    .await;
    let after = org(&emu, "T0KESSWU01").await.unwrap();
    assert_eq!(
        after["private_channel_count"].as_i64().unwrap(),
        before["private_channel_count"].as_i64().unwrap() + 1
    );
    let ch = shared_channel(&emu, "G0NBNEW013").await.unwrap();
    assert_eq!(ch["is_private"], true);
    assert_eq!(ch["conversation_host_id"], "T0NBHQ0001");
    // Python's SDK test names the other side with `team_id`; that works too.
    ok(
        &emu,
        APPROVE,
        &[("invite_id", "I0NBINV015"), ("team_id", "T0ATLASR01")],
    )
    .await;
}

#[tokio::test]
async fn approving_with_a_new_org_adds_it_to_external_teams() {
    let emu = start_demo().await;
    assert!(org(&emu, "T0ATLASR01").await.is_none());
    ok(
        &emu,
        APPROVE,
        &[("invite_id", "I0NBINV015"), ("target_team", "T0ATLASR01")],
    )
    .await;
    let atlas = org(&emu, "T0ATLASR01")
        .await
        .expect("Atlas is now connected");
    assert_eq!(atlas["connection_status"], "CONNECTED");
    assert_eq!(atlas["team_name"], "Atlas Robotics");
    assert_eq!(atlas["public_channel_count"], 1);
    let total = ok(&emu, "team.externalTeams.list", &[]).await["total_count"].clone();
    assert_eq!(total, 13);
}

#[tokio::test]
async fn approving_into_a_channel_already_shared_with_that_org_keeps_counts() {
    let emu = start_demo().await;
    let before = org(&emu, "T0STRIPE01").await.unwrap();
    ok(
        &emu,
        APPROVE,
        &[("invite_id", "I0NBINV016"), ("target_team", "T0STRIPE01")],
    )
    .await;
    let after = org(&emu, "T0STRIPE01").await.unwrap();
    assert_eq!(
        after["public_channel_count"],
        before["public_channel_count"]
    );
    let ch = shared_channel(&emu, "C0NBCH0001").await.unwrap();
    assert_eq!(ch["connected_team_ids"], serde_json::json!(["T0STRIPE01"]));
}

#[tokio::test]
async fn decline_removes_the_invite_and_repeats_are_refused() {
    let emu = start_demo().await;
    ok(&emu, DECLINE, &[("invite_id", "I0NBINV001")]).await;
    assert!(!listed(&emu).await.contains(&"I0NBINV001".to_owned()));
    let snap = emu.snapshot();
    assert_eq!(
        snap.past_invite("I0NBINV001").unwrap().outcome,
        InviteOutcome::Declined
    );
    assert!(
        snap.channel("C0FAKE0001").is_none(),
        "a declined invite shares nothing"
    );
    assert_eq!(
        err(&emu, DECLINE, &[("invite_id", "I0NBINV001")]).await,
        "approval_inactive"
    );
    assert_eq!(
        err(&emu, APPROVE, &[("invite_id", "I0NBINV001")]).await,
        "approval_inactive"
    );

    assert_eq!(
        err(&emu, DECLINE, &[("invite_id", "I0NBINV017")]).await,
        "missing_target_team"
    );
    assert_eq!(
        err(
            &emu,
            DECLINE,
            &[("invite_id", "I0NBINV017"), ("target_team", "T0OKTA0001")]
        )
        .await,
        "invalid_target_team"
    );
    ok(
        &emu,
        DECLINE,
        &[("invite_id", "I0NBINV017"), ("target_team", "T0VEGAIG01")],
    )
    .await;
    // A decline of an approved invite is no longer possible.
    ok(&emu, APPROVE, &[("invite_id", "I0NBINV002")]).await;
    assert_eq!(
        err(&emu, DECLINE, &[("invite_id", "I0NBINV002")]).await,
        "inactive_invite"
    );
}

#[tokio::test]
async fn unknown_and_missing_invite_ids() {
    let emu = start_demo().await;
    assert_eq!(
        err(&emu, APPROVE, &[("invite_id", "I0NOPE")]).await,
        "invite_not_found"
    );
    assert_eq!(
        err(&emu, DECLINE, &[("invite_id", "I0NOPE")]).await,
        "invite_not_found"
    );
    let r = call(&emu, APPROVE, &admin(&emu), &[]).await;
    assert_eq!(r.body["error"], "invalid_arguments");
    assert!(
        r.body["response_metadata"]["messages"][0]
            .as_str()
            .unwrap()
            .contains("invite_id")
    );
}
