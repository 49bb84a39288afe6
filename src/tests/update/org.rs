//! An org-wide token's merged lists: pages of several workspaces arrive
//! interleaved, a refresh keeps the selection and the marks whichever
//! workspace they are in, a workspace that cannot be read says so in the
//! pane, and `ws:` and the workspace sort work on the merged rows.

use super::*;

const WORKSPACES: [(&str, &str); 3] = [("TUS", "Us HQ"), ("TWS2", "Us Sales"), ("TWS3", "Us Labs")];

/// Invite `n` of workspace `ws`, waiting on us.
fn invite_in(ws: &str, n: u32) -> ConnectInvite {
    invite(
        &format!("I{ws}{n}"),
        "incoming",
        "TOTHER",
        vec![acceptance(ws, &["TOTHER"])],
        NOW + 30 * 86_400 + i64::from(n),
    )
}

fn page(app: &mut App, ws: &str, items: Vec<ConnectInvite>, is_last: bool) {
    update(
        app,
        Msg::PageLoaded {
            items: ListItems::Invites(items),
            total: None,
            is_last,
            workspace: Some(ws.into()),
        },
    );
}

/// Every workspace's invites, in the order `order` names the workspaces.
fn load(app: &mut App, order: [&str; 3]) {
    for (at, ws) in order.iter().enumerate() {
        let items = (1..=3).map(|n| invite_in(ws, n)).collect();
        page(app, ws, items, at == 2);
    }
}

fn org_app() -> App {
    let mut app = App::new(Mode::Demo, false);
    update(
        &mut app,
        Msg::Resize {
            width: 120,
            height: 40,
        },
    );
    update(&mut app, Msg::Tick { now: NOW });
    update(
        &mut app,
        Msg::AuthLoaded(AuthTest {
            team_id: Some("EUS".into()),
            enterprise_id: Some("EUS".into()),
            team: Some("Us".into()),
            user: Some("admin".into()),
            is_enterprise_install: Some(true),
            ..Default::default()
        }),
    );
    update(
        &mut app,
        Msg::Workspaces(
            WORKSPACES
                .iter()
                .map(|(id, name)| AuthTeam {
                    id: (*id).into(),
                    name: Some((*name).into()),
                })
                .collect(),
        ),
    );
    load(&mut app, ["TUS", "TWS2", "TWS3"]);
    app
}

fn selected(app: &App) -> String {
    app.invites
        .list
        .selected_item()
        .map(|i| i.id.to_string())
        .unwrap_or_default()
}

#[test]
fn a_refresh_keeps_the_selection_and_marks_whichever_workspace_they_are_in() {
    let mut app = org_app();
    assert_eq!(app.invites.list.items.len(), 9, "three workspaces' rows");
    // Mark one row of Sales, then select one of Labs.
    let view: Vec<String> = (0..app.invites.list.view.len())
        .map(|p| {
            app.invites.list.items[app.invites.list.view[p] as usize]
                .id
                .to_string()
        })
        .collect();
    let sales = view.iter().position(|id| id.starts_with("ITWS2")).unwrap();
    for _ in 0..sales {
        press(&mut app, "j");
    }
    press(&mut app, "space");
    let labs = view.iter().position(|id| id.starts_with("ITWS3")).unwrap();
    press(&mut app, "g");
    for _ in 0..labs {
        press(&mut app, "j");
    }
    let (marked, chosen) = (view[sales].clone(), selected(&app));
    assert!(chosen.starts_with("ITWS3"), "{chosen}");

    // An hour on, the list refreshes (by itself, or on `r`).
    let mut effects = update(&mut app, Msg::Tick { now: NOW + 3600 });
    effects.extend(press(&mut app, "r"));
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, Effect::Load(ListKind::Invites))),
        "{effects:?}"
    );
    // The workspaces answer in another order this time.
    load(&mut app, ["TWS3", "TUS", "TWS2"]);
    assert_eq!(app.invites.list.items.len(), 9);
    assert_eq!(selected(&app), chosen, "the selection stays on its row");
    assert!(
        app.invites.list.marks.contains(marked.as_str()),
        "the mark stays"
    );
    assert_eq!(app.invites.list.marks.len(), 1);
}

