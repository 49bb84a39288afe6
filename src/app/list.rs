//! What every pane's list has in common: its rows, the order they show in
//! (sorted, grouped, filtered), selection, scrolling, marks and load status.
//!
//! Rows are stored once, behind an `Arc` (so the disk cache can take a
//! snapshot without copying them); `order` holds every row's index in sort
//! order and `view` the ones the filter keeps. Sorting, filtering and
//! drawing never copy a row. How pages and refreshes merge into a list is
//! in [`super::refresh`]; marks are in [`super::marks`].

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use super::filter::Filter;
use super::rows::Row;
use super::search::SearchKeys;
use super::sort::{RowKeys, SortState, compare};
use crate::slack::SlackError;

/// Where a list's data stands.
#[derive(Debug, Clone, PartialEq)]
pub enum LoadState {
    /// Nothing asked for yet.
    Idle,
    /// Pages are streaming in; rows already shown stay until the load ends.
    Loading,
    Loaded,
    Failed(SlackError),
}

/// A labelled group of consecutive rows, e.g. "Awaiting us".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// Position in `view` of the section's first row.
    pub start: usize,
    pub len: usize,
    pub label: &'static str,
}

/// One line of the list area: a section heading or an item row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DisplayLine {
    Heading(usize),
    Row(usize),
}

/// Computes a row's sort keys; given by the pane, which knows who "us" is.
pub type KeysFn<'a, T> = &'a dyn Fn(&T) -> RowKeys;

#[derive(Debug, Clone)]
pub struct ListData<T> {
    pub items: Vec<Arc<T>>,
    pub(super) index: HashMap<Arc<str>, usize>,
    /// Per item (parallel to `items`): sort keys, filter result, and the
    /// load that last saw it.
    pub(super) keys: Vec<RowKeys>,
    /// The filter's key of each item.
    pub(super) search: SearchKeys,
    pub(super) matched: Vec<bool>,
    pub(super) stamps: Vec<u32>,
    /// Results of the last filters typed over the current rows (one bit a
    /// row), so deleting a letter is as quick as typing one.
    pub(super) filter_memo: Vec<(Filter, Vec<u64>)>,
    pub(super) generation: u32,
    /// Every item index in display order.
    pub order: Vec<usize>,
    /// The indices the filter keeps, in display order.
    pub view: Vec<usize>,
    pub sections: Vec<Section>,
    /// Rows per group over the whole list, filter or not.
    pub group_totals: Vec<usize>,
    /// Section labels by group; empty for lists without sections.
    pub labels: &'static [&'static str],
    /// Position in `view` of the selected row.
    pub selected: usize,
    /// First display line shown (headings count as lines).
    pub offset: usize,
    pub load: LoadState,
    /// When the last complete load finished (from `Tick` time).
    pub loaded_at: Option<i64>,
    /// How many items Slack says exist, when it says.
    pub total: Option<u64>,
    /// The admin asked for this load (`r`): say so when it is done.
    pub announce_done: bool,
    pub sort: SortState,
    pub filter: Filter,
    /// The filter as typed.
    pub filter_text: String,
    /// IDs of marked rows; batch decisions act on them.
    pub marks: HashSet<Arc<str>>,
    /// IDs of rows the last refresh brought that were not listed before.
    pub fresh: HashSet<Arc<str>>,
    /// Rows and pages received by the current (or last) load.
    pub fetched: usize,
    pub pages: usize,
    pub load_started: Option<i64>,
    /// Seconds the last complete load took.
    pub last_load_secs: i64,
    /// This load refreshes rows already shown: rows it adds are new.
    pub highlight_new: bool,
    /// The rows shown came from the disk cache, saved then.
    pub cached_at: Option<i64>,
    /// Rows that expire within a day (counted on each tick, not per frame).
    pub soon: usize,
}

impl<T> Default for ListData<T> {
    fn default() -> Self {
        ListData {
            items: Vec::new(),
            index: HashMap::new(),
            keys: Vec::new(),
            search: SearchKeys::default(),
            matched: Vec::new(),
            stamps: Vec::new(),
            filter_memo: Vec::new(),
            generation: 0,
            order: Vec::new(),
            view: Vec::new(),
            sections: Vec::new(),
            group_totals: Vec::new(),
            labels: &[],
            selected: 0,
            offset: 0,
            load: LoadState::Idle,
            loaded_at: None,
            total: None,
            announce_done: false,
            sort: SortState::default_for(super::ListKind::Invites),
            filter: Filter::default(),
            filter_text: String::new(),
            marks: HashSet::new(),
            fresh: HashSet::new(),
            fetched: 0,
            pages: 0,
            load_started: None,
            last_load_secs: 0,
            highlight_new: false,
            cached_at: None,
            soon: 0,
        }
    }
}

