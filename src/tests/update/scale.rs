//! Refreshes at scale's rules: within the method's rate tier, automatic
//! when due, and keeping the admin's place, marks and highlights on the
//! same items.

use super::*;

fn invites_page(invites: Vec<ConnectInvite>) -> Msg {
    Msg::PageLoaded {
        items: ListItems::Invites(invites),
        total: None,
        is_last: true,
        workspace: None,
    }
}

fn selected(app: &App) -> String {
    app.invites.list.selected_item().unwrap().id().to_owned()
}

#[test]
fn a_refresh_keeps_selection_and_marks_and_marks_new_rows() {
    let mut app = loaded_app();
    // Mark I1 (Space moves on to I2, which stays selected).
    press(&mut app, "space");
    assert_eq!(selected(&app), "I2");
    // Listing invites is Tier 1: one call a minute. Asked too soon, the
    // refresh waits for Slack's limit and says when it will start.
    assert!(press(&mut app, "r").is_empty());
    let notice = &app.notice.as_ref().unwrap().text;
    assert!(
        notice.contains("allows the next invites refresh in 1m"),
        "{notice}"
    );
    assert!(update(&mut app, Msg::Tick { now: NOW + 59 }).is_empty());
    assert_eq!(
        update(&mut app, Msg::Tick { now: NOW + 60 }),
        [Effect::Load(ListKind::Invites)]
    );
    // Slack now lists a new invite sorting first; I3 was decided elsewhere.
    let fresh = invite(
        "I0",
        "incoming",
        "TOTHER",
        vec![acceptance("TUS", &["TOTHER"])],
        NOW + 50,
    );
    let mut page = vec![fresh];
    page.extend(
        [("I1", NOW + 100), ("I2", NOW + 200)]
            .into_iter()
            .map(|(id, expires)| {
                let (direction, inviter, accepting) = if id == "I1" {
                    ("incoming", "TOTHER", acceptance("TUS", &["TOTHER"]))
                } else {
                    ("outgoing", "TUS", acceptance("TTHEM", &["TTHEM"]))
                };
                invite(id, direction, inviter, vec![accepting], expires)
            }),
    );
    update(&mut app, invites_page(page));
    assert_eq!(selected(&app), "I2", "the selection stayed on its item");
    assert!(app.invites.list.is_marked("I1"), "and so did the mark");
    assert!(app.invites.find("I3").is_none(), "I3 left the list");
    assert!(app.invites.list.fresh.contains("I0"));
    let text = screen(&app);
    assert!(
        text.contains(" + in    Org TOTHER       #chan-I0"),
        "the new row is marked +:\n{text}"
    );
    assert!(
        text.contains(" * in    Org TOTHER       #chan-I1"),
        "the marked row shows *:\n{text}"
    );
    assert!(text.contains(">  out   TTHEM"), "{text}");
}

#[test]
fn automatic_refreshes_come_when_due_and_never_overlap() {
    let mut app = loaded_app();
    // Nothing is due before the interval (5 minutes by default).
    assert!(update(&mut app, Msg::Tick { now: NOW + 299 }).is_empty());
    let effects = update(&mut app, Msg::Tick { now: NOW + 300 });
    for kind in ListKind::ALL {
        assert!(
            effects.contains(&Effect::Load(kind)),
            "{kind:?}: {effects:?}"
        );
    }
    // While they load, no tick starts them again.
    assert!(update(&mut app, Msg::Tick { now: NOW + 900 }).is_empty());
    // Off in the config: only `r` reloads.
    let mut app = loaded_app();
    app.auto_refresh = None;
    assert!(update(&mut app, Msg::Tick { now: NOW + 3600 }).is_empty());
    assert_eq!(press(&mut app, "2 r"), [Effect::Load(ListKind::Requests)]);
}
