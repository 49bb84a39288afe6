//! The filter keys of a list's rows, back to back in one buffer.
//!
//! A keystroke of the `/` filter searches every row's key; stored apart
//! (one allocation per row, reached through the row) that would be two
//! cache misses per row. Here the keys are one contiguous text scanned in
//! order. A replaced or removed key leaves garbage behind, compacted away
//! once it is half the buffer.

#[derive(Debug, Clone, Default)]
pub struct SearchKeys {
    text: String,
    /// Per item: where its key is in `text`.
    spans: Vec<Span>,
    /// Per item: [`byte_mask`] of the plain part of its key.
    masks: Vec<u64>,
    garbage: usize,
}

/// Where a key's plain words end and its scoped fields (`ws:`) begin.
pub const SCOPE_MARK: u8 = 0x1E;

/// One key's place in the buffer. The plain part's length is kept so that
/// a keystroke never looks for [`SCOPE_MARK`] in every row again.
#[derive(Debug, Clone, Copy, Default)]
struct Span {
    start: u32,
    len: u32,
    plain: u32,
}

/// The length of `key`'s part before its scoped fields.
fn plain_len(key: &[u8]) -> usize {
    memchr::memrchr(SCOPE_MARK, key).unwrap_or(key.len())
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

/// [`byte_mask`] of the part of `key` before its scoped fields.
fn plain_mask(key: &str) -> u64 {
    let key = key.as_bytes();
    byte_mask(&key[..plain_len(key)])
}

impl SearchKeys {
    pub fn get(&self, index: usize) -> &str {
        let Span { start, len, .. } = self.spans[index];
        &self.text[start as usize..(start + len) as usize]
    }

    /// [`byte_mask`] of the plain part of item `index`'s key.
    pub fn mask_of(&self, index: usize) -> u64 {
        self.masks[index]
    }

    /// The key as bytes: no char-boundary check, for the filter's scan.
    pub fn bytes_of(&self, index: usize) -> &[u8] {
        let Span { start, len, .. } = self.spans[index];
        &self.text.as_bytes()[start as usize..(start + len) as usize]
    }

    /// The key's plain part and its scoped part (from [`SCOPE_MARK`] on).
    pub fn parts_of(&self, index: usize) -> (&[u8], &[u8]) {
        let key = self.bytes_of(index);
        key.split_at((self.spans[index].plain as usize).min(key.len()))
    }

    fn append(&mut self, key: &str) -> Span {
        let start = u32::try_from(self.text.len()).unwrap_or(u32::MAX);
        self.text.push_str(key);
        Span {
            start,
            len: u32::try_from(key.len()).unwrap_or(0),
            plain: u32::try_from(plain_len(key.as_bytes())).unwrap_or(0),
        }
    }

    pub fn push(&mut self, key: &str) {
        let span = self.append(key);
        self.spans.push(span);
        self.masks.push(plain_mask(key));
    }

    pub fn set(&mut self, index: usize, key: &str) {
        if self.get(index) == key {
            return;
        }
        self.masks[index] = plain_mask(key);
        let Span { start, len, .. } = self.spans[index];
        let new_len = u32::try_from(key.len()).unwrap_or(u32::MAX);
        if new_len <= len {
            // Fits where the old key was: no growth, only its tail is garbage.
            // The old span, padded to its length: every other span stays put
            // and the text stays whole characters.
            let (start, end) = (start as usize, (start + len) as usize);
            let pad = (len - new_len) as usize;
            self.text
                .replace_range(start..end, &format!("{key}{}", " ".repeat(pad)));
            self.garbage += pad;
            self.spans[index].len = new_len;
            self.spans[index].plain = u32::try_from(plain_len(key.as_bytes())).unwrap_or(0);
            return;
        }
        self.garbage += len as usize;
        self.spans[index] = self.append(key);
        self.compact_if_needed();
    }

    pub fn swap_remove(&mut self, index: usize) {
        self.garbage += self.spans[index].len as usize;
        self.spans.swap_remove(index);
        self.masks.swap_remove(index);
        self.compact_if_needed();
    }

    /// Keep the keys of the items whose flag is set.
    pub fn retain(&mut self, keep: &[bool]) {
        let mut at = 0;
        let mut dropped = 0;
        self.spans.retain(|span| {
            at += 1;
            if !keep[at - 1] {
                dropped += span.len as usize;
            }
            keep[at - 1]
        });
        self.garbage += dropped;
        let mut at = 0;
        self.masks.retain(|_| {
            at += 1;
            keep[at - 1]
        });
        self.compact_if_needed();
    }

    fn compact_if_needed(&mut self) {
        if self.garbage * 2 <= self.text.len() {
            return;
        }
        let mut text = String::with_capacity(self.text.len() - self.garbage);
        for span in &mut self.spans {
            let (start, len) = (span.start as usize, span.len as usize);
            let new_start = u32::try_from(text.len()).unwrap_or(u32::MAX);
            text.push_str(&self.text[start..start + len]);
            span.start = new_start;
        }
        self.text = text;
        self.garbage = 0;
    }

    /// Bytes held, garbage included.
    pub fn bytes(&self) -> usize {
        self.text.capacity()
            + self.spans.capacity() * std::mem::size_of::<Span>()
            + self.masks.capacity() * 8
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_survive_replacement_removal_and_compaction() {
        let mut keys = SearchKeys::default();
        for key in ["alpha", "beta", "gamma"] {
            keys.push(key);
        }
        keys.set(1, "bravo");
        assert_eq!(keys.get(1), "bravo");
        keys.set(2, "gé");
        assert_eq!(
            (keys.get(2), keys.get(0)),
            ("gé", "alpha"),
            "shorter: in place"
        );
        keys.swap_remove(0);
        assert_eq!((keys.get(0), keys.get(1)), ("gé", "bravo"));
        assert_eq!(keys.text, "gébravo", "compacted once half was garbage");
        keys.retain(&[false, true]);
        assert_eq!(keys.get(0), "bravo");
        assert!(keys.garbage * 2 <= keys.text.len());
    }

    #[test]
    fn each_key_knows_where_its_scoped_fields_begin() {
        let scoped = format!("acme ops{}ws:labs", SCOPE_MARK as char);
        let mut keys = SearchKeys::default();
        keys.push(&scoped);
        keys.push("plain only");
        assert_eq!(keys.parts_of(0).0, b"acme ops");
        assert_eq!(keys.parts_of(0).1[0], SCOPE_MARK);
        assert_eq!(keys.parts_of(1), (&b"plain only"[..], &b""[..]));
        // Replaced in place (shorter) and moved (longer): the split follows.
        keys.set(0, &format!("ab{}ws:x", SCOPE_MARK as char));
        assert_eq!(keys.parts_of(0).0, b"ab");
        keys.set(1, &format!("a much longer key{}ws:y", SCOPE_MARK as char));
        assert_eq!(keys.parts_of(1).0, b"a much longer key");
        keys.set(0, "no scope now");
        assert_eq!(keys.parts_of(0), (&b"no scope now"[..], &b""[..]));
    }
}
