//! Data files, the demo's story and the generator.

use std::collections::{HashMap, HashSet};
use std::time::Instant;

use crate::support::emulator::*;
use connect_triage::emulator::{Dataset, EmulatorConfig, GenerateSpec};
use connect_triage::slack::models::{ExternalOrg, SharedChannel};

/// Every channel's connected team is an org, and every org's channel counts
/// are the channels that connect it.
fn assert_consistent(orgs: &[ExternalOrg], channels: &[SharedChannel]) {
    let known: HashSet<&str> = orgs.iter().map(|o| o.team_id.as_str()).collect();
    let mut counts: HashMap<&str, (i64, i64)> = HashMap::new();
    for c in channels {
        assert_eq!(
            c.is_ext_shared == Some(true),
            !c.connected_team_ids.is_empty(),
            "{}",
            c.id
        );
        for t in &c.connected_team_ids {
            assert!(
                known.contains(t.as_str()),
                "channel {} names unknown team {t}",
                c.id
            );
            let e = counts.entry(t).or_default();
            if c.is_private == Some(true) {
                e.1 += 1;
            } else {
                e.0 += 1;
            }
        }
        for t in &c.connected_limited_team_ids {
            assert!(
                c.connected_team_ids.contains(t),
                "limited {t} not connected in {}",
                c.id
            );
        }
    }
    for o in orgs {
        let (public, private) = counts.get(o.team_id.as_str()).copied().unwrap_or_default();
        assert_eq!(o.public_channel_count, Some(public), "{} public", o.team_id);
        assert_eq!(
            o.private_channel_count,
            Some(private),
            "{} private",
            o.team_id
        );
    }
}

#[test]
fn demo_data_is_consistent() {
    let demo = Dataset::demo();
    assert_eq!(demo.invites.len(), 27);
    assert_eq!(demo.invite_requests.len(), 10);
    assert_eq!(demo.organizations.len(), 12);
    assert_eq!(demo.channels.len(), 30);
    assert!(demo.as_of.is_some());
    assert_consistent(&demo.organizations, &demo.channels);
    let ids: HashSet<&str> = demo.invites.iter().map(|i| i.id()).collect();
    assert_eq!(ids.len(), 27, "invite ids are unique");
}

#[tokio::test]
async fn demo_tells_the_story() {
    let emu = start_demo().await;
    let snap = emu.snapshot();
    let us = "T0NBHQ0001";
    let awaiting_us = snap
        .invites
        .iter()
        .filter(|i| {
            i.approvals
                .iter()
                .any(|a| a.awaiting.iter().any(|t| t == us))
        })
        .count();
    let awaiting_them = snap
        .invites
        .iter()
        .filter(|i| {
            i.approvals
                .iter()
                .any(|a| !a.awaiting.is_empty() && a.awaiting.iter().all(|t| t != us))
        })
        .count();
    assert!(awaiting_us >= 8, "{awaiting_us} awaiting us");
    assert!(awaiting_them >= 4, "{awaiting_them} awaiting them");
    let expiring = snap
        .invites
        .iter()
        .filter(|i| i.invite.date_invalid().unwrap() - snap.now < DAY)
        .count();
    assert!(
        (3..=6).contains(&expiring),
        "{expiring} expiring within a day"
    );
    let verified = snap.invites.iter().filter(|i| {
        i.direction == "incoming" && i.invite.inviting_team().unwrap().is_verified == Some(true)
    });
    assert!(verified.count() >= 1);
    // The impostor: a not-verified "Stripe Payments Inc" next to the real, connected Stripe.
    let fake = snap.invite("I0NBINV001").unwrap();
    let team = fake.invite.inviting_team().unwrap();
    assert_eq!(team.name.as_deref(), Some("Stripe Payments Inc"));
    assert_eq!(team.domain.as_deref(), Some("stripe-payments"));
    assert_eq!(team.is_verified, Some(false));
    let real = snap.org("T0STRIPE01").unwrap();
    assert_eq!(real.team_name.as_deref(), Some("Stripe"));
    assert_eq!(real.connection_status.as_deref(), Some("CONNECTED"));
    assert!(
        snap.invites
            .iter()
            .any(|i| i.direction == "outgoing" && i.approvals.is_empty())
    );
    assert!(
        snap.invites
            .iter()
            .any(|i| i.direction == "incoming" && i.approvals.is_empty())
    );
}

#[tokio::test]
async fn as_of_shifts_every_date_to_now() {
    let mut config = EmulatorConfig::new(Dataset::demo());
    config.fixed_now = Some(NOW + 10 * DAY);
    let emu = start_with(config).await;
    let snap = emu.snapshot();
    let inv = snap.invite("I0NBINV004").unwrap();
    assert_eq!(inv.invite.date_invalid(), Some(NOW + 10 * DAY + 5 * HOUR));
    let ch = snap.channel("C0NBCH0001").unwrap();
    let original = Dataset::demo().channels[0].clone();
    assert_eq!(ch.created, original.created.map(|c| c + 10 * DAY));
    assert_eq!(
        ch.last_activity_ts,
        original.last_activity_ts.map(|t| t + 10 * DAY * 1_000_000)
    );
}