#[test]
fn an_unreadable_workspace_has_its_own_line_and_the_others_rows_stay() {
    let mut app = org_app();
    update(&mut app, Msg::Tick { now: NOW + 3600 });
    press(&mut app, "r");
    page(
        &mut app,
        "TUS",
        (1..=3).map(|n| invite_in("TUS", n)).collect(),
        false,
    );
    update(
        &mut app,
        Msg::WorkspaceUnreadable {
            list: ListKind::Invites,
            team: "TWS3".into(),
            error: crate::slack::SlackError::Api {
                method: "conversations.listConnectInvites",
                code: "ekm_access_denied".into(),
                detail: ApiErrorDetail::default(),
            },
        },
    );
    page(&mut app, "TWS3", Vec::new(), false);
    page(
        &mut app,
        "TWS2",
        (1..=3).map(|n| invite_in("TWS2", n)).collect(),
        true,
    );
    let screen = screen(&app);
    let line = screen
        .lines()
        .find(|l| l.starts_with("✗ Workspace Us Labs (TWS3)"))
        .unwrap_or_else(|| panic!("a line names the workspace: {screen}"));
    assert!(line.contains("ekm_access_denied"), "{line}");
    // Labs' rows could not be confirmed, so they went; the others stay.
    let ids: Vec<&str> = app.invites.list.items.iter().map(|i| &*i.id).collect();
    assert_eq!(ids.len(), 6, "{ids:?}");
    assert!(ids.iter().all(|id| !id.starts_with("ITWS3")), "{ids:?}");
    // Rows and the line both fit: the list scrolls by what is visible.
    assert_eq!(
        app.list_viewport() + 1,
        crate::app::layout::list_rows(app.size, app.status_lines())
    );
    // The next load that reads it clears the line.
    update(&mut app, Msg::Tick { now: NOW + 7200 });
    press(&mut app, "r");
    load(&mut app, ["TUS", "TWS2", "TWS3"]);
    assert!(!screen_of(&app).contains("✗ Workspace Us Labs"));
    assert_eq!(app.invites.list.items.len(), 9);
}

fn screen_of(app: &App) -> String {
    let area = Rect::new(0, 0, 120, 40);
    let mut buf = Buffer::empty(area);
    crate::ui::render(app, &crate::ui::theme::Theme::default(), area, &mut buf);
    crate::ui::buffer_text(&buf)
}

#[test]
fn ws_filters_and_the_workspace_sort_work_on_the_merged_rows() {
    let mut app = org_app();
    press(&mut app, "/");
    type_text(&mut app, "ws:sales");
    press(&mut app, "enter");
    let kept: Vec<&str> = app
        .invites
        .list
        .view
        .iter()
        .map(|&i| &*app.invites.list.items[i as usize].id)
        .collect();
    assert_eq!(kept, ["ITWS21", "ITWS22", "ITWS23"]);
    press(&mut app, "esc");
    assert_eq!(app.invites.list.view.len(), 9);
    // The column shows what tells the workspaces apart ("Us " is common).
    let screen = screen_of(&app);
    assert!(screen.contains("WORKSPACE"), "{screen}");
    assert!(screen.contains(" Sales "), "{screen}");
    // time left → age → org → channel → workspace.
    press(&mut app, "s s s s");
    assert!(screen_of(&app).contains("sorted by workspace"));
    let order: Vec<String> = app
        .invites
        .list
        .view
        .iter()
        .map(|&i| {
            app.invites.list.items[i as usize]
                .workspace
                .as_ref()
                .unwrap()
                .id
                .to_string()
        })
        .collect();
    assert_eq!(order[..3], ["TUS", "TUS", "TUS"], "HQ first: {order:?}");
    assert_eq!(
        order[3..6],
        ["TWS3", "TWS3", "TWS3"],
        "then Labs: {order:?}"
    );
    assert_eq!(
        order[6..],
        ["TWS2", "TWS2", "TWS2"],
        "then Sales: {order:?}"
    );
    press(&mut app, "s");
    assert!(screen_of(&app).contains("sorted by risk"));
    press(&mut app, "s");
    assert!(screen_of(&app).contains("sorted by time left"));
}

#[test]
fn a_workspace_token_has_no_workspace_column_or_sort() {
    let mut app = loaded_app();
    let screen = screen(&app);
    assert!(!screen.contains("WORKSPACE"), "{screen}");
    // time left → age → org → channel → risk → time left: no workspace key.
    press(&mut app, "s s s s s");
    assert_eq!(
        app.invites.list.sort.key,
        crate::model::sort::SortKey::TimeLeft
    );
}
