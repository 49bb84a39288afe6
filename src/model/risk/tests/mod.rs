//! Each signal, where it is raised and where it is not: the fixtures and
//! the invite signals here, lookalikes and requests in the two children.

mod lookalike;
mod requests;

use std::sync::Arc;

use super::email::{alike, is_free_mail, org_label};
use super::*;
use crate::model::rows::{
    Acceptance, Channel, Interner, Invite, InviteChannel, Org, Request, RequestChannel, SharedText,
    Team, User,
};
use crate::slack::models::SharedChannel;

pub(super) const OURS: &[&str] = &["TUS", "EUS"];
pub(super) const NOW: i64 = 1_000_000;
pub(super) const DAY: i64 = 86_400;

pub(super) fn team(id: &str, name: &str, domain: &str, verified: Option<bool>) -> Arc<Team> {
    Arc::new(Team {
        id: Arc::from(id),
        name: Some(Arc::from(name)),
        domain: Some(Arc::from(domain)),
        is_verified: verified,
    })
}

pub(super) fn user(email: &str) -> Arc<User> {
    Arc::new(User {
        id: Arc::from("U1"),
        display: Arc::from("Someone"),
        email: Some(Arc::from(email)),
    })
}

/// An invite from `from` to us, awaiting our approval, post only, into a
/// public channel `#ops` (C1), expiring in a week.
pub(super) fn incoming(from: Arc<Team>, inviter: &str) -> Invite {
    Invite {
        id: "I1".into(),
        direction: Some(SharedText::from("incoming")),
        status: Some(SharedText::from("sent")),
        date_created: Some(NOW - DAY).into(),
        date_invalid: Some(NOW + 7 * DAY).into(),
        inviting_team: Some(from),
        inviting_user: Some(user(inviter)),
        channel: Some(InviteChannel {
            id: "C1".into(),
            name: Some("ops".into()),
            is_private: Some(false),
        }),
        recipient_email: None,
        recipient_user_id: None,
        is_external_limited: true,
        acceptances: vec![Acceptance {
            approval_status: Some(SharedText::from("pending_approval")),
            date_accepted: Some(NOW - DAY).into(),
            date_invalid: None.into(),
            accepting_team: Some(team("TUS", "Us", "us", Some(true))),
            accepting_user: Some(user("me@us.com")),
            reviews: Vec::new().into(),
        }]
        .into(),
        workspace: None,
    }
}

pub(super) fn org(id: &str, name: &str, domain: &str, channels: i64) -> Org {
    Org {
        team_id: Arc::from(id),
        team_name: Some(Arc::from(name)),
        team_domain: Some(Arc::from(domain)),
        public_channel_count: Some(channels),
        private_channel_count: Some(0),
        im_channel_count: None,
        mpim_channel_count: None,
        connected_workspaces: Vec::new(),
        policies: Vec::new(),
        connection_status: Some(Arc::from("CONNECTED")),
        last_active_timestamp: None,
        is_sponsored: None,
    }
}

pub(super) fn channel(id: &str, teams: &[&str]) -> Channel {
    Channel::from_wire(
        &SharedChannel {
            id: id.into(),
            name: Some("ops".into()),
            connected_team_ids: teams.iter().map(|t| t.to_string()).collect(),
            ..Default::default()
        },
        &mut Interner::default(),
    )
}

/// Judged against a connected, verified Stripe and the channels given.
pub(super) fn context_with(channels: &[Channel]) -> RiskContext {
    let orgs = [
        org("T0STRIPE01", "Stripe", "stripe", 3),
        org("T0OKTA0001", "Okta", "okta", 1),
        org("T0NEWORG01", "Quiet Partner", "quiet", 0),
    ];
    RiskContext::build(OURS, Some(orgs.iter()), channels.iter())
}

pub(super) fn context() -> RiskContext {
    context_with(&[])
}

pub(super) fn kinds(signals: &[Signal]) -> Vec<RiskKind> {
    signals.iter().map(|s| s.kind).collect()
}

pub(super) fn evidence(signals: &[Signal], kind: RiskKind) -> Option<&str> {
    signals
        .iter()
        .find(|s| s.kind == kind)
        .map(|s| s.evidence.as_str())
}

pub(super) fn invite_signals(risk: &RiskContext, invite: &Invite) -> Vec<Signal> {
    let signals = risk.invite_signals(invite, OURS, NOW);
    // The row's flags and the words always agree.
    let flags = risk.invite_flags(invite, OURS, NOW);
    assert_eq!(flags.kinds().collect::<Vec<_>>(), kinds(&signals));
    signals
}

pub(super) fn lookalike_of(risk: &RiskContext, from: Arc<Team>) -> Option<String> {
    let invite = incoming(from, "someone@stripe.com");
    evidence(&invite_signals(risk, &invite), RiskKind::Lookalike).map(str::to_owned)
}

