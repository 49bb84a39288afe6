//! The words of a request's approval with its options (API doc §3.7): the
//! permission kept or changed, another channel, a message added to the
//! requester's or in its place. The confirmation ends with the call
//! exactly as it is sent.

use crate::decision::DecisionKind;
use crate::decision::plan::{Confirmation, Plan, RequestFacts};
use crate::text::words::permission_words;

/// How the admin approves.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ApprovalChoice {
    /// Post only.
    pub limited: bool,
    pub message: Option<String>,
    /// The message replaces the requester's (`is_override`) instead of following it.
    pub replace_message: bool,
    /// `(ID, name)` of the channel to approve into, when not the requested one.
    pub channel: Option<(String, String)>,
}

/// Approve `request` as `choice` says.
pub fn approve_request(request: &RequestFacts, choice: &ApprovalChoice) -> Plan {
    let mut lines = request.lines.clone();
    if let Some((id, name)) = &choice.channel {
        lines.push(format!(
            "Into: #{name} ({id}), instead of the requested #{}",
            request.about.channel.as_deref().unwrap_or("?")
        ));
    }
    let changed = choice.limited != request.requested_limited;
    lines.push(format!(
        "Permission: {}{}",
        permission_words(choice.limited),
        if changed {
            format!(
                " (changed from {})",
                permission_words(request.requested_limited)
            )
        } else {
            " (as requested)".to_owned()
        }
    ));
    lines.push(match (&choice.message, choice.replace_message) {
        (None, _) => {
            "An invitation is sent to the address above, with the requester's message.".to_owned()
        }
        (Some(_), false) => {
            "An invitation is sent to the address above. Added to the requester's message:"
                .to_owned()
        }
        (Some(_), true) => {
            "An invitation is sent to the address above. In place of the requester's message:"
                .to_owned()
        }
    });
    if let Some(text) = &choice.message {
        lines.extend(text.lines().map(|line| format!("  │ {line}")));
    }
    let kind = DecisionKind::ApproveRequest {
        is_external_limited: changed.then_some(choice.limited),
        message: choice.message.clone(),
        channel_id: choice.channel.as_ref().map(|(id, _)| id.clone()),
        replace_message: choice.replace_message && choice.message.is_some(),
    };
    let mut write = request.write(kind);
    if let Some((id, name)) = &choice.channel {
        write.about.channel = Some(name.clone());
        write.about.channel_id = Some(id.clone());
    }
    let call = write.call();
    let args: Vec<String> = call.args.iter().map(|(k, v)| format!("{k}={v}")).collect();
    lines.push(format!("Sent: {} {}", call.method, args.join(" ")));
    Plan {
        confirmation: Confirmation {
            title: format!("Approve request {}?", request.id),
            lines,
            yes_label: "approve",
        },
        write,
    }
}
