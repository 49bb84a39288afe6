//! `:`: the command palette, a centred box over the body: the query, then
//! the matches (key, words, dimmed detail; matched letters underlined), the
//! chosen one marked `>` and highlighted, then how many match.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use crate::app::App;
use crate::app::overlays::palette::{self, Palette, Shown};
use crate::keys::keymap::Context;
use crate::text::sanitize::{ELLIPSIS, fit, sanitize, width};
use crate::ui::dialog_frame::{draw_lines, open};
use crate::ui::theme::Theme;
use unicode_width::UnicodeWidthChar;

/// The key column is at most this wide ("Shift-Tab" fits).
const MAX_KEYS_WIDTH: usize = 9;

pub fn render(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let Some(palette) = &app.palette else {
        return;
    };
    if area.height < palette::CHROME_LINES {
        return;
    }
    let rows = palette::list_rows(app);
    let place = match palette.context {
        Context::Detail => format!("{} detail", app.pane.title()),
        _ => app.pane.title().to_owned(),
    };
    let title = format!("Command palette — {place}");
    let inner = open(&title, rows + 2, area, buf, theme.dialog);
    let room = inner.width as usize;
    let mut lines = vec![query_line(palette, room, theme)];
    let first = palette::visible_from(palette.offset, palette.selected, rows);
    let keys_width = palette
        .entries
        .iter()
        .map(|e| width(&e.keys))
        .max()
        .unwrap_or(0)
        .min(MAX_KEYS_WIDTH);
    // The details line up after the widest words on screen, with half the
    // row at most: wider words push only their own row's detail.
    let visible = || palette.shown.iter().enumerate().skip(first).take(rows);
    let words_width = visible()
        .map(|(_, s)| width(&palette.entries[s.entry].words))
        .max()
        .unwrap_or(0)
        .min(room.saturating_sub(ROW_CHROME + keys_width) / 2);
    let columns = (keys_width, words_width);
    for (pos, shown) in visible() {
        let chosen = pos == palette.selected;
        lines.push(entry_line(palette, shown, chosen, columns, room, theme));
    }
    lines.resize(rows + 1, Line::raw(""));
    lines.push(count_line(palette, first, rows, room, theme));
    draw_lines(&lines, inner, buf);
}

fn query_line(palette: &Palette, room: usize, theme: &Theme) -> Line<'static> {
    let mut spans = vec![Span::styled(": ", theme.key)];
    let query = sanitize(&palette.query, room.saturating_sub(3));
    spans.push(Span::styled(format!("{query}▏"), theme.title));
    if palette.query.is_empty() {
        spans.push(Span::styled(
            sanitize(
                "type to find an action, a pane, a workspace or an org",
                room.saturating_sub(3),
            ),
            theme.muted,
        ));
    }
    Line::from(spans)
}

/// Columns of a row besides its keys, words and detail: the `> ` mark and
/// two spaces after the keys.
const ROW_CHROME: usize = 4;

fn entry_line(
    palette: &Palette,
    shown: &Shown,
    chosen: bool,
    (keys_width, words_width): (usize, usize),
    room: usize,
    theme: &Theme,
) -> Line<'static> {
    let entry = &palette.entries[shown.entry];
    let base = if chosen { theme.selected } else { theme.dialog };
    let dim = if chosen { theme.selected } else { theme.muted };
    // Matched letters: underlined as well as coloured, so they show in mono.
    let hit = |style: Style| style.patch(theme.key).add_modifier(Modifier::UNDERLINED);
    let mut spans = vec![
        Span::styled(if chosen { "> " } else { "  " }, base),
        Span::styled(fit(&entry.keys, keys_width), base.patch(theme.key)),
        Span::styled("  ", base),
    ];
    let mut left = room.saturating_sub(ROW_CHROME + keys_width);
    let used = marked(
        &mut spans,
        &entry.words,
        &shown.in_words,
        left,
        base,
        hit(base),
    );
    left -= used;
    if left > 3 && !entry.detail.is_empty() {
        let gap = (words_width.saturating_sub(used) + 2).min(left);
        spans.push(Span::styled(" ".repeat(gap), base));
        left -= gap;
        left -= marked(
            &mut spans,
            &entry.detail,
            &shown.in_detail,
            left,
            dim,
            hit(dim),
        );
    }
    if chosen {
        // The whole row reads as chosen, not just its text.
        spans.push(Span::styled(" ".repeat(left), base));
    }
    Line::from(spans)
}

/// Push `text` (already cleaned) as spans, the characters at `positions`
/// in `hit`, cut with an ellipsis to `room` columns; returns the columns used.
fn marked(
    spans: &mut Vec<Span<'static>>,
    text: &str,
    positions: &[usize],
    room: usize,
    base: Style,
    hit: Style,
) -> usize {
    let cut = width(text) > room;
    let limit = if cut { room.saturating_sub(1) } else { room };
    let mut used = 0;
    let mut run = String::new();
    let mut run_hit = false;
    for (i, c) in text.chars().enumerate() {
        let w = c.width().unwrap_or(0);
        if used + w > limit {
            break;
        }
        let is_hit = positions.contains(&i);
        if is_hit != run_hit && !run.is_empty() {
            let style = if run_hit { hit } else { base };
            spans.push(Span::styled(std::mem::take(&mut run), style));
        }
        run_hit = is_hit;
        run.push(c);
        used += w;
    }
    if !run.is_empty() {
        spans.push(Span::styled(run, if run_hit { hit } else { base }));
    }
    if cut && room > 0 {
        spans.push(Span::styled(ELLIPSIS.to_string(), base));
        used += 1;
    }
    used
}

fn count_line(
    palette: &Palette,
    first: usize,
    rows: usize,
    room: usize,
    theme: &Theme,
) -> Line<'static> {
    let total = palette.entries.len();
    let found = palette.shown.len();
    let mut text = if found == 0 {
        "Nothing matches: Backspace to type less, Esc to close.".to_owned()
    } else if palette.query.is_empty() {
        format!("{total} entries")
    } else {
        format!("{found} of {total} match")
    };
    let above = first > 0;
    let below = first + rows < found;
    match (above, below) {
        (true, true) => text.push_str(" · more above and below (↑/↓)"),
        (false, true) => text.push_str(" · more below (↓)"),
        (true, false) => text.push_str(" · more above (↑)"),
        (false, false) => {}
    }
    Line::styled(sanitize(&text, room), theme.muted)
}
