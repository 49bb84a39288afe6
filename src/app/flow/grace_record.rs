//! The `queued` journal record of a decision, with who, where and what
//! from the app's data (never the token: the app does not have it).

use crate::app::App;
use crate::app::decisions::DecisionKind;
use crate::app::dialogs::PlannedWrite;
use crate::journal::{JournalAction, JournalRecord, new_decision_id};
use crate::model::invites::other_team;

pub fn journal_action(kind: &DecisionKind) -> JournalAction {
    match kind {
        DecisionKind::ApproveInvite { .. } => JournalAction::ApproveInvite,
        DecisionKind::DeclineInvite { .. } => JournalAction::DeclineInvite,
        DecisionKind::ApproveRequest { .. } => JournalAction::ApproveRequest,
        DecisionKind::DenyRequest { .. } => JournalAction::DenyRequest,
        DecisionKind::DisconnectChannel { .. } => JournalAction::DisconnectChannel,
        DecisionKind::DisconnectOrg => JournalAction::DisconnectOrg,
    }
}

/// The `queued` record of a decision, with who, where and what from the
/// app's data (never the token: the app does not have it).
pub(crate) fn journal_record(
    app: &App,
    write: &PlannedWrite,
    batch: Option<&String>,
) -> JournalRecord {
    let mut record = JournalRecord::new(
        new_decision_id(app.now),
        journal_action(&write.kind),
        &write.item_id,
        app.now,
    );
    if let Some(auth) = app.identity.auth() {
        let named = |name: &Option<String>, id: &Option<String>| match (name, id) {
            (Some(name), Some(id)) => Some(format!("{name} ({id})")),
            (None, Some(id)) => Some(id.clone()),
            (Some(name), None) => Some(name.clone()),
            (None, None) => None,
        };
        record.who = named(&auth.user, &auth.user_id);
        record.workspace = named(&auth.team, &auth.team_id);
        record.team_id = auth.team_id.clone().or_else(|| auth.enterprise_id.clone());
    }
    record.summary = Some(write.summary.clone());
    record.batch = batch.cloned();
    let ours = app.identity.our_ids();
    let item = write.item_id.as_str();
    match &write.kind {
        DecisionKind::ApproveInvite { target_team }
        | DecisionKind::DeclineInvite { target_team } => {
            if let Some(invite) = app.invites.find(item) {
                let channel = invite.channel();
                record.channel = channel.and_then(|c| c.name.as_deref().map(str::to_owned));
                record.channel_id = channel.map(|c| c.id.to_string());
                let other = other_team(invite, &ours);
                record.org = other.and_then(|t| t.name.as_deref().map(str::to_owned));
                record.org_id = target_team
                    .clone()
                    .or_else(|| other.map(|t| t.id.to_string()));
            }
        }
        DecisionKind::ApproveRequest { message, .. } | DecisionKind::DenyRequest { message } => {
            record.message = message.clone();
            if let Some(channel) = app.requests.find(item).and_then(|r| r.channel.as_ref()) {
                record.channel = channel.name.as_deref().map(str::to_owned);
                record.channel_id = Some(channel.id.to_string());
            }
        }
        DecisionKind::DisconnectChannel { leaving_team } => {
            record.channel_id = Some(item.to_owned());
            record.channel = app
                .channels
                .find(item)
                .and_then(|c| c.name.as_deref().map(str::to_owned));
            record.org_id = leaving_team.clone();
            record.org = leaving_team.as_deref().map(|t| app.team_name(t).to_owned());
        }
        DecisionKind::DisconnectOrg => {
            record.org_id = Some(item.to_owned());
            record.org = Some(app.team_name(item).to_owned());
        }
    }
    record
}
