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
    /// Per word: whether row `n`'s own bytes hold it, when many rows are to
    /// be read ([`SearchKeys::own_hits`]); else empty, and each row is
    /// searched as it is read.
    own: Vec<Vec<bool>>,
}

/// Below this share of a list's rows, searching the rows one by one is
/// quicker than one pass over all their keys (the letters after the first
/// few leave only a few thousand rows of 100,000 to read).
const SCAN_SHARE: usize = 4;

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

    /// This filter made ready for `rows` rows of `keys`.
    pub fn stored_matcher<'a>(&'a self, keys: &'a SearchKeys, rows: usize) -> StoredMatcher<'a> {
        let scan = rows * SCAN_SHARE >= keys.len();
        let own = self
            .terms
            .iter()
            .map(|term| {
                if !scan || term.scope.is_some() || term.by_mask {
                    return Vec::new();
                }
                keys.own_hits(&term.finder)
            })
            .collect();
        let hits = self
            .terms
            .iter()
            .map(|term| {
                if term.scope.is_some() || term.by_mask {
                    return Vec::new();
                }
                keys.piece_hits(&term.text, &term.finder)
            })
            .collect();
        StoredMatcher {
            filter: self,
            keys,
            hits,
            own,
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
            |n, term| self.holds(n, term, index),
        )
    }

    /// Whether row `index`'s key holds plain word number `n`. What is known
    /// is asked first: a row its own bytes' answer or one of its pieces
    /// decides is never searched.
    fn holds(&self, n: usize, term: &Term, index: usize) -> bool {
        let keys = self.keys;
        let in_a_piece = || keys.piece_numbers(index).any(|p| self.hits[n][p]);
        match self.own[n].get(index) {
            Some(&own) => own || in_a_piece(),
            None => in_a_piece() || term.finder.find(keys.own_parts(index).0).is_some(),
        }
    }

    /// Of the rows `matched` keeps, keep those the filter keeps (`risk`
    /// gives a row's signals). Plain words are checked one after the other
    /// over all the rows, each a tight pass in row order; a filter with
    /// scoped words (`ws:`, `risk:`) is checked row by row.
    pub fn keep_matching(&self, matched: &mut [bool], risk: impl Fn(usize) -> RiskFlags) {
        let terms = &self.filter.terms;
        if terms.iter().any(|t| t.scope.is_some()) {
            for (index, kept) in matched.iter_mut().enumerate() {
                if *kept {
                    *kept = self.matches(index, risk(index));
                }
            }
            return;
        }
        for (n, term) in terms.iter().enumerate() {
            for (index, kept) in matched.iter_mut().enumerate() {
                if *kept {
                    let masked = self.keys.mask_of(index) & term.mask == term.mask;
                    let found = masked && (term.by_mask || self.holds(n, term, index));
                    *kept = found != term.negated;
                }
            }
        }
    }
}
