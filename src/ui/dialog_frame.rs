//! The box every dialog is drawn in, word wrapping for its text, and the
//! hints line the dialogs with a footer of their own end with.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Padding, Widget};

use super::text::key_hints;
use super::theme::Theme;
use crate::app::App;
use crate::app::layout::{self, centered};
use crate::text::sanitize::{sanitize, wrap};

/// Widest a dialog gets; wider is harder to read.
pub const MAX_WIDTH: u16 = 76;

/// Clear a centred box of `height` content lines, draw its border and
/// title, and return the inside.
pub fn open(
    title: &str,
    content_lines: usize,
    area: Rect,
    buf: &mut Buffer,
    border: Style,
) -> Rect {
    let width = area.width.saturating_sub(2).min(MAX_WIDTH);
    let height = (content_lines as u16).saturating_add(2).min(area.height);
    let rect = centered(area, width, height);
    Clear.render(rect, buf);
    let title = sanitize(title, width.saturating_sub(4) as usize);
    let block = Block::bordered()
        .title(format!(" {title} "))
        .border_style(border)
        .padding(Padding::horizontal(1));
    let inner = block.inner(rect);
    block.render(rect, buf);
    inner
}

/// The box of a plan or report: nearly the whole screen.
pub fn open_tall(title: &str, area: Rect, buf: &mut Buffer, danger: bool, theme: &Theme) -> Rect {
    let content = area.height.saturating_sub(layout::PLAN_CHROME_LINES - 4);
    open(
        title,
        content as usize,
        area,
        buf,
        border_style(theme, danger),
    )
}

/// Width available for text inside a dialog drawn over `area`.
pub fn inner_width(area: Rect) -> usize {
    // The box minus its borders and a column of padding on each side.
    area.width
        .saturating_sub(2)
        .min(MAX_WIDTH)
        .saturating_sub(4) as usize
}

/// Wrap every line of `texts` in `style`.
pub fn wrapped_lines(texts: &[String], width: usize, style: Style) -> Vec<Line<'static>> {
    texts
        .iter()
        .flat_map(|t| wrap(t, width))
        .map(|l| Line::styled(l, style))
        .collect()
}

/// Draw `lines` from the top of `area`, one per row, as many as fit.
pub fn draw_lines(lines: &[Line<'_>], area: Rect, buf: &mut Buffer) {
    for (i, line) in lines.iter().take(area.height as usize).enumerate() {
        buf.set_line(area.x, area.y + i as u16, line, area.width);
    }
}

pub fn border_style(theme: &Theme, danger: bool) -> Style {
    if danger { theme.danger } else { theme.dialog }
}

/// The keys that work in the open dialog, from the keymap's footer table.
pub fn hints(app: &App, theme: &Theme) -> Line<'static> {
    let pairs = app.keymap.footer(app.context(), app.pane);
    Line::from(key_hints(&pairs, theme))
}

/// [`hints`] over as many lines as `width` needs: a dialog with many keys
/// must not lose the last ones at 80 columns.
pub fn hints_wrapped(app: &App, theme: &Theme, width: usize) -> Vec<Line<'static>> {
    let pairs = app.keymap.footer(app.context(), app.pane);
    let mut lines: Vec<Vec<(String, &'static str)>> = vec![Vec::new()];
    let mut used = 0;
    for (keys, label) in pairs {
        let cells = crate::text::sanitize::width(&keys) + 1 + label.len();
        let gap = if used == 0 { 0 } else { 2 };
        if used > 0 && used + gap + cells > width {
            lines.push(Vec::new());
            used = 0;
        }
        used += if used == 0 { cells } else { gap + cells };
        if let Some(line) = lines.last_mut() {
            line.push((keys, label));
        }
    }
    lines
        .iter()
        .map(|pairs| Line::from(crate::ui::text::key_hints(pairs, theme)))
        .collect()
}
