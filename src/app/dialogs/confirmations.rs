//! The confirmations every write ends in: what will be sent, in words,
//! and the write itself, sent only on `y`.

use crate::app::decisions::DecisionKind;
use crate::app::dialogs::{
    ApproveRequestDialog, ConfirmAction, ConfirmDialog, DenyDialog, Dialog, PlannedWrite,
    TypeNameDialog,
};
use crate::text::words::permission_words;

fn quoted_lines(message: &Option<String>) -> Vec<String> {
    match message {
        Some(text) => text.lines().map(|line| format!("  │ {line}")).collect(),
        None => vec!["  (no message)".to_owned()],
    }
}

pub(crate) fn deny_confirmation(deny: &DenyDialog, message: Option<String>) -> Dialog {
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

pub(crate) fn approve_confirmation(
    approve: &ApproveRequestDialog,
    message: Option<String>,
) -> Dialog {
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

pub(crate) fn org_confirmation(dialog: &TypeNameDialog) -> Dialog {
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