impl<T> ListData<T> {
    pub fn is_loading(&self) -> bool {
        matches!(self.load, LoadState::Loading)
    }

    pub fn error(&self) -> Option<&SlackError> {
        match &self.load {
            LoadState::Failed(error) => Some(error),
            _ => None,
        }
    }

    pub fn fail(&mut self, error: SlackError) {
        self.load = LoadState::Failed(error);
    }

    pub fn selected_item(&self) -> Option<&T> {
        self.view.get(self.selected).map(|&i| &*self.items[i])
    }

    /// Index into `items` of the selected row.
    pub fn selected_index(&self) -> Option<usize> {
        self.view.get(self.selected).copied()
    }

    pub fn keys_of(&self, index: usize) -> Option<&RowKeys> {
        self.keys.get(index)
    }

    /// Display line of the row at view position `pos` (headings included).
    pub fn line_of(&self, pos: usize) -> usize {
        pos + self
            .sections
            .iter()
            .filter(|s| s.len > 0 && s.start <= pos)
            .count()
    }

    pub fn line_count(&self) -> usize {
        self.view.len() + self.sections.iter().filter(|s| s.len > 0).count()
    }

    /// What display line `line` shows.
    pub fn display_line(&self, line: usize) -> Option<DisplayLine> {
        let mut headings_before = 0;
        for (index, section) in self.sections.iter().enumerate() {
            if section.len == 0 {
                continue;
            }
            let heading_line = section.start + headings_before;
            if line == heading_line {
                return Some(DisplayLine::Heading(index));
            }
            headings_before += 1;
            if line < heading_line + 1 + section.len {
                return Some(DisplayLine::Row(line - headings_before));
            }
        }
        // Rows not covered by any section (lists without sections).
        let pos = line - headings_before;
        (pos < self.view.len()).then_some(DisplayLine::Row(pos))
    }

    /// Move the selection by `delta` rows and scroll so it stays visible.
    pub fn move_by(&mut self, delta: isize, viewport: usize) {
        if self.view.is_empty() {
            return;
        }
        let last = self.view.len() - 1;
        let target = (self.selected as isize + delta).clamp(0, last as isize);
        self.select(target as usize, viewport);
    }

    pub fn select(&mut self, pos: usize, viewport: usize) {
        self.selected = pos.min(self.view.len().saturating_sub(1));
        self.scroll_into_view(viewport);
    }

    /// Scroll so the selected row, and its heading when it is a section's
    /// first row, are inside a viewport of `viewport` lines.
    pub fn scroll_into_view(&mut self, viewport: usize) {
        let viewport = viewport.max(1);
        self.selected = self.selected.min(self.view.len().saturating_sub(1));
        let line = self.line_of(self.selected);
        let starts_section = self
            .sections
            .iter()
            .any(|s| s.len > 0 && s.start == self.selected);
        let top = if starts_section {
            line.saturating_sub(1)
        } else {
            line
        };
        if top < self.offset {
            self.offset = top;
        }
        if line >= self.offset + viewport {
            self.offset = line + 1 - viewport;
        }
        let max_offset = self.line_count().saturating_sub(viewport);
        self.offset = self.offset.min(max_offset);
    }

    /// Count the rows that expire within a day of `now` (not yet expired).
    pub fn count_soon(&mut self, now: i64) {
        let limit = now.saturating_add(super::time::SOON_SECS);
        self.soon = self
            .keys
            .iter()
            .filter(|k| k.expires > now && k.expires < limit)
            .count();
    }

    /// Rebuild `view` and the sections from `order` and the filter results.
    pub(super) fn rebuild_view(&mut self) {
        let matched = &self.matched;
        self.view.clear();
        self.view
            .extend(self.order.iter().copied().filter(|&i| matched[i]));
        self.rebuild_sections();
    }

    /// Sections and group totals, by binary search: `order` and `view`
    /// are sorted by group first.
    pub(super) fn rebuild_sections(&mut self) {
        self.sections.clear();
        if self.labels.is_empty() {
            return;
        }
        let keys = &self.keys;
        let ends = |list: &[usize]| -> Vec<usize> {
            (0..self.labels.len())
                .map(|g| list.partition_point(|&i| usize::from(keys[i].group) <= g))
                .collect()
        };
        let (totals, shown) = (ends(&self.order), ends(&self.view));
        let mut start = 0;
        self.group_totals.clear();
        for (group, label) in self.labels.iter().enumerate() {
            let before = if group == 0 { 0 } else { totals[group - 1] };
            self.group_totals.push(totals[group] - before);
            let len = shown[group] - start;
            self.sections.push(Section { start, len, label });
            start = shown[group];
        }
    }
}

/// Where the admin was in a list, to put them back after the rows changed.
#[derive(Debug, Clone)]
pub(super) struct Anchor {
    id: Option<Arc<str>>,
    pos: usize,
    screen_row: usize,
    at_top: bool,
}

