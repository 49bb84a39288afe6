//! "Looks like another org we know". Names and domains are folded so that
//! what reads alike compares equal: lower case, every character replaced by
//! its Unicode TR39 confusable skeleton (the `unicode-security` crate, so
//! Cyrillic "і" is "i" and "0" is "o"), accents, punctuation and spaces
//! dropped, and the words that only say what kind of company it is ("Inc",
//! "LLC") left out. A folded name then resembles a known org's when it is
//! the same, holds the known name as a run of whole words ("Stripe
//! Payments" holds "Stripe"), or is one edit away ("Stirpe").

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// Words that say what kind of company, not which: "Stripe, Inc." is "Stripe".
const COMPANY_WORDS: &[&str] = &[
    "inc",
    "incorporated",
    "llc",
    "llp",
    "ltd",
    "limited",
    "corp",
    "corporation",
    "co",
    "company",
    "gmbh",
    "ag",
    "sa",
    "plc",
    "bv",
    "nv",
    "pty",
    "the",
];

/// Shortest known form matched as a run of words inside a longer name: a
/// three-letter name ("DHL") is inside too many others by chance.
const MIN_RUN: usize = 4;
/// Shortest form compared by edit distance: one edit in a shorter name
/// makes another, unrelated name ("Okta" and "Otka" aside).
const MIN_EDIT: usize = 5;
/// A name with more words than this is only compared whole.
const MAX_WORDS: usize = 8;

/// `text` lowercased, in its TR39 skeleton, lowercased again (a
/// character's prototype may be a capital: "0" is "O").
fn skeleton(text: &str) -> String {
    let lower = text.to_lowercase();
    unicode_security::skeleton(&lower)
        .flat_map(char::to_lowercase)
        .collect()
}

/// [`COMPANY_WORDS`] as they read once folded ("company" is "cornpany":
/// the skeleton of "m" is "rn").
fn company_words() -> &'static [String] {
    static FOLDED: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    FOLDED.get_or_init(|| COMPANY_WORDS.iter().map(|w| skeleton(w)).collect())
}

/// `text` folded into words (see the module's documentation).
pub(crate) fn folded_words(text: &str) -> Vec<String> {
    let skeleton = skeleton(text);
    let mut words = Vec::new();
    let mut word = String::new();
    for c in skeleton.chars() {
        if c.is_alphanumeric() {
            word.push(c);
        } else if unicode_normalization::char::is_combining_mark(c)
            || crate::text::sanitize::is_invisible(c)
        {
            // An accent the skeleton split off ("é" is "e" and a mark), or a
            // zero-width character: dropped without splitting the word.
        } else if !word.is_empty() {
            // A separator: a space, a hyphen, a dot, "&", a dash.
            words.push(std::mem::take(&mut word));
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    if words.len() > 1 {
        let company = company_words();
        let kept: Vec<String> = words
            .iter()
            .filter(|w| !company.contains(w))
            .cloned()
            .collect();
        if !kept.is_empty() {
            words = kept;
        }
    }
    words
}

/// `text` lowercased with only its letters and digits, no skeleton: two
/// domains that are the same here are the same domain, not lookalikes.
pub(crate) fn plain(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// An org names are compared against.
#[derive(Debug, Clone)]
struct Known {
    id: Arc<str>,
    name: Arc<str>,
    /// Its folded name and domain, each joined into one word.
    forms: Vec<String>,
}

/// The orgs we know, indexed so that one lookup is a few hash probes
/// whatever their number.
#[derive(Debug, Clone, Default)]
pub(crate) struct LookalikeIndex {
    known: Vec<Known>,
    ids: HashSet<Arc<str>>,
    /// Folded form → the orgs that have it.
    forms: HashMap<String, Vec<u32>>,
    /// Each form long enough, with one character left out → its orgs: two
    /// strings one edit apart share such a variant (or one is the other's).
    near: NearIndex,
    /// The forms before the skeleton.
    plain: HashSet<String>,
}

/// The one-edit variants of every known form, by a hash of the variant.
/// A known org has some thirty variants, so this is most of the index: a
/// hash and an org number are 12 bytes where the string and a list were
/// over a hundred. A hash can only point at a candidate; every candidate
/// is then checked by its edit distance, so two variants that share a hash
/// never make a match on their own.
#[derive(Debug, Clone, Default)]
struct NearIndex {
    /// The first org of each variant.
    first: HashMap<u64, u32>,
    /// The others, for the rare variant several orgs share.
    more: HashMap<u64, Vec<u32>>,
}

impl NearIndex {
    fn key(variant: &str) -> u64 {
        use std::hash::BuildHasher;
        std::hash::BuildHasherDefault::<std::collections::hash_map::DefaultHasher>::default()
            .hash_one(variant)
    }

    fn insert(&mut self, variant: &str, org: u32) {
        let key = Self::key(variant);
        match self.first.entry(key) {
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(org);
            }
            std::collections::hash_map::Entry::Occupied(first) if *first.get() == org => {}
            std::collections::hash_map::Entry::Occupied(_) => {
                let more = self.more.entry(key).or_default();
                if !more.contains(&org) {
                    more.push(org);
                }
            }
        }
    }

    /// The orgs that may have `variant` among their variants.
    fn candidates(&self, variant: &str) -> impl Iterator<Item = u32> + '_ {
        let key = Self::key(variant);
        let more = self.more.get(&key).map(Vec::as_slice).unwrap_or_default();
        self.first
            .get(&key)
            .copied()
            .into_iter()
            .chain(more.iter().copied())
    }
}

/// `form` with each one of its characters left out in turn.
fn deletions(form: &str) -> impl Iterator<Item = String> + '_ {
    form.char_indices().map(move |(at, c)| {
        let mut out = String::with_capacity(form.len());
        out.push_str(&form[..at]);
        out.push_str(&form[at + c.len_utf8()..]);
        out
    })
}

