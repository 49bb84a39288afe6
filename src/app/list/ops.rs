//! The operations `update` needs on any pane's list, whatever its row type,
//! and the two functions that pick a pane's list by [`ListKind`].

use std::sync::Arc;

use crate::app::App;
use crate::app::list::{ListData, LoadState};
use crate::model::ListKind;
use crate::model::rows::Row;
use crate::model::sort::SortState;
use crate::slack::SlackError;

pub trait ListOps {
    fn begin_load(&mut self, now: i64);
    fn fail(&mut self, error: SlackError, now: i64);
    fn is_loading(&self) -> bool;
    fn load_state(&self) -> &LoadState;
    fn move_by(&mut self, delta: isize, viewport: usize);
    fn select(&mut self, pos: usize, viewport: usize);
    fn scroll_into_view(&mut self, viewport: usize);
    /// Rows shown (after the filter).
    fn shown(&self) -> usize;
    /// Rows in the list.
    fn total_rows(&self) -> usize;
    fn set_announce_done(&mut self);
    /// Take the "announce when done" flag if the load just finished.
    fn take_announcement(&mut self) -> Option<usize>;
    fn loaded_at(&self) -> Option<i64>;
    fn last_load(&self) -> i64;
    fn next_allowed(&self, method: &str, window: i64) -> Option<i64>;
    fn sort(&self) -> SortState;
    fn set_sort(&mut self, sort: SortState);
    fn filter_text(&self) -> &str;
    fn set_filter(&mut self, text: &str);
    fn selected_id(&self) -> Option<Arc<str>>;
    fn toggle_mark(&mut self, viewport: usize);
    fn mark_all_shown(&mut self) -> (usize, bool);
    fn mark_count(&self) -> usize;
    fn clear_marks(&mut self);
    fn drop_unconfirmed(&mut self);
    fn cached_at(&self) -> Option<i64>;
    fn expire_live(&mut self, now: i64);
}

impl<T: Row> ListOps for ListData<T> {
    fn expire_live(&mut self, now: i64) {
        ListData::expire_live(self, now)
    }
    fn begin_load(&mut self, now: i64) {
        ListData::begin_load(self, now)
    }
    fn fail(&mut self, error: SlackError, now: i64) {
        ListData::fail(self, error, now)
    }
    fn is_loading(&self) -> bool {
        ListData::is_loading(self)
    }
    fn load_state(&self) -> &LoadState {
        &self.load
    }
    fn move_by(&mut self, delta: isize, viewport: usize) {
        ListData::move_by(self, delta, viewport)
    }
    fn select(&mut self, pos: usize, viewport: usize) {
        ListData::select(self, pos, viewport)
    }
    fn scroll_into_view(&mut self, viewport: usize) {
        ListData::scroll_into_view(self, viewport)
    }
    fn shown(&self) -> usize {
        self.view.len()
    }
    fn total_rows(&self) -> usize {
        self.items.len()
    }
    fn set_announce_done(&mut self) {
        self.announce_done = true;
    }
    fn take_announcement(&mut self) -> Option<usize> {
        if self.announce_done && !ListData::is_loading(self) {
            self.announce_done = false;
            Some(self.items.len())
        } else {
            None
        }
    }
    fn loaded_at(&self) -> Option<i64> {
        self.loaded_at
    }
    fn last_load(&self) -> i64 {
        self.last_load_secs
    }
    fn next_allowed(&self, method: &str, window: i64) -> Option<i64> {
        ListData::next_allowed(self, method, window)
    }
    fn sort(&self) -> SortState {
        self.sort
    }
    fn set_sort(&mut self, sort: SortState) {
        ListData::set_sort(self, sort)
    }
    fn filter_text(&self) -> &str {
        &self.filter_text
    }
    fn set_filter(&mut self, text: &str) {
        ListData::set_filter(self, text)
    }
    fn selected_id(&self) -> Option<Arc<str>> {
        self.selected_item().map(|row| Arc::from(row.id()))
    }
    fn toggle_mark(&mut self, viewport: usize) {
        ListData::toggle_mark(self, viewport)
    }
    fn mark_all_shown(&mut self) -> (usize, bool) {
        ListData::mark_all_shown(self)
    }
    fn mark_count(&self) -> usize {
        self.marks.len()
    }
    fn clear_marks(&mut self) {
        self.marks.clear();
    }
    fn drop_unconfirmed(&mut self) {
        ListData::drop_unconfirmed(self)
    }
    fn cached_at(&self) -> Option<i64> {
        self.cached_at
    }
}

/// Run `f` on the generic part of one pane's list.
pub fn with_list<R>(app: &mut App, kind: ListKind, f: impl FnOnce(&mut dyn ListOps) -> R) -> R {
    match kind {
        ListKind::Invites => f(&mut app.invites.list),
        ListKind::Requests => f(&mut app.requests.list),
        ListKind::Orgs => f(&mut app.orgs.list),
        ListKind::Channels => f(&mut app.channels.list),
    }
}

/// Look at the generic part of one pane's list.
pub fn with_list_ref<R>(app: &App, kind: ListKind, f: impl FnOnce(&dyn ListOps) -> R) -> R {
    match kind {
        ListKind::Invites => f(&app.invites.list),
        ListKind::Requests => f(&app.requests.list),
        ListKind::Orgs => f(&app.orgs.list),
        ListKind::Channels => f(&app.channels.list),
    }
}
