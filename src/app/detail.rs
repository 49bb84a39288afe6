//! What the detail view shows: every field that matters for the decision,
//! as labelled lines. Built here (pure) so that `update` knows how many
//! lines there are to scroll; `ui::detail` only draws it.

use crate::slack::models::{ConnectInvite, ConnectUser, ExternalOrg, InviteRequest, SharedChannel};

use super::channels::{external_teams, is_private, last_activity};
use super::decisions::Outcome;
use super::dialogs::permission_words;
use super::invites::{WaitingOn, expires_at, other_team, waiting_on, we_invited};
use super::orgs::{ChannelCounts, display_name};
use super::requests::is_external_limited;
use super::time::{ago_with_date, until_with_date};
use super::{App, ListKind, explain};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DetailSection {
    pub heading: String,
    /// (label, value); values may hold remote text and are sanitized when drawn.
    pub fields: Vec<(String, String)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DetailModel {
    pub title: String,
    pub sections: Vec<DetailSection>,
}

impl DetailModel {
    /// Lines when drawn: a heading and the fields per section, a blank between.
    pub fn line_count(&self) -> usize {
        self.sections
            .iter()
            .map(|s| s.fields.len() + 2)
            .sum::<usize>()
            .saturating_sub(1)
    }
}

struct Builder {
    sections: Vec<DetailSection>,
}

impl Builder {
    fn section(&mut self, heading: impl Into<String>) -> &mut Self {
        self.sections.push(DetailSection {
            heading: heading.into(),
            fields: Vec::new(),
        });
        self
    }

    fn field(&mut self, label: &str, value: impl Into<String>) -> &mut Self {
        if let Some(section) = self.sections.last_mut() {
            section.fields.push((label.to_owned(), value.into()));
        }
        self
    }

    fn opt(&mut self, label: &str, value: Option<&str>) -> &mut Self {
        self.field(label, value.filter(|v| !v.is_empty()).unwrap_or("-"))
    }
}

fn person(user: Option<&ConnectUser>) -> String {
    match user {
        Some(user) => match user.email() {
            Some(email) => format!("{} <{email}> ({})", user.display(), user.id),
            None => format!("{} ({})", user.display(), user.id),
        },
        None => "-".to_owned(),
    }
}

fn yes_no(value: Option<bool>) -> &'static str {
    match value {
        Some(true) => "yes",
        Some(false) => "no",
        None => "not given",
    }
}

/// The state of our last decision on an item, in words.
fn decision_state(app: &App, pane: ListKind, id: &str) -> Option<String> {
    if let Some(decision) = app.decisions.in_flight_for(pane, id) {
        return Some(format!(
            "{} — sent, waiting for Slack",
            decision.kind.verb_ing()
        ));
    }
    app.decisions
        .outcome(pane, id)
        .map(|outcome| match outcome {
            Outcome::Done(kind) => format!("{} by you", kind.verb_past()),
            Outcome::Failed { kind, code } => format!("could not {}: {code}", kind.verb()),
            Outcome::Unknown(kind) => format!("{}: outcome unknown — refresh to see", kind.verb()),
        })
}

/// "What we already share with that org", from the Orgs and Channels data.
fn shared_with(app: &App, b: &mut Builder, team_id: &str, heading: String) {
    b.section(heading);
    if !matches!(app.orgs.list.load, super::list::LoadState::Loaded)
        && app.orgs.list.items.is_empty()
    {
        b.field("Connection", "unknown: the Orgs list has not loaded");
        return;
    }
    match app.orgs.find(team_id) {
        Some(org) => {
            let counts = ChannelCounts::of(org);
            b.field(
                "Connection",
                org.connection_status.as_deref().unwrap_or("unknown"),
            );
            b.field("Shared", counts.describe());
            b.field(
                "Last active",
                ago_with_date(app.now, org.last_active_timestamp),
            );
        }
        None => {
            b.field("Connection", "not connected: a new org for us");
        }
    }
    let channels: Vec<&str> = app
        .channels
        .shared_with(team_id)
        .map(|c| c.name.as_deref().unwrap_or(&c.id))
        .take(5)
        .collect();
    if !channels.is_empty() {
        let more = app
            .channels
            .shared_with(team_id)
            .count()
            .saturating_sub(channels.len());
        let suffix = if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        };
        b.field("Channels", format!("#{}{suffix}", channels.join(", #")));
    }
}

