//! `update(&mut App, Msg) -> Vec<Effect>`: the only place state changes.

use crossterm::event::{KeyEvent, KeyEventKind};

use super::actions;
use super::detail;
use super::dialogs::{DialogStep, quit_confirmation};
use super::keymap::{Action, Context};
use super::list::ListData;
use super::{
    App, DetailState, Effect, HelpState, Identity, ListItems, ListKind, Msg, NoticeKind, Waiting,
};
use std::time::Duration;

use crate::slack::ClientEvent;

/// The effects to run when the TUI starts: who are we, and every list.
pub fn start(app: &mut App) -> Vec<Effect> {
    let mut effects = vec![Effect::AuthTest];
    for kind in ListKind::ALL {
        begin_load(app, kind);
        effects.push(Effect::Load(kind));
    }
    effects
}

pub fn update(app: &mut App, msg: Msg) -> Vec<Effect> {
    let effects = handle(app, msg);
    // A notice that came or went changes how many rows show: keep the
    // selection on screen whatever happened.
    let viewport = app.list_viewport();
    match app.pane {
        ListKind::Invites => app.invites.list.scroll_into_view(viewport),
        ListKind::Requests => app.requests.list.scroll_into_view(viewport),
        ListKind::Orgs => app.orgs.list.scroll_into_view(viewport),
        ListKind::Channels => app.channels.list.scroll_into_view(viewport),
    }
    if app.detail.is_some() {
        clamp_detail_scroll(app);
    }
    effects
}

fn handle(app: &mut App, msg: Msg) -> Vec<Effect> {
    match msg {
        Msg::Key(key) => on_key(app, key),
        Msg::Resize { width, height } => {
            app.size = (width, height);
            let viewport = app.list_viewport();
            app.invites.list.scroll_into_view(viewport);
            app.requests.list.scroll_into_view(viewport);
            app.orgs.list.scroll_into_view(viewport);
            app.channels.list.scroll_into_view(viewport);
            clamp_detail_scroll(app);
            Vec::new()
        }
        Msg::Tick { now } => {
            app.now = now;
            if app.notice.as_ref().is_some_and(|n| n.until <= now) {
                app.notice = None;
            }
            if app.waiting.as_ref().is_some_and(|w| w.until <= now) {
                app.waiting = None;
            }
            Vec::new()
        }
        Msg::AuthLoaded(auth) => {
            app.identity = Identity::Known(auth);
            // Who "us" is decides which invites wait on us.
            let ours = app.identity.our_ids();
            app.invites.rebuild(&ours);
            Vec::new()
        }
        Msg::AuthFailed(error) => {
            let text = format!(
                "Could not tell who is signed in (auth.test): {}",
                super::explain::explain(&error)
            );
            app.identity = Identity::Failed(error);
            app.notify(NoticeKind::Error, text);
            Vec::new()
        }
        Msg::PageLoaded {
            items,
            total,
            is_last,
        } => {
            let kind = items.kind();
            on_page(app, items, total, is_last);
            if let Some(count) = with_list(app, kind, |l| l.take_announcement()) {
                let text = format!(
                    "Reloaded {}: {count} from Slack.",
                    kind.title().to_lowercase()
                );
                app.notify(NoticeKind::Success, text);
            }
            Vec::new()
        }
        Msg::LoadFailed { list, error } => {
            with_list(app, list, |l| {
                l.fail(error);
                l.take_announcement();
            });
            Vec::new()
        }
        Msg::ActionDone { decision } => actions::on_done(app, decision),
        Msg::ActionFailed { decision, error } => actions::on_failed(app, decision, error),
        Msg::Client(event) => {
            // Show the wait for as long as it lasts, so a Tier 1 pause
            // (a minute per invites page) never looks like a hang.
            let wait = match &event {
                ClientEvent::Waiting { wait, .. } => *wait,
                ClientEvent::RateLimited { retry_after, .. } => *retry_after,
                ClientEvent::Retrying { delay, .. } => *delay,
                ClientEvent::Fallback { .. } => Duration::from_secs(8),
            };
            let seconds = i64::try_from(wait.as_secs()).unwrap_or(i64::MAX / 2).max(1);
            app.waiting = Some(Waiting {
                event,
                until: app.now.saturating_add(seconds),
            });
            Vec::new()
        }
    }
}