#[test]
fn free_mail_and_foreign_domains_are_suspect() {
    let risk = context();
    let acme = team("T0ACME0001", "Acme", "acme", Some(true));
    let words = |inviter: &str| {
        let signals = invite_signals(&risk, &incoming(acme.clone(), inviter));
        evidence(&signals, RiskKind::SuspectEmail).map(str::to_owned)
    };
    assert_eq!(
        words("ceo@gmail.com").as_deref(),
        Some("inviter uses gmail.com, a free-mail domain")
    );
    assert_eq!(
        words("ana@other.io").as_deref(),
        Some("inviter uses other.io, unlike the org's domain acme")
    );
    for fine in [
        "ana@acme.com",
        "ana@acme-corp.com",
        "ana@mail.acme.co.uk",
        "ANA@ACME.COM",
    ] {
        assert_eq!(words(fine), None, "{fine}");
    }
    for free in [
        "googlemail.com",
        "GMAIL.COM",
        "gmx.de",
        "yandex.ru",
        "yahoo.co.uk",
        "mx.hotmail.com",
    ] {
        assert!(is_free_mail(free), "{free}");
    }
    for not_free in ["gmail.com.evil.io", "acme.com", "notgmail.com"] {
        assert!(!is_free_mail(not_free), "{not_free}");
    }
    assert_eq!(org_label("mail.acme.co.uk"), "acme");
    assert_eq!(org_label("acme-corp.com"), "acme-corp");
    // An org that gave no domain is judged by its name; with neither, nothing to compare.
    let named = Team {
        domain: None,
        ..(*acme).clone()
    };
    assert!(alike("acmeco.com", &named) && !alike("other.io", &named));
    assert!(alike("other.io", &Team::default()));
}

#[test]
fn the_addresses_checked_are_the_other_sides() {
    let risk = context();
    // We invited: the recipient's address, and the accepting user's, are theirs.
    let mut outgoing = incoming(team("TUS", "Us", "us", Some(true)), "me@gmail.com");
    outgoing.direction = Some(SharedText::from("outgoing"));
    outgoing.acceptances = Box::default();
    assert_eq!(
        evidence(&invite_signals(&risk, &outgoing), RiskKind::SuspectEmail),
        None
    );
    outgoing.recipient_email = Some(SharedText::from("boss@hotmail.com"));
    assert_eq!(
        evidence(&invite_signals(&risk, &outgoing), RiskKind::SuspectEmail),
        Some("recipient uses hotmail.com, a free-mail domain")
    );
    outgoing.recipient_email = None;
    outgoing.acceptances = vec![Acceptance {
        approval_status: Some(SharedText::from("pending_approval")),
        date_accepted: None.into(),
        date_invalid: None.into(),
        accepting_team: Some(team("T0FJORD001", "Fjordline", "fjordline", Some(false))),
        accepting_user: Some(user("kari@bergen-logistics.no")),
        reviews: Vec::new().into(),
    }]
    .into();
    assert_eq!(
        evidence(&invite_signals(&risk, &outgoing), RiskKind::SuspectEmail),
        Some("accepting user uses bergen-logistics.no, unlike the org's domain fjordline")
    );
}

#[test]
fn unverified_orgs_are_said_and_unknown_verification_is_not() {
    let risk = context();
    let said = |verified| {
        let invite = incoming(team("T0ACME0001", "Acme", "acme", verified), "a@acme.com");
        evidence(&invite_signals(&risk, &invite), RiskKind::Unverified).map(str::to_owned)
    };
    assert_eq!(
        said(Some(false)).as_deref(),
        Some("Acme is not verified by Slack")
    );
    assert_eq!(said(Some(true)), None);
    assert_eq!(
        said(None),
        None,
        "Slack did not say: no evidence either way"
    );
}

#[test]
fn a_first_connection_needs_the_orgs_list_and_no_shared_channel() {
    let first = |risk: &RiskContext, id: &str, name: &str| {
        let invite = incoming(team(id, name, "x", Some(true)), "a@x.com");
        evidence(&invite_signals(risk, &invite), RiskKind::FirstConnection).map(str::to_owned)
    };
    let risk = context();
    assert_eq!(
        first(&risk, "T0ACME0001", "Acme").as_deref(),
        Some("no channel shared with Acme yet")
    );
    assert_eq!(
        first(&risk, "T0STRIPE01", "Stripe"),
        None,
        "3 channels already"
    );
    assert_eq!(
        first(&risk, "T0NEWORG01", "Quiet Partner").as_deref(),
        Some("no channel shared with Quiet Partner yet"),
        "connected, but through no channel"
    );
    // A channel of the Channels list shared with it counts, whatever the Orgs row says.
    let risk = context_with(&[channel("C9", &["T0NEWORG01"])]);
    assert_eq!(first(&risk, "T0NEWORG01", "Quiet Partner"), None);
    // Without the Orgs list nobody is called new.
    let unknown = RiskContext::build(OURS, None::<std::iter::Empty<&Org>>, [].iter());
    assert_eq!(first(&unknown, "T0ACME0001", "Acme"), None);
}

