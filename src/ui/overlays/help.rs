//! `?`: every key, grouped by where it works, generated from the keymap,
//! and what the marks on screen mean.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Widget};

use crate::app::App;
use crate::keys::keymap::HelpLine;
use crate::ui::theme::Theme;

/// Width of the keys column.
const KEYS_WIDTH: usize = 16;

pub fn render(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    if area.height == 0 {
        return;
    }
    Clear.render(area, buf);
    let lines = app.help_lines();
    let scroll = app.help.map_or(0, |h| h.scroll);
    let body_rows = area.height.saturating_sub(1) as usize;
    let more = if lines.len() > scroll + body_rows {
        "  (more: j/k, PgDn)"
    } else {
        ""
    };
    buf.set_line(
        area.x,
        area.y,
        &Line::styled(
            format!("Help — every key, from the keymap{more}"),
            theme.title,
        ),
        area.width,
    );
    // Action names (what the config file calls them) when there is room.
    let show_names = area.width >= 100;
    for (row, line) in lines.iter().skip(scroll).take(body_rows).enumerate() {
        let rendered = match line {
            HelpLine::Heading(text) => Line::styled(text.clone(), theme.heading),
            HelpLine::Key { keys, name, text } => {
                let mut spans = vec![
                    Span::styled(format!("  {keys:<KEYS_WIDTH$}"), theme.key),
                    Span::raw(*text),
                ];
                if show_names {
                    spans.push(Span::styled(format!("  [{name}]"), theme.muted));
                }
                Line::from(spans)
            }
            HelpLine::Text(text) => Line::raw(format!("  {text}")),
            HelpLine::Note(text) => Line::styled(
                crate::text::sanitize::sanitize(&format!("  {text}"), area.width as usize),
                theme.error,
            ),
            HelpLine::Blank => Line::raw(""),
        };
        buf.set_line(area.x, area.y + 1 + row as u16, &rendered, area.width);
    }
}