/// Run `f` on the generic part of one pane's list.
fn with_list<R>(app: &mut App, kind: ListKind, f: impl FnOnce(&mut dyn ListOps) -> R) -> R {
    match kind {
        ListKind::Invites => f(&mut app.invites.list),
        ListKind::Requests => f(&mut app.requests.list),
        ListKind::Orgs => f(&mut app.orgs.list),
        ListKind::Channels => f(&mut app.channels.list),
    }
}

/// The operations `update` needs on any list, whatever its item type.
trait ListOps {
    fn begin_load(&mut self);
    fn fail(&mut self, error: crate::slack::SlackError);
    fn is_loading(&self) -> bool;
    fn move_by(&mut self, delta: isize, viewport: usize);
    fn select(&mut self, pos: usize, viewport: usize);
    fn len(&self) -> usize;
    fn set_announce_done(&mut self);
    /// Take the "announce when done" flag if the load just finished.
    fn take_announcement(&mut self) -> Option<usize>;
}

impl<T> ListOps for ListData<T> {
    fn begin_load(&mut self) {
        ListData::begin_load(self)
    }
    fn fail(&mut self, error: crate::slack::SlackError) {
        ListData::fail(self, error)
    }
    fn is_loading(&self) -> bool {
        ListData::is_loading(self)
    }
    fn move_by(&mut self, delta: isize, viewport: usize) {
        ListData::move_by(self, delta, viewport)
    }
    fn select(&mut self, pos: usize, viewport: usize) {
        ListData::select(self, pos, viewport)
    }
    fn len(&self) -> usize {
        self.view.len()
    }
    fn set_announce_done(&mut self) {
        self.announce_done = true;
    }
    fn take_announcement(&mut self) -> Option<usize> {
        if self.announce_done && !ListData::is_loading(self) {
            self.announce_done = false;
            Some(self.items.len())
        } else {
            None
        }
    }
}

fn begin_load(app: &mut App, kind: ListKind) {
    with_list(app, kind, |l| l.begin_load());
}

/// Reload a list that a decision changed on Slack's side, unless it is
/// loading already (its fresh pages will show the change anyway).
pub(super) fn reload_quietly(app: &mut App, kind: ListKind) -> Option<Effect> {
    if with_list(app, kind, |l| l.is_loading()) {
        return None;
    }
    begin_load(app, kind);
    Some(Effect::Load(kind))
}

fn on_page(app: &mut App, items: ListItems, total: Option<u64>, is_last: bool) {
    let now = app.now;
    let ours = app
        .identity
        .our_ids()
        .into_iter()
        .map(str::to_owned)
        .collect::<Vec<_>>();
    let ours: Vec<&str> = ours.iter().map(String::as_str).collect();
    let viewport = app.list_viewport();
    match items {
        ListItems::Invites(items) => {
            let keep = moved(&app.invites.list)
                .and_then(|l| l.selected_item())
                .map(|i| i.id().to_owned());
            app.invites.list.add_page(items, total, is_last, now);
            app.invites.rebuild(&ours);
            reselect(&mut app.invites.list, keep, |i| i.id().to_owned(), viewport);
        }
        ListItems::Requests(items) => {
            let keep = moved(&app.requests.list)
                .and_then(|l| l.selected_item())
                .map(|r| r.id.clone());
            app.requests.list.add_page(items, total, is_last, now);
            app.requests.rebuild();
            reselect(&mut app.requests.list, keep, |r| r.id.clone(), viewport);
        }
        ListItems::Orgs(items) => {
            let keep = moved(&app.orgs.list)
                .and_then(|l| l.selected_item())
                .map(|o| o.team_id.clone());
            app.orgs.list.add_page(items, total, is_last, now);
            app.orgs.rebuild();
            reselect(&mut app.orgs.list, keep, |o| o.team_id.clone(), viewport);
        }
        ListItems::Channels(items) => {
            let keep = moved(&app.channels.list)
                .and_then(|l| l.selected_item())
                .map(|c| c.id.clone());
            app.channels.list.add_page(items, total, is_last, now);
            app.channels.rebuild();
            reselect(&mut app.channels.list, keep, |c| c.id.clone(), viewport);
        }
    }
}

/// The list, when the admin moved away from its top: only then does the
/// selection follow its item while pages stream in.
fn moved<T>(list: &ListData<T>) -> Option<&ListData<T>> {
    (list.selected != 0 || list.offset != 0).then_some(list)
}

