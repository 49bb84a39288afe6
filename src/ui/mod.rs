//! Rendering only: draws an `App`, never changes it. Every string that came
//! from Slack goes through [`sanitize::sanitize`] before it reaches a `Span`.
//!
//! Below this entry, `panes` draws the body, `overlays` what covers it and
//! `dialogs` the open dialog; they share only the low modules (`table`,
//! `dialog_frame`, `text`, `theme`), never each other or this one.

pub mod dialog_frame;
pub mod dialogs;
pub mod footer;
pub mod header;
pub mod overlays;
pub mod panes;
pub mod table;
pub mod text;
pub mod theme;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::{App, layout};
use crate::text::sanitize;
use theme::Theme;

/// Draw the whole screen.
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme) {
    let area = frame.area();
    render(app, theme, area, frame.buffer_mut());
}

/// Draw into a buffer (what `draw` does, usable without a `Frame`).
pub fn render(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let screen = layout::screen(area, app.status_lines());
    header::render(app, theme, screen.header, buf);
    panes::render(app, theme, screen.body, buf);
    footer::render_status(app, theme, screen.status, buf);
    footer::render_keys(app, theme, screen.footer, buf);
    overlays::render(app, theme, screen.body, buf);
    if let Some(dialog) = &app.dialog {
        dialogs::render(app, dialog, theme, area, buf);
    }
    if theme.ascii {
        asciify(buf, area);
    }
}

/// `--ascii`: every box-drawing character and UI glyph on screen becomes
/// its one-column ASCII stand-in.
fn asciify(buf: &mut Buffer, area: Rect) {
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            let cell = &mut buf[(x, y)];
            if let Some(ascii) = theme::ascii_glyph(cell.symbol()) {
                cell.set_symbol(ascii);
            }
        }
    }
}

/// The screen as plain text, one line per row (wide characters once).
/// Used by snapshot tests and the loop's observer.
pub fn buffer_text(buf: &Buffer) -> String {
    let area = buf.area;
    let mut out = String::new();
    for y in area.top()..area.bottom() {
        let mut line = String::new();
        let mut skip = 0;
        for x in area.left()..area.right() {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let symbol = buf[(x, y)].symbol();
            line.push_str(symbol);
            skip = sanitize::width(symbol).saturating_sub(1);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