#[tokio::test]
async fn every_key_is_optional() {
    let emu = start_json("{}", NOW).await;
    assert_eq!(emu.tokens().len(), 3);
    let body = ok(&emu, "auth.test", &[]).await;
    assert!(body["team_id"].as_str().unwrap().starts_with('T'));
    let invites = ok(&emu, "conversations.listConnectInvites", &[]).await;
    assert_eq!(invites["invites"], serde_json::json!([]));
    assert_eq!(invites["response_metadata"]["next_cursor"], "");
}

#[tokio::test]
async fn the_flattened_invite_shape_loads() {
    let emu = start_json(
        r#"{"self":{"team_id":"T0US"},
            "invites":[{"id":"I9","date_created":10,"date_invalid":99999,
              "inviting_team":{"id":"E0THEM","name":"Them"},
              "invite_payload":{"invite_type":"channel","is_external_limited":false,
                "channel":{"id":"C9","name":"flat","is_private":true}}}]}"#,
        1000,
    )
    .await;
    let body = ok(&emu, "conversations.listConnectInvites", &[]).await;
    let inv = &body["invites"][0];
    assert_eq!(inv["invite"]["id"], "I9");
    assert_eq!(inv["direction"], "incoming");
    assert_eq!(inv["channel"]["name"], "flat");
    assert_eq!(inv["invite_payload"]["is_external_limited"], false);
}

#[test]
fn bad_data_files_are_errors() {
    assert!(Dataset::from_json("{").is_err());
    assert!(Dataset::from_json(r#"{"invites": 3}"#).is_err());
    let e = Dataset::load(std::path::Path::new("/nonexistent/data.json")).unwrap_err();
    assert!(format!("{e:#}").contains("/nonexistent/data.json"));
}

#[test]
fn generator_is_deterministic_per_seed() {
    let spec: GenerateSpec = "invites=300,requests=50,teams=20,channels=60"
        .parse()
        .unwrap();
    let a = Dataset::generate(&spec, 5, NOW);
    let b = Dataset::generate(&spec, 5, NOW);
    assert_eq!(a, b);
    let c = Dataset::generate(&spec, 6, NOW);
    assert_ne!(a, c);
    assert_eq!(
        (
            a.invites.len(),
            a.invite_requests.len(),
            a.organizations.len(),
            a.channels.len()
        ),
        (300, 50, 20, 60)
    );
    // Round-trips through the data-file format.
    let text = serde_json::to_string(&a).unwrap();
    assert_eq!(Dataset::from_json(&text).unwrap(), a);
}

#[test]
fn generated_data_is_consistent_and_varied() {
    let spec: GenerateSpec = "invites=2000,requests=300,teams=40,channels=400"
        .parse()
        .unwrap();
    let d = Dataset::generate(&spec, 9, NOW);
    assert_consistent(&d.organizations, &d.channels);
    let us = d.self_team.as_ref().unwrap().team_id.clone().unwrap();
    let share = |n: usize| n * 100 / d.invites.len();
    let incoming = d.invites.iter().filter(|i| i.is_incoming()).count();
    let accepted = d
        .invites
        .iter()
        .filter(|i| !i.acceptances.is_empty())
        .count();
    let awaiting_us = d
        .invites
        .iter()
        .filter(|i| {
            i.acceptances.iter().any(|a| {
                a.reviews
                    .iter()
                    .all(|r| r.reviewing_team.as_ref().unwrap().id != us)
            })
        })
        .count();
    let soon = d
        .invites
        .iter()
        .filter(|i| i.date_invalid().unwrap() - NOW < DAY)
        .count();
    let private = d
        .invites
        .iter()
        .filter(|i| i.channel().unwrap().is_private == Some(true))
        .count();
    let limited = d.invites.iter().filter(|i| i.is_external_limited()).count();
    for (what, n) in [
        ("incoming", incoming),
        ("accepted", accepted),
        ("private", private),
        ("limited", limited),
    ] {
        assert!((15..=85).contains(&share(n)), "{what}: {}%", share(n));
    }
    assert!(
        awaiting_us > 100 && awaiting_us < accepted,
        "{awaiting_us} of {accepted}"
    );
    assert!(soon > 20, "{soon} expiring within a day");
    let denied = d
        .invite_requests
        .iter()
        .filter(|r| r.date_denied.is_some())
        .count();
    assert!(denied > 0 && denied < 100);
    let statuses: HashSet<_> = d
        .organizations
        .iter()
        .map(|o| o.connection_status.clone())
        .collect();
    assert!(statuses.len() >= 2);
}

#[test]
fn generating_a_hundred_thousand_invites_is_quick() {
    let spec: GenerateSpec = "invites=100000".parse().unwrap();
    let t = Instant::now();
    let d = Dataset::generate(&spec, 1, NOW);
    // Well under a second in a release build; this bound allows an unoptimised one.
    assert!(t.elapsed().as_secs_f64() < 20.0, "{:?}", t.elapsed());
    assert_eq!(d.invites.len(), 100_000);
    let ids: HashSet<&str> = d.invites.iter().map(|i| i.id()).collect();
    assert_eq!(ids.len(), 100_000);
}
