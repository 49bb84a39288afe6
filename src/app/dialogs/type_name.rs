//! Disconnecting a whole org: the admin types its name first.

use crossterm::event::{KeyCode, KeyEvent};

use crate::app::dialogs::DialogStep;
use crate::app::dialogs::confirm::confirm;
use crate::decision::plan;
use crate::keys::keymap::Action;
use crate::model::orgs::ChannelCounts;

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
                if typed_name_matches(&self.typed, &self.name) {
                    DialogStep::Next(Box::new(confirm(plan::disconnect_org(
                        &self.team_id,
                        &self.name,
                        &self.counts,
                    ))))
                } else {
                    self.error =
                        Some("That is not the org's name. Type it exactly as shown.".to_owned());
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

/// Compare a typed org name with the real one, ignoring characters nobody
/// can type (controls, zero-width, bidi) and surrounding spaces.
pub fn typed_name_matches(typed: &str, name: &str) -> bool {
    let visible = |s: &str| -> String {
        s.chars()
            .filter(|c| !c.is_control() && !crate::text::sanitize::is_invisible(*c))
            .collect::<String>()
            .trim()
            .to_owned()
    };
    let expected = visible(name);
    !expected.is_empty() && visible(typed) == expected
}