/// Keep the selection on the same item across a page or a reload, or at
/// the top when the admin has not moved.
fn reselect<T>(
    list: &mut ListData<T>,
    keep: Option<String>,
    id: impl Fn(&T) -> String,
    viewport: usize,
) {
    match keep {
        Some(keep) => {
            if let Some(pos) = list.view.iter().position(|&i| id(&list.items[i]) == keep) {
                list.selected = pos;
            }
        }
        None => {
            list.selected = 0;
            list.offset = 0;
        }
    }
    list.scroll_into_view(viewport);
}

fn on_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    if key.kind == KeyEventKind::Release {
        return Vec::new();
    }
    if let Some(dialog) = app.dialog.as_mut() {
        return match dialog.handle_key(&app.keymap, app.pane, key) {
            DialogStep::Stay => Vec::new(),
            DialogStep::Cancelled => {
                app.dialog = None;
                app.notify(NoticeKind::Info, "Cancelled — nothing was sent.");
                Vec::new()
            }
            DialogStep::Next(next) => {
                app.dialog = Some(*next);
                Vec::new()
            }
            DialogStep::Send(write) => {
                app.dialog = None;
                actions::begin_write(app, write)
            }
            DialogStep::Quit => quit(app),
        };
    }
    let context = app.context();
    let Some(action) = app.keymap.action(context, app.pane, &key) else {
        return Vec::new();
    };
    match context {
        Context::Help => on_help_action(app, action),
        Context::Detail => on_detail_action(app, action),
        _ => on_list_action(app, action),
    }
}

fn quit(app: &mut App) -> Vec<Effect> {
    app.quit = true;
    vec![Effect::Quit]
}

fn ask_quit(app: &mut App) -> Vec<Effect> {
    let in_flight = app.decisions.in_flight_count();
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
fn on_common_action(app: &mut App, action: Action) -> Option<Vec<Effect>> {
    match action {
        Action::PaneInvites => switch_pane(app, ListKind::Invites),
        Action::PaneRequests => switch_pane(app, ListKind::Requests),
        Action::PaneOrgs => switch_pane(app, ListKind::Orgs),
        Action::PaneChannels => switch_pane(app, ListKind::Channels),
        Action::NextPane => switch_pane(app, app.pane.next()),
        Action::PrevPane => switch_pane(app, app.pane.prev()),
        Action::Help => app.help = Some(HelpState::default()),
        Action::Quit => return Some(ask_quit(app)),
        Action::Refresh => return Some(refresh(app, app.pane)),
        Action::Approve | Action::Decline | Action::Disconnect => {
            return Some(actions::start_decision(app, action));
        }
        _ => return None,
    }
    Some(Vec::new())
}

fn on_list_action(app: &mut App, action: Action) -> Vec<Effect> {
    if let Some(effects) = on_common_action(app, action) {
        return effects;
    }
    let viewport = app.list_viewport();
    let page = viewport as isize;
    let pane = app.pane;
    with_list(app, pane, |list| match action {
        Action::Down => list.move_by(1, viewport),
        Action::Up => list.move_by(-1, viewport),
        Action::PageDown => list.move_by(page, viewport),
        Action::PageUp => list.move_by(-page, viewport),
        Action::Top => list.select(0, viewport),
        Action::Bottom => list.select(list.len().saturating_sub(1), viewport),
        _ => {}
    });
    if action == Action::Open
        && let Some(item_id) = app.selected_id()
    {
        app.detail = Some(DetailState {
            pane,
            item_id,
            scroll: 0,
        });
    }
    Vec::new()
}

fn on_detail_action(app: &mut App, action: Action) -> Vec<Effect> {
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

fn clamp_detail_scroll(app: &mut App) {
    let lines = detail::build(app).map_or(0, |m| m.line_count());
    let max = lines.saturating_sub(app.detail_viewport());
    if let Some(detail) = app.detail.as_mut() {
        detail.scroll = detail.scroll.min(max);
    }
}

fn on_help_action(app: &mut App, action: Action) -> Vec<Effect> {
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

/// Reload one pane, unless it is still loading (which also keeps us inside
/// the rate limits: one load of a list at a time).
fn refresh(app: &mut App, kind: ListKind) -> Vec<Effect> {
    if with_list(app, kind, |l| l.is_loading()) {
        app.notify(
            NoticeKind::Info,
            format!("{} are still loading.", kind.title()),
        );
        return Vec::new();
    }
    begin_load(app, kind);
    with_list(app, kind, |l| l.set_announce_done());
    app.notify(
        NoticeKind::Info,
        format!("Reloading {} from Slack…", kind.title().to_lowercase()),
    );
    vec![Effect::Load(kind)]
}
