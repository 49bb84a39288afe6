//! The dialogs between a decision key and the write: every path ends in a
//! [`ConfirmDialog`] where only `y` sends and any other key cancels.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::{TextArea, WrapMode};

use super::ListKind;
use super::decisions::DecisionKind;
use super::keymap::{Action, Context, Keymap};
use super::orgs::ChannelCounts;

/// Slack refuses longer messages (`message_too_long`).
pub const MAX_MESSAGE_CHARS: usize = 560;

/// A write the admin has described but not yet confirmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedWrite {
    pub kind: DecisionKind,
    pub item_id: String,
    /// "invite I0A to #ops from Acme", for notices.
    pub summary: String,
}

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

#[derive(Debug, Clone)]
pub struct ApproveRequestDialog {
    pub request_id: String,
    pub summary: String,
    /// Lines describing the request (remote text).
    pub lines: Vec<String>,
    pub requested_limited: bool,
    pub limited: bool,
    pub message: TextArea<'static>,
    pub error: Option<String>,
}

#[derive(Debug, Clone)]
pub struct DenyDialog {
    pub request_id: String,
    pub summary: String,
    pub lines: Vec<String>,
    pub editor: TextArea<'static>,
    pub error: Option<String>,
}

#[derive(Debug, Clone)]
pub struct ChooseTeamDialog {
    pub channel_id: String,
    pub channel_name: String,
    /// (team ID, display name) of each external team in the channel.
    pub teams: Vec<(String, String)>,
    pub selected: usize,
}

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

#[derive(Debug, Clone)]
pub enum Dialog {
    Confirm(ConfirmDialog),
    ApproveRequest(ApproveRequestDialog),
    Deny(DenyDialog),
    ChooseTeam(ChooseTeamDialog),
    TypeName(TypeNameDialog),
}

/// What a key did to the dialog.
#[derive(Debug)]
pub enum DialogStep {
    Stay,
    /// Closed without sending anything.
    Cancelled,
    /// Go on to another dialog (usually the confirmation).
    Next(Box<Dialog>),
    /// `y` on a write: send it.
    Send(PlannedWrite),
    Quit,
}

pub fn new_editor(placeholder: &str) -> TextArea<'static> {
    let mut editor = TextArea::default();
    editor.set_wrap_mode(WrapMode::WordOrGlyph);
    editor.set_placeholder_text(placeholder);
    editor
}

/// The editor's text as it will be sent.
pub fn editor_text(editor: &TextArea<'_>) -> String {
    editor.lines().join("\n")
}

/// Characters as Slack counts them for the 560 limit.
pub fn char_count(editor: &TextArea<'_>) -> usize {
    editor_text(editor).chars().count()
}

/// Compare a typed org name with the real one, ignoring characters nobody
/// can type (controls, zero-width, bidi) and surrounding spaces.
pub fn typed_name_matches(typed: &str, name: &str) -> bool {
    let visible = |s: &str| -> String {
        s.chars()
            .filter(|c| !c.is_control() && !crate::ui::sanitize::is_invisible(*c))
            .collect::<String>()
            .trim()
            .to_owned()
    };
    let expected = visible(name);
    !expected.is_empty() && visible(typed) == expected
}

impl Dialog {
    pub fn context(&self) -> Context {
        match self {
            Dialog::Confirm(_) => Context::Confirm,
            Dialog::ApproveRequest(_) => Context::ApproveRequest,
            Dialog::Deny(_) => Context::DenyEditor,
            Dialog::ChooseTeam(_) => Context::ChooseTeam,
            Dialog::TypeName(_) => Context::TypeName,
        }
    }

