//! Invites past the plain approve/decline: expired, inactive or revoked
//! ones, ones between two other teams, and approval that waits for the
//! other side (the choices listed in `emulator/mod.rs`).

use crate::support::emulator::*;
use connect_triage::emulator::InviteOutcome;

const APPROVE: &str = "conversations.approveSharedInvite";
const DECLINE: &str = "conversations.declineSharedInvite";

async fn listed(emu: &connect_triage::emulator::RunningEmulator) -> Vec<String> {
    all_invite_ids(emu, "500").await
}

#[tokio::test]
async fn invites_past_date_invalid_are_gone() {
    // I0NBINV004 expires 5 hours after the demo's as_of, I0NBINV014 after 4 hours.
    use connect_triage::emulator::{Dataset, EmulatorConfig};
    // With `as_of`, dates move with "now": six hours later they are still ahead.
    let mut config = EmulatorConfig::new(Dataset::demo());
    config.fixed_now = Some(NOW + 6 * HOUR);
    let shifted = start_with(config.clone()).await;
    assert!(
        listed(&shifted).await.contains(&"I0NBINV004".to_owned()),
        "as_of keeps it alive"
    );
    // Without it the dates are absolute, and six hours later two invites are gone.
    let mut data = Dataset::demo();
    data.as_of = None;
    config.dataset = data;
    let expired = start_with(config).await;
    let ids = listed(&expired).await;
    assert!(!ids.contains(&"I0NBINV004".to_owned()));
    assert!(!ids.contains(&"I0NBINV014".to_owned()));
    assert_eq!(ids.len(), 27 - 2);
    assert_eq!(
        err(&expired, APPROVE, &[("invite_id", "I0NBINV004")]).await,
        "invite_not_found"
    );
    assert_eq!(
        err(&expired, DECLINE, &[("invite_id", "I0NBINV004")]).await,
        "inactive_invite"
    );
    assert_eq!(
        expired
            .snapshot()
            .past_invite("I0NBINV004")
            .unwrap()
            .outcome,
        InviteOutcome::Expired
    );
}

fn one_invite(extra: &str) -> String {
    format!(
        r#"{{"self":{{"team_id":"T0US","team":"Us"}},
            "invites":[{{"direction":"incoming","status":"sent",
              "invite":{{"id":"I1","date_created":100,"date_invalid":100000,
                         "inviting_team":{{"id":"T0THEM","name":"Them"}}}},
              "channel":{{"id":"C1","name":"c-one","is_private":false}},
              {extra}}}]}}"#
    )
}

#[tokio::test]
async fn inactive_acceptance_is_approval_inactive() {
    let emu = start_json(
        &one_invite(
            r#""acceptances":[{"approval_status":"pending_approval","date_accepted":150,"date_invalid":900,
                "accepting_team":{"id":"T0US"},"reviews":[]}]"#,
        ),
        1000,
    )
    .await;
    assert_eq!(
        err(&emu, APPROVE, &[("invite_id", "I1")]).await,
        "approval_inactive"
    );
    assert_eq!(
        err(&emu, DECLINE, &[("invite_id", "I1")]).await,
        "approval_inactive"
    );
}

#[tokio::test]
async fn revoked_invites_and_invites_between_others_are_invalid_action() {
    let revoked = one_invite(
        r#""acceptances":[{"approval_status":"pending_approval","accepting_team":{"id":"T0US"}}]"#,
    )
    .replace(r#""status":"sent""#, r#""status":"revoked""#);
    let emu = start_json(&revoked, 1000).await;
    assert_eq!(
        err(&emu, APPROVE, &[("invite_id", "I1")]).await,
        "invalid_action"
    );
    assert_eq!(
        err(&emu, DECLINE, &[("invite_id", "I1")]).await,
        "inactive_invite"
    );
    let others = one_invite(
        r#""acceptances":[{"approval_status":"pending_approval","accepting_team":{"id":"T0THIRD"}}]"#,
    );
    let emu = start_json(&others, 1000).await;
    assert_eq!(
        err(&emu, APPROVE, &[("invite_id", "I1")]).await,
        "invalid_action"
    );
}

#[tokio::test]
async fn approval_waits_for_the_other_side() {
    // Accepted by us, nobody approved yet: our approval alone does not connect.
    let emu = start_json(
        &one_invite(r#""acceptances":[{"approval_status":"pending_approval","accepting_team":{"id":"T0US"}}]"#),
        1000,
    )
    .await;
    ok(&emu, APPROVE, &[("invite_id", "I1")]).await;
    let snap = emu.snapshot();
    let inv = snap.invite("I1").expect("still pending");
    assert_eq!(inv.approvals[0].approved_by, vec!["T0US".to_owned()]);
    assert_eq!(inv.approvals[0].awaiting, vec!["T0THEM".to_owned()]);
    let listed = ok(&emu, "conversations.listConnectInvites", &[]).await;
    let reviews = &listed["invites"][0]["acceptances"][0]["reviews"];
    assert_eq!(reviews[0]["type"], "approval");
    assert_eq!(reviews[0]["reviewing_team"]["id"], "T0US");
    assert_eq!(reviews[0]["date_review"], 1000);
    assert!(snap.channel("C1").is_none());
}
