//! The Web API methods: their scopes, rate tiers and handlers.

mod accept;
mod auth;
mod channels;
mod contacts;
mod invites;
mod permissions;
mod requests;
mod teams;

pub(crate) use accept::add_acceptance;
pub(crate) use auth::ORG_ID;

use std::sync::Arc;

use serde_json::{Map, Value};

use super::api_error::ApiError;
use super::args::Args;
use super::dataset::TokenSpec;
use super::events::Emitted;
use super::state::State;

/// Slack's rate tiers (API doc §1.6, the docs column).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tier {
    T1,
    T2,
    T3,
    /// auth.test: "hundreds of requests per minute".
    Special,
}

impl Tier {
    pub fn per_minute(self) -> usize {
        match self {
            Tier::T1 => 1,
            Tier::T2 => 20,
            Tier::T3 => 50,
            Tier::Special => 600,
        }
    }
}

pub(crate) struct Ctx<'a> {
    pub state: &'a mut State,
    pub args: &'a Args,
    pub now: i64,
    pub token: &'a TokenSpec,
    /// The one workspace the call is about (`team_id` with an org token, the
    /// token's own workspace otherwise); `None` is every workspace the
    /// token reaches.
    pub workspace: Option<Arc<str>>,
    /// The Events API events the change makes; a handler adds them only
    /// once it has applied the change, and they are sent after the state
    /// lock is released.
    pub events: Vec<Emitted>,
}

impl Ctx<'_> {
    /// Whether an item of `workspace` is within this call's reach.
    pub fn reaches(&self, workspace: &str) -> bool {
        match &self.workspace {
            Some(one) => **one == *workspace,
            None => self.token.grants(workspace),
        }
    }
}

/// Methods that need `team_id` with an org-level token (API doc §1.3).
const NEED_TEAM_ID: [&str; 3] = [
    "conversations.listConnectInvites",
    "conversations.list",
    "conversations.acceptSharedInvite",
];

/// The workspace a call is about, checked the way Slack does for org
/// tokens: `team_id` is required by some methods, must be a workspace the
/// token was granted, and is ignored with a workspace-level token.
pub(crate) fn workspace_scope(
    method: &str,
    args: &Args,
    token: &TokenSpec,
    state: &State,
) -> Result<Option<Arc<str>>, ApiError> {
    if !token.is_org_level() {
        return Ok(token
            .team
            .as_deref()
            .and_then(|team| state.workspaces.iter().find(|w| *w.id == *team))
            .map(|w| w.id.clone()));
    }
    let Some(team) = args.str("team_id").filter(|t| !t.is_empty()) else {
        if NEED_TEAM_ID.contains(&method) {
            return Err(ApiError::new("missing_argument").with("arg", serde_json::json!("team_id")));
        }
        return Ok(None);
    };
    match state.workspaces.iter().find(|w| *w.id == *team) {
        Some(ws) if token.grants(&team) => match &ws.refuses {
            Some(code) => Err(ApiError::new(code)),
            None => Ok(Some(ws.id.clone())),
        },
        _ => Err(ApiError::new("team_access_not_granted")),
    }
}

type Handler = fn(&mut Ctx<'_>) -> Result<Reply, ApiError>;

/// A handler's success: fields for `{"ok":true, ...}`, or a complete body
/// serialized straight from the records (large pages skip building a `Value` tree).
pub(crate) enum Reply {
    Fields(Value),
    Body(String),
}

pub(crate) fn reply(fields: Value) -> Result<Reply, ApiError> {
    Ok(Reply::Fields(fields))
}

pub(crate) struct MethodSpec {
    pub name: &'static str,
    pub tier: Tier,
    /// Writes change state; a malformed-answer fault must not apply them.
    pub write: bool,
    /// Scopes the call needs given its arguments.
    pub scopes: fn(&Args) -> Vec<&'static str>,
    pub handler: Handler,
}

const MANAGE: &str = "conversations.connect:manage";

fn none(_: &Args) -> Vec<&'static str> {
    Vec::new()
}
fn manage(_: &Args) -> Vec<&'static str> {
    vec![MANAGE]
}
fn manage_and_team_read(_: &Args) -> Vec<&'static str> {
    vec![MANAGE, "team:read"]
}
fn admin_read(_: &Args) -> Vec<&'static str> {
    vec!["admin.conversations:read"]
}
fn admin_write(_: &Args) -> Vec<&'static str> {
    vec!["admin.conversations:write"]
}
fn connect_write(_: &Args) -> Vec<&'static str> {
    vec!["conversations.connect:write"]
}

