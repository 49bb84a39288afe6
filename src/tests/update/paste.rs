//! A paste is text for the text box that has the keys, and nothing else:
//! it never confirms, sends, sorts or marks.

use super::*;
use crate::app::dialogs::{Dialog, editor_text};
use crate::keys::keymap::Context;

fn paste(app: &mut App, text: &str) -> Vec<Effect> {
    update(app, Msg::Paste(text.to_owned()))
}

#[test]
fn a_paste_in_the_deny_editor_is_its_message_and_confirms_nothing() {
    let mut app = loaded_app();
    press(&mut app, "2 d");
    let effects = paste(&mut app, "Not approved,\nyes really. Ask IT.");
    assert!(effects.is_empty(), "{effects:?}");
    let Some(Dialog::Deny(deny)) = &app.dialog else {
        panic!("still writing the message: {:?}", app.context());
    };
    assert_eq!(
        editor_text(&deny.editor),
        "Not approved,\nyes really. Ask IT."
    );
    assert!(app.decisions.is_idle());
}

#[test]
fn a_paste_longer_than_a_message_is_cut_at_the_limit_and_says_so() {
    let mut app = loaded_app();
    press(&mut app, "2 a");
    paste(&mut app, &"x".repeat(10_000));
    let Some(Dialog::ApproveRequest(approve)) = &app.dialog else {
        panic!("{:?}", app.context());
    };
    assert_eq!(editor_text(&approve.message).chars().count(), 560);
    assert_eq!(
        approve.error.as_deref(),
        Some("Pasted 560 of 10000 characters: a message holds at most 560.")
    );
    assert!(screen(&app).contains("560/560 characters"));
}

#[test]
fn a_paste_in_a_confirmation_or_the_list_does_nothing_but_say_so() {
    let mut app = loaded_app();
    press(&mut app, "a");
    assert_eq!(app.context(), Context::Confirm);
    assert!(paste(&mut app, "y").is_empty());
    assert_eq!(app.context(), Context::Confirm, "a paste is not a y");
    press(&mut app, "Esc");
    let before = screen(&app);
    assert!(paste(&mut app, " s*ay\nq").is_empty());
    assert!(!app.quit);
    assert!(app.decisions.is_idle());
    assert!(
        app.notice
            .as_ref()
            .unwrap()
            .text
            .starts_with("Paste ignored")
    );
    let rows = |s: &str| s.lines().skip(3).take(10).collect::<Vec<_>>().join("\n");
    assert_eq!(rows(&before), rows(&screen(&app)));
}

#[test]
fn a_paste_joins_the_filter_and_a_typed_org_name_as_one_line() {
    let mut app = loaded_app();
    press(&mut app, "/");
    paste(&mut app, "oth\ner");
    assert!(app.filtering);
    assert_eq!(app.invites.list.filter_text, "oth er");
    press(&mut app, "Esc 3 X");
    assert_eq!(app.context(), Context::TypeName);
    paste(&mut app, "Other Org\n");
    let Some(Dialog::TypeName(dialog)) = &app.dialog else {
        panic!()
    };
    assert_eq!(dialog.typed, "Other Org");
    press(&mut app, "Enter");
    assert_eq!(app.context(), Context::Confirm, "the pasted name matches");
}
