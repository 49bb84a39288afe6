//! A keymap from a config file drives the real loop against the emulator:
//! the remapped keys decide, the old ones do nothing, and the footer and
//! help say what the keys now are.

use crate::common::writes;
use crate::session::Session;
use connect_triage::app::{App, Mode};
use connect_triage::config::Config;
use connect_triage::emulator::{Dataset, InviteOutcome};

const CONFIG: &str = r#"
grace_seconds = 0

[keys]
approve = ["A"]
confirm = ["o"]
help = ["f1"]
"#;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_remapped_key_makes_a_real_decision() {
    let (config, warnings) = Config::parse(CONFIG);
    assert!(warnings.is_empty(), "{warnings:?}");
    let app = App::with_config(Mode::Demo, config);
    let mut s = Session::start_app(Dataset::demo(), app, 80, 24).await;
    let screen = s.settle().await;
    // The footer follows the config.
    assert!(screen.contains("A approve"), "{screen}");
    assert!(screen.contains("F1 help"), "{screen}");
    assert!(!screen.contains("a approve"), "{screen}");

    // The default keys do nothing now.
    let screen = s.press("a ?").settle().await;
    assert!(!screen.contains("Approve invite"), "{screen}");
    assert!(!screen.contains("Help —"), "{screen}");

    // `A` opens the confirmation, which says to press `o`; `y` no longer sends.
    // Second row: Maersk's incoming invite (the first expires sooner).
    let screen = s.press("j A").settle().await;
    assert!(screen.contains("Approve invite I0NBINV004?"), "{screen}");
    assert!(screen.contains("o yes, send"), "{screen}");
    let screen = s.press("y").settle().await;
    assert!(screen.contains("nothing was sent"), "{screen}");
    assert!(s.emulator.snapshot().invite("I0NBINV004").is_some());

    // `A o` sends it, once.
    let screen = s.press("A o").settle().await;
    assert!(screen.contains("Approved invite I0NBINV004"), "{screen}");
    let state = s.emulator.snapshot();
    assert_eq!(
        state.past_invite("I0NBINV004").map(|p| p.outcome),
        Some(InviteOutcome::Approved)
    );
    let sent = writes(&s.emulator);
    assert_eq!(sent.len(), 1, "{sent:?}");
    assert_eq!(sent[0].method, "conversations.approveSharedInvite");

    // Help (on F1 now) lists the new keys under the action names.
    let screen = s.press("f1").settle().await;
    assert!(screen.contains("Help —"), "{screen}");
    assert!(
        screen
            .lines()
            .any(|l| l.trim_start().starts_with("A ") && l.contains("approve the invite")),
        "{screen}"
    );
    s.quit().await;
}
