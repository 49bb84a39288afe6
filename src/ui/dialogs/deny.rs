//! Deny a request: the message editor, whose text goes to the requester
//! (the outsider sees nothing), with saved messages to start from.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::editor::{counter, render_with_editor};
use crate::app::App;
use crate::app::dialogs::DenyDialog;
use crate::ui::dialog_frame::{hints, inner_width, wrapped_lines};
use crate::ui::theme::Theme;

pub fn render(app: &App, dialog: &DenyDialog, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let width = inner_width(area);
    let mut above = wrapped_lines(&dialog.request.lines, width, theme.dialog);
    above.push(Line::styled(
        "Message to the requester (the outsider sees nothing):",
        theme.title,
    ));
    let mut below = vec![counter(&dialog.editor, theme)];
    if let Some(shown) = dialog.saved_shown {
        below.push(Line::styled(
            format!(
                "Saved message {} of {}: edit it as you like.",
                shown + 1,
                dialog.saved.len()
            ),
            theme.muted,
        ));
    }
    if let Some(error) = &dialog.error {
        below.push(Line::styled(error.clone(), theme.error));
    }
    below.push(hints(app, theme));
    let title = format!("Deny request {}", dialog.request.id);
    render_with_editor(&title, above, &dialog.editor, below, area, buf, theme);
}