impl LookalikeIndex {
    /// Whether both compare against the same orgs under the same forms.
    pub(crate) fn same_orgs(&self, other: &LookalikeIndex) -> bool {
        self.ids == other.ids && self.forms == other.forms
    }

    /// How many orgs names are compared against.
    pub(crate) fn len(&self) -> usize {
        self.known.len()
    }

    /// Know the org `id` (once per ID); true when it was new.
    pub(crate) fn add(&mut self, id: &Arc<str>, name: Option<&str>, domain: Option<&str>) -> bool {
        if self.ids.contains(id) {
            return false;
        }
        let index = self.known.len() as u32;
        let mut forms: Vec<String> = Vec::new();
        for text in name.into_iter().chain(domain) {
            let form = folded_words(text).concat();
            if form.chars().count() >= 3 && !forms.contains(&form) {
                forms.push(form);
            }
            self.plain.insert(plain(text));
        }
        for form in &forms {
            self.forms.entry(form.clone()).or_default().push(index);
            if form.chars().count() >= MIN_EDIT {
                for variant in deletions(form) {
                    self.near.insert(&variant, index);
                }
            }
        }
        self.ids.insert(id.clone());
        self.known.push(Known {
            id: id.clone(),
            name: Arc::from(name.filter(|n| !n.is_empty()).unwrap_or(id)),
            forms,
        });
        true
    }

    /// "Stripe (T0STRIPE01)": how the evidence names known org `index`.
    pub(crate) fn label(&self, index: u32) -> String {
        let known = &self.known[index as usize];
        format!("{} ({})", known.name, known.id)
    }

    /// The known org, under another ID than `id`, that `name` or `domain`
    /// resembles: the closest match (same form, then a run of words, then
    /// one edit) of the first that has one.
    pub(crate) fn resembles(
        &self,
        id: &str,
        name: Option<&str>,
        domain: Option<&str>,
    ) -> Option<u32> {
        if self.known.is_empty() {
            return None;
        }
        let other = |i: &u32| &*self.known[*i as usize].id != id;
        name.into_iter()
            .chain(domain)
            .find_map(|text| self.matching(&folded_words(text), &other))
    }

    /// The known org an email domain's org label (`stripe-payments`)
    /// resembles without being its very domain or name.
    pub(crate) fn resembles_label(&self, label: &str) -> Option<u32> {
        if self.known.is_empty() || self.plain.contains(&plain(label)) {
            return None;
        }
        self.matching(&folded_words(label), &|_| true)
    }

    fn first(&self, list: Option<&Vec<u32>>, keep: &dyn Fn(&u32) -> bool) -> Option<u32> {
        list.and_then(|l| l.iter().copied().find(|i| keep(i)))
    }

    fn matching(&self, words: &[String], keep: &dyn Fn(&u32) -> bool) -> Option<u32> {
        let whole = words.concat();
        if whole.is_empty() {
            return None;
        }
        if let Some(found) = self.first(self.forms.get(&whole), keep) {
            return Some(found);
        }
        // Runs of whole words inside the name: "Stripe Payments" holds "Stripe".
        let n = words.len();
        if (2..=MAX_WORDS).contains(&n) {
            for start in 0..n {
                for end in start + 1..=n {
                    if end - start == n {
                        continue;
                    }
                    let run = words[start..end].concat();
                    if run.chars().count() >= MIN_RUN
                        && let Some(found) = self.first(self.forms.get(&run), keep)
                    {
                        return Some(found);
                    }
                }
            }
        }
        // One edit from a known form, for the whole name and each word.
        let singles = if n > 1 && n <= MAX_WORDS { words } else { &[] };
        std::iter::once(&whole)
            .chain(singles)
            .find_map(|form| self.one_edit(form, keep))
    }

    fn one_edit(&self, form: &str, keep: &dyn Fn(&u32) -> bool) -> Option<u32> {
        if form.chars().count() < MIN_EDIT {
            return None;
        }
        let close = |i: &u32| {
            keep(i)
                && self.known[*i as usize].forms.iter().any(|known| {
                    known.chars().count() >= MIN_EDIT && strsim::osa_distance(known, form) <= 1
                })
        };
        // The known form with one character more, the same length, or one less.
        let near = |variant: &str| self.near.candidates(variant).find(|i| close(i));
        near(form).or_else(|| {
            deletions(form).find_map(|variant| {
                self.first(self.forms.get(&variant), &close)
                    .or_else(|| near(&variant))
            })
        })
    }
}
