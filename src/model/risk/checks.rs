//! Each signal's rule, for an invite and for a request. One walk over the
//! row serves both the per-row flags and the evidence in words: the words
//! are made only when asked for.

use super::email::{alike, domain_of, is_free_mail, org_label, own_domain};
use super::lookalike::plain;
use super::{BUSY_ORGS, RiskContext, RiskFlags, RiskKind, Signal};
use crate::model::invites::{expires_at, is_ours, other_team, we_invited};
use crate::model::rows::{Invite, Request, Team};
use crate::text::time::{SOON_SECS, long};

/// Told each signal found, with a way to say its evidence.
type Found<'f> = &'f mut dyn FnMut(RiskKind, &dyn Fn() -> String);

/// Under a day left, and not past.
fn expiring(now: i64, deadline: Option<i64>, found: Found<'_>) {
    if let Some(at) = deadline.filter(|&at| at > now && at - now < SOON_SECS) {
        found(RiskKind::ExpiringSoon, &|| {
            format!("expires in {}", long(at - now))
        });
    }
}

fn broad(limited: bool, private: bool, found: Found<'_>) {
    if !limited {
        found(RiskKind::BroadPermission, &|| {
            if private {
                "post and invite into a private channel".to_owned()
            } else {
                "they could post and invite others".to_owned()
            }
        });
    }
}

fn busy(channel: &str, orgs: usize, found: Found<'_>) {
    if orgs >= BUSY_ORGS {
        found(RiskKind::Busy, &|| {
            format!("#{channel} already shared with {orgs} orgs")
        });
    }
}

/// Why an address is suspect, if it is.
enum Suspect<'a> {
    FreeMail(&'a str),
    Unlike(&'a str, &'a Team),
}

fn suspect<'a>(email: &'a str, team: Option<&'a Team>) -> Option<Suspect<'a>> {
    let domain = domain_of(email)?;
    if is_free_mail(domain) {
        return Some(Suspect::FreeMail(domain));
    }
    team.filter(|t| !alike(domain, t))
        .map(|t| Suspect::Unlike(domain, t))
}

impl RiskContext {
    /// The flags of `invite`, for its row's keys.
    pub fn invite_flags(&self, invite: &Invite, ours: &[&str], now: i64) -> RiskFlags {
        let mut flags = RiskFlags::default();
        self.check_invite(invite, ours, now, &mut |kind, _| flags.insert(kind));
        flags
    }

    /// The signals of `invite` with their evidence, gravest first.
    pub fn invite_signals(&self, invite: &Invite, ours: &[&str], now: i64) -> Vec<Signal> {
        let mut out = Vec::new();
        self.check_invite(invite, ours, now, &mut |kind, words| {
            out.push(Signal {
                kind,
                evidence: words(),
            })
        });
        out.sort_by_key(|s| s.kind);
        out
    }

    /// The flags of `request`, for its row's keys.
    pub fn request_flags(&self, request: &Request, ours: &[&str], now: i64) -> RiskFlags {
        let mut flags = RiskFlags::default();
        self.check_request(request, ours, now, &mut |kind, _| flags.insert(kind));
        flags
    }

    /// The signals of `request` with their evidence, gravest first.
    pub fn request_signals(&self, request: &Request, ours: &[&str], now: i64) -> Vec<Signal> {
        let mut out = Vec::new();
        self.check_request(request, ours, now, &mut |kind, words| {
            out.push(Signal {
                kind,
                evidence: words(),
            })
        });
        out.sort_by_key(|s| s.kind);
        out
    }

