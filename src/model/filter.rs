//! The `/` filter, shared by the TUI and `connect-triage list --filter`.
//!
//! # Syntax
//!
//! - Words separated by spaces. An item matches when **every** word is
//!   found in one of its fields: `acme ops` keeps Acme's invites to `#ops`.
//! - Case does not matter (`ACME` = `acme`), and characters nobody can type
//!   (zero-width, bidi and control characters) are ignored on both sides,
//!   so `acmecorp` finds `Acme\u{200B}Corp`.
//! - `-word` keeps only items where no field contains the word:
//!   `-gmail.com`.
//! - `"two words"` matches the phrase with its space; `-"two words"`
//!   excludes it. An unclosed quote runs to the end of the text.
//! - A leading `#` is dropped, so `#ops` finds the channel shown as `#ops`.
//! - A word is looked for inside each field, never across two fields.
//! - The empty filter matches everything.
//! - `ws:NAME` keeps the rows of our workspaces whose name or ID contains
//!   `NAME` (an org-wide token's merged lists); `-ws:NAME` leaves them out,
//!   and `ws:"two words"` quotes a name. A scoped word is looked for only
//!   in its scope, and plain words never look there: `acme` does not keep
//!   every row of the workspace "Acme Sales".
//! - `risk:` keeps the invites and requests with any risk signal, and
//!   `risk:NAME` those with one: `lookalike`, `email`, `unverified`,
//!   `first`, `broad`, `busy`, `expiring` (or a part of one, or the flag
//!   the RISK column shows, like `<24h`); `-risk:` keeps those with none.
//!   Signals are not text of the row: they are the flags its list keeps
//!   beside it ([`Filter::matches_row`]), so plain words never match them,
//!   and a caller with no flags to give (the command line) matches none.
//!
//! The fields of each list are the columns an admin sees (org, domain,
//! channel, user, email, ID): see [`invite_fields`], [`request_fields`],
//! [`org_fields`] and [`channel_fields`].
//!
//! # Speed
//!
//! A list keeps one precomputed key per item ([`search_key`]): the fields,
//! cleaned and lowercased, joined by a separator no term can contain, so a
//! keystroke is one substring search per item. [`Filter::narrows`] tells
//! when the new text can only remove matches (typing one more letter), so
//! only the current matches need checking.

use crate::model::risk_flags::RiskFlags;
use crate::model::search::{PIECE_CLOSE, PIECE_OPEN};
pub use crate::model::wire_fields::{channel_fields, invite_fields, org_fields, request_fields};

/// Between two fields in a [`search_key`]; terms never contain it.
const SEPARATOR: char = '\u{1F}';
/// Between a key's plain fields and its scoped ones (`ws:…`); nothing
/// typed contains it, so plain words never reach the scoped part.
const SCOPED: char = crate::model::search::SCOPE_MARK as char;

/// The scopes a word may name, as `SCOPE:TEXT`.
pub const WORKSPACE_SCOPE: &str = "ws";
/// Risk signals: matched against the row's flags, not its key.
pub const RISK_SCOPE: &str = "risk";
const SCOPES: [&str; 2] = [WORKSPACE_SCOPE, RISK_SCOPE];

#[derive(Debug, Clone)]
struct Term {
    /// Cleaned and lowercased; never empty.
    text: String,
    negated: bool,
    /// `ws:…`: looked for only in the key's fields of that scope.
    scope: Option<&'static str>,
    /// `risk:…`: the signals it names, any of which keeps a row.
    risk: RiskFlags,
    /// A SIMD substring searcher for `text`, built once per keystroke.
    finder: memchr::memmem::Finder<'static>,
    /// The bytes `text` holds ([`crate::model::search::byte_mask`]).
    mask: u64,
    /// `text` is one byte with a bit of its own: the mask alone decides.
    by_mask: bool,
}

impl PartialEq for Term {
    fn eq(&self, other: &Term) -> bool {
        self.text == other.text && self.negated == other.negated && self.scope == other.scope
    }
}

impl Eq for Term {}

/// A parsed filter. `Filter::default()` matches everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    terms: Vec<Term>,
}

/// Characters the filter ignores: controls and invisible characters.
fn ignored(c: char) -> bool {
    c.is_control() || crate::text::sanitize::is_invisible(c)
}

/// `text` cleaned of ignored characters and lowercased, appended to `out`.
fn push_folded(out: &mut String, text: &str) {
    for c in text.chars() {
        if c.is_ascii() {
            if !c.is_ascii_control() {
                out.push(c.to_ascii_lowercase());
            }
        } else if !ignored(c) {
            out.extend(c.to_lowercase());
        }
    }
}

fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_folded(&mut out, text);
    out
}

/// The key a list keeps per item: its fields folded and joined.
pub fn search_key(fields: &[&str]) -> Box<str> {
    search_key_scoped(fields, &[])
}

/// [`search_key`] with scoped fields: `(scope, text)`, e.g. `("ws",
/// "Acme Sales")`, found only by words that name the scope.
pub fn search_key_scoped(fields: &[&str], scoped: &[(&str, &str)]) -> Box<str> {
    search_key_pieces(fields, &[], scoped)
}

/// [`search_key_scoped`] with shared pieces: fields many rows have alike,
/// grouped by what they belong to (an org's name, domain and ID; a user's
/// name and email). A list stores each piece once ([`crate::model::search::SearchKeys`]); read
/// whole, the key matches as if the pieces' fields were among `fields`.
pub fn search_key_pieces(
    fields: &[&str],
    pieces: &[Vec<&str>],
    scoped: &[(&str, &str)],
) -> Box<str> {
    let text_len = |fields: &[&str]| fields.iter().map(|f| f.len() + 1).sum::<usize>();
    let len = text_len(fields)
        + pieces.iter().map(|p| text_len(p) + 1).sum::<usize>()
        + scoped
            .iter()
            .map(|(s, t)| s.len() + t.len() + 3)
            .sum::<usize>();
    let mut key = String::with_capacity(len);
    let mut first = true;
    for (i, field) in fields.iter().enumerate() {
        // A field said twice (an invite's recipient is often its accepting
        // user) matches nothing more: 100,000 keys are megabytes smaller.
        if fields[..i].contains(field) || pieces.iter().any(|p| p.contains(field)) {
            continue;
        }
        if !first {
            key.push(SEPARATOR);
        }
        first = false;
        push_folded(&mut key, field);
    }
    for (n, piece) in pieces.iter().enumerate() {
        if pieces[..n].contains(piece) {
            continue;
        }
        key.push(PIECE_OPEN as char);
        for (i, field) in piece.iter().enumerate() {
            if i > 0 {
                key.push(SEPARATOR);
            }
            push_folded(&mut key, field);
        }
        key.push(PIECE_CLOSE as char);
    }
    if !scoped.is_empty() {
        key.push(SCOPED);
        for (scope, text) in scoped {
            key.push(SEPARATOR);
            key.push_str(scope);
            key.push(':');
            push_folded(&mut key, text);
        }
    }
    key.into_boxed_str()
}

/// The scoped fields of a row in our workspace `id` named `name`.
pub fn workspace_scoped<'a>(id: &'a str, name: Option<&'a str>) -> Vec<(&'a str, &'a str)> {
    let mut out = vec![(WORKSPACE_SCOPE, id)];
    out.extend(name.map(|n| (WORKSPACE_SCOPE, n)));
    out
}

/// The values of `scope`'s fields in a key's scoped part.
fn scoped_fields<'k>(scoped: &'k [u8], scope: &'static str) -> impl Iterator<Item = &'k [u8]> {
    scoped
        .split(|&b| b == SEPARATOR as u8)
        .filter_map(move |field| {
            field
                .strip_prefix(scope.as_bytes())
                .and_then(|rest| rest.strip_prefix(b":"))
        })
}

/// `ws:` when `word` starts with a known scope's name and a colon.
fn scope_of(word: &str) -> Option<&'static str> {
    SCOPES.into_iter().find(|scope| {
        word.len() > scope.len()
            && word.as_bytes()[scope.len()] == b':'
            && word[..scope.len()].eq_ignore_ascii_case(scope)
    })
}

