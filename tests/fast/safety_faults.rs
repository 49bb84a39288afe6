//! 200 decisions through an unreliable Slack: the emulator fails a fifth of
//! all requests (HTTP 500, 429, a timeout after applying the call, a reset
//! connection, truncated JSON). The TUI keeps working, and afterwards the
//! emulator's own state and request log agree with the journal: every
//! decision was applied, exactly once, with no manual step. A write whose
//! answer was lost was re-checked first, and sent again (as the next
//! attempt of the same decision) only when the re-check proved it had not
//! been applied.
//!
//! Three of the five faults leave a write unapplied with no answer that
//! tells, so about 12% of sends need another; three in a row, the most a
//! decision gets, happen to about one decision in 600. Such a decision
//! ends `not_applied` after its third attempt, says so, and is never
//! doubled: the tests allow that rare case and check it.

use std::collections::{BTreeMap, HashMap};
use std::time::Duration;

use crate::common::{NOW, arg, writes};
use crate::session::{Session, Setup};
use connect_triage::emulator::{Dataset, GenerateSpec, InviteOutcome, RequestStatus};
use connect_triage::journal::{JournalAction, Outcome, Stage, latest_by_decision};
use connect_triage::slack::{ClientOptions, Tuning};

const DECISIONS: usize = 200;

