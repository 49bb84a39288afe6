//! Detail of what waits for a decision: an invite or a request, with what
//! we already share with the org on the other side.

use crate::app::panes::detail::{App, Builder, DetailModel, decision_state, person, shared_with};
use crate::app::risk;
use crate::model::ListKind;
use crate::model::invites::{WaitingOn, expires_at, other_team, waiting_on, we_invited};
use crate::model::orgs::display_name;
use crate::model::requests::is_external_limited;
use crate::model::risk_flags::Signal;
use crate::model::rows::{Invite, Request};
use crate::text::time::{ago_with_date, until_with_date};
use crate::text::words::permission_words;

pub(crate) fn invite(app: &App, invite: &Invite) -> DetailModel {
    let ours = app.identity.our_ids();
    let other = other_team(invite, &ours);
    let other_name = other
        .and_then(|t| t.name.as_deref())
        .unwrap_or("unknown org");
    let direction = if we_invited(invite, &ours) {
        "outgoing to"
    } else {
        "incoming from"
    };
    let mut b = Builder {
        sections: Vec::new(),
    };
    b.section("Decision");
    if let Some(workspace) = &invite.workspace {
        b.field("Workspace", workspace.label());
    }
    b.field(
        "Waiting on",
        match waiting_on(invite, &ours) {
            WaitingOn::Us => "US — an acceptance needs our approval",
            WaitingOn::Them => "them — nothing for us to approve now",
        },
    )
    .opt("Status", invite.status.as_deref())
    .field(
        "Expires",
        until_with_date(app.now, expires_at(invite, &ours)),
    )
    .field("Sent", ago_with_date(app.now, invite.date_created()));
    if let Some(state) = decision_state(app, ListKind::Invites, invite.id()) {
        b.field("Your decision", state);
    }
    needs_care(&mut b, &risk::invite_signals(app, invite));
    let channel = invite.channel();
    channel_section(
        &mut b,
        channel.and_then(|c| c.name.as_deref()),
        channel.map(|c| &*c.id),
        channel.and_then(|c| c.is_private),
    )
    .field("Permission", permission_words(invite.is_external_limited()));
    b.section("Other org")
        .field("Name", other_name)
        .opt("ID", other.map(|t| &*t.id))
        .opt("Domain", other.and_then(|t| t.domain.as_deref()))
        .field(
            "Verified",
            match other.and_then(|t| t.is_verified) {
                Some(true) => "yes — Slack verified this org",
                Some(false) => "NO — not verified by Slack",
                None => "not given",
            },
        );
    b.section("People")
        .field("Inviter", person(invite.inviting_user()))
        .opt(
            "Recipient",
            invite.recipient_email().or(invite.recipient_user_id()),
        );
    for acceptance in &invite.acceptances {
        let team = acceptance.accepting_team.as_deref();
        let reviews: Vec<String> = acceptance
            .reviews
            .iter()
            .map(|r| {
                let by = r
                    .reviewing_team
                    .as_deref()
                    .map(|t| t.name.as_deref().unwrap_or(&t.id))
                    .unwrap_or("?");
                format!("{} by {by}", r.kind.as_deref().unwrap_or("review"))
            })
            .collect();
        b.section(format!(
            "Accepted by {}",
            team.and_then(|t| t.name.as_deref()).unwrap_or("?")
        ))
        .opt("Team ID", team.map(|t| &*t.id))
        .field("User", person(acceptance.accepting_user.as_deref()))
        .opt("Approval", acceptance.approval_status.as_deref())
        .field(
            "Accepted",
            ago_with_date(app.now, acceptance.date_accepted.get()),
        )
        .field(
            "Reviews",
            if reviews.is_empty() {
                "none yet".to_owned()
            } else {
                reviews.join("; ")
            },
        );
    }
    if let Some(team) = other {
        shared_with(
            app,
            &mut b,
            &team.id,
            "Already shared with this org".to_owned(),
        );
    }
    DetailModel {
        title: format!("Invite {} — {direction} {other_name}", invite.id()),
        sections: b.sections,
    }
}

