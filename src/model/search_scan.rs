//! One word looked for in every key's own bytes at once.
//!
//! Looked for key by key, a word costs a vector search set up per key: for
//! the second letter typed, which 100,000 rows still match, that was 3 ms.
//! The keys' own bytes lie back to back in one buffer, so one pass of the
//! same search over the buffer finds every place the word is (6.6 MB in
//! well under a millisecond), and each place is the key whose bytes are
//! there, read in the order the keys lie. The shared pieces are searched
//! the same way, their texts laid back to back.

use std::cell::Ref;

use memchr::memmem::Finder;

use super::SearchKeys;

/// The order of the items' keys in the buffer.
#[derive(Debug, Clone, Default)]
pub(super) enum StartOrder {
    /// Not worked out since the keys last changed.
    #[default]
    Unknown,
    /// The items' own order (keys pushed in turn, or just compacted).
    Items,
    /// Item numbers by where their key starts (some key was moved).
    Sorted(Box<[u32]>),
}

/// Pieces to search, above which one pass over all their texts is quicker
/// than a search per piece.
pub(super) const SCAN_PIECES: usize = 1024;

/// Every piece's text back to back, for [`SearchKeys::scan_pieces`]; grown
/// as pieces are added, made again once they are renumbered.
#[derive(Debug, Clone, Default)]
pub(super) struct PieceBuffer {
    /// [`crate::model::search_pieces::Pieces::renumbered`] when it was made.
    renumbered: u64,
    text: Vec<u8>,
    /// Per piece: where its text ends in `text`.
    ends: Vec<u32>,
}

impl SearchKeys {
    /// Per piece from number `from` on, whether its text holds the word
    /// `finder` finds, by one pass over their texts laid back to back.
    pub(super) fn scan_pieces(&self, from: usize, finder: &Finder<'_>) -> Vec<bool> {
        let mut buffer = self.piece_buffer.borrow_mut();
        if buffer.renumbered != self.pieces.renumbered {
            *buffer = PieceBuffer {
                renumbered: self.pieces.renumbered,
                ..PieceBuffer::default()
            };
        }
        let PieceBuffer { text, ends, .. } = &mut *buffer;
        for piece in &self.pieces.texts[ends.len()..] {
            text.extend_from_slice(piece.as_bytes());
            ends.push(super::u32_of(text.len()));
        }
        let begin = from
            .checked_sub(1)
            .map_or(0, |before| ends[before] as usize);
        let len = finder.needle().len();
        let mut hits = vec![false; ends.len() - from];
        let mut piece = from;
        for at in finder.find_iter(&text[begin..]) {
            let at = begin + at;
            while ends[piece] as usize <= at {
                piece += 1;
            }
            if at + len <= ends[piece] as usize {
                hits[piece - from] = true;
            }
        }
        hits
    }

    /// Per item, whether its own plain bytes hold the word `finder` finds,
    /// by one pass over the buffer. Places in garbage, in piece numbers or
    /// across two keys are no item's.
    pub fn own_hits(&self, finder: &Finder<'_>) -> Vec<bool> {
        let len = finder.needle().len();
        let count = self.spans.len();
        let mut hits = vec![false; count];
        if count == 0 {
            return hits;
        }
        let order = self.start_order();
        let item_at = |k: usize| match &*order {
            StartOrder::Sorted(items) => items[k] as usize,
            _ => k,
        };
        // The last key starting at or before the place found.
        let mut k = 0;
        for at in finder.find_iter(&self.text) {
            while k + 1 < count && self.spans[item_at(k + 1)].start as usize <= at {
                k += 1;
            }
            let item = item_at(k);
            let span = self.spans[item];
            let start = span.start as usize;
            if start <= at && at + len <= start + span.own as usize {
                hits[item] = true;
            }
        }
        hits
    }

    fn start_order(&self) -> Ref<'_, StartOrder> {
        if matches!(*self.start_order.borrow(), StartOrder::Unknown) {
            let in_turn = self.spans.windows(2).all(|w| w[0].start <= w[1].start);
            let order = if in_turn {
                StartOrder::Items
            } else {
                let mut items: Vec<u32> = (0..self.spans.len()).map(super::u32_of).collect();
                items.sort_unstable_by_key(|&item| self.spans[item as usize].start);
                StartOrder::Sorted(items.into_boxed_slice())
            };
            *self.start_order.borrow_mut() = order;
        }
        self.start_order.borrow()
    }
}
