//! The dialogs between a decision key and the write: every path ends in a
//! [`ConfirmDialog`] where only `y` sends and any other key cancels. One
//! file per dialog (its state, keys and confirmation), drawn by the file of
//! the same name in `ui/dialogs`.

pub mod approve_request;
pub mod choose_team;
pub mod confirm;
pub mod deny;
pub mod editor;
pub mod plan;
pub mod quit_queued;
pub mod report;
pub mod type_name;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::decision::plan::PlannedWrite;
use crate::keys::keymap::{Action, Context, Keymap};
use crate::model::ListKind;

pub use approve_request::{ApproveRequestDialog, ChannelChoice, ChannelPicker};
pub use choose_team::{
    ChooseTeamDialog, TeamChoice, channel_confirmation, permission_confirmation,
};
pub use confirm::{ConfirmAction, ConfirmDialog, quit_confirmation};
pub use deny::{DENY_PLACEHOLDER, DenyDialog};
pub use editor::{char_count, editor_text, new_editor};
pub use plan::PlanDialog;
pub use quit_queued::QuitQueuedDialog;
pub use report::ReportDialog;
pub use type_name::TypeNameDialog;

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

impl Dialog {
    /// What closing it unanswered means, in words: a decision's dialog sent
    /// nothing; the quit question leaves the dashboard open as it was.
    pub fn cancelled_words(&self) -> &'static str {
        match self {
            Dialog::QuitQueued(_) => "Not quitting — the queued decisions stay queued.",
            Dialog::Confirm(confirm) if confirm.action == ConfirmAction::Quit => "Not quitting.",
            _ => "Cancelled — nothing was sent.",
        }
    }

    pub fn context(&self) -> Context {
        match self {
            Dialog::Confirm(_) => Context::Confirm,
            Dialog::QuitQueued(_) => Context::QuitQueued,
            Dialog::ApproveRequest(approve) if approve.picker.is_some() => Context::PickChannel,
            Dialog::ApproveRequest(_) => Context::ApproveRequest,
            Dialog::Deny(_) => Context::DenyEditor,
            Dialog::ChooseTeam(_) => Context::ChooseTeam,
            Dialog::TypeName(_) => Context::TypeName,
            Dialog::Plan(_) => Context::Plan,
            Dialog::Report(_) => Context::Report,
        }
    }

    /// Put pasted text in the dialog's text box; `false` when it has none.
    /// A paste never confirms, sends or cancels anything.
    pub fn paste(&mut self, text: &str) -> bool {
        match self {
            Dialog::Deny(deny) => deny.paste(text),
            Dialog::ApproveRequest(approve) => approve.paste(text),
            Dialog::TypeName(type_name) => type_name.paste(text),
            Dialog::Confirm(_)
            | Dialog::QuitQueued(_)
            | Dialog::ChooseTeam(_)
            | Dialog::Plan(_)
            | Dialog::Report(_) => return false,
        }
        true
    }

    pub fn handle_key(&mut self, keymap: &Keymap, pane: ListKind, key: KeyEvent) -> DialogStep {
        let context = self.context();
        // In dialogs that take text, a plain character is always text: `n`
        // in a message must not cancel it.
        let typing = matches!(
            context,
            Context::DenyEditor
                | Context::ApproveRequest
                | Context::TypeName
                | Context::PickChannel
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
            Dialog::Plan(plan) => plan.on_action(action),
            Dialog::Report(report) => report.on_action(action),
            Dialog::Confirm(confirm) => confirm.on_action(action),
            Dialog::QuitQueued(quit) => quit.on_action(action),
            Dialog::Deny(deny) => deny.on_action(action, key),
            Dialog::ApproveRequest(approve) => approve.on_action(action, key),
            Dialog::ChooseTeam(choose) => choose.on_action(action),
            Dialog::TypeName(type_name) => type_name.on_action(action, key, typing),
        }
    }
}

/// A scroll position moved by a moving key.
pub(super) fn scrolled(scroll: usize, action: Action, page: usize) -> usize {
    match action {
        Action::Down => scroll + 1,
        Action::Up => scroll.saturating_sub(1),
        Action::PageDown => scroll + page,
        Action::PageUp => scroll.saturating_sub(page),
        _ => scroll,
    }
}

#[cfg(test)]
#[path = "dialogs_tests.rs"]
mod tests;
