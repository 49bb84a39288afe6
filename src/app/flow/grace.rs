//! The undo window: every confirmed write waits `--grace` seconds in a
//! visible queue before it is sent. `u` takes back the newest entry, the
//! queue view (`U`) any of them. One entry holds one decision or a whole
//! batch (marked rows decided together): it is sent, or taken back, whole.
//!
//! Each decision is journaled `queued` the moment it enters the queue, and
//! `undone` when taken back; the worker journals `sent` and the outcome.

use crate::app::decisions::never_sent;
use crate::app::dialogs::plan::{PlanDialog, noun};
use crate::app::{App, Effect, NoticeKind};
use crate::decision::grace::{Entry, QueuedWrite, seconds_until};
use crate::decision::plan::PlannedWrite;
use crate::decision::record;
use crate::journal::{Outcome, new_decision_id};
use crate::text::words::capitalized;

/// Put confirmed writes in the queue as ONE entry (a batch when there are
/// several), journal them `queued`, and send at once when the window is 0.
/// `label` names a batch ("approve 12 invites"); one write names itself.
pub fn enqueue(app: &mut App, writes: Vec<PlannedWrite>, label: Option<String>) -> Vec<Effect> {
    enqueue_entry(app, writes, label, false)
}

/// `y` on a batch plan: the marked rows enter the queue as ONE entry,
/// sent (a few calls at a time, by [`crate::app::flow::bulk`]) or taken
/// back whole.
pub fn enqueue_plan(app: &mut App, plan: PlanDialog) -> Vec<Effect> {
    if plan.entries.is_empty() {
        app.notify(
            NoticeKind::Info,
            "Nothing to send: no marked row can be decided.",
        );
        return Vec::new();
    }
    let count = plan.entries.len();
    let label = format!("{} {count} {}", plan.verb, noun(plan.pane, count));
    let writes = plan.entries.into_iter().map(|e| e.write).collect();
    enqueue_entry(app, writes, Some(label), true)
}

fn enqueue_entry(
    app: &mut App,
    writes: Vec<PlannedWrite>,
    label: Option<String>,
    batch_entry: bool,
) -> Vec<Effect> {
    if app.read_only {
        let words = app.read_only_words().to_owned();
        app.notify(NoticeKind::Error, words);
        return Vec::new();
    }
    let batch = (writes.len() > 1).then(|| format!("batch-{}", new_decision_id(app.now)));
    let mut queued = Vec::new();
    let mut refused = Vec::new();
    for write in writes {
        let record = record::queued(&write, app.identity.auth(), batch.as_ref(), app.now);
        match app.decisions.begin(
            write.kind.clone(),
            &write.item_id,
            write.summary.clone(),
            app.now,
        ) {
            Ok(decision) => queued.push(QueuedWrite {
                decision,
                kind: write.kind,
                item_id: write.item_id,
                summary: write.summary,
                workspace: write.workspace.map(|w| w.id.to_string()),
                record,
            }),
            Err(existing) => refused.push(existing),
        }
    }
    if queued.is_empty() {
        if let Some(existing) = refused.first() {
            let text = format!(
                "Already {} {}; it cannot be decided twice.",
                existing.kind.verb_ing(),
                existing.summary
            );
            app.notify(NoticeKind::Info, text);
        }
        return Vec::new();
    }
    let label = match (label, queued.as_slice()) {
        (Some(label), _) => label,
        (None, [one]) => format!("{} {}", one.kind.verb(), one.summary),
        (None, many) => format!("{} decisions", many.len()),
    };
    let mut effects = vec![Effect::Journal(
        queued.iter().map(|q| q.record.clone()).collect(),
    )];
    // Saturating all the way: a window can never wrap into the past.
    let window_ms = i64::try_from(app.grace_seconds)
        .unwrap_or(i64::MAX)
        .saturating_mul(1000);
    let due_ms = app.now_ms.saturating_add(window_ms);
    let entry = app.grace.new_entry(queued, label, due_ms, batch_entry);
    let skipped = if refused.is_empty() {
        String::new()
    } else {
        format!(" ({} already in flight, left out)", refused.len())
    };
    if app.grace_seconds == 0 {
        let text = format!(
            "{}{skipped}… (in the background; keys keep working)",
            capitalized(&in_progress(&entry))
        );
        effects.extend(release(app, entry));
        app.notify(NoticeKind::Info, text);
    } else {
        app.grace.push(entry);
        // The status line shows the entry and its countdown from now on.
        if skipped.is_empty() {
            if app
                .notice
                .as_ref()
                .is_some_and(|n| n.kind != NoticeKind::Error)
            {
                app.notice = None;
            }
        } else {
            app.notify(NoticeKind::Info, format!("Queued{skipped}."));
        }
    }
    effects
}

