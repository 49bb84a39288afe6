//! The plan of a batch decision: `a` / `d` with marks list exactly what
//! would be sent (decision, item, org, channel) and what would not, and
//! why. Nothing is sent until `y` ([`crate::app::flow::grace::enqueue_plan`]).

use crate::app::dialogs::{Dialog, DialogStep, scrolled};
use crate::app::{App, Effect, NoticeKind};
use crate::decision::plan::{PlannedWrite, invite_write, request_write};
use crate::keys::keymap::Action;
use crate::model::ListKind;
use crate::model::invites::{WaitingOn, other_team, waiting_on};
use crate::slack::limiter::budget;
use crate::text::words::capitalized;

/// One call of a plan, with what the admin needs to recognise it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanEntry {
    pub write: PlannedWrite,
    pub org: String,
    pub channel: String,
}

/// What `y` will send, before anything is sent.
#[derive(Debug, Clone)]
pub struct PlanDialog {
    pub title: String,
    pub pane: ListKind,
    /// The Web API method every entry calls.
    pub method: &'static str,
    pub verb: &'static str,
    pub entries: Vec<PlanEntry>,
    /// Marked rows that will not be sent, and why.
    pub skipped: Vec<(String, String)>,
    /// Marked rows the filter hides (they are in the plan too).
    pub hidden: usize,
    pub scroll: usize,
    /// Rows of the plan on screen (for paging).
    pub page: usize,
}

impl PlanDialog {
    pub(super) fn on_action(&mut self, action: Option<Action>) -> DialogStep {
        match action {
            Some(Action::Confirm) => DialogStep::StartBatch(self.clone()),
            Some(Action::Cancel) => DialogStep::Cancelled,
            Some(other) => {
                let max = self.line_count().saturating_sub(self.page);
                self.scroll = scrolled(self.scroll, other, self.page).min(max);
                DialogStep::Stay
            }
            None => DialogStep::Stay,
        }
    }

    /// Lines of the scrollable part: one per call, then the skipped rows.
    pub fn line_count(&self) -> usize {
        self.entries.len() + usize::from(!self.skipped.is_empty()) + self.skipped.len()
    }

    /// How long the batch takes at the method's rate tier, in seconds.
    pub fn estimate(&self, window: i64) -> i64 {
        let per_window = i64::from(budget(self.method)).max(1);
        let windows = (self.entries.len() as i64 - per_window).max(0) / per_window;
        windows * window
    }
}

/// `a` / `d` with marks: the plan of the batch, or why there is none.
pub fn plan(app: &mut App, action: Action) -> Vec<Effect> {
    if app.read_only {
        let words = app.read_only_words().to_owned();
        app.notify(NoticeKind::Error, words);
        return Vec::new();
    }
    if app.batch.is_some() || app.grace.has_batch() {
        app.notify(
            NoticeKind::Info,
            "A batch is still running; wait for it (or x to stop it).",
        );
        return Vec::new();
    }
    let approve = action == Action::Approve;
    let ours = app.identity.our_ids();
    let mut entries = Vec::new();
    let mut skipped = Vec::new();
    let (pane, method, verb, hidden) = match app.pane {
        ListKind::Invites => {
            if ours.is_empty() {
                app.notify(NoticeKind::Info, "We do not know yet who we are (auth.test has not answered), so we cannot tell which side approves.");
                return Vec::new();
            }
            for invite in app.invites.list.marked_rows() {
                let org = other_team(invite, &ours)
                    .map(|t| t.name.as_deref().unwrap_or(&t.id).to_owned())
                    .unwrap_or_else(|| "not accepted yet".to_owned());
                let channel = format!(
                    "#{}",
                    invite
                        .channel()
                        .and_then(|c| c.name.as_deref())
                        .unwrap_or("?")
                );
                if let Some(blocked) = app.decisions.blocked(ListKind::Invites, invite.id()) {
                    skipped.push((invite.id().to_owned(), blocked.short().to_owned()));
                    continue;
                }
                if waiting_on(invite, &ours) != WaitingOn::Us {
                    skipped.push((
                        invite.id().to_owned(),
                        "waits on them: nothing for us to decide".to_owned(),
                    ));
                    continue;
                }
                entries.push(PlanEntry {
                    write: invite_write(invite, &ours, approve),
                    org,
                    channel,
                });
            }
            let method = if approve {
                "conversations.approveSharedInvite"
            } else {
                "conversations.declineSharedInvite"
            };
            let verb = if approve { "approve" } else { "decline" };
            (
                ListKind::Invites,
                method,
                verb,
                app.invites.list.marked_hidden(),
            )
        }
        ListKind::Requests => {
            for request in app.requests.list.marked_rows() {
                if let Some(blocked) = app.decisions.blocked(ListKind::Requests, &request.id) {
                    skipped.push((request.id.to_string(), blocked.short().to_owned()));
                    continue;
                }
                entries.push(PlanEntry {
                    write: request_write(request, approve),
                    org: request.recipient_email().unwrap_or("?").to_owned(),
                    channel: format!(
                        "#{}",
                        request
                            .channel
                            .as_ref()
                            .and_then(|c| c.name.as_deref())
                            .unwrap_or("?")
                    ),
                });
            }
            let method = if approve {
                "conversations.requestSharedInvite.approve"
            } else {
                "conversations.requestSharedInvite.deny"
            };
            let verb = if approve { "approve" } else { "deny" };
            (
                ListKind::Requests,
                method,
                verb,
                app.requests.list.marked_hidden(),
            )
        }
        ListKind::Orgs | ListKind::Channels => {
            app.notify(
                NoticeKind::Info,
                "Disconnecting is one at a time: marks apply to invites and requests.",
            );
            return Vec::new();
        }
    };
    drop(ours);
    let count = entries.len();
    let marked = count + skipped.len();
    let of = if skipped.is_empty() {
        String::new()
    } else {
        format!(" of {marked}")
    };
    let title = format!(
        "{} {count}{of} marked {}?",
        capitalized(verb),
        noun(pane, marked)
    );
    app.dialog = Some(Dialog::Plan(PlanDialog {
        title,
        pane,
        method,
        verb,
        entries,
        skipped,
        hidden,
        scroll: 0,
        page: crate::app::layout::dialog_rows(app.size),
    }));
    Vec::new()
}

pub(crate) fn noun(pane: ListKind, count: usize) -> &'static str {
    match (pane, count) {
        (ListKind::Invites, 1) => "invite",
        (ListKind::Invites, _) => "invites",
        (_, 1) => "request",
        _ => "requests",
    }
}
