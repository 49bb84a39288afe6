//! What every pane's list has in common: the items as Slack sent them, the
//! order they are shown in, selection, scrolling and load status.
//!
//! Items are stored once; `view` holds indices into them so that sorting,
//! grouping and (later) filtering never copy an item.

use crate::slack::SlackError;

/// Where a list's data stands.
#[derive(Debug, Clone, PartialEq)]
pub enum LoadState {
    /// Nothing asked for yet.
    Idle,
    /// Pages are streaming in; `replace` means the next page starts a fresh list.
    Loading {
        replace: bool,
    },
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

#[derive(Debug, Clone)]
pub struct ListData<T> {
    pub items: Vec<T>,
    /// Display order: indices into `items`.
    pub view: Vec<usize>,
    pub sections: Vec<Section>,
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
}

impl<T> Default for ListData<T> {
    fn default() -> Self {
        ListData {
            items: Vec::new(),
            view: Vec::new(),
            sections: Vec::new(),
            selected: 0,
            offset: 0,
            load: LoadState::Idle,
            loaded_at: None,
            total: None,
            announce_done: false,
        }
    }
}

impl<T> ListData<T> {
    pub fn is_loading(&self) -> bool {
        matches!(self.load, LoadState::Loading { .. })
    }

    pub fn error(&self) -> Option<&SlackError> {
        match &self.load {
            LoadState::Failed(error) => Some(error),
            _ => None,
        }
    }

    /// Mark the start of a (re)load: the current rows stay on screen until
    /// the first page of the new load arrives.
    pub fn begin_load(&mut self) {
        self.load = LoadState::Loading { replace: true };
    }

    /// Add one page; returns true when it completed the load.
    pub fn add_page(&mut self, items: Vec<T>, total: Option<u64>, is_last: bool, now: i64) -> bool {
        if matches!(self.load, LoadState::Loading { replace: true }) {
            self.items.clear();
        }
        self.items.extend(items);
        self.total = total.or(self.total);
        if is_last {
            self.load = LoadState::Loaded;
            self.loaded_at = Some(now);
        } else {
            self.load = LoadState::Loading { replace: false };
        }
        is_last
    }

    pub fn fail(&mut self, error: SlackError) {
        self.load = LoadState::Failed(error);
    }

    pub fn selected_item(&self) -> Option<&T> {
        self.view.get(self.selected).map(|&i| &self.items[i])
    }

    /// Index into `items` of the selected row.
    pub fn selected_index(&self) -> Option<usize> {
        self.view.get(self.selected).copied()
    }

    /// Rebuild the display order with `order` (already sorted indices) and
    /// sections. The selection follows its item when the admin has moved;
    /// one who has not stays at the top while rows stream in or re-sort.
    pub fn set_view(&mut self, order: Vec<usize>, sections: Vec<Section>) {
        let at_top = self.selected == 0 && self.offset == 0;
        let previous = if at_top { None } else { self.selected_index() };
        self.view = order;
        self.sections = sections;
        if let Some(previous) = previous
            && let Some(pos) = self.view.iter().position(|&i| i == previous)
        {
            self.selected = pos;
        }
        self.selected = self.selected.min(self.view.len().saturating_sub(1));
    }

    /// Remove one item (after a decision took it off Slack's list).
    pub fn remove_item(&mut self, index: usize) -> Option<T> {
        if index >= self.items.len() {
            return None;
        }
        let removed = self.items.remove(index);
        // Indices above the removed one shift down by one.
        self.view.retain(|&i| i != index);
        for i in &mut self.view {
            if *i > index {
                *i -= 1;
            }
        }
        Some(removed)
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
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sectioned() -> ListData<u32> {
        let mut list = ListData {
            items: (0..10).collect(),
            ..Default::default()
        };
        list.set_view(
            (0..10).collect(),
            vec![
                Section {
                    start: 0,
                    len: 3,
                    label: "A",
                },
                Section {
                    start: 3,
                    len: 7,
                    label: "B",
                },
            ],
        );
        list
    }

    #[test]
    fn headings_take_a_line_each() {
        let list = sectioned();
        assert_eq!(list.line_count(), 12);
        assert_eq!(list.display_line(0), Some(DisplayLine::Heading(0)));
        assert_eq!(list.display_line(1), Some(DisplayLine::Row(0)));
        assert_eq!(list.display_line(4), Some(DisplayLine::Heading(1)));
        assert_eq!(list.display_line(5), Some(DisplayLine::Row(3)));
        assert_eq!(list.display_line(11), Some(DisplayLine::Row(9)));
        assert_eq!(list.display_line(12), None);
        assert_eq!(list.line_of(3), 5);
    }

    #[test]
    fn scrolling_keeps_the_selection_and_its_heading_visible() {
        let mut list = sectioned();
        list.move_by(9, 4);
        assert_eq!(list.selected, 9);
        assert_eq!(list.offset, 8);
        list.move_by(-6, 4);
        assert_eq!(list.selected, 3);
        assert_eq!(list.offset, 4, "the heading of section B shows too");
        list.move_by(-100, 4);
        assert_eq!((list.selected, list.offset), (0, 0));
    }

    #[test]
    fn empty_sections_take_no_line() {
        let mut list: ListData<u32> = ListData {
            items: vec![1, 2],
            ..Default::default()
        };
        list.set_view(
            vec![0, 1],
            vec![
                Section {
                    start: 0,
                    len: 0,
                    label: "A",
                },
                Section {
                    start: 0,
                    len: 2,
                    label: "B",
                },
            ],
        );
        assert_eq!(list.display_line(0), Some(DisplayLine::Heading(1)));
        assert_eq!(list.display_line(1), Some(DisplayLine::Row(0)));
        assert_eq!(list.line_count(), 3);
    }

    #[test]
    fn a_reload_replaces_rows_only_when_its_first_page_arrives() {
        let mut list: ListData<u32> = ListData::default();
        list.begin_load();
        list.add_page(vec![1, 2], Some(4), false, 10);
        list.add_page(vec![3, 4], None, true, 11);
        assert_eq!(list.items, vec![1, 2, 3, 4]);
        assert_eq!(list.loaded_at, Some(11));
        list.begin_load();
        assert_eq!(list.items.len(), 4, "old rows stay while the reload starts");
        list.add_page(vec![9], None, true, 20);
        assert_eq!(list.items, vec![9]);
    }

    #[test]
    fn a_resort_keeps_a_moved_selection_on_its_item_and_the_top_at_the_top() {
        let mut list: ListData<u32> = ListData {
            items: vec![10, 20, 30],
            ..Default::default()
        };
        list.set_view(vec![0, 1, 2], Vec::new());
        list.set_view(vec![2, 1, 0], Vec::new());
        assert_eq!(
            list.selected_item(),
            Some(&30),
            "not moved: stays at the top"
        );
        list.move_by(1, 10);
        assert_eq!(list.selected_item(), Some(&20));
        list.set_view(vec![1, 0, 2], Vec::new());
        assert_eq!(list.selected_item(), Some(&20), "moved: follows its item");
    }

    #[test]
    fn removing_an_item_keeps_the_view_consistent() {
        let mut list: ListData<u32> = ListData {
            items: vec![10, 20, 30],
            ..Default::default()
        };
        list.set_view(vec![2, 0, 1], Vec::new());
        list.remove_item(0);
        assert_eq!(list.items, vec![20, 30]);
        assert_eq!(list.view, vec![1, 0]);
    }
}
