//! The filter keys of a list's rows, back to back in one buffer, with the
//! pieces many rows have alike stored once.
//!
//! A keystroke of the `/` filter searches every row's key; stored apart
//! (one allocation per row, reached through the row) that would be two
//! cache misses per row. Here the keys are one contiguous buffer scanned in
//! order. A replaced or removed key leaves garbage behind, compacted away
//! once it is half the buffer.
//!
//! Most of an invite's key is not its own: the external org (name, domain,
//! ID) and the users (name, email) are the same in thousands of rows. A key
//! marks such a piece ([`PIECE_OPEN`] … [`PIECE_CLOSE`],
//! [`crate::model::filter::search_key_pieces`]); the list keeps each piece's
//! text once and the row keeps its number (4 bytes for some 40). For
//! 100,000 invites that is megabytes less, and a keystroke searches each
//! piece once ([`crate::model::filter::Filter::stored_matcher`]).

use std::cell::RefCell;

pub use crate::model::search_pieces::{PIECE_CLOSE, PIECE_OPEN, byte_bit, byte_mask};
use crate::model::search_pieces::{Pieces, Segment, segments, u32_of};
use scan::{PieceBuffer, StartOrder};

#[path = "search_scan.rs"]
mod scan;

#[derive(Debug, Clone, Default)]
pub struct SearchKeys {
    /// Per item: its own bytes of the plain part, then the numbers of its
    /// pieces, 4 bytes each (little-endian).
    text: Vec<u8>,
    /// Per item: where its key is in `text`.
    spans: Vec<Span>,
    /// Per item: [`byte_mask`] of the plain part of its whole key, pieces
    /// included.
    masks: Vec<u64>,
    garbage: usize,
    pieces: Pieces,
    /// Which pieces hold each of the last words typed: a keystroke looks
    /// only in the pieces added since, not in all of them again.
    hits_memo: RefCell<Vec<PieceHits>>,
    /// The items in the order their keys lie in `text`, once asked for.
    start_order: RefCell<StartOrder>,
    /// The pieces' texts back to back, once a word was looked for in all.
    piece_buffer: RefCell<PieceBuffer>,
}

/// Per piece, whether it holds `word`.
#[derive(Debug, Clone)]
struct PieceHits {
    word: Box<str>,
    /// [`Pieces::renumbered`] when it was made: stale after a compaction.
    renumbered: u64,
    hits: Vec<bool>,
}

/// Words whose piece hits are remembered.
const HITS_KEPT: usize = 16;

/// Where a key's plain words end and its scoped fields (`ws:`) begin.
pub const SCOPE_MARK: u8 = 0x1E;
/// One key's place in the buffer.
#[derive(Debug, Clone, Copy, Default)]
struct Span {
    start: u32,
    /// Length of the item's own plain bytes; its piece numbers follow them.
    own: u32,
    /// How many pieces it holds.
    refs: u32,
    /// Its scoped part (from [`SCOPE_MARK`] on), which every row of a
    /// workspace has alike: a piece's number plus one, or 0 for none.
    scoped: u32,
}

impl Span {
    fn end(&self) -> usize {
        self.start as usize + self.own as usize + 4 * self.refs as usize
    }

    fn len(&self) -> usize {
        self.end() - self.start as usize
    }
}

/// The length of `key`'s part before its scoped fields.
fn plain_len(key: &[u8]) -> usize {
    memchr::memrchr(SCOPE_MARK, key).unwrap_or(key.len())
}

/// [`byte_mask`] of the part of `key` before its scoped fields.
fn plain_mask(key: &str) -> u64 {
    let key = key.as_bytes();
    byte_mask(&key[..plain_len(key)])
}

/// The piece numbers stored after an item's own bytes.
fn numbers(bytes: &[u8]) -> impl Iterator<Item = u32> + '_ {
    bytes
        .chunks_exact(4)
        .map(|n| u32::from_le_bytes([n[0], n[1], n[2], n[3]]))
}

impl SearchKeys {
    /// How many items have a key.
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// [`byte_mask`] of the plain part of item `index`'s key.
    pub fn mask_of(&self, index: usize) -> u64 {
        self.masks[index]
    }

    /// The item's own plain part and its scoped part (from [`SCOPE_MARK`]
    /// on); its pieces are apart ([`Self::pieces_of`]).
    pub fn own_parts(&self, index: usize) -> (&[u8], &[u8]) {
        let span = self.spans[index];
        let start = span.start as usize;
        let own = &self.text[start..start + span.own as usize];
        let scoped = match span.scoped {
            0 => &[][..],
            n => self.pieces.texts[n as usize - 1].as_bytes(),
        };
        (own, scoped)
    }

