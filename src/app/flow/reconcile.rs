//! Decisions whose outcome is unknown are re-checked against Slack's fresh
//! lists, and the real outcome is journaled (`reconciled: true`) and shown.
//!
//! Two sources: decisions an earlier session left open (read from the
//! journal at start; the first loads are fresh), and decisions of this
//! session whose answer was lost (their lists are loaded again, after the
//! decision, before anything is concluded). The rules are in [`crate::app::flow::verdict`].
//!
//! A write of this session that the re-check proves was not applied, while
//! its item still waits for it, is sent again ([`crate::app::flow::resend`]);
//! an earlier session's is only reported, as no one here confirmed it.

use std::collections::{HashMap, HashSet};

use crate::app::decisions::Outcome as RowOutcome;
use crate::app::flow::bulk::{self, Rechecked};
use crate::app::flow::resend::{self, Resend};
use crate::app::flow::verdict::{Panes, RequestState, Verdict, needs, verdict};
use crate::app::list::LoadState;
use crate::app::{App, Effect, NoticeKind};
use crate::decision::grace::QueuedWrite;
use crate::journal::{JournalRecord, Outcome};
use crate::model::ListKind;
use crate::slack::SlackError;

/// One decision to re-check.
#[derive(Debug, Clone)]
struct Check {
    record: JournalRecord,
    /// This session's write: its row shows the result, and it is what is
    /// sent again when the re-check proves it was not applied.
    write: Option<QueuedWrite>,
}

#[derive(Debug, Default)]
enum Requests {
    #[default]
    Idle,
    /// Asked; `again` when a newer decision needs a newer answer.
    Asked {
        again: bool,
    },
    Got(HashMap<String, RequestState>),
}

#[derive(Debug, Default)]
pub struct Reconciler {
    checks: Vec<Check>,
    /// Lists whose fresh load some check waits for.
    awaiting: HashSet<ListKind>,
    /// Lists to load once more when the current load ends: it began before
    /// the decision, so it may not show it.
    again: HashSet<ListKind>,
    requests: Requests,
    /// Earlier sessions' decisions concluded so far: applied, not, unclear.
    earlier: [usize; 3],
}

impl Reconciler {
    /// True while a re-check waits for data it asked for.
    pub fn is_busy(&self) -> bool {
        !self.awaiting.is_empty()
            || !self.again.is_empty()
            || matches!(self.requests, Requests::Asked { .. })
    }

    pub fn pending(&self) -> usize {
        self.checks.len()
    }

    fn needs_requests(&self) -> bool {
        self.checks.iter().any(|c| needs(c.record.action).1)
    }
}

/// Decisions an earlier session left open; call before [`crate::app::start`].
pub fn add_earlier(app: &mut App, records: Vec<JournalRecord>) {
    app.reconcile
        .checks
        .extend(records.into_iter().map(|record| Check {
            record,
            write: None,
        }));
}

/// What the start needs besides the first loads.
pub fn start_effects(app: &mut App) -> Vec<Effect> {
    if app.reconcile.needs_requests() {
        ask_requests(app)
    } else {
        Vec::new()
    }
}

fn ask_requests(app: &mut App) -> Vec<Effect> {
    match &mut app.reconcile.requests {
        Requests::Asked { again } => {
            *again = true;
            Vec::new()
        }
        other => {
            *other = Requests::Asked { again: false };
            vec![Effect::CheckRequests]
        }
    }
}

/// A decision of this session ended with no trustworthy answer: load what
/// tells its outcome again, then conclude.
pub fn add_unknown(app: &mut App, write: QueuedWrite) -> Vec<Effect> {
    let (lists, requests) = needs(write.record.action);
    app.reconcile.checks.push(Check {
        record: write.record.clone(),
        write: Some(write),
    });
    let mut effects = Vec::new();
    for &list in lists {
        match crate::app::flow::refresh::reload_quietly(app, list) {
            Some(effect) => {
                app.reconcile.awaiting.insert(list);
                effects.push(effect);
            }
            None => {
                app.reconcile.again.insert(list);
            }
        }
    }
    if requests {
        effects.extend(ask_requests(app));
    }
    effects
}