impl<T: Row> ListData<T> {
    pub fn position(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }

    pub fn find(&self, id: &str) -> Option<&T> {
        self.position(id).map(|i| &*self.items[i])
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub(super) fn anchor(&self) -> Anchor {
        let pos = self.selected;
        Anchor {
            id: self.selected_item().map(|row| row.id().clone()),
            pos,
            screen_row: self.line_of(pos).saturating_sub(self.offset),
            at_top: pos == 0 && self.offset == 0,
        }
    }

    /// Put the selection back on the anchored row, at the same screen row;
    /// an admin who had not moved stays at the top. When the row left, the
    /// next one takes its place.
    pub(super) fn restore(&mut self, anchor: Anchor) {
        if anchor.at_top {
            self.selected = 0;
            self.offset = 0;
            return;
        }
        let found = anchor.id.as_ref().and_then(|id| {
            let index = self.position(id)?;
            self.view.iter().position(|&i| i == index)
        });
        self.selected = found
            .unwrap_or(anchor.pos)
            .min(self.view.len().saturating_sub(1));
        self.offset = self
            .line_of(self.selected)
            .saturating_sub(anchor.screen_row);
    }

    pub(super) fn cmp_items(&self, a: usize, b: usize) -> std::cmp::Ordering {
        compare(
            self.sort,
            (&self.keys[a], self.items[a].id()),
            (&self.keys[b], self.items[b].id()),
        )
    }

    /// Sort every row again (after the sort or the keys changed).
    pub fn resort(&mut self) {
        let anchor = self.anchor();
        let mut order = std::mem::take(&mut self.order);
        order.sort_unstable_by(|&a, &b| self.cmp_items(a, b));
        self.order = order;
        self.rebuild_view();
        self.restore(anchor);
    }

    /// Compute every row's filter key (when `search` gives one) and sort
    /// keys again, then filter and sort again: who "us" is, or the orgs'
    /// names, changed.
    pub fn recompute(&mut self, search: &dyn Fn(&T) -> Option<Box<str>>, keys: KeysFn<'_, T>) {
        let anchor = self.anchor();
        self.filter_memo.clear();
        for (i, row) in self.items.iter().enumerate() {
            if let Some(key) = search(row) {
                self.search.set(i, &key);
            }
        }
        self.keys = self.items.iter().map(|row| keys(row)).collect();
        for (i, matched) in self.matched.iter_mut().enumerate() {
            *matched = self.filter.matches_key(self.search.get(i));
        }
        let mut order = std::mem::take(&mut self.order);
        order.sort_unstable_by(|&a, &b| self.cmp_items(a, b));
        self.order = order;
        self.rebuild_view();
        self.restore(anchor);
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
            for (i, matched) in self.matched.iter_mut().enumerate() {
                *matched = bits[i / 64] & (1 << (i % 64)) != 0;
            }
            self.rebuild_view();
        } else if filter.narrows(&self.filter) {
            // In item order, the keys' order in memory: only the current
            // matches are checked again.
            for (i, matched) in self.matched.iter_mut().enumerate() {
                if *matched {
                    *matched = filter.matches_bytes(self.search.bytes_of(i));
                }
            }
            let matched = &self.matched;
            self.view.retain(|&i| matched[i]);
            self.rebuild_sections();
        } else {
            for (i, matched) in self.matched.iter_mut().enumerate() {
                *matched = filter.matches_bytes(self.search.bytes_of(i));
            }
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
        let mut bits = vec![0u64; self.matched.len().div_ceil(64)];
        for (i, _) in self.matched.iter().enumerate().filter(|(_, m)| **m) {
            bits[i / 64] |= 1 << (i % 64);
        }
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
        let key = row.take_search_key();
        if !key.is_empty() {
            self.search.set(index, &key);
        }
        self.keys[index] = keys(&self.items[index]);
        self.matched[index] = self.filter.matches_key(self.search.get(index));
        self.order.retain(|&i| i != index);
        let at = self
            .order
            .partition_point(|&i| self.cmp_items(i, index).is_lt());
        self.order.insert(at, index);
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
        let removed = self.items.swap_remove(index);
        self.keys.swap_remove(index);
        self.search.swap_remove(index);
        self.matched.swap_remove(index);
        self.stamps.swap_remove(index);
        self.index.remove(id);
        if index != last {
            self.index.insert(self.items[index].id().clone(), index);
        }
        for list in [&mut self.order, &mut self.view] {
            list.retain(|&i| i != index);
            for i in list.iter_mut() {
                if *i == last {
                    *i = index;
                }
            }
        }
        self.rebuild_sections();
        self.marks.remove(id);
        self.fresh.remove(id);
        self.restore(anchor);
        Some(removed)
    }
}

#[cfg(test)]
#[path = "list_tests.rs"]
mod tests;
