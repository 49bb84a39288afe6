//! `update(&mut App, Msg) -> Vec<Effect>`: the only place state changes.

use crossterm::event::{KeyEvent, KeyEventKind};

use crate::app::dialogs::DialogStep;
use crate::app::flow::actions;
use crate::app::{App, DetailState, Effect, Msg, NoticeKind, Waiting};
use crate::keys::keymap::{Action, Context};
use crate::keys::keyspec::CTRL_C;
use crate::model::ListKind;
use crate::model::identity::Identity;
use std::time::Duration;

use crate::app::flow::refresh::begin_load;
use crate::app::list::ops::{with_list, with_list_ref};
use crate::app::overlays::navigate::{on_common_action, quit};
use crate::slack::ClientEvent;

/// The effects to run when the TUI starts: who are we, the lists we saw
/// last time (from the disk cache), and every list fresh from Slack.
pub fn start(app: &mut App) -> Vec<Effect> {
    let mut effects = vec![Effect::AuthTest];
    for kind in ListKind::ALL {
        begin_load(app, kind);
        // With a cache, the fresh load starts once the cached rows are in:
        // both at once would hold two copies of a big list.
        effects.push(if app.use_cache {
            Effect::ReadCache(kind)
        } else {
            Effect::Load(kind)
        });
    }
    effects.extend(crate::app::flow::reconcile::start_effects(app));
    effects
}

pub fn update(app: &mut App, msg: Msg) -> Vec<Effect> {
    // Counted once a second and when rows arrive, never per key: typing
    // a filter must stay instant.
    let recount = matches!(
        msg,
        Msg::Tick { .. } | Msg::PageLoaded { is_last: true, .. } | Msg::CacheLoaded(_)
    );
    let mut effects = handle(app, msg);
    // A request's detail on screen asks, once, whether its address is known.
    effects.extend(crate::app::contacts::lookup_due(app));
    crate::app::overlays::close_queue_when_empty(app);
    // "Send them now, then quit": quit once Slack has answered them all.
    if app.quit_when_idle && !app.quit && app.grace.is_empty() && app.decisions.is_idle() {
        effects.extend(quit(app));
    }
    if recount {
        let now = app.now;
        app.invites.list.count_soon(now);
        app.requests.list.count_soon(now);
    }
    // A notice that came or went changes how many rows show: keep the
    // selection on screen whatever happened.
    let viewport = app.list_viewport();
    let pane = app.pane;
    with_list(app, pane, |l| l.scroll_into_view(viewport));
    if app.detail.is_some() {
        crate::app::overlays::navigate::clamp_detail_scroll(app);
    }
    effects
}

