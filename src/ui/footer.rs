//! The status line (what just happened, what we wait for) and the footer of
//! keys that work here, generated from the keymap table that handles them.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::sanitize::{sanitize, width};
use super::theme::Theme;
use crate::app::{App, NoticeKind};

pub fn render_status(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    if area.height == 0 {
        return;
    }
    let in_flight = app.decisions.in_flight_count();
    let right = if in_flight > 0 {
        format!(" {in_flight} in flight ")
    } else {
        String::new()
    };
    let room = (area.width as usize).saturating_sub(width(&right));
    let mut spans: Vec<Span> = Vec::new();
    if let Some(notice) = &app.notice {
        // The mark says what kind of notice it is without relying on colour.
        let (mark, style) = match notice.kind {
            NoticeKind::Success => ("✓ ", theme.success),
            NoticeKind::Error => ("✗ ", theme.error),
            NoticeKind::Info => ("· ", theme.info),
        };
        spans.push(Span::styled(sanitize(&format!("{mark}{}", notice.text), room), style));
    } else if let Some(waiting) = &app.waiting {
        spans.push(Span::styled(sanitize(&waiting.text, room), theme.info));
    }
    let used: usize = spans.iter().map(|s| s.width()).sum();
    if !right.is_empty() {
        spans.push(Span::raw(" ".repeat(room.saturating_sub(used))));
        spans.push(Span::styled(right, theme.tab_active));
    }
    buf.set_line(area.x, area.y, &Line::from(spans), area.width);
}

/// The keys of the current context, in table order, as many as fit.
pub fn render_keys(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    if area.height == 0 {
        return;
    }
    let pairs = app.keymap.footer(app.context(), app.pane);
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
    buf.set_line(area.x, area.y, &Line::from(super::key_hints(&shown, theme)), area.width);
}
