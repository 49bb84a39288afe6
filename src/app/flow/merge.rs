//! How a page of rows merges into a list already on screen: each row
//! replaces the row with its ID in place or is added, and the rows placed
//! are merged into the sort order without sorting the whole list again.

use std::sync::Arc;

use crate::app::list::{KeysFn, ListData, item_index};
use crate::model::rows::Row;

impl<T: Row> ListData<T> {
    /// Put `rows` into `items` by ID; the indices whose place in `order`
    /// must be (re)computed.
    pub(crate) fn merge(
        &mut self,
        rows: Vec<T>,
        keys: KeysFn<'_, T>,
        from_slack: bool,
    ) -> Vec<usize> {
        // Cached rows are one load older than anything Slack sends now.
        let stamp = if from_slack {
            self.generation
        } else {
            self.generation.wrapping_sub(1)
        };
        let mut placed = Vec::new();
        let mut refiltered = false;
        for row in rows {
            let key = keys.search_key(&row);
            match self.index.get(row.id(), &self.items[..]) {
                Some(_) if !from_slack => {}
                Some(i) => {
                    self.stamps[i] = stamp;
                    // Only what changed is replaced: an unchanged row keeps
                    // its memory (a refresh of 100,000 rows allocates none).
                    let key_changed = !self.search.holds(i, &key);
                    if key_changed {
                        self.search.set(i, &key);
                        refiltered = true;
                    }
                    let row_changed = *self.items[i] != row;
                    if row_changed {
                        self.keys[i] = self.sort_names.store(keys.sort_keys(&row));
                        self.items[i] = Arc::new(row);
                        placed.push(i);
                    }
                    // A changed row may have other risk flags: the filter reads them.
                    if key_changed || row_changed {
                        self.rematch(i);
                    }
                }
                None => {
                    let i = self.items.len();
                    if from_slack && self.highlight_new {
                        self.fresh.insert(Arc::from(row.id()));
                    }
                    let row_keys = self.sort_names.store(keys.sort_keys(&row));
                    self.matched
                        .push(self.filter.matches_row(key.as_bytes(), row_keys.risk));
                    self.keys.push(row_keys);
                    self.search.push(&key);
                    self.stamps.push(stamp);
                    self.items.push(Arc::new(row));
                    self.index.insert(self.items[i].id(), i, &self.items[..]);
                    placed.push(i);
                }
            }
        }
        if refiltered {
            self.filter_memo.clear();
            if placed.is_empty() {
                self.rebuild_view();
            }
        }
        placed
    }

    /// Give `placed` rows their place in `order`: take them out, sort them,
    /// and merge them in (linear in the list, not a full sort per page).
    pub(crate) fn place(&mut self, mut placed: Vec<usize>) {
        if placed.is_empty() {
            return;
        }
        self.filter_memo.clear();
        let known = self.order.len();
        if placed.iter().any(|&i| i < known) {
            let mut moving = vec![false; self.items.len()];
            for &i in &placed {
                moving[i] = true;
            }
            self.order.retain(|&i| !moving[i as usize]);
        }
        placed.sort_unstable_by(|&a, &b| self.cmp_items(a, b));
        // Merge from the back, in place: no new vector per page.
        let mut order = std::mem::take(&mut self.order);
        let mut left = order.len();
        let mut right = placed.len();
        order.resize(left + right, 0);
        let mut at = order.len();
        while right > 0 {
            at -= 1;
            if left > 0
                && self
                    .cmp_items(order[left - 1] as usize, placed[right - 1])
                    .is_gt()
            {
                order[at] = order[left - 1];
                left -= 1;
            } else {
                order[at] = item_index(placed[right - 1]);
                right -= 1;
            }
        }
        self.order = order;
        self.rebuild_view();
    }

    /// Keep only the items whose `keep` flag is set; marks and highlights
    /// of the others go too.
    pub(super) fn retain(&mut self, keep: &[bool]) {
        let count = self.items.len();
        let mut remap = vec![usize::MAX; count];
        let mut kept = 0;
        for (slot, &keep) in remap.iter_mut().zip(keep) {
            if keep {
                *slot = kept;
                kept += 1;
            }
        }
        if kept == count {
            return;
        }
        self.filter_memo.clear();
        let mut at = 0;
        self.stamps.retain(|_| {
            at += 1;
            keep[at - 1]
        });
        let items = std::mem::take(&mut self.items);
        for (i, row) in items.into_iter().enumerate() {
            if remap[i] == usize::MAX {
                self.marks.remove(row.id());
                self.fresh.remove(row.id());
                self.live.remove(row.id());
            } else {
                self.items.push(row);
            }
        }
        self.index.rebuild(self.items.len(), &self.items[..]);
        self.search.retain(keep);
        let mut at = 0;
        self.keys.retain(|_| {
            at += 1;
            remap[at - 1] != usize::MAX
        });
        let mut at = 0;
        self.matched.retain(|_| {
            at += 1;
            remap[at - 1] != usize::MAX
        });
        for list in [&mut self.order, &mut self.view] {
            list.retain(|&i| remap[i as usize] != usize::MAX);
            for i in list.iter_mut() {
                *i = item_index(remap[*i as usize]);
            }
        }
        self.rebuild_sections();
    }
}