static METHODS: &[MethodSpec] = &[
    MethodSpec {
        name: "auth.test",
        tier: Tier::Special,
        write: false,
        scopes: none,
        handler: auth::test,
    },
    MethodSpec {
        name: "auth.teams.list",
        tier: Tier::T2,
        write: false,
        scopes: none,
        handler: auth::teams_list,
    },
    MethodSpec {
        name: "conversations.listConnectInvites",
        tier: Tier::T1,
        write: false,
        scopes: manage,
        handler: invites::list,
    },
    MethodSpec {
        name: "conversations.approveSharedInvite",
        tier: Tier::T3,
        write: true,
        scopes: manage,
        handler: invites::approve,
    },
    MethodSpec {
        name: "conversations.declineSharedInvite",
        tier: Tier::T3,
        write: true,
        scopes: manage,
        handler: invites::decline,
    },
    MethodSpec {
        name: "conversations.acceptSharedInvite",
        tier: Tier::T2,
        write: true,
        scopes: connect_write,
        handler: accept::accept,
    },
    MethodSpec {
        name: "conversations.requestSharedInvite.list",
        tier: Tier::T2,
        write: false,
        scopes: manage,
        handler: requests::list,
    },
    MethodSpec {
        name: "conversations.requestSharedInvite.approve",
        tier: Tier::T2,
        write: true,
        scopes: manage,
        handler: requests::approve,
    },
    MethodSpec {
        name: "conversations.requestSharedInvite.deny",
        tier: Tier::T2,
        write: true,
        scopes: manage,
        handler: requests::deny,
    },
    MethodSpec {
        name: "users.discoverableContacts.lookup",
        tier: Tier::T2,
        write: false,
        scopes: manage_and_team_read,
        handler: contacts::lookup,
    },
    MethodSpec {
        name: "conversations.externalInvitePermissions.set",
        tier: Tier::T2,
        write: true,
        scopes: manage,
        handler: permissions::set,
    },
    MethodSpec {
        name: "team.externalTeams.list",
        tier: Tier::T2,
        write: false,
        // The method page lists both scopes; we require both (API doc §7).
        scopes: manage_and_team_read,
        handler: teams::list,
    },
    MethodSpec {
        name: "team.externalTeams.disconnect",
        tier: Tier::T1,
        write: true,
        scopes: manage,
        handler: teams::disconnect,
    },
    MethodSpec {
        name: "admin.conversations.search",
        tier: Tier::T2,
        write: false,
        scopes: admin_read,
        handler: channels::search,
    },
    MethodSpec {
        name: "admin.conversations.disconnectShared",
        tier: Tier::T2,
        write: true,
        scopes: admin_write,
        handler: channels::disconnect_shared,
    },
    MethodSpec {
        name: "conversations.list",
        tier: Tier::T2,
        write: false,
        scopes: channels::list_scopes,
        handler: channels::list,
    },
];

pub(crate) fn lookup(name: &str) -> Option<&'static MethodSpec> {
    METHODS.iter().find(|m| m.name == name)
}

/// Runs a method on the state, as the HTTP side and the activity simulator
/// both do: the workspace check, the handler, and a version bump on an
/// applied write. The events come back only when the call succeeded.
pub(crate) fn run(
    spec: &MethodSpec,
    state: &mut State,
    args: &Args,
    token: &TokenSpec,
    now: i64,
) -> (Result<Reply, ApiError>, Vec<Emitted>) {
    let mut events = Vec::new();
    let result = workspace_scope(spec.name, args, token, state).and_then(|workspace| {
        let mut cx = Ctx {
            state: &mut *state,
            args,
            now,
            token,
            workspace,
            events: Vec::new(),
        };
        let result = (spec.handler)(&mut cx);
        events = std::mem::take(&mut cx.events);
        result
    });
    if result.is_err() {
        events.clear();
    } else if spec.write {
        state.version += 1;
    }
    (result, events)
}

/// The scopes a method needs that the token lacks.
pub(crate) fn missing_scopes(
    spec: &MethodSpec,
    args: &Args,
    token: &TokenSpec,
) -> Vec<&'static str> {
    (spec.scopes)(args)
        .into_iter()
        .filter(|s| !token.has_scope(s))
        .collect()
}

/// Adds `"ok": true` to a handler's fields.
pub(crate) fn ok_body(fields: Value) -> Value {
    let mut body = Map::new();
    body.insert("ok".into(), Value::Bool(true));
    if let Value::Object(map) = fields {
        body.extend(map);
    }
    Value::Object(body)
}

/// `next_cursor` value: the cursor when a next page exists, else `""`.
pub(crate) fn next_or_empty(next: Option<String>) -> Value {
    Value::String(next.unwrap_or_default())
}
