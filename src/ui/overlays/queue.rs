//! `U`: the undo queue, newest first, each entry with its countdown; `u`
//! takes back the selected one, `s` sends it now.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Widget};

use crate::app::App;
use crate::text::sanitize::sanitize;
use crate::ui::theme::Theme;

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
