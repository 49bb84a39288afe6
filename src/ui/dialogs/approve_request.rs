//! Approve a request: the permission choice (limited or full) and an
//! optional message, added to the requester's.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::editor::{counter, render_with_editor};
use crate::app::App;
use crate::app::dialogs::ApproveRequestDialog;
use crate::text::words::permission_words;
use crate::ui::dialog_frame::{hints, inner_width, wrapped_lines};
use crate::ui::theme::Theme;

pub fn render(
    app: &App,
    dialog: &ApproveRequestDialog,
    theme: &Theme,
    area: Rect,
    buf: &mut Buffer,
) {
    let width = inner_width(area);
    let mut above = wrapped_lines(&dialog.request.lines, width, theme.dialog);
    let option = |limited: bool| {
        let chosen = dialog.limited == limited;
        let mark = if chosen { "(•)" } else { "( )" };
        let requested = if dialog.request.requested_limited == limited {
            ", as requested"
        } else {
            ""
        };
        let style = if chosen { theme.title } else { theme.muted };
        Span::styled(
            format!("{mark} {}{requested}", permission_words(limited)),
            style,
        )
    };
    above.push(Line::from(vec![
        Span::raw("Permission: "),
        option(true),
        Span::raw("  "),
        option(false),
    ]));
    above.push(Line::styled(
        "Optional message, added to the requester's:",
        theme.title,
    ));
    let mut below = vec![counter(&dialog.message, theme)];
    if let Some(error) = &dialog.error {
        below.push(Line::styled(error.clone(), theme.error));
    }
    below.push(hints(app, theme));
    let title = format!("Approve request {}", dialog.request.id);
    render_with_editor(&title, above, &dialog.message, below, area, buf, theme);
}
