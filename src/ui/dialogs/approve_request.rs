//! Approve a request: the channel (as requested, or another picked from a
//! list), the permission (limited or full) and an optional message, added
//! to the requester's or in its place.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::editor::{counter, render_with_editor};
use crate::app::App;
use crate::app::dialogs::{ApproveRequestDialog, ChannelPicker};
use crate::text::sanitize::sanitize;
use crate::text::words::permission_words;
use crate::ui::dialog_frame::{
    border_style, draw_lines, hints_wrapped, inner_width, open, wrapped_lines,
};
use crate::ui::theme::Theme;

/// Channels the picker shows at a time.
const PICKER_ROWS: usize = 10;

pub fn render(
    app: &App,
    dialog: &ApproveRequestDialog,
    theme: &Theme,
    area: Rect,
    buf: &mut Buffer,
) {
    if let Some(picker) = &dialog.picker {
        render_picker(app, dialog, picker, theme, area, buf);
        return;
    }
    let width = inner_width(area);
    let mut above = wrapped_lines(&dialog.request.lines, width, theme.dialog);
    let into = match &dialog.channel {
        Some(channel) => format!(
            "Into: #{} ({}), not the requested one",
            channel.name, channel.id
        ),
        None => "Into: the requested channel".to_owned(),
    };
    above.push(Line::styled(sanitize(&into, width), theme.dialog));
    let option = |limited: bool| {
        let chosen = dialog.limited == limited;
        let mark = if chosen { "(•)" } else { "( )" };
        let requested = if dialog.request.requested_limited == limited {
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
        if dialog.replace {
            "Optional message, in place of the requester's:"
        } else {
            "Optional message, added to the requester's:"
        },
        theme.title,
    ));
    let mut below = vec![counter(&dialog.message, theme)];
    if let Some(error) = &dialog.error {
        below.push(Line::styled(error.clone(), theme.error));
    }
    below.extend(hints_wrapped(app, theme, width));
    let title = format!("Approve request {}", dialog.request.id);
    render_with_editor(&title, above, &dialog.message, below, area, buf, theme);
}

fn render_picker(
    app: &App,
    dialog: &ApproveRequestDialog,
    picker: &ChannelPicker,
    theme: &Theme,
    area: Rect,
    buf: &mut Buffer,
) {
    let width = inner_width(area);
    let matches = picker.matches(&dialog.channels);
    let mut lines = vec![Line::styled(
        sanitize(&format!("Channel: {}▏", picker.query), width),
        theme.title,
    )];
    // The selected channel stays in the window of rows shown.
    let first = picker.selected.saturating_sub(PICKER_ROWS - 1);
    for (at, channel) in matches.iter().enumerate().skip(first).take(PICKER_ROWS) {
        let selected = at == picker.selected;
        let visibility = if channel.is_private {
            "private"
        } else {
            "public"
        };
        let text = format!(
            "{} #{} ({}, {visibility})",
            if selected { ">" } else { " " },
            channel.name,
            channel.id
        );
        let style = if selected {
            theme.selected
        } else {
            theme.dialog
        };
        lines.push(Line::styled(sanitize(&text, width), style));
    }
    lines.push(Line::styled(
        match matches.len() {
            0 => "No channel matches.".to_owned(),
            n => format!("{n} of {} channels", dialog.channels.len()),
        },
        theme.muted,
    ));
    lines.extend(hints_wrapped(app, theme, width));
    let title = format!("Approve request {} into which channel?", dialog.request.id);
    let inner = open(&title, lines.len(), area, buf, border_style(theme, false));
    draw_lines(&lines, inner, buf);
}
