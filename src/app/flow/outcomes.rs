//! How a sent decision ended: Slack applied it (the rows change the way a
//! refresh would show), refused it (the row stays and says why), or gave no
//! answer we can trust (the outcome is re-checked against fresh lists).

use crate::app::decisions::Outcome;
use crate::app::flow::applied;
use crate::app::{App, Effect, NoticeKind};
use crate::decision::DecisionId;
use crate::model::ListKind;
use crate::slack::SlackError;
use crate::slack::explain;
use crate::text::words::capitalized;

/// Slack applied a decision: update the rows the way a refresh would.
pub fn on_done(app: &mut App, id: DecisionId) -> Vec<Effect> {
    app.grace.take_sent(id);
    // A batch's progress line speaks for its decisions.
    let quiet = app.batch.as_ref().is_some_and(|b| b.owns(id));
    let Some(decision) = app.decisions.finish(id, |d| Outcome::Done(d.kind.clone())) else {
        return Vec::new();
    };
    let (outcome_words, effects) = applied::apply_to_rows(app, &decision.kind, &decision.item_id);
    if !quiet {
        let text = format!(
            "{} {}.{outcome_words}",
            capitalized(decision.kind.verb_past()),
            decision.summary
        );
        app.notify(NoticeKind::Success, text);
    }
    effects
}

/// Slack refused, or did not answer: the row stays, and says why. With no
/// answer we can trust, the lists that tell are loaded again and the
/// outcome is concluded from them (and journaled).
pub fn on_failed(app: &mut App, id: DecisionId, error: SlackError) -> Vec<Effect> {
    let quiet = app.batch.as_ref().is_some_and(|b| b.owns(id));
    let unknown = error.outcome_unknown();
    let sent = app.grace.take_sent(id);
    if explain::decided_elsewhere(&error) {
        return on_decided_elsewhere(app, id, &error, quiet);
    }
    let Some(decision) = app.decisions.finish(id, |d| {
        if unknown {
            Outcome::Unknown(d.kind.clone())
        } else {
            Outcome::Failed {
                kind: d.kind.clone(),
                code: explain::code(&error),
            }
        }
    }) else {
        return Vec::new();
    };
    if unknown {
        let text = format!(
            "No reliable answer to {} {} ({}): it may or may not have been applied. Re-checking with Slack's lists before anything more is sent…",
            decision.kind.verb(),
            decision.summary,
            explain::code(&error)
        );
        if !quiet {
            app.notify(NoticeKind::Error, text);
        }
        return match sent {
            Some(write) => crate::app::flow::reconcile::add_unknown(app, write),
            None => Vec::new(),
        };
    }
    let text = format!(
        "Could not {} {}: {}. Nothing changed.",
        decision.kind.verb(),
        decision.summary,
        explain::explain(&error)
    );
    if !quiet {
        app.notify(NoticeKind::Error, text);
    }
    Vec::new()
}

/// Slack says someone else decided the item first (or it expired): not a
/// failure. The item leaves the list, and the admin is told why.
fn on_decided_elsewhere(
    app: &mut App,
    id: DecisionId,
    error: &SlackError,
    quiet: bool,
) -> Vec<Effect> {
    let code = explain::code(error);
    let Some(decision) = app.decisions.finish(id, |d| Outcome::Elsewhere {
        kind: d.kind.clone(),
        code: code.clone(),
    }) else {
        return Vec::new();
    };
    match decision.kind.pane() {
        ListKind::Invites => app.invites.remove(&decision.item_id),
        ListKind::Requests => app.requests.remove(&decision.item_id),
        _ => {}
    }
    if app.detail.is_some() && crate::app::panes::detail::build(app).is_none() {
        app.detail = None;
    }
    if !quiet {
        let text = format!(
            "{} was already handled elsewhere ({code}: {}); it left the list. Nothing was changed by you.",
            capitalized(&decision.summary),
            explain::meaning(error)
        );
        app.notify(NoticeKind::Info, text);
    }
    Vec::new()
}

/// The decision was not sent because its journal record could not be
/// written: a decision is never sent unjournaled.
pub fn on_not_sent(app: &mut App, id: DecisionId, reason: String) -> Vec<Effect> {
    app.grace.take_sent(id);
    let Some(decision) = app.decisions.finish(id, |d| Outcome::Failed {
        kind: d.kind.clone(),
        code: "not_sent".to_owned(),
    }) else {
        return Vec::new();
    };
    app.notify(
        NoticeKind::Error,
        format!(
            "Did not {} {}: the decision journal could not be written ({reason}). Nothing was sent.",
            decision.kind.verb(),
            decision.summary
        ),
    );
    Vec::new()
}
