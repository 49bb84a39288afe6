//! The simulated outside world: deterministic per seed, every kind of change
//! emits its event and shows in the list methods, and it stays bounded.

use std::collections::BTreeSet;

use connect_triage::emulator::{Dataset, EmulatorConfig, RequestStatus, RunningEmulator};
use serde_json::Value;

use crate::support::emulator::*;

async fn start_seeded(seed: u64) -> RunningEmulator {
    let mut config = EmulatorConfig::new(Dataset::demo());
    config.fixed_now = Some(NOW);
    config.seed = seed;
    start_with(config).await
}

fn steps(emu: &RunningEmulator, n: usize) -> Vec<Option<String>> {
    (0..n).map(|_| emu.activity_step()).collect()
}

/// The listed invite element with this id.
async fn listed_invite(emu: &RunningEmulator, id: &str) -> Option<Value> {
    let body = ok(emu, "conversations.listConnectInvites", &[("count", "500")]).await;
    assert_eq!(
        body["response_metadata"]["next_cursor"], "",
        "one page holds the demo"
    );
    body["invites"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["invite"]["id"] == id)
        .cloned()
}

async fn request_ids(emu: &RunningEmulator, flag: Option<&str>) -> Vec<String> {
    let mut form = vec![("limit", "1000")];
    if let Some(f) = flag {
        form.push((f, "true"));
    }
    let body = ok(emu, "conversations.requestSharedInvite.list", &form).await;
    ids(&body["invite_requests"], "/id")
}

#[tokio::test]
async fn the_same_seed_makes_the_same_changes() {
    let (a, b, c) = (
        start_seeded(7).await,
        start_seeded(7).await,
        start_seeded(8).await,
    );
    let first = steps(&a, 40);
    assert!(first.iter().all(Option::is_some), "{first:?}");
    assert_eq!(first, steps(&b, 40));
    assert_ne!(first, steps(&c, 40));
    let ids = |emu: &RunningEmulator| -> Vec<Value> {
        emu.events_emitted()
            .iter()
            .map(|p| p["event"]["invite"]["id"].clone())
            .collect()
    };
    assert_eq!(ids(&a), ids(&b));
}

#[tokio::test]
async fn every_kind_of_change_emits_its_event_and_shows_in_the_lists() {
    let emu = start_seeded(7).await;
    let mut kinds = BTreeSet::new();
    for _ in 0..80 {
        let before = emu.events_emitted().len();
        let Some(what) = emu.activity_step() else {
            continue;
        };
        let new = emu.events_emitted()[before..].to_vec();
        let Some(first) = new.first() else {
            // A member request decided: no event, but the lists show it.
            let id = what.rsplit(' ').next().unwrap();
            assert!(what.starts_with("Priya Nair "), "{what}");
            assert!(
                !request_ids(&emu, None).await.contains(&id.to_owned()),
                "{what}"
            );
            let flag = if what.contains(" approved ") {
                "include_approved"
            } else {
                "include_denied"
            };
            assert!(
                request_ids(&emu, Some(flag)).await.contains(&id.to_owned()),
                "{what}"
            );
            kinds.insert(format!("request {flag}"));
            continue;
        };
        let event = &first["event"];
        let kind = event["type"].as_str().unwrap().to_owned();
        assert_eq!(first["team_id"], "T0NBHQ0001");
        assert!(event["event_ts"].is_string() && first["event_time"].is_i64());
        let invite_id = event["invite"]["id"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        match kind.as_str() {
            "shared_channel_invite_received" => {
                let listed = listed_invite(&emu, &invite_id).await.expect("listed");
                assert_eq!(listed["direction"], "incoming");
                assert_eq!(listed["channel"]["name"], event["channel"]["name"]);
                assert_eq!(
                    listed["invite"]["inviting_team"]["id"],
                    event["invite"]["inviting_team"]["id"]
                );
                assert_eq!(
                    listed["invite"]["date_invalid"],
                    event["invite"]["date_invalid"]
                );
                assert_eq!(
                    listed["invite"]["recipient_user_id"],
                    event["invite"]["recipient_user_id"]
                );
            }
            "shared_channel_invite_accepted" => {
                assert_eq!(event["approval_required"], true);
                let listed = listed_invite(&emu, &invite_id).await.expect("listed");
                let acceptance = &listed["acceptances"][0];
                assert_eq!(acceptance["approval_status"], "pending_approval");
                assert_eq!(
                    acceptance["accepting_user"]["id"],
                    event["accepting_user"]["id"]
                );
            }
            "shared_channel_invite_requested" => {
                let target = &event["target_users"][0];
                let id = target["invite_id"].as_str().unwrap().to_owned();
                assert!(request_ids(&emu, None).await.contains(&id));
                let snap = emu.snapshot();
                let request = snap.request(&id).unwrap();
                assert_eq!(request.status, RequestStatus::Pending);
                let email = request
                    .request
                    .target_user
                    .as_ref()
                    .unwrap()
                    .recipient_email
                    .clone();
                assert_eq!(target["email"].as_str(), email.as_deref());
                assert_eq!(
                    event["actor"]["id"].as_str(),
                    request
                        .request
                        .inviting_user
                        .as_ref()
                        .map(|u| u.id.as_str())
                );
                assert!(
                    event["channel"]["id"].is_string() && event["channel"]["date_created"].is_i64()
                );
            }
            "shared_channel_invite_approved" | "shared_channel_invite_declined" => {
                let who = event["approving_user"]
                    .as_object()
                    .or(event["declining_user"].as_object())
                    .unwrap();
                assert_eq!(who["id"], "U0EMU00002", "{what}");
                assert!(what.starts_with("Priya Nair "), "{what}");
                if kind.ends_with("approved") {
                    // Every outside org had approved, so ours connects the channel.
                    assert_eq!(new[1]["event"]["type"], "channel_shared");
                    let channel = new[1]["event"]["channel"].as_str().unwrap();
                    assert!(emu.snapshot().channel(channel).unwrap().is_ext_shared == Some(true));
                }
                assert!(listed_invite(&emu, &invite_id).await.is_none(), "{what}");
            }
            other => panic!("unexpected event {other}"),
        }
        kinds.insert(kind);
    }
    let expected: BTreeSet<String> = [
        "shared_channel_invite_received",
        "shared_channel_invite_accepted",
        "shared_channel_invite_requested",
        "shared_channel_invite_approved",
        "shared_channel_invite_declined",
        "request include_approved",
        "request include_denied",
    ]
    .map(String::from)
    .into();
    assert_eq!(kinds, expected);
}

#[tokio::test]
async fn a_long_run_stays_bounded() {
    let emu = start_seeded(11).await;
    let start = emu.snapshot();
    let pending = |s: &connect_triage::emulator::StateSnapshot| {
        s.invites.len()
            + s.requests
                .iter()
                .filter(|r| r.status == RequestStatus::Pending)
                .count()
    };
    let baseline = pending(&start);
    for _ in 0..300 {
        emu.activity_step();
        assert!(pending(&emu.snapshot()) <= baseline + 21);
    }
    // It keeps deciding rather than stopping.
    assert!(steps(&emu, 20).iter().filter(|s| s.is_some()).count() >= 10);
}