fn setup() -> Setup {
    let spec = GenerateSpec {
        invites: 150,
        requests: 400,
        teams: 12,
        channels: 10,
        ..GenerateSpec::default()
    };
    Setup {
        dataset: Dataset::generate(&spec, 11, NOW),
        config: |config| {
            config.faults = Some(
                "rate=0.2,kinds=500+429+timeout+reset+malformed"
                    .parse()
                    .unwrap(),
            );
            config.seed = 5;
            config.timeout_stall = Duration::from_millis(1_500);
        },
        client: ClientOptions {
            timeout: Duration::from_millis(800),
            pace: false,
            read_retries: 6,
            ..ClientOptions::default()
        },
        tuning: Tuning {
            rate_window: Duration::from_secs(1),
            backoff_base: Duration::from_millis(20),
            backoff_max: Duration::from_millis(200),
            ..Tuning::default()
        },
        size: (120, 40),
        ..Setup::demo()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_hundred_decisions_through_faults_are_all_applied_exactly_once() {
    let dir = tempfile::tempdir().unwrap();
    let started = std::time::Instant::now();
    let mut s = Session::start(setup(), dir.path()).await;
    s.settle().await;
    let mut invites_left = true;
    let mut round = 0;
    loop {
        let made = latest_by_decision(&s.journal()).len();
        if made >= DECISIONS {
            break;
        }
        round += 1;
        assert!(
            round < 3 * DECISIONS,
            "only {made} decisions after {round} rounds"
        );
        if invites_left && round % 3 == 0 {
            // The first invite waiting on us; none left ends this part.
            let screen = s.press("1 g a").settle().await;
            if !screen.contains("Approve invite") {
                invites_left = false;
                s.press("Esc");
                continue;
            }
            s.press("y");
        } else if round % 2 == 0 {
            s.press("2 g a Enter y");
        } else {
            s.press("2 g d Enter y");
        }
        let screen = s.settle().await;
        // Never frozen, never crashed: the screen is whole after each one.
        assert!(screen.contains("Requests"), "{screen}");
    }
    // One more settle: re-checks still running finish.
    s.settle().await;
    let records = s.journal();
    let (_, emulator) = s.quit().await;
    let state = emulator.snapshot();
    let log = writes(&emulator);

    let last = latest_by_decision(&records);
    assert!(last.len() >= DECISIONS);
    // Every decision was applied, but one whose three attempts were all lost.
    let mut given_up = 0;
    for record in &last {
        assert_eq!(record.stage, Stage::Outcome, "{record:?}");
        if record.outcome != Some(Outcome::Ok) {
            assert_given_up(record);
            given_up += 1;
        }
    }
    assert!(
        given_up <= 3,
        "{given_up} decisions lost three answers in a row"
    );
    // Each decision was journaled queued, then sent and ended once per
    // attempt; an attempt after the first only follows a re-check's proof
    // that the one before was not applied.
    let mut attempts_per_decision: BTreeMap<u32, usize> = BTreeMap::new();
    let mut attempts_per_item: BTreeMap<String, usize> = BTreeMap::new();
    for record in &last {
        let all: Vec<_> = records
            .iter()
            .filter(|r| r.decision_id == record.decision_id)
            .collect();
        let attempts = all.iter().map(|r| r.attempt).max().unwrap();
        assert!(attempts <= 3, "at most three sends: {all:?}");
        *attempts_per_decision.entry(attempts).or_default() += 1;
        *attempts_per_item.entry(record.item_id.clone()).or_default() += attempts as usize;
        let mut wanted = vec![(Stage::Queued, 1)];
        for attempt in 1..=attempts {
            wanted.extend([(Stage::Sent, attempt), (Stage::Outcome, attempt)]);
        }
        let stages: Vec<(Stage, u32)> = all
            .iter()
            .filter(|r| !r.reconciled)
            .map(|r| (r.stage, r.attempt))
            .collect();
        assert_eq!(stages, wanted, "{all:?}");
        for attempt in 2..=attempts {
            let proof = all
                .iter()
                .position(|r| {
                    r.reconciled
                        && r.attempt == attempt - 1
                        && r.outcome == Some(Outcome::NotApplied)
                })
                .unwrap_or_else(|| panic!("attempt {attempt} without proof: {all:?}"));
            let resent = all
                .iter()
                .position(|r| r.stage == Stage::Sent && r.attempt == attempt)
                .unwrap();
            assert!(
                proof < resent,
                "proved unapplied before it was sent again: {all:?}"
            );
        }
    }
    let reconciled = records.iter().filter(|r| r.reconciled).count();
    let mut by_action: BTreeMap<String, usize> = BTreeMap::new();
    for record in &last {
        let key = format!(
            "{} {}",
            record.action.as_str(),
            record.outcome.as_ref().unwrap().as_str()
        );
        *by_action.entry(key).or_default() += 1;
    }
    eprintln!(
        "{} decisions in {:.1} s, {reconciled} re-checked: {by_action:?}; decisions by attempts made: {attempts_per_decision:?}; {given_up} not applied after 3",
        last.len(),
        started.elapsed().as_secs_f64()
    );
    assert!(
        reconciled > 0,
        "faults made some outcomes unknown, and they were re-checked"
    );

    // Writes the emulator applied, per item: never more than one.
    let mut applied: HashMap<String, Vec<String>> = HashMap::new();
    let mut sent: BTreeMap<String, usize> = BTreeMap::new();
    for request in &log {
        let item = arg(&request.args, "invite_id")
            .unwrap_or_default()
            .to_owned();
        if request.status != 429 {
            *sent.entry(item.clone()).or_default() += 1;
        }
        if request.applied {
            applied
                .entry(item)
                .or_default()
                .push(request.method.clone());
        }
    }
    for (item, methods) in &applied {
        assert_eq!(methods.len(), 1, "{item} applied twice: {methods:?}");
    }
    // A write reached Slack once per attempt (429s, which Slack did not
    // apply, are the only other repeats): a write whose outcome was
    // unknown was never sent again on a guess.
    assert_eq!(
        sent, attempts_per_item,
        "writes sent per item vs attempts journaled per item"
    );
    assert!(
        log.iter()
            .any(|r| r.fault == Some(connect_triage::emulator::FaultKind::Timeout)),
        "the run met the hard case: a write applied whose answer never came"
    );

    // The journal and the emulator agree, item by item.
    for record in &last {
        let ok = record.outcome == Some(Outcome::Ok);
        let item = record.item_id.as_str();
        match record.action {
            JournalAction::ApproveRequest | JournalAction::DenyRequest => {
                let status = state.request(item).unwrap().status;
                let wanted = if record.action == JournalAction::ApproveRequest {
                    RequestStatus::Approved
                } else {
                    RequestStatus::Denied
                };
                if ok {
                    assert_eq!(status, wanted, "{record:?}");
                }
            }
            JournalAction::ApproveInvite => {
                if ok {
                    let approved = state
                        .past_invite(item)
                        .map(|i| i.outcome == InviteOutcome::Approved)
                        .or_else(|| {
                            state.invite(item).map(|i| {
                                i.approvals
                                    .iter()
                                    .any(|a| a.approved_by.contains(&state.self_team_id))
                            })
                        });
                    assert_eq!(approved, Some(true), "{record:?}");
                }
            }
            other => panic!("no {other:?} was made"),
        }
        // Applied in the emulator exactly when the journal says ok.
        let was_applied = applied.contains_key(item);
        let any_ok = last
            .iter()
            .any(|r| r.item_id == item && r.outcome == Some(Outcome::Ok));
        assert_eq!(was_applied, any_ok, "{item}: emulator vs journal");
    }
    // Nothing was decided behind the journal's back.
    for item in applied.keys() {
        assert!(
            last.iter().any(|r| &r.item_id == item),
            "{item} applied, never journaled"
        );
    }
}

/// A decision that was not applied: only after three sends, each proved
/// unapplied, and it says so.
fn assert_given_up(record: &connect_triage::journal::JournalRecord) {
    assert_eq!(record.outcome, Some(Outcome::NotApplied), "{record:?}");
    assert_eq!(record.attempt, 3, "{record:?}");
    assert!(record.reconciled, "{record:?}");
    let reason = record.reason.as_deref().unwrap_or_default();
    assert!(reason.contains("all 3 attempts were made"), "{record:?}");
}

/// The case the admin met: a batch approval of the invites waiting on us,
/// through the same faults. It ends with every one approved, once, and
/// nothing left marked: the lost answers were re-checked, and the writes
/// proved unapplied were sent again by the tool, not by the admin.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_batch_through_faults_finishes_with_no_manual_step() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::start(setup(), dir.path()).await;
    s.settle().await;
    let screen = s.press("1 * a").settle().await;
    assert!(screen.contains("Approve"), "the plan: {screen}");
    let screen = s.press("y").settle().await;
    assert!(screen.contains("Batch done"), "{screen}");
    let records = s.journal();
    let (app, emulator) = s.quit().await;
    let last = latest_by_decision(&records);
    let given_up: Vec<_> = last
        .iter()
        .filter(|r| r.outcome != Some(Outcome::Ok))
        .collect();
    given_up.iter().for_each(|r| assert_given_up(r));
    assert!(given_up.len() <= 1, "{given_up:?}");
    if given_up.is_empty() {
        assert!(screen.contains(" 0 failed"), "{screen}");
    }
    // Left marked: the rows the plan skipped (waiting on the other org),
    // and what stays unproven.
    for record in &last {
        assert_eq!(
            app.invites.list.marks.contains(record.item_id.as_str()),
            record.outcome != Some(Outcome::Ok),
            "{} marked",
            record.item_id
        );
    }
    assert!(last.len() >= 20, "a batch of {}", last.len());
    let retried = last.iter().filter(|r| r.attempt > 1).count();
    eprintln!("batch of {}: {retried} sent again", last.len());
    let mut applied: HashMap<String, usize> = HashMap::new();
    for request in writes(&emulator) {
        if request.applied {
            *applied
                .entry(arg(&request.args, "invite_id").unwrap().to_owned())
                .or_default() += 1;
        }
    }
    for record in &last {
        let wanted = (record.outcome == Some(Outcome::Ok)).then_some(&1);
        assert_eq!(applied.get(&record.item_id), wanted, "{record:?}");
    }
    assert_eq!(
        applied.len(),
        last.len() - given_up.len(),
        "nothing applied unjournaled"
    );
}
