//! The two safety overlays: the undo queue (`U`) and the decision journal
//! (`L`), and how their keys work. The quit question with writes still
//! queued lives here too, and the `:` command palette in [`palette`].

pub mod journal_view;
pub mod navigate;
pub mod palette;

use crate::app::flow::grace;
use crate::app::{App, Effect, NoticeKind};
use crate::journal::JournalRecord;
use crate::keys::keymap::Action;

/// The queue view: every entry still in its undo window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct QueueView {
    /// Position in the newest-first list.
    pub selected: usize,
}

/// The journal view: read from the file each time it opens.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct JournalView {
    /// `None` while it is being read.
    pub records: Option<Result<Vec<JournalRecord>, String>>,
    pub scroll: usize,
}

/// `U`: open the queue view (or say there is nothing in it).
pub fn open_queue(app: &mut App) -> Vec<Effect> {
    if app.grace.is_empty() {
        app.notify(
            NoticeKind::Info,
            "The undo queue is empty: nothing is waiting to be sent.",
        );
    } else {
        app.queue_view = Some(QueueView::default());
    }
    Vec::new()
}

/// `L`: open the journal view and read the journal.
pub fn open_journal(app: &mut App) -> Vec<Effect> {
    app.journal_view = Some(JournalView::default());
    vec![Effect::ReadJournal]
}

pub fn on_journal_read(app: &mut App, records: Result<Vec<JournalRecord>, String>) {
    if let Some(view) = app.journal_view.as_mut() {
        view.records = Some(records);
    }
}

/// The queue's entry IDs, newest first (the order the view shows).
pub fn queue_order(app: &App) -> Vec<u64> {
    app.grace.entries().iter().rev().map(|e| e.id).collect()
}

pub fn on_queue_action(app: &mut App, action: Action) -> Vec<Effect> {
    let order = queue_order(app);
    let Some(view) = app.queue_view.as_mut() else {
        return Vec::new();
    };
    view.selected = view.selected.min(order.len().saturating_sub(1));
    let selected = order.get(view.selected).copied();
    let effects = match action {
        Action::Down => {
            view.selected = (view.selected + 1).min(order.len().saturating_sub(1));
            Vec::new()
        }
        Action::Up => {
            view.selected = view.selected.saturating_sub(1);
            Vec::new()
        }
        Action::Top => {
            view.selected = 0;
            Vec::new()
        }
        Action::Bottom => {
            view.selected = order.len().saturating_sub(1);
            Vec::new()
        }
        Action::Back | Action::Queue => {
            app.queue_view = None;
            Vec::new()
        }
        Action::Undo => selected.map_or_else(Vec::new, |id| grace::take_back(app, id)),
        Action::SendQueued => selected.map_or_else(Vec::new, |id| grace::send_now(app, id)),
        Action::Quit => crate::app::overlays::navigate::ask_quit(app),
        _ => Vec::new(),
    };
    close_queue_when_empty(app);
    effects
}

/// The view closes by itself when its last entry leaves (sent or taken back).
pub fn close_queue_when_empty(app: &mut App) {
    if app.grace.is_empty() {
        app.queue_view = None;
    } else if let Some(view) = app.queue_view.as_mut() {
        view.selected = view.selected.min(app.grace.entries().len() - 1);
    }
}

pub fn on_journal_action(app: &mut App, action: Action, lines: usize, page: usize) -> Vec<Effect> {
    let max = lines.saturating_sub(page);
    let Some(view) = app.journal_view.as_mut() else {
        return Vec::new();
    };
    match action {
        Action::Back | Action::Journal => app.journal_view = None,
        Action::Down => view.scroll += 1,
        Action::Up => view.scroll = view.scroll.saturating_sub(1),
        Action::PageDown => view.scroll += page,
        Action::PageUp => view.scroll = view.scroll.saturating_sub(page),
        Action::Top => view.scroll = 0,
        Action::Bottom => view.scroll = max,
        Action::Quit => return crate::app::overlays::navigate::ask_quit(app),
        _ => {}
    }
    if let Some(view) = app.journal_view.as_mut() {
        view.scroll = view.scroll.min(max);
    }
    Vec::new()
}

/// Quitting with writes still queued: `s` sends them and quits once Slack
/// answered, `D` drops them (journaled as not sent) and quits.
pub fn quit_sending(app: &mut App) -> Vec<Effect> {
    app.quit_when_idle = true;
    let effects = grace::send_all(app);
    app.queue_view = None;
    app.notify(
        NoticeKind::Info,
        "Sending the queued decisions; quitting when Slack has answered.",
    );
    effects
}

pub fn quit_dropping(app: &mut App) -> Vec<Effect> {
    let mut effects = grace::drop_all(app, "dropped on quit");
    app.queue_view = None;
    effects.extend(crate::app::overlays::navigate::ask_quit(app));
    effects
}

/// Lines the journal view has: a heading, then two per decision.
pub fn journal_line_count(app: &App) -> usize {
    match app.journal_view.as_ref().and_then(|v| v.records.as_ref()) {
        Some(Ok(records)) => {
            1 + 2 * crate::app::overlays::journal_view::newest_first(records).len()
        }
        _ => 1,
    }
}
