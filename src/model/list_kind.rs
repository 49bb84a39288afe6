//! The four lists, in the order of their panes.

use crate::slack::SlackError;
use crate::slack::explain::explain;

/// The four lists, which are also the four panes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ListKind {
    Invites,
    Requests,
    Orgs,
    Channels,
}

impl ListKind {
    pub const ALL: [ListKind; 4] = [
        ListKind::Invites,
        ListKind::Requests,
        ListKind::Orgs,
        ListKind::Channels,
    ];

    pub fn title(self) -> &'static str {
        match self {
            ListKind::Invites => "Invites",
            ListKind::Requests => "Requests",
            ListKind::Orgs => "Orgs",
            ListKind::Channels => "Channels",
        }
    }

    pub fn number(self) -> usize {
        ListKind::ALL.iter().position(|k| *k == self).unwrap_or(0) + 1
    }

    pub fn next(self) -> ListKind {
        ListKind::ALL[self.number() % 4]
    }

    pub fn prev(self) -> ListKind {
        ListKind::ALL[(self.number() + 2) % 4]
    }
}

/// The in-place message of a pane that could not load.
pub fn load_failure(list: ListKind, error: &SlackError) -> String {
    format!("Could not load the {}: {}.", what(list), explain(error))
}

/// What a list holds, in the words of its error lines.
fn what(list: ListKind) -> &'static str {
    match list {
        ListKind::Invites => "invitations",
        ListKind::Requests => "invitation requests",
        ListKind::Orgs => "external orgs",
        ListKind::Channels => "shared channels",
    }
}

/// A list Slack refuses until `until` (unix seconds): it asked for a wait
/// longer than the client waits out, so the pane says until when instead.
pub fn rate_limited(list: ListKind, error: &SlackError, until: i64, now: i64) -> String {
    let what = what(list);
    format!(
        "The {what} are rate-limited until {}: Slack asked to wait {} before {} is called again, \
         longer than the {} connect-triage waits for. Nothing is asked of Slack for them until then.",
        crate::text::time::date(until),
        crate::text::time::long(until.saturating_sub(now)),
        error.method(),
        crate::text::time::long(crate::slack::MAX_RETRY_AFTER.as_secs() as i64),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::slack::ApiErrorDetail;

    #[test]
    fn missing_scope_names_the_scope_needed() {
        let error = SlackError::Api {
            method: "team.externalTeams.list",
            code: "missing_scope".into(),
            detail: ApiErrorDetail {
                needed: Some("team:read".into()),
                ..Default::default()
            },
        };
        let text = load_failure(ListKind::Orgs, &error);
        assert!(
            text.starts_with("Could not load the external orgs: missing_scope — "),
            "{text}"
        );
        assert!(text.contains("team:read"), "{text}");
    }
}
