//! Numbered texts found by their text, holding none of them: a list's
//! rows by ID, a list's sort names by name.
//!
//! A map from text to number would keep a second handle on every text: 24
//! bytes each before the table's slack, 3 MB for 100,000 invites' IDs.
//! This table keeps only the number (4 bytes) and reads the text from what
//! it numbers, so that must be passed to every call.

use std::hash::BuildHasher;

use hashbrown::{DefaultHashBuilder, HashTable};

#[derive(Clone, Default)]
pub struct TextIndex {
    table: HashTable<u32>,
    hasher: DefaultHashBuilder,
}

impl std::fmt::Debug for TextIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "TextIndex({} texts)", self.table.len())
    }
}

/// Text number `index`: how the table reads what it numbers.
pub trait TextAt {
    fn text_at(&self, index: usize) -> &str;
}

/// A list's sort names (`rows::InlineText`).
impl TextAt for [compact_str::CompactString] {
    fn text_at(&self, index: usize) -> &str {
        &self[index]
    }
}

/// The filter's shared pieces.
impl TextAt for [Box<str>] {
    fn text_at(&self, index: usize) -> &str {
        &self[index]
    }
}

fn slot(index: usize) -> u32 {
    u32::try_from(index).expect("a list holds fewer than 4 billion rows or names")
}

impl TextIndex {
    fn hash(&self, id: &str) -> u64 {
        self.hasher.hash_one(id)
    }

    pub fn get(&self, id: &str, rows: &(impl TextAt + ?Sized)) -> Option<usize> {
        self.table
            .find(self.hash(id), |&i| rows.text_at(i as usize) == id)
            .map(|&i| i as usize)
    }

    pub fn contains(&self, id: &str, rows: &(impl TextAt + ?Sized)) -> bool {
        self.get(id, rows).is_some()
    }

    /// Index `index` under `id`, which must not be indexed yet and must be
    /// the ID `rows` has at `index`.
    pub fn insert(&mut self, id: &str, index: usize, rows: &(impl TextAt + ?Sized)) {
        let hash = self.hash(id);
        let hasher = &self.hasher;
        self.table.insert_unique(hash, slot(index), |&i| {
            hasher.hash_one(rows.text_at(i as usize))
        });
    }

    /// Forget `id` (while its row is still in `rows`).
    pub fn remove(&mut self, id: &str, rows: &(impl TextAt + ?Sized)) {
        if let Ok(entry) = self
            .table
            .find_entry(self.hash(id), |&i| rows.text_at(i as usize) == id)
        {
            entry.remove();
        }
    }

    /// The row indexed under `id` is now at `index`.
    pub fn moved(&mut self, id: &str, from: usize, index: usize) {
        let from = slot(from);
        if let Some(i) = self.table.find_mut(self.hash(id), |&i| i == from) {
            *i = slot(index);
        }
    }

    /// Index every row of `rows` again, from nothing.
    pub fn rebuild(&mut self, count: usize, rows: &(impl TextAt + ?Sized)) {
        self.table = HashTable::with_capacity(count);
        for index in 0..count {
            self.insert(rows.text_at(index), index, rows);
        }
    }

    /// Bytes the table holds (for the memory bench).
    pub fn bytes(&self) -> usize {
        self.table.allocation_size()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Ids(Vec<&'static str>);

    impl TextAt for Ids {
        fn text_at(&self, index: usize) -> &str {
            self.0[index]
        }
    }

    #[test]
    fn rows_are_found_by_id_through_growth_removal_and_moves() {
        let names: Vec<&'static str> = (0..1000)
            .map(|n| &*Box::leak(format!("I{n:05}").into_boxed_str()))
            .collect();
        let mut rows = Ids(Vec::new());
        let mut index = TextIndex::default();
        for name in &names {
            rows.0.push(name);
            index.insert(name, rows.0.len() - 1, &rows);
        }
        assert_eq!(index.get("I00500", &rows), Some(500));
        assert_eq!(index.get("I99999", &rows), None);
        // Swap-remove row 3: the last row takes its place.
        index.remove("I00003", &rows);
        rows.0.swap_remove(3);
        index.moved("I00999", 999, 3);
        assert_eq!(index.get("I00003", &rows), None);
        assert_eq!(index.get("I00999", &rows), Some(3));
        assert!(index.contains("I00998", &rows));
        rows.0.retain(|id| id.ends_with('7'));
        index.rebuild(rows.0.len(), &rows);
        assert_eq!(index.get("I00017", &rows), Some(1));
        assert_eq!(index.get("I00999", &rows), None);
        // 4 bytes and a control byte a row, with the table's slack.
        assert!(index.bytes() < rows.0.len() * 16, "{}", index.bytes());
    }
}
