//! The last step of every write: what will be sent, in words (the shared
//! words of [`crate::decision::plan`]). Only `y` sends; any other key cancels.

use crate::app::dialogs::{Dialog, DialogStep};
use crate::decision::plan::{Plan, PlannedWrite};
use crate::keys::keymap::Action;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfirmAction {
    Write(PlannedWrite),
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
    pub(super) fn on_action(&self, action: Option<Action>) -> DialogStep {
        match action {
            Some(Action::Confirm) => match &self.action {
                ConfirmAction::Write(write) => DialogStep::Send(write.clone()),
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
        action: ConfirmAction::Write(write),
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
