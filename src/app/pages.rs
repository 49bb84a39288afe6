//! A page of a list arrived: add it, rebuild the pane's view, and keep the
//! selection where the admin left it.

use super::list::ListData;
use super::{App, ListItems};

pub(super) fn on_page(app: &mut App, items: ListItems, total: Option<u64>, is_last: bool) {
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
