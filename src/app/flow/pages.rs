//! Rows arriving: Slack's pages (wire structs, made compact here), rows
//! read back from the disk cache, and who "us" is, which decides how
//! invites group and what the filter searches.

use std::sync::Arc;

use crate::app::list::Keying;
use crate::app::panes::orgs::OrgsPane;
use crate::app::risk::{self, invite_keying, request_keying};
use crate::app::{App, Effect, ListItems};
use crate::cache::{CachedList, CachedRows};
use crate::model::ListKind;
use crate::model::orgs::display_name;
use crate::model::rows::{Channel, Interner, Invite, Org, Request, Row};
use crate::model::{channels, orgs};

/// Our workspace `id` as rows name it: its ID and, once `auth.teams.list`
/// said it, its name.
pub(crate) fn workspace_team(app: &mut App, id: &str) -> Arc<crate::model::rows::Team> {
    let name = app
        .workspaces
        .iter()
        .find(|t| t.id == id)
        .and_then(|t| t.name.as_deref())
        .filter(|n| !n.is_empty())
        .map(str::to_owned);
    let team = crate::model::rows::Team {
        id: Arc::from(id),
        name: name.map(|n| Arc::from(n.as_str())),
        domain: None,
        is_verified: None,
    };
    app.interner.team_row(team)
}

/// An org's display name as a shared string, for channel rows.
pub(crate) fn org_name(orgs: &OrgsPane) -> impl Fn(&str) -> Option<Arc<str>> + '_ {
    |id| {
        orgs.find(id)
            .map(|o| o.team_name.clone().unwrap_or_else(|| o.team_id.clone()))
    }
}

/// A channel's filter key, with the names of the orgs in it.
pub(crate) fn channel_search(channel: &Channel, ours: &[&str], orgs: &OrgsPane) -> Box<str> {
    let names: Vec<&str> = channels::external_teams(channel, ours)
        .into_iter()
        .filter_map(|id| orgs.find(id).map(display_name))
        .collect();
    channel.search_key(&names)
}

/// How the Channels list keys its rows: by the orgs' names as the Orgs
/// list has them now.
pub(crate) fn channel_keying<'a>(orgs: &'a OrgsPane, ours: &'a [&'a str]) -> Keying<'a, Channel> {
    let name = org_name(orgs);
    Keying::new(
        move |c| channels::keys(c, ours, &name),
        move |c| channel_search(c, ours, orgs),
    )
}

pub(crate) fn on_page(
    app: &mut App,
    items: ListItems,
    total: Option<u64>,
    is_last: bool,
    workspace: Option<&str>,
) -> Vec<Effect> {
    let workspace = workspace.map(|id| workspace_team(app, id));
    let now = app.now;
    let kind = items.kind();
    let ours = app.identity.our_ids();
    let interner = &mut app.interner;
    match items {
        ListItems::Invites(items) => {
            let rows: Vec<Invite> = items
                .iter()
                .map(|w| Invite::from_wire(w, interner).in_workspace(workspace.clone()))
                .collect();
            app.risk.learn_invites(rows.iter(), &ours);
            let keying = invite_keying(&app.risk, &ours, now);
            app.invites
                .list
                .add_page(rows, total, is_last, now, &keying);
        }
        ListItems::Requests(items) => {
            let rows: Vec<Request> = items
                .iter()
                .map(|w| Request::from_wire(w, interner).in_workspace(workspace.clone()))
                .collect();
            app.risk.learn_requests(rows.iter());
            let keying = request_keying(&app.risk, &ours, now);
            app.requests
                .list
                .add_page(rows, total, is_last, now, &keying);
        }
        ListItems::Orgs(items) => {
            let rows = items.iter().map(|w| Org::from_wire(w, interner)).collect();
            let keying = Keying::new(orgs::keys, Org::search_key);
            app.orgs.list.add_page(rows, total, is_last, now, &keying);
        }
        ListItems::Channels(items) => {
            let rows = items
                .iter()
                .map(|w| Channel::from_wire(w, interner))
                .collect();
            let keying = channel_keying(&app.orgs, &ours);
            app.channels
                .list
                .add_page(rows, total, is_last, now, &keying);
        }
    }
    if is_last {
        // Org names are in the channels' keys: refresh them once the orgs are in.
        if kind == ListKind::Orgs {
            rekey_channels(app);
        }
        // Risk is judged against the orgs and channels, and the verified
        // teams an invite load brings.
        match kind {
            ListKind::Orgs | ListKind::Channels => risk::rebuild(app),
            ListKind::Invites => risk::after_invite_load(app),
            ListKind::Requests => {}
        }
        app.interner.purge();
    }
    Vec::new()
}

