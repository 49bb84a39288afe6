//! The data file of DESIGN.md §3: Slack's own wire shapes, every key optional.

use std::path::Path;

use anyhow::Context;
use serde::{Deserialize, Serialize};

use crate::slack::models::{
    Acceptance, ConnectInvite, ConnectTeam, ConnectUser, ExternalOrg, InviteRequest,
    RequestChannel, SharedChannel,
};

/// Every scope the tool uses; the default admin token holds all of them.
pub const ALL_SCOPES: [&str; 6] = [
    "conversations.connect:manage",
    "team:read",
    "admin.conversations:read",
    "admin.conversations:write",
    "channels:read",
    "groups:read",
];

/// The org the emulator plays ("our" side), as `auth.test` describes it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SelfTeam {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enterprise_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Our team's domain (not part of auth.test; used in generated team objects).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain: Option<String>,
}

/// A token the emulator accepts and the scopes it was granted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenSpec {
    pub token: String,
    #[serde(default)]
    pub scopes: Vec<String>,
    /// `"org"` for an org-wide (Enterprise) install, `"workspace"` for one
    /// workspace's; absent is a workspace token of a one-workspace org.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
    /// The workspace a workspace-level token belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team: Option<String>,
    /// The workspaces an org-level token was granted; empty is all of them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub teams: Vec<String>,
    /// The user the token acts as (auth.test, and who events name as the
    /// decider); absent is our admin, `self.user_id`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    /// That user's handle, as auth.test's `user` shows it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<String>,
}

impl TokenSpec {
    pub fn is_org_level(&self) -> bool {
        self.level.as_deref() == Some("org")
    }

    /// Whether this token may act on workspace `team` (an org token's
    /// `teams` grant only those; none listed grants every one).
    pub fn grants(&self, team: &str) -> bool {
        self.teams.is_empty() || self.teams.iter().any(|t| t == team)
    }

    /// The banner line: `token TOKEN scopes=…`, then `level=org` or
    /// `level=workspace team=T…` when the token says.
    pub fn banner_line(&self) -> String {
        let mut line = format!("token {} scopes={}", self.token, self.scopes.join(","));
        if let Some(level) = &self.level {
            line.push_str(&format!(" level={level}"));
        }
        if let Some(team) = &self.team {
            line.push_str(&format!(" team={team}"));
        }
        line
    }

    pub fn has_scope(&self, scope: &str) -> bool {
        self.scopes.iter().any(|s| s == scope)
    }
}

/// One workspace of an Enterprise org, with the invites and requests that
/// belong to it (Slack's own element shapes).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct WorkspaceData {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub invites: Vec<ConnectInvite>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub invite_requests: Vec<InviteRequest>,
    /// An error every call naming this workspace answers (for example
    /// `ekm_access_denied`): `auth.teams.list` lists it, but nothing in it
    /// can be read or decided. A workspace whose keys were revoked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refuses: Option<String>,
}

/// DESIGN.md §3 data file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Dataset {
    #[serde(rename = "self", default, skip_serializing_if = "Option::is_none")]
    pub self_team: Option<SelfTeam>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub invites: Vec<ConnectInvite>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub invite_requests: Vec<InviteRequest>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub organizations: Vec<ExternalOrg>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub channels: Vec<SharedChannel>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tokens: Vec<TokenSpec>,
    /// An Enterprise org's workspaces; top-level `invites` and
    /// `invite_requests` belong to our own (`self`) workspace.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub workspaces: Vec<WorkspaceData>,
    /// The moment the file's timestamps were written against (unix seconds).
    /// When present, every timestamp is shifted by `now - as_of` at start, so
    /// relative facts ("expires within a day") hold whenever the file is used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<i64>,
}

impl Dataset {
    pub fn from_json(text: &str) -> anyhow::Result<Dataset> {
        serde_json::from_str(text).context("the emulator data file is not valid (DESIGN.md §3)")
    }

