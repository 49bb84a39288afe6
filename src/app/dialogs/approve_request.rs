//! Approving a member's request: keep or change the permission they asked
//! for, add to their message, then the confirmation.

use crossterm::event::KeyEvent;
use ratatui_textarea::TextArea;

use crate::app::dialogs::DialogStep;
use crate::app::dialogs::confirm::confirm;
use crate::app::dialogs::editor::{message_or_error, paste};
use crate::decision::plan::{self, RequestFacts};
use crate::keys::keymap::Action;

#[derive(Debug, Clone)]
pub struct ApproveRequestDialog {
    pub request: RequestFacts,
    /// The permission it will be approved with.
    pub limited: bool,
    pub message: TextArea<'static>,
    pub error: Option<String>,
}

impl ApproveRequestDialog {
    pub(super) fn paste(&mut self, text: &str) {
        self.error = paste(&mut self.message, text);
    }

    pub(super) fn on_action(&mut self, action: Option<Action>, key: KeyEvent) -> DialogStep {
        match action {
            Some(Action::Cancel) => DialogStep::Cancelled,
            Some(Action::TogglePermission) => {
                self.limited = !self.limited;
                DialogStep::Stay
            }
            Some(Action::NewLine) => {
                self.message.insert_newline();
                DialogStep::Stay
            }
            Some(Action::Send) => match message_or_error(&self.message) {
                Ok(message) => DialogStep::Next(Box::new(confirm(plan::approve_request(
                    &self.request,
                    self.limited,
                    message,
                )))),
                Err(error) => {
                    self.error = Some(error);
                    DialogStep::Stay
                }
            },
            _ => {
                self.message.input(key);
                self.error = None;
                DialogStep::Stay
            }
        }
    }
}
