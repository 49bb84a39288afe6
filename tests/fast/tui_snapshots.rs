//! Every pane, the detail views, each dialog and help, at 80x24 and
//! 120x40, drawn by the real loop against the emulator's demo data with a
//! fixed clock. Snapshots are the screen's text (not its styles).

use crate::common;
use crate::session::Session;

/// (snapshot name, keys pressed before it). Keys run in order, so each
/// step starts where the previous one left off.
const STEPS: &[(&str, &str)] = &[
    ("invites", ""),
    ("requests", "2"),
    ("orgs", "3"),
    ("channels", "4"),
    ("invite_detail", "1 Enter"),
    ("invite_detail_end", "G"),
    ("request_detail", "Esc 2 Enter"),
    ("org_detail", "Esc 3 Enter"),
    ("channel_detail", "Esc 4 Enter"),
    ("confirm_approve_invite", "Esc 1 a"),
    ("confirm_decline_invite", "Esc d"),
    ("request_approve_dialog", "Esc 2 a Tab"),
    ("request_approve_confirm", "Enter"),
    ("deny_editor", "Esc d"),
    ("deny_confirm", "Enter"),
    // #freight-partners-consortium is shared with three orgs.
    ("channel_choose_org", "Esc 4 j j j j j j j j j j X"),
    ("channel_confirm", "j Enter"),
    ("org_type_name", "Esc 3 X"),
    ("help", "Esc ?"),
    ("help_more", "PgDn"),
];

/// Text typed after the keys of a step, for the steps that take text.
fn typed(step: &str) -> &'static str {
    match step {
        "request_approve_dialog" => "Welcome aboard: read #ops-rules first.",
        "deny_editor" => "Not an approved vendor yet.",
        "org_type_name" => "Brightwater",
        _ => "",
    }
}

async fn walk(width: u16, height: u16) {
    let mut session = Session::demo(width, height).await;
    for (name, keys) in STEPS {
        session.press(keys).type_text(typed(name));
        if *name == "deny_editor" {
            session
                .press("alt+enter")
                .type_text("Ask procurement (ext. 4410).");
        }
        let screen = session.settle().await;
        insta::assert_snapshot!(format!("{name}_{width}x{height}"), screen);
    }
    // Every dialog was cancelled or never confirmed: nothing was written.
    let writes = common::writes(&session.emulator);
    assert!(writes.is_empty(), "{writes:?}");
    session.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn screens_at_80x24() {
    walk(80, 24).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn screens_at_120x40() {
    walk(120, 40).await;
}
