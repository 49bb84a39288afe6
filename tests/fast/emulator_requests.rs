//! conversations.requestSharedInvite.list / approve / deny.

use crate::support::emulator::*;
use connect_triage::emulator::RequestStatus;
use serde_json::json;

const LIST: &str = "conversations.requestSharedInvite.list";
const APPROVE: &str = "conversations.requestSharedInvite.approve";
const DENY: &str = "conversations.requestSharedInvite.deny";

async fn listed(
    emu: &connect_triage::emulator::RunningEmulator,
    form: &[(&str, &str)],
) -> Vec<String> {
    ids(&ok(emu, LIST, form).await["invite_requests"], "/id")
}

#[tokio::test]
async fn list_shows_pending_and_opt_in_statuses() {
    let emu = start_demo().await;
    let pending = listed(&emu, &[]).await;
    assert_eq!(pending.len(), 8);
    assert!(!pending.contains(&"I0NBREQ009".to_owned()), "denied hidden");
    assert!(
        !pending.contains(&"I0NBREQ010".to_owned()),
        "expired hidden"
    );
    let with_denied = ok(&emu, LIST, &[("include_denied", "true")]).await;
    let denied = with_denied["invite_requests"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "I0NBREQ009")
        .expect("denied listed with include_denied");
    assert!(denied["date_denied"].is_i64());
    assert_eq!(denied["reviewing_user"]["id"], "U0NBADM001");
    assert!(
        listed(&emu, &[("include_expired", "1")])
            .await
            .contains(&"I0NBREQ010".to_owned())
    );
    assert_eq!(
        listed(&emu, &[("user_id", "U0NBTOMK01")]).await,
        vec!["I0NBREQ002", "I0NBREQ006"],
        "newest first"
    );
    assert_eq!(
        listed(
            &emu,
            &[
                ("invite_ids", "I0NBREQ003,I0NBREQ009"),
                ("include_denied", "1")
            ]
        )
        .await
        .len(),
        2
    );
}

#[tokio::test]
async fn approve_sends_the_invitation() {
    let emu = start_demo().await;
    let body = ok(&emu, APPROVE, &[("invite_id", "I0NBREQ001")]).await;
    assert_eq!(body["invite_id"], "I0NBREQ001");
    let snap = emu.snapshot();
    assert_eq!(
        snap.request("I0NBREQ001").unwrap().status,
        RequestStatus::Approved
    );
    let invite = &snap
        .invite("I0NBREQ001")
        .expect("now an outgoing invite")
        .invite;
    assert_eq!(invite.direction.as_deref(), Some("outgoing"));
    assert_eq!(invite.recipient_email(), Some("finance-ops@stripe.com"));
    assert_eq!(invite.channel().unwrap().id, "C0NBCH0001");
    assert!(invite.is_external_limited());
    assert!(invite.acceptances.is_empty());
    assert_eq!(invite.date_created(), Some(NOW));
    assert!(
        all_invite_ids(&emu, "500")
            .await
            .contains(&"I0NBREQ001".to_owned())
    );
    assert!(!listed(&emu, &[]).await.contains(&"I0NBREQ001".to_owned()));
    assert!(
        listed(&emu, &[("include_approved", "true")])
            .await
            .contains(&"I0NBREQ001".to_owned())
    );
    assert_eq!(
        err(&emu, APPROVE, &[("invite_id", "I0NBREQ001")]).await,
        "invite_already_approved"
    );
    assert_eq!(
        err(&emu, DENY, &[("invite_id", "I0NBREQ001")]).await,
        "invite_already_approved"
    );
}

