//! Cursors and page sizes.
//!
//! A cursor is opaque base64 of a small JSON array: a tag naming the list it
//! belongs to, then the sort key of the last item returned. The next page
//! starts strictly after that key in a stable order, found with a B-tree range
//! in O(log n); so an item removed between two pages makes the next page
//! neither skip nor repeat any other item, and a cursor stays valid even when
//! its own item is gone.

use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, HashMap};
use std::ops::Bound;
use std::sync::Arc;

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
pub(crate) fn int_id_key(parts: &[Value]) -> Result<(i64, Arc<str>), ApiError> {
    match parts {
        [Value::Number(n), Value::String(id)] => n
            .as_i64()
            .map(|n| (n, Arc::from(id.as_str())))
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

/// What an [`Ordered`] holds: an item with an id and a sort key.
pub(crate) trait Keyed {
    type Key: Ord + Clone;
    fn id(&self) -> &Arc<str>;
    fn key(&self) -> Self::Key;
}

/// Items in a stable order with lookup by id: the store behind every
/// cursor-paged list whose items can be added and removed.
///
/// The items sit in one vector, the order and the ids only name their
/// slots: 100,000 invites are then one allocation made once, not a tree's
/// nodes two-thirds full, and building the store moves no item twice.
pub(crate) struct Ordered<V: Keyed> {
    order: BTreeMap<V::Key, usize>,
    slots: Vec<Option<V>>,
    /// Slots emptied by `remove`, reused first.
    free: Vec<usize>,
    ids: HashMap<Arc<str>, usize>,
}

impl<V: Keyed> Default for Ordered<V> {
    fn default() -> Self {
        Ordered {
            order: BTreeMap::new(),
            slots: Vec::new(),
            free: Vec::new(),
            ids: HashMap::new(),
        }
    }
}

impl<V: Keyed> Ordered<V> {
    /// Inserts; returns false (and changes nothing) when the id is taken.
    pub fn insert(&mut self, value: V) -> bool {
        let Entry::Vacant(id) = self.ids.entry(value.id().clone()) else {
            return false;
        };
        let key = value.key();
        let slot = match self.free.pop() {
            Some(slot) => {
                self.slots[slot] = Some(value);
                slot
            }
            None => {
                self.slots.push(Some(value));
                self.slots.len() - 1
            }
        };
        id.insert(slot);
        self.order.insert(key, slot);
        true
    }

    /// `insert` for each in turn (a taken id is skipped). Into an empty
    /// store the vector given becomes the store's own, and the order is
    /// built from sorted keys, so its nodes are full.
    pub fn extend(&mut self, items: Vec<V>) {
        if !self.slots.is_empty() {
            items.into_iter().for_each(|v| {
                self.insert(v);
            });
            return;
        }
        // Same size as `V`, so this reuses the vector's memory.
        self.slots = items.into_iter().map(Some).collect();
        self.ids.reserve(self.slots.len());
        let mut order = Vec::with_capacity(self.slots.len());
        for (slot, value) in self.slots.iter_mut().enumerate() {
            let Some(item) = value else { continue };
            if let Entry::Vacant(id) = self.ids.entry(item.id().clone()) {
                id.insert(slot);
                order.push((item.key(), slot));
            } else {
                *value = None;
                self.free.push(slot);
            }
        }
        self.order = BTreeMap::from_iter(order);
    }

    pub fn remove(&mut self, id: &str) -> Option<V> {
        let slot = self.ids.remove(id)?;
        let value = self.slots[slot].take()?;
        self.order.remove(&value.key());
        self.free.push(slot);
        Some(value)
    }

    pub fn get(&self, id: &str) -> Option<&V> {
        self.slots[*self.ids.get(id)?].as_ref()
    }

    pub fn get_mut(&mut self, id: &str) -> Option<&mut V> {
        self.slots[*self.ids.get(id)?].as_mut()
    }

    pub fn len(&self) -> usize {
        self.order.len()
    }

    pub fn contains(&self, id: &str) -> bool {
        self.ids.contains_key(id)
    }

    /// In order.
    pub fn values(&self) -> impl Iterator<Item = &V> {
        self.order
            .values()
            .filter_map(|slot| self.slots[*slot].as_ref())
    }

    /// Items strictly after `key` (all items when None), in order.
    pub fn after<'a>(
        &'a self,
        key: Option<&V::Key>,
    ) -> Box<dyn Iterator<Item = (&'a V::Key, &'a V)> + 'a> {
        let range = match key {
            None => self.order.range::<V::Key, _>(..),
            Some(k) => self
                .order
                .range((Bound::Excluded(k.clone()), Bound::Unbounded)),
        };
        Box::new(range.filter_map(|(k, slot)| Some((k, self.slots[*slot].as_ref()?))))
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

    struct Item(Arc<str>, i64);

    impl Keyed for Item {
        type Key = (Reverse<i64>, Arc<str>);
        fn id(&self) -> &Arc<str> {
            &self.0
        }
        fn key(&self) -> Self::Key {
            (Reverse(self.1), self.0.clone())
        }
    }

    fn item(i: i64) -> Item {
        Item(format!("I{i}").into(), i)
    }

    fn numbers(page: &[(&<Item as Keyed>::Key, &Item)]) -> Vec<i64> {
        page.iter().map(|(_, v)| v.1).collect()
    }

    #[test]
    fn removal_between_pages_neither_skips_nor_repeats() {
        let mut o: Ordered<Item> = Ordered::default();
        for i in 0..10 {
            o.insert(item(i));
        }
        let (page, more) = take_page(o.after(None), 3, |_| true);
        assert!(more);
        let last = page.last().unwrap().0.clone();
        assert_eq!(numbers(&page), vec![9, 8, 7]);
        o.remove("I7");
        o.remove("I6");
        let (page, _) = take_page(o.after(Some(&last)), 3, |_| true);
        assert_eq!(numbers(&page), vec![5, 4, 3]);
        let (page, more) = take_page(o.after(None), 8, |_| true);
        assert_eq!(page.len(), 8);
        assert!(!more);
    }

    #[test]
    fn built_at_once_it_keeps_the_first_of_an_id_and_reuses_slots() {
        let mut o: Ordered<Item> = Ordered::default();
        o.extend(vec![item(3), item(1), Item("I3".into(), 9), item(2)]);
        assert_eq!(o.len(), 3);
        assert_eq!(o.get("I3").map(|v| v.1), Some(3));
        assert!(!o.insert(Item("I1".into(), 7)));
        assert_eq!(o.remove("I1").map(|v| v.1), Some(1));
        assert!(o.insert(item(5)));
        assert_eq!(o.values().map(|v| v.1).collect::<Vec<_>>(), vec![5, 3, 2]);
        assert_eq!(o.slots.len(), 4);
    }
}
