//! A request's detail says whether its address is someone on Slack: asked
//! once when the detail opens, answered in place, never asked again.

use crate::session::{Session, Setup};

fn lookups(s: &Session) -> usize {
    s.emulator
        .request_log()
        .iter()
        .filter(|r| r.method == "users.discoverableContacts.lookup")
        .count()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_request_detail_asks_once_whether_the_address_is_on_slack() {
    let dir = tempfile::tempdir().unwrap();
    let setup = Setup {
        size: (120, 40),
        ..Setup::demo()
    };
    let mut s = Session::start(setup, dir.path()).await;
    s.settle().await;
    assert_eq!(lookups(&s), 0, "nothing is asked before a detail opens");
    s.press("2 Enter");
    let screen = s
        .screen_until(|sc| sc.contains("On Slack") && !sc.contains("checking…"))
        .await;
    assert!(
        screen.contains("no: nobody discoverable on Slack has this address"),
        "{screen}"
    );
    assert_eq!(lookups(&s), 1);
    // Closed and opened again: the answer is kept, not asked for again.
    let screen = s.press("Esc Enter").settle().await;
    assert!(screen.contains("On Slack"), "{screen}");
    assert_eq!(lookups(&s), 1);
    s.quit().await;
}