pub(crate) fn request(app: &App, request: &Request) -> DetailModel {
    let mut b = Builder {
        sections: Vec::new(),
    };
    let channel = request.channel.as_ref();
    b.section("Decision");
    if let Some(workspace) = &request.workspace {
        b.field("Workspace", workspace.label());
    }
    b.opt("Invite goes to", request.recipient_email());
    if let Some(lookup) = request
        .recipient_email()
        .and_then(|email| crate::app::contacts::lookup_of(app, email))
    {
        b.field("On Slack", lookup.words());
    }
    b.field("Permission", permission_words(is_external_limited(request)))
        .field("Expires", until_with_date(app.now, request.expires_at))
        .field("Requested", ago_with_date(app.now, request.date_created));
    if let Some(state) = decision_state(app, ListKind::Requests, &request.id) {
        b.field("Your decision", state);
    }
    needs_care(&mut b, &risk::request_signals(app, request));
    b.section("Requester")
        .field("Who", person(request.inviting_user.as_deref()))
        .opt(
            "Team",
            request
                .inviting_team
                .as_ref()
                .and_then(|t| t.name.as_deref()),
        );
    channel_section(
        &mut b,
        channel.and_then(|c| c.name.as_deref()),
        channel.map(|c| &*c.id),
        channel.and_then(|c| c.is_private),
    );
    if let Some(channel) = channel {
        let names = |teams: &[std::sync::Arc<crate::model::rows::Team>]| -> String {
            let names: Vec<&str> = teams
                .iter()
                .map(|t| t.name.as_deref().unwrap_or(&t.id))
                .collect();
            if names.is_empty() {
                "none".to_owned()
            } else {
                names.join(", ")
            }
        };
        b.field("Orgs in it now", names(&channel.connections))
            .field("Orgs pending", names(&channel.pending_connections));
    }
    // The recipient's org is unknown until they accept; an org whose Slack
    // domain matches the email's is a likely match, and says what we share.
    let domain_label = request
        .recipient_email()
        .and_then(|email| email.rsplit_once('@'))
        .and_then(|(_, domain)| domain.split('.').next())
        .unwrap_or("");
    let likely = app.orgs.list.items.iter().map(|o| &**o).find(|org| {
        !domain_label.is_empty()
            && org
                .team_domain
                .as_deref()
                .is_some_and(|d| d.eq_ignore_ascii_case(domain_label))
    });
    match likely {
        Some(org) => {
            let heading = format!(
                "Likely the recipient's org: {} (by email domain)",
                display_name(org)
            );
            shared_with(app, &mut b, &org.team_id, heading);
        }
        None => {
            b.section("Recipient's org").field(
                "Known?",
                "no connected org matches the email's domain: likely new to us",
            );
        }
    }
    DetailModel {
        title: format!(
            "Request {} — {} wants to invite {}",
            request.id,
            request
                .inviting_user
                .as_deref()
                .map(|u| u.display())
                .unwrap_or("someone"),
            request.recipient_email().unwrap_or("someone")
        ),
        sections: b.sections,
    }
}

/// "Needs care": each risk signal with its evidence, right after the
/// decision so that it is on the first screen; said when there is none, so
/// that an empty section is never mistaken for one not checked.
fn needs_care(b: &mut Builder, signals: &[Signal]) {
    b.section("Needs care");
    if signals.is_empty() {
        b.field("Risk signals", "none found");
    }
    for signal in signals {
        b.field(signal.kind.label(), signal.evidence.as_str());
    }
}

/// The "Channel" section shared by invite and request details (a channel
/// Slack did not mark private is shown as public).
fn channel_section<'b>(
    b: &'b mut Builder,
    name: Option<&str>,
    id: Option<&str>,
    is_private: Option<bool>,
) -> &'b mut Builder {
    let visibility = if is_private.unwrap_or(false) {
        "private"
    } else {
        "public"
    };
    b.section("Channel")
        .field("Name", format!("#{}", name.unwrap_or("?")))
        .opt("ID", id)
        .field("Visibility", visibility)
}
