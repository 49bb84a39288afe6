//! Batch decisions on marked rows: `a` / `d` with marks show a plan of
//! exactly what will be sent; `y` runs it as a batch that keeps a few calls
//! in flight (the client paces them to the method's rate tier), with a
//! progress line. A decision with no reliable answer is re-checked before
//! the batch ends, and sent again when the re-check proves it was not
//! applied ([`crate::app::flow::resend`]). Failures are listed at the end
//! and stay marked, so a second `a` decides Slack's refusals again.
//!
//! `y` on the plan puts the whole batch in the undo queue as ONE entry
//! (every decision journaled `queued`); when its window ends the batch runs
//! here. Taken back, none of it is sent.

use std::collections::VecDeque;

use crate::app::decisions::{Outcome, never_sent};
use crate::app::dialogs::Dialog;
use crate::app::dialogs::plan::noun;
use crate::app::dialogs::report::ReportDialog;
use crate::app::{App, Effect, NoticeKind};
use crate::decision::DecisionId;
use crate::decision::grace::QueuedWrite;
use crate::model::ListKind;
use crate::text::words::capitalized;

/// Calls of one batch in flight at once; the client's limiter paces them.
pub const IN_FLIGHT: usize = 4;

/// A running batch.
#[derive(Debug, Clone)]
pub struct Batch {
    pub pane: ListKind,
    pub kind_words: (&'static str, &'static str),
    /// Decisions not sent yet: begun and journaled `queued` in the undo queue.
    pub queue: VecDeque<QueuedWrite>,
    pub in_flight: Vec<DecisionId>,
    /// Items whose decision had no reliable answer, by ID with their
    /// summary, until the re-check concludes.
    pub rechecking: Vec<(String, String)>,
    pub total: usize,
    pub done: usize,
    pub failed: Vec<(String, String)>,
    pub elsewhere: Vec<(String, String)>,
    pub started_at: i64,
    pub stopped: bool,
}

impl Batch {
    pub fn left(&self) -> usize {
        self.queue.len() + self.in_flight.len() + self.rechecking.len()
    }

    /// Whether this item's decision waits for its re-check.
    pub fn is_rechecking(&self, item_id: &str) -> bool {
        self.rechecking.iter().any(|(item, _)| item == item_id)
    }

    pub fn is_finished(&self) -> bool {
        self.left() == 0
    }

    pub fn owns(&self, id: DecisionId) -> bool {
        self.in_flight.contains(&id)
    }

    fn finished_count(&self) -> usize {
        self.done + self.failed.len() + self.elsewhere.len()
    }

    /// "Approving 50 invites: 12 done · 1 failed · 37 left · about 40 s left at this pace".
    pub fn progress_line(&self, now: i64) -> String {
        let finished = self.finished_count() as i64;
        let elapsed = now - self.started_at;
        let eta = if self.stopped {
            "stopping: nothing more is sent".to_owned()
        } else if finished == 0 || elapsed <= 0 {
            "estimating time left".to_owned()
        } else {
            let left = (self.left() as i64 * elapsed + finished - 1) / finished;
            format!(
                "about {} left at this pace",
                crate::text::time::long(left.max(1))
            )
        };
        let mut elsewhere = if self.elsewhere.is_empty() {
            String::new()
        } else {
            format!(" · {} handled elsewhere", self.elsewhere.len())
        };
        if !self.rechecking.is_empty() {
            elsewhere.push_str(&format!(" · {} re-checking", self.rechecking.len()));
        }
        format!(
            "{} {} {}: {} done · {} failed{elsewhere} · {} left · {eta} (x stops)",
            capitalized(self.kind_words.0),
            self.total,
            noun(self.pane, self.total),
            self.done,
            self.failed.len(),
            self.left(),
        )
    }
}

/// The batch's undo window ended: run it.
pub fn run(app: &mut App, writes: Vec<QueuedWrite>) -> Vec<Effect> {
    let Some(first) = writes.first() else {
        return Vec::new();
    };
    app.batch = Some(Batch {
        pane: first.kind.pane(),
        kind_words: (first.kind.verb_ing(), first.kind.verb_past()),
        total: writes.len(),
        queue: writes.into(),
        in_flight: Vec::new(),
        rechecking: Vec::new(),
        done: 0,
        failed: Vec::new(),
        elsewhere: Vec::new(),
        started_at: app.now,
        stopped: false,
    });
    app.notice = None;
    send_more(app)
}

/// Keep [`IN_FLIGHT`] calls going while the queue lasts.
fn send_more(app: &mut App) -> Vec<Effect> {
    let mut effects = Vec::new();
    let mut unsent = Vec::new();
    while let Some(batch) = app.batch.as_mut() {
        if batch.stopped || batch.in_flight.len() >= IN_FLIGHT {
            break;
        }
        let Some(write) = batch.queue.pop_front() else {
            break;
        };
        let listed = match batch.pane {
            ListKind::Invites => app.invites.find(&write.item_id).is_some(),
            _ => app.requests.find(&write.item_id).is_some(),
        };
        if !listed {
            // A refresh showed someone else decided it while the batch ran.
            batch
                .elsewhere
                .push((write.summary.clone(), "no longer listed".to_owned()));
            unsent.push(write);
            continue;
        }
        batch.in_flight.push(write.decision);
        effects.push(Effect::send(&mut app.grace, write));
    }
    if !unsent.is_empty() {
        effects.extend(never_sent(
            app,
            unsent,
            crate::journal::Outcome::Dropped,
            "no longer listed when its turn came: decided elsewhere",
        ));
    }
    effects.extend(finish_if_done(app));
    effects
}

