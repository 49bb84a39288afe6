//! Sort keys as a list keeps them: 24 bytes a row.
//!
//! A row's [`RowKeys`] name its org, channel and workspace. Kept as they
//! are, 100,000 rows would hold 300,000 shared strings (48 bytes a row) and
//! an allocation for every empty name. A list instead numbers each name it
//! has seen once, in its [`SortNames`], and a row keeps the numbers.

use std::cmp::Ordering;

use crate::model::risk_flags::RiskFlags;
use crate::model::rows::InlineText;
use crate::model::sort::{RowKeys, SortKey, SortState};
use crate::model::text_index::TextIndex;

/// A row's sort keys with its names as numbers in the list's [`SortNames`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StoredKeys {
    /// Rows of a lower group come first whatever the sort (0 = "Awaiting us").
    pub group: u8,
    pub risk: RiskFlags,
    /// Expiry ([`stored_time`]); `u32::MAX` when there is none.
    expires: u32,
    /// Created or last active ([`stored_time`]); `u32::MAX` when unknown.
    when: u32,
    org: u32,
    channel: u32,
    workspace: u32,
}

/// The names a list's rows sort by, each once; number 0 is the empty name.
/// Channel names are often as many as the rows, so the lookup from name to
/// number ([`TextIndex`]) holds only the number and reads the name from
/// `names`.
#[derive(Clone)]
pub struct SortNames {
    names: Vec<InlineText>,
    numbers: TextIndex,
}

impl Default for SortNames {
    fn default() -> SortNames {
        SortNames {
            names: vec![InlineText::default()],
            numbers: TextIndex::default(),
        }
    }
}

impl std::fmt::Debug for SortNames {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SortNames({} names)", self.names.len())
    }
}

/// A time as a row's sort key keeps it: unix seconds fit 32 bits until
/// 2106, and 100,000 rows save 800 KB each. Order is kept (earlier times
/// clamp to 0, later ones and "none" (`i64::MAX`) to `u32::MAX`).
fn stored_time(time: i64) -> u32 {
    u32::try_from(time.max(0)).unwrap_or(u32::MAX)
}

impl StoredKeys {
    /// Expiry in unix seconds; `i64::MAX` when there is none.
    pub fn expires(&self) -> i64 {
        match self.expires {
            u32::MAX => i64::MAX,
            time => i64::from(time),
        }
    }
}

fn number_of(index: usize) -> u32 {
    u32::try_from(index).unwrap_or(u32::MAX)
}

impl SortNames {
    fn number(&mut self, name: InlineText) -> u32 {
        if name.is_empty() {
            return 0;
        }
        if let Some(n) = self.numbers.get(&name, &self.names[..]) {
            return number_of(n);
        }
        let n = self.names.len();
        self.names.push(name);
        self.numbers.insert(&self.names[n], n, &self.names[..]);
        number_of(n)
    }

    fn name(&self, number: u32) -> &str {
        self.names.get(number as usize).map_or("", |n| n)
    }

    /// `keys` as the list keeps them.
    pub fn store(&mut self, keys: RowKeys) -> StoredKeys {
        StoredKeys {
            group: keys.group,
            risk: keys.risk,
            expires: stored_time(keys.expires),
            when: stored_time(keys.when),
            org: self.number(keys.org),
            channel: self.number(keys.channel),
            workspace: self.number(keys.workspace),
        }
    }

    /// The names no row of `live` uses any more are forgotten, and the rows'
    /// numbers follow (after a load has replaced the rows).
    pub fn forget_unused(&mut self, live: &mut [StoredKeys]) {
        let mut used = vec![false; self.names.len()];
        used[0] = true;
        for keys in live.iter() {
            for n in [keys.org, keys.channel, keys.workspace] {
                used[n as usize] = true;
            }
        }
        if used.iter().all(|&u| u) {
            return;
        }
        let mut renumbered = vec![0u32; self.names.len()];
        let mut kept = Vec::with_capacity(used.iter().filter(|&&u| u).count());
        for (old, name) in std::mem::take(&mut self.names).into_iter().enumerate() {
            if used[old] {
                renumbered[old] = number_of(kept.len());
                kept.push(name);
            }
        }
        self.names = kept;
        self.numbers.rebuild(self.names.len(), &self.names[..]);
        for keys in live.iter_mut() {
            keys.org = renumbered[keys.org as usize];
            keys.channel = renumbered[keys.channel as usize];
            keys.workspace = renumbered[keys.workspace as usize];
        }
    }