fn invite(app: &App, invite: &ConnectInvite) -> DetailModel {
    let ours = app.identity.our_ids();
    let other = other_team(invite, &ours);
    let other_name = other
        .and_then(|t| t.name.as_deref())
        .unwrap_or("unknown org");
    let direction = if we_invited(invite, &ours) {
        "outgoing to"
    } else {
        "incoming from"
    };
    let mut b = Builder {
        sections: Vec::new(),
    };
    b.section("Decision")
        .field(
            "Waiting on",
            match waiting_on(invite, &ours) {
                WaitingOn::Us => "US — an acceptance needs our approval",
                WaitingOn::Them => "them — nothing for us to approve now",
            },
        )
        .opt("Status", invite.status.as_deref())
        .field(
            "Expires",
            until_with_date(app.now, expires_at(invite, &ours)),
        )
        .field("Sent", ago_with_date(app.now, invite.date_created()));
    if let Some(state) = decision_state(app, ListKind::Invites, invite.id()) {
        b.field("Your decision", state);
    }
    let channel = invite.channel();
    b.section("Channel")
        .field(
            "Name",
            format!(
                "#{}",
                channel.and_then(|c| c.name.as_deref()).unwrap_or("?")
            ),
        )
        .opt("ID", channel.map(|c| c.id.as_str()))
        .field(
            "Visibility",
            if channel.and_then(|c| c.is_private).unwrap_or(false) {
                "private"
            } else {
                "public"
            },
        )
        .field("Permission", permission_words(invite.is_external_limited()));
    b.section("Other org")
        .field("Name", other_name)
        .opt("ID", other.map(|t| t.id.as_str()))
        .opt("Domain", other.and_then(|t| t.domain.as_deref()))
        .field(
            "Verified",
            match other.and_then(|t| t.is_verified) {
                Some(true) => "yes — Slack verified this org",
                Some(false) => "NO — not verified by Slack",
                None => "not given",
            },
        );
    b.section("People")
        .field("Inviter", person(invite.inviting_user()))
        .opt(
            "Recipient",
            invite.recipient_email().or(invite.recipient_user_id()),
        );
    for acceptance in &invite.acceptances {
        let team = acceptance.accepting_team.as_ref();
        let reviews: Vec<String> = acceptance
            .reviews
            .iter()
            .map(|r| {
                let by = r
                    .reviewing_team
                    .as_ref()
                    .map(|t| t.name.as_deref().unwrap_or(&t.id))
                    .unwrap_or("?");
                format!("{} by {by}", r.kind.as_deref().unwrap_or("review"))
            })
            .collect();
        b.section(format!(
            "Accepted by {}",
            team.and_then(|t| t.name.as_deref()).unwrap_or("?")
        ))
        .opt("Team ID", team.map(|t| t.id.as_str()))
        .field("User", person(acceptance.accepting_user.as_ref()))
        .opt("Approval", acceptance.approval_status.as_deref())
        .field("Accepted", ago_with_date(app.now, acceptance.date_accepted))
        .field(
            "Reviews",
            if reviews.is_empty() {
                "none yet".to_owned()
            } else {
                reviews.join("; ")
            },
        );
    }
    if let Some(team) = other {
        shared_with(
            app,
            &mut b,
            &team.id,
            "Already shared with this org".to_owned(),
        );
    }
    DetailModel {
        title: format!("Invite {} — {direction} {other_name}", invite.id()),
        sections: b.sections,
    }
}

