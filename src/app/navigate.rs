//! Keys in the detail view and in help: scrolling, closing, and the
//! actions they share with the lists.

use super::detail;
use super::update::{ask_quit, on_common_action};
use super::{App, Effect};
use crate::keys::keymap::Action;

pub(super) fn on_detail_action(app: &mut App, action: Action) -> Vec<Effect> {
    if let Some(effects) = on_common_action(app, action) {
        return effects;
    }
    let page = app.detail_viewport();
    if let Some(detail) = app.detail.as_mut() {
        match action {
            Action::Back => app.detail = None,
            Action::Down => detail.scroll += 1,
            Action::Up => detail.scroll = detail.scroll.saturating_sub(1),
            Action::PageDown => detail.scroll += page,
            Action::PageUp => detail.scroll = detail.scroll.saturating_sub(page),
            Action::Top => detail.scroll = 0,
            Action::Bottom => detail.scroll = usize::MAX,
            _ => {}
        }
    }
    clamp_detail_scroll(app);
    Vec::new()
}

pub(super) fn clamp_detail_scroll(app: &mut App) {
    let lines = detail::build(app).map_or(0, |m| m.line_count());
    let max = lines.saturating_sub(app.detail_viewport());
    if let Some(detail) = app.detail.as_mut() {
        detail.scroll = detail.scroll.min(max);
    }
}

pub(super) fn on_help_action(app: &mut App, action: Action) -> Vec<Effect> {
    if action == Action::Quit {
        return ask_quit(app);
    }
    let lines = app.help_lines().len();
    let page = app.detail_viewport();
    let max = lines.saturating_sub(page);
    let Some(help) = app.help.as_mut() else {
        return Vec::new();
    };
    match action {
        Action::Back | Action::Help => app.help = None,
        Action::Down => help.scroll += 1,
        Action::Up => help.scroll = help.scroll.saturating_sub(1),
        Action::PageDown => help.scroll += page,
        Action::PageUp => help.scroll = help.scroll.saturating_sub(page),
        Action::Top => help.scroll = 0,
        Action::Bottom => help.scroll = max,
        _ => {}
    }
    if let Some(help) = app.help.as_mut() {
        help.scroll = help.scroll.min(max);
    }
    Vec::new()
}
