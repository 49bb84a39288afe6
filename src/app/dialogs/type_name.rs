//! Disconnecting a whole org: the admin types its name first.

use crossterm::event::{KeyCode, KeyEvent};

use crate::app::dialogs::DialogStep;
use crate::app::dialogs::confirm::confirm;
use crate::decision::plan;
use crate::keys::keymap::Action;
use crate::model::orgs::{ChannelCounts, confirm_text, typed_confirms};

#[derive(Debug, Clone)]
pub struct TypeNameDialog {
    pub team_id: String,
    pub name: String,
    pub domain: Option<String>,
    pub counts: ChannelCounts,
    /// Shared channels of that org we can name, from the Channels data.
    pub channel_names: Vec<String>,
    pub typed: String,
    pub error: Option<String>,
}

impl TypeNameDialog {
    /// What confirms: the name, or the team ID when the name can't be typed.
    pub fn expected(&self) -> &str {
        confirm_text(&self.name, &self.team_id)
    }

    pub fn by_team_id(&self) -> bool {
        self.expected() != self.name
    }

    /// A pasted name: one line, what can be typed of it.
    pub(super) fn paste(&mut self, text: &str) {
        self.typed.extend(text.chars().filter(|c| !c.is_control()));
        self.error = None;
    }

    pub(super) fn on_action(
        &mut self,
        action: Option<Action>,
        key: KeyEvent,
        typing: bool,
    ) -> DialogStep {
        match action {
            Some(Action::Cancel) => DialogStep::Cancelled,
            Some(Action::Send) => {
                if typed_confirms(&self.typed, self.expected()) {
                    DialogStep::Next(Box::new(confirm(plan::disconnect_org(
                        &self.team_id,
                        &self.name,
                        &self.counts,
                    ))))
                } else {
                    self.error = Some(if self.by_team_id() {
                        format!("That is not its team ID. Type {} exactly.", self.team_id)
                    } else {
                        "That is not the org's name. Type it exactly as shown.".to_owned()
                    });
                    DialogStep::Stay
                }
            }
            _ => {
                match key.code {
                    KeyCode::Char(c) if typing => self.typed.push(c),
                    KeyCode::Backspace => {
                        self.typed.pop();
                    }
                    _ => {}
                }
                self.error = None;
                DialogStep::Stay
            }
        }
    }
}
