//! Decisions end to end: a decision key opens the right dialog, a confirmed
//! dialog becomes one write (never two for one item), and Slack's answer
//! updates the rows and tells the admin in words.

use crate::app::decisions::Blocked;
use crate::app::dialogs::confirm::confirm;
use crate::app::dialogs::{
    ApproveRequestDialog, ChannelChoice, ChooseTeamDialog, DENY_PLACEHOLDER, DenyDialog, Dialog,
    TeamChoice, TypeNameDialog, channel_confirmation, new_editor, permission_confirmation,
};
use crate::app::{App, Effect, NoticeKind};
use crate::decision::plan::{self, PlannedWrite, RequestFacts};
use crate::decision::plan_permission::PermissionChange;
use crate::keys::keymap::Action;
use crate::model::ListKind;
use crate::model::channels::external_teams;
use crate::model::invites::other_team;
use crate::model::orgs::{ChannelCounts, display_name};
use crate::model::rows::{Invite, Request};

/// The pane and item a decision key acts on: the detail view's item when
/// it is open, else the selected row.
fn target(app: &App) -> Option<(ListKind, String)> {
    match &app.detail {
        Some(detail) => Some((detail.pane, detail.item_id.clone())),
        None => app.selected_id().map(|id| (app.pane, id)),
    }
}

/// `a`, `d` or `X`: open the dialog for the decision, or say why not.
pub fn start_decision(app: &mut App, action: Action) -> Vec<Effect> {
    if app.read_only {
        let words = app.read_only_words().to_owned();
        app.notify(NoticeKind::Error, words);
        return Vec::new();
    }
    let Some((pane, id)) = target(app) else {
        app.notify(NoticeKind::Info, "Nothing selected.");
        return Vec::new();
    };
    match app.decisions.blocked(pane, &id) {
        Some(Blocked::InFlight(decision)) => {
            let text = format!(
                "Already {} {} — waiting for Slack's answer; it cannot be decided twice.",
                decision.kind.verb_ing(),
                decision.summary
            );
            app.notify(NoticeKind::Info, text);
            return Vec::new();
        }
        Some(Blocked::Unknown(kind)) => {
            let text = format!(
                "The last {} of {id} got no reliable answer, so Slack may have applied it. It is \
                 re-checked against Slack's lists first; until that says, no new decision on it \
                 is sent.",
                kind.verb()
            );
            app.notify(NoticeKind::Error, text);
            return Vec::new();
        }
        None => {}
    }
    let dialog = match (pane, action) {
        (ListKind::Invites, Action::Approve | Action::Decline) => app
            .invites
            .find(&id)
            .cloned()
            .map(|invite| invite_dialog(app, &invite, action == Action::Approve)),
        (ListKind::Requests, Action::Approve) => app
            .requests
            .find(&id)
            .map(|r| approve_request_dialog(app, r))
            .map(Ok),
        (ListKind::Requests, Action::Decline) => app
            .requests
            .find(&id)
            .map(|r| deny_dialog(r, &app.config.deny_messages))
            .map(Ok),
        (ListKind::Channels, Action::Disconnect) => Some(channel_dialog(app, &id)),
        (ListKind::Channels, Action::Permission) => Some(permission_dialog(app, &id)),
        (ListKind::Orgs, Action::Disconnect) => Some(org_dialog(app, &id)),
        _ => None,
    };
    match dialog {
        Some(Ok(dialog)) => {
            // The dialog has the admin's attention now; an old "cancelled"
            // line would only confuse. Errors stay until they expire.
            if app
                .notice
                .as_ref()
                .is_some_and(|n| n.kind != NoticeKind::Error)
            {
                app.notice = None;
            }
            app.dialog = Some(dialog);
        }
        Some(Err(reason)) => app.notify(NoticeKind::Info, reason),
        None => {}
    }
    Vec::new()
}

fn invite_dialog(app: &App, invite: &Invite, approve: bool) -> Result<Dialog, String> {
    let ours = app.identity.our_ids();
    if ours.is_empty() {
        // Without auth.test we cannot tell our side from theirs.
        return Err("We do not know yet who we are (auth.test has not answered), so we cannot tell which side approves.".to_owned());
    }
    let org = other_team(invite, &ours).and_then(|team| app.orgs.find(&team.id));
    plan::invite(invite, &ours, org, approve).map(confirm)
}

