//! Loads and refreshes: how pages merge into a list that is already on
//! screen, and when the next refresh of each list is allowed.
//!
//! A refresh never empties a list. Each page's rows replace the rows with
//! the same ID in place (or are added, and marked new); when the last page
//! is in, rows the refresh did not see have left Slack's list and go. The
//! selection, the marks and the scroll position stay on the same rows
//! throughout, so a 200-page refresh of the invites (at Tier 1, three hours)
//! never disturbs the admin.
//!
//! Each list's method has a rate tier (`conversations.listConnectInvites`
//! is Tier 1: one call a minute). The next refresh is allowed when its
//! first call would not wait; an automatic refresh also waits at least as
//! long as the last load took, so a long list does not take the method's
//! whole budget.

use crate::app::list::ops::{with_list, with_list_ref};
use crate::app::list::{KeysFn, ListData, LoadState};
use crate::app::{App, Effect, Mode, NoticeKind};
use crate::cache::{Snapshot, SnapshotRows};
use crate::model::ListKind;
use crate::model::rows::Row;
use crate::slack::limiter::budget;

/// Default seconds between automatic refreshes of a list.
pub const AUTO_REFRESH_SECS: i64 = 300;

/// The Web API method a list is loaded with.
pub fn method(kind: ListKind) -> &'static str {
    match kind {
        ListKind::Invites => "conversations.listConnectInvites",
        ListKind::Requests => "conversations.requestSharedInvite.list",
        ListKind::Orgs => "team.externalTeams.list",
        ListKind::Channels => "admin.conversations.search",
    }
}

impl<T: Row> ListData<T> {
    /// A (re)load starts: rows on screen stay until it has replaced them.
    pub fn begin_load(&mut self, now: i64) {
        self.load = LoadState::Loading;
        self.generation = self.generation.wrapping_add(1);
        self.fetched = 0;
        self.pages = 0;
        self.load_started = Some(now);
        self.highlight_new = !self.items.is_empty();
        if self.highlight_new {
            self.fresh.clear();
        }
    }

    /// Merge one page; returns true when it completed the load.
    pub fn add_page(
        &mut self,
        rows: Vec<T>,
        total: Option<u64>,
        is_last: bool,
        now: i64,
        keys: KeysFn<'_, T>,
    ) -> bool {
        let anchor = self.anchor();
        self.fetched += rows.len();
        self.pages += 1;
        self.total = total.or(self.total);
        let placed = self.merge(rows, keys, true);
        self.place(placed);
        if is_last {
            let generation = self.generation;
            let keep: Vec<bool> = self.stamps.iter().map(|&s| s == generation).collect();
            self.retain(&keep);
            // Names the replaced rows sorted by go with them, once a load.
            self.sort_names.forget_unused(&mut self.keys);
            self.load = LoadState::Loaded;
            self.loaded_at = Some(now);
            self.last_load_secs = self.load_started.map_or(0, |s| (now - s).max(0));
            self.cached_at = None;
        }
        self.restore(anchor);
        is_last
    }

    /// Rows read back from the disk cache, saved at `saved_at`. They never
    /// replace rows a load already brought.
    pub fn add_cached(&mut self, rows: Vec<T>, saved_at: i64, keys: KeysFn<'_, T>) {
        let anchor = self.anchor();
        let fresh_rows = self.fetched > 0 || matches!(self.load, LoadState::Loaded);
        if !fresh_rows {
            self.cached_at = Some(saved_at);
        }
        let placed = self.merge(rows, keys, false);
        self.place(placed);
        self.restore(anchor);
    }

    /// Drop rows no load has confirmed yet (rows from another workspace's
    /// cache).
    pub fn drop_unconfirmed(&mut self) {
        let anchor = self.anchor();
        let generation = self.generation;
        let loading = self.is_loading();
        let keep: Vec<bool> = self
            .stamps
            .iter()
            .map(|&s| loading && s == generation)
            .collect();
        self.retain(&keep);
        self.sort_names.forget_unused(&mut self.keys);
        self.cached_at = None;
        self.restore(anchor);
    }

    /// When Slack allows the next load of this list to start without waiting:
    /// a full window after the last page when the load used the method's
    /// whole budget (Tier 1 always does), else at once.
    pub fn next_allowed(&self, method: &str, window: i64) -> Option<i64> {
        let loaded_at = self.loaded_at?;
        let pages = u32::try_from(self.pages).unwrap_or(u32::MAX);
        Some(if pages >= budget(method) {
            loaded_at + window
        } else {
            loaded_at
        })
    }
}

