//! The `:` palette without I/O: which entries exist where, with the keys
//! the keymap binds now; what typing, pasting and `Enter` do; the go-to
//! targets.

use super::*;
use crate::app::dialogs::Dialog;
use crate::app::overlays::palette::{Palette, Run, Target};
use crate::keys::keymap::{Action, Context};

fn palette(app: &App) -> &Palette {
    app.palette.as_ref().expect("the palette is open")
}

/// The words of every entry the palette offers now, with their keys.
fn offered(app: &App) -> Vec<(String, String)> {
    palette(app)
        .entries
        .iter()
        .map(|e| (e.keys.clone(), e.words.clone()))
        .collect()
}

fn has(app: &App, keys: &str, words: &str) -> bool {
    offered(app).contains(&(keys.to_owned(), words.to_owned()))
}

/// The words of the matches, best first.
fn ranked(app: &App) -> Vec<String> {
    let p = palette(app);
    p.shown
        .iter()
        .map(|s| p.entries[s.entry].words.clone())
        .collect()
}

fn chosen_words(app: &App) -> String {
    palette(app).chosen().expect("a match").words.clone()
}

#[test]
fn entries_are_what_the_keymap_allows_on_the_pane() {
    let mut app = loaded_app();
    assert!(press(&mut app, ":").is_empty());
    assert_eq!(app.context(), Context::Palette);
    assert!(has(&app, "a", "approve"), "{:?}", offered(&app));
    assert!(has(&app, "d", "decline"));
    assert!(has(&app, "Space", "mark"));
    assert!(has(&app, "4", "go to channels"));
    assert!(has(&app, "q Ctrl-c", "quit"));
    // Not the palette itself, nor what only works elsewhere.
    let words: Vec<String> = offered(&app).into_iter().map(|(_, w)| w).collect();
    for absent in [
        "commands",
        "disconnect",
        "yes, send",
        "run",
        "cancel",
        "back",
    ] {
        assert!(!words.contains(&absent.to_owned()), "{absent}: {words:?}");
    }
    // Every org of the Orgs pane is a target.
    assert!(has(&app, "", "go to org Other Org"));
    assert!(has(&app, "", "go to org Them Inc"));

    // On Channels: no approving, no marks; disconnecting is.
    press(&mut app, "esc 4 :");
    assert!(has(&app, "X", "disconnect"));
    let words: Vec<String> = offered(&app).into_iter().map(|(_, w)| w).collect();
    assert!(!words.contains(&"approve".to_owned()), "{words:?}");
    assert!(!words.contains(&"mark".to_owned()), "{words:?}");
    // On Requests, `d` denies.
    press(&mut app, "esc 2 :");
    assert!(has(&app, "d", "deny"));
}

#[test]
fn in_the_detail_view_it_offers_the_detail_views_keys() {
    let mut app = loaded_app();
    press(&mut app, "Enter :");
    assert_eq!(palette(&app).context, Context::Detail);
    assert!(has(&app, "Esc", "back"));
    assert!(has(&app, "a", "approve"));
    assert!(!has(&app, "/", "filter"), "no filter in the detail view");
    let text = screen(&app);
    assert!(text.contains("Command palette — Invites detail"), "{text}");
    // `back` from the palette closes the detail view, as Esc there does.
    type_text(&mut app, "back");
    assert_eq!(chosen_words(&app), "back");
    press(&mut app, "Enter");
    assert!(app.palette.is_none());
    assert!(app.detail.is_none());
}

#[test]
fn a_remapped_key_shows_as_remapped() {
    let mut app = loaded_app();
    app.keymap
        .rebind(Action::Approve, vec!["A".parse().unwrap()]);
    press(&mut app, ":");
    assert!(has(&app, "A", "approve"), "{:?}", offered(&app));
    assert!(!has(&app, "a", "approve"));
    // Its line on screen says `A` too.
    type_text(&mut app, "approve");
    let text = screen(&app);
    assert!(
        text.lines()
            .any(|l| l.contains("> A") && l.contains("approve")),
        "{text}"
    );
}

