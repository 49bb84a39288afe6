//! Views drawn over the body of the screen, leaving the header, status
//! and footer visible: help, the decision journal, the undo queue and the
//! command palette.

pub mod help;
pub mod journal;
pub mod palette;
pub mod queue;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::App;
use crate::ui::theme::Theme;

/// Each open overlay, in this order, so a later one covers an earlier one.
pub fn render(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    if app.help.is_some() {
        help::render(app, theme, area, buf);
    }
    if app.journal_view.is_some() {
        journal::render(app, theme, area, buf);
    }
    if app.queue_view.is_some() {
        queue::render(app, theme, area, buf);
    }
    if app.palette.is_some() {
        palette::render(app, theme, area, buf);
    }
}