    /// The numbers of the item's pieces.
    pub fn piece_numbers(&self, index: usize) -> impl Iterator<Item = usize> + '_ {
        let span = self.spans[index];
        let from = span.start as usize + span.own as usize;
        numbers(&self.text[from..span.end()]).map(|n| n as usize)
    }

    /// The texts of the item's pieces.
    pub fn pieces_of(&self, index: usize) -> impl Iterator<Item = &[u8]> + '_ {
        self.piece_numbers(index)
            .map(|n| self.pieces.texts[n].as_bytes())
    }

    /// Every piece's text and [`byte_mask`], by number (dead ones too).
    pub fn piece_texts(&self) -> impl Iterator<Item = (&[u8], u64)> + '_ {
        self.pieces
            .texts
            .iter()
            .zip(&self.pieces.masks)
            .map(|(text, &mask)| (text.as_bytes(), mask))
    }

    /// Per piece (by number), whether it holds `word` (which `finder`
    /// finds). Remembered for the last few words, so only pieces added
    /// since are searched; a new word is searched for only in the pieces
    /// holding the longest remembered word within it (the word before the
    /// last letter typed), or else in all of them in one pass.
    pub fn piece_hits(&self, word: &str, finder: &memchr::memmem::Finder<'_>) -> Vec<bool> {
        let word_mask = byte_mask(word.as_bytes());
        let found =
            |text: &[u8], mask: u64| mask & word_mask == word_mask && finder.find(text).is_some();
        let renumbered = self.pieces.renumbered;
        let mut memo = self.hits_memo.borrow_mut();
        let current = |m: &&PieceHits| m.renumbered == renumbered;
        let (at, within) = match memo.iter().position(|m| &*m.word == word && current(&m)) {
            Some(at) => (at, Vec::new()),
            None => {
                let within = memo
                    .iter()
                    .filter(current)
                    .filter(|m| word.contains(&*m.word))
                    .max_by_key(|m| m.word.len())
                    .map(|m| m.hits.clone())
                    .unwrap_or_default();
                if memo.len() >= HITS_KEPT {
                    memo.remove(0);
                }
                memo.push(PieceHits {
                    word: word.into(),
                    renumbered,
                    hits: Vec::new(),
                });
                (memo.len() - 1, within)
            }
        };
        let entry = &mut memo[at];
        let known = entry.hits.len();
        if within.is_empty() && self.pieces.texts.len() - known > scan::SCAN_PIECES {
            entry.hits.extend(self.scan_pieces(known, finder));
        } else {
            entry
                .hits
                .extend(
                    self.piece_texts()
                        .enumerate()
                        .skip(known)
                        .map(|(n, (text, mask))| {
                            within.get(n).copied().unwrap_or(true) && found(text, mask)
                        }),
                );
        }
        entry.hits.clone()
    }

    /// Whether item `index`'s key is `key`, read without building it.
    pub fn holds(&self, index: usize, key: &str) -> bool {
        let split = plain_len(key.as_bytes());
        let (plain, scoped) = key.split_at(split);
        let (own_plain, own_scoped) = self.own_parts(index);
        if own_scoped != scoped.as_bytes() {
            return false;
        }
        let mut own = own_plain;
        let mut numbers = self.piece_numbers(index);
        for segment in segments(plain) {
            let same = match segment {
                Segment::Own(text) => match own.strip_prefix(text.as_bytes()) {
                    Some(rest) => {
                        own = rest;
                        true
                    }
                    None => false,
                },
                Segment::Piece(text) => numbers
                    .next()
                    .is_some_and(|n| &*self.pieces.texts[n] == text),
            };
            if !same {
                return false;
            }
        }
        own.is_empty() && numbers.next().is_none()
    }

    /// `key` as stored: its own bytes then its piece numbers, appended to
    /// `out`; its pieces are counted as held.
    fn encode(&mut self, key: &str, out: &mut Vec<u8>) -> Span {
        let split = plain_len(key.as_bytes());
        let (plain, scoped) = key.split_at(split);
        let start = out.len();
        for segment in segments(plain) {
            if let Segment::Own(text) = segment {
                out.extend_from_slice(text.as_bytes());
            }
        }
        let own = out.len() - start;
        let mut refs = 0;
        for segment in segments(plain) {
            if let Segment::Piece(text) = segment {
                out.extend_from_slice(&self.pieces.hold(text).to_le_bytes());
                refs += 1;
            }
        }
        let scoped = match scoped {
            "" => 0,
            scoped => self.pieces.hold(scoped) + 1,
        };
        Span {
            start: 0,
            own: u32_of(own),
            refs,
            scoped,
        }
    }

    fn release(&mut self, span: Span) {
        let from = span.start as usize + span.own as usize;
        for number in numbers(&self.text[from..span.end()]) {
            self.pieces.release(number);
        }
        if span.scoped > 0 {
            self.pieces.release(span.scoped - 1);
        }
    }

    pub fn push(&mut self, key: &str) {
        self.start_order.take();
        let start = self.text.len();
        let mut text = std::mem::take(&mut self.text);
        let mut span = self.encode(key, &mut text);
        self.text = text;
        span.start = u32_of(start);
        self.spans.push(span);
        self.masks.push(plain_mask(key));
    }

    pub fn set(&mut self, index: usize, key: &str) {
        if self.holds(index, key) {
            return;
        }
        let mut encoded = Vec::with_capacity(key.len());
        let mut span = self.encode(key, &mut encoded);
        let old = self.spans[index];
        self.release(old);
        if encoded.len() <= old.len() {
            // Fits where the old key was: no growth, only its tail is garbage.
            let start = old.start as usize;
            self.text[start..start + encoded.len()].copy_from_slice(&encoded);
            self.garbage += old.len() - encoded.len();
            span.start = old.start;
        } else {
            self.garbage += old.len();
            span.start = u32_of(self.text.len());
            self.text.extend_from_slice(&encoded);
        }
        self.spans[index] = span;
        self.masks[index] = plain_mask(key);
        self.start_order.take();
        self.compact_if_needed();
    }

    pub fn swap_remove(&mut self, index: usize) {
        self.start_order.take();
        let span = self.spans[index];
        self.release(span);
        self.garbage += span.len();
        self.spans.swap_remove(index);
        self.masks.swap_remove(index);
        self.compact_if_needed();
    }

    /// Keep the keys of the items whose flag is set.
    pub fn retain(&mut self, keep: &[bool]) {
        self.start_order.take();
        for (index, _) in keep.iter().enumerate().filter(|(_, keep)| !**keep) {
            let span = self.spans[index];
            self.release(span);
            self.garbage += span.len();
        }
        let mut at = 0;
        self.spans.retain(|_| {
            at += 1;
            keep[at - 1]
        });
        let mut at = 0;
        self.masks.retain(|_| {
            at += 1;
            keep[at - 1]
        });
        self.compact_if_needed();
    }

    fn compact_if_needed(&mut self) {
        if self.pieces.dead * 2 > self.pieces.texts.len() {
            self.compact_pieces();
        }
        if self.garbage * 2 <= self.text.len() {
            return;
        }
        let mut text = Vec::with_capacity(self.text.len() - self.garbage);
        for span in &mut self.spans {
            let new_start = u32_of(text.len());
            text.extend_from_slice(&self.text[span.start as usize..span.end()]);
            span.start = new_start;
        }
        self.text = text;
        self.garbage = 0;
    }

    /// Forget the pieces no key holds, and number the others again.
    fn compact_pieces(&mut self) {
        let renumbered = self.pieces.drop_dead();
        for span in &mut self.spans {
            if span.scoped > 0 {
                span.scoped = renumbered[span.scoped as usize - 1] + 1;
            }
            let from = span.start as usize + span.own as usize;
            for number in self.text[from..span.end()].chunks_exact_mut(4) {
                let old = u32::from_le_bytes([number[0], number[1], number[2], number[3]]);
                number.copy_from_slice(&renumbered[old as usize].to_le_bytes());
            }
        }
    }

    /// Bytes held, garbage included.
    pub fn bytes(&self) -> usize {
        let pieces = &self.pieces;
        self.text.capacity()
            + self.spans.capacity() * std::mem::size_of::<Span>()
            + self.masks.capacity() * 8
            + pieces.texts.capacity() * std::mem::size_of::<Box<str>>()
            + pieces.texts.iter().map(|t| t.len()).sum::<usize>()
            + pieces.masks.capacity() * 8
            + pieces.uses.capacity() * 4
            + pieces.index.bytes()
    }

    /// How many pieces are stored, dead ones included (for tests and the
    /// memory bench).
    pub fn piece_count(&self) -> usize {
        self.pieces.texts.len()
    }
}

#[cfg(test)]
#[path = "search_tests.rs"]
mod tests;
