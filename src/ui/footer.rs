//! The status line (what just happened, what we wait for) and the footer of
//! keys that work here, generated from the keymap table that handles them.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::text::key_hints;
use super::theme::Theme;
use crate::app::{App, NoticeKind};
use crate::text::sanitize::{sanitize, width};

pub fn render_status(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    if area.height == 0 {
        return;
    }
    let in_flight = app.sent_count();
    let right = if in_flight > 0 {
        app.in_flight_label(in_flight)
    } else {
        String::new()
    };
    if !right.is_empty() {
        let x = area.right().saturating_sub(width(&right) as u16);
        buf.set_line(
            x,
            area.y,
            &Line::styled(right.clone(), theme.tab_active),
            area.width,
        );
    }
    let room = app.status_wrap_width().min(area.width as usize);
    let lines = app.status_wrapped();
    let rows = area.height as usize;
    for (i, (kind, line)) in lines.iter().take(rows).enumerate() {
        let style = match kind {
            Some(NoticeKind::Success) => theme.success,
            Some(NoticeKind::Error) => theme.error,
            Some(NoticeKind::Info) | None => theme.info,
        };
        // More than fits: the last row says so with an ellipsis.
        let text = if i + 1 == rows && lines.len() > rows {
            format!("{line}…")
        } else {
            line.clone()
        };
        buf.set_line(
            area.x,
            area.y + i as u16,
            &Line::styled(sanitize(&text, room), style),
            room as u16,
        );
    }
}

/// The keys of the current context, in table order, as many as fit.
pub fn render_keys(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    if area.height == 0 {
        return;
    }
    let mut pairs = app.keymap.footer(app.context(), app.pane);
    // `u` is worth its room only while something waits in the undo queue.
    if app.grace.is_empty() {
        pairs.retain(|(_, label)| *label != crate::keys::keymap::Action::Undo.label(app.pane));
    }
    // Esc clears a filter only where one is on (typing it, it always shows).
    let filtered =
        crate::app::list::ops::with_list_ref(app, app.pane, |l| !l.filter_text().is_empty());
    if app.context() == crate::keys::keymap::Context::List && !filtered {
        let clear = crate::keys::keymap::Action::ClearFilter.label(app.pane);
        pairs.retain(|(_, label)| *label != clear);
    }
    let mut shown = Vec::new();
    let mut used = 0usize;
    for (keys, label) in pairs {
        let w = width(&keys) + 1 + label.len() + if shown.is_empty() { 0 } else { 2 };
        if used + w > area.width as usize {
            break;
        }
        used += w;
        shown.push((keys, label));
    }
    buf.set_line(
        area.x,
        area.y,
        &Line::from(key_hints(&shown, theme)),
        area.width,
    );
}