/// "approving invite I0A …" for one write, "sending 12 decisions" for many.
fn in_progress(entry: &Entry) -> String {
    match entry.writes.as_slice() {
        [one] => format!("{} {}", one.kind.verb_ing(), one.summary),
        _ => format!("sending {}", entry.label),
    }
}

/// The entry's writes as effects for the worker (a batch runs in
/// [`crate::app::flow::bulk`], a few calls at a time).
fn release(app: &mut App, entry: Entry) -> Vec<Effect> {
    if entry.batch {
        return crate::app::flow::bulk::run(app, entry.writes);
    }
    entry
        .writes
        .into_iter()
        .map(|write| Effect::send(&mut app.grace, write))
        .collect()
}

/// Send every entry whose window has passed (called on each clock message).
pub fn send_due(app: &mut App) -> Vec<Effect> {
    // While the admin is asked whether to send or drop them, nothing goes.
    if matches!(app.dialog, Some(crate::app::dialogs::Dialog::QuitQueued(_))) {
        return Vec::new();
    }
    let due = app.grace.take_due(app.now_ms);
    due.into_iter().flat_map(|e| release(app, e)).collect()
}

/// Send one entry now, without waiting for its window.
pub fn send_now(app: &mut App, entry_id: u64) -> Vec<Effect> {
    let Some(entry) = app.grace.take(entry_id) else {
        return Vec::new();
    };
    app.notify(
        NoticeKind::Info,
        format!("{} now.", capitalized(&in_progress(&entry))),
    );
    release(app, entry)
}

/// Send everything still queued (quitting with "send them now").
pub fn send_all(app: &mut App) -> Vec<Effect> {
    let entries = app.grace.take_all();
    entries.into_iter().flat_map(|e| release(app, e)).collect()
}

/// `u`: take back the newest entry still waiting.
pub fn take_back_newest(app: &mut App) -> Vec<Effect> {
    match app.grace.newest() {
        Some(entry) => take_back(app, entry.id),
        None => {
            app.notify(
                NoticeKind::Info,
                "Nothing to take back: no decision is waiting to be sent.",
            );
            Vec::new()
        }
    }
}

/// Take back one entry: nothing of it is sent, and the journal says so.
pub fn take_back(app: &mut App, entry_id: u64) -> Vec<Effect> {
    let Some(entry) = app.grace.take(entry_id) else {
        return Vec::new();
    };
    let text = format!("Taken back: {}. Nothing was sent.", entry.label);
    let effects = close(app, entry, Outcome::Undone, "taken back in the undo window");
    app.notify(NoticeKind::Success, text);
    effects
}

/// Drop everything still queued, unsent (quit with "drop them", SIGTERM, SIGHUP).
pub fn drop_all(app: &mut App, why: &str) -> Vec<Effect> {
    let entries = app.grace.take_all();
    entries
        .into_iter()
        .flat_map(|entry| close(app, entry, Outcome::Dropped, why))
        .collect()
}

fn close(app: &mut App, entry: Entry, outcome: Outcome, why: &str) -> Vec<Effect> {
    never_sent(app, entry.writes, outcome, why)
}

/// The status line while anything is queued: the newest entry with its
/// countdown, and how to take it back.
pub fn status_line(app: &App) -> Option<String> {
    let newest = app.grace.newest()?;
    let left = seconds_until(newest.due_ms, app.now_ms);
    let more = match app.grace.entries().len() {
        1 => String::new(),
        n => format!(" {} more queued: U lists them.", n - 1),
    };
    Some(format!(
        "⏳ Sending in {left} s: {}. u takes it back.{more}",
        newest.label
    ))
}
