//! The two request dialogs with a message editor: deny (the message goes to
//! the requester) and approve (permission choice, optional added message).

use crate::slack::MAX_MESSAGE_CHARS;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Widget};
use ratatui_textarea::TextArea;

use crate::app::App;
use crate::app::dialogs::{ApproveRequestDialog, DenyDialog, char_count, permission_words};
use crate::ui::dialog_frame::{border_style, draw_lines, hints, inner_width, open, wrapped_lines};
use crate::ui::theme::Theme;

/// Rows of text the editor shows (plus its border).
const EDITOR_ROWS: u16 = 4;

fn counter(editor: &TextArea<'_>, theme: &Theme) -> Line<'static> {
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
fn render_with_editor(
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

pub fn render_deny(app: &App, dialog: &DenyDialog, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let width = inner_width(area);
    let mut above = wrapped_lines(&dialog.lines, width, theme.dialog);
    above.push(Line::styled(
        "Message to the requester (the outsider sees nothing):",
        theme.title,
    ));
    let mut below = vec![counter(&dialog.editor, theme)];
    if let Some(shown) = dialog.saved_shown {
        below.push(Line::styled(
            format!(
                "Saved message {} of {}: edit it as you like.",
                shown + 1,
                dialog.saved.len()
            ),
            theme.muted,
        ));
    }
    if let Some(error) = &dialog.error {
        below.push(Line::styled(error.clone(), theme.error));
    }
    below.push(hints(app, theme));
    let title = format!("Deny request {}", dialog.request_id);
    render_with_editor(&title, above, &dialog.editor, below, area, buf, theme);
}

pub fn render_approve(
    app: &App,
    dialog: &ApproveRequestDialog,
    theme: &Theme,
    area: Rect,
    buf: &mut Buffer,
) {
    let width = inner_width(area);
    let mut above = wrapped_lines(&dialog.lines, width, theme.dialog);
    let option = |limited: bool| {
        let chosen = dialog.limited == limited;
        let mark = if chosen { "(•)" } else { "( )" };
        let requested = if dialog.requested_limited == limited {
            ", as requested"
        } else {
            ""
        };
        let style = if chosen { theme.title } else { theme.muted };
        Span::styled(
            format!("{mark} {}{requested}", permission_words(limited)),
            style,
        )
    };
    above.push(Line::from(vec![
        Span::raw("Permission: "),
        option(true),
        Span::raw("  "),
        option(false),
    ]));
    above.push(Line::styled(
        "Optional message, added to the requester's:",
        theme.title,
    ));
    let mut below = vec![counter(&dialog.message, theme)];
    if let Some(error) = &dialog.error {
        below.push(Line::styled(error.clone(), theme.error));
    }
    below.push(hints(app, theme));
    let title = format!("Approve request {}", dialog.request_id);
    render_with_editor(&title, above, &dialog.message, below, area, buf, theme);
}
