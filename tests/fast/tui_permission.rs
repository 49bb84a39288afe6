//! `p` on a channel through the real loop: the org is chosen when several
//! share the channel, the confirmation says the permission now and after,
//! the write goes through the undo window and the journal, and the
//! emulator's channel changes.

use crate::common::arg;
use crate::session::{Session, Setup};

fn limited(s: &Session, channel: &str) -> Vec<String> {
    s.emulator
        .snapshot()
        .channel(channel)
        .unwrap()
        .connected_limited_team_ids
        .clone()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn p_changes_one_orgs_permission_after_saying_it_in_words() {
    let dir = tempfile::tempdir().unwrap();
    let setup = Setup {
        size: (120, 40),
        ..Setup::demo()
    };
    let mut s = Session::start(setup, dir.path()).await;
    s.settle().await;
    // One org in the channel: straight to the confirmation.
    s.press("4 /").type_text("maersk-vessel").press("Enter");
    let screen = s.press("p").settle().await;
    assert!(
        screen.contains("Let Maersk Line post and invite in #maersk-vessel-delays?"),
        "{screen}"
    );
    assert!(
        screen.contains("post only now; post and invite after this"),
        "{screen}"
    );
    assert!(screen.contains("action=upgrade"), "{screen}");
    let screen = s.press("y").settle().await;
    assert!(
        screen.contains("Changed Maersk Line's permission in #maersk-vessel-delays to post and"),
        "{screen}"
    );
    assert!(limited(&s, "C0NBCH0013").is_empty());

    // Three orgs: which one first, each with its permission now.
    s.press("Esc /")
        .type_text("freight-partners")
        .press("Enter");
    let screen = s.press("p").settle().await;
    assert!(screen.contains("Whose permission"), "{screen}");
    assert!(
        screen.contains("Brightwater Freight (T0BRTWTR01): post only"),
        "{screen}"
    );
    assert!(
        screen.contains("Maersk Line (T0MAERSK01): post and invite"),
        "{screen}"
    );
    let screen = s.press("j j Enter").settle().await;
    assert!(
        screen.contains("Let Brightwater Freight post and invite in #freight-partners-consortium?"),
        "{screen}"
    );
    // Anything but y: nothing is sent.
    s.press("n").settle().await;
    assert_eq!(limited(&s, "C0NBCH0016"), ["T0BRTWTR01"]);
    // Maersk may post and invite there: p downgrades it.
    let screen = s.press("p Enter").settle().await;
    assert!(
        screen.contains("Limit Maersk Line to posting in #freight-partners-consortium?"),
        "{screen}"
    );
    s.press("y").settle().await;
    let mut now = limited(&s, "C0NBCH0016");
    now.sort();
    assert_eq!(now, ["T0BRTWTR01", "T0MAERSK01"]);

    let writes = crate::common::writes(&s.emulator);
    assert_eq!(writes.len(), 2, "{writes:?}");
    assert_eq!(arg(&writes[1].args, "action"), Some("downgrade"));
    let journal = s.journal();
    let actions: Vec<&str> = journal
        .iter()
        .filter(|r| r.stage == connect_triage::journal::Stage::Outcome)
        .map(|r| r.action.as_str())
        .collect();
    assert_eq!(actions, ["upgrade_permission", "downgrade_permission"]);
    s.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_permission_change_waits_in_the_undo_window_and_u_takes_it_back() {
    let dir = tempfile::tempdir().unwrap();
    let setup = Setup {
        grace: 10,
        size: (120, 40),
        ..Setup::demo()
    };
    let mut s = Session::start(setup, dir.path()).await;
    s.settle().await;
    s.send(connect_triage::app::Msg::Clock {
        now_ms: crate::common::NOW * 1000,
    });
    s.press("4 /").type_text("maersk-vessel").press("Enter");
    let screen = s.press("p y").handled().await;
    assert!(
        screen.contains("Sending in 10 s: change Maersk Line's permission"),
        "{screen}"
    );
    let screen = s.press("u").settle().await;
    assert!(screen.contains("Nothing was sent"), "{screen}");
    assert!(crate::common::writes(&s.emulator).is_empty());
    assert_eq!(limited(&s, "C0NBCH0013"), ["T0MAERSK01"]);
    s.quit().await;
}
