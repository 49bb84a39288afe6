//! `--pace` and the streaming `list`: the real binary against an emulator
//! or a scripted fake on loopback.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex, mpsc};
use std::time::Duration;

use serde_json::json;

use crate::support::cli::{BIN, code, stderr, stdout};
use crate::support::emu::*;
use crate::support::fake::{self, TOKEN};

async fn run(base: &str, token: &str, args: &[&str]) -> std::process::Output {
    let mut command = Command::new(BIN);
    command
        .arg("--api-base")
        .arg(base)
        .args(args)
        .env_remove("SLACK_API_BASE")
        .env("SLACK_TOKEN", token);
    tokio::task::spawn_blocking(move || command.output().expect("the binary runs"))
        .await
        .unwrap()
}

#[tokio::test]
async fn a_pace_that_is_not_one_is_refused_in_plain_words() {
    for (pace, words) in [
        ("fast", "expected real, scaled:N or off"),
        ("scaled:0", "a whole number of at least 1"),
        ("scaled:", "a whole number of at least 1"),
    ] {
        let out = run(
            "http://127.0.0.1:9/api/",
            TOKEN,
            &["--pace", pace, "list", "invites"],
        )
        .await;
        assert_eq!(code(&out), 2, "--pace {pace}: {}", stderr(&out));
        assert!(
            stderr(&out).contains(words),
            "--pace {pace}: {}",
            stderr(&out)
        );
    }
}

/// Going faster than Slack's tiers is for a local emulator only: refused
/// for any other API base, before a single call, by the TUI and the CLI.
#[tokio::test]
async fn scaled_and_off_are_refused_unless_the_api_base_is_loopback() {
    for pace in ["off", "scaled:60"] {
        for args in [
            vec!["--pace", pace, "list", "invites"],
            vec!["--pace", pace, "approve", "I0123ABCD", "--yes"],
            vec!["--pace", pace],
        ] {
            let out = run("https://slack.com/api/", TOKEN, &args).await;
            assert_eq!(code(&out), 2, "{args:?}: {}", stderr(&out));
            assert!(
                stderr(&out).contains(&format!("--pace {pace} is only for a local emulator")),
                "{args:?}: {}",
                stderr(&out)
            );
        }
    }
    // `real` needs no loopback: it gets as far as the network (a closed port here).
    let out = run(
        "http://127.0.0.1:9/api/",
        TOKEN,
        &["--pace", "real", "list", "teams"],
    )
    .await;
    assert_eq!(code(&out), 1, "{}", stderr(&out));
}

/// Three Tier 1 pages: paced to Slack's real tier that is two minutes of
/// waiting, announced on stderr. With `--pace off` against an emulator
/// without limits nothing waits; with `scaled:N` against an emulator of the
/// same scale the waits are N times shorter and Slack never says 429.
#[tokio::test]
async fn off_never_waits_and_scaled_matches_a_scaled_emulator() {
    let emu = start(generated("invites=1200")).await;
    let token = emu.admin_token();
    let out = run(
        &emu.base_url(),
        token.expose(),
        &["--pace", "off", "list", "invites", "--json"],
    )
    .await;
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out).lines().count(), 1200);
    assert!(!stderr(&out).contains("waiting"), "{}", stderr(&out));
    assert_eq!(logged(&emu, "conversations.listConnectInvites").len(), 3);

    let scaled = start_with(generated("invites=1200"), |c| {
        c.rate_limits = connect_triage::emulator::RateLimitMode::Scaled(600);
    })
    .await;
    let token = scaled.admin_token();
    let out = run(
        &scaled.base_url(),
        token.expose(),
        &["--pace", "scaled:600", "list", "invites", "--json"],
    )
    .await;
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out).lines().count(), 1200);
    let calls = logged(&scaled, "conversations.listConnectInvites");
    assert_eq!(
        calls.len(),
        3,
        "paced, so no call was refused and sent again"
    );
}

/// The first page is printed while the last is still on its way: the fake
/// holds back its answer to the second page until the test has read the
/// first line, so a `list` that gathered pages before printing never ends.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn list_prints_each_page_before_the_last_one_is_served() {
    let (release, released) = mpsc::channel::<()>();
    let released = Arc::new(Mutex::new(released));
    let invite = |id: &str| {
        json!({"direction": "incoming", "status": "sent",
               "invite": {"id": id, "date_created": 1, "date_invalid": 2},
               "channel": {"id": "C1", "name": "general"},
               "brand_new_field": {"kept": true}})
    };
    let (first, last) = (invite("I0FIRST01"), invite("I0LAST001"));
    let fake = fake::fake(move |seen| match (seen.method.as_str(), seen.arg("cursor")) {
        ("auth.test", _) => fake::json(json!({"ok": true, "team_id": "T0OURS001", "user_id": "U1"})),
        (_, None) => fake::json(json!({"ok": true, "invites": [first],
                                       "response_metadata": {"next_cursor": "page2"}})),
        (_, Some(_)) => {
            // Blocking a fake's worker is fine here: nothing else is served meanwhile.
            let _ = released.lock().unwrap().recv_timeout(Duration::from_secs(60));
            fake::json(json!({"ok": true, "invites": [last], "response_metadata": {"next_cursor": ""}}))
        }
    })
    .await;
    let mut child = Command::new(BIN)
        .args([
            "--api-base",
            &fake.base_url(),
            "--pace",
            "off",
            "list",
            "invites",
            "--json",
        ])
        .env("SLACK_TOKEN", TOKEN)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let line = tokio::task::spawn_blocking(move || {
        let first = lines.next().expect("a first line").unwrap();
        (first, lines)
    });
    let (first_line, mut lines) = tokio::time::timeout(Duration::from_secs(30), line)
        .await
        .expect("the first page is printed while the second is held back")
        .unwrap();
    let printed: serde_json::Value = serde_json::from_str(&first_line).unwrap();
    assert_eq!(printed["invite"]["id"], "I0FIRST01");
    assert_eq!(
        printed["brand_new_field"]["kept"], true,
        "Slack's element, every field"
    );
    release.send(()).unwrap();
    let rest = tokio::task::spawn_blocking(move || {
        let rest: Vec<String> = lines.by_ref().map(Result::unwrap).collect();
        (rest, child.wait().unwrap())
    })
    .await
    .unwrap();
    assert!(rest.1.success());
    assert_eq!(rest.0.len(), 1);
    assert!(rest.0[0].contains("I0LAST001"));
}