fn handle(app: &mut App, msg: Msg) -> Vec<Effect> {
    match msg {
        Msg::Key(key) => on_key(app, key),
        Msg::Paste(text) => on_paste(app, &text),
        Msg::Resize { width, height } => {
            app.size = (width, height);
            let viewport = app.list_viewport();
            for kind in ListKind::ALL {
                with_list(app, kind, |l| l.scroll_into_view(viewport));
            }
            crate::app::overlays::navigate::clamp_detail_scroll(app);
            Vec::new()
        }
        Msg::Tick { now } => {
            app.now = now;
            if app.now_ms.div_euclid(1000) != now {
                app.now_ms = now.saturating_mul(1000);
            }
            if app.notice.as_ref().is_some_and(|n| n.until <= now) {
                app.notice = None;
            }
            if app.waiting.as_ref().is_some_and(|w| w.until <= now) {
                app.waiting = None;
            }
            for kind in ListKind::ALL {
                with_list(app, kind, |l| l.expire_live(now));
            }
            let mut effects = crate::app::flow::refresh::on_tick(app);
            effects.extend(crate::app::flow::grace::send_due(app));
            effects
        }
        Msg::Clock { now_ms } => {
            app.now_ms = now_ms;
            app.now = now_ms.div_euclid(1000);
            crate::app::flow::grace::send_due(app)
        }
        Msg::Signal(signal) => {
            app.exit_signal = Some(signal);
            let why = format!("{} arrived", signal.name());
            let mut effects = crate::app::flow::grace::drop_all(app, &why);
            effects.extend(quit(app));
            effects
        }
        Msg::NotSent { decision, reason } => {
            let mut effects = crate::app::flow::outcomes::on_not_sent(app, decision, reason);
            effects.extend(crate::app::flow::bulk::on_finished(app, decision));
            effects
        }
        Msg::RequestStatuses(result) => {
            crate::app::flow::reconcile::on_request_statuses(app, result)
        }
        Msg::JournalRead(records) => {
            crate::app::overlays::on_journal_read(app, records);
            Vec::new()
        }
        Msg::AuthLoaded(mut auth) => {
            auth.workspace_ids = app.workspaces.iter().map(|t| t.id.clone()).collect();
            app.identity = Identity::Known(auth);
            crate::app::flow::pages::on_identity(app);
            crate::app::flow::reconcile::on_identity(app)
        }
        Msg::AuthFailed(error) => {
            let text = format!(
                "Could not tell who is signed in (auth.test): {}",
                crate::slack::explain::explain(&error)
            );
            app.identity = Identity::Failed(error);
            app.notify(NoticeKind::Error, text);
            Vec::new()
        }
        Msg::PageLoaded {
            items,
            total,
            is_last,
            workspace,
        } => {
            let kind = items.kind();
            let mut effects =
                crate::app::flow::pages::on_page(app, items, total, is_last, workspace.as_deref());
            if let Some(count) = with_list(app, kind, |l| l.take_announcement()) {
                let text = format!(
                    "Reloaded {}: {count} from Slack.",
                    kind.title().to_lowercase()
                );
                app.notify(NoticeKind::Success, text);
            }
            if is_last {
                effects.extend(crate::app::flow::refresh::save_effect(app, kind));
                effects.extend(crate::app::flow::reconcile::on_list_done(app, kind));
            }
            effects
        }
        Msg::CacheLoaded(cached) => crate::app::flow::pages::on_cached(app, cached),
        Msg::ContactLooked { email, result } => {
            crate::app::contacts::on_looked(app, &email, result);
            Vec::new()
        }
        Msg::Live(event) => crate::app::flow::live::on_event(app, *event),
        Msg::LiveStatus(status) => crate::app::flow::live::on_status(app, status),
        Msg::Workspaces(teams) => {
            app.workspaces = teams;
            app.workspace_prefix = crate::text::words::common_leading_words(
                app.workspaces.iter().filter_map(|t| t.name.as_deref()),
            );
            if let Identity::Known(auth) = &mut app.identity {
                auth.workspace_ids = app.workspaces.iter().map(|t| t.id.clone()).collect();
                crate::app::flow::pages::on_identity(app);
            }
            Vec::new()
        }
        Msg::ItemsSkipped { list, skipped } => {
            for item in &skipped {
                tracing::warn!(list = ?list, item = %item, "an element Slack sent could not be read");
            }
            app.skipped.entry(list).or_default().extend(skipped);
            Vec::new()
        }
        Msg::WorkspaceUnreadable { list, team, error } => {
            let workspace = crate::app::flow::pages::workspace_team(app, &team).label();
            let why = crate::slack::explain::explain(&error);
            // The same words from either list, so whichever says it last
            // the notice reads alike; the pane's own line names the list.
            app.notify(
                NoticeKind::Error,
                format!(
                    "Could not read workspace {workspace}: {why}. The other workspaces' rows show."
                ),
            );
            let entries = app.unreadable.entry(list).or_default();
            entries.retain(|u| u.workspace != workspace);
            entries.push(crate::app::Unreadable { workspace, why });
            Vec::new()
        }
        Msg::CacheProblem(why) => {
            if !app.cache_problem_said {
                app.cache_problem_said = true;
                app.notify(
                    NoticeKind::Error,
                    format!("The lists are not cached on disk: {why}. Everything else works."),
                );
            }
            Vec::new()
        }
        Msg::LoadFailed { list, error } => {
            let now = app.now;
            with_list(app, list, |l| {
                l.fail(error, now);
                l.take_announcement();
            });
            crate::app::flow::reconcile::on_list_done(app, list)
        }
        Msg::ActionDone { decision } => {
            let mut effects = crate::app::flow::outcomes::on_done(app, decision);
            effects.extend(crate::app::flow::bulk::on_finished(app, decision));
            effects
        }
        Msg::ActionFailed { decision, error } => {
            let mut effects = crate::app::flow::outcomes::on_failed(app, decision, error);
            effects.extend(crate::app::flow::bulk::on_finished(app, decision));
            effects
        }
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

/// A paste goes into the text box that has the keys, as text; anywhere
/// else it is dropped with a word, so pasted text never acts as keys.
fn on_paste(app: &mut App, text: &str) -> Vec<Effect> {
    let took = match app.dialog.as_mut() {
        Some(dialog) => dialog.paste(text),
        None if app.palette.is_some() => {
            crate::app::overlays::palette::paste(app, text);
            true
        }
        None if app.filtering => {
            crate::app::list::filter_input::paste(app, text);
            true
        }
        None => false,
    };
    if !took {
        app.notify(
            NoticeKind::Info,
            "Paste ignored: only a text box (a message, an org's name, the / filter) takes pasted text.",
        );
    }
    Vec::new()
}

fn on_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    if key.kind == KeyEventKind::Release {
        return Vec::new();
    }
    if CTRL_C.matches(&key) {
        return crate::app::overlays::navigate::ctrl_c(app);
    }
    if let Some(dialog) = app.dialog.as_mut() {
        return match dialog.handle_key(&app.keymap, app.pane, key) {
            DialogStep::Stay => Vec::new(),
            DialogStep::Cancelled => {
                if let Some(dialog) = app.dialog.take() {
                    app.notify(NoticeKind::Info, dialog.cancelled_words());
                }
                Vec::new()
            }
            DialogStep::Closed => {
                app.dialog = None;
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
            DialogStep::StartBatch(plan) => {
                app.dialog = None;
                crate::app::flow::grace::enqueue_plan(app, plan)
            }
            DialogStep::Quit => quit(app),
            DialogStep::SendQueuedAndQuit => {
                app.dialog = None;
                crate::app::overlays::quit_sending(app)
            }
            DialogStep::DropQueuedAndQuit => {
                app.dialog = None;
                crate::app::overlays::quit_dropping(app)
            }
        };
    }
    if app.palette.is_some() {
        use crate::app::overlays::palette::{self, Run};
        // The chosen action runs as its key would, where the admin is.
        return match palette::on_key(app, key) {
            Some(Run::Action(action)) => {
                let context = app.context();
                on_action(app, context, action)
            }
            Some(Run::GoTo(target)) => palette::go_to(app, &target),
            None => Vec::new(),
        };
    }
    if app.filtering {
        return crate::app::list::filter_input::on_key(app, key);
    }
    let context = app.context();
    let Some(action) = app.keymap.action(context, app.pane, &key) else {
        return Vec::new();
    };
    on_action(app, context, action)
}

/// What `action` does in `context`. Keys come here, and so do the entries
/// the palette runs, so a chosen entry does exactly what its key does.
fn on_action(app: &mut App, context: Context, action: Action) -> Vec<Effect> {
    match context {
        Context::Queue => crate::app::overlays::on_queue_action(app, action),
        Context::Journal => {
            let lines = crate::app::overlays::journal_line_count(app);
            let page = app.detail_viewport();
            crate::app::overlays::on_journal_action(app, action, lines, page)
        }
        Context::Help => crate::app::overlays::navigate::on_help_action(app, action),
        Context::Detail => crate::app::overlays::navigate::on_detail_action(app, action),
        _ => on_list_action(app, action),
    }
}

fn on_list_action(app: &mut App, action: Action) -> Vec<Effect> {
    let pane = app.pane;
    let marked = with_list_ref(app, pane, |l| l.mark_count());
    if marked > 0 && matches!(action, Action::Approve | Action::Decline) {
        return crate::app::dialogs::plan::plan(app, action);
    }
    if let Some(effects) = on_common_action(app, action) {
        return effects;
    }
    let viewport = app.list_viewport();
    let page = viewport as isize;
    let several_workspaces = app.workspaces.len() > 1;
    with_list(app, pane, |list| match action {
        Action::Down => list.move_by(1, viewport),
        Action::Up => list.move_by(-1, viewport),
        Action::PageDown => list.move_by(page, viewport),
        Action::PageUp => list.move_by(-page, viewport),
        Action::Top => list.select(0, viewport),
        Action::Bottom => list.select(list.shown().saturating_sub(1), viewport),
        Action::Mark => list.toggle_mark(viewport),
        Action::SortNext => list.set_sort(list.sort().next(pane, several_workspaces)),
        Action::SortReverse => {
            let mut sort = list.sort();
            sort.reversed = !sort.reversed;
            list.set_sort(sort);
        }
        Action::ClearFilter => list.set_filter(""),
        _ => {}
    });
    match action {
        Action::Filter => app.filtering = true,
        Action::MarkAll => crate::app::list::filter_input::mark_all(app),
        Action::Open => {
            if let Some(item_id) = app.selected_id() {
                app.detail = Some(DetailState {
                    pane,
                    item_id,
                    scroll: 0,
                });
            }
        }
        _ => {}
    }
    Vec::new()
}