    pub fn load(path: &Path) -> anyhow::Result<Dataset> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read data file {}", path.display()))?;
        Dataset::from_json(&text).with_context(|| format!("in data file {}", path.display()))
    }

    /// The demo as an Enterprise org (`assets/demo-org.json`): three
    /// workspaces, an org-wide token, and one workspace it cannot read.
    pub fn demo_org() -> Dataset {
        // The asset is part of the build and covered by a test, so failing here is a build bug.
        Dataset::from_json(include_str!("../../assets/demo-org.json"))
            .expect("assets/demo-org.json is a valid data file")
    }

    /// The demo org of `assets/demo.json`.
    /// The demo, and a small generated org after it: invites whose
    /// recipient is also their accepting user, which the demo has none of.
    #[cfg(test)]
    pub fn demo_and_generated() -> Dataset {
        let spec = crate::emulator::GenerateSpec {
            invites: 300,
            requests: 30,
            teams: 20,
            channels: 40,
            workspaces: 1,
        };
        let mut data = Dataset::demo();
        let generated = Dataset::generate(&spec, 7, 1_796_606_254);
        data.invites.extend(generated.invites);
        data.invite_requests.extend(generated.invite_requests);
        data
    }

    pub fn demo() -> Dataset {
        // The asset is part of the build and covered by a test, so failing here is a build bug.
        Dataset::from_json(include_str!("../../assets/demo.json"))
            .expect("assets/demo.json is a valid data file")
    }

    /// Every timestamp moved by `delta` seconds (`as_of` handling).
    pub(crate) fn shift_timestamps(&mut self, delta: i64) {
        if delta == 0 {
            return;
        }
        for ws in &mut self.workspaces {
            let mut own = Dataset {
                invites: std::mem::take(&mut ws.invites),
                invite_requests: std::mem::take(&mut ws.invite_requests),
                ..Dataset::default()
            };
            own.shift_timestamps(delta);
            ws.invites = own.invites;
            ws.invite_requests = own.invite_requests;
        }
        let s = |t: &mut Option<i64>| {
            if let Some(v) = t {
                *v += delta;
            }
        };
        for invite in &mut self.invites {
            s(&mut invite.date_last_updated);
            s(&mut invite.date_created);
            s(&mut invite.date_invalid);
            shift_team(&mut invite.inviting_team, delta);
            shift_user(&mut invite.inviting_user, delta);
            if let Some(detail) = &mut invite.invite {
                s(&mut detail.date_created);
                s(&mut detail.date_invalid);
                shift_team(&mut detail.inviting_team, delta);
                shift_user(&mut detail.inviting_user, delta);
            }
            for acc in &mut invite.acceptances {
                shift_acceptance(acc, delta);
            }
        }
        for r in &mut self.invite_requests {
            s(&mut r.date_created);
            s(&mut r.expires_at);
            s(&mut r.date_last_updated);
            s(&mut r.date_denied);
            shift_team(&mut r.inviting_team, delta);
            shift_user(&mut r.inviting_user, delta);
            shift_user(&mut r.reviewing_user, delta);
            if let Some(ch) = &mut r.channel {
                shift_request_channel(ch, delta);
            }
        }
        for org in &mut self.organizations {
            s(&mut org.last_active_timestamp);
        }
        for ch in &mut self.channels {
            s(&mut ch.created);
            // last_activity_ts is microseconds and `updated` milliseconds on the wire.
            if let Some(v) = &mut ch.last_activity_ts {
                *v += delta * 1_000_000;
            }
            if let Some(v) = &mut ch.updated {
                *v += delta * 1_000;
            }
        }
    }
}

fn shift_team(team: &mut Option<ConnectTeam>, delta: i64) {
    if let Some(t) = team.as_mut().and_then(|t| t.date_created.as_mut()) {
        *t += delta;
    }
}

fn shift_user(user: &mut Option<ConnectUser>, delta: i64) {
    if let Some(t) = user.as_mut().and_then(|u| u.updated.as_mut()) {
        *t += delta;
    }
}

