//! Which API calls emit which Events API events, in Slack's shapes.

use std::collections::BTreeSet;
use std::path::Path;
use std::time::Duration;

use connect_triage::emulator::{Dataset, EmulatorConfig, FaultSpec, RunningEmulator, TokenSpec};
use serde_json::Value;

use super::{Sock, approve_as_priya, fast_socket, start_socket};
use crate::support::emulator::*;

fn fixture(name: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/fixtures/wave2")
        .join(name);
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

fn keys(v: &Value) -> BTreeSet<String> {
    v.as_object().unwrap().keys().cloned().collect()
}

fn types(emu: &RunningEmulator) -> Vec<String> {
    emu.events_emitted()
        .iter()
        .map(|p| p["event"]["type"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn a_second_admins_approval_is_an_envelope_in_slacks_shape() {
    let emu = start_socket(fast_socket()).await;
    let mut sock = Sock::open(&emu).await;
    approve_as_priya(&emu).await;
    let envelope = sock.hello_then_envelope().await;
    let sample = fixture("socket-mode/bolt-python-mock.envelope.events_api.retry_attempt_1.json");
    assert_eq!(keys(&envelope), keys(&sample));
    assert_eq!(envelope["type"], "events_api");
    assert_eq!(envelope["accepts_response_payload"], false);
    assert_eq!(
        (
            envelope["retry_attempt"].as_i64(),
            envelope["retry_reason"].as_str()
        ),
        (Some(0), Some(""))
    );
    let payload = &envelope["payload"];
    let mut expected = keys(&sample["payload"]);
    expected.insert("enterprise_id".into());
    assert_eq!(keys(payload), expected);
    assert_eq!(payload["type"], "event_callback");
    assert_eq!(payload["api_app_id"], "A0EMU0APP1");
    assert_eq!(payload["team_id"], "T0NBHQ0001");
    assert_eq!(payload["enterprise_id"], "E0NBORG001");
    assert_eq!(payload["event_time"], NOW);
    assert_eq!(payload["is_ext_shared_channel"], true);
    assert!(payload["event_id"].as_str().unwrap().starts_with("Ev"));
    let auth = &payload["authorizations"][0];
    assert_eq!(keys(auth), keys(&sample["payload"]["authorizations"][0]));
    assert_eq!(auth["team_id"], "T0NBHQ0001");
    assert_eq!(auth["is_enterprise_install"], false);

    let event = &payload["event"];
    let approved = fixture("events/java-unittest.shared_channel_invite_approved.json");
    assert_eq!(keys(event), keys(&approved));
    assert!(
        event["event_ts"]
            .as_str()
            .unwrap()
            .starts_with(&format!("{NOW}."))
    );
    assert_eq!(event["approving_team_id"], "T0NBHQ0001");
    let priya = &event["approving_user"];
    assert_eq!(priya["id"], "U0EMU00002");
    assert_eq!(priya["profile"]["real_name"], "Priya Nair");
    assert_eq!(
        keys(priya),
        keys(&approved["approving_user"])
            .union(&BTreeSet::from(["who_can_share_contact_card".to_owned()]))
            .cloned()
            .collect()
    );
    assert!(keys(&priya["profile"]).is_superset(&keys(&approved["approving_user"]["profile"])));
    let invite = &event["invite"];
    assert_eq!(invite["id"], "I0NBINV001");
    assert!(keys(invite).is_subset(&keys(&approved["invite"])));
    assert_eq!(invite["inviting_team"]["id"], "T0STRPAY99");
    assert_eq!(keys(&event["channel"]), keys(&approved["channel"]));
    assert_eq!(event["channel"]["id"], "C0FAKE0001");
    assert_eq!(event["teams_in_channel"][0]["id"], "T0STRPAY99");

    // Every side approved, so the channel connected too.
    let shared = sock.json().await;
    let inner = &shared["payload"]["event"];
    assert_eq!(
        keys(inner),
        keys(&fixture("events/docs.channel_shared.inner.json"))
    );
    assert_eq!(inner["channel"], "C0FAKE0001");
    assert_eq!(inner["connected_team_id"], "T0STRPAY99");
    assert_ne!(shared["payload"]["event_id"], payload["event_id"]);
    assert_eq!(
        types(&emu),
        ["shared_channel_invite_approved", "channel_shared"]
    );
    sock.ack(&envelope).await;
    sock.ack(&shared).await;
    crate::common::eventually("both acked", Duration::from_secs(10), || {
        emu.envelopes_unacked() == 0
    })
    .await;
    // auth.test of the second token names her too.
    let who = call(&emu, "auth.test", &non_admin(&emu), &[]).await.body;
    assert_eq!(
        (who["user"].as_str(), who["user_id"].as_str()),
        (Some("priya.nair"), Some("U0EMU00002"))
    );
}

#[tokio::test]
async fn a_decline_names_the_decider_and_a_refused_call_emits_nothing() {
    let emu = start_demo().await;
    // Outgoing, the other side approved: ours declines it.
    ok(
        &emu,
        "conversations.declineSharedInvite",
        &[("invite_id", "I0NBINV013"), ("target_team", "T0KESSWU01")],
    )
    .await;
    // Outgoing, the other side approved: ours connects it.
    ok(
        &emu,
        "conversations.approveSharedInvite",
        &[("invite_id", "I0NBINV014"), ("target_team", "T0POLARS01")],
    )
    .await;
    let events = emu.events_emitted();
    assert_eq!(
        types(&emu),
        [
            "shared_channel_invite_declined",
            "shared_channel_invite_approved",
            "channel_shared"
        ]
    );
    let declined = &events[0]["event"];
    let sample = fixture("events/java-unittest.shared_channel_invite_declined.json");
    assert_eq!(keys(declined), keys(&sample));
    assert_eq!(declined["declining_team_id"], "T0NBHQ0001");
    assert_eq!(declined["declining_user"]["id"], "U0NBADM001");
    assert_eq!(declined["invite"]["id"], "I0NBINV013");
    assert_eq!(events[2]["event"]["connected_team_id"], "T0POLARS01");
    // A refused call emits nothing: we approved I0NBINV009 already.
    let r = call(
        &emu,
        "conversations.approveSharedInvite",
        &admin(&emu),
        &[("invite_id", "I0NBINV009")],
    )
    .await;
    assert_eq!(r.body["error"], "already_approved");
    assert_eq!(emu.events_emitted().len(), 3);
}

#[tokio::test]
async fn disconnects_unshare_each_channel() {
    let emu = start_demo().await;
    ok(
        &emu,
        "admin.conversations.disconnectShared",
        &[("channel_id", "C0NBCH0011")],
    )
    .await;
    ok(
        &emu,
        "team.externalTeams.disconnect",
        &[("target_team", "T0STRIPE01")],
    )
    .await;
    let events = emu.events_emitted();
    let sample = fixture("events/docs.channel_unshared.inner.json");
    let unshared: Vec<(String, String, bool)> = events
        .iter()
        .map(|p| {
            let e = &p["event"];
            assert_eq!(keys(e), keys(&sample));
            (
                e["channel"].as_str().unwrap().to_owned(),
                e["previously_connected_team_id"]
                    .as_str()
                    .unwrap()
                    .to_owned(),
                e["is_ext_shared"].as_bool().unwrap(),
            )
        })
        .collect();
    let row = |c: &str, t: &str, still: bool| (c.to_owned(), t.to_owned(), still);
    assert_eq!(
        unshared,
        [
            row("C0NBCH0011", "T0MAERSK01", false),
            row("C0NBCH0001", "T0STRIPE01", false),
            row("C0NBCH0002", "T0STRIPE01", false),
            // Twilio is still in this one.
            row("C0NBCH0023", "T0STRIPE01", true),
            row("G0NBCH0003", "T0STRIPE01", false),
        ]
    );
}

#[tokio::test]
async fn member_request_decisions_emit_nothing_but_show_in_the_lists() {
    let emu = start_demo().await;
    ok(
        &emu,
        "conversations.requestSharedInvite.approve",
        &[("invite_id", "I0NBREQ001")],
    )
    .await;
    ok(
        &emu,
        "conversations.requestSharedInvite.deny",
        &[("invite_id", "I0NBREQ002")],
    )
    .await;
    assert!(emu.events_emitted().is_empty());
    let listed = ok(&emu, "conversations.requestSharedInvite.list", &[]).await;
    let pending = ids(&listed["invite_requests"], "/id");
    assert!(
        !pending.contains(&"I0NBREQ001".to_owned()) && !pending.contains(&"I0NBREQ002".to_owned())
    );
    let denied = ok(
        &emu,
        "conversations.requestSharedInvite.list",
        &[("include_denied", "true")],
    )
    .await;
    assert!(ids(&denied["invite_requests"], "/id").contains(&"I0NBREQ002".to_owned()));
    assert!(
        all_invite_ids(&emu, "500")
            .await
            .contains(&"I0NBREQ001".to_owned())
    );
}

#[tokio::test]
async fn a_write_that_was_not_applied_emits_nothing() {
    let mut config = EmulatorConfig::new(Dataset::demo());
    config.fixed_now = Some(NOW);
    config.faults = Some(
        "rate=1,kinds=malformed+500+reset"
            .parse::<FaultSpec>()
            .unwrap(),
    );
    let emu = start_with(config).await;
    for _ in 0..6 {
        let _ = reqwest::Client::new()
            .post(format!(
                "{}conversations.approveSharedInvite",
                emu.base_url()
            ))
            .bearer_auth(admin(&emu))
            .form(&[("invite_id", "I0NBINV001")])
            .send()
            .await;
    }
    assert!(emu.events_emitted().is_empty());
    // A timeout fault applies the call (then answers late): its events go out.
    let mut config = EmulatorConfig::new(Dataset::demo());
    config.fixed_now = Some(NOW);
    config.faults = Some("rate=1,kinds=timeout".parse::<FaultSpec>().unwrap());
    config.timeout_stall = Duration::from_millis(10);
    let emu = start_with(config).await;
    call(
        &emu,
        "conversations.approveSharedInvite",
        &admin(&emu),
        &[("invite_id", "I0NBINV001")],
    )
    .await;
    assert_eq!(
        types(&emu),
        ["shared_channel_invite_approved", "channel_shared"]
    );
}

#[tokio::test]
async fn accepting_an_invite_awaits_our_approval() {
    let mut dataset = Dataset::demo();
    dataset.tokens = vec![TokenSpec {
        token: "xoxp-accepts".into(),
        scopes: vec![
            "conversations.connect:manage".into(),
            "conversations.connect:write".into(),
        ],
        ..TokenSpec::default()
    }];
    let mut config = EmulatorConfig::new(dataset);
    config.fixed_now = Some(NOW);
    let emu = start_with(config).await;
    let accept = "conversations.acceptSharedInvite";
    let r = call(
        &emu,
        accept,
        "xoxp-accepts",
        &[("invite_id", "I0NBINV011"), ("channel_name", "dhl-returns")],
    )
    .await;
    assert_eq!(r.body["ok"], true, "{}", r.body);
    assert_eq!(r.body["implicit_approval"], false);
    assert_eq!(r.body["invite_id"], "I0NBINV011");
    let again = call(
        &emu,
        accept,
        "xoxp-accepts",
        &[("invite_id", "I0NBINV011"), ("channel_name", "dhl-returns")],
    )
    .await;
    assert_eq!(again.body["error"], "invite_used");
    let ours = call(
        &emu,
        accept,
        "xoxp-accepts",
        &[("invite_id", "I0NBINV020"), ("channel_name", "x")],
    )
    .await;
    assert_eq!(ours.body["error"], "invite_from_same_org");
    let bad = call(
        &emu,
        accept,
        "xoxp-accepts",
        &[("invite_id", "I0NBINV012"), ("channel_name", "Has Spaces")],
    )
    .await;
    assert_eq!(bad.body["error"], "invalid_name_specials");
    let events = emu.events_emitted();
    assert_eq!(events.len(), 1);
    let e = &events[0]["event"];
    assert_eq!(
        keys(e),
        keys(&fixture(
            "events/java-unittest.shared_channel_invite_accepted.json"
        ))
    );
    assert_eq!(e["approval_required"], true);
    assert_eq!(e["accepting_user"]["id"], "U0NBADM001");
    let snap = emu.snapshot();
    let side = &snap.invite("I0NBINV011").unwrap().approvals[0];
    assert_eq!(side.awaiting, ["T0NBHQ0001"]);
    // The admin token of the demo may not accept (no conversations.connect:write).
    let plain = start_demo().await;
    let r = call(
        &plain,
        accept,
        &admin(&plain),
        &[("invite_id", "I0NBINV011"), ("channel_name", "x")],
    )
    .await;
    assert_eq!(r.body["error"], "missing_scope");
}

#[tokio::test]
async fn an_org_install_names_the_workspace_of_the_invite() {
    let mut config = EmulatorConfig::new(Dataset::demo_org());
    config.fixed_now = Some(NOW);
    let emu = start_with(config).await;
    let org = "xoxp-demo-northbeam-org";
    let r = call(
        &emu,
        "conversations.approveSharedInvite",
        org,
        &[("invite_id", "I0NBINV002"), ("team_id", "T0NBFRT002")],
    )
    .await;
    assert_eq!(r.body["ok"], true, "{}", r.body);
    let events = emu.events_emitted();
    assert_eq!(events.len(), 2);
    for p in &events {
        assert_eq!(p["team_id"], "T0NBFRT002");
        assert_eq!(p["enterprise_id"], "E0NBORG001");
        let auth = &p["authorizations"][0];
        assert_eq!(
            (
                auth["team_id"].clone(),
                auth["is_enterprise_install"].clone()
            ),
            (Value::Null, Value::Bool(true))
        );
    }
    assert_eq!(events[0]["event"]["approving_team_id"], "T0NBFRT002");
}
