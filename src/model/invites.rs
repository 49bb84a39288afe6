//! Invite rules: which side an invite waits on, who the other org is, when
//! it expires and what approving it does. The TUI and the CLI share them.

use crate::model::rows::{Acceptance, InlineText, Invite, Team};
use crate::model::sort::RowKeys;

/// Who has to act next on an invite.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WaitingOn {
    /// An acceptance is pending approval and our team has not reviewed it.
    Us,
    /// Anything else: not accepted yet, or waiting on the other org's admins.
    Them,
}

pub const AWAITING_US: &str = "Awaiting us";
pub const AWAITING_THEM: &str = "Awaiting them";

pub fn is_ours(team: Option<&Team>, ours: &[&str]) -> bool {
    team.is_some_and(|t| ours.contains(&&*t.id))
}

pub fn reviewed_by_us(acceptance: &Acceptance, ours: &[&str]) -> bool {
    acceptance
        .reviews
        .iter()
        .any(|review| is_ours(review.reviewing_team.as_deref(), ours))
}

pub fn is_pending(acceptance: &Acceptance) -> bool {
    acceptance
        .approval_status
        .as_deref()
        .is_some_and(|status| status.starts_with("pending"))
}

/// True when we sent the invite (so approving needs `target_team`).
pub fn we_invited(invite: &Invite, ours: &[&str]) -> bool {
    match invite.direction.as_deref() {
        Some("outgoing") => true,
        Some("incoming") => false,
        _ => is_ours(invite.inviting_team(), ours),
    }
}

/// The acceptance our approval is for: pending and not yet reviewed by us.
pub fn acceptance_awaiting_us<'a>(invite: &'a Invite, ours: &[&str]) -> Option<&'a Acceptance> {
    if ours.is_empty() || invite.status.as_deref() == Some("revoked") {
        return None;
    }
    invite
        .acceptances
        .iter()
        .find(|a| is_pending(a) && !reviewed_by_us(a, ours))
}

pub fn waiting_on(invite: &Invite, ours: &[&str]) -> WaitingOn {
    if acceptance_awaiting_us(invite, ours).is_some() {
        WaitingOn::Us
    } else {
        WaitingOn::Them
    }
}

/// The org on the other side: the inviter when it came to us, else the
/// (first) accepting team.
pub fn other_team<'a>(invite: &'a Invite, ours: &[&str]) -> Option<&'a Team> {
    if we_invited(invite, ours) {
        let pending = acceptance_awaiting_us(invite, ours);
        pending
            .or(invite.acceptances.first())
            .and_then(|a| a.accepting_team.as_deref())
    } else {
        invite.inviting_team()
    }
}

/// `target_team` for approve/decline: the accepting team when we invited.
pub fn target_team(invite: &Invite, ours: &[&str]) -> Option<String> {
    if !we_invited(invite, ours) {
        return None;
    }
    other_team(invite, ours)
        .map(|team| team.id.to_string())
        .filter(|id| !id.is_empty())
}

/// When the invite can no longer be decided: the earlier of the invite's own
/// expiry and that of the acceptance we must review, since Slack drops the
/// invite at the first and refuses the approval after the second.
pub fn expires_at(invite: &Invite, ours: &[&str]) -> Option<i64> {
    let acceptance = acceptance_awaiting_us(invite, ours).and_then(|a| a.date_invalid.get());
    match (acceptance, invite.date_invalid()) {
        (Some(a), Some(i)) => Some(a.min(i)),
        (a, i) => a.or(i),
    }
}

/// Where an invite stands once Slack took our approval.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AfterApproval {
    /// Every side approved: the channel is connected and the invite left the list.
    Connected,
    /// The other side still has to approve.
    WaitingOnThem,
    /// The invite was no longer listed.
    Gone,
}

/// Both the inviting and the accepting side have an approval review on
/// this acceptance (either side may be us, under our team or org ID).
pub fn every_side_approved(invite: &Invite, acceptance: &Acceptance, ours: &[&str]) -> bool {
    let approved_by = |team: Option<&Team>| {
        let Some(team) = team else {
            return false;
        };
        // Our side may have reviewed under our team or our org ID.
        let is_side =
            |id: &str| id == &*team.id || (ours.contains(&&*team.id) && ours.contains(&id));
        acceptance.reviews.iter().any(|r| {
            r.kind.as_deref().is_none_or(|k| k == "approval")
                && r.reviewing_team.as_deref().is_some_and(|t| is_side(&t.id))
        })
    };
    approved_by(invite.inviting_team()) && approved_by(acceptance.accepting_team.as_deref())
}

/// What an invite row is sorted by, but its risk flags: the app's keys
/// are `app::risk::invite_keys`.
pub fn keys(invite: &Invite, ours: &[&str]) -> RowKeys {
    RowKeys {
        group: u8::from(waiting_on(invite, ours) == WaitingOn::Them),
        expires: expires_at(invite, ours).unwrap_or(i64::MAX),
        when: invite.date_created().filter(|&t| t > 0).unwrap_or(i64::MAX),
        org: other_team(invite, ours)
            .and_then(|t| t.name.as_deref())
            .map(InlineText::from)
            .unwrap_or_default(),
        channel: invite
            .channel()
            .and_then(|c| c.name.as_deref())
            .map(InlineText::from)
            .unwrap_or_default(),
        workspace: workspace_key(invite.workspace.as_deref()),
        risk: Default::default(),
    }
}

/// What a row of our workspace `team` sorts by: its name, else its ID.
pub fn workspace_key(team: Option<&crate::model::rows::Team>) -> InlineText {
    match team {
        Some(team) => InlineText::from(team.name.as_deref().unwrap_or(&team.id)),
        None => InlineText::default(),
    }
}

/// The channel an invite is for, by name.
pub fn channel_name(invite: &Invite) -> &str {
    invite
        .channel()
        .and_then(|c| c.name.as_deref())
        .unwrap_or("?")
}

/// "invite I0A to #ops from Acme", for notices and the journal.
pub fn invite_summary(invite: &Invite, ours: &[&str]) -> String {
    let other = other_team(invite, ours)
        .and_then(|t| t.name.as_deref())
        .unwrap_or("another org");
    let side = if we_invited(invite, ours) {
        "with"
    } else {
        "from"
    };
    format!(
        "invite {} to #{} {side} {other}",
        invite.id(),
        channel_name(invite)
    )
}
