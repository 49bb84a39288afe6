//! Text another org chose reaches the CLI's output only made harmless:
//! every human-readable line is sanitized (no escape sequence, control,
//! bidi or zero-width character), `--json` keeps the exact data but writes
//! the invisible characters as `\u` escapes, and Slack's own error text is
//! cleaned and cut before it is printed.

use crate::support::cli::*;
use crate::support::fake::{fake, json};
use connect_triage::emulator::Dataset;

const HOSTILE_ORG: &str = "Maersk\u{1b}]0;pwned\u{7} Line\u{202e}enil";

fn hostile_dataset() -> Dataset {
    let text = include_str!("../../assets/demo.json")
        .replace(
            "\"Maersk Line\"",
            "\"Maersk\\u001b]0;pwned\\u0007 Line\\u202eenil\"",
        )
        .replace("\"maersk-q1-capacity\"", "\"q1-\\u200bcap\\u001b[2Jacity\"")
        .replace("\"Anders Holm\"", "\"An\\u2066ders\\u009b2J Holm\"")
        // A name of invisible characters only: it cannot be typed.
        .replace("\"Brightwater Freight\"", "\"\\u200b\\u2800\"")
        .replace(
            "\"studio@brandhaus.design\"",
            "\"stu\\u200fdio\\u001b[6n@brandhaus.design\"",
        );
    Dataset::from_json(&text).expect("the hostile data file parses")
}

async fn hostile_env() -> Env {
    Env::on_dataset(hostile_dataset()).await
}

/// Nothing a terminal would act on or hide.
fn assert_harmless(text: &str, what: &str) {
    for c in text.chars() {
        let bad = (c.is_control() && c != '\n')
            || ('\u{80}'..='\u{9F}').contains(&c)
            || ('\u{202A}'..='\u{202E}').contains(&c)
            || ('\u{2066}'..='\u{2069}').contains(&c)
            || ('\u{200B}'..='\u{200F}').contains(&c);
        assert!(!bad, "{what}: {c:?} got through:\n{text}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_command_prints_hostile_names_harmlessly() {
    let env = hostile_env().await;
    let commands: &[&[&str]] = &[
        &["list", "invites"],
        &["list", "requests"],
        &["list", "teams"],
        &["list", "channels"],
        &["list", "invites", "--filter", "maersk"],
        &["approve", "I0NBINV004", "--dry-run"],
        &["request", "deny", "I0NBREQ005", "--dry-run"],
        &[
            "disconnect",
            "channel",
            "C0NBCH0016",
            "--team",
            "T0MAERSK01",
            "--dry-run",
        ],
        &[
            "disconnect",
            "org",
            "T0MAERSK01",
            "--confirm-name",
            "x",
            "--dry-run",
        ],
        &["approve", "I0NBINV004", "--yes"],
        &["log"],
    ];
    for args in commands {
        let out = env.run(args).await;
        assert_harmless(&stdout(&out), &format!("{args:?} stdout"));
        assert_harmless(&stderr(&out), &format!("{args:?} stderr"));
    }
    let listed = stdout(&env.run(&["list", "teams"]).await);
    assert!(
        listed.contains("Maersk␛]0;pwned␇"),
        "shown, not acted on:\n{listed}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn json_keeps_the_exact_text_with_invisible_characters_escaped() {
    let env = hostile_env().await;
    for args in [&["list", "teams", "--json"][..], &["log", "--json"]] {
        if args[0] == "log" {
            let done = env.run(&["approve", "I0NBINV004", "--yes"]).await;
            assert_eq!(code(&done), 0, "{}", stderr(&done));
        }
        let out = env.run(args).await;
        assert_eq!(code(&out), 0, "{args:?}: {}", stderr(&out));
        let text = stdout(&out);
        assert_harmless(&text, &format!("{args:?}"));
        assert!(
            text.contains("\\u202e"),
            "{args:?}: the override is escaped:\n{text}"
        );
        let names: Vec<String> = text
            .lines()
            .map(|line| serde_json::from_str::<serde_json::Value>(line).unwrap())
            .filter_map(|v| {
                v.get("team_name")
                    .or_else(|| v.get("org"))
                    .and_then(|n| n.as_str())
                    .map(str::to_owned)
            })
            .collect();
        assert!(
            names.iter().any(|n| n == HOSTILE_ORG),
            "{args:?}: exact data: {names:?}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slacks_error_text_is_cleaned_and_cut_before_it_is_printed() {
    let hostile = format!("\u{1b}]0;pwned\u{7}\u{1b}[2J\u{202e}{}", "x".repeat(5000));
    let slack = fake(move |_| json(serde_json::json!({ "ok": false, "error": hostile }))).await;
    let state = tempfile::tempdir().unwrap();
    let state_home = state.path().to_owned();
    let output = tokio::task::spawn_blocking(move || {
        std::process::Command::new(BIN)
            .args(["list", "invites"])
            .env("SLACK_TOKEN", "xoxp-1-2-3-test")
            .env("SLACK_API_BASE", slack.base_url())
            .env("XDG_STATE_HOME", state_home)
            .env_remove("RUST_LOG")
            .output()
            .unwrap()
    })
    .await
    .unwrap();
    assert_ne!(code(&output), 0);
    let err = stderr(&output);
    assert_harmless(&err, "the error line");
    assert!(err.contains("␛]0;pwned␇"), "{err}");
    for line in err.lines() {
        assert!(
            line.chars().count() <= 1100,
            "a line of {} characters",
            line.chars().count()
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_org_whose_name_cannot_be_typed_is_confirmed_by_its_team_id() {
    let env = hostile_env().await;
    let by_name = env
        .run(&[
            "disconnect",
            "org",
            "T0BRTWTR01",
            "--confirm-name",
            "",
            "--dry-run",
        ])
        .await;
    assert_eq!(code(&by_name), 2);
    assert!(
        stderr(&by_name).contains("--confirm-name T0BRTWTR01"),
        "the hint names what to type: {}",
        stderr(&by_name)
    );
    let by_id = env
        .run(&[
            "disconnect",
            "org",
            "T0BRTWTR01",
            "--confirm-name",
            "T0BRTWTR01",
            "--dry-run",
        ])
        .await;
    assert_eq!(code(&by_id), 0, "{}", stderr(&by_id));
    assert!(stdout(&by_id).contains("team.externalTeams.disconnect"));
}
