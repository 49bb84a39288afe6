//! Requests: judged by the address the invitation would go to.

use super::*;

fn request(email: &str) -> Request {
    Request {
        id: Arc::from("R1"),
        date_created: Some(NOW - DAY),
        expires_at: Some(NOW + 7 * DAY),
        inviting_team: Some(team("TUS", "Us", "us", Some(true))),
        inviting_user: Some(user("me@us.com")),
        is_external_limited: Some(true),
        recipient_email: Some(Arc::from(email)),
        channel: Some(RequestChannel {
            id: Arc::from("C1"),
            name: Some(Arc::from("ops")),
            is_private: Some(false),
            connections: Vec::new(),
            pending_connections: Vec::new(),
        }),
        workspace: None,
    }
}

fn request_signals(risk: &RiskContext, request: &Request) -> Vec<Signal> {
    let signals = risk.request_signals(request, OURS, NOW);
    let flags = risk.request_flags(request, OURS, NOW);
    assert_eq!(flags.kinds().collect::<Vec<_>>(), kinds(&signals));
    signals
}

#[test]
fn requests_are_judged_by_the_address_they_go_to() {
    let mut risk = context();
    let known = request("finance@stripe.com");
    assert!(
        request_signals(&risk, &known).is_empty(),
        "Stripe's own domain"
    );
    let free = request_signals(&risk, &request("someone@gmail.com"));
    assert_eq!(
        kinds(&free),
        [RiskKind::SuspectEmail],
        "free mail is no org: not a first connection either"
    );
    assert_eq!(
        free[0].evidence,
        "invite goes to gmail.com, a free-mail domain"
    );
    let fake = request("partners@stripe-payments.com");
    risk.learn_requests([&fake].into_iter());
    let signals = request_signals(&risk, &fake);
    assert_eq!(
        evidence(&signals, RiskKind::Lookalike),
        Some("stripe-payments.com looks like Stripe (T0STRIPE01)")
    );
    assert_eq!(
        evidence(&signals, RiskKind::FirstConnection),
        Some("no connected org uses stripe-payments.com yet")
    );
    let quiet = request_signals(&risk, &request("ops@quiet.io"));
    assert_eq!(
        evidence(&quiet, RiskKind::FirstConnection),
        Some("no channel shared with Quiet Partner yet")
    );
    // Post and invite, asked for in so many words; a channel the row says is busy.
    let mut broad = request("finance@stripe.com");
    broad.is_external_limited = Some(false);
    let channel = broad.channel.as_mut().unwrap();
    channel.is_private = Some(true);
    channel.connections = ["TA", "TB", "TC", "TUS"]
        .iter()
        .map(|id| team(id, id, id, None))
        .collect();
    let signals = request_signals(&risk, &broad);
    assert_eq!(kinds(&signals), [RiskKind::BroadPermission, RiskKind::Busy]);
    broad.is_external_limited = None;
    broad.expires_at = Some(NOW + 3600);
    let signals = request_signals(&risk, &broad);
    assert_eq!(kinds(&signals), [RiskKind::Busy, RiskKind::ExpiringSoon]);
}
