//! How a sent decision ended: Slack applied it (the rows change the way a
//! refresh would show), refused it (the row stays and says why), or gave no
//! answer we can trust (the outcome is re-checked against fresh lists).

use crate::app::decisions::Outcome;
use crate::app::{App, Effect, NoticeKind};
use crate::decision::{DecisionId, DecisionKind};
use crate::model::ListKind;
use crate::model::invites::AfterApproval;
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
    let (outcome_words, effects) = apply_to_rows(app, &decision.kind, &decision.item_id);
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

/// Change the rows the way a refresh would after Slack applied `kind` on
/// `item` (learned from its answer, or by re-checking).
pub fn apply_to_rows(
    app: &mut App,
    kind: &DecisionKind,
    item: &str,
) -> (&'static str, Vec<Effect>) {
    let ours_owned: Vec<String> = app
        .identity
        .our_ids()
        .into_iter()
        .map(str::to_owned)
        .collect();
    let ours: Vec<&str> = ours_owned.iter().map(String::as_str).collect();
    let mut outcome_words = "";
    let mut effects = Vec::new();
    match kind {
        DecisionKind::ApproveInvite { .. } => {
            outcome_words = match app.invites.record_our_approval(item, &ours, app.now) {
                AfterApproval::Connected => {
                    // A newly connected channel changes the Channels list
                    // and the org's counts: fetch both.
                    effects.extend(crate::app::flow::refresh::reload_quietly(
                        app,
                        ListKind::Channels,
                    ));
                    effects.extend(crate::app::flow::refresh::reload_quietly(
                        app,
                        ListKind::Orgs,
                    ));
                    " Every side has approved: the channel is connected."
                }
                AfterApproval::WaitingOnThem => " It now waits on the other org's approval.",
                AfterApproval::Gone => "",
            };
        }
        DecisionKind::DeclineInvite { .. } => app.invites.remove(item),
        DecisionKind::ApproveRequest { .. } | DecisionKind::DenyRequest { .. } => {
            app.requests.remove(item)
        }
        DecisionKind::DisconnectChannel { leaving_team } => match leaving_team {
            Some(team) => channel_team_left(app, Some(item), team, &ours),
            None => {
                app.channels.list.remove(item);
            }
        },
        DecisionKind::DisconnectOrg => {
            app.orgs.record_disconnected(item);
            channel_team_left(app, None, item, &ours);
        }
    }
    // A detail view of an item that left the list has nothing left to show.
    if app.detail.is_some() && crate::app::panes::detail::build(app).is_none() {
        app.detail = None;
    }
    (outcome_words, effects)
}

fn channel_team_left(app: &mut App, channel: Option<&str>, team: &str, ours: &[&str]) {
    let orgs = &app.orgs;
    let name = |id: &str| orgs.find(id).and_then(|o| o.team_name.clone());
    let keys = |c: &crate::model::rows::Channel| crate::model::channels::keys(c, ours, &name);
    app.channels.record_team_left(channel, team, ours, &keys);
}

/// Slack refused, or did not answer: the row stays, and says why. With no
/// answer we can trust, the lists that tell are loaded again and the
/// outcome is concluded from them (and journaled).
pub fn on_failed(app: &mut App, id: DecisionId, error: SlackError) -> Vec<Effect> {
    let quiet = app.batch.as_ref().is_some_and(|b| b.owns(id));
    let unknown = error.outcome_unknown();
    let record = app.grace.take_sent(id);
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
            "No reliable answer to {} {} ({}): it may or may not have been applied. It is not sent again; re-checking with Slack's lists…",
            decision.kind.verb(),
            decision.summary,
            explain::code(&error)
        );
        if !quiet {
            app.notify(NoticeKind::Error, text);
        }
        return match record {
            Some(record) => {
                crate::app::flow::reconcile::add_unknown(app, id, decision.kind, record)
            }
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
