//! End to end: the real loop against an emulator on loopback, decisions
//! made with keys only, and the emulator's own state checked afterwards.

use crate::common::{self, arg};
use crate::session::Session;
use connect_triage::emulator::{InviteOutcome, RequestStatus};

/// Methods the emulator saw that change something.
fn writes(session: &Session) -> Vec<(String, Vec<(String, String)>)> {
    common::writes(&session.emulator)
        .into_iter()
        .map(|r| (r.method, r.args))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn approving_an_incoming_invite_connects_it() {
    let mut s = Session::demo(80, 24).await;
    s.settle().await;
    // The second row waiting on us (the first expires sooner): Maersk's
    // #maersk-q1-capacity, which Maersk already approved; ours is the last
    // approval it needs.
    let screen = s.press("j a").settle().await;
    assert!(screen.contains("Approve invite I0NBINV004?"), "{screen}");
    // A second `a y` while the first is in flight must not send again.
    let screen = s.press("y a y").settle().await;
    assert!(screen.contains("Approved invite I0NBINV004"), "{screen}");
    let state = s.emulator.snapshot();
    assert!(
        state.invite("I0NBINV004").is_none(),
        "it left the pending list"
    );
    assert_eq!(
        state.past_invite("I0NBINV004").unwrap().outcome,
        InviteOutcome::Approved
    );
    let sent = writes(&s);
    assert_eq!(sent.len(), 1, "{sent:?}");
    assert_eq!(sent[0].0, "conversations.approveSharedInvite");
    assert_eq!(
        arg(&sent[0].1, "target_team"),
        None,
        "the invited side names no team"
    );
    // The connected channel shows up in the Channels pane without an `r`.
    let screen = s.press("4").settle().await;
    assert!(screen.contains("27 shared with other orgs"), "{screen}");
    s.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn approving_our_own_invite_names_the_accepting_team() {
    let mut s = Session::demo(80, 24).await;
    s.settle().await;
    // First row (it expires soonest): our outgoing invite to Polaris,
    // accepted and approved by them.
    let screen = s.press("a y").settle().await;
    assert!(screen.contains("Approved invite I0NBINV014"), "{screen}");
    let state = s.emulator.snapshot();
    assert_eq!(
        state.past_invite("I0NBINV014").unwrap().outcome,
        InviteOutcome::Approved
    );
    let sent = writes(&s);
    assert_eq!(
        arg(&sent[0].1, "target_team"),
        Some("T0POLARS01"),
        "{sent:?}"
    );
    s.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn declining_an_invite_removes_it() {
    let mut s = Session::demo(120, 40).await;
    s.settle().await;
    let screen = s.press("j j d").settle().await;
    assert!(screen.contains("Decline invite I0NBINV006?"), "{screen}");
    let screen = s.press("y").settle().await;
    assert!(screen.contains("Declined invite I0NBINV006"), "{screen}");
    let rows: Vec<&str> = screen
        .lines()
        .filter(|l| l.starts_with("  ") || l.starts_with("> "))
        .collect();
    assert!(
        !rows
            .iter()
            .any(|row| row.contains("#brightwater-peak-season")),
        "the row left the list:\n{screen}"
    );
    let state = s.emulator.snapshot();
    assert_eq!(
        state.past_invite("I0NBINV006").unwrap().outcome,
        InviteOutcome::Declined
    );
    assert_eq!(writes(&s).len(), 1);
    s.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn denying_a_request_sends_the_typed_message() {
    let mut s = Session::demo(80, 24).await;
    s.settle().await;
    s.press("2 d").type_text("Not an approved vendor yet.");
    s.press("alt+enter").type_text("Ask procurement first.");
    let screen = s.press("Enter").settle().await;
    assert!(screen.contains("Deny request I0NBREQ005?"), "{screen}");
    let screen = s.press("y").settle().await;
    assert!(screen.contains("Denied request I0NBREQ005"), "{screen}");
    let request = s
        .emulator
        .snapshot()
        .request("I0NBREQ005")
        .cloned()
        .unwrap();
    assert_eq!(request.status, RequestStatus::Denied);
    assert_eq!(
        request.deny_message.as_deref(),
        Some("Not an approved vendor yet.\nAsk procurement first.")
    );
    s.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn disconnecting_one_org_from_a_shared_channel() {
    let mut s = Session::demo(80, 24).await;
    s.settle().await;
    // #freight-partners-consortium (11th by name) has Maersk, DHL and Brightwater.
    let screen = s.press("4 j j j j j j j j j j X").settle().await;
    assert!(screen.contains("which one leaves?"), "{screen}");
    let screen = s.press("j Enter").settle().await;
    assert!(
        screen.contains("Disconnect DHL Supply Chain from #freight-partners-consortium?"),
        "{screen}"
    );
    let screen = s.press("y").settle().await;
    assert!(
        screen.contains("Disconnected DHL Supply Chain from"),
        "{screen}"
    );
    let state = s.emulator.snapshot();
    let channel = state
        .channels
        .iter()
        .find(|c| c.id == "C0NBCH0016")
        .unwrap();
    assert!(
        !channel.connected_team_ids.iter().any(|t| t == "T0DHLSC001"),
        "{channel:?}"
    );
    assert!(channel.connected_team_ids.iter().any(|t| t == "T0MAERSK01"));
    let sent = writes(&s);
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].0, "admin.conversations.disconnectShared");
    assert_eq!(arg(&sent[0].1, "leaving_team_ids"), Some("T0DHLSC001"));
    s.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn disconnecting_a_whole_org_after_typing_its_name() {
    let mut s = Session::demo(80, 24).await;
    s.settle().await;
    s.press("3 X").type_text("Brightwater");
    let screen = s.press("Enter").settle().await;
    assert!(screen.contains("not the org's name"), "{screen}");
    s.type_text(" Freight");
    let screen = s.press("Enter y").settle().await;
    assert!(
        screen.contains("Disconnected org Brightwater Freight"),
        "{screen}"
    );
    let state = s.emulator.snapshot();
    assert!(
        state
            .channels
            .iter()
            .all(|c| !c.connected_team_ids.iter().any(|t| t == "T0BRTWTR01"))
    );
    s.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_request_decided_elsewhere_leaves_the_list_and_is_not_a_failure() {
    let mut s = Session::demo(80, 24).await;
    s.settle().await;
    // Someone else denies the request first, behind our back.
    let client =
        connect_triage::slack::SlackClient::new(&s.emulator.base_url(), s.emulator.admin_token())
            .unwrap();
    client.deny_request("I0NBREQ005", None).await.unwrap();
    let screen = s.press("2 a Enter y").settle().await;
    let words = screen.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.contains("was already handled elsewhere (invite_already_denied"),
        "{screen}"
    );
    assert!(!screen.contains("Could not"), "{screen}");
    let rows: Vec<&str> = screen
        .lines()
        .filter(|l| l.starts_with("   ") || l.starts_with("> "))
        .collect();
    assert!(
        !rows.iter().any(|row| row.contains("studio@brandhaus")),
        "the row left:\n{screen}"
    );
    s.quit().await;
}
