//! `s` / `S`: the order of a pane's rows.
//!
//! Each row gets its [`RowKeys`] once (when it arrives or changes), kept as
//! [`crate::model::stored_keys::StoredKeys`], so a sort of 100,000 rows
//! compares integers and a few thousand names, never
//! recomputes who an invite waits on.

use crate::model::ListKind;
use crate::model::risk_flags::RiskFlags;
use crate::model::rows::InlineText;

/// What rows are ordered by. Groups (e.g. "Awaiting us") always come first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SortKey {
    /// Soonest expiry first.
    TimeLeft,
    /// Oldest first (created; for orgs and channels, least recently active).
    Age,
    /// By the other org's name.
    Org,
    /// By channel name.
    Channel,
    /// By our workspace's name (an org-wide token's merged lists).
    Workspace,
    /// Most risky first: more risk signals, then the gravest
    /// ([`RiskFlags::riskier_first`]).
    Risk,
}

impl SortKey {
    /// The keys `s` cycles through on a pane; the first is its default.
    /// Risk comes last, so that the keys before it stay where `s` found
    /// them before there was one.
    pub fn cycle(pane: ListKind) -> &'static [SortKey] {
        use SortKey::*;
        match pane {
            ListKind::Invites | ListKind::Requests => {
                &[TimeLeft, Age, Org, Channel, Workspace, Risk]
            }
            ListKind::Orgs => &[Org, Age],
            ListKind::Channels => &[Channel, Age, Org],
        }
    }

    /// "time left", for the pane title.
    pub fn words(self, pane: ListKind) -> &'static str {
        match (self, pane) {
            (SortKey::TimeLeft, _) => "time left",
            (SortKey::Age, ListKind::Orgs | ListKind::Channels) => "last activity",
            (SortKey::Age, _) => "age",
            (SortKey::Org, ListKind::Requests) => "recipient domain",
            (SortKey::Org, _) => "org",
            (SortKey::Channel, _) => "channel",
            (SortKey::Workspace, _) => "workspace",
            (SortKey::Risk, _) => "risk",
        }
    }

    /// The stable name a config file uses.
    pub fn name(self) -> &'static str {
        match self {
            SortKey::TimeLeft => "time_left",
            SortKey::Age => "age",
            SortKey::Org => "org",
            SortKey::Channel => "channel",
            SortKey::Workspace => "workspace",
            SortKey::Risk => "risk",
        }
    }

    pub fn from_name(name: &str) -> Option<SortKey> {
        [
            SortKey::TimeLeft,
            SortKey::Age,
            SortKey::Org,
            SortKey::Channel,
            SortKey::Workspace,
            SortKey::Risk,
        ]
        .into_iter()
        .find(|k| k.name() == name)
    }
}

/// A pane's current order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SortState {
    pub key: SortKey,
    pub reversed: bool,
}

impl SortState {
    pub fn default_for(pane: ListKind) -> SortState {
        SortState {
            key: SortKey::cycle(pane)[0],
            reversed: false,
        }
    }

    /// `s`: the next key of the pane's cycle, in its natural direction.
    /// The workspace is a key only when the rows come from several
    /// (`several_workspaces`).
    pub fn next(self, pane: ListKind, several_workspaces: bool) -> SortState {
        let cycle: Vec<SortKey> = SortKey::cycle(pane)
            .iter()
            .copied()
            .filter(|k| several_workspaces || *k != SortKey::Workspace)
            .collect();
        let at = cycle.iter().position(|k| *k == self.key).unwrap_or(0);
        SortState {
            key: cycle[(at + 1) % cycle.len()],
            reversed: false,
        }
    }

    /// "time left ↑" / "org ↓ (reversed)".
    pub fn describe(self, pane: ListKind) -> String {
        let arrow = if self.reversed { " (reversed)" } else { "" };
        format!("{}{arrow}", self.key.words(pane))
    }
}

