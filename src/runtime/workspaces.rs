//! Invites and requests of an org-wide (Enterprise) token: Slack answers
//! them one workspace at a time (`team_id`), so each workspace is listed
//! side by side, each on its own rate budget, and the pages are merged into
//! the one list the pane shows. A workspace-level token has one workspace
//! and loads exactly as before.

use std::collections::HashSet;
use std::sync::Arc;

use futures::StreamExt;
use tokio::sync::OnceCell;
use tokio::sync::mpsc::Sender;

use crate::app::{ListItems, Msg};
use crate::model::ListKind;
use crate::slack::models::AuthTeam;
use crate::slack::{RequestFilter, SlackClient, SlackError};

/// The workspaces to list, found once per session: empty for a
/// workspace-level token (its own, unnamed).
pub type Scope = Arc<OnceCell<Vec<AuthTeam>>>;

/// Who the token is (`auth.test`, said to the loop), then an org token's
/// workspaces (`auth.teams.list`, said too): once a session, whichever of
/// the sign-in check and the first list load asks first. None for a
/// workspace token, or when they cannot be had (the lists then load
/// unnamed, and Slack's own error says what is missing).
async fn discover(client: &SlackClient, tx: &Sender<Msg>) -> Vec<AuthTeam> {
    let auth = match client.auth_test().await {
        Ok(auth) => auth,
        Err(error) => {
            let _ = tx.send(Msg::AuthFailed(error)).await;
            return Vec::new();
        }
    };
    let org = auth.is_org_install();
    let _ = tx.send(Msg::AuthLoaded(auth)).await;
    if !org {
        return Vec::new();
    }
    match client.auth_teams_list().await {
        Ok(teams) => {
            let _ = tx.send(Msg::Workspaces(teams.clone())).await;
            teams
        }
        Err(error) => {
            tracing::warn!(%error, "could not list the org's workspaces");
            Vec::new()
        }
    }
}

/// The workspaces of this session, found on first use.
pub async fn workspaces(scope: &Scope, client: &SlackClient, tx: &Sender<Msg>) -> Vec<AuthTeam> {
    scope.get_or_init(|| discover(client, tx)).await.clone()
}

/// Invites or requests of every workspace in `teams`, merged into one
/// load: pages go to the loop as they come, and only the last page of the
/// last workspace says so. A workspace that can't be read is said on its
/// own; the others' rows still show.
/// One page of one workspace: its rows, whether it was the last, and the
/// elements that could not be read.
type Received = (ListItems, bool, Vec<crate::slack::Skipped>);

pub async fn load_merged(
    client: SlackClient,
    kind: ListKind,
    teams: Vec<AuthTeam>,
    tx: Sender<Msg>,
) {
    type Pages = futures::stream::BoxStream<'static, (String, Result<Received, SlackError>)>;
    let streams: Vec<Pages> = teams
        .iter()
        .map(|team| {
            let id = team.id.clone();
            let pages: Pages = match kind {
                ListKind::Invites => client
                    .invites_in(Some(&id))
                    .map(move |p| {
                        (
                            id.clone(),
                            p.map(|p| (ListItems::Invites(p.items), p.is_last, p.skipped)),
                        )
                    })
                    .boxed(),
                _ => client
                    .invite_requests_in(Some(&id), RequestFilter::default())
                    .map(move |p| {
                        (
                            id.clone(),
                            p.map(|p| (ListItems::Requests(p.items), p.is_last, p.skipped)),
                        )
                    })
                    .boxed(),
            };
            pages
        })
        .collect();
    let mut merged = futures::stream::select_all(streams);
    let mut done: HashSet<String> = HashSet::new();
    let mut failures: Vec<(String, SlackError)> = Vec::new();
    while let Some((team, page)) = merged.next().await {
        if done.contains(&team) {
            continue;
        }
        let (items, finished) = match page {
            Ok((items, is_last, skipped)) => {
                if !skipped.is_empty() {
                    let msg = Msg::ItemsSkipped {
                        list: kind,
                        skipped,
                    };
                    if tx.send(msg).await.is_err() {
                        return;
                    }
                }
                (Some(items), is_last)
            }
            Err(error) => {
                failures.push((team.clone(), error));
                (None, true)
            }
        };
        if finished {
            done.insert(team.clone());
        }
        let all_done = done.len() == teams.len();
        if failures.len() == teams.len() {
            // Not one workspace could be read: the pane says why.
            let (_, error) = failures.swap_remove(0);
            let _ = tx.send(Msg::LoadFailed { list: kind, error }).await;
            return;
        }
        if let Some((team, error)) = failures.last().filter(|(t, _)| *t == team) {
            let msg = Msg::WorkspaceUnreadable {
                list: kind,
                team: team.clone(),
                error: error.clone(),
            };
            if tx.send(msg).await.is_err() {
                return;
            }
        }
        let items = items.unwrap_or_else(|| empty(kind));
        let msg = Msg::PageLoaded {
            items,
            total: None,
            is_last: all_done,
            workspace: Some(team),
        };
        if tx.send(msg).await.is_err() || all_done {
            return;
        }
    }
    // Every stream ended: whatever did not say "last page" is complete.
    let _ = tx
        .send(Msg::PageLoaded {
            items: empty(kind),
            total: None,
            is_last: true,
            workspace: None,
        })
        .await;
}

fn empty(kind: ListKind) -> ListItems {
    match kind {
        ListKind::Invites => ListItems::Invites(Vec::new()),
        _ => ListItems::Requests(Vec::new()),
    }
}
