//! Every write method through the client against the emulator's demo org,
//! checked against the emulator's state afterwards.

use crate::support::emu::*;
use connect_triage::emulator::{Dataset, InviteOutcome, RequestStatus, StateSnapshot};
use connect_triage::slack::{ApprovalMessage, RequestApproval, SlackClient};

/// The IDs the emulator counts as "us": the workspace and its enterprise.
async fn our_ids(client: &SlackClient) -> Vec<String> {
    let auth = client.auth_test().await.unwrap();
    [auth.team_id, auth.enterprise_id]
        .into_iter()
        .flatten()
        .collect()
}

/// A pending invite whose acceptance still waits for our approval, with the
/// `target_team` the call needs (the accepting team when we invited).
fn awaiting_us<'a>(snapshot: &'a StateSnapshot, us: &[String]) -> (&'a str, Option<String>) {
    snapshot
        .invites
        .iter()
        .find_map(|i| {
            let side = i.approvals.iter().find(|a| {
                a.approval_status == "pending_approval" && a.awaiting.iter().any(|t| us.contains(t))
            })?;
            let target = (i.direction == "outgoing").then(|| side.accepting_team_id.clone());
            Some((i.id.as_str(), target))
        })
        .expect("the demo has invites awaiting our approval")
}

#[tokio::test]
async fn approving_an_invite_records_our_approval() {
    let emu = start(Dataset::demo()).await;
    let client = admin(&emu);
    let us = our_ids(&client).await;
    let before = emu.snapshot();
    let (id, target) = awaiting_us(&before, &us);
    client.approve_invite(id, target.as_deref()).await.unwrap();
    let after = emu.snapshot();
    let ours_recorded = match after.invite(id) {
        Some(invite) => invite
            .approvals
            .iter()
            .any(|a| a.approved_by.iter().any(|t| us.contains(t))),
        None => after.past_invite(id).unwrap().outcome == InviteOutcome::Approved,
    };
    assert!(ours_recorded, "{:?}", after.invite(id));
    // Slack's answer to approving twice.
    let again = client
        .approve_invite(id, target.as_deref())
        .await
        .unwrap_err();
    assert!(
        matches!(again.code(), Some("already_approved" | "invalid_action")),
        "{again:?}"
    );
}

#[tokio::test]
async fn declining_an_invite_ends_that_acceptance() {
    let emu = start(Dataset::demo()).await;
    let client = admin(&emu);
    let us = our_ids(&client).await;
    let before = emu.snapshot();
    let (id, target) = awaiting_us(&before, &us);
    client.decline_invite(id, target.as_deref()).await.unwrap();
    let after = emu.snapshot();
    let declined = match after.invite(id) {
        Some(invite) => invite
            .approvals
            .iter()
            .any(|a| a.approval_status == "declined"),
        None => after.past_invite(id).unwrap().outcome == InviteOutcome::Declined,
    };
    assert!(declined);
    let unknown = client
        .decline_invite("I0NOSUCHONE", None)
        .await
        .unwrap_err();
    assert_eq!(unknown.code(), Some("invite_not_found"));
}

#[tokio::test]
async fn approving_a_request_sends_the_invitation_with_our_message() {
    let emu = start(Dataset::demo()).await;
    let client = admin(&emu);
    let request = emu
        .snapshot()
        .requests
        .iter()
        .find(|r| r.status == RequestStatus::Pending)
        .expect("a pending request in the demo")
        .id
        .clone();
    let approval = RequestApproval {
        message: Some(ApprovalMessage {
            text: "Approved for the Q3 project".into(),
            is_override: true,
        }),
        ..RequestApproval::default()
    };
    let invite_id = client.approve_request(&request, &approval).await.unwrap();
    assert!(!invite_id.is_empty());
    let after = emu.snapshot();
    let snap = after.request(&request).unwrap();
    assert_eq!(snap.status, RequestStatus::Approved);
    assert_eq!(
        snap.approval_message.as_deref(),
        Some("Approved for the Q3 project")
    );
    let again = client
        .approve_request(&request, &RequestApproval::default())
        .await
        .unwrap_err();
    assert_eq!(again.code(), Some("invite_already_approved"));
}

#[tokio::test]
async fn denying_a_request_keeps_the_message() {
    let emu = start(Dataset::demo()).await;
    let client = admin(&emu);
    let request = emu
        .snapshot()
        .requests
        .iter()
        .find(|r| r.status == RequestStatus::Pending)
        .unwrap()
        .id
        .clone();
    client
        .deny_request(&request, Some("Please use the vendor channel"))
        .await
        .unwrap();
    let after = emu.snapshot();
    let snap = after.request(&request).unwrap();
    assert_eq!(snap.status, RequestStatus::Denied);
    assert_eq!(
        snap.deny_message.as_deref(),
        Some("Please use the vendor channel")
    );
}

#[tokio::test]
async fn disconnecting_an_org_unshares_its_channels() {
    let emu = start(Dataset::demo()).await;
    let client = admin(&emu);
    let before = emu.snapshot();
    let org = before
        .orgs
        .iter()
        .find(|o| {
            o.connection_status.as_deref() == Some("CONNECTED")
                && before
                    .channels
                    .iter()
                    .any(|c| c.connected_team_ids.contains(&o.team_id))
        })
        .expect("a connected org with channels")
        .team_id
        .clone();
    client.disconnect_org(&org).await.unwrap();
    let after = emu.snapshot();
    assert!(
        after
            .channels
            .iter()
            .all(|c| !c.connected_team_ids.contains(&org)),
        "no channel is still shared with {org}"
    );
    let status = after.org(&org).and_then(|o| o.connection_status.clone());
    assert_ne!(status.as_deref(), Some("CONNECTED"));
}

#[tokio::test]
async fn disconnecting_a_team_from_a_channel() {
    let emu = start(Dataset::demo()).await;
    let client = admin(&emu);
    let before = emu.snapshot();
    let channel = before
        .channels
        .iter()
        .find(|c| c.is_ext_shared == Some(true) && c.connected_team_ids.len() >= 2)
        .expect("a channel shared with two orgs");
    let (id, leaving) = (channel.id.clone(), channel.connected_team_ids[0].clone());
    // With more than two teams in the channel, Slack wants to know which leaves.
    let err = client.disconnect_channel(&id, None).await.unwrap_err();
    assert_eq!(err.code(), Some("leaving_team_required"));
    client
        .disconnect_channel(&id, Some(&leaving))
        .await
        .unwrap();
    let after = emu.snapshot();
    assert!(
        !after
            .channel(&id)
            .unwrap()
            .connected_team_ids
            .contains(&leaving)
    );
}
