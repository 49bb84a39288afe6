//! The request approval's options in `update`: the channel list filters as
//! typed and picks with Enter, Esc leaves it with nothing changed, a paste
//! is filter text, and the write carries exactly the options chosen.

use super::*;
use crate::app::dialogs::Dialog;
use crate::decision::DecisionKind;
use crate::keys::keymap::Context;

fn dialog(app: &App) -> &crate::app::dialogs::ApproveRequestDialog {
    match &app.dialog {
        Some(Dialog::ApproveRequest(d)) => d,
        other => panic!("the approval dialog: {other:?}"),
    }
}

#[test]
fn the_channel_list_filters_picks_and_goes_back() {
    let mut app = loaded_app();
    press(&mut app, "2 a ctrl+l");
    assert_eq!(app.context(), Context::PickChannel);
    // Letters are the filter here, never keys: `n` does not cancel.
    update(&mut app, Msg::Paste("c".into()));
    press(&mut app, "2");
    let d = dialog(&app);
    let picker = d.picker.as_ref().unwrap();
    assert_eq!(picker.query, "c2");
    let names: Vec<&str> = picker.matches(&d.channels).iter().map(|c| &*c.id).collect();
    assert_eq!(names, ["C2"]);
    press(&mut app, "Esc");
    assert_eq!(app.context(), Context::ApproveRequest);
    assert!(dialog(&app).channel.is_none(), "Esc picks nothing");
    press(&mut app, "ctrl+l Down Enter");
    assert_eq!(dialog(&app).channel.as_ref().unwrap().id, "C2");
}

#[test]
fn the_write_carries_the_chosen_channel_permission_and_replacing_message() {
    let mut app = loaded_app();
    press(&mut app, "2 a ctrl+l");
    for c in "c1".chars() {
        update(
            &mut app,
            Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)),
        );
    }
    press(&mut app, "Enter ctrl+o Tab");
    update(&mut app, Msg::Paste("Join us here".into()));
    let effects = press(&mut app, "Enter y");
    let (_, call) = the_write(&effects);
    let want = DecisionKind::ApproveRequest {
        is_external_limited: Some(false),
        message: Some("Join us here".into()),
        channel_id: Some("C1".into()),
        replace_message: true,
    };
    assert_eq!(call, &want.call("R1"));
    assert!(call.args.contains(&(
        "message",
        r#"{"text":"Join us here","is_override":true}"#.to_owned()
    )));
}

#[test]
fn without_a_message_replacing_is_not_sent() {
    let mut app = loaded_app();
    let effects = press(&mut app, "2 a ctrl+o Enter y");
    let (_, call) = the_write(&effects);
    assert!(call.args.iter().all(|(k, _)| *k != "message"), "{call:?}");
}