#[test]
fn appr_then_enter_opens_the_confirmation_and_sends_nothing() {
    let mut app = loaded_app();
    press(&mut app, ":");
    type_text(&mut app, "appr");
    assert_eq!(chosen_words(&app), "approve");
    let effects = press(&mut app, "Enter");
    assert!(effects.is_empty(), "the palette sends nothing: {effects:?}");
    assert!(app.palette.is_none());
    let Some(Dialog::Confirm(confirm)) = &app.dialog else {
        panic!("the approve confirmation: {:?}", app.dialog);
    };
    assert!(confirm.title.contains("I1"), "{}", confirm.title);
    // `y` is what sends, once.
    let effects = press(&mut app, "y");
    let (_, call) = the_write(&effects);
    assert_eq!(call.method, "conversations.approveSharedInvite");
}

#[test]
fn typing_is_the_query_never_list_keys() {
    let mut app = loaded_app();
    press(&mut app, ":");
    // q would quit, j move, a approve, n cancel, / filter: here they are text.
    type_text(&mut app, "qjan/");
    assert!(!app.quit);
    assert!(app.dialog.is_none());
    assert!(!app.filtering);
    assert_eq!(app.invites.list.selected, 0);
    assert_eq!(palette(&app).query, "qjan/");
    press(&mut app, "Backspace Backspace");
    assert_eq!(palette(&app).query, "qja");
    press(&mut app, "ctrl+u");
    assert_eq!(palette(&app).query, "");
    // Esc closes, having done nothing.
    press(&mut app, "Esc");
    assert!(app.palette.is_none());
    assert_eq!(app.context(), Context::List);
    assert!(app.dialog.is_none());
}

#[test]
fn a_paste_is_query_text_and_never_confirms() {
    let mut app = loaded_app();
    press(&mut app, ":");
    let effects = update(&mut app, Msg::Paste("approve\ny\r\n".into()));
    assert!(effects.is_empty());
    assert_eq!(palette(&app).query, "approve y  ");
    assert!(app.dialog.is_none());
    // In a confirmation opened from the palette, a paste is still no `y`.
    press(&mut app, "ctrl+u");
    type_text(&mut app, "approve");
    press(&mut app, "Enter");
    assert!(update(&mut app, Msg::Paste("y".into())).is_empty());
    assert!(matches!(app.dialog, Some(Dialog::Confirm(_))));
}

#[test]
fn arrows_and_ctrl_n_p_move_and_the_view_scrolls() {
    let mut app = loaded_app();
    press(&mut app, ":");
    let rows = crate::app::overlays::palette::list_rows(&app);
    let all = palette(&app).shown.len();
    assert!(all > rows, "{all} entries, {rows} rows");
    press(&mut app, "Down ctrl+n");
    assert_eq!(palette(&app).selected, 2);
    press(&mut app, "Up ctrl+p ctrl+p");
    assert_eq!(palette(&app).selected, 0, "stops at the top");
    for _ in 0..rows {
        press(&mut app, "Down");
    }
    assert_eq!(palette(&app).selected, rows);
    assert_eq!(palette(&app).offset, 1, "the view follows the choice");
    let text = screen(&app);
    assert!(text.contains("more above and below"), "{text}");
    press(&mut app, "PgDn PgDn PgDn");
    assert_eq!(palette(&app).selected, all - 1);
    // Typing starts from the best match again.
    type_text(&mut app, "go");
    assert_eq!(palette(&app).selected, 0);
}

#[test]
fn go_to_a_pane_and_ranking_by_words() {
    let mut app = loaded_app();
    press(&mut app, ":");
    type_text(&mut app, "go to channels");
    assert_eq!(chosen_words(&app), "go to channels");
    press(&mut app, "Enter");
    assert_eq!(app.pane, ListKind::Channels);
    assert!(app.palette.is_none());
    // "sort" finds sort first, and reverse by its sentence ("reverse the sort").
    press(&mut app, "1 :");
    type_text(&mut app, "sort");
    let found = ranked(&app);
    assert_eq!(found[0], "sort", "{found:?}");
    assert!(found.contains(&"reverse".to_owned()), "{found:?}");
    // Initials find their words.
    press(&mut app, "ctrl+u");
    type_text(&mut app, "gtr");
    assert_eq!(chosen_words(&app), "go to requests");
}

