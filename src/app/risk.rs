//! Risk signals in the app. What they are judged against ([`App::risk`])
//! follows the lists: it is built again when the Orgs or the Channels list
//! completes, when we learn who we are, and when an invite load brought a
//! verified team that rows judged earlier might resemble; each time, every
//! invite's and request's flags are worked out again (one pass over the
//! rows, one sort). Pages in between learn their teams first and are judged
//! as they arrive. The words of the evidence are made only for the item on
//! screen ([`signals_of`]): the detail view and the confirmations.
//!
//! It imports nothing of `app` but [`App`] and the lists' [`Keying`], so
//! the flows that change the lists, the detail view and the dialogs can all
//! use it.

use std::sync::Arc;

use crate::app::App;
use crate::app::list::Keying;
use crate::model::ListKind;
use crate::model::risk::{RiskContext, Signal};
use crate::model::rows::{Invite, Request, RequestChannel};
use crate::model::sort::RowKeys;
use crate::model::{invites, requests};

/// What an invite row is sorted and filtered by, its risk flags included.
pub fn invite_keys(risk: &RiskContext, invite: &Invite, ours: &[&str], now: i64) -> RowKeys {
    RowKeys {
        risk: risk.invite_flags(invite, ours, now),
        ..invites::keys(invite, ours)
    }
}

/// What a request row is sorted and filtered by, its risk flags included.
pub fn request_keys(risk: &RiskContext, request: &Request, ours: &[&str], now: i64) -> RowKeys {
    RowKeys {
        risk: risk.request_flags(request, ours, now),
        ..requests::keys(request)
    }
}

/// How the Invites list keys its rows: risk flags in the sort keys, and
/// our own org left out of the filter's key.
pub fn invite_keying<'a>(
    risk: &'a RiskContext,
    ours: &'a [&'a str],
    now: i64,
) -> Keying<'a, Invite> {
    Keying::new(
        move |i| invite_keys(risk, i, ours, now),
        move |i| i.search_key(ours),
    )
}

/// How the Requests list keys its rows.
pub fn request_keying<'a>(
    risk: &'a RiskContext,
    ours: &'a [&'a str],
    now: i64,
) -> Keying<'a, Request> {
    Keying::new(
        move |r| request_keys(risk, r, ours, now),
        Request::search_key,
    )
}

/// Build what risk is judged against from the lists as they are now; when
/// it judges as the one in use does (a refresh that changed nothing), and
/// nothing asks for it (`force`, rows judged on old answers), keep that
/// one and say so: the rows' flags stand.
fn build_context(app: &mut App, force: bool) -> bool {
    let ours = app.identity.our_ids();
    let orgs = &app.orgs.list;
    // A partial Orgs list would make every org not in it yet look new.
    let complete = orgs.loaded_at.is_some() || orgs.cached_at.is_some();
    let mut risk = RiskContext::build(
        &ours,
        complete.then(|| orgs.items.iter().map(|o| &**o)),
        app.channels.list.items.iter().map(|c| &**c),
    );
    let invites = || app.invites.list.items.iter().map(|i| &**i);
    risk.know_verified(invites(), &ours);
    if !force && !app.risk.is_stale() && risk.judges_like(&app.risk) {
        return false;
    }
    risk.learn_invites(invites(), &ours);
    risk.learn_requests(app.requests.list.items.iter().map(|r| &**r));
    app.risk = risk;
    true
}

/// Judge every invite and request again; with `search`, also give every
/// invite its filter key again (who "us" is decides which orgs it names).
fn rekey(app: &mut App, search: bool) {
    let ours = app.identity.our_ids();
    let now = app.now;
    let risk = &app.risk;
    app.invites
        .list
        .recompute(&invite_keying(risk, &ours, now), search);
    app.requests
        .list
        .recompute(&request_keying(risk, &ours, now), false);
}

/// The Orgs or Channels list changed as a whole: judge everything again,
/// unless nothing they say about risk changed.
pub fn rebuild(app: &mut App) {
    if build_context(app, false) {
        rekey(app, false);
    }
}

/// Who "us" is is known (or changed): our own teams are never compared,
/// and invites group and name their orgs anew.
pub fn on_identity(app: &mut App) {
    build_context(app, true);
    rekey(app, true);
}

/// An invite load ended: when it taught us a verified team that rows
/// judged earlier might resemble, judge them again.
pub fn after_invite_load(app: &mut App) {
    if app.risk.is_stale() {
        build_context(app, true);
        rekey(app, false);
    }
}

pub fn invite_signals(app: &App, invite: &Invite) -> Vec<Signal> {
    app.risk
        .invite_signals(invite, &app.identity.our_ids(), app.now)
}

pub fn request_signals(app: &App, request: &Request) -> Vec<Signal> {
    app.risk
        .request_signals(request, &app.identity.our_ids(), app.now)
}

/// The signals of `request` once approved as the admin chose: with the
/// permission `limited` when they changed it, into channel `channel_id`
/// when they picked another one.
pub fn approved_request_signals(
    app: &App,
    request: &Request,
    limited: Option<bool>,
    channel_id: Option<&str>,
) -> Vec<Signal> {
    let mut approved = request.clone();
    if limited.is_some() {
        approved.is_external_limited = limited;
    }
    if let Some(id) = channel_id.filter(|id| request.channel.as_ref().is_none_or(|c| &*c.id != *id))
    {
        let listed = app.channels.find(id);
        approved.channel = Some(RequestChannel {
            id: Arc::from(id),
            name: listed.and_then(|c| c.name.as_deref().map(Arc::from)),
            is_private: listed.and_then(|c| c.is_private),
            // The Channels list says who is in it (the context counts them).
            connections: Vec::new(),
            pending_connections: Vec::new(),
        });
    }
    request_signals(app, &approved)
}

/// The signals of item `id` in `pane`, with their evidence; none for an
/// org or a channel, or an item no longer listed.
pub fn signals_of(app: &App, pane: ListKind, id: &str) -> Vec<Signal> {
    match pane {
        ListKind::Invites => app
            .invites
            .find(id)
            .map(|i| invite_signals(app, i))
            .unwrap_or_default(),
        ListKind::Requests => app
            .requests
            .find(id)
            .map(|r| request_signals(app, r))
            .unwrap_or_default(),
        ListKind::Orgs | ListKind::Channels => Vec::new(),
    }
}
