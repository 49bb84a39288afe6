//! The confirmation every write passes through: what will be sent, then
//! `y` to send it; any other key cancels.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::app::App;
use crate::app::dialogs::ConfirmDialog;
use crate::keys::keymap::Action;
use crate::ui::dialog_frame::{border_style, draw_lines, inner_width, open, wrapped_lines};
use crate::ui::text::key_of;
use crate::ui::theme::Theme;

pub fn render(app: &App, dialog: &ConfirmDialog, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let width = inner_width(area);
    let mut lines = wrapped_lines(&dialog.lines, width, theme.dialog);
    // The item's risk signals, last before the key that sends it.
    lines.extend(wrapped_lines(&dialog.care_lines(app), width, theme.error));
    lines.push(Line::raw(""));
    lines.push(Line::from(vec![
        Span::styled(key_of(app, Action::Confirm), theme.key),
        Span::styled(format!(" {}", dialog.yes_label), theme.title),
        Span::styled("   any other key cancels: nothing is sent", theme.muted),
    ]));
    let danger = dialog.yes_label == "disconnect";
    let inner = open(
        &dialog.title,
        lines.len(),
        area,
        buf,
        border_style(theme, danger),
    );
    draw_lines(&lines, inner, buf);
}