#[tokio::test]
async fn approve_overrides_channel_limited_and_message() {
    let emu = start_demo().await;
    ok(
        &emu,
        APPROVE,
        &[
            ("invite_id", "I0NBREQ002"),
            ("is_external_limited", "0"),
            ("channel_id", "C0NBCH0028"),
            ("message", r#"{"text":"Welcome aboard","is_override":true}"#),
        ],
    )
    .await;
    let snap = emu.snapshot();
    let invite = &snap.invite("I0NBREQ002").unwrap().invite;
    assert!(!invite.is_external_limited());
    assert_eq!(
        invite.channel().unwrap().name.as_deref(),
        Some("proj-meridian-steel")
    );
    assert_eq!(
        snap.request("I0NBREQ002")
            .unwrap()
            .approval_message
            .as_deref(),
        Some("Welcome aboard")
    );
    assert!(snap.request("I0NBREQ002").unwrap().approval_replaces);
    // Added, not replacing: is_override false.
    ok(
        &emu,
        APPROVE,
        &[
            ("invite_id", "I0NBREQ004"),
            (
                "message",
                r#"{"text":"Read the policy","is_override":false}"#,
            ),
        ],
    )
    .await;
    let added = emu.snapshot().request("I0NBREQ004").cloned().unwrap();
    assert_eq!(added.approval_message.as_deref(), Some("Read the policy"));
    assert!(!added.approval_replaces);
    assert_eq!(
        err(
            &emu,
            APPROVE,
            &[("invite_id", "I0NBREQ003"), ("channel_id", "C0NOPE")]
        )
        .await,
        "channel_not_found"
    );
    assert_eq!(
        err(
            &emu,
            APPROVE,
            &[("invite_id", "I0NBREQ003"), ("message", r#"{"text":"hi"}"#)]
        )
        .await,
        "invalid_arguments"
    );
    // None of the refused calls changed the request.
    assert_eq!(
        snap.request("I0NBREQ003").unwrap().status,
        RequestStatus::Pending
    );
}

#[tokio::test]
async fn messages_over_560_characters_are_refused() {
    let emu = start_demo().await;
    let long = "é".repeat(561);
    let exact = "é".repeat(560);
    let obj = json!({"text": long, "is_override": false}).to_string();
    assert_eq!(
        err(
            &emu,
            APPROVE,
            &[("invite_id", "I0NBREQ003"), ("message", &obj)]
        )
        .await,
        "message_too_long"
    );
    assert_eq!(
        err(
            &emu,
            DENY,
            &[("invite_id", "I0NBREQ003"), ("message", &long)]
        )
        .await,
        "message_too_long"
    );
    assert_eq!(
        emu.snapshot().request("I0NBREQ003").unwrap().status,
        RequestStatus::Pending
    );
    ok(
        &emu,
        DENY,
        &[("invite_id", "I0NBREQ003"), ("message", &exact)],
    )
    .await;
}

#[tokio::test]
async fn deny_keeps_the_message() {
    let emu = start_demo().await;
    let body = ok(
        &emu,
        DENY,
        &[
            ("invite_id", "I0NBREQ004"),
            ("message", "Please use the vendor portal instead."),
        ],
    )
    .await;
    assert_eq!(body["invite_id"], "I0NBREQ004");
    let snap = emu.snapshot();
    let req = snap.request("I0NBREQ004").unwrap();
    assert_eq!(req.status, RequestStatus::Denied);
    assert_eq!(
        req.deny_message.as_deref(),
        Some("Please use the vendor portal instead.")
    );
    assert_eq!(req.request.date_denied, Some(NOW));
    assert!(!listed(&emu, &[]).await.contains(&"I0NBREQ004".to_owned()));
    assert!(
        listed(&emu, &[("include_denied", "1")])
            .await
            .contains(&"I0NBREQ004".to_owned())
    );
    assert_eq!(
        err(&emu, DENY, &[("invite_id", "I0NBREQ004")]).await,
        "invite_already_denied"
    );
    assert_eq!(
        err(&emu, APPROVE, &[("invite_id", "I0NBREQ004")]).await,
        "invite_already_denied"
    );
    assert!(snap.invite("I0NBREQ004").is_none(), "nothing was sent");
}

#[tokio::test]
async fn expired_and_unknown_requests() {
    let emu = start_demo().await;
    assert_eq!(
        emu.snapshot().request("I0NBREQ010").unwrap().status,
        RequestStatus::Expired
    );
    assert_eq!(
        err(&emu, APPROVE, &[("invite_id", "I0NBREQ010")]).await,
        "invite_expired"
    );
    assert_eq!(
        err(&emu, DENY, &[("invite_id", "I0NBREQ010")]).await,
        "invite_expired"
    );
    assert_eq!(
        err(&emu, APPROVE, &[("invite_id", "I0NOPE")]).await,
        "invite_not_found"
    );
    assert_eq!(
        err(&emu, DENY, &[("invite_id", "I0NOPE")]).await,
        "invite_not_found"
    );
}
