//! A list's rows changing under the admin: sorting, filtering, one row
//! changed or removed. Each keeps the selection (and the screen row it is
//! on) with its item.

use std::sync::Arc;

use crate::app::list::{KeysFn, ListData, item_index, keep_matched};
use crate::model::filter::Filter;
use crate::model::risk_flags::{RiskFlags, RiskKind};
use crate::model::rows::Row;
use crate::model::sort::{SortKey, SortState};
use crate::model::stored_keys::StoredKeys;

/// The risk flags `filter` needs of each row: none when it names no
/// signal, so that a keystroke reads only the rows' keys and not their
/// sort keys as well (100,000 of them are megabytes).
fn risk_for<'a>(filter: &Filter, keys: &'a [StoredKeys]) -> Option<&'a [StoredKeys]> {
    filter.uses_risk().then_some(keys)
}

fn risk_of(keys: Option<&[StoredKeys]>, i: usize) -> RiskFlags {
    keys.map_or(RiskFlags::default(), |k| k[i].risk)
}

/// Where the admin was in a list, to put them back after the rows changed.
#[derive(Debug, Clone)]
pub(crate) struct Anchor {
    id: Option<Arc<str>>,
    pos: usize,
    screen_row: usize,
    at_top: bool,
}

impl<T: Row> ListData<T> {
    pub fn position(&self, id: &str) -> Option<usize> {
        self.index.get(id, &self.items[..])
    }

    pub fn find(&self, id: &str) -> Option<&T> {
        self.position(id).map(|i| &*self.items[i])
    }