#[test]
fn broad_permission_busy_channels_and_expiry() {
    let acme = team("T0STRIPE01", "Stripe", "stripe", Some(true));
    let quiet = context();
    let mut invite = incoming(acme, "a@stripe.com");
    assert!(invite_signals(&quiet, &invite).is_empty(), "a clean invite");
    invite.is_external_limited = false;
    assert_eq!(
        evidence(&invite_signals(&quiet, &invite), RiskKind::BroadPermission),
        Some("they could post and invite others")
    );
    invite.channel.as_mut().unwrap().is_private = Some(true);
    assert_eq!(
        evidence(&invite_signals(&quiet, &invite), RiskKind::BroadPermission),
        Some("post and invite into a private channel")
    );
    // Three other orgs in #ops already: busy. Our own teams do not count.
    let busy = context_with(&[channel("C1", &["TA", "TB", "TC", "TUS"])]);
    assert_eq!(
        evidence(&invite_signals(&busy, &invite), RiskKind::Busy),
        Some("#ops already shared with 3 orgs")
    );
    let two = context_with(&[channel("C1", &["TA", "TB", "TUS", "EUS"])]);
    assert_eq!(
        evidence(&invite_signals(&two, &invite), RiskKind::Busy),
        None
    );
    // Under a day left; not when there is more, nor once past.
    invite.date_invalid = Some(NOW + 5 * 3600).into();
    assert_eq!(
        evidence(&invite_signals(&quiet, &invite), RiskKind::ExpiringSoon),
        Some("expires in 5h 0m")
    );
    invite.date_invalid = Some(NOW + 2 * DAY).into();
    assert_eq!(
        evidence(&invite_signals(&quiet, &invite), RiskKind::ExpiringSoon),
        None
    );
    invite.date_invalid = Some(NOW - 60).into();
    assert_eq!(
        evidence(&invite_signals(&quiet, &invite), RiskKind::ExpiringSoon),
        None
    );
}

#[test]
fn flags_name_kinds_and_order_rows() {
    let mut lookalike = RiskFlags::default();
    lookalike.insert(RiskKind::Lookalike);
    let mut three = RiskFlags::default();
    for kind in [
        RiskKind::Busy,
        RiskKind::FirstConnection,
        RiskKind::ExpiringSoon,
    ] {
        three.insert(kind);
    }
    assert_eq!(three.flags(), ["first", "busy", "<24h"], "gravest first");
    assert_eq!(three.len(), 3);
    three.set(RiskKind::ExpiringSoon, false);
    assert!(!three.has(RiskKind::ExpiringSoon));
    // More signals first; as many: the graver first.
    use std::cmp::Ordering::*;
    assert_eq!(RiskFlags::riskier_first(three, lookalike), Less);
    let mut email = RiskFlags::default();
    email.insert(RiskKind::SuspectEmail);
    assert_eq!(RiskFlags::riskier_first(lookalike, email), Less);
    assert_eq!(
        RiskFlags::riskier_first(RiskFlags::default(), email),
        Greater
    );
    // Names as the filter takes them: whole, part, or the column's flag.
    assert_eq!(RiskFlags::named(""), RiskFlags::ALL);
    assert_eq!(RiskFlags::named("lookalike").flags(), ["lookalike"]);
    assert_eq!(RiskFlags::named("look").flags(), ["lookalike"]);
    assert_eq!(RiskFlags::named("<24h").flags(), ["<24h"]);
    assert_eq!(RiskFlags::named("expiring").flags(), ["<24h"]);
    assert!(RiskFlags::named("nothing").is_empty());
}

#[test]
fn a_context_built_from_the_same_lists_judges_alike() {
    let busy = [channel("C1", &["TA", "TB", "TC"])];
    assert!(context_with(&busy).judges_like(&context_with(&busy)));
    assert!(
        !context_with(&busy).judges_like(&context()),
        "a channel more"
    );
    let unknown = RiskContext::build(OURS, None::<std::iter::Empty<&Org>>, busy.iter());
    assert!(
        !unknown.judges_like(&context_with(&busy)),
        "the Orgs list came in"
    );
    // A verified team seen on an invite is one more org to compare against.
    let mut seen = context_with(&busy);
    let datadog = incoming(
        team("T0DDOG0001", "Datadog", "datadoghq", Some(true)),
        "a@b.c",
    );
    seen.know_verified([&datadog].into_iter(), OURS);
    assert!(!seen.judges_like(&context_with(&busy)));
}
