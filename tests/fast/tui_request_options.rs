//! Approving a request with Slack's options, through the real loop and the
//! command line: into another channel picked from a filtered list, with a
//! changed permission and a message that replaces the requester's. The
//! confirmation shows the call, and the emulator's state agrees.

use connect_triage::emulator::RequestStatus;

use crate::session::{Session, Setup};
use crate::support::cli::{Env, code, stderr, stdout};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_request_approved_into_another_channel_with_a_replaced_message() {
    let dir = tempfile::tempdir().unwrap();
    let setup = Setup {
        size: (120, 40),
        ..Setup::demo()
    };
    let mut s = Session::start(setup, dir.path()).await;
    s.settle().await;
    let screen = s.press("2 a").settle().await;
    let id: String = screen
        .lines()
        .find_map(|l| l.split("Approve request ").nth(1))
        .map(|rest| {
            rest.chars()
                .take_while(char::is_ascii_alphanumeric)
                .collect()
        })
        .unwrap_or_else(|| panic!("the approval dialog: {screen}"));
    assert!(screen.contains("Into: the requested channel"), "{screen}");
    // The channel list, filtered as typed; letters are the filter here.
    let screen = s.press("ctrl+l").type_text("maersk vess").settle().await;
    assert!(screen.contains("into which channel?"), "{screen}");
    assert!(
        screen.contains("#maersk-vessel-delays (C0NBCH0013, public)"),
        "{screen}"
    );
    assert!(screen.contains("1 of "), "{screen}");
    let screen = s.press("Enter").settle().await;
    assert!(
        screen.contains("Into: #maersk-vessel-delays (C0NBCH0013), not the requested one"),
        "{screen}"
    );
    let screen = s.press("ctrl+o").type_text("Welcome aboard").settle().await;
    assert!(screen.contains("in place of the requester's"), "{screen}");
    let screen = s.press("Tab Enter").settle().await;
    assert!(
        screen.contains(&format!("Approve request {id}?")),
        "{screen}"
    );
    assert!(screen.contains("In place of the requester's"), "{screen}");
    assert!(screen.contains("channel_id=C0NBCH0013"), "{screen}");
    assert!(screen.contains(r#""is_override":true"#), "{screen}");
    assert!(
        crate::common::writes(&s.emulator).is_empty(),
        "nothing before y"
    );
    s.press("y").settle().await;

    let snap = s.emulator.snapshot();
    let request = snap.request(&id).unwrap();
    assert_eq!(request.status, RequestStatus::Approved);
    assert_eq!(request.approval_message.as_deref(), Some("Welcome aboard"));
    assert!(request.approval_replaces);
    let invite = snap.invite(&id).expect("the approval sent an invitation");
    assert_eq!(invite.invite.channel().unwrap().id, "C0NBCH0013");
    let writes = crate::common::writes(&s.emulator);
    assert_eq!(writes.len(), 1, "{writes:?}");
    assert!(crate::common::arg(&writes[0].args, "is_external_limited").is_some());
    s.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn request_approve_takes_the_same_options_on_the_command_line() {
    let env = Env::demo().await;
    let out = env
        .run(&[
            "request",
            "approve",
            "I0NBREQ002",
            "--channel",
            "C0NBCH0013",
            "--post-and-invite",
            "--message",
            "Use this channel",
            "--replace-message",
            "--dry-run",
        ])
        .await;
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = format!("{}{}", stdout(&out), stderr(&out));
    assert!(
        text.contains("Into: #maersk-vessel-delays (C0NBCH0013)"),
        "{text}"
    );
    assert!(
        text.contains("In place of the requester's message"),
        "{text}"
    );
    assert!(env.writes().is_empty());
    let out = env
        .run(&[
            "request",
            "approve",
            "I0NBREQ002",
            "--channel",
            "C0NBCH0013",
            "--post-and-invite",
            "--message",
            "Use this channel",
            "--replace-message",
            "--yes",
        ])
        .await;
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let snap = env.emu.snapshot();
    let request = snap.request("I0NBREQ002").unwrap();
    assert_eq!(request.status, RequestStatus::Approved);
    assert!(request.approval_replaces);
    let invite = snap.invite("I0NBREQ002").unwrap();
    assert_eq!(invite.invite.channel().unwrap().id, "C0NBCH0013");
    assert!(!invite.invite.is_external_limited(), "post and invite");
    // Options that belong to approve are refused on deny; --replace-message needs a message.
    let out = env
        .run(&[
            "request",
            "deny",
            "I0NBREQ003",
            "--channel",
            "C0NBCH0013",
            "--yes",
        ])
        .await;
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("options of `request approve`"),
        "{}",
        stderr(&out)
    );
    let out = env
        .run(&[
            "request",
            "approve",
            "I0NBREQ003",
            "--replace-message",
            "--yes",
        ])
        .await;
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    let out = env
        .run(&[
            "request",
            "approve",
            "I0NBREQ003",
            "--post-only",
            "--post-and-invite",
        ])
        .await;
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert_eq!(env.writes().len(), 1);
}