fn shift_acceptance(acc: &mut Acceptance, delta: i64) {
    for t in [
        &mut acc.date_accepted,
        &mut acc.date_invalid,
        &mut acc.date_last_updated,
    ]
    .into_iter()
    .flatten()
    {
        *t += delta;
    }
    shift_team(&mut acc.accepting_team, delta);
    shift_user(&mut acc.accepting_user, delta);
    for review in &mut acc.reviews {
        if let Some(t) = &mut review.date_review {
            *t += delta;
        }
        shift_team(&mut review.reviewing_team, delta);
    }
}

fn shift_request_channel(ch: &mut RequestChannel, delta: i64) {
    if let Some(t) = &mut ch.date_created {
        *t += delta;
    }
    for conn in ch
        .connections
        .iter_mut()
        .chain(ch.pending_connections.iter_mut())
        .chain(ch.previous_connections.iter_mut())
    {
        shift_team(&mut conn.team, delta);
    }
}

/// The second admin of our team: the default second token acts as her, and
/// the activity simulator decides as her.
pub(crate) const SECOND_ADMIN_ID: &str = "U0EMU00002";
pub(crate) const SECOND_ADMIN_NAME: &str = "priya.nair";

/// splitmix64: a tiny, well-mixed, dependency-free hash for deterministic ids.
pub(crate) fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

/// The tokens printed when the data file has none, deterministic per seed:
/// an admin token with every scope, one without the `admin.*` scopes (so the
/// `conversations.list` fallback can be exercised) and one with only
/// `conversations.connect:manage` (so `missing_scope` can be). The second
/// is a second admin's, Priya Nair's, so a decision made with it stands for
/// another admin deciding (the events name her).
pub(crate) fn default_tokens(seed: u64) -> Vec<TokenSpec> {
    let token = |n: u64| {
        let a = mix(seed ^ n.wrapping_mul(0xA24B_AED4_963E_E407));
        let b = mix(a);
        let c = mix(b);
        format!(
            "xoxp-{}-{}-{}-{:016x}{:016x}",
            1_000_000_000 + a % 9_000_000_000,
            1_000_000_000 + b % 9_000_000_000,
            1_000_000_000 + c % 9_000_000_000,
            mix(c),
            mix(mix(c))
        )
    };
    let scopes = |list: &[&str]| list.iter().map(|s| (*s).to_owned()).collect();
    vec![
        TokenSpec {
            token: token(1),
            scopes: scopes(&ALL_SCOPES),
            ..TokenSpec::default()
        },
        TokenSpec {
            token: token(2),
            scopes: scopes(&[
                "conversations.connect:manage",
                "team:read",
                "channels:read",
                "groups:read",
            ]),
            user_id: Some(SECOND_ADMIN_ID.to_owned()),
            user: Some(SECOND_ADMIN_NAME.to_owned()),
            ..TokenSpec::default()
        },
        TokenSpec {
            token: token(3),
            scopes: scopes(&["conversations.connect:manage"]),
            ..TokenSpec::default()
        },
    ]
}

/// The tokens of an Enterprise org of several workspaces: an org-level
/// token with every scope first, then the one-workspace tokens of
/// [`default_tokens`] made workspace-level for the first workspace, then
/// an admin token for each other workspace.
pub(crate) fn org_tokens(seed: u64, workspaces: &[String]) -> Vec<TokenSpec> {
    let mut tokens = default_tokens(seed);
    let mut org = default_tokens(seed ^ 0x6F72_6700)[0].clone();
    org.level = Some("org".to_owned());
    for token in &mut tokens {
        token.level = Some("workspace".to_owned());
        token.team = workspaces.first().cloned();
    }
    for (n, team) in workspaces.iter().enumerate().skip(1) {
        let mut admin = default_tokens(seed ^ (n as u64).wrapping_mul(0x7773_0000))[0].clone();
        admin.level = Some("workspace".to_owned());
        admin.team = Some(team.clone());
        tokens.push(admin);
    }
    tokens.insert(0, org);
    tokens
}