/// Who we are is known: re-checks may now conclude.
pub fn on_identity(app: &mut App) -> Vec<Effect> {
    evaluate(app)
}

/// A list finished loading (or failed): a re-check may now conclude.
pub fn on_list_done(app: &mut App, kind: ListKind) -> Vec<Effect> {
    if app.reconcile.again.remove(&kind)
        && let Some(effect) = crate::app::flow::refresh::reload_quietly(app, kind)
    {
        app.reconcile.awaiting.insert(kind);
        return vec![effect];
    }
    app.reconcile.awaiting.remove(&kind);
    evaluate(app)
}

pub fn on_request_statuses(
    app: &mut App,
    result: Result<HashMap<String, RequestState>, SlackError>,
) -> Vec<Effect> {
    if let Requests::Asked { again: true } = app.reconcile.requests {
        app.reconcile.requests = Requests::Asked { again: false };
        return vec![Effect::CheckRequests];
    }
    match result {
        Ok(statuses) => app.reconcile.requests = Requests::Got(statuses),
        Err(error) => {
            app.reconcile.requests = Requests::Idle;
            app.notify(
                NoticeKind::Error,
                format!(
                    "Could not re-check requests with unknown outcomes: {}. Press r on Requests to try again.",
                    crate::slack::explain::explain(&error)
                ),
            );
        }
    }
    evaluate(app)
}

fn list_ready(app: &App, kind: ListKind) -> bool {
    let load = match kind {
        ListKind::Invites => &app.invites.list.load,
        ListKind::Requests => &app.requests.list.load,
        ListKind::Orgs => &app.orgs.list.load,
        ListKind::Channels => &app.channels.list.load,
    };
    *load == LoadState::Loaded
        && !app.reconcile.awaiting.contains(&kind)
        && !app.reconcile.again.contains(&kind)
}

/// Conclude every check whose data is in.
fn evaluate(app: &mut App) -> Vec<Effect> {
    let ours_owned: Vec<String> = app
        .identity
        .our_ids()
        .into_iter()
        .map(str::to_owned)
        .collect();
    if ours_owned.is_empty() {
        return Vec::new();
    }
    let ours: Vec<&str> = ours_owned.iter().map(String::as_str).collect();
    let checks = std::mem::take(&mut app.reconcile.checks);
    let mut keep = Vec::new();
    let mut concluded = Vec::new();
    for check in checks {
        // Another workspace's decision is re-checked by a session there.
        if check
            .record
            .team_id
            .as_deref()
            .is_some_and(|t| !ours.contains(&t))
        {
            continue;
        }
        let (lists, requests) = needs(check.record.action);
        let statuses = match &app.reconcile.requests {
            Requests::Got(map) => Some(map),
            _ => None,
        };
        if !lists.iter().all(|&l| list_ready(app, l)) || (requests && statuses.is_none()) {
            keep.push(check);
            continue;
        }
        let evidence = Panes {
            invites: &app.invites,
            channels: &app.channels,
            orgs: &app.orgs,
            requests: statuses,
            ours: &ours,
        };
        concluded.push((verdict(&check.record, &evidence), check));
    }
    app.reconcile.checks = keep;
    if !app.reconcile.needs_requests() && matches!(app.reconcile.requests, Requests::Got(_)) {
        app.reconcile.requests = Requests::Idle;
    }
    conclude(app, concluded)
}