/// When a list should refresh by itself next, if automatic refresh is on.
pub fn next_auto(app: &App, kind: ListKind) -> Option<i64> {
    let interval = app.auto_refresh?;
    let window = app.rate_window;
    let (loaded_at, allowed, took) = with_list_ref(app, kind, |l| {
        (
            l.loaded_at(),
            l.next_allowed(method(kind), window),
            l.last_load(),
        )
    });
    let loaded_at = loaded_at?;
    Some((loaded_at + interval.max(took)).max(allowed.unwrap_or(loaded_at)))
}

/// `r`, or an automatic refresh that came due: load `kind` again if Slack
/// allows it now, else say when it will start and start it then.
pub fn request(app: &mut App, kind: ListKind, by_admin: bool) -> Vec<Effect> {
    let (loading, allowed) = with_list_ref(app, kind, |l| {
        (
            l.is_loading(),
            l.next_allowed(method(kind), app.rate_window),
        )
    });
    if loading {
        if by_admin {
            app.notify(
                NoticeKind::Info,
                format!("{} are still loading.", kind.title()),
            );
        }
        return Vec::new();
    }
    if let Some(at) = allowed.filter(|&at| at > app.now) {
        app.queued_refresh.insert(kind);
        if by_admin {
            app.notify(
                NoticeKind::Info,
                format!(
                    "Slack allows the next {} refresh in {} ({}); it will start then.",
                    kind.title().to_lowercase(),
                    crate::text::time::short(at - app.now),
                    method(kind)
                ),
            );
        }
        return Vec::new();
    }
    app.queued_refresh.remove(&kind);
    crate::app::flow::refresh::begin_load(app, kind);
    if by_admin {
        with_list(app, kind, |l| l.set_announce_done());
        app.notify(
            NoticeKind::Info,
            format!("Reloading {} from Slack…", kind.title().to_lowercase()),
        );
    }
    vec![Effect::Load(kind)]
}

/// On each tick: start the refreshes that came due (queued by `r`, or
/// automatic).
pub fn on_tick(app: &mut App) -> Vec<Effect> {
    let mut effects = Vec::new();
    for kind in ListKind::ALL {
        let due = if app.queued_refresh.contains(&kind) {
            with_list_ref(app, kind, |l| l.next_allowed(method(kind), app.rate_window))
                .is_none_or(|at| at <= app.now)
        } else {
            next_auto(app, kind).is_some_and(|at| at <= app.now)
        };
        if due {
            effects.extend(request(app, kind, false));
        }
    }
    effects
}

/// The rows of a list as they are now, to save; `None` when there is
/// nothing worth saving (demo, unknown identity, not fully loaded).
pub fn snapshot(app: &App, kind: ListKind) -> Option<Snapshot> {
    if !app.use_cache || app.mode == Mode::Demo {
        return None;
    }
    let team_id = app.identity.auth()?.team_id.clone()?;
    let rows = match kind {
        ListKind::Invites => SnapshotRows::Invites(app.invites.list.items.clone()),
        ListKind::Requests => SnapshotRows::Requests(app.requests.list.items.clone()),
        ListKind::Orgs => SnapshotRows::Orgs(app.orgs.list.items.clone()),
        ListKind::Channels => SnapshotRows::Channels(app.channels.list.items.clone()),
    };
    Some(Snapshot {
        kind,
        team_id,
        saved_at: app.now,
        rows,
    })
}

/// After a list finished loading: save it.
pub fn save_effect(app: &App, kind: ListKind) -> Option<Effect> {
    snapshot(app, kind).map(|s| Effect::SaveCache(Box::new(s)))
}

pub(crate) fn begin_load(app: &mut App, kind: ListKind) {
    let now = app.now;
    // Each load says afresh which workspaces it could not read.
    app.unreadable.remove(&kind);
    app.skipped.remove(&kind);
    with_list(app, kind, |l| l.begin_load(now));
}

/// Reload a list that a decision changed on Slack's side, unless it is
/// loading already (its fresh pages will show the change anyway).
pub(crate) fn reload_quietly(app: &mut App, kind: ListKind) -> Option<Effect> {
    if with_list(app, kind, |l| l.is_loading()) {
        return None;
    }
    begin_load(app, kind);
    Some(Effect::Load(kind))
}
