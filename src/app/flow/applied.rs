//! What a decision that took effect changes in the rows, the way a
//! refresh would: learned from Slack's answer, or later by re-checking.

use crate::app::flow::pages::channel_keying;
use crate::app::{App, Effect};
use crate::decision::DecisionKind;
use crate::model::ListKind;
use crate::model::invites::AfterApproval;

/// Change the rows the way a refresh would after Slack applied `kind` on
/// `item` (learned from its answer, or by re-checking).
pub fn apply_to_rows(
    app: &mut App,
    kind: &DecisionKind,
    item: &str,
) -> (&'static str, Vec<Effect>) {
    let ours_owned = app.identity.our_ids_owned();
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
        DecisionKind::SetPermission { team, upgrade } => {
            let keying = channel_keying(&app.orgs, &ours);
            let team: std::sync::Arc<str> = std::sync::Arc::from(team.as_str());
            app.channels.list.update_row(
                item,
                |channel| {
                    channel.connected_limited_team_ids.retain(|t| *t != team);
                    if !upgrade {
                        channel.connected_limited_team_ids.push(team.clone());
                    }
                },
                &keying,
            );
        }
    }
    // A detail view of an item that left the list has nothing left to show.
    if app.detail.is_some() && crate::app::panes::detail::build(app).is_none() {
        app.detail = None;
    }
    (outcome_words, effects)
}

fn channel_team_left(app: &mut App, channel: Option<&str>, team: &str, ours: &[&str]) {
    let keying = channel_keying(&app.orgs, ours);
    app.channels.record_team_left(channel, team, ours, &keying);
}