impl Filter {
    pub fn parse(text: &str) -> Filter {
        let mut terms = Vec::new();
        let mut chars = text.chars().peekable();
        loop {
            while chars.next_if(|c| c.is_whitespace()).is_some() {}
            let Some(&first) = chars.peek() else { break };
            let negated = first == '-';
            if negated {
                chars.next();
            }
            let mut raw = String::new();
            if chars.next_if_eq(&'"').is_some() {
                for c in chars.by_ref() {
                    if c == '"' {
                        break;
                    }
                    raw.push(c);
                }
            } else {
                while let Some(c) = chars.next_if(|c| !c.is_whitespace() && *c != '"') {
                    raw.push(c);
                }
                // `ws:"two words"`: the scope, then a quoted text.
                if scope_of(&raw).is_some_and(|s| raw.len() == s.len() + 1)
                    && chars.next_if_eq(&'"').is_some()
                {
                    for c in chars.by_ref() {
                        if c == '"' {
                            break;
                        }
                        raw.push(c);
                    }
                } else {
                    while let Some(c) = chars.next_if(|c| !c.is_whitespace()) {
                        raw.push(c);
                    }
                }
            }
            let scope = scope_of(&raw);
            let text = match scope {
                Some(scope) => fold(&raw[scope.len() + 1..]),
                None => fold(raw.strip_prefix('#').unwrap_or(&raw)),
            };
            // A lone `-` (the start of an exclusion being typed) is no term
            // yet; a bare `ws:` is: any workspace.
            if !text.is_empty() || scope.is_some() {
                let finder = memchr::memmem::Finder::new(text.as_bytes()).into_owned();
                let risk = if scope == Some(RISK_SCOPE) {
                    RiskFlags::named(&text)
                } else {
                    RiskFlags::default()
                };
                let mask = crate::model::search::byte_mask(text.as_bytes());
                let by_mask =
                    matches!(text.as_bytes(), [one] if crate::model::search::byte_bit(*one).1);
                terms.push(Term {
                    text,
                    negated,
                    scope,
                    risk,
                    finder,
                    mask,
                    by_mask,
                });
            }
        }
        Filter { terms }
    }

    /// True when the filter keeps every item.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// Whether an item with these fields matches.
    pub fn matches(&self, fields: &[&str]) -> bool {
        self.is_empty() || self.matches_key(&search_key(fields))
    }

    /// Whether an item with these fields and scoped fields matches.
    pub fn matches_scoped(&self, fields: &[&str], scoped: &[(&str, &str)]) -> bool {
        self.is_empty() || self.matches_key(&search_key_scoped(fields, scoped))
    }

    /// Whether an item whose [`search_key`] is `key` matches.
    pub fn matches_key(&self, key: &str) -> bool {
        self.matches_bytes(key.as_bytes())
    }

    /// [`Filter::matches_key`] on the key's bytes, for an item with no
    /// risk flags.
    pub fn matches_bytes(&self, key: &[u8]) -> bool {
        self.matches_row(key, RiskFlags::default())
    }

    /// Whether an item whose key's bytes are `key` and whose risk signals
    /// are `risk` matches.
    pub fn matches_row(&self, key: &[u8], risk: RiskFlags) -> bool {
        self.matches_keyed(key, None, risk)
    }

    /// [`Self::matches_row`] with the key's byte mask at hand: a word whose
    /// bytes the key lacks is ruled out without reading the key.
    pub fn matches_keyed(&self, key: &[u8], mask: Option<u64>, risk: RiskFlags) -> bool {
        let split = memchr::memrchr(SCOPED as u8, key).unwrap_or(key.len());
        let (plain, scoped) = key.split_at(split);
        self.decide(
            mask,
            risk,
            || scoped,
            |_, term| term.finder.find(plain).is_some(),
        )
    }

    /// Whether `found` holds for every word, given how to read the key's
    /// scoped part. `found(n, term)` looks for plain word number `n`, which
    /// the mask (when given) did not decide.
    fn decide<'k>(
        &self,
        mask: Option<u64>,
        risk: RiskFlags,
        scoped: impl Fn() -> &'k [u8],
        found: impl Fn(usize, &Term) -> bool,
    ) -> bool {
        self.terms.iter().enumerate().all(|(n, term)| {
            let found = match term.scope {
                None => match mask {
                    Some(mask) if mask & term.mask != term.mask => false,
                    Some(_) if term.by_mask => true,
                    _ => found(n, term),
                },
                Some(RISK_SCOPE) => risk.intersects(term.risk),
                Some(scope) => {
                    scoped_fields(scoped(), scope).any(|f| term.finder.find(f).is_some())
                }
            };
            found != term.negated
        })
    }

    /// True when a word names risk signals: the matches change when a
    /// row's signals do.
    pub fn uses_risk(&self) -> bool {
        self.terms.iter().any(|t| t.scope == Some(RISK_SCOPE))
    }

    /// True when every item this filter keeps was also kept by `previous`,
    /// so only `previous`'s matches need checking (e.g. one more letter typed).
    pub fn narrows(&self, previous: &Filter) -> bool {
        previous.terms.iter().all(|old| {
            self.terms.iter().any(|new| {
                new.negated == old.negated
                    && new.scope == old.scope
                    && if old.negated {
                        // Excluding a shorter word excludes more.
                        old.text.contains(new.text.as_str())
                    } else {
                        new.text.contains(old.text.as_str())
                    }
            })
        })
    }
}

#[path = "filter_stored.rs"]
mod stored;
pub use stored::StoredMatcher;

#[cfg(test)]
#[path = "filter_tests.rs"]
mod tests;
