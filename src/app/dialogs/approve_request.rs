//! Approving a member's request with Slack's options (API doc §3.7): keep
//! or change the permission they asked for, approve into another channel
//! (picked from the Channels list, filtered as you type), and add to their
//! message or replace it; then the confirmation, which shows the call.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui_textarea::TextArea;

use crate::app::dialogs::DialogStep;
use crate::app::dialogs::confirm::confirm;
use crate::app::dialogs::editor::{message_or_error, paste};
use crate::decision::plan::RequestFacts;
use crate::decision::plan_request::{ApprovalChoice, approve_request};
use crate::keys::keymap::Action;

/// A channel the request could be approved into.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChannelChoice {
    pub id: String,
    pub name: String,
    pub is_private: bool,
}

/// The list of channels, filtered by what is typed.
#[derive(Debug, Clone)]
pub struct ChannelPicker {
    pub query: String,
    /// Position in [`ChannelPicker::matches`].
    pub selected: usize,
}

#[derive(Debug, Clone)]
pub struct ApproveRequestDialog {
    pub request: RequestFacts,
    /// The permission it will be approved with.
    pub limited: bool,
    pub message: TextArea<'static>,
    /// The message replaces the requester's instead of following it.
    pub replace: bool,
    /// The channel it goes into, when not the requested one.
    pub channel: Option<ChannelChoice>,
    /// Every channel it could go into (the Channels pane's), by name.
    pub channels: Vec<ChannelChoice>,
    /// Open while a channel is being picked.
    pub picker: Option<ChannelPicker>,
    pub error: Option<String>,
}

impl ChannelPicker {
    /// The channels whose name or ID holds every word typed, in order.
    pub fn matches<'a>(&self, channels: &'a [ChannelChoice]) -> Vec<&'a ChannelChoice> {
        let words: Vec<String> = self
            .query
            .split_whitespace()
            .map(|w| w.trim_start_matches('#').to_lowercase())
            .collect();
        channels
            .iter()
            .filter(|c| {
                let name = c.name.to_lowercase();
                let id = c.id.to_lowercase();
                words.iter().all(|w| name.contains(w) || id.contains(w))
            })
            .collect()
    }
}

impl ApproveRequestDialog {
    pub(super) fn paste(&mut self, text: &str) {
        match &mut self.picker {
            Some(picker) => {
                picker.query.push_str(&text.replace(['\n', '\r'], " "));
                picker.selected = 0;
            }
            None => self.error = paste(&mut self.message, text),
        }
    }

    pub(super) fn on_action(&mut self, action: Option<Action>, key: KeyEvent) -> DialogStep {
        if self.picker.is_some() {
            return self.on_picker(action, key);
        }
        match action {
            Some(Action::Cancel) => DialogStep::Cancelled,
            Some(Action::TogglePermission) => {
                self.limited = !self.limited;
                DialogStep::Stay
            }
            Some(Action::ReplaceMessage) => {
                self.replace = !self.replace;
                DialogStep::Stay
            }
            Some(Action::PickChannel) => {
                if self.channels.is_empty() {
                    self.error = Some(
                        "No channels are listed yet (the Channels pane is still loading or empty)."
                            .to_owned(),
                    );
                } else {
                    self.picker = Some(ChannelPicker {
                        query: String::new(),
                        selected: 0,
                    });
                }
                DialogStep::Stay
            }
            Some(Action::NewLine) => {
                self.message.insert_newline();
                DialogStep::Stay
            }
            Some(Action::Send) => match message_or_error(&self.message) {
                Ok(message) => {
                    let choice = ApprovalChoice {
                        limited: self.limited,
                        replace_message: self.replace && message.is_some(),
                        message,
                        channel: self
                            .channel
                            .as_ref()
                            .map(|c| (c.id.clone(), c.name.clone())),
                    };
                    DialogStep::Next(Box::new(confirm(approve_request(&self.request, &choice))))
                }
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

    /// Keys while the channel list is open: typing filters it, Enter picks,
    /// Esc goes back to the approval with the channel it had.
    fn on_picker(&mut self, action: Option<Action>, key: KeyEvent) -> DialogStep {
        let Some(picker) = &mut self.picker else {
            return DialogStep::Stay;
        };
        let count = picker.matches(&self.channels).len();
        match action {
            Some(Action::Cancel) => self.picker = None,
            Some(Action::Down) => {
                picker.selected = (picker.selected + 1).min(count.saturating_sub(1));
            }
            Some(Action::Up) => picker.selected = picker.selected.saturating_sub(1),
            Some(Action::Send) => {
                let chosen = picker.matches(&self.channels).get(picker.selected).cloned();
                if let Some(chosen) = chosen {
                    let requested = self.request.about.channel_id.as_deref();
                    // The requested channel again is no override at all.
                    self.channel = (requested != Some(chosen.id.as_str())).then(|| chosen.clone());
                    self.picker = None;
                }
            }
            _ => match key.code {
                KeyCode::Char(c) => {
                    picker.query.push(c);
                    picker.selected = 0;
                }
                KeyCode::Backspace => {
                    picker.query.pop();
                    picker.selected = 0;
                }
                _ => {}
            },
        }
        DialogStep::Stay
    }
}
