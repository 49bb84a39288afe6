//! What the detail view shows: every field that matters for the decision,
//! as labelled lines. Built here (pure) so that `update` knows how many
//! lines there are to scroll; `ui::panes::detail` only draws it.

mod connections;
mod pending;

use crate::model::rows::User;

use crate::app::App;
use crate::app::decisions::Outcome;
use crate::model::ListKind;
use crate::model::orgs::ChannelCounts;
use crate::text::time::ago_with_date;

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

pub(crate) struct Builder {
    pub(crate) sections: Vec<DetailSection>,
}

impl Builder {
    pub(crate) fn section(&mut self, heading: impl Into<String>) -> &mut Self {
        self.sections.push(DetailSection {
            heading: heading.into(),
            fields: Vec::new(),
        });
        self
    }

    pub(crate) fn field(&mut self, label: &str, value: impl Into<String>) -> &mut Self {
        if let Some(section) = self.sections.last_mut() {
            section.fields.push((label.to_owned(), value.into()));
        }
        self
    }

    pub(crate) fn opt(&mut self, label: &str, value: Option<&str>) -> &mut Self {
        self.field(label, value.filter(|v| !v.is_empty()).unwrap_or("-"))
    }
}

pub(crate) fn person(user: Option<&User>) -> String {
    match user {
        Some(user) => match user.email() {
            Some(email) => format!("{} <{email}> ({})", user.display(), user.id),
            None => format!("{} ({})", user.display(), user.id),
        },
        None => "-".to_owned(),
    }
}

pub(crate) fn yes_no(value: Option<bool>) -> &'static str {
    match value {
        Some(true) => "yes",
        Some(false) => "no",
        None => "not given",
    }
}

/// The state of our last decision on an item, in words.
pub(crate) fn decision_state(app: &App, pane: ListKind, id: &str) -> Option<String> {
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
            Outcome::Elsewhere { code, .. } => format!("handled elsewhere first ({code})"),
        })
}

/// "What we already share with that org", from the Orgs and Channels data.
pub(crate) fn shared_with(app: &App, b: &mut Builder, team_id: &str, heading: String) {
    b.section(heading);
    if !matches!(app.orgs.list.load, crate::app::list::LoadState::Loaded)
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

/// The detail of the item the detail view was opened on; `None` when it
/// left the list (e.g. declined) — the view then says so.
pub fn build(app: &App) -> Option<DetailModel> {
    let state = app.detail.as_ref()?;
    let id = state.item_id.as_str();
    match state.pane {
        ListKind::Invites => app.invites.find(id).map(|i| pending::invite(app, i)),
        ListKind::Requests => app.requests.find(id).map(|r| pending::request(app, r)),
        ListKind::Orgs => app.orgs.find(id).map(|o| connections::org(app, o)),
        ListKind::Channels => app.channels.find(id).map(|c| connections::channel(app, c)),
    }
}