fn approve_request_dialog(app: &App, request: &Request) -> Dialog {
    let request = RequestFacts::of(request);
    let mut channels: Vec<ChannelChoice> = app
        .channels
        .list
        .items
        .iter()
        .map(|c| ChannelChoice {
            id: c.id.to_string(),
            name: c.name.as_deref().unwrap_or(&c.id).to_owned(),
            is_private: c.is_private.unwrap_or(false),
        })
        .collect();
    channels.sort_by(|a, b| a.name.cmp(&b.name));
    Dialog::ApproveRequest(ApproveRequestDialog {
        limited: request.requested_limited,
        request,
        message: new_editor("(optional)"),
        replace: false,
        channel: None,
        channels,
        picker: None,
        error: None,
    })
}

fn deny_dialog(request: &Request, saved: &[String]) -> Dialog {
    Dialog::Deny(DenyDialog {
        request: RequestFacts::of(request),
        editor: new_editor(DENY_PLACEHOLDER),
        error: None,
        saved: saved.to_vec(),
        saved_shown: None,
    })
}

fn channel_dialog(app: &App, channel_id: &str) -> Result<Dialog, String> {
    let ours = app.identity.our_ids();
    let Some(channel) = app.channels.find(channel_id) else {
        return Err("That channel is no longer listed.".to_owned());
    };
    let name = channel.name.as_deref().unwrap_or(&channel.id).to_owned();
    let teams: Vec<(String, String)> = external_teams(channel, &ours)
        .into_iter()
        .map(|id| (id.to_owned(), app.team_name(id).to_owned()))
        .collect();
    match teams.as_slice() {
        [] => Err(format!("#{name} has no external org to disconnect.")),
        [(id, team_name)] => Ok(channel_confirmation(&channel.id, &name, id, team_name)),
        _ => Ok(Dialog::ChooseTeam(ChooseTeamDialog {
            channel_id: channel.id.to_string(),
            channel_name: name,
            teams,
            selected: 0,
            purpose: TeamChoice::Disconnect,
        })),
    }
}

/// `p`: whose permission changes (asked when several orgs are in the
/// channel), then the new permission in words.
fn permission_dialog(app: &App, channel_id: &str) -> Result<Dialog, String> {
    let ours = app.identity.our_ids();
    let Some(channel) = app.channels.find(channel_id) else {
        return Err("That channel is no longer listed.".to_owned());
    };
    let name = channel.name.as_deref().unwrap_or(&channel.id).to_owned();
    let is_private = channel.is_private.unwrap_or(false);
    let teams: Vec<(String, String, bool)> = external_teams(channel, &ours)
        .into_iter()
        .map(|id| {
            let limited = channel
                .connected_limited_team_ids
                .iter()
                .any(|t| &**t == id);
            (id.to_owned(), app.team_name(id).to_owned(), limited)
        })
        .collect();
    match teams.as_slice() {
        [] => Err(format!(
            "#{name} has no external org whose permission could change."
        )),
        [(id, team_name, limited)] => Ok(permission_confirmation(&PermissionChange {
            channel_id: &channel.id,
            channel_name: &name,
            is_private,
            team_id: id,
            team_name,
            now_limited: *limited,
        })),
        _ => Ok(Dialog::ChooseTeam(ChooseTeamDialog {
            channel_id: channel.id.to_string(),
            channel_name: name,
            purpose: TeamChoice::Permission {
                is_private,
                limited: teams.iter().map(|t| t.2).collect(),
            },
            teams: teams.into_iter().map(|(id, name, _)| (id, name)).collect(),
            selected: 0,
        })),
    }
}

fn org_dialog(app: &App, team_id: &str) -> Result<Dialog, String> {
    let Some(org) = app.orgs.find(team_id) else {
        return Err("That org is no longer listed.".to_owned());
    };
    if org.connection_status.as_deref() == Some("DISCONNECTED") {
        return Err(format!("{} is already disconnected.", display_name(org)));
    }
    Ok(Dialog::TypeName(TypeNameDialog {
        team_id: org.team_id.to_string(),
        name: display_name(org).to_owned(),
        domain: org.team_domain.as_deref().map(str::to_owned),
        counts: ChannelCounts::of(org),
        channel_names: app
            .channels
            .shared_with(team_id)
            .filter_map(|c| c.name.as_deref().map(str::to_owned))
            .take(6)
            .collect(),
        typed: String::new(),
        error: None,
    }))
}

/// `y` was pressed: the decision enters the undo queue (and is sent when
/// its window ends, at once with `--grace 0`).
pub fn begin_write(app: &mut App, write: PlannedWrite) -> Vec<Effect> {
    crate::app::flow::grace::enqueue(app, vec![write], None)
}
