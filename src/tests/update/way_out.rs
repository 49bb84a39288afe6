//! Ctrl-C is the way out from everywhere, whatever the config remapped:
//! it takes the quit path, which still asks when decisions are queued.

use super::*;
use crate::app::dialogs::Dialog;
use crate::config::Config;
use crate::keys::keymap::Context;

fn with_keys(toml: &str) -> App {
    let mut app = loaded_app();
    let (config, warnings) = Config::parse(toml);
    assert!(warnings.is_empty(), "{warnings:?}");
    app.keymap = config.keymap;
    app
}

#[test]
fn ctrl_c_quits_when_quit_is_remapped() {
    let mut app = with_keys("[keys]\nquit = [\"Q\"]\n");
    press(&mut app, "q");
    assert!(!app.quit, "q is no longer quit");
    let effects = press(&mut app, "ctrl+c");
    assert!(app.quit && effects.contains(&Effect::Quit), "{effects:?}");
}

#[test]
fn ctrl_c_in_a_dialog_or_the_filter_cancels_it_and_quits() {
    let mut app = loaded_app();
    press(&mut app, "a");
    assert_eq!(app.context(), Context::Confirm);
    let effects = press(&mut app, "ctrl+c");
    assert!(app.quit, "{effects:?}");
    assert!(app.decisions.is_idle(), "nothing was sent");

    let mut app = loaded_app();
    press(&mut app, "2 d");
    assert_eq!(app.context(), Context::DenyEditor);
    press(&mut app, "ctrl+c");
    assert!(app.quit && app.dialog.is_none());

    let mut app = loaded_app();
    press(&mut app, "/ o t h");
    assert!(app.filtering);
    press(&mut app, "ctrl+c");
    assert!(app.quit);
}

#[test]
fn ctrl_c_with_decisions_queued_asks_and_a_second_press_drops_nothing() {
    let mut app = loaded_app();
    app.grace_seconds = 5;
    press_raw(&mut app, "a y");
    assert_eq!(app.grace.entries().len(), 1);
    press(&mut app, "2 d");
    let effects = press_raw(&mut app, "ctrl+c");
    assert!(effects.is_empty(), "{effects:?}");
    assert!(matches!(app.dialog, Some(Dialog::QuitQueued(_))));
    let effects = press_raw(&mut app, "ctrl+c");
    assert!(effects.is_empty(), "{effects:?}");
    assert!(matches!(app.dialog, Some(Dialog::QuitQueued(_))));
    assert!(!app.quit && app.grace.entries().len() == 1);
}

/// Saying no to quitting is not a cancelled decision: the words say the
/// dashboard stays, and the queue with it.
#[test]
fn saying_no_to_quit_says_so_not_nothing_was_sent() {
    let mut app = loaded_app();
    app.grace_seconds = 5;
    press_raw(&mut app, "a y");
    press(&mut app, "q");
    assert!(matches!(app.dialog, Some(Dialog::QuitQueued(_))));
    press(&mut app, "esc");
    assert!(app.dialog.is_none() && !app.quit);
    let notice = app
        .notice
        .as_ref()
        .map(|n| n.text.clone())
        .unwrap_or_default();
    assert_eq!(notice, "Not quitting — the queued decisions stay queued.");
    assert_eq!(app.grace.entries().len(), 1);
    // A decision's own dialog still says what it always said.
    press(&mut app, "j a esc");
    let notice = app
        .notice
        .as_ref()
        .map(|n| n.text.clone())
        .unwrap_or_default();
    assert_eq!(notice, "Cancelled — nothing was sent.");
}
