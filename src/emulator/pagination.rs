//! Cursors and page sizes.
//!
//! A cursor is opaque base64 of a small JSON array: a tag naming the list it
//! belongs to, then the sort key of the last item returned. The next page
//! starts strictly after that key in a stable order, found with a B-tree range
//! in O(log n); so an item removed between two pages makes the next page
//! neither skip nor repeat any other item, and a cursor stays valid even when
//! its own item is gone.

use std::collections::{BTreeMap, HashMap};
use std::ops::Bound;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde_json::Value;

use super::api_error::ApiError;

pub(crate) fn encode(tag: &str, key: Vec<Value>) -> String {
    let mut parts = vec![Value::String(tag.to_owned())];
    parts.extend(key);
    STANDARD.encode(Value::Array(parts).to_string())
}

/// The key parts of a cursor made by [`encode`] with the same tag; anything
/// else is `invalid_cursor`.
pub(crate) fn decode(tag: &str, cursor: &str) -> Result<Vec<Value>, ApiError> {
    let bytes = STANDARD
        .decode(cursor.trim())
        .map_err(|_| ApiError::new("invalid_cursor"))?;
    let Ok(Value::Array(mut parts)) = serde_json::from_slice::<Value>(&bytes) else {
        return Err(ApiError::new("invalid_cursor"));
    };
    if parts.first().and_then(Value::as_str) != Some(tag) {
        return Err(ApiError::new("invalid_cursor"));
    }
    parts.remove(0);
    Ok(parts)
}

/// A `(Reverse-time, id)` style key decoded from cursor parts `[i64, string]`.
pub(crate) fn int_id_key(parts: &[Value]) -> Result<(i64, String), ApiError> {
    match parts {
        [Value::Number(n), Value::String(id)] => n
            .as_i64()
            .map(|n| (n, id.clone()))
            .ok_or_else(|| ApiError::new("invalid_cursor")),
        _ => Err(ApiError::new("invalid_cursor")),
    }
}

/// Page size from `arg` (absent → `default`), clamped into `min..=max` the
/// way Slack "magically adjusts" out-of-range sizes.
pub(crate) fn page_size(value: Option<i64>, default: usize, min: usize, max: usize) -> usize {
    match value {
        None => default,
        Some(n) if n < min as i64 => min,
        Some(n) if n > max as i64 => max,
        Some(n) => n as usize,
    }
}

/// Items in a stable order with lookup by id: the store behind every
/// cursor-paged list whose items can be added and removed.
pub(crate) struct Ordered<K: Ord + Clone, V> {
    items: BTreeMap<K, V>,
    keys: HashMap<String, K>,
}

impl<K: Ord + Clone, V> Default for Ordered<K, V> {
    fn default() -> Self {
        Ordered {
            items: BTreeMap::new(),
            keys: HashMap::new(),
        }
    }
}

impl<K: Ord + Clone, V> Ordered<K, V> {
    /// Inserts; returns false (and changes nothing) when the id is taken.
    pub fn insert(&mut self, id: String, key: K, value: V) -> bool {
        if self.keys.contains_key(&id) {
            return false;
        }
        self.keys.insert(id, key.clone());
        self.items.insert(key, value);
        true
    }

    pub fn remove(&mut self, id: &str) -> Option<V> {
        let key = self.keys.remove(id)?;
        self.items.remove(&key)
    }

    pub fn get(&self, id: &str) -> Option<&V> {
        self.items.get(self.keys.get(id)?)
    }

    pub fn get_mut(&mut self, id: &str) -> Option<&mut V> {
        self.items.get_mut(self.keys.get(id)?)
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn contains(&self, id: &str) -> bool {
        self.keys.contains_key(id)
    }

    pub fn values(&self) -> impl Iterator<Item = &V> {
        self.items.values()
    }

    /// Items strictly after `key` (all items when None), in order.
    pub fn after<'a>(&'a self, key: Option<&K>) -> Box<dyn Iterator<Item = (&'a K, &'a V)> + 'a> {
        match key {
            None => Box::new(self.items.iter()),
            Some(k) => Box::new(
                self.items
                    .range((Bound::Excluded(k.clone()), Bound::Unbounded)),
            ),
        }
    }
}

/// Takes up to `limit` matching items after the cursor position and says
/// whether any further match exists (so `next_cursor` is only given when a
/// next page really has items).
pub(crate) fn take_page<'a, K: 'a, V: 'a>(
    iter: impl Iterator<Item = (&'a K, &'a V)>,
    limit: usize,
    mut keep: impl FnMut(&V) -> bool,
) -> (Vec<(&'a K, &'a V)>, bool) {
    let mut page = Vec::with_capacity(limit.min(1024));
    let mut iter = iter.filter(|(_, v)| keep(v));
    for item in iter.by_ref() {
        page.push(item);
        if page.len() == limit {
            break;
        }
    }
    let more = page.len() == limit && iter.next().is_some();
    (page, more)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cmp::Reverse;

    #[test]
    fn cursor_round_trip_and_rejects_foreign_tags() {
        let c = encode("inv", vec![Value::from(5), Value::from("I1")]);
        assert_eq!(
            int_id_key(&decode("inv", &c).unwrap()).unwrap(),
            (5, "I1".into())
        );
        assert!(decode("req", &c).is_err());
        assert!(decode("inv", "not base64!").is_err());
        assert!(decode("inv", &STANDARD.encode("{}")).is_err());
    }

    #[test]
    fn removal_between_pages_neither_skips_nor_repeats() {
        let mut o: Ordered<(Reverse<i64>, String), u32> = Ordered::default();
        for i in 0..10u32 {
            o.insert(format!("I{i}"), (Reverse(i as i64), format!("I{i}")), i);
        }
        let (page, more) = take_page(o.after(None), 3, |_| true);
        assert!(more);
        let last = page.last().unwrap().0.clone();
        assert_eq!(
            page.iter().map(|(_, v)| **v).collect::<Vec<_>>(),
            vec![9, 8, 7]
        );
        o.remove("I7");
        o.remove("I6");
        let (page, _) = take_page(o.after(Some(&last)), 3, |_| true);
        assert_eq!(
            page.iter().map(|(_, v)| **v).collect::<Vec<_>>(),
            vec![5, 4, 3]
        );
        let (page, more) = take_page(o.after(None), 8, |_| true);
        assert_eq!(page.len(), 8);
        assert!(!more);
    }
}
