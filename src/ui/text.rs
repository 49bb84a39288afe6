//! Small text pieces several parts of the screen share: key hints, the key
//! bound to an action, and numbers with thousands separators.

use ratatui::text::Span;

use super::theme::Theme;
use crate::app::App;
use crate::keys::keymap::Action;

/// `Key label` pairs as spans, for the footer and dialog hints.
pub fn key_hints(pairs: &[(String, &'static str)], theme: &Theme) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    for (i, (keys, label)) in pairs.iter().enumerate() {
        if i > 0 {
            spans.push(Span::raw("  "));
        }
        spans.push(Span::styled(keys.clone(), theme.key));
        spans.push(Span::raw(format!(" {label}")));
    }
    spans
}

/// The first key bound to `action`, as the footer writes it.
pub fn key_of(app: &App, action: Action) -> String {
    app.keymap
        .keys_for(action)
        .first()
        .map(ToString::to_string)
        .unwrap_or_else(|| "?".to_owned())
}

/// `12,345`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
