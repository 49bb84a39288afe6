//! The fields of Slack's own (wire) shapes that the `/` filter searches:
//! the reference the rows' own `fields` are tested against.

use crate::slack::models::{ConnectInvite, ConnectUser, ExternalOrg, InviteRequest, SharedChannel};

fn user_fields<'a>(out: &mut Vec<&'a str>, user: Option<&'a ConnectUser>) {
    if let Some(user) = user {
        out.push(user.display());
        out.extend(user.email());
    }
}

/// An invite's fields: the other orgs (name, domain, ID; our own org is
/// left out when `ours` names it), `#channel` and its ID, the inviter and
/// accepting users (name, email), the recipient, and the invite ID.
pub fn invite_fields<'a>(invite: &'a ConnectInvite, ours: &[&str]) -> Vec<&'a str> {
    let mut out = vec![invite.id()];
    let teams = invite.inviting_team().into_iter().chain(
        invite
            .acceptances
            .iter()
            .filter_map(|a| a.accepting_team.as_ref()),
    );
    for team in teams.filter(|t| !ours.contains(&t.id.as_str())) {
        out.extend(team.name.as_deref());
        out.extend(team.domain.as_deref());
        out.push(&team.id);
    }
    if let Some(channel) = invite.channel() {
        out.extend(channel.name.as_deref());
        out.push(&channel.id);
    }
    user_fields(&mut out, invite.inviting_user());
    for acceptance in &invite.acceptances {
        user_fields(&mut out, acceptance.accepting_user.as_ref());
    }
    out.extend(invite.recipient_email());
    out.extend(invite.recipient_user_id());
    out
}

/// A request's fields: its ID, the requester (name, email), `#channel` and
/// its ID, and the address the invitation would go to.
pub fn request_fields(request: &InviteRequest) -> Vec<&str> {
    let mut out = vec![request.id.as_str()];
    user_fields(&mut out, request.inviting_user.as_ref());
    if let Some(channel) = &request.channel {
        out.extend(channel.name.as_deref());
        out.push(&channel.id);
    }
    out.extend(request.recipient_email());
    out
}

/// An org's fields: name, domain, team ID and connection status.
pub fn org_fields(org: &ExternalOrg) -> Vec<&str> {
    let mut out = vec![org.team_id.as_str()];
    out.extend(org.team_name.as_deref());
    out.extend(org.team_domain.as_deref());
    out.extend(org.connection_status.as_deref());
    out
}

/// A channel's fields: its name and ID, and the orgs in it: `team_names`
/// are their display names (from the Orgs list, when the caller has it),
/// and the IDs of every connected team are fields too.
pub fn channel_fields<'a>(channel: &'a SharedChannel, team_names: &[&'a str]) -> Vec<&'a str> {
    let mut out = vec![channel.id.as_str()];
    out.extend(channel.name.as_deref());
    out.extend_from_slice(team_names);
    out.extend(
        channel
            .connected_team_ids
            .iter()
            .chain(&channel.connected_limited_team_ids)
            .map(String::as_str),
    );
    out
}
