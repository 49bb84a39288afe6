//! What the palette offers where the admin is: each action the keymap
//! allows there (read from the same table as the footer and help, so a
//! remapped key shows as remapped), then the "go to" targets no key
//! reaches: each workspace of an org-wide token, each org.

use crate::app::App;
use crate::app::list::ops::with_list;
use crate::app::{Effect, NoticeKind};
use crate::keys::keymap::{Action, Context, KeySpec};
use crate::model::ListKind;
use crate::model::filter::WORKSPACE_SCOPE;
use crate::model::orgs::display_name;
use crate::text::sanitize::clean;

/// What the chosen entry does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Run {
    /// What the action's key does where the admin is.
    Action(Action),
    GoTo(Target),
}

/// A place no key goes to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// Show only this workspace's rows (a `ws:` filter).
    Workspace { id: String },
    /// The Orgs pane with this org selected.
    Org { team_id: String },
}

/// One line of the palette. Every text is already cleaned for the screen
/// (names come from other orgs), so matched positions are positions drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The keys bound to it, as help writes them ("a", "g Home"); empty
    /// for a target no key reaches.
    pub keys: String,
    /// What it does, in the footer's words ("approve", "go to channels",
    /// "go to org Acme"): matched first.
    pub words: String,
    /// More words (help's sentence, an org's ID): matched when the words
    /// are not, and shown dimmed after them.
    pub detail: String,
    pub run: Run,
}

/// Every entry for `context` (lists or the detail view) on the current pane.
pub fn build(app: &App, context: Context) -> Vec<Entry> {
    let mut entries = actions(app, context);
    entries.extend(workspaces(app));
    entries.extend(orgs(app));
    entries
}

/// The keymap's actions live in `context` on this pane, in table order.
fn actions(app: &App, context: Context) -> Vec<Entry> {
    let pane = app.pane;
    let mut seen: Vec<Action> = Vec::new();
    let mut out = Vec::new();
    for binding in app.keymap.bindings() {
        let action = binding.action;
        if action == Action::Palette
            || binding.keys.is_empty()
            || !binding.contexts.contains(&context)
            || !action.applies_to(pane)
            || seen.contains(&action)
        {
            continue;
        }
        seen.push(action);
        let keys: Vec<String> = binding.keys.iter().map(KeySpec::to_string).collect();
        out.push(Entry {
            keys: keys.join(" "),
            words: action_words(action, pane),
            detail: action.describe().to_owned(),
            run: Run::Action(action),
        });
    }
    out
}

/// The footer's word for an action; the pane keys read as places to go.
fn action_words(action: Action, pane: ListKind) -> String {
    match action {
        Action::PaneInvites | Action::PaneRequests | Action::PaneOrgs | Action::PaneChannels => {
            format!("go to {}", action.label(pane))
        }
        _ => action.label(pane).to_owned(),
    }
}

/// The pane a workspace's rows are shown on: this one when its rows belong
/// to workspaces (invites, requests), else Invites.
fn workspace_pane(pane: ListKind) -> ListKind {
    match pane {
        ListKind::Invites | ListKind::Requests => pane,
        ListKind::Orgs | ListKind::Channels => ListKind::Invites,
    }
}

/// "go to workspace NAME", when an org-wide token has several.
fn workspaces(app: &App) -> Vec<Entry> {
    if app.workspaces.len() < 2 {
        return Vec::new();
    }
    let shown_on = workspace_pane(app.pane).title().to_lowercase();
    app.workspaces
        .iter()
        .map(|team| Entry {
            keys: String::new(),
            words: clean(&format!(
                "go to workspace {}",
                team.name.as_deref().unwrap_or(&team.id)
            )),
            detail: clean(&format!(
                "{}: only its {shown_on} (a {WORKSPACE_SCOPE}: filter; Esc clears it)",
                team.id
            )),
            run: Run::GoTo(Target::Workspace {
                id: team.id.clone(),
            }),
        })
        .collect()
}

/// "go to org NAME" for each org of the Orgs pane, in its order.
fn orgs(app: &App) -> Vec<Entry> {
    let list = &app.orgs.list;
    list.order
        .iter()
        .map(|&i| &list.items[i as usize])
        .map(|org| Entry {
            keys: String::new(),
            words: clean(&format!("go to org {}", display_name(org))),
            detail: clean(&match org.team_domain.as_deref() {
                Some(domain) => format!("{} · {domain}", org.team_id),
                None => org.team_id.to_string(),
            }),
            run: Run::GoTo(Target::Org {
                team_id: org.team_id.to_string(),
            }),
        })
        .collect()
}

/// The `ws:` term for one workspace: its name, quoted, unless the name is
/// missing or part of another's ("Acme" in "Acme Labs"), then its ID.
fn workspace_term(app: &App, id: &str) -> String {
    let name = app
        .workspaces
        .iter()
        .find(|t| t.id == id)
        .and_then(|t| t.name.as_deref())
        .filter(|n| !n.is_empty() && !n.contains('"'));
    let ambiguous = |name: &str| {
        let folded = name.to_lowercase();
        app.workspaces
            .iter()
            .filter(|t| t.id != id)
            .filter_map(|t| t.name.as_deref())
            .any(|other| other.to_lowercase().contains(&folded))
    };
    match name {
        Some(name) if !ambiguous(name) => format!("{WORKSPACE_SCOPE}:\"{name}\""),
        _ => format!("{WORKSPACE_SCOPE}:{id}"),
    }
}

/// Go where a go-to entry says.
pub fn go_to(app: &mut App, target: &Target) -> Vec<Effect> {
    match target {
        Target::Workspace { id } => go_to_workspace(app, id),
        Target::Org { team_id } => go_to_org(app, team_id),
    }
}

/// Show only one workspace's rows, on this pane when its rows have a
/// workspace, else on Invites. The filter replaces the one typed: going
/// somewhere, not narrowing further.
fn go_to_workspace(app: &mut App, id: &str) -> Vec<Effect> {
    let pane = workspace_pane(app.pane);
    app.pane = pane;
    app.detail = None;
    let term = workspace_term(app, id);
    with_list(app, pane, |l| l.set_filter(&term));
    let label = match app.workspaces.iter().find(|t| t.id == id) {
        Some(crate::slack::models::AuthTeam {
            name: Some(name), ..
        }) if !name.is_empty() => format!("{name} ({id})"),
        _ => id.to_owned(),
    };
    app.notify(
        NoticeKind::Info,
        format!(
            "{} of workspace {label} only: filter {term}, Esc clears it.",
            pane.title()
        ),
    );
    Vec::new()
}

/// The Orgs pane with `team_id` selected; a filter that hides it is cleared.
fn go_to_org(app: &mut App, team_id: &str) -> Vec<Effect> {
    app.pane = ListKind::Orgs;
    app.detail = None;
    let viewport = app.list_viewport();
    let list = &mut app.orgs.list;
    let Some(index) = list.position(team_id) else {
        app.notify(NoticeKind::Info, "That org is no longer listed.");
        return Vec::new();
    };
    let index = crate::app::list::item_index(index);
    if !list.view.contains(&index) {
        list.set_filter("");
    }
    if let Some(pos) = list.view.iter().position(|&i| i == index) {
        list.select(pos, viewport);
    }
    Vec::new()
}
