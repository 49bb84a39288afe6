//! Request rules: the permission asked for and where the invite goes.

use crate::model::rows::{InlineText, Request};
use crate::model::sort::RowKeys;

/// "post only" when the invitee could only post; Slack's default is limited.
pub fn is_external_limited(request: &Request) -> bool {
    request.is_external_limited.unwrap_or(true)
}

/// The domain the invitation goes to: `acme.com` of `ana@acme.com`.
pub fn recipient_domain(request: &Request) -> &str {
    request
        .recipient_email()
        .and_then(|email| email.rsplit_once('@'))
        .map_or("", |(_, domain)| domain)
}

/// What a request row is sorted by ("org" is the recipient's domain), but
/// its risk flags: see `app::risk::request_keys`.
pub fn keys(request: &Request) -> RowKeys {
    RowKeys {
        group: 0,
        expires: request.expires_at.filter(|&t| t > 0).unwrap_or(i64::MAX),
        when: request.date_created.filter(|&t| t > 0).unwrap_or(i64::MAX),
        org: InlineText::from(recipient_domain(request)),
        channel: request
            .channel
            .as_ref()
            .and_then(|c| c.name.as_deref())
            .map(InlineText::from)
            .unwrap_or_default(),
        workspace: crate::model::invites::workspace_key(request.workspace.as_deref()),
        risk: Default::default(),
    }
}

/// "request R1 to invite x@y.com", for notices and the journal.
pub fn request_summary(request: &Request) -> String {
    format!(
        "request {} to invite {}",
        request.id,
        request.recipient_email().unwrap_or("someone")
    )
}
