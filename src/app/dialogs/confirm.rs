//! The last step of every write: what will be sent, in words (the shared
//! words of [`crate::decision::plan`]). Only `y` sends; any other key cancels.

use crate::app::App;
use crate::app::dialogs::{Dialog, DialogStep};
use crate::app::risk;
use crate::decision::DecisionKind;
use crate::decision::plan::{Plan, PlannedWrite, needs_care_lines};
use crate::keys::keymap::Action;
use crate::model::ListKind;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfirmAction {
    /// Boxed: a write is big, and the enum stays small.
    Write(Box<PlannedWrite>),
    Quit,
}

#[derive(Debug, Clone)]
pub struct ConfirmDialog {
    pub title: String,
    /// What will happen, one line each; may hold remote text (sanitized when drawn).
    pub lines: Vec<String>,
    /// "approve", "deny", "disconnect", "quit": what `y` does.
    pub yes_label: &'static str,
    pub action: ConfirmAction,
}

impl ConfirmDialog {
    /// The "Needs care" lines of the invite or request this confirms, from
    /// the risk signals as they stand now (the plan's words, see
    /// [`crate::decision::plan::needs_care_lines`]); none for other writes.
    pub fn care_lines(&self, app: &App) -> Vec<String> {
        let ConfirmAction::Write(write) = &self.action else {
            return Vec::new();
        };
        let signals = match &write.kind {
            DecisionKind::ApproveInvite { .. } | DecisionKind::DeclineInvite { .. } => {
                risk::signals_of(app, ListKind::Invites, &write.item_id)
            }
            // As it will be approved: the permission and channel chosen.
            DecisionKind::ApproveRequest {
                is_external_limited,
                channel_id,
                ..
            } => app
                .requests
                .find(&write.item_id)
                .map(|r| {
                    risk::approved_request_signals(
                        app,
                        r,
                        *is_external_limited,
                        channel_id.as_deref(),
                    )
                })
                .unwrap_or_default(),
            _ => Vec::new(),
        };
        needs_care_lines(&signals)
    }

    pub(super) fn on_action(&self, action: Option<Action>) -> DialogStep {
        match action {
            Some(Action::Confirm) => match &self.action {
                ConfirmAction::Write(write) => DialogStep::Send((**write).clone()),
                ConfirmAction::Quit => DialogStep::Quit,
            },
            // The safe default: anything but `y` cancels.
            _ => DialogStep::Cancelled,
        }
    }
}

/// The dialog that asks to confirm `plan`.
pub fn confirm(plan: Plan) -> Dialog {
    let Plan {
        confirmation,
        write,
    } = plan;
    Dialog::Confirm(ConfirmDialog {
        title: confirmation.title,
        lines: confirmation.lines,
        yes_label: confirmation.yes_label,
        action: ConfirmAction::Write(Box::new(write)),
    })
}

pub fn quit_confirmation(in_flight: usize) -> Dialog {
    Dialog::Confirm(ConfirmDialog {
        title: "Quit while decisions are in flight?".to_owned(),
        lines: vec![
            format!("{in_flight} decision(s) were sent and Slack has not answered yet."),
            "Quitting now means you will not see how they ended here.".to_owned(),
        ],
        yes_label: "quit",
        action: ConfirmAction::Quit,
    })
}