    fn check_invite(&self, invite: &Invite, ours: &[&str], now: i64, found: Found<'_>) {
        let other = other_team(invite, ours);
        if let Some(team) = other {
            if team.is_verified == Some(false) {
                // The ID is beside it wherever it is shown (the detail's
                // "Other org", the confirmation's "Org:" line).
                found(RiskKind::Unverified, &|| {
                    let name = team.name.as_deref().filter(|n| !n.is_empty());
                    format!("{} is not verified by Slack", name.unwrap_or(&team.id))
                });
            }
            if let Some(known) = self.resembling(team) {
                found(RiskKind::Lookalike, &|| {
                    format!("looks like {}", self.lookalike.label(known))
                });
            }
            if self.orgs_known && self.shared_channels(&team.id) == 0 {
                found(RiskKind::FirstConnection, &|| {
                    let name = team.name.as_deref().filter(|n| !n.is_empty());
                    format!("no channel shared with {} yet", name.unwrap_or(&team.id))
                });
            }
        }
        // The addresses of the other side: who invited us, or whom we
        // invited and who accepted for them.
        let outgoing = we_invited(invite, ours);
        let inviter = invite.inviting_user().and_then(|u| u.email());
        let recipient = invite.recipient_email().filter(|_| outgoing);
        let accepting = invite
            .acceptances
            .iter()
            .filter(|_| outgoing)
            .filter(|a| !is_ours(a.accepting_team.as_deref(), ours))
            .filter_map(|a| a.accepting_user.as_deref().and_then(|u| u.email()));
        let suspect_address = inviter
            .filter(|_| !outgoing)
            .map(|e| ("inviter", e))
            .into_iter()
            .chain(recipient.map(|e| ("recipient", e)))
            .chain(accepting.map(|e| ("accepting user", e)))
            .find_map(|(role, email)| suspect(email, other).map(|why| (role, why)));
        if let Some((role, why)) = suspect_address {
            found(RiskKind::SuspectEmail, &|| match why {
                Suspect::FreeMail(domain) => {
                    format!("{role} uses {domain}, a free-mail domain")
                }
                Suspect::Unlike(domain, team) => format!(
                    "{role} uses {domain}, unlike the org's domain {}",
                    own_domain(team)
                ),
            });
        }
        let channel = invite.channel();
        let private = channel.and_then(|c| c.is_private).unwrap_or(false);
        broad(invite.is_external_limited(), private, found);
        if let Some(channel) = channel {
            let orgs = self.channel_orgs.get(&*channel.id).copied().unwrap_or(0);
            busy(channel.name.as_deref().unwrap_or(&channel.id), orgs, found);
        }
        expiring(now, expires_at(invite, ours), found);
    }

    fn check_request(&self, request: &Request, ours: &[&str], now: i64, found: Found<'_>) {
        let email = request.recipient_email();
        if let Some(domain) = email.and_then(domain_of) {
            if is_free_mail(domain) {
                found(RiskKind::SuspectEmail, &|| {
                    format!("invite goes to {domain}, a free-mail domain")
                });
            } else {
                let label = org_label(domain);
                if let Some(known) = self.resembling_label(label) {
                    found(RiskKind::Lookalike, &|| {
                        format!("{domain} looks like {}", self.lookalike.label(known))
                    });
                }
                // The recipient's org, when its Slack domain or name is the
                // address's org label.
                let org = self.by_label.get(&plain(label));
                if self.orgs_known {
                    match org {
                        Some(id) if self.shared_channels(id) == 0 => {
                            found(RiskKind::FirstConnection, &|| {
                                let name = self.orgs.get(id).map_or(&**id, |o| &o.name);
                                format!("no channel shared with {name} yet")
                            });
                        }
                        Some(_) => {}
                        None => found(RiskKind::FirstConnection, &|| {
                            format!("no connected org uses {domain} yet")
                        }),
                    }
                }
            }
        }
        let channel = request.channel.as_ref();
        let private = channel.and_then(|c| c.is_private).unwrap_or(false);
        broad(request.is_external_limited.unwrap_or(true), private, found);
        if let Some(channel) = channel {
            let listed = self.channel_orgs.get(&*channel.id).copied().unwrap_or(0);
            let mut on_row: Vec<&str> = channel
                .connections
                .iter()
                .map(|t| &*t.id)
                .filter(|id| !ours.contains(id))
                .collect();
            on_row.sort_unstable();
            on_row.dedup();
            busy(
                channel.name.as_deref().unwrap_or(&channel.id),
                listed.max(on_row.len()),
                found,
            );
        }
        expiring(now, request.expires_at, found);
    }
}
