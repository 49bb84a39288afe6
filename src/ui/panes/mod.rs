//! The body of the screen: the detail view when one is open, otherwise
//! the current pane's list.

pub mod cells;
pub mod channels;
pub mod detail;
pub mod invites;
pub mod orgs;
pub mod pane;
pub mod requests;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::App;
use crate::model::ListKind;
use crate::ui::theme::Theme;

pub fn render(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    if app.detail.is_some() {
        detail::render(app, theme, area, buf);
        return;
    }
    match app.pane {
        ListKind::Invites => invites::render(app, theme, area, buf),
        ListKind::Requests => requests::render(app, theme, area, buf),
        ListKind::Orgs => orgs::render(app, theme, area, buf),
        ListKind::Channels => channels::render(app, theme, area, buf),
    }
}
