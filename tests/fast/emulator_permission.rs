//! conversations.externalInvitePermissions.set in the emulator and from the
//! command line: each action's state change, as search and `list --json`
//! then show it, each error, and the CLI's confirmation, dry run and journal.

use crate::common::arg;
use crate::support::cli::{Env, code, stderr, stdout};
use crate::support::emulator::*;

const SET: &str = "conversations.externalInvitePermissions.set";

fn limited(env_or_emu: &connect_triage::emulator::RunningEmulator, channel: &str) -> Vec<String> {
    env_or_emu
        .snapshot()
        .channel(channel)
        .unwrap()
        .connected_limited_team_ids
        .clone()
}

#[tokio::test]
async fn upgrade_and_downgrade_move_the_org_between_the_lists() {
    let emu = start_demo().await;
    // #maersk-vessel-delays: Maersk may only post.
    assert_eq!(limited(&emu, "C0NBCH0013"), ["T0MAERSK01"]);
    let form = |action| {
        vec![
            ("channel", "C0NBCH0013"),
            ("target_team", "T0MAERSK01"),
            ("action", action),
        ]
    };
    ok(&emu, SET, &form("upgrade")).await;
    assert!(limited(&emu, "C0NBCH0013").is_empty());
    let channel = emu.snapshot().channel("C0NBCH0013").cloned().unwrap();
    assert_eq!(
        channel.connected_team_ids,
        ["T0MAERSK01"],
        "still connected"
    );
    // Setting what is already set changes nothing and is not an error.
    ok(&emu, SET, &form("upgrade")).await;
    ok(&emu, SET, &form("downgrade")).await;
    assert_eq!(limited(&emu, "C0NBCH0013"), ["T0MAERSK01"]);
    // The search shows the same.
    let body = ok(
        &emu,
        "admin.conversations.search",
        &[("search_channel_types", "external_shared"), ("limit", "50")],
    )
    .await;
    let found = body["conversations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "C0NBCH0013")
        .cloned()
        .unwrap();
    assert_eq!(found["connected_limited_team_ids"][0], "T0MAERSK01");
}

#[tokio::test]
async fn each_error_as_slack_names_it() {
    let emu = start_demo().await;
    let set = |channel: &'static str, team: &'static str, action: &'static str| {
        vec![
            ("channel", channel),
            ("target_team", team),
            ("action", action),
        ]
    };
    let cases = [
        (
            set("C0NOSUCH01", "T0MAERSK01", "upgrade"),
            "channel_not_found",
        ),
        (
            set("C0NBCH0013", "T0DHLSC001", "upgrade"),
            "invalid_target_team",
        ),
        (
            set("C0NBCH0013", "T0NBHQ0001", "upgrade"),
            "invalid_target_team",
        ),
        (set("C0NBCH0013", "T0MAERSK01", "promote"), "invalid_action"),
        // Stripe hosts #stripe-api-support: only the host sets permissions.
        (
            set("C0NBCH0002", "T0STRIPE01", "downgrade"),
            "restricted_action",
        ),
        // Not shared with anyone.
        (set("C0NBCH0027", "T0MAERSK01", "upgrade"), "not_supported"),
    ];
    for (form, code) in cases {
        assert_eq!(err(&emu, SET, &form).await, code, "{form:?}");
    }
    assert_eq!(
        err(
            &emu,
            SET,
            &[("channel", "C0NBCH0013"), ("action", "upgrade")]
        )
        .await,
        "invalid_arguments"
    );
    let reply = call(
        &emu,
        SET,
        &manage_only(&emu),
        &set("C0NBCH0013", "T0MAERSK01", "upgrade"),
    )
    .await;
    assert_eq!(
        reply.body["ok"], true,
        "connect:manage is the scope: {:?}",
        reply.body
    );
    assert_eq!(limited(&emu, "C0NBCH0013"), Vec::<String>::new());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_permission_command_confirms_in_words_sends_once_and_journals() {
    let env = Env::demo().await;
    let out = env
        .run(&[
            "permission",
            "C0NBCH0013",
            "--team",
            "T0MAERSK01",
            "upgrade",
            "--dry-run",
        ])
        .await;
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = format!("{}{}", stdout(&out), stderr(&out));
    assert!(
        text.contains("Let Maersk Line post and invite in #maersk-vessel-delays?"),
        "{text}"
    );
    assert!(
        text.contains("post only now; post and invite after this"),
        "{text}"
    );
    assert!(text.contains(SET), "{text}");
    assert!(env.writes().is_empty(), "a dry run sends nothing");

    let out = env
        .run(&[
            "permission",
            "C0NBCH0013",
            "--team",
            "T0MAERSK01",
            "upgrade",
            "--yes",
        ])
        .await;
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(
        stdout(&out).contains("they may now post and invite"),
        "{}",
        stdout(&out)
    );
    assert!(limited(&env.emu, "C0NBCH0013").is_empty());
    let writes = env.writes();
    assert_eq!(writes.len(), 1, "{writes:?}");
    assert_eq!(arg(&writes[0].args, "action"), Some("upgrade"));
    assert_eq!(arg(&writes[0].args, "target_team"), Some("T0MAERSK01"));
    let journal = env.journal();
    let last = journal.last().unwrap();
    assert_eq!(last.action.as_str(), "upgrade_permission");
    assert_eq!(last.org_id.as_deref(), Some("T0MAERSK01"));
    assert_eq!(last.outcome, Some(connect_triage::journal::Outcome::Ok));

    // Already so: said, nothing sent, a success.
    let out = env
        .run(&[
            "permission",
            "C0NBCH0013",
            "--team",
            "T0MAERSK01",
            "upgrade",
            "--yes",
        ])
        .await;
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(
        stdout(&out).contains("nothing to change"),
        "{}",
        stdout(&out)
    );
    assert_eq!(env.writes().len(), 1);

    // An org that is not in the channel: a usage error naming the ones that are.
    let out = env
        .run(&[
            "permission",
            "C0NBCH0013",
            "--team",
            "T0DHLSC001",
            "downgrade",
            "--yes",
        ])
        .await;
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("T0MAERSK01"), "{}", stderr(&out));
    let out = env
        .run(&[
            "--read-only",
            "permission",
            "C0NBCH0013",
            "--team",
            "T0MAERSK01",
            "downgrade",
            "--yes",
        ])
        .await;
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert_eq!(env.writes().len(), 1);
}