    pub fn handle_key(&mut self, keymap: &Keymap, pane: ListKind, key: KeyEvent) -> DialogStep {
        let context = self.context();
        // In dialogs that take text, a plain character is always text: `n`
        // in a message must not cancel it.
        let typing = matches!(
            context,
            Context::DenyEditor | Context::ApproveRequest | Context::TypeName
        ) && matches!(key.code, KeyCode::Char(_))
            && !key
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        let action = if typing {
            None
        } else {
            keymap.action(context, pane, &key)
        };
        match self {
            Dialog::Confirm(confirm) => match action {
                Some(Action::Confirm) => match &confirm.action {
                    ConfirmAction::Write(write) => DialogStep::Send(write.clone()),
                    ConfirmAction::Quit => DialogStep::Quit,
                },
                // The safe default: anything but `y` cancels.
                _ => DialogStep::Cancelled,
            },
            Dialog::Deny(deny) => match action {
                Some(Action::Cancel) => DialogStep::Cancelled,
                Some(Action::NewLine) => {
                    deny.editor.insert_newline();
                    DialogStep::Stay
                }
                Some(Action::Send) => match message_or_error(&deny.editor) {
                    Ok(message) => DialogStep::Next(Box::new(deny_confirmation(deny, message))),
                    Err(error) => {
                        deny.error = Some(error);
                        DialogStep::Stay
                    }
                },
                _ => {
                    deny.editor.input(key);
                    deny.error = None;
                    DialogStep::Stay
                }
            },
            Dialog::ApproveRequest(approve) => match action {
                Some(Action::Cancel) => DialogStep::Cancelled,
                Some(Action::TogglePermission) => {
                    approve.limited = !approve.limited;
                    DialogStep::Stay
                }
                Some(Action::NewLine) => {
                    approve.message.insert_newline();
                    DialogStep::Stay
                }
                Some(Action::Send) => match message_or_error(&approve.message) {
                    Ok(message) => {
                        DialogStep::Next(Box::new(approve_confirmation(approve, message)))
                    }
                    Err(error) => {
                        approve.error = Some(error);
                        DialogStep::Stay
                    }
                },
                _ => {
                    approve.message.input(key);
                    approve.error = None;
                    DialogStep::Stay
                }
            },
            Dialog::ChooseTeam(choose) => match action {
                Some(Action::Cancel) => DialogStep::Cancelled,
                Some(Action::Down) => {
                    choose.selected =
                        (choose.selected + 1).min(choose.teams.len().saturating_sub(1));
                    DialogStep::Stay
                }
                Some(Action::Up) => {
                    choose.selected = choose.selected.saturating_sub(1);
                    DialogStep::Stay
                }
                Some(Action::Send) => match choose.teams.get(choose.selected) {
                    Some((team_id, team_name)) => DialogStep::Next(Box::new(channel_confirmation(
                        &choose.channel_id,
                        &choose.channel_name,
                        team_id,
                        team_name,
                    ))),
                    None => DialogStep::Cancelled,
                },
                _ => DialogStep::Stay,
            },
            Dialog::TypeName(type_name) => match action {
                Some(Action::Cancel) => DialogStep::Cancelled,
                Some(Action::Send) => {
                    if typed_name_matches(&type_name.typed, &type_name.name) {
                        DialogStep::Next(Box::new(org_confirmation(type_name)))
                    } else {
                        type_name.error = Some(
                            "That is not the org's name. Type it exactly as shown.".to_owned(),
                        );
                        DialogStep::Stay
                    }
                }
                _ => {
                    match key.code {
                        KeyCode::Char(c) if typing => type_name.typed.push(c),
                        KeyCode::Backspace => {
                            type_name.typed.pop();
                        }
                        _ => {}
                    }
                    type_name.error = None;
                    DialogStep::Stay
                }
            },
        }
    }
}

fn message_or_error(editor: &TextArea<'_>) -> Result<Option<String>, String> {
    let count = char_count(editor);
    if count > MAX_MESSAGE_CHARS {
        return Err(format!(
            "The message is {} characters too long (Slack allows {MAX_MESSAGE_CHARS}).",
            count - MAX_MESSAGE_CHARS
        ));
    }
    let text = editor_text(editor);
    Ok((!text.trim().is_empty()).then_some(text))
}

fn quoted_lines(message: &Option<String>) -> Vec<String> {
    match message {
        Some(text) => text.lines().map(|line| format!("  │ {line}")).collect(),
        None => vec!["  (no message)".to_owned()],
    }
}

fn deny_confirmation(deny: &DenyDialog, message: Option<String>) -> Dialog {
    let mut lines = deny.lines.clone();
    lines.push("The requester is told; the outsider gets nothing. Message:".to_owned());
    lines.extend(quoted_lines(&message));
    Dialog::Confirm(ConfirmDialog {
        title: format!("Deny request {}?", deny.request_id),
        lines,
        yes_label: "deny",
        action: ConfirmAction::Write(PlannedWrite {
            kind: DecisionKind::DenyRequest { message },
            item_id: deny.request_id.clone(),
            summary: deny.summary.clone(),
        }),
    })
}

pub fn permission_words(limited: bool) -> &'static str {
    if limited {
        "post only"
    } else {
        "post and invite"
    }
}

fn approve_confirmation(approve: &ApproveRequestDialog, message: Option<String>) -> Dialog {
    let mut lines = approve.lines.clone();
    let changed = approve.limited != approve.requested_limited;
    lines.push(format!(
        "Permission: {}{}",
        permission_words(approve.limited),
        if changed {
            format!(
                " (changed from {})",
                permission_words(approve.requested_limited)
            )
        } else {
            " (as requested)".to_owned()
        }
    ));
    lines.push("An invitation is sent to the address above. Added message:".to_owned());
    lines.extend(quoted_lines(&message));
    Dialog::Confirm(ConfirmDialog {
        title: format!("Approve request {}?", approve.request_id),
        lines,
        yes_label: "approve",
        action: ConfirmAction::Write(PlannedWrite {
            kind: DecisionKind::ApproveRequest {
                is_external_limited: changed.then_some(approve.limited),
                message,
            },
            item_id: approve.request_id.clone(),
            summary: approve.summary.clone(),
        }),
    })
}

