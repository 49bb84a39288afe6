//! Keys in the detail view and in help: scrolling, closing, and the
//! actions they share with the lists.

use crate::app::HelpState;
use crate::app::dialogs::quit_confirmation;
use crate::app::flow::actions;
use crate::app::panes::detail;
use crate::app::{App, Effect, NoticeKind};
use crate::keys::keymap::Action;
use crate::model::ListKind;

pub(crate) fn on_detail_action(app: &mut App, action: Action) -> Vec<Effect> {
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

pub(crate) fn clamp_detail_scroll(app: &mut App) {
    let lines = detail::build(app).map_or(0, |m| m.line_count());
    let max = lines.saturating_sub(app.detail_viewport());
    if let Some(detail) = app.detail.as_mut() {
        detail.scroll = detail.scroll.min(max);
    }
}

pub(crate) fn on_help_action(app: &mut App, action: Action) -> Vec<Effect> {
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

pub(crate) fn quit(app: &mut App) -> Vec<Effect> {
    app.quit = true;
    vec![Effect::Quit]
}

/// Ctrl-C, wherever the admin is and whatever the keymap says: the quit
/// path. A dialog that has sent nothing closes first; a quit question
/// already showing stays, so queued or in-flight decisions are never
/// dropped by a second press.
pub(crate) fn ctrl_c(app: &mut App) -> Vec<Effect> {
    use crate::app::dialogs::{ConfirmAction, Dialog};
    match &app.dialog {
        Some(Dialog::QuitQueued(_)) => return Vec::new(),
        Some(Dialog::Confirm(confirm)) if confirm.action == ConfirmAction::Quit => {
            return Vec::new();
        }
        Some(Dialog::Report(_)) => app.dialog = None,
        Some(_) => {
            app.dialog = None;
            app.notify(NoticeKind::Info, "Cancelled — nothing was sent.");
        }
        None => {}
    }
    app.filtering = false;
    app.palette = None;
    ask_quit(app)
}

pub(crate) fn ask_quit(app: &mut App) -> Vec<Effect> {
    if !app.grace.is_empty() {
        app.dialog = Some(crate::app::dialogs::Dialog::QuitQueued(
            crate::app::dialogs::QuitQueuedDialog {
                queued: app.grace.decision_count(),
                entries: app.grace.entries().len(),
            },
        ));
        return Vec::new();
    }
    let in_flight = app.sent_count();
    if in_flight > 0 {
        app.dialog = Some(quit_confirmation(in_flight));
        Vec::new()
    } else {
        quit(app)
    }
}

fn switch_pane(app: &mut App, pane: ListKind) {
    app.pane = pane;
    app.detail = None;
}

/// Actions that mean the same in the list and the detail view.
pub(crate) fn on_common_action(app: &mut App, action: Action) -> Option<Vec<Effect>> {
    match action {
        Action::PaneInvites => switch_pane(app, ListKind::Invites),
        Action::PaneRequests => switch_pane(app, ListKind::Requests),
        Action::PaneOrgs => switch_pane(app, ListKind::Orgs),
        Action::PaneChannels => switch_pane(app, ListKind::Channels),
        Action::NextPane => switch_pane(app, app.pane.next()),
        Action::PrevPane => switch_pane(app, app.pane.prev()),
        Action::Help => app.help = Some(HelpState::default()),
        Action::Quit => return Some(ask_quit(app)),
        Action::Refresh => return Some(crate::app::flow::refresh::request(app, app.pane, true)),
        Action::StopBatch => return Some(crate::app::flow::bulk::stop(app)),
        Action::Approve | Action::Decline | Action::Disconnect | Action::Permission => {
            return Some(actions::start_decision(app, action));
        }
        Action::Undo => return Some(crate::app::flow::grace::take_back_newest(app)),
        Action::Queue => return Some(crate::app::overlays::open_queue(app)),
        Action::Journal => return Some(crate::app::overlays::open_journal(app)),
        Action::Palette => return Some(crate::app::overlays::palette::open(app)),
        _ => return None,
    }
    Some(Vec::new())
}