    /// How many names are kept, the empty one included.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn is_empty(&self) -> bool {
        self.names.len() <= 1
    }

    /// Order of two rows: group, then the sort key (reversed if asked), then
    /// expiry, then ID so that equal keys keep a stable order.
    pub fn compare(
        &self,
        sort: SortState,
        a: (&StoredKeys, &str),
        b: (&StoredKeys, &str),
    ) -> Ordering {
        let (ka, kb) = (a.0, b.0);
        let names = |x: u32, y: u32| {
            if x == y {
                Ordering::Equal
            } else {
                folded_cmp(self.name(x), self.name(y))
            }
        };
        let primary = match sort.key {
            SortKey::TimeLeft => ka.expires.cmp(&kb.expires),
            SortKey::Age => ka.when.cmp(&kb.when),
            SortKey::Org => names(ka.org, kb.org),
            SortKey::Channel => names(ka.channel, kb.channel),
            SortKey::Workspace => names(ka.workspace, kb.workspace),
            SortKey::Risk => RiskFlags::riskier_first(ka.risk, kb.risk),
        };
        let within = primary.then_with(|| ka.expires.cmp(&kb.expires));
        let within = if sort.reversed {
            within.reverse()
        } else {
            within
        };
        ka.group
            .cmp(&kb.group)
            .then(within)
            .then_with(|| a.1.cmp(b.1))
    }
}

/// Compare ignoring case, without allocating.
fn folded_cmp(a: &str, b: &str) -> Ordering {
    if a.is_ascii() && b.is_ascii() {
        return a
            .bytes()
            .map(|c| c.to_ascii_lowercase())
            .cmp(b.bytes().map(|c| c.to_ascii_lowercase()));
    }
    a.chars()
        .flat_map(char::to_lowercase)
        .cmp(b.chars().flat_map(char::to_lowercase))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(org: &str, channel: &str) -> RowKeys {
        RowKeys {
            org: InlineText::from(org),
            channel: InlineText::from(channel),
            ..RowKeys::default()
        }
    }

    #[test]
    fn a_name_is_numbered_once_and_empty_names_cost_nothing() {
        let mut names = SortNames::default();
        let a = names.store(keys("Acme", ""));
        let b = names.store(keys("Acme", "ops"));
        assert_eq!((a.org, a.channel, b.org, b.channel), (1, 0, 1, 2));
        assert_eq!(names.len(), 3);
        assert_eq!((names.name(b.org), names.name(b.channel)), ("Acme", "ops"));
    }

    #[test]
    fn names_compare_ignoring_case_and_equal_numbers_fall_to_expiry() {
        let mut names = SortNames::default();
        let mut stored = |org: &str, expires: i64| {
            let mut k = keys(org, "");
            k.expires = expires;
            names.store(k)
        };
        let (zeta, alpha, alpha_late) = (stored("zeta", 1), stored("Alpha", 5), stored("alpha", 9));
        let by_org = SortState {
            key: SortKey::Org,
            reversed: false,
        };
        let cmp = |a: &StoredKeys, b: &StoredKeys| names.compare(by_org, (a, "1"), (b, "2"));
        assert_eq!(cmp(&alpha, &zeta), Ordering::Less);
        // "Alpha" and "alpha" are one name to the sort, then expiry decides.
        assert_eq!(cmp(&alpha, &alpha_late), Ordering::Less);
        assert_eq!(cmp(&alpha_late, &alpha), Ordering::Greater);
    }

    #[test]
    fn forgetting_unused_names_renumbers_the_rows_that_stay() {
        let mut names = SortNames::default();
        let gone = names.store(keys("Gone Inc", "old"));
        let mut live = [
            names.store(keys("Acme", "ops")),
            names.store(keys("", "ops")),
        ];
        assert_ne!(gone.org, live[0].org);
        names.forget_unused(&mut live);
        assert_eq!(names.len(), 3, "the empty name, Acme and ops");
        assert_eq!(names.name(live[0].org), "Acme");
        assert_eq!(names.name(live[0].channel), "ops");
        assert_eq!(names.name(live[1].channel), "ops");
        assert_eq!(names.name(live[1].org), "");
        // A name seen again gets the number it has now.
        assert_eq!(names.store(keys("Acme", "")).org, live[0].org);
    }

    /// Times keep their order in 32 bits, "none" sorts last, and a row's
    /// keys stay at 24 bytes.
    #[test]
    fn stored_times_keep_their_order() {
        let times = [
            i64::MIN,
            -5,
            0,
            1,
            1_796_606_254,
            i64::from(u32::MAX) - 1,
            i64::MAX,
        ];
        let stored: Vec<u32> = times.iter().map(|&t| stored_time(t)).collect();
        assert!(stored.windows(2).all(|w| w[0] <= w[1]), "{stored:?}");
        assert_eq!(stored[4], 1_796_606_254);
        let mut names = SortNames::default();
        let none = names.store(RowKeys {
            expires: i64::MAX,
            ..keys("", "")
        });
        assert_eq!(none.expires(), i64::MAX);
        let soon = names.store(RowKeys {
            expires: 1_796_606_254,
            ..keys("", "")
        });
        assert_eq!(soon.expires(), 1_796_606_254);
        assert_eq!(std::mem::size_of::<StoredKeys>(), 24);
    }
}