#[test]
fn go_to_an_org_selects_it_even_behind_a_filter() {
    let mut app = loaded_app();
    // A filter on Orgs that hides Them Inc.
    press(&mut app, "3 /");
    type_text(&mut app, "other");
    press(&mut app, "Enter 1 :");
    type_text(&mut app, "them inc");
    assert_eq!(chosen_words(&app), "go to org Them Inc");
    assert_eq!(
        palette(&app).chosen().unwrap().run,
        Run::GoTo(Target::Org {
            team_id: "TTHEM".into()
        })
    );
    assert!(press(&mut app, "Enter").is_empty());
    assert_eq!(app.pane, ListKind::Orgs);
    assert_eq!(app.selected_id().as_deref(), Some("TTHEM"));
    assert_eq!(app.orgs.list.filter_text, "", "the filter that hid it went");
}

/// An org-wide token's app on three workspaces, one named inside another.
fn org_app() -> App {
    let mut app = loaded_app();
    let teams = [("TUS", "Us"), ("TWS2", "Us Sales"), ("TWS3", "Labs")];
    update(
        &mut app,
        Msg::Workspaces(
            teams
                .iter()
                .map(|(id, name)| AuthTeam {
                    id: (*id).into(),
                    name: Some((*name).into()),
                })
                .collect(),
        ),
    );
    app
}

#[test]
fn go_to_a_workspace_filters_the_pane_with_ws() {
    let mut app = loaded_app();
    press(&mut app, ":");
    assert!(
        !offered(&app).iter().any(|(_, w)| w.contains("workspace")),
        "one workspace: no workspace targets"
    );
    let mut app = org_app();
    press(&mut app, "2 :");
    assert!(has(&app, "", "go to workspace Us Sales"));
    type_text(&mut app, "ws sales");
    assert_eq!(chosen_words(&app), "go to workspace Us Sales");
    press(&mut app, "Enter");
    assert_eq!(app.pane, ListKind::Requests, "the pane stays");
    assert_eq!(app.requests.list.filter_text, "ws:\"Us Sales\"");
    // "Us" is part of "Us Sales": its ID says which one is meant.
    press(&mut app, ":");
    type_text(&mut app, "workspace us");
    assert_eq!(chosen_words(&app), "go to workspace Us");
    press(&mut app, "Enter");
    assert_eq!(app.requests.list.filter_text, "ws:TUS");
    // Orgs have no workspace: going to one from there shows its invites.
    press(&mut app, "3 :");
    type_text(&mut app, "workspace labs");
    press(&mut app, "Enter");
    assert_eq!(app.pane, ListKind::Invites);
    assert_eq!(app.invites.list.filter_text, "ws:\"Labs\"");
}

#[test]
fn the_palette_opens_from_lists_and_the_detail_view_only() {
    let mut app = loaded_app();
    // In the filter, `:` is text.
    press(&mut app, "/");
    type_text(&mut app, ":");
    assert!(app.palette.is_none());
    assert_eq!(app.invites.list.filter_text, ":");
    press(&mut app, "Esc");
    // In a dialog it is not: in the deny editor `:` is text.
    press(&mut app, "2 d :");
    assert!(app.palette.is_none());
    assert_eq!(app.context(), Context::DenyEditor);
    press(&mut app, "Esc 1 ? :");
    assert!(app.palette.is_none(), "help is read, not run from");
    // Ctrl-C closes it on the way to quitting.
    press(&mut app, "Esc :");
    assert!(app.palette.is_some());
    assert_eq!(press(&mut app, "ctrl+c"), [Effect::Quit]);
    assert!(app.palette.is_none());
}

#[test]
fn a_tiny_terminal_draws_what_fits_and_never_panics() {
    let mut app = loaded_app();
    press(&mut app, ":");
    for (width, height) in [(80, 24), (40, 10), (20, 6), (10, 3), (1, 1)] {
        update(&mut app, Msg::Resize { width, height });
        let area = Rect::new(0, 0, width, height);
        let mut buf = Buffer::empty(area);
        crate::ui::render(&app, &crate::ui::theme::Theme::default(), area, &mut buf);
        press(&mut app, "Down PgDn Up");
    }
    assert!(app.palette.is_some());
}