/// What a row is sorted by, computed once per row.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RowKeys {
    /// Rows of a lower group come first whatever the sort (0 = "Awaiting us").
    pub group: u8,
    /// Expiry (unix seconds); `i64::MAX` when there is none.
    pub expires: i64,
    /// Created or last active (unix seconds); `i64::MAX` when unknown.
    pub when: i64,
    /// Org and channel names (compared ignoring case); inline when short,
    /// so computing a row's keys rarely allocates.
    pub org: InlineText,
    pub channel: InlineText,
    /// Our workspace's name (or ID), with an org-wide token; else empty.
    pub workspace: InlineText,
    /// The row's risk signals (invites and requests; none for the rest):
    /// the RISK column, the risk sort and `risk:` filter words read them.
    pub risk: RiskFlags,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::stored_keys::{SortNames, StoredKeys};
    use std::cmp::Ordering;

    fn keys(group: u8, expires: i64, org: &str) -> RowKeys {
        RowKeys {
            group,
            expires,
            when: 0,
            org: InlineText::from(org),
            ..RowKeys::default()
        }
    }

    fn compare(sort: SortState, a: (&RowKeys, &str), b: (&RowKeys, &str)) -> Ordering {
        let mut names = SortNames::default();
        let (ka, kb): (StoredKeys, StoredKeys) =
            (names.store(a.0.clone()), names.store(b.0.clone()));
        names.compare(sort, (&ka, a.1), (&kb, b.1))
    }

    #[test]
    fn groups_come_first_and_reversing_keeps_them() {
        let a = keys(0, 300, "b");
        let b = keys(0, 100, "a");
        let c = keys(1, 50, "c");
        let mut sort = SortState::default_for(ListKind::Invites);
        assert_eq!(compare(sort, (&b, "2"), (&a, "1")), Ordering::Less);
        assert_eq!(compare(sort, (&a, "1"), (&c, "3")), Ordering::Less);
        sort.reversed = true;
        assert_eq!(compare(sort, (&a, "1"), (&b, "2")), Ordering::Less);
        assert_eq!(compare(sort, (&a, "1"), (&c, "3")), Ordering::Less);
        let sort = SortState {
            key: SortKey::Org,
            reversed: false,
        };
        assert_eq!(compare(sort, (&b, "2"), (&a, "1")), Ordering::Less);
    }

    #[test]
    fn the_risk_sort_puts_the_riskiest_first_within_each_group() {
        use crate::model::risk_flags::RiskKind;
        let with = |group: u8, expires: i64, kinds: &[RiskKind]| {
            let mut k = keys(group, expires, "");
            for kind in kinds {
                k.risk.insert(*kind);
            }
            k
        };
        let clean = with(0, 100, &[]);
        let lookalike = with(0, 500, &[RiskKind::Lookalike]);
        let two = with(0, 900, &[RiskKind::FirstConnection, RiskKind::Busy]);
        let email = with(0, 50, &[RiskKind::SuspectEmail]);
        let them = with(1, 10, &[RiskKind::Lookalike, RiskKind::SuspectEmail]);
        let sort = SortState {
            key: SortKey::Risk,
            reversed: false,
        };
        let mut rows = [
            (&clean, "1"),
            (&email, "2"),
            (&them, "3"),
            (&lookalike, "4"),
            (&two, "5"),
        ];
        rows.sort_by(|a, b| compare(sort, *a, *b));
        let order: Vec<&str> = rows.iter().map(|r| r.1).collect();
        // Two signals beat one; a lookalike beats an address; the group
        // "awaiting them" stays last.
        assert_eq!(order, ["5", "4", "2", "1", "3"]);
        assert_eq!(SortKey::from_name("risk"), Some(SortKey::Risk));
        assert_eq!(SortKey::Risk.words(ListKind::Requests), "risk");
    }

    #[test]
    fn s_cycles_the_keys_of_the_pane() {
        let mut sort = SortState::default_for(ListKind::Orgs);
        assert_eq!(sort.key, SortKey::Org);
        sort = sort.next(ListKind::Orgs, false);
        assert_eq!(sort.key, SortKey::Age);
        assert_eq!(sort.next(ListKind::Orgs, false).key, SortKey::Org);
        // The workspace is a key only when the rows come from several.
        let channel = SortState {
            key: SortKey::Channel,
            reversed: false,
        };
        assert_eq!(channel.next(ListKind::Invites, false).key, SortKey::Risk);
        assert_eq!(
            channel.next(ListKind::Invites, true).key,
            SortKey::Workspace
        );
        let risk = channel.next(ListKind::Requests, false);
        assert_eq!(risk.next(ListKind::Requests, false).key, SortKey::TimeLeft);
        assert!(!SortKey::cycle(ListKind::Orgs).contains(&SortKey::Risk));
        assert_eq!(SortKey::from_name("workspace"), Some(SortKey::Workspace));
        assert_eq!(SortKey::from_name("time_left"), Some(SortKey::TimeLeft));
    }
}
