//! Dialog keys: what confirms, what cancels, what is text.
use super::*;
use crate::decision::DecisionKind;
use crate::slack::MAX_MESSAGE_CHARS;

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn deny_dialog() -> Dialog {
    Dialog::Deny(DenyDialog {
        request: crate::decision::plan::RequestFacts {
            id: "R1".into(),
            summary: "request R1".into(),
            lines: vec![],
            requested_limited: true,
            about: Default::default(),
            workspace: None,
        },
        editor: new_editor("why?"),
        error: None,
        saved: vec!["First reason.".into(), "Second reason.".into()],
        saved_shown: None,
    })
}

#[test]
fn typing_n_in_a_message_is_text_not_cancel() {
    let keymap = Keymap::default();
    let mut dialog = deny_dialog();
    for c in "no thanks".chars() {
        assert!(matches!(
            dialog.handle_key(&keymap, ListKind::Requests, key(KeyCode::Char(c))),
            DialogStep::Stay
        ));
    }
    let step = dialog.handle_key(&keymap, ListKind::Requests, key(KeyCode::Enter));
    let DialogStep::Next(next) = step else {
        panic!("Enter goes on to the confirmation");
    };
    let Dialog::Confirm(confirm) = *next else {
        panic!("the next dialog is the confirmation");
    };
    let ConfirmAction::Write(write) = &confirm.action else {
        panic!()
    };
    assert_eq!(
        write.kind,
        DecisionKind::DenyRequest {
            message: Some("no thanks".into())
        }
    );
}

#[test]
fn a_message_over_560_characters_is_refused_before_sending() {
    let keymap = Keymap::default();
    let mut dialog = deny_dialog();
    if let Dialog::Deny(deny) = &mut dialog {
        deny.editor.insert_str("é".repeat(MAX_MESSAGE_CHARS + 1));
    }
    assert!(matches!(
        dialog.handle_key(&keymap, ListKind::Requests, key(KeyCode::Enter)),
        DialogStep::Stay
    ));
    let Dialog::Deny(deny) = &dialog else {
        panic!()
    };
    assert!(
        deny.error
            .as_deref()
            .unwrap()
            .contains("1 characters too long")
    );
}

#[test]
fn only_y_confirms() {
    let keymap = Keymap::default();
    let confirm = || {
        Dialog::Confirm(match quit_confirmation(1) {
            Dialog::Confirm(c) => c,
            _ => unreachable!(),
        })
    };
    for code in [
        KeyCode::Char('n'),
        KeyCode::Enter,
        KeyCode::Esc,
        KeyCode::Char('Y'),
        KeyCode::Char(' '),
    ] {
        assert!(
            matches!(
                confirm().handle_key(&keymap, ListKind::Invites, key(code)),
                DialogStep::Cancelled
            ),
            "{code:?}"
        );
    }
    assert!(matches!(
        confirm().handle_key(&keymap, ListKind::Invites, key(KeyCode::Char('y'))),
        DialogStep::Quit
    ));
}

#[test]
fn an_org_name_that_cannot_be_typed_is_confirmed_by_its_team_id() {
    use crate::model::orgs::{confirm_text, typed_confirms};
    assert_eq!(confirm_text("Acme Corp", "T1"), "Acme Corp");
    assert!(typed_confirms(
        " Acme Corp ",
        confirm_text("Acme Corp", "T1")
    ));
    assert!(!typed_confirms("acme corp", "Acme Corp"));
    // Invisible only, an escape in it, a zero-width space: the team ID.
    for name in ["\u{200B}\u{2800}", "Acme\u{1b}[2J", "Acme\u{200B} Corp"] {
        assert_eq!(confirm_text(name, "T1"), "T1", "{name:?}");
    }
    assert!(typed_confirms("T1", "T1"));
    assert!(!typed_confirms("", "T1"));
}

#[test]
fn the_saved_message_key_fills_the_editor_for_editing() {
    let keymap = Keymap::default();
    let mut dialog = deny_dialog();
    let tab = key(KeyCode::Tab);
    dialog.handle_key(&keymap, ListKind::Requests, tab);
    dialog.handle_key(&keymap, ListKind::Requests, tab);
    // Edit it: "Second reason." becomes "Second reason!".
    dialog.handle_key(&keymap, ListKind::Requests, key(KeyCode::Backspace));
    dialog.handle_key(&keymap, ListKind::Requests, key(KeyCode::Char('!')));
    let DialogStep::Next(next) =
        dialog.handle_key(&keymap, ListKind::Requests, key(KeyCode::Enter))
    else {
        panic!("Enter goes on to the confirmation");
    };
    let Dialog::Confirm(confirm) = *next else {
        panic!()
    };
    let ConfirmAction::Write(write) = &confirm.action else {
        panic!()
    };
    assert_eq!(
        write.kind,
        DecisionKind::DenyRequest {
            message: Some("Second reason!".into())
        }
    );
    // A third press wraps around to the first.
    let mut dialog = deny_dialog();
    for _ in 0..3 {
        dialog.handle_key(&keymap, ListKind::Requests, tab);
    }
    let Dialog::Deny(deny) = &dialog else {
        panic!()
    };
    assert_eq!(editor_text(&deny.editor), "First reason.");
    assert_eq!(deny.saved_shown, Some(0));
}

#[test]
fn without_saved_messages_the_key_says_where_to_add_them() {
    let mut deny = DenyDialog {
        request: crate::decision::plan::RequestFacts {
            id: "R1".into(),
            summary: "request R1".into(),
            lines: vec![],
            requested_limited: true,
            about: Default::default(),
            workspace: None,
        },
        editor: new_editor(DENY_PLACEHOLDER),
        error: None,
        saved: vec![],
        saved_shown: None,
    };
    deny.next_saved();
    assert!(deny.error.as_deref().unwrap().contains("deny_messages"));
    assert_eq!(editor_text(&deny.editor), "");
}

#[test]
fn an_org_with_an_untypeable_name_is_disconnected_by_typing_its_team_id() {
    let keymap = Keymap::default();
    let mut dialog = Dialog::TypeName(TypeNameDialog {
        team_id: "T0BLANK01".into(),
        name: "\u{200B}\u{2800}".into(),
        domain: None,
        counts: Default::default(),
        channel_names: vec![],
        typed: String::new(),
        error: None,
    });
    let Dialog::TypeName(type_name) = &dialog else {
        unreachable!()
    };
    assert!(type_name.by_team_id());
    for c in "T0BLANK01".chars() {
        dialog.handle_key(&keymap, ListKind::Orgs, key(KeyCode::Char(c)));
    }
    let step = dialog.handle_key(&keymap, ListKind::Orgs, key(KeyCode::Enter));
    assert!(matches!(step, DialogStep::Next(_)), "{step:?}");
}
