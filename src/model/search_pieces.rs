//! What [`crate::model::search`] builds on: the marks of a shared piece in
//! a key, byte masks, and the pieces a list's keys share (each text once,
//! numbered, counted by the keys that hold it).

use crate::model::text_index::TextIndex;

/// Before and after a piece of a key that other rows share (an org, a
/// user): stored once per list.
pub const PIECE_OPEN: u8 = 0x1C;
pub const PIECE_CLOSE: u8 = 0x1D;

pub(crate) fn u32_of(n: usize) -> u32 {
    u32::try_from(n).expect("a list's filter keys fit in 4 GB")
}

/// The bit of a byte in a [`byte_mask`]: its own bit for the letters,
/// digits and the few marks addresses and names use, else one bit shared
/// by every other byte.
pub fn byte_bit(byte: u8) -> (u32, bool) {
    match byte {
        b'a'..=b'z' => (u32::from(byte - b'a'), true),
        b'0'..=b'9' => (26 + u32::from(byte - b'0'), true),
        b'.' => (36, true),
        b'@' => (37, true),
        b'-' => (38, true),
        b'_' => (39, true),
        b' ' => (40, true),
        _ => (63, false),
    }
}

/// Which bytes `text` holds, one bit each ([`byte_bit`]). A key that lacks
/// a bit of a word cannot hold the word, so most rows are ruled out for a
/// few words by one AND, and a one-letter word is decided by it alone:
/// the first keystroke of a filter is the slowest, since every row is
/// checked.
pub fn byte_mask(text: &[u8]) -> u64 {
    text.iter().fold(0, |mask, &b| mask | 1 << byte_bit(b).0)
}

/// The texts of the pieces keys share, each once, numbered.
#[derive(Debug, Clone, Default)]
pub(crate) struct Pieces {
    pub(crate) texts: Vec<Box<str>>,
    pub(crate) masks: Vec<u64>,
    /// Per piece: how many stored keys hold it; 0 is dead, kept until
    /// half are.
    pub(crate) uses: Vec<u32>,
    pub(crate) dead: usize,
    pub(crate) index: TextIndex,
    /// How many times the pieces were numbered again.
    pub(crate) renumbered: u64,
}

/// A stretch of a key's plain part: the row's own, or a shared piece.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Segment<'k> {
    Own(&'k str),
    Piece(&'k str),
}

/// The stretches of a plain part, in order. An unclosed piece runs to the
/// end.
pub(crate) fn segments(plain: &str) -> impl Iterator<Item = Segment<'_>> {
    let mut rest = plain;
    std::iter::from_fn(move || {
        let bytes = rest.as_bytes();
        let first = *bytes.first()?;
        if first == PIECE_OPEN {
            let close = memchr::memchr(PIECE_CLOSE, bytes).unwrap_or(bytes.len());
            let piece = &rest[1..close];
            rest = &rest[(close + 1).min(rest.len())..];
            Some(Segment::Piece(piece))
        } else {
            let open = memchr::memchr(PIECE_OPEN, bytes).unwrap_or(bytes.len());
            let own = &rest[..open];
            rest = &rest[open..];
            Some(Segment::Own(own))
        }
    })
}

impl Pieces {
    /// The number of piece `text`, counted as used once more.
    pub(crate) fn hold(&mut self, text: &str) -> u32 {
        let number = match self.index.get(text, &self.texts[..]) {
            Some(number) => {
                if self.uses[number] == 0 {
                    self.dead -= 1;
                }
                number
            }
            None => {
                let number = self.texts.len();
                self.texts.push(text.into());
                self.masks.push(byte_mask(text.as_bytes()));
                self.uses.push(0);
                self.index.insert(text, number, &self.texts[..]);
                number
            }
        };
        self.uses[number] += 1;
        u32_of(number)
    }

    /// Forget the pieces no key holds; each old number's new one
    /// (`u32::MAX` for the forgotten).
    pub(crate) fn drop_dead(&mut self) -> Vec<u32> {
        let old = std::mem::take(self);
        self.renumbered = old.renumbered + 1;
        let mut renumbered = vec![u32::MAX; old.texts.len()];
        let kept = old.texts.into_iter().zip(old.masks).zip(old.uses);
        for (number, ((text, mask), uses)) in kept.enumerate() {
            if uses > 0 {
                renumbered[number] = u32_of(self.texts.len());
                self.texts.push(text);
                self.masks.push(mask);
                self.uses.push(uses);
            }
        }
        self.index.rebuild(self.texts.len(), &self.texts[..]);
        renumbered
    }

    pub(crate) fn release(&mut self, number: u32) {
        let uses = &mut self.uses[number as usize];
        *uses -= 1;
        if *uses == 0 {
            self.dead += 1;
        }
    }
}
