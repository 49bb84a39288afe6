//! The dialogs between a decision key and the write: every path ends in a
//! [`ConfirmDialog`] where only `y` sends and any other key cancels.

pub mod confirmations;
pub mod plan;
pub mod saved_messages;

use crate::slack::MAX_MESSAGE_CHARS;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::{TextArea, WrapMode};

use crate::app::dialogs::confirmations::{
    approve_confirmation, deny_confirmation, org_confirmation,
};
use crate::app::dialogs::plan::{PlanDialog, ReportDialog};
use crate::decision::plan::{PlannedWrite, RequestFacts};
use crate::keys::keymap::{Action, Context, Keymap};
use crate::model::ListKind;
use crate::model::orgs::ChannelCounts;

pub use crate::app::dialogs::confirmations::{channel_confirmation, quit_confirmation};
pub use crate::app::dialogs::saved_messages::DENY_PLACEHOLDER;

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
    pub request: RequestFacts,
    /// The permission it will be approved with.
    pub limited: bool,
    pub message: TextArea<'static>,
    pub error: Option<String>,
}

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

/// Quitting while decisions wait in the undo queue: send them, or drop them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuitQueuedDialog {
    /// Decisions still queued (a batch counts each of its decisions).
    pub queued: usize,
    /// Queue entries they are in.
    pub entries: usize,
}

#[derive(Debug, Clone)]
pub enum Dialog {
    Confirm(ConfirmDialog),
    QuitQueued(QuitQueuedDialog),
    ApproveRequest(ApproveRequestDialog),
    Deny(DenyDialog),
    ChooseTeam(ChooseTeamDialog),
    TypeName(TypeNameDialog),
    /// What a batch on marked rows will send.
    Plan(PlanDialog),
    /// What a finished batch did.
    Report(ReportDialog),
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
    /// `y` on a plan: run the batch.
    StartBatch(PlanDialog),
    /// Closed, nothing to cancel (a report).
    Closed,
    Quit,
    /// Quit after sending what is queued (and hearing back).
    SendQueuedAndQuit,
    /// Quit, dropping what is queued unsent.
    DropQueuedAndQuit,
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
            .filter(|c| !c.is_control() && !crate::text::sanitize::is_invisible(*c))
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
            Dialog::QuitQueued(_) => Context::QuitQueued,
            Dialog::ApproveRequest(_) => Context::ApproveRequest,
            Dialog::Deny(_) => Context::DenyEditor,
            Dialog::ChooseTeam(_) => Context::ChooseTeam,
            Dialog::TypeName(_) => Context::TypeName,
            Dialog::Plan(_) => Context::Plan,
            Dialog::Report(_) => Context::Report,
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
            Dialog::Plan(plan) => match action {
                Some(Action::Confirm) => DialogStep::StartBatch(plan.clone()),
                Some(Action::Cancel) => DialogStep::Cancelled,
                Some(other) => {
                    let max = plan.line_count().saturating_sub(plan.page);
                    plan.scroll = scrolled(plan.scroll, other, plan.page).min(max);
                    DialogStep::Stay
                }
                None => DialogStep::Stay,
            },
            Dialog::Report(report) => match action {
                Some(Action::Back) => DialogStep::Closed,
                Some(other) => {
                    let max = report.line_count().saturating_sub(report.page);
                    report.scroll = scrolled(report.scroll, other, report.page).min(max);
                    DialogStep::Stay
                }
                None => DialogStep::Stay,
            },
            Dialog::Confirm(confirm) => match action {
                Some(Action::Confirm) => match &confirm.action {
                    ConfirmAction::Write(write) => DialogStep::Send(write.clone()),
                    ConfirmAction::Quit => DialogStep::Quit,
                },
                // The safe default: anything but `y` cancels.
                _ => DialogStep::Cancelled,
            },
            Dialog::QuitQueued(_) => match action {
                Some(Action::SendQueued) => DialogStep::SendQueuedAndQuit,
                Some(Action::DropQueued) => DialogStep::DropQueuedAndQuit,
                // Staying is the default: nothing is sent or dropped.
                _ => DialogStep::Cancelled,
            },
            Dialog::Deny(deny) => match action {
                Some(Action::Cancel) => DialogStep::Cancelled,
                Some(Action::NewLine) => {
                    deny.editor.insert_newline();
                    DialogStep::Stay
                }
                Some(Action::SavedMessage) => {
                    deny.next_saved();
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

/// A scroll position moved by a moving key.
fn scrolled(scroll: usize, action: Action, page: usize) -> usize {
    match action {
        Action::Down => scroll + 1,
        Action::Up => scroll.saturating_sub(1),
        Action::PageDown => scroll + page,
        Action::PageUp => scroll.saturating_sub(page),
        _ => scroll,
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

#[cfg(test)]
#[path = "dialogs_tests.rs"]
mod tests;
