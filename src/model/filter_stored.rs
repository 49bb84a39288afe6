//! The filter over a list's stored keys ([`SearchKeys`]): a row's own
//! bytes, its shared pieces and its scoped part.

use super::{Filter, Term};
use crate::model::risk_flags::RiskFlags;
use crate::model::search::SearchKeys;

/// A filter made ready for every row of one list: each plain word has
/// been looked for once in each shared piece, so a row's pieces cost a
/// lookup each, not a search. Built once per keystroke.
pub struct StoredMatcher<'a> {
    filter: &'a Filter,
    keys: &'a SearchKeys,
    /// Per word: whether piece `n` holds it (empty for words a piece never
    /// decides: scoped ones, and those the mask decides).
    hits: Vec<Vec<bool>>,
}

fn found_in(term: &Term, text: &[u8], mask: u64) -> bool {
    mask & term.mask == term.mask && term.finder.find(text).is_some()
}

impl Filter {
    /// Whether row `index` of `keys` matches. A word its byte mask rules
    /// out, or decides alone, never reads the key: a keystroke over 100,000
    /// rows then touches only their masks. For many rows, a
    /// [`Self::stored_matcher`] is quicker.
    pub fn matches_stored(&self, keys: &SearchKeys, index: usize, risk: RiskFlags) -> bool {
        self.decide(
            Some(keys.mask_of(index)),
            risk,
            || keys.own_parts(index).1,
            |_, term| {
                term.finder.find(keys.own_parts(index).0).is_some()
                    || keys.pieces_of(index).any(|p| term.finder.find(p).is_some())
            },
        )
    }

    /// This filter made ready for many rows of `keys`.
    pub fn stored_matcher<'a>(&'a self, keys: &'a SearchKeys) -> StoredMatcher<'a> {
        let hits = self
            .terms
            .iter()
            .map(|term| {
                if term.scope.is_some() || term.by_mask {
                    return Vec::new();
                }
                keys.piece_hits(&term.text, |text, mask| found_in(term, text, mask))
            })
            .collect();
        StoredMatcher {
            filter: self,
            keys,
            hits,
        }
    }
}

impl StoredMatcher<'_> {
    /// [`Filter::matches_stored`], with the pieces' answers at hand.
    pub fn matches(&self, index: usize, risk: RiskFlags) -> bool {
        let keys = self.keys;
        self.filter.decide(
            Some(keys.mask_of(index)),
            risk,
            || keys.own_parts(index).1,
            |n, term| {
                term.finder.find(keys.own_parts(index).0).is_some()
                    || keys.piece_numbers(index).any(|p| self.hits[n][p])
            },
        )
    }
}