fn request(app: &App, request: &InviteRequest) -> DetailModel {
    let mut b = Builder {
        sections: Vec::new(),
    };
    let channel = request.channel.as_ref();
    b.section("Decision")
        .opt("Invite goes to", request.recipient_email())
        .field("Permission", permission_words(is_external_limited(request)))
        .field("Expires", until_with_date(app.now, request.expires_at))
        .field("Requested", ago_with_date(app.now, request.date_created));
    if let Some(state) = decision_state(app, ListKind::Requests, &request.id) {
        b.field("Your decision", state);
    }
    b.section("Requester")
        .field("Who", person(request.inviting_user.as_ref()))
        .opt(
            "Team",
            request
                .inviting_team
                .as_ref()
                .and_then(|t| t.name.as_deref()),
        );
    b.section("Channel")
        .field(
            "Name",
            format!(
                "#{}",
                channel.and_then(|c| c.name.as_deref()).unwrap_or("?")
            ),
        )
        .opt("ID", channel.map(|c| c.id.as_str()))
        .field(
            "Visibility",
            if channel.and_then(|c| c.is_private).unwrap_or(false) {
                "private"
            } else {
                "public"
            },
        );
    if let Some(channel) = channel {
        let names = |list: &[crate::slack::models::ChannelConnection]| -> String {
            let names: Vec<&str> = list
                .iter()
                .filter_map(|c| c.team.as_ref())
                .map(|t| t.name.as_deref().unwrap_or(&t.id))
                .collect();
            if names.is_empty() {
                "none".to_owned()
            } else {
                names.join(", ")
            }
        };
        b.field("Orgs in it now", names(&channel.connections))
            .field("Orgs pending", names(&channel.pending_connections));
    }
    // The recipient's org is unknown until they accept; an org whose Slack
    // domain matches the email's is a likely match, and says what we share.
    let domain_label = request
        .recipient_email()
        .and_then(|email| email.rsplit_once('@'))
        .and_then(|(_, domain)| domain.split('.').next())
        .unwrap_or("");
    let likely = app.orgs.list.items.iter().find(|org| {
        !domain_label.is_empty()
            && org
                .team_domain
                .as_deref()
                .is_some_and(|d| d.eq_ignore_ascii_case(domain_label))
    });
    match likely {
        Some(org) => {
            let heading = format!(
                "Likely the recipient's org: {} (by email domain)",
                display_name(org)
            );
            shared_with(app, &mut b, &org.team_id, heading);
        }
        None => {
            b.section("Recipient's org").field(
                "Known?",
                "no connected org matches the email's domain: likely new to us",
            );
        }
    }
    DetailModel {
        title: format!(
            "Request {} — {} wants to invite {}",
            request.id,
            request
                .inviting_user
                .as_ref()
                .map(|u| u.display())
                .unwrap_or("someone"),
            request.recipient_email().unwrap_or("someone")
        ),
        sections: b.sections,
    }
}

fn org(app: &App, org: &ExternalOrg) -> DetailModel {
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
        .field("ID", org.team_id.clone())
        .opt("Domain", org.team_domain.as_deref());
    let ours: Vec<String> = org
        .connected_workspaces
        .iter()
        .map(|w| {
            w.workspace_name
                .clone()
                .unwrap_or_else(|| w.workspace_id.clone())
        })
        .collect();
    b.field(
        "Our workspaces",
        if ours.is_empty() {
            "-".to_owned()
        } else {
            ours.join(", ")
        },
    );
    if let Some(serde_json::Value::Object(prefs)) = &org.slack_connect_prefs
        && !prefs.is_empty()
    {
        let keys: Vec<&str> = prefs.keys().map(String::as_str).collect();
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

fn channel(app: &App, channel: &SharedChannel) -> DetailModel {
    let ours = app.identity.our_ids();
    let mut b = Builder {
        sections: Vec::new(),
    };
    b.section("Channel")
        .field(
            "Name",
            format!("#{}", channel.name.as_deref().unwrap_or("?")),
        )
        .field("ID", channel.id.clone())
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
            channel.members().map_or("-".to_owned(), |m| m.to_string()),
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
        .opt("Purpose", channel.purpose_text())
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
        let limited = channel.connected_limited_team_ids.iter().any(|t| t == team);
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
        b.field("Pending", channel.pending_connected_team_ids.join(", "));
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

/// The detail of the item the detail view was opened on; `None` when it
/// left the list (e.g. declined) — the view then says so.
pub fn build(app: &App) -> Option<DetailModel> {
    let state = app.detail.as_ref()?;
    let id = state.item_id.as_str();
    match state.pane {
        ListKind::Invites => app.invites.find(id).map(|i| invite(app, i)),
        ListKind::Requests => app.requests.find(id).map(|r| request(app, r)),
        ListKind::Orgs => app.orgs.find(id).map(|o| org(app, o)),
        ListKind::Channels => app.channels.find(id).map(|c| channel(app, c)),
    }
}

/// Why a list is empty or what went wrong, for the detail of a failed pane.
pub fn load_error_text(app: &App, pane: ListKind) -> Option<String> {
    let error = match pane {
        ListKind::Invites => app.invites.list.error(),
        ListKind::Requests => app.requests.list.error(),
        ListKind::Orgs => app.orgs.list.error(),
        ListKind::Channels => app.channels.list.error(),
    }?;
    Some(explain::load_failure(pane, error))
}
