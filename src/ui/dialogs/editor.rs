//! The box of a request dialog with a message editor in it: lines above
//! the editor, the editor, then lines below; and its character counter.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Widget};
use ratatui_textarea::TextArea;

use crate::app::dialogs::char_count;
use crate::slack::MAX_MESSAGE_CHARS;
use crate::ui::dialog_frame::{border_style, draw_lines, open};
use crate::ui::theme::Theme;

/// Rows of text the editor shows (plus its border).
const EDITOR_ROWS: u16 = 4;

/// How many characters the message has against Slack's limit; past it,
/// in the error style with how many too many.
pub fn counter(editor: &TextArea<'_>, theme: &Theme) -> Line<'static> {
    let count = char_count(editor);
    if count > MAX_MESSAGE_CHARS {
        Line::styled(
            format!(
                "{count}/{MAX_MESSAGE_CHARS} characters — {} too many",
                count - MAX_MESSAGE_CHARS
            ),
            theme.error,
        )
    } else {
        Line::styled(
            format!("{count}/{MAX_MESSAGE_CHARS} characters"),
            theme.muted,
        )
    }
}

/// Draw `above`, the editor, then `below` inside a dialog box.
pub fn render_with_editor(
    title: &str,
    above: Vec<Line<'static>>,
    editor: &TextArea<'static>,
    below: Vec<Line<'static>>,
    area: Rect,
    buf: &mut Buffer,
    theme: &Theme,
) {
    let editor_height = EDITOR_ROWS + 2;
    let content = above.len() + editor_height as usize + below.len();
    let inner = open(title, content, area, buf, border_style(theme, false));
    draw_lines(&above, inner, buf);
    let top = inner.y + (above.len() as u16).min(inner.height);
    let editor_area = Rect::new(
        inner.x,
        top,
        inner.width,
        editor_height.min(inner.bottom().saturating_sub(top)),
    );
    let frame = Block::bordered()
        .border_set(theme.border())
        .border_style(theme.muted);
    let text_area = frame.inner(editor_area);
    frame.render(editor_area, buf);
    // The editor's own defaults are coloured; the theme decides instead.
    let mut editor = editor.clone();
    editor.set_placeholder_style(theme.muted);
    editor.set_selection_style(theme.selected);
    editor.render(text_area, buf);
    let below_top = editor_area.bottom();
    let below_area = Rect::new(
        inner.x,
        below_top,
        inner.width,
        inner.bottom().saturating_sub(below_top),
    );
    draw_lines(&below, below_area, buf);
}
