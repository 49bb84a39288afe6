//! The `:` command palette through the real loop against the emulator: an
//! entry runs exactly as its key would (approving still asks, and nothing
//! is sent before `y`), go-to entries move, `Esc` closes, a remapped key
//! shows as remapped; the palette's screens at 80x24 and 120x40.

use crate::common::writes;
use crate::session::Session;
use connect_triage::app::{App, Mode};
use connect_triage::config::Config;
use connect_triage::emulator::{Dataset, InviteOutcome};

/// Maersk's incoming invite, the second row of the demo's Invites.
const MAERSK: &str = "I0NBINV004";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn appr_enter_asks_first_and_nothing_is_sent_before_y() {
    let mut s = Session::demo(80, 24).await;
    s.settle().await;
    let screen = s.press("j :").type_text("appr").settle().await;
    assert!(screen.contains("> a"), "{screen}");
    let screen = s.press("Enter").settle().await;
    assert!(
        screen.contains(&format!("Approve invite {MAERSK}?")),
        "{screen}"
    );
    assert!(!screen.contains("Command palette"), "{screen}");
    // The confirmation is showing; Slack has heard nothing.
    assert!(writes(&s.emulator).is_empty());
    assert!(s.emulator.snapshot().invite(MAERSK).is_some());

    let screen = s.press("y").settle().await;
    assert!(
        screen.contains(&format!("Approved invite {MAERSK}")),
        "{screen}"
    );
    let sent = writes(&s.emulator);
    assert_eq!(sent.len(), 1, "{sent:?}");
    assert_eq!(sent[0].method, "conversations.approveSharedInvite");
    assert_eq!(
        s.emulator.snapshot().past_invite(MAERSK).map(|p| p.outcome),
        Some(InviteOutcome::Approved)
    );
    s.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn go_to_channels_switches_pane_and_esc_closes() {
    let mut s = Session::demo(80, 24).await;
    let before = s.settle().await;
    // Esc closes it, and the screen is as it was.
    let open = s.press(":").settle().await;
    assert!(open.contains("Command palette — Invites"), "{open}");
    assert!(
        open.contains("Enter run"),
        "the footer says its keys: {open}"
    );
    let closed = s.press("Esc").settle().await;
    assert_eq!(closed, before);

    let screen = s.press(":").type_text("go to channels").settle().await;
    assert!(screen.contains("> 4"), "{screen}");
    let screen = s.press("Enter").settle().await;
    assert!(screen.contains("Channels —"), "{screen}");
    assert!(!screen.contains("Command palette"), "{screen}");
    // Typing in the palette moved nothing and decided nothing.
    assert!(writes(&s.emulator).is_empty());
    s.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_remapped_key_shows_as_remapped_in_the_palette() {
    let (config, warnings) = Config::parse("[keys]\napprove = [\"A\"]\n");
    assert!(warnings.is_empty(), "{warnings:?}");
    let app = App::with_config(Mode::Demo, config);
    let mut s = Session::start_app(Dataset::demo(), app, 80, 24).await;
    s.settle().await;
    let screen = s.press(":").type_text("approve").settle().await;
    let line = screen
        .lines()
        .find(|l| l.contains("│ > "))
        .unwrap_or_else(|| panic!("a chosen entry: {screen}"));
    assert!(line.contains("> A") && line.contains("approve"), "{line}");
    s.press("Esc");
    s.quit().await;
}

/// The palette open on Invites, then narrowed, then on an org.
async fn walk(width: u16, height: u16) {
    let mut s = Session::demo(width, height).await;
    s.settle().await;
    let steps: &[(&str, &str, &str)] = &[
        ("palette", ":", ""),
        ("palette_appr", "", "appr"),
        ("palette_org", "ctrl+u", "go to org str"),
    ];
    for (name, keys, text) in steps {
        let screen = s.press(keys).type_text(text).settle().await;
        insta::assert_snapshot!(format!("{name}_{width}x{height}"), screen);
    }
    let screen = s.press("Enter").settle().await;
    assert!(screen.contains("Orgs —"), "{screen}");
    assert!(writes(&s.emulator).is_empty());
    s.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn palette_at_80x24() {
    walk(80, 24).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn palette_at_120x40() {
    walk(120, 40).await;
}
