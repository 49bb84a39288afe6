//! Denying a request: the message the requester reads, typed or taken
//! from the config's saved messages (the `saved_message` key, Tab), then
//! the confirmation.

use crossterm::event::KeyEvent;
use ratatui_textarea::TextArea;

use crate::app::dialogs::confirm::confirm;
use crate::app::dialogs::editor::{message_or_error, new_editor, paste};
use crate::app::dialogs::{Dialog, DialogStep};
use crate::decision::plan::{self, RequestFacts};
use crate::keys::keymap::Action;

/// What the empty deny editor says.
pub const DENY_PLACEHOLDER: &str = "Why? The requester reads this.";

#[derive(Debug, Clone)]
pub struct DenyDialog {
    pub request: RequestFacts,
    pub editor: TextArea<'static>,
    pub error: Option<String>,
    /// The config's saved deny messages, offered by the `saved_message` key.
    pub saved: Vec<String>,
    /// Which saved message the editor was last filled with.
    pub saved_shown: Option<usize>,
}

impl DenyDialog {
    pub(super) fn on_action(&mut self, action: Option<Action>, key: KeyEvent) -> DialogStep {
        match action {
            Some(Action::Cancel) => DialogStep::Cancelled,
            Some(Action::NewLine) => {
                self.editor.insert_newline();
                DialogStep::Stay
            }
            Some(Action::SavedMessage) => {
                self.next_saved();
                DialogStep::Stay
            }
            Some(Action::Send) => match message_or_error(&self.editor) {
                Ok(message) => DialogStep::Next(Box::new(self.confirmation(message))),
                Err(error) => {
                    self.error = Some(error);
                    DialogStep::Stay
                }
            },
            _ => {
                self.editor.input(key);
                self.error = None;
                DialogStep::Stay
            }
        }
    }

    pub(super) fn paste(&mut self, text: &str) {
        self.error = paste(&mut self.editor, text);
    }

    fn confirmation(&self, message: Option<String>) -> Dialog {
        confirm(plan::deny(&self.request, message))
    }

    /// Put the next saved message in the editor, replacing what is there,
    /// ready to be edited.
    pub(crate) fn next_saved(&mut self) {
        if self.saved.is_empty() {
            self.error =
                Some("No saved messages: add deny_messages to the config file.".to_owned());
            return;
        }
        let next = self.saved_shown.map_or(0, |i| (i + 1) % self.saved.len());
        self.editor = new_editor(DENY_PLACEHOLDER);
        self.editor.insert_str(&self.saved[next]);
        self.saved_shown = Some(next);
        self.error = None;
    }
}
