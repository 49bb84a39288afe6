//! The confirmations every write ends in: the shared words of
//! [`crate::decision::plan`], and the write itself, sent only on `y`.

use crate::app::dialogs::{
    ApproveRequestDialog, ConfirmAction, ConfirmDialog, DenyDialog, Dialog, TypeNameDialog,
};
use crate::decision::plan::{self, Plan};

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

pub(crate) fn deny_confirmation(deny: &DenyDialog, message: Option<String>) -> Dialog {
    confirm(plan::deny(&deny.request, message))
}

pub(crate) fn approve_confirmation(
    approve: &ApproveRequestDialog,
    message: Option<String>,
) -> Dialog {
    confirm(plan::approve_request(
        &approve.request,
        approve.limited,
        message,
    ))
}

pub fn channel_confirmation(
    channel_id: &str,
    channel_name: &str,
    team_id: &str,
    team_name: &str,
) -> Dialog {
    confirm(plan::disconnect_channel(
        channel_id,
        channel_name,
        team_id,
        team_name,
    ))
}

pub(crate) fn org_confirmation(dialog: &TypeNameDialog) -> Dialog {
    confirm(plan::disconnect_org(
        &dialog.team_id,
        &dialog.name,
        &dialog.counts,
    ))
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
