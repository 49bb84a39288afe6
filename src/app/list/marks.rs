//! Marks: `Space` marks the selected row, `*` marks every row shown (after
//! a filter, every match). With marks, `a` and `d` plan a batch decision
//! on the marked rows ([`crate::app::flow::bulk`]). Marks are kept by item ID, so a
//! refresh or a re-sort keeps them on the same items; an item that leaves
//! the list takes its mark with it.

use std::sync::Arc;

use crate::app::list::ListData;
use crate::model::rows::Row;

impl<T: Row> ListData<T> {
    pub fn is_marked(&self, id: &str) -> bool {
        self.marks.contains(id)
    }

    /// `Space`: mark or unmark the selected row, and move to the next one.
    pub fn toggle_mark(&mut self, viewport: usize) {
        let Some(id) = self.selected_item().map(|row| Arc::<str>::from(row.id())) else {
            return;
        };
        if !self.marks.remove(&id) {
            self.marks.insert(id);
        }
        self.move_by(1, viewport);
    }

    /// `*`: mark every row shown; when all of them already are, unmark
    /// them. Returns how many rows changed and whether they are now marked.
    pub fn mark_all_shown(&mut self) -> (usize, bool) {
        let all_marked = self
            .view
            .iter()
            .all(|&i| self.marks.contains(self.items[i as usize].id()));
        let mut changed = 0;
        for &i in &self.view {
            let id = self.items[i as usize].id();
            changed += usize::from(if all_marked {
                self.marks.remove(id)
            } else {
                self.marks.insert(Arc::from(id))
            });
        }
        (changed, !all_marked)
    }

    /// The marked rows in display order, hidden ones (filtered out) included.
    pub fn marked_rows(&self) -> Vec<&Arc<T>> {
        self.order
            .iter()
            .map(|&i| &self.items[i as usize])
            .filter(|row| self.marks.contains(row.id()))
            .collect()
    }

    /// How many marked rows the filter hides.
    pub fn marked_hidden(&self) -> usize {
        let shown = self
            .view
            .iter()
            .filter(|&&i| self.marks.contains(self.items[i as usize].id()))
            .count();
        self.marks.len() - shown
    }
}
