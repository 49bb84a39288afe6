//! `U`: the undo queue, newest first, each entry with its countdown; `u`
//! takes back the selected one, `s` sends it now. Also the question asked
//! when quitting with decisions still queued.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Widget};

use super::dialog_frame::{border_style, draw_lines, inner_width, open, wrapped_lines};
use super::theme::Theme;
use crate::app::App;
use crate::app::dialogs::QuitQueuedDialog;
use crate::keys::keymap::Action;
use crate::text::sanitize::sanitize;

pub fn render(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let Some(view) = app.queue_view else {
        return;
    };
    if area.height == 0 {
        return;
    }
    Clear.render(area, buf);
    let entries: Vec<_> = app.grace.entries().iter().rev().collect();
    let title = format!(
        "Undo queue — {} decision(s) waiting to be sent, newest first",
        app.grace.decision_count()
    );
    buf.set_line(
        area.x,
        area.y,
        &Line::styled(sanitize(&title, area.width as usize), theme.title),
        area.width,
    );
    let rows = area.height.saturating_sub(1) as usize;
    // Keep the selection on screen.
    let first = view.selected.saturating_sub(rows.saturating_sub(1));
    for (row, (pos, entry)) in entries
        .iter()
        .enumerate()
        .skip(first)
        .take(rows)
        .enumerate()
    {
        let left = ((entry.due_ms - app.now_ms).max(0) + 999) / 1000;
        let mark = if pos == view.selected { "> " } else { "  " };
        let countdown = format!("{left:>3} s  ");
        let room = (area.width as usize).saturating_sub(mark.len() + countdown.len());
        let mut label = entry.label.clone();
        if entry.writes.len() > 1 {
            label.push_str(&format!(" ({} decisions)", entry.writes.len()));
        }
        let style = if pos == view.selected {
            theme.selected
        } else {
            theme.dialog
        };
        let line = Line::from(vec![
            Span::styled(mark, style),
            Span::styled(countdown, theme.key),
            Span::styled(sanitize(&label, room), style),
        ]);
        buf.set_line(area.x, area.y + 1 + row as u16, &line, area.width);
    }
}

pub fn render_quit(
    app: &App,
    dialog: &QuitQueuedDialog,
    theme: &Theme,
    area: Rect,
    buf: &mut Buffer,
) {
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
    let key = |action| {
        app.keymap
            .keys_for(action)
            .first()
            .map(ToString::to_string)
            .unwrap_or_else(|| "?".to_owned())
    };
    lines.push(Line::from(vec![
        Span::styled(key(Action::SendQueued), theme.key),
        Span::styled(" send now, then quit   ", theme.title),
        Span::styled(key(Action::DropQueued), theme.key),
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
