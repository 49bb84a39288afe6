//! A batch decision end to end: 50 marked invites approved with keys only,
//! through the real loop, against an emulator with Slack's rate limits in a
//! minute 60 times shorter (`--rate-limits scaled:60`) and a client paced
//! to match. Every approval is applied, none twice, and Slack never had to
//! answer 429.

use std::collections::HashMap;

use crate::common::{NOW, arg, writes};
use crate::session::Session;
use connect_triage::app::{App, Mode};
use connect_triage::emulator::{Dataset, EmulatorConfig, GenerateSpec, RateLimitMode};
use connect_triage::slack::Tuning;

const MARKED: usize = 50;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifty_marked_approvals_run_within_the_rate_limits() {
    let spec = GenerateSpec {
        invites: 300,
        requests: 10,
        teams: 40,
        channels: 60,
        ..GenerateSpec::default()
    };
    let mut config = EmulatorConfig::new(Dataset::generate(&spec, 7, NOW));
    config.fixed_now = Some(NOW);
    config.rate_limits = RateLimitMode::Scaled(60);
    let (mut s, client) = Session::start_configured(
        config,
        Tuning::scaled(60),
        App::new(Mode::Demo, false),
        120,
        40,
    )
    .await;
    let screen = s.settle().await;
    let awaiting: usize = screen
        .lines()
        .find_map(|l| l.strip_prefix("── Awaiting us ("))
        .and_then(|rest| rest.split(')').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("an awaiting-us section:\n{screen}"));
    assert!(awaiting > MARKED, "{awaiting} invites wait on us");
    // The first 50 rows wait on us: mark them one by one.
    for _ in 0..MARKED {
        s.press("space");
    }
    let screen = s.settle().await;
    assert!(screen.contains("50 marked"), "{screen}");
    let screen = s.press("a").settle().await;
    assert!(screen.contains("Approve 50 marked invites?"), "{screen}");
    assert!(
        screen.contains("50 calls to conversations.approveSharedInvite"),
        "{screen}"
    );
    let screen = s.press("y").settle().await;
    assert!(
        screen.contains("Batch done: 50 invites approved"),
        "{screen}"
    );
    assert!(!screen.contains("marked ·"), "no mark is left:\n{screen}");

    // The emulator's state: each of the 50 has our approval.
    let log = s.emulator.request_log();
    let approvals = writes(&s.emulator);
    assert_eq!(approvals.len(), MARKED, "one call per marked invite");
    let mut per_invite: HashMap<&str, usize> = HashMap::new();
    for call in &approvals {
        assert_eq!(call.method, "conversations.approveSharedInvite", "{call:?}");
        assert_eq!(call.status, 200, "{call:?}");
        assert!(call.applied, "{call:?}");
        *per_invite
            .entry(arg(&call.args, "invite_id").expect("invite_id"))
            .or_default() += 1;
    }
    assert_eq!(per_invite.len(), MARKED);
    assert!(
        per_invite.values().all(|&n| n == 1),
        "none twice: {per_invite:?}"
    );
    let state = s.emulator.snapshot();
    for id in per_invite.keys() {
        let invite = state
            .invite(id)
            .or_else(|| state.past_invite(id))
            .unwrap_or_else(|| panic!("{id} is known"));
        let ours = &state.self_team_id;
        assert!(
            invite
                .approvals
                .iter()
                .any(|a| a.approved_by.iter().any(|t| t == ours)),
            "{id} carries our approval: {invite:?}"
        );
    }
    // Nothing was ever refused for going too fast.
    assert!(log.iter().all(|r| r.status != 429), "a 429 was answered");
    assert_eq!(client.stats().rate_limited, 0);
    s.quit().await;
}
