//! What every pane's list has in common: its rows, the order they show in
//! (sorted, grouped, filtered), selection, scrolling, marks and load status.
//!
//! Rows are stored once, behind an `Arc` (so the disk cache can take a
//! snapshot without copying them); `order` holds every row's index in sort
//! order and `view` the ones the filter keeps. Sorting, filtering and
//! drawing never copy a row. Changing rows, sorting and filtering are in
//! [`crate::app::list::view`]; how pages and refreshes merge into a list is in
//! [`crate::app::flow::refresh`]; marks are in [`crate::app::list::marks`].

pub mod filter_input;
pub mod live;
pub mod marks;
pub mod ops;
pub mod view;

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use crate::model::filter::Filter;
use crate::model::search::SearchKeys;
use crate::model::sort::{RowKeys, SortState};
use crate::model::stored_keys::{SortNames, StoredKeys};
use crate::model::text_index::TextIndex;
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

/// An index into a list's `items` as `order` and `view` keep it: 4 bytes
/// where `usize` takes 8, twice per row.
pub type ItemIndex = u32;

/// `index` as `order` and `view` keep it (a list never holds 4 billion rows).
pub(crate) fn item_index(index: usize) -> ItemIndex {
    ItemIndex::try_from(index).expect("fewer than 2^32 rows")
}

/// Keep the indices of `list` whose row `matched` says, in order. Without a
/// branch per row: which rows a filter keeps has no pattern a processor
/// could guess, and at 100,000 rows the guessing was most of a keystroke.
pub(crate) fn keep_matched(list: &mut Vec<ItemIndex>, matched: &[bool]) {
    let mut kept = 0;
    for at in 0..list.len() {
        let index = list[at];
        list[kept] = index;
        kept += usize::from(matched[index as usize]);
    }
    list.truncate(kept);
}

/// What a list works out from each row, given by the pane (which knows
/// who "us" is and the orgs' names): what it sorts by, and the filter's
/// key. The key is made as the row goes into the list and kept only
/// there, never in the row.
pub struct Keying<'a, T> {
    sort: Box<dyn Fn(&T) -> RowKeys + 'a>,
    search: Box<SearchKeyFn<'a, T>>,
}

/// Makes a row's filter key ([`crate::model::filter::search_key`]).
type SearchKeyFn<'a, T> = dyn Fn(&T) -> Box<str> + 'a;

impl<'a, T> Keying<'a, T> {
    pub fn new(
        sort: impl Fn(&T) -> RowKeys + 'a,
        search: impl Fn(&T) -> Box<str> + 'a,
    ) -> Keying<'a, T> {
        Keying {
            sort: Box::new(sort),
            search: Box::new(search),
        }
    }

    pub fn sort_keys(&self, row: &T) -> RowKeys {
        (self.sort)(row)
    }

    pub fn search_key(&self, row: &T) -> Box<str> {
        (self.search)(row)
    }
}

pub type KeysFn<'a, T> = &'a Keying<'a, T>;

#[derive(Debug, Clone)]
pub struct ListData<T> {
    pub items: Vec<Arc<T>>,
    pub(crate) index: TextIndex,
    /// Per item (parallel to `items`): sort keys, filter result, and the
    /// load that last saw it.
    pub(crate) keys: Vec<StoredKeys>,
    /// The names `keys` refer to by number.
    pub(crate) sort_names: SortNames,
    /// The filter's key of each item.
    pub(crate) search: SearchKeys,
    pub(crate) matched: Vec<bool>,
    pub(crate) stamps: Vec<u32>,
    /// Results of the last filters typed over the current rows (one bit a
    /// row), so deleting a letter is as quick as typing one.
    pub(crate) filter_memo: Vec<(Filter, Vec<u64>)>,
    pub(crate) generation: u32,
    /// Every item index in display order.
    pub order: Vec<ItemIndex>,
    /// The indices the filter keeps, in display order.
    pub view: Vec<ItemIndex>,
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
    /// When the load last failed (unix seconds).
    pub failed_at: i64,
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
    /// Rows a live event just added or changed, tagged until a moment passes.
    pub live: HashMap<Arc<str>, live::LiveMark>,
}

impl<T> Default for ListData<T> {
    fn default() -> Self {
        ListData {
            items: Vec::new(),
            index: TextIndex::default(),
            keys: Vec::new(),
            sort_names: SortNames::default(),
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
            failed_at: 0,
            total: None,
            announce_done: false,
            sort: SortState::default_for(crate::model::ListKind::Invites),
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
            live: HashMap::new(),
        }
    }
}

impl<T> ListData<T> {
    /// Bytes the rows' filter keys hold (for the memory bench).
    pub fn search_bytes(&self) -> usize {
        self.search.bytes()
    }

    pub fn is_loading(&self) -> bool {
        matches!(self.load, LoadState::Loading)
    }

    pub fn error(&self) -> Option<&SlackError> {
        match &self.load {
            LoadState::Failed(error) => Some(error),
            _ => None,
        }
    }

    /// The load failed at `now`. A rate limit too long to wait out marks
    /// the list rate-limited until the moment Slack named.
    pub fn fail(&mut self, error: SlackError, now: i64) {
        self.failed_at = now;
        self.load = LoadState::Failed(error);
    }

    /// Until when Slack refuses this list, when it asked for a wait longer
    /// than the client waits out (unix seconds).
    pub fn rate_limited_until(&self) -> Option<i64> {
        match &self.load {
            LoadState::Failed(SlackError::RateLimited { retry_after, .. })
                if *retry_after > crate::slack::MAX_RETRY_AFTER =>
            {
                let wait = i64::try_from(retry_after.as_secs()).unwrap_or(i64::MAX);
                Some(self.failed_at.saturating_add(wait))
            }
            _ => None,
        }
    }

    pub fn selected_item(&self) -> Option<&T> {
        self.selected_index().map(|i| &*self.items[i])
    }

    /// Index into `items` of the selected row.
    pub fn selected_index(&self) -> Option<usize> {
        self.view.get(self.selected).map(|&i| i as usize)
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

    /// Rebuild `view` and the sections from `order` and the filter results.
    pub(crate) fn rebuild_view(&mut self) {
        self.view.clear();
        self.view.extend_from_slice(&self.order);
        keep_matched(&mut self.view, &self.matched);
        self.rebuild_sections();
    }

    /// Sections and group totals, by binary search: `order` and `view`
    /// are sorted by group first.
    pub(crate) fn rebuild_sections(&mut self) {
        self.sections.clear();
        if self.labels.is_empty() {
            return;
        }
        let keys = &self.keys;
        let ends = |list: &[ItemIndex]| -> Vec<usize> {
            (0..self.labels.len())
                .map(|g| list.partition_point(|&i| usize::from(keys[i as usize].group) <= g))
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

#[cfg(test)]
#[path = "list_tests.rs"]
mod tests;