pub fn channel_confirmation(
    channel_id: &str,
    channel_name: &str,
    team_id: &str,
    team_name: &str,
) -> Dialog {
    Dialog::Confirm(ConfirmDialog {
        title: format!("Disconnect {team_name} from #{channel_name}?"),
        lines: vec![
            format!("Channel: #{channel_name} ({channel_id})"),
            format!("Leaving: {team_name} ({team_id})"),
            "Their members lose access to the channel. Slack cannot undo this;".to_owned(),
            "reconnecting needs a new invitation.".to_owned(),
        ],
        yes_label: "disconnect",
        action: ConfirmAction::Write(PlannedWrite {
            kind: DecisionKind::DisconnectChannel {
                leaving_team: Some(team_id.to_owned()),
            },
            item_id: channel_id.to_owned(),
            summary: format!("{team_name} from #{channel_name}"),
        }),
    })
}

fn org_confirmation(dialog: &TypeNameDialog) -> Dialog {
    Dialog::Confirm(ConfirmDialog {
        title: format!("Disconnect the whole org {}?", dialog.name),
        lines: vec![
            format!("Org: {} ({})", dialog.name, dialog.team_id),
            format!("This cuts {}.", dialog.counts.describe()),
            "Every shared channel and DM with them ends. Slack cannot undo this.".to_owned(),
        ],
        yes_label: "disconnect",
        action: ConfirmAction::Write(PlannedWrite {
            kind: DecisionKind::DisconnectOrg,
            item_id: dialog.team_id.clone(),
            summary: format!("org {}", dialog.name),
        }),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn deny_dialog() -> Dialog {
        Dialog::Deny(DenyDialog {
            request_id: "R1".into(),
            summary: "request R1".into(),
            lines: vec![],
            editor: new_editor("why?"),
            error: None,
        })
    }

    #[test]
    fn typing_n_in_a_message_is_text_not_cancel() {
        let keymap = Keymap::default();
        let mut dialog = deny_dialog();
        for c in "no thanks".chars() {
            assert!(matches!(
                dialog.handle_key(&keymap, ListKind::Requests, key(KeyCode::Char(c))),
                DialogStep::Stay
            ));
        }
        let step = dialog.handle_key(&keymap, ListKind::Requests, key(KeyCode::Enter));
        let DialogStep::Next(next) = step else {
            panic!("Enter goes on to the confirmation");
        };
        let Dialog::Confirm(confirm) = *next else {
            panic!("the next dialog is the confirmation");
        };
        let ConfirmAction::Write(write) = &confirm.action else {
            panic!()
        };
        assert_eq!(
            write.kind,
            DecisionKind::DenyRequest {
                message: Some("no thanks".into())
            }
        );
    }

    #[test]
    fn a_message_over_560_characters_is_refused_before_sending() {
        let keymap = Keymap::default();
        let mut dialog = deny_dialog();
        if let Dialog::Deny(deny) = &mut dialog {
            deny.editor.insert_str("é".repeat(MAX_MESSAGE_CHARS + 1));
        }
        assert!(matches!(
            dialog.handle_key(&keymap, ListKind::Requests, key(KeyCode::Enter)),
            DialogStep::Stay
        ));
        let Dialog::Deny(deny) = &dialog else {
            panic!()
        };
        assert!(
            deny.error
                .as_deref()
                .unwrap()
                .contains("1 characters too long")
        );
    }

    #[test]
    fn only_y_confirms() {
        let keymap = Keymap::default();
        let confirm = || {
            Dialog::Confirm(match quit_confirmation(1) {
                Dialog::Confirm(c) => c,
                _ => unreachable!(),
            })
        };
        for code in [
            KeyCode::Char('n'),
            KeyCode::Enter,
            KeyCode::Esc,
            KeyCode::Char('Y'),
            KeyCode::Char(' '),
        ] {
            assert!(
                matches!(
                    confirm().handle_key(&keymap, ListKind::Invites, key(code)),
                    DialogStep::Cancelled
                ),
                "{code:?}"
            );
        }
        assert!(matches!(
            confirm().handle_key(&keymap, ListKind::Invites, key(KeyCode::Char('y'))),
            DialogStep::Quit
        ));
    }

    #[test]
    fn typed_org_names_ignore_invisible_characters_only() {
        assert!(typed_name_matches("Acme Corp", "Acme\u{200B} Corp"));
        assert!(typed_name_matches(" Acme Corp ", "Acme Corp"));
        assert!(!typed_name_matches("acme corp", "Acme Corp"));
        assert!(!typed_name_matches("", "\u{200B}"));
    }
}
