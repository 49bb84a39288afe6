//! users.discoverableContacts.lookup: whether an email address is someone
//! on Slack the caller could find.
//!
//! Where the docs are silent the emulator chooses: an address is
//! discoverable when it belongs to a person the org already sees on Slack:
//! one of ours (the admin, the people the data names), or someone of
//! another org who invited, accepted or was invited by user ID. A fresh
//! outside address, as most requests name, is not.

use serde_json::json;

use super::{Ctx, Reply, reply};
use crate::emulator::api_error::ApiError;

/// The method's own limit on `email`.
const MAX_EMAIL_CHARS: usize = 100;

pub(super) fn lookup(cx: &mut Ctx<'_>) -> Result<Reply, ApiError> {
    let email = cx.args.require("email")?;
    let email = email.trim();
    if email.chars().count() > MAX_EMAIL_CHARS || !email.contains('@') {
        return Err(ApiError::invalid(
            "email",
            "expected an email address of at most 100 characters",
        ));
    }
    if cx.state.me.enterprise_id.is_none() {
        return Err(ApiError::new("not_an_enterprise"));
    }
    reply(json!({ "is_discoverable": known(cx, email) }))
}

fn known(cx: &Ctx<'_>, email: &str) -> bool {
    let same = |user: Option<&crate::slack::models::ConnectUser>| {
        user.and_then(|u| u.email())
            .is_some_and(|e| e.eq_ignore_ascii_case(email))
    };
    let state = &*cx.state;
    same(Some(&state.me.user_ref))
        || state.people.values().any(|u| same(Some(u)))
        || state.invites.values().any(|invite| {
            same(invite.inviting_user.as_deref())
                || invite.acceptances.iter().any(|a| same(a.user.as_deref()))
        })
        || state
            .requests
            .values()
            .any(|request| same(request.inviting_user.as_deref()))
}