    /// The risk signals row `id` is listed with (none when it is not).
    pub fn risk_of(&self, id: &str) -> RiskFlags {
        self.position(id)
            .map(|i| self.keys[i].risk)
            .unwrap_or_default()
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub(crate) fn anchor(&self) -> Anchor {
        let pos = self.selected;
        Anchor {
            id: self.selected_item().map(|row| Arc::from(row.id())),
            pos,
            screen_row: self.line_of(pos).saturating_sub(self.offset),
            at_top: pos == 0 && self.offset == 0,
        }
    }

    /// Put the selection back on the anchored row, at the same screen row;
    /// an admin who had not moved stays at the top. When the row left, the
    /// next one takes its place.
    pub(crate) fn restore(&mut self, anchor: Anchor) {
        if anchor.at_top {
            self.selected = 0;
            self.offset = 0;
            return;
        }
        let found = anchor.id.as_ref().and_then(|id| {
            let index = self.position(id)?;
            self.view.iter().position(|&i| i as usize == index)
        });
        self.selected = found
            .unwrap_or(anchor.pos)
            .min(self.view.len().saturating_sub(1));
        self.offset = self
            .line_of(self.selected)
            .saturating_sub(anchor.screen_row);
    }

    pub(crate) fn cmp_items(&self, a: usize, b: usize) -> std::cmp::Ordering {
        self.sort_names.compare(
            self.sort,
            (&self.keys[a], self.items[a].id()),
            (&self.keys[b], self.items[b].id()),
        )
    }

    /// Sort every row again (after the sort or the keys changed).
    pub fn resort(&mut self) {
        let anchor = self.anchor();
        let mut order = std::mem::take(&mut self.order);
        order.sort_unstable_by(|&a, &b| self.cmp_items(a as usize, b as usize));
        self.order = order;
        self.rebuild_view();
        self.restore(anchor);
    }

    /// Compute every row's sort keys (and, with `search_too`, its filter
    /// key) again, then filter and sort again: who "us" is, or the orgs'
    /// names, changed.
    pub fn recompute(&mut self, keys: KeysFn<'_, T>, search_too: bool) {
        self.filter_memo.clear();
        if search_too {
            for (i, row) in self.items.iter().enumerate() {
                self.search.set(i, &keys.search_key(row));
            }
        }
        // In place: a second vector of 100,000 keys would be the peak.
        for (slot, row) in self.keys.iter_mut().zip(&self.items) {
            *slot = self.sort_names.store(keys.sort_keys(row));
        }
        self.sort_names.forget_unused(&mut self.keys);
        self.rematch_all();
        self.resort();
    }

    /// Count the rows that expire within a day of `now` (not yet expired),
    /// and keep their "expiring soon" risk flag in step: a row crosses into
    /// its last day (or past it) by the clock alone.
    pub fn count_soon(&mut self, now: i64) {
        let limit = now.saturating_add(crate::text::time::SOON_SECS);
        let mut soon = 0;
        let mut changed = false;
        for keys in &mut self.keys {
            let expires = keys.expires();
            let is_soon = expires > now && expires < limit;
            soon += usize::from(is_soon);
            if keys.risk.has(RiskKind::ExpiringSoon) != is_soon {
                keys.risk.set(RiskKind::ExpiringSoon, is_soon);
                changed = true;
            }
        }
        self.soon = soon;
        if changed {
            self.risk_changed();
        }
    }

    /// Match row `index` against the filter again, by its key and flags.
    pub(crate) fn rematch(&mut self, index: usize) {
        self.matched[index] =
            self.filter
                .matches_stored(&self.search, index, self.keys[index].risk);
    }

    /// Some rows' risk flags changed in place (one crossed into its last
    /// day): match and sort again only when the filter or the sort reads them.
    pub(crate) fn risk_changed(&mut self) {
        let refilter = self.filter.uses_risk();
        if !refilter && self.sort.key != SortKey::Risk {
            return;
        }
        self.filter_memo.clear();
        if refilter {
            self.rematch_all();
        }
        self.resort();
    }

    /// Match every row against the filter again, by its key and flags.
    fn rematch_all(&mut self) {
        let matcher = self.filter.stored_matcher(&self.search, self.items.len());
        self.matched.fill(true);
        matcher.keep_matching(&mut self.matched, |index| self.keys[index].risk);
    }

    pub fn set_sort(&mut self, sort: SortState) {
        self.sort = sort;
        self.resort();
    }

    /// Apply a new filter text. Typing one more letter only rechecks the
    /// current matches; the selection stays on its row while it matches.
    pub fn set_filter(&mut self, text: &str) {
        let filter = Filter::parse(text);
        self.filter_text = text.to_owned();
        if filter == self.filter {
            return;
        }
        let anchor = self.anchor();
        if filter.is_empty() {
            self.matched.fill(true);
            self.rebuild_view();
        } else if let Some((_, bits)) = self.filter_memo.iter().find(|(f, _)| *f == filter) {
            for (row, &word) in self.matched.chunks_mut(64).zip(bits) {
                for (bit, matched) in row.iter_mut().enumerate() {
                    *matched = (word >> bit) & 1 != 0;
                }
            }
            self.rebuild_view();
        } else if filter.narrows(&self.filter) {
            // In item order, the keys' order in memory: only the current
            // matches are checked again.
            let risk = risk_for(&filter, &self.keys);
            let matcher = filter.stored_matcher(&self.search, self.view.len());
            matcher.keep_matching(&mut self.matched, |i| risk_of(risk, i));
            keep_matched(&mut self.view, &self.matched);
            self.rebuild_sections();
        } else {
            let risk = risk_for(&filter, &self.keys);
            let matcher = filter.stored_matcher(&self.search, self.items.len());
            self.matched.fill(true);
            matcher.keep_matching(&mut self.matched, |i| risk_of(risk, i));
            self.rebuild_view();
        }
        if !filter.is_empty() {
            self.remember(&filter);
        }
        self.filter = filter;
        self.restore(anchor);
    }

    fn remember(&mut self, filter: &Filter) {
        const KEPT: usize = 16;
        if self.filter_memo.iter().any(|(f, _)| f == filter) {
            return;
        }
        let bits = self
            .matched
            .chunks(64)
            .map(|row| {
                row.iter()
                    .enumerate()
                    .fold(0u64, |word, (bit, &m)| word | (u64::from(m) << bit))
            })
            .collect();
        if self.filter_memo.len() == KEPT {
            self.filter_memo.remove(0);
        }
        self.filter_memo.push((filter.clone(), bits));
    }

    /// Change one row in place (e.g. our approval added a review) and move
    /// it to where it now sorts.
    pub fn update_row(&mut self, id: &str, change: impl FnOnce(&mut T), keys: KeysFn<'_, T>) {
        let Some(index) = self.position(id) else {
            return;
        };
        let anchor = self.anchor();
        self.filter_memo.clear();
        let row = Arc::make_mut(&mut self.items[index]);
        change(row);
        self.search.set(index, &keys.search_key(row));
        self.keys[index] = self.sort_names.store(keys.sort_keys(&self.items[index]));
        self.rematch(index);
        let slot = item_index(index);
        self.order.retain(|&i| i != slot);
        let at = self
            .order
            .partition_point(|&i| self.cmp_items(i as usize, index).is_lt());
        self.order.insert(at, slot);
        self.rebuild_view();
        self.restore(anchor);
    }

    /// Remove one row (a decision took it off Slack's list); the next row
    /// slides into its place.
    pub fn remove(&mut self, id: &str) -> Option<Arc<T>> {
        let index = self.position(id)?;
        let anchor = self.anchor();
        self.filter_memo.clear();
        let last = self.items.len() - 1;
        self.index.remove(id, &self.items[..]);
        if index != last {
            self.index.moved(self.items[last].id(), last, index);
        }
        let removed = self.items.swap_remove(index);
        self.keys.swap_remove(index);
        self.search.swap_remove(index);
        self.matched.swap_remove(index);
        self.stamps.swap_remove(index);
        let (slot, last) = (item_index(index), item_index(last));
        for list in [&mut self.order, &mut self.view] {
            list.retain(|&i| i != slot);
            for i in list.iter_mut() {
                if *i == last {
                    *i = slot;
                }
            }
        }
        self.rebuild_sections();
        self.marks.remove(id);
        self.fresh.remove(id);
        self.live.remove(id);
        self.restore(anchor);
        Some(removed)
    }
}
