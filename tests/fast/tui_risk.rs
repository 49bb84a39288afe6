//! Risk signals on screen, drawn by the real loop against the emulator's
//! demo data with a fixed clock, at 80x24 and 120x40: the RISK column of
//! both panes, the `risk:` filter, the detail's "Needs care" section, the
//! confirmation's "Needs care" lines and the risk sort. Snapshots are the
//! screen's text (not its styles).

use crate::common;
use crate::session::Session;

/// (snapshot name, keys pressed before it, text typed after them). Each
/// step starts where the previous one left off.
const STEPS: &[(&str, &str, &str)] = &[
    ("risk_invites", "", ""),
    ("risk_requests", "2", ""),
    // The two imitations of Stripe: a Cyrillic "і", and "Stripe Payments Inc".
    ("risk_filter_lookalike", "1 /", "risk:lookalike"),
    ("risk_detail", "Enter Enter", ""),
    ("risk_confirm", "a", ""),
    // time left → age → org → channel → risk (one workspace: no workspace key).
    ("risk_sorted", "Esc Esc Esc s s s s", ""),
];

async fn walk(width: u16, height: u16) {
    let mut session = Session::demo(width, height).await;
    for (name, keys, typed) in STEPS {
        session.press(keys).type_text(typed);
        let screen = session.settle().await;
        match *name {
            "risk_invites" | "risk_requests" => {
                assert!(screen.contains(" RISK"), "{screen}");
            }
            "risk_filter_lookalike" => {
                assert!(screen.contains("2 of 27 match"), "{screen}");
            }
            "risk_detail" => {
                assert!(screen.contains("Needs care"), "{screen}");
                assert!(
                    screen.contains("looks like Stripe (T0STRIPE01)"),
                    "{screen}"
                );
                assert!(
                    screen.contains("inviter uses gmail.com, a free-mail domain"),
                    "{screen}"
                );
            }
            "risk_confirm" => {
                assert!(
                    screen.contains("Needs care: looks like Stripe (T0STRIPE01)"),
                    "{screen}"
                );
            }
            "risk_sorted" => {
                assert!(screen.contains("sorted by risk"), "{screen}");
            }
            _ => {}
        }
        insta::assert_snapshot!(format!("{name}_{width}x{height}"), screen);
    }
    // The confirmation was cancelled: nothing was written.
    let writes = common::writes(&session.emulator);
    assert!(writes.is_empty(), "{writes:?}");
    session.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn risk_signals_at_80x24() {
    walk(80, 24).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn risk_signals_at_120x40() {
    walk(120, 40).await;
}
