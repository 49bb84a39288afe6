//! Slack's error codes in plain words. Every error the admin sees carries
//! Slack's own code (so it can be searched) and what it means here.

use crate::slack::{SlackError, TransportKind};

/// Short tag for a row: Slack's code, or what kind of failure it was.
pub fn code(error: &SlackError) -> String {
    match error {
        SlackError::Api { code, .. } => code.clone(),
        SlackError::RateLimited { .. } => "ratelimited".to_owned(),
        SlackError::Http { status, .. } => format!("http_{status}"),
        SlackError::Transport { kind, .. } => match kind {
            TransportKind::Connect => "no_connection".to_owned(),
            TransportKind::Timeout => "timeout".to_owned(),
            TransportKind::Reset => "connection_reset".to_owned(),
            TransportKind::Other => "network_error".to_owned(),
        },
        SlackError::Decode { .. } => "bad_answer".to_owned(),
        SlackError::Paging { .. } => "endless_list".to_owned(),
        SlackError::TooLarge { .. } => "answer_too_large".to_owned(),
        SlackError::ReadOnly { .. } => "read_only".to_owned(),
    }
}

/// Slack's codes for a decision someone else made first (another admin,
/// the other org, or expiry): the item is no longer pending. Not a failure.
pub const DECIDED_ELSEWHERE: &[&str] = &[
    "invite_not_found",
    "already_approved",
    "invite_already_approved",
    "invite_already_denied",
    "approval_inactive",
    "inactive_invite",
    "invalid_action",
    "approval_not_found",
    "invite_expired",
];

/// True when Slack's answer means the item was decided elsewhere.
pub fn decided_elsewhere(error: &SlackError) -> bool {
    matches!(error, SlackError::Api { code, .. } if DECIDED_ELSEWHERE.contains(&code.as_str()))
}

/// `code — meaning`, for a notice or a pane that could not load.
pub fn explain(error: &SlackError) -> String {
    format!("{} — {}", code(error), meaning(error))
}

/// The methods that change something on Slack's side; every other call
/// is a read, which a failure can never have half-applied.
const WRITES: &[&str] = &[
    "conversations.approveSharedInvite",
    "conversations.declineSharedInvite",
    "conversations.acceptSharedInvite",
    "conversations.inviteShared",
    "conversations.requestSharedInvite.approve",
    "conversations.requestSharedInvite.deny",
    "conversations.externalInvitePermissions.set",
    "team.externalTeams.disconnect",
    "admin.conversations.disconnectShared",
];

/// What the error means, in words.
pub fn meaning(error: &SlackError) -> String {
    let read = !WRITES.contains(&error.method());
    let unsure = if read {
        "a read changes nothing, so it can safely be tried again"
    } else {
        "it may or may not have been applied, so it is re-checked before anything more is sent"
    };
    match error {
        SlackError::Api { code, detail, .. } => {
            if code == "missing_scope" {
                return match &detail.needed {
                    Some(needed) => format!(
                        "the token lacks the scope {needed}; reinstall the app with it or use a token that has it"
                    ),
                    None => "the token lacks a scope this needs".to_owned(),
                };
            }
            if code == "missing_argument"
                && let Some(arg) = &detail.arg
            {
                return format!(
                    "Slack needs the argument {arg} (an org-wide token must name a workspace)"
                );
            }
            api_meaning(code).to_owned()
        }
        SlackError::RateLimited { retry_after, .. } => format!(
            "Slack's rate limit was hit; it can be tried again in {} s",
            retry_after.as_secs()
        ),
        SlackError::Http { status, .. } if *status >= 500 => {
            format!("Slack had a server error (HTTP {status}); {unsure}")
        }
        SlackError::Http { status, .. } => format!("Slack answered HTTP {status}"),
        SlackError::Transport { kind, .. } => match kind {
            TransportKind::Connect => "could not connect to Slack; nothing was sent".to_owned(),
            TransportKind::Timeout => format!("Slack did not answer in time; {unsure}"),
            TransportKind::Reset => format!("the connection broke; {unsure}"),
            TransportKind::Other => "a network error".to_owned(),
        },
        SlackError::Decode { .. } => format!("Slack's answer could not be read; {unsure}"),
        SlackError::TooLarge { limit, .. } => format!(
            "Slack's answer was larger than {} MB, far more than any page of Slack's, so it \
             was not read; {unsure}",
            limit >> 20
        ),
        SlackError::Paging { problem, .. } => {
            format!("the list was stopped because {problem}")
        }
        SlackError::ReadOnly { .. } => {
            "this is a read-only session (--read-only); nothing was sent".to_owned()
        }
    }
}