/// The orgs' names changed what the Channels pane sorts and filters by.
fn rekey_channels(app: &mut App) {
    let ours = app.identity.our_ids();
    let keying = channel_keying(&app.orgs, &ours);
    app.channels.list.recompute(&keying, true);
}

/// Who "us" is is known (or changed): regroup the invites, recompute what
/// the filter searches, and drop cached rows of another workspace.
pub(crate) fn on_identity(app: &mut App) {
    risk::on_identity(app);
    rekey_channels(app);
    let team = app
        .identity
        .auth()
        .and_then(|a| a.team_id.clone())
        .unwrap_or_default();
    if app.cache_team.as_deref().is_some_and(|t| t != team) {
        for kind in ListKind::ALL {
            crate::app::list::ops::with_list(app, kind, |l| l.drop_unconfirmed());
        }
    }
    app.cache_team = None;
}

/// Rows sharing the app's strings: decoded from the cache they do
/// already; handed over decoded (by `Cache::load`), they bring their own.
fn intern_all<T: Row>(rows: Vec<T>, shared: bool, interner: &mut Interner) -> Vec<T> {
    if shared {
        return rows;
    }
    rows.into_iter().map(|row| row.intern(interner)).collect()
}

/// Rows saved by an earlier session: shown at once, marked with their age,
/// until fresh pages replace them.
pub(crate) fn on_cached(app: &mut App, cached: CachedList) -> Vec<Effect> {
    if cached.last {
        let kind = cached.rows.kind();
        // As after Slack's last page, once per list rather than per chunk
        // (each pass goes over every invite): org names go into the
        // channels' keys, and risk is judged against orgs and channels.
        if crate::app::list::ops::with_list_ref(app, kind, |l| l.cached_at()).is_some() {
            match kind {
                ListKind::Orgs => {
                    rekey_channels(app);
                    risk::rebuild(app);
                }
                ListKind::Channels => risk::rebuild(app),
                ListKind::Invites | ListKind::Requests => {}
            }
        }
        return vec![Effect::Load(kind)];
    }
    let team = cached.team_id.clone();
    if let Some(auth) = app.identity.auth()
        && auth.team_id.as_deref() != Some(team.as_str())
    {
        return Vec::new();
    }
    if app.identity.auth().is_none() {
        app.cache_team = Some(team);
    }
    let saved_at = cached.saved_at;
    let shared = cached.rows.is_encoded();
    let rows = match cached.rows.parsed(&mut app.interner) {
        Ok(rows) => rows,
        Err(error) => {
            // The file passed its checksum, so this is a bug, not damage:
            // show nothing more of it; the fresh load is coming anyway.
            tracing::warn!(%error, "could not decode cached rows");
            return Vec::new();
        }
    };
    let ours = app.identity.our_ids();
    let interner = &mut app.interner;
    match rows {
        CachedRows::Encoded(..) => {}
        CachedRows::Invites(rows) => {
            let rows = intern_all(rows, shared, interner);
            app.risk.learn_invites(rows.iter(), &ours);
            let keying = invite_keying(&app.risk, &ours, app.now);
            app.invites.list.add_cached(rows, saved_at, &keying);
        }
        CachedRows::Requests(rows) => {
            let rows = intern_all(rows, shared, interner);
            app.risk.learn_requests(rows.iter());
            let keying = request_keying(&app.risk, &ours, app.now);
            app.requests.list.add_cached(rows, saved_at, &keying);
        }
        CachedRows::Orgs(rows) => {
            let rows = intern_all(rows, shared, interner);
            let keying = Keying::new(orgs::keys, Org::search_key);
            app.orgs.list.add_cached(rows, saved_at, &keying);
        }
        CachedRows::Channels(rows) => {
            let rows = intern_all(rows, shared, interner);
            let keying = channel_keying(&app.orgs, &ours);
            app.channels.list.add_cached(rows, saved_at, &keying);
        }
    }
    Vec::new()
}
