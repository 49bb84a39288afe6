//! `L`: the decision journal, newest first, two lines a decision: when,
//! how it ended and what it was; then who, the message and why. Names in
//! it came from Slack and pass through the one sanitizer.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Widget};

use crate::app::App;
use crate::app::overlays::journal_view::newest_first;
use crate::text::sanitize::{fit, sanitize};
use crate::ui::theme::Theme;

/// Width of the time column: "2026-01-01 10:00:05".
const TIME_WIDTH: usize = 19;
/// Width of the state column: "✗ invite_already_denied" fits cut.
const STATE_WIDTH: usize = 16;

pub fn render(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let Some(view) = &app.journal_view else {
        return;
    };
    if area.height == 0 {
        return;
    }
    Clear.render(area, buf);
    let width = area.width as usize;
    let mut lines: Vec<Line<'static>> = Vec::new();
    match &view.records {
        None => lines.push(Line::styled("Reading the journal…", theme.muted)),
        Some(Err(error)) => lines.push(Line::styled(
            sanitize(&format!("Could not read the journal: {error}"), width),
            theme.error,
        )),
        Some(Ok(records)) if records.is_empty() => lines.push(Line::styled(
            "No decisions yet: every one you make is recorded here.",
            theme.muted,
        )),
        Some(Ok(records)) => {
            for entry in newest_first(records) {
                let style = if entry.state.starts_with('✓') {
                    theme.success
                } else if entry.state.starts_with('✗') || entry.open {
                    theme.error
                } else {
                    theme.info
                };
                let rest = width.saturating_sub(TIME_WIDTH + STATE_WIDTH + 4);
                lines.push(Line::from(vec![
                    Span::styled(fit(&entry.time, TIME_WIDTH), theme.muted),
                    Span::raw("  "),
                    Span::styled(fit(&entry.state, STATE_WIDTH), style),
                    Span::raw("  "),
                    Span::raw(sanitize(&entry.what, rest)),
                ]));
                let indent = TIME_WIDTH + 2;
                lines.push(Line::styled(
                    format!(
                        "{}{}",
                        " ".repeat(indent),
                        sanitize(&entry.detail, width.saturating_sub(indent))
                    ),
                    theme.muted,
                ));
            }
        }
    }
    let rows = area.height.saturating_sub(1) as usize;
    let more = if lines.len() > view.scroll + rows {
        "  (more: j/k, PgDn)"
    } else {
        ""
    };
    let title = format!("Decision journal — newest first, times in UTC{more}");
    buf.set_line(
        area.x,
        area.y,
        &Line::styled(sanitize(&title, width), theme.title),
        area.width,
    );
    for (row, line) in lines.iter().skip(view.scroll).take(rows).enumerate() {
        buf.set_line(area.x, area.y + 1 + row as u16, line, area.width);
    }
}
