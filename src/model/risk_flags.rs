//! The words of risk signals: their kinds, a row's flags as one byte, and
//! a signal with its evidence. The rules that raise them are in
//! [`crate::model::risk`]; the sort and the filter read only these.

use std::cmp::Ordering;

/// One kind of signal. Declared gravest first: the RISK column lists a
/// row's flags in this order, and the risk sort weighs them so.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RiskKind {
    /// The org's name or domain resembles another org we know (connected,
    /// or verified by Slack) under another team ID.
    Lookalike,
    /// An address on the other side is on a free-mail domain, or on a
    /// domain unlike the org's own.
    SuspectEmail,
    /// We share no channel with the org yet.
    FirstConnection,
    /// Slack has not verified the org. Most orgs are not, so it says less
    /// than a first connection and comes after it.
    Unverified,
    /// They could post and invite others (worse into a private channel).
    BroadPermission,
    /// The channel is already shared with several orgs
    /// ([`crate::model::risk::BUSY_ORGS`] or more).
    Busy,
    /// Under 24 hours left to decide.
    ExpiringSoon,
}

impl RiskKind {
    /// Every kind, gravest first.
    pub const ALL: [RiskKind; 7] = [
        RiskKind::Lookalike,
        RiskKind::SuspectEmail,
        RiskKind::FirstConnection,
        RiskKind::Unverified,
        RiskKind::BroadPermission,
        RiskKind::Busy,
        RiskKind::ExpiringSoon,
    ];

    /// The flag in the RISK column: short, and readable without colour.
    pub fn flag(self) -> &'static str {
        match self {
            RiskKind::Lookalike => "lookalike",
            RiskKind::SuspectEmail => "email",
            RiskKind::Unverified => "unverified",
            RiskKind::FirstConnection => "first",
            RiskKind::BroadPermission => "broad",
            RiskKind::Busy => "busy",
            RiskKind::ExpiringSoon => "<24h",
        }
    }

    /// The name a filter gives it: `risk:lookalike`.
    pub fn filter_name(self) -> &'static str {
        match self {
            RiskKind::Lookalike => "lookalike",
            RiskKind::SuspectEmail => "email",
            RiskKind::Unverified => "unverified",
            RiskKind::FirstConnection => "first",
            RiskKind::BroadPermission => "broad",
            RiskKind::Busy => "busy",
            RiskKind::ExpiringSoon => "expiring",
        }
    }

    /// What the signal is, as the detail view labels it.
    pub fn label(self) -> &'static str {
        match self {
            RiskKind::Lookalike => "Lookalike org",
            RiskKind::SuspectEmail => "Suspect email",
            RiskKind::Unverified => "Not verified",
            RiskKind::FirstConnection => "First connection",
            RiskKind::BroadPermission => "Broad permission",
            RiskKind::Busy => "Busy channel",
            RiskKind::ExpiringSoon => "Expiring soon",
        }
    }

    /// Its bit in [`RiskFlags`]: the gravest kind has the highest, so the
    /// byte itself orders rows by their gravest signal.
    fn bit(self) -> u8 {
        1 << (RiskKind::ALL.len() - 1 - self as usize)
    }
}

/// A row's signals, one bit per [`RiskKind`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct RiskFlags(u8);

impl RiskFlags {
    /// Every kind: what a bare `risk:` looks for.
    pub const ALL: RiskFlags = RiskFlags(0x7F);

    pub fn has(self, kind: RiskKind) -> bool {
        self.0 & kind.bit() != 0
    }

    pub fn insert(&mut self, kind: RiskKind) {
        self.0 |= kind.bit();
    }

    pub fn set(&mut self, kind: RiskKind, on: bool) {
        if on {
            self.0 |= kind.bit();
        } else {
            self.0 &= !kind.bit();
        }
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// How many signals.
    pub fn len(self) -> u32 {
        self.0.count_ones()
    }

    /// True when the two share a signal.
    pub fn intersects(self, other: RiskFlags) -> bool {
        self.0 & other.0 != 0
    }

    /// The kinds set, gravest first.
    pub fn kinds(self) -> impl Iterator<Item = RiskKind> {
        RiskKind::ALL.into_iter().filter(move |k| self.has(*k))
    }

    /// The RISK column's words, gravest first.
    pub fn flags(self) -> Vec<&'static str> {
        self.kinds().map(RiskKind::flag).collect()
    }

    /// The kinds a filter's `risk:TEXT` names: those whose filter name or
    /// flag contains `text` (already lowercased), so a name half typed
    /// already filters; every kind for an empty text.
    pub fn named(text: &str) -> RiskFlags {
        let mut out = RiskFlags::default();
        for kind in RiskKind::ALL {
            if kind.filter_name().contains(text) || kind.flag().contains(text) {
                out.insert(kind);
            }
        }
        out
    }

    /// The risk sort: the row with more signals first, and between rows
    /// with as many, the one whose gravest signal is graver.
    pub fn riskier_first(a: RiskFlags, b: RiskFlags) -> Ordering {
        (b.len(), b.0).cmp(&(a.len(), a.0))
    }
}

/// One signal on one item, with the evidence in words: "looks like Stripe
/// (T0STRIPE01)", "inviter uses gmail.com, a free-mail domain". The words
/// may hold remote text (names, addresses) and are cleaned where shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signal {
    pub kind: RiskKind,
    pub evidence: String,
}
