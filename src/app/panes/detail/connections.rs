//! Detail of what we are connected to: an external org or a shared channel.

use crate::app::panes::detail::{App, Builder, DetailModel, decision_state, yes_no};
use crate::model::ListKind;
use crate::model::channels::{external_teams, is_private, last_activity};
use crate::model::orgs::{ChannelCounts, display_name};
use crate::model::rows::{Channel, Org};
use crate::text::time::ago_with_date;
use crate::text::words::permission_words;

pub(crate) fn org(app: &App, org: &Org) -> DetailModel {
    let counts = ChannelCounts::of(org);
    let mut b = Builder {
        sections: Vec::new(),
    };
    b.section("Connection")
        .opt("Status", org.connection_status.as_deref())
        .field("Shared", counts.describe())
        .field(
            "Last active",
            ago_with_date(app.now, org.last_active_timestamp),
        )
        .field("Free plan", yes_no(org.is_sponsored));
    if let Some(state) = decision_state(app, ListKind::Orgs, &org.team_id) {
        b.field("Your decision", state);
    }
    b.section("Org")
        .field("Name", display_name(org))
        .field("ID", org.team_id.to_string())
        .opt("Domain", org.team_domain.as_deref());
    let ours: Vec<String> = org
        .connected_workspaces
        .iter()
        .map(|w| w.name.as_deref().unwrap_or(&w.id).to_owned())
        .collect();
    b.field(
        "Our workspaces",
        if ours.is_empty() {
            "-".to_owned()
        } else {
            ours.join(", ")
        },
    );
    if !org.policies.is_empty() {
        let keys: Vec<&str> = org.policies.iter().map(|p| &**p).collect();
        b.field("Custom policies", keys.join(", "));
    }
    let channels: Vec<String> = app
        .channels
        .shared_with(&org.team_id)
        .map(|c| format!("#{}", c.name.as_deref().unwrap_or(&c.id)))
        .collect();
    b.section(format!("Shared channels we list ({})", channels.len()));
    for name in channels.iter().take(8) {
        b.field("", name.clone());
    }
    if channels.len() > 8 {
        b.field("", format!("and {} more", channels.len() - 8));
    }
    if channels.is_empty() {
        b.field("", "none in the Channels list");
    }
    DetailModel {
        title: format!("Org {} ({})", display_name(org), org.team_id),
        sections: b.sections,
    }
}

pub(crate) fn channel(app: &App, channel: &Channel) -> DetailModel {
    let ours = app.identity.our_ids();
    let mut b = Builder {
        sections: Vec::new(),
    };
    b.section("Channel")
        .field(
            "Name",
            format!("#{}", channel.name.as_deref().unwrap_or("?")),
        )
        .field("ID", channel.id.to_string())
        .field(
            "Visibility",
            if is_private(channel) {
                "private"
            } else {
                "public"
            },
        )
        .field(
            "Members",
            channel.members.map_or("-".to_owned(), |m| m.to_string()),
        )
        .field(
            "External members",
            channel
                .external_user_count
                .map_or("-".to_owned(), |m| m.to_string()),
        )
        .field(
            "Last activity",
            ago_with_date(app.now, last_activity(channel)),
        )
        .field("Created", ago_with_date(app.now, channel.created))
        .opt("Purpose", channel.purpose.as_deref())
        .opt("Host", channel.conversation_host_id.as_deref());
    let mut flags = Vec::new();
    for (set, word) in [
        (channel.is_archived, "archived"),
        (channel.is_frozen, "frozen"),
        (channel.is_disconnect_in_progress, "disconnect in progress"),
        (channel.is_pending_ext_shared, "share pending"),
    ] {
        if set == Some(true) {
            flags.push(word);
        }
    }
    if !flags.is_empty() {
        b.field("State", flags.join(", "));
    }
    if let Some(state) = decision_state(app, ListKind::Channels, &channel.id) {
        b.field("Your decision", state);
    }
    let teams = external_teams(channel, &ours);
    b.section(format!("Connected orgs ({})", teams.len()));
    for team in &teams {
        let limited = channel
            .connected_limited_team_ids
            .iter()
            .any(|t| &**t == *team);
        let status = app
            .orgs
            .find(team)
            .and_then(|o| o.connection_status.as_deref())
            .unwrap_or("not in Orgs list");
        b.field(
            "",
            format!(
                "{} ({team}) — {}, {status}",
                app.team_name(team),
                permission_words(limited)
            ),
        );
    }
    if !channel.pending_connected_team_ids.is_empty() {
        let pending: Vec<&str> = channel
            .pending_connected_team_ids
            .iter()
            .map(|t| &**t)
            .collect();
        b.field("Pending", pending.join(", "));
    }
    DetailModel {
        title: format!(
            "Channel #{} ({})",
            channel.name.as_deref().unwrap_or("?"),
            channel.id
        ),
        sections: b.sections,
    }
}
