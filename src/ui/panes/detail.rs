//! The detail view: every field that matters for the decision on one item.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::app::App;
use crate::app::panes::detail::build;
use crate::text::sanitize::sanitize;
use crate::ui::theme::Theme;

/// Labels are padded to this many columns so values line up.
const LABEL_WIDTH: usize = 16;

pub fn render(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    if area.height == 0 {
        return;
    }
    let width = area.width as usize;
    let Some(model) = build(app) else {
        buf.set_line(
            area.x,
            area.y,
            &Line::styled("This item is no longer listed. Esc goes back.", theme.muted),
            area.width,
        );
        return;
    };
    let scroll = app.detail.as_ref().map_or(0, |d| d.scroll);
    let rows = area.height.saturating_sub(1) as usize;
    let more = if model.line_count() > scroll + rows {
        "  (more below: j/k)"
    } else {
        ""
    };
    let title_room = width.saturating_sub(more.len());
    buf.set_line(
        area.x,
        area.y,
        &Line::from(vec![
            Span::styled(sanitize(&model.title, title_room), theme.title),
            Span::styled(more, theme.muted),
        ]),
        area.width,
    );
    let mut lines: Vec<Line> = Vec::with_capacity(model.line_count());
    for (i, section) in model.sections.iter().enumerate() {
        if i > 0 {
            lines.push(Line::raw(""));
        }
        lines.push(Line::styled(
            sanitize(&section.heading, width),
            theme.heading,
        ));
        for (label, value) in &section.fields {
            let label = format!("  {label:<LABEL_WIDTH$} ");
            let room = width.saturating_sub(label.len());
            lines.push(Line::from(vec![
                Span::styled(label, theme.label),
                Span::raw(sanitize(value, room)),
            ]));
        }
    }
    for (row, line) in lines.iter().skip(scroll).take(rows).enumerate() {
        buf.set_line(area.x, area.y + 1 + row as u16, line, area.width);
    }
}
