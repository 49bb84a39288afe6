//! The question asked when quitting with decisions still in the undo
//! queue: send them now, or drop them; any other key stays.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::app::App;
use crate::app::dialogs::QuitQueuedDialog;
use crate::keys::keymap::Action;
use crate::ui::dialog_frame::{border_style, draw_lines, inner_width, open, wrapped_lines};
use crate::ui::text::key_of;
use crate::ui::theme::Theme;

pub fn render(app: &App, dialog: &QuitQueuedDialog, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let width = inner_width(area);
    let texts = vec![
        format!(
            "{} decision(s) wait in the undo queue and have not been sent.",
            dialog.queued
        ),
        "Send them now (the program quits once Slack has answered), or drop them: nothing of them is sent, and the journal says so.".to_owned(),
    ];
    let mut lines = wrapped_lines(&texts, width, theme.dialog);
    lines.push(Line::raw(""));
    lines.push(Line::from(vec![
        Span::styled(key_of(app, Action::SendQueued), theme.key),
        Span::styled(" send now, then quit   ", theme.title),
        Span::styled(key_of(app, Action::DropQueued), theme.key),
        Span::styled(" drop them and quit", theme.title),
    ]));
    lines.push(Line::styled(
        "any other key: stay, nothing changes",
        theme.muted,
    ));
    let inner = open(
        "Quit with decisions still queued?",
        lines.len(),
        area,
        buf,
        border_style(theme, false),
    );
    draw_lines(&lines, inner, buf);
}