fn api_meaning(code: &str) -> &'static str {
    match code {
        "not_authed" => "no token was sent",
        "invalid_auth" => {
            "the token is not valid (wrong, or not from an Enterprise org for admin methods)"
        }
        "token_revoked" => "the token has been revoked",
        "token_expired" => "the token has expired",
        "account_inactive" => "the token's user or workspace is deactivated",
        "not_allowed_token_type" => "this method needs another kind of token (bot or user)",
        "no_permission" | "access_denied" => "the token's user is not allowed to do this",
        "not_an_admin" => "this needs an org admin or owner",
        "not_an_enterprise" => "this needs an Enterprise org",
        "team_access_not_granted" => "the token has no access to this workspace",
        "ekm_access_denied" => "Enterprise Key Management refused access",
        "enterprise_is_restricted" => "the Enterprise org restricts this",
        "restricted_action" => "a workspace or org setting forbids this",
        "not_paid" => "this needs a paid plan",
        "feature_not_enabled" => "this feature is not enabled for the org",
        "not_allowed" => {
            "the token may not see this (e.g. private channels need channel-management rights)"
        }
        "not_implemented" => "Slack does not offer this here",
        "user_cannot_manage_workspace" => "the user cannot manage this workspace",
        "invite_not_found" => {
            "Slack has no such invitation any more: it expired, was revoked, or someone decided it"
        }
        "already_approved" | "invite_already_approved" => {
            "it was already approved, perhaps by another admin"
        }
        "invite_already_denied" => "it was already denied, perhaps by another admin",
        "invalid_action" => "that is no longer possible: the invitation was already decided",
        "approval_inactive" => "the invitation expired or was declined",
        "approval_not_found" => "there is no acceptance waiting for approval",
        "inactive_invite" => "the invitation expired or was revoked",
        "invite_expired" => "the request expired",
        "missing_target_team" => "the inviting side must name the team it approves",
        "channel_not_found" => "Slack cannot find that channel",
        "channel_conversion_in_progress" => "the channel is being converted; try again shortly",
        "invalid_link" => "the invitation link is not valid",
        "user_not_found" => "Slack cannot find that user",
        "team_not_found" => "Slack cannot find that team",
        "no_external_invite_permission" => "the requester may not send that kind of invitation",
        "message_too_long" => "the message is longer than 560 characters",
        "cannot_kick_home_team" => "the channel's home org cannot be disconnected",
        "cannot_kick_team" => "that team cannot be removed from the channel",
        "leaving_team_not_in_channel" => "that team is not in the channel",
        "leaving_team_required" => "the channel has more than two teams: say which one leaves",
        "no_teams_to_disconnect" => "the channel is not shared with anyone",
        "channel_type_not_supported" => "DMs, group DMs and #general cannot be disconnected",
        "not_supported" => "Slack does not support this for that channel",
        "invalid_target_team" => "Slack does not know that org, or we are not connected to it",
        "invalid_cursor" => "Slack refused the page cursor; reload the list",
        "ratelimited" => "Slack's rate limit was hit",
        "internal_error" | "fatal_error" => {
            "Slack had an internal error; it may or may not have been applied"
        }
        "service_unavailable" => "Slack is unavailable right now",
        "request_timeout" => "Slack timed out reading the request",
        "invalid_arguments" => "Slack refused the arguments",
        _ => "Slack refused it",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transport_errors_get_a_code_too() {
        let error = SlackError::Transport {
            method: "auth.test",
            kind: TransportKind::Timeout,
            message: "x".into(),
        };
        assert_eq!(code(&error), "timeout");
        // A read applies nothing, so it never says it might have.
        assert_eq!(
            meaning(&error),
            "Slack did not answer in time; a read changes nothing, so it can safely be tried again"
        );
        let write = SlackError::Transport {
            method: "conversations.approveSharedInvite",
            kind: TransportKind::Timeout,
            message: "x".into(),
        };
        assert!(meaning(&write).contains("may or may not have been applied"));
        let list = SlackError::Http {
            method: "conversations.listConnectInvites",
            status: 503,
        };
        assert!(
            !meaning(&list).contains("may or may not"),
            "{}",
            meaning(&list)
        );
    }
}
