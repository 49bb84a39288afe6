//! The command line through faults: `request approve --yes` against an
//! emulator that fails a share of requests with a 500 or a reset
//! connection (neither applies a write, and neither gives an answer that
//! tells). Each lost answer is re-checked against Slack's list, and the
//! write is sent again, as the next attempt of the same decision, only
//! when the re-check proved it was not applied. A request ends approved,
//! once; or, when all three attempts were lost, not approved and said so.
//! The journal and Slack agree on which.

use std::collections::HashMap;

use crate::support::cli::{Env, code, stderr, stdout};
use crate::support::emu;
use connect_triage::emulator::RequestStatus;
use connect_triage::journal::{Outcome, Stage, latest_by_decision};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_decision_is_applied_once_through_faults_with_no_manual_step() {
    let dataset = emu::generated("requests=40,teams=4,channels=4");
    let emulator = emu::start_with(dataset, |config| {
        config.faults = Some("rate=0.2,kinds=500+reset".parse().unwrap());
        config.seed = 3;
    })
    .await;
    let before = emulator.snapshot();
    let env = Env::on(emulator);
    let listed = env
        .run(&["--pace", "off", "list", "requests", "--json"])
        .await;
    assert_eq!(code(&listed), 0, "{}", stderr(&listed));
    let ids: Vec<String> = stdout(&listed)
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            v["id"].as_str().unwrap().to_owned()
        })
        .filter(|id| before.request(id).unwrap().status == RequestStatus::Pending)
        .take(15)
        .collect();
    assert_eq!(ids.len(), 15);
    let mut resent_words = 0;
    let mut given_up = Vec::new();
    for id in &ids {
        let out = env
            .run(&["--pace", "off", "request", "approve", id, "--yes"])
            .await;
        let err = stderr(&out);
        if code(&out) == 1 && err.contains("was not applied after 3 attempts") {
            given_up.push(id.clone());
            continue;
        }
        assert_eq!(code(&out), 0, "{id}: {err}");
        assert!(stdout(&out).contains("Approved"), "{}", stdout(&out));
        if err.contains("sending it again (attempt 2 of 3)") {
            resent_words += 1;
            assert!(err.contains("was not applied"), "{err}");
            assert!(err.contains("re-checking with Slack"), "{err}");
        }
    }
    let records = env.journal();
    let last = latest_by_decision(&records);
    assert_eq!(last.len(), ids.len());
    let mut attempts_per_item: HashMap<String, usize> = HashMap::new();
    assert!(
        given_up.len() <= 1,
        "three lost answers in a row are rare: {given_up:?}"
    );
    for record in &last {
        assert_eq!(record.stage, Stage::Outcome);
        let wanted = if given_up.contains(&record.item_id) {
            Outcome::NotApplied
        } else {
            Outcome::Ok
        };
        assert_eq!(record.outcome, Some(wanted), "{record:?}");
        let all: Vec<_> = records
            .iter()
            .filter(|r| r.decision_id == record.decision_id)
            .collect();
        let attempts = all.iter().map(|r| r.attempt).max().unwrap();
        attempts_per_item.insert(record.item_id.clone(), attempts as usize);
        for attempt in 2..=attempts {
            let proof = all.iter().position(|r| {
                r.reconciled && r.attempt == attempt - 1 && r.outcome == Some(Outcome::NotApplied)
            });
            let sent = all
                .iter()
                .position(|r| r.stage == Stage::Sent && r.attempt == attempt);
            assert!(proof.is_some() && proof < sent, "{all:?}");
        }
    }
    let retried = attempts_per_item.values().filter(|a| **a > 1).count();
    eprintln!(
        "{} decisions: {retried} sent again, {} not applied after 3 attempts",
        ids.len(),
        given_up.len()
    );
    assert!(retried > 0, "the run met a lost answer on a write");
    assert!(resent_words > 0, "and said so");
    // Slack applied each approval once, and saw one write per attempt.
    let mut applied: HashMap<String, usize> = HashMap::new();
    let mut sent: HashMap<String, usize> = HashMap::new();
    for request in env.writes() {
        let item = crate::support::cli::arg(&request.args, "invite_id")
            .unwrap()
            .to_owned();
        *sent.entry(item.clone()).or_default() += 1;
        if request.applied {
            *applied.entry(item).or_default() += 1;
        }
    }
    let state = env.emu.snapshot();
    for id in &ids {
        if given_up.contains(id) {
            assert_eq!(applied.get(id), None, "{id} never applied");
            assert_eq!(attempts_per_item[id], 3);
            assert_eq!(state.request(id).unwrap().status, RequestStatus::Pending);
        } else {
            assert_eq!(applied.get(id), Some(&1), "{id} applied once");
            assert_eq!(state.request(id).unwrap().status, RequestStatus::Approved);
        }
    }
    assert_eq!(sent, attempts_per_item, "one write per journaled attempt");
}
