//! The operations `update` needs on any pane's list, whatever its item type.

use super::list::ListData;
use super::{App, ListKind};

/// Run `f` on the generic part of one pane's list.
pub(super) fn with_list<R>(
    app: &mut App,
    kind: ListKind,
    f: impl FnOnce(&mut dyn ListOps) -> R,
) -> R {
    match kind {
        ListKind::Invites => f(&mut app.invites.list),
        ListKind::Requests => f(&mut app.requests.list),
        ListKind::Orgs => f(&mut app.orgs.list),
        ListKind::Channels => f(&mut app.channels.list),
    }
}

/// The operations `update` needs on any list, whatever its item type.
pub(super) trait ListOps {
    fn begin_load(&mut self);
    fn fail(&mut self, error: crate::slack::SlackError);
    fn is_loading(&self) -> bool;
    fn move_by(&mut self, delta: isize, viewport: usize);
    fn select(&mut self, pos: usize, viewport: usize);
    fn len(&self) -> usize;
    fn set_announce_done(&mut self);
    /// Take the "announce when done" flag if the load just finished.
    fn take_announcement(&mut self) -> Option<usize>;
}

impl<T> ListOps for ListData<T> {
    fn begin_load(&mut self) {
        ListData::begin_load(self)
    }
    fn fail(&mut self, error: crate::slack::SlackError) {
        ListData::fail(self, error)
    }
    fn is_loading(&self) -> bool {
        ListData::is_loading(self)
    }
    fn move_by(&mut self, delta: isize, viewport: usize) {
        ListData::move_by(self, delta, viewport)
    }
    fn select(&mut self, pos: usize, viewport: usize) {
        ListData::select(self, pos, viewport)
    }
    fn len(&self) -> usize {
        self.view.len()
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
}