fn conclude(app: &mut App, concluded: Vec<(Verdict, Check)>) -> Vec<Effect> {
    let mut records = Vec::new();
    let mut effects = Vec::new();
    let mut earlier_now = false;
    for (verdict, check) in concluded {
        let resend = match (&verdict, &check.write) {
            (Verdict::StillWaiting(_), Some(write)) => resend::plan(app, write),
            _ => Resend::No,
        };
        let (outcome, reason) = match verdict {
            Verdict::Applied(reason) => (Some(Outcome::Ok), reason),
            Verdict::StillWaiting(reason) | Verdict::NotApplied(reason) => {
                (Some(Outcome::NotApplied), reason)
            }
            Verdict::Undetermined(reason) => (None, reason),
        };
        let slot = match &outcome {
            Some(Outcome::Ok) => 0,
            Some(_) => 1,
            None => 2,
        };
        if let Some(outcome) = &outcome {
            let mut record =
                check
                    .record
                    .ended(outcome.clone(), Some(resend.explain(&reason)), app.now);
            record.reconciled = true;
            records.push(record);
        }
        match check.write {
            Some(write) => {
                effects.extend(tell_row(app, write, outcome, &reason, resend));
            }
            None => {
                app.reconcile.earlier[slot] += 1;
                earlier_now = true;
            }
        }
    }
    if earlier_now {
        // One line for all of them, however many passes it took.
        let [applied, not_applied, unclear] = app.reconcile.earlier;
        let earlier = applied + not_applied + unclear;
        let mut text = format!(
            "Re-checked with Slack {earlier} decision(s) an earlier session left unknown: {applied} applied, {not_applied} not applied"
        );
        if unclear > 0 {
            text.push_str(&format!(", {unclear} still unclear"));
        }
        text.push_str(". L shows the journal.");
        app.notify(NoticeKind::Info, text);
    }
    if !records.is_empty() {
        effects.insert(0, Effect::Journal(records));
    }
    effects
}

fn tell_row(
    app: &mut App,
    write: QueuedWrite,
    outcome: Option<Outcome>,
    reason: &str,
    resend: Resend,
) -> Vec<Effect> {
    let record = &write.record;
    let kind = write.kind.clone();
    let summary = record.summary.as_deref().unwrap_or(&record.item_id);
    let pane = kind.pane();
    // A batch's progress line and report speak for its decisions.
    let batch = app
        .batch
        .as_ref()
        .is_some_and(|b| b.is_rechecking(&record.item_id));
    let item = record.item_id.clone();
    match outcome {
        Some(Outcome::Ok) => {
            let text = format!(
                "Re-checked with Slack: {} {summary} was applied ({reason}).",
                kind.verb()
            );
            // The rows change as if Slack had answered.
            let (_, mut effects) = crate::app::flow::applied::apply_to_rows(app, &kind, &item);
            app.decisions
                .set_outcome(pane, &item, RowOutcome::Done(kind));
            if batch {
                effects.extend(bulk::on_rechecked(app, &item, Rechecked::Applied));
            } else {
                app.notify(NoticeKind::Success, text);
            }
            effects
        }
        Some(_) if let Resend::Yes { attempt } = resend => {
            let text = format!(
                "Re-checked with Slack: {} {summary} was not applied ({reason}). Sending it again (attempt {attempt} of {})…",
                kind.verb(),
                resend::MAX_ATTEMPTS
            );
            let Some((id, effect)) = resend::send_again(app, write) else {
                // `resend::plan` rules this out; never leave a batch waiting.
                let failed = Rechecked::Failed(format!("not applied: {reason}"));
                return bulk::on_rechecked(app, &item, failed);
            };
            if !batch {
                app.notify(NoticeKind::Info, text);
            }
            let mut effects = vec![effect];
            effects.extend(bulk::on_rechecked(app, &item, Rechecked::SentAgain(id)));
            effects
        }
        Some(_) => {
            let why = resend.explain(reason);
            let text = format!(
                "Re-checked with Slack: {} {summary} was NOT applied ({why}). It can be decided again.",
                kind.verb()
            );
            app.decisions.set_outcome(
                pane,
                &item,
                RowOutcome::Failed {
                    kind,
                    code: "not_applied".to_owned(),
                },
            );
            if batch {
                let failed = Rechecked::Failed(format!("not applied: {why}"));
                return bulk::on_rechecked(app, &item, failed);
            }
            app.notify(NoticeKind::Error, text);
            Vec::new()
        }
        None => {
            let text = format!(
                "Re-checked with Slack: whether {} {summary} was applied is still unclear ({reason}).",
                kind.verb()
            );
            if batch {
                let failed = Rechecked::Failed(format!(
                    "still unclear after a re-check ({reason}); re-checked again at the next start"
                ));
                return bulk::on_rechecked(app, &item, failed);
            }
            app.notify(NoticeKind::Error, text);
            Vec::new()
        }
    }
}
