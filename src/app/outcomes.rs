//! How a sent decision ended: Slack applied it (the rows change the way a
//! refresh would show), refused it (the row stays and says why), or gave no
//! answer we can trust (the outcome is re-checked against fresh lists).

use super::decisions::{DecisionId, DecisionKind, Outcome};
use super::explain;
use super::grace::capitalized;
use super::invites::AfterApproval;
use super::{App, Effect, ListKind, NoticeKind};
use crate::slack::SlackError;

/// Slack applied a decision: update the rows the way a refresh would.
pub fn on_done(app: &mut App, id: DecisionId) -> Vec<Effect> {
    app.grace.take_sent(id);
    let Some(decision) = app.decisions.finish(id, |d| Outcome::Done(d.kind.clone())) else {
        return Vec::new();
    };
    let ours_owned: Vec<String> = app
        .identity
        .our_ids()
        .into_iter()
        .map(str::to_owned)
        .collect();
    let ours: Vec<&str> = ours_owned.iter().map(String::as_str).collect();
    let item = decision.item_id.as_str();
    let mut outcome_words = "";
    let mut effects = Vec::new();
    match &decision.kind {
        DecisionKind::ApproveInvite { .. } => {
            outcome_words = match app.invites.record_our_approval(item, &ours, app.now) {
                AfterApproval::Connected => {
                    // A newly connected channel changes the Channels list
                    // and the org's counts: fetch both.
                    effects.extend(super::update::reload_quietly(app, ListKind::Channels));
                    effects.extend(super::update::reload_quietly(app, ListKind::Orgs));
                    " Every side has approved: the channel is connected."
                }
                AfterApproval::WaitingOnThem => " It now waits on the other org's approval.",
                AfterApproval::Gone => "",
            };
        }
        DecisionKind::DeclineInvite { .. } => app.invites.remove(item, &ours),
        DecisionKind::ApproveRequest { .. } | DecisionKind::DenyRequest { .. } => {
            app.requests.remove(item)
        }
        DecisionKind::DisconnectChannel { leaving_team } => match leaving_team {
            Some(team) => app.channels.record_team_left(Some(item), team, &ours),
            None => {
                if let Some(index) = app.channels.position(item) {
                    app.channels.list.remove_item(index);
                    app.channels.rebuild();
                }
            }
        },
        DecisionKind::DisconnectOrg => {
            app.orgs.record_disconnected(item);
            app.channels.record_team_left(None, item, &ours);
        }
    }
    let viewport = app.list_viewport();
    app.invites.list.scroll_into_view(viewport);
    app.requests.list.scroll_into_view(viewport);
    app.channels.list.scroll_into_view(viewport);
    // A detail view of an item that left the list has nothing left to show.
    if app.detail.is_some() && super::detail::build(app).is_none() {
        app.detail = None;
    }
    let text = format!(
        "{} {}.{outcome_words}",
        capitalized(decision.kind.verb_past()),
        decision.summary
    );
    app.notify(NoticeKind::Success, text);
    effects
}

/// Slack refused, or did not answer: the row stays, and says why. With no
/// answer we can trust, the lists that tell are loaded again and the
/// outcome is concluded from them (and journaled).
pub fn on_failed(app: &mut App, id: DecisionId, error: SlackError) -> Vec<Effect> {
    let unknown = error.outcome_unknown();
    let record = app.grace.take_sent(id);
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
        app.notify(NoticeKind::Error, text);
        return match record {
            Some(record) => super::reconcile::add_unknown(app, id, decision.kind, record),
            None => Vec::new(),
        };
    }
    let text = format!(
        "Could not {} {}: {}. Nothing changed.",
        decision.kind.verb(),
        decision.summary,
        explain::explain(&error)
    );
    app.notify(NoticeKind::Error, text);
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
