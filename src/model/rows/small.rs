//! Small field types that keep a row compact: 100,000 invites make every
//! byte of a row 100 KB.

use std::borrow::Borrow;
use std::hash::{Hash, Hasher};
use std::ops::Deref;

/// A Unix time a row may not know: 8 bytes where `Option<i64>` takes 16
/// (100,000 invites and their acceptances hold four each).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct MaybeTime(i64);

impl MaybeTime {
    /// No time: a value Slack never sends.
    pub const NONE: MaybeTime = MaybeTime(i64::MIN);

    pub fn get(self) -> Option<i64> {
        (self != Self::NONE).then_some(self.0)
    }
}

impl From<Option<i64>> for MaybeTime {
    fn from(time: Option<i64>) -> MaybeTime {
        time.filter(|&t| t != i64::MIN)
            .map_or(Self::NONE, MaybeTime)
    }
}

impl std::fmt::Debug for MaybeTime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.get().fmt(f)
    }
}

/// A shared string held through a thin pointer: 8 bytes where `Arc<str>`
/// takes 16, for the strings every invite holds a few of (its status, its
/// direction, its recipient, its channel's name) and that Slack repeats
/// across rows. Count, length and text are one allocation (an
/// `Arc<String>` would be two: 40,000 channel names made that 2.7 MB).
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct SharedText(arcstr::ArcStr);

impl Deref for SharedText {
    type Target = str;

    fn deref(&self) -> &str {
        self.0.as_str()
    }
}

impl AsRef<str> for SharedText {
    fn as_ref(&self) -> &str {
        self
    }
}

impl Borrow<str> for SharedText {
    fn borrow(&self) -> &str {
        self
    }
}

/// As a `str` hashes: a set of texts is looked up by `&str`.
impl Hash for SharedText {
    fn hash<H: Hasher>(&self, state: &mut H) {
        (**self).hash(state);
    }
}

impl From<&str> for SharedText {
    fn from(text: &str) -> SharedText {
        SharedText(arcstr::ArcStr::from(text))
    }
}

impl std::fmt::Debug for SharedText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        (**self).fmt(f)
    }
}

impl SharedText {
    /// How many rows (and the interner) hold this text.
    pub fn holders(&self) -> usize {
        arcstr::ArcStr::strong_count(&self.0).unwrap_or(usize::MAX)
    }
}