/// A decision finished: count it if it was ours, and send the next one.
pub fn on_finished(app: &mut App, id: DecisionId) -> Vec<Effect> {
    let Some(batch) = app.batch.as_mut() else {
        return Vec::new();
    };
    let Some(at) = batch.in_flight.iter().position(|d| *d == id) else {
        return Vec::new();
    };
    batch.in_flight.remove(at);
    let pane = batch.pane;
    let Some((decision, outcome)) = app
        .decisions
        .last_finished()
        .filter(|(d, _)| d.id == id)
        .cloned()
    else {
        return send_more(app);
    };
    let (item, summary) = (decision.item_id, decision.summary);
    let Some(batch) = app.batch.as_mut() else {
        return Vec::new();
    };
    match outcome {
        Outcome::Done(_) => {
            batch.done += 1;
            match pane {
                ListKind::Invites => app.invites.list.marks.remove(item.as_str()),
                _ => app.requests.list.marks.remove(item.as_str()),
            };
        }
        Outcome::Elsewhere { code, .. } => batch.elsewhere.push((summary, code)),
        Outcome::Failed { code, .. } => batch.failed.push((summary, code)),
        // Counted when the re-check concludes, which may send it again.
        Outcome::Unknown(_) => batch.rechecking.push((item, summary)),
    }
    send_more(app)
}

/// How the re-check of a batch's decision concluded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rechecked {
    Applied,
    /// Proved not applied, and sent again as this decision.
    SentAgain(DecisionId),
    /// Not applied, or still unclear: why, for the report.
    Failed(String),
}

/// A re-check of one of the batch's decisions concluded.
pub fn on_rechecked(app: &mut App, item_id: &str, result: Rechecked) -> Vec<Effect> {
    let Some(batch) = app.batch.as_mut() else {
        return Vec::new();
    };
    let Some(at) = batch
        .rechecking
        .iter()
        .position(|(item, _)| item == item_id)
    else {
        return Vec::new();
    };
    let (item, summary) = batch.rechecking.remove(at);
    match result {
        Rechecked::Applied => {
            batch.done += 1;
            match batch.pane {
                ListKind::Invites => app.invites.list.marks.remove(item.as_str()),
                _ => app.requests.list.marks.remove(item.as_str()),
            };
        }
        Rechecked::SentAgain(id) => batch.in_flight.push(id),
        Rechecked::Failed(why) => batch.failed.push((summary, why)),
    }
    send_more(app)
}

/// Nothing left: report, and end the batch.
fn finish_if_done(app: &mut App) -> Vec<Effect> {
    if !app.batch.as_ref().is_some_and(Batch::is_finished) {
        return Vec::new();
    }
    let Some(batch) = app.batch.take() else {
        return Vec::new();
    };
    let noun = noun(batch.pane, batch.total);
    let text = format!(
        "Batch done: {} {noun} {}, {} handled elsewhere, {} failed{}.",
        batch.done,
        batch.kind_words.1,
        batch.elsewhere.len(),
        batch.failed.len(),
        if batch.failed.is_empty() {
            ""
        } else {
            " (still marked: a refusal can be decided again)"
        }
    );
    let kind = if batch.failed.is_empty() {
        NoticeKind::Success
    } else {
        NoticeKind::Error
    };
    app.notify(kind, text.clone());
    if (!batch.failed.is_empty() || !batch.elsewhere.is_empty()) && app.dialog.is_none() {
        app.dialog = Some(Dialog::Report(ReportDialog {
            title: text,
            failed: batch.failed,
            elsewhere: batch.elsewhere,
            scroll: 0,
            page: crate::app::layout::dialog_rows(app.size),
        }));
    }
    let kind = batch.pane;
    crate::app::flow::refresh::save_effect(app, kind)
        .into_iter()
        .collect()
}

/// `x`: stop sending; calls in flight finish and are counted.
pub fn stop(app: &mut App) -> Vec<Effect> {
    let Some(batch) = app.batch.as_mut() else {
        app.notify(NoticeKind::Info, "No batch is running.");
        return Vec::new();
    };
    batch.stopped = true;
    let unsent: Vec<QueuedWrite> = batch.queue.drain(..).collect();
    batch.total -= unsent.len();
    app.notify(
        NoticeKind::Info,
        format!("Batch stopped: {} not sent (still marked).", unsent.len()),
    );
    let mut effects = never_sent(
        app,
        unsent,
        crate::journal::Outcome::Dropped,
        "the batch was stopped (x) before it was sent",
    );
    effects.extend(finish_if_done(app));
    effects
}
