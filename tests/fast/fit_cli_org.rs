//! `list` with an org-wide token covers every workspace of the org, each
//! `--json` line naming its workspace, and `--team` narrows it to one.

use std::collections::BTreeMap;

use connect_triage::emulator::{Dataset, GenerateSpec};

use crate::support::cli::*;

async fn org_env() -> Env {
    let spec: GenerateSpec = "invites=30,requests=9,teams=5,channels=6,workspaces=3"
        .parse()
        .unwrap();
    Env::on_dataset(Dataset::generate(&spec, 3, crate::common::NOW)).await
}

fn org_token(env: &Env) -> String {
    env.emu
        .tokens()
        .into_iter()
        .find(|t| t.is_org_level())
        .unwrap()
        .token
}

/// `team_id` → how many lines.
fn per_team(output: &std::process::Output) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for line in stdout(output).lines() {
        assert!(
            line.starts_with("{\"team_id\":\"T"),
            "team_id first: {line}"
        );
        let value: serde_json::Value = serde_json::from_str(line).unwrap();
        *counts
            .entry(value["team_id"].as_str().unwrap().to_owned())
            .or_default() += 1;
    }
    counts
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn list_json_with_an_org_token_covers_every_workspace() {
    let env = org_env().await;
    let org = org_token(&env);
    let output = env.run_as(&org, &["list", "invites", "--json"]).await;
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let counts = per_team(&output);
    assert_eq!(
        counts,
        BTreeMap::from([
            ("T0ACMEHQ01".to_owned(), 10),
            ("T0ACMEWS02".to_owned(), 10),
            ("T0ACMEWS03".to_owned(), 10)
        ])
    );
    let output = env
        .run_as(
            &org,
            &["list", "requests", "--json", "--team", "T0ACMEWS02"],
        )
        .await;
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let counts = per_team(&output);
    assert_eq!(counts.keys().collect::<Vec<_>>(), ["T0ACMEWS02"]);

    let output = env
        .run_as(&org, &["list", "invites", "--team", "T0ELSEWHERE"])
        .await;
    assert_eq!(code(&output), 2);
    let err = stderr(&output);
    assert!(err.contains("T0ACMEWS03 (Acme Americas)"), "{err}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_workspace_token_lists_as_before() {
    let env = org_env().await;
    let own = env
        .emu
        .tokens()
        .into_iter()
        .find(|t| t.team.as_deref() == Some("T0ACMEWS03") && !t.is_org_level())
        .unwrap()
        .token;
    let output = env.run_as(&own, &["list", "invites", "--json"]).await;
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 10);
    // Slack's element exactly, as for any one-workspace token.
    assert!(
        lines.iter().all(|l| l.starts_with("{\"direction\"")),
        "{text}"
    );
    let output = env
        .run_as(&own, &["list", "invites", "--team", "T0ACMEHQ01"])
        .await;
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output).contains("belongs to one workspace, T0ACMEWS03"),
        "{}",
        stderr(&output)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_decision_with_an_org_token_names_its_workspace() {
    let env = org_env().await;
    let org = org_token(&env);
    let listed = env
        .run_as(&org, &["list", "invites", "--json", "--team", "T0ACMEWS02"])
        .await;
    let ids: Vec<String> = stdout(&listed)
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["invite"]["id"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    // Without --team, the words list the workspaces, and nothing is sent.
    let output = env.run_as(&org, &["approve", &ids[0], "--yes"]).await;
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output)
            .contains("add --team T… (its workspaces: T0ACMEHQ01 (Acme Corp), T0ACMEWS02"),
        "{}",
        stderr(&output)
    );
    assert!(env.writes().is_empty());
    // The first invite of workspace 2 that waits on us.
    let mut chosen = None;
    for id in &ids {
        let dry = env
            .run_as(&org, &["approve", id, "--team", "T0ACMEWS02", "--dry-run"])
            .await;
        if code(&dry) == 0 {
            let text = stdout(&dry);
            assert!(
                text.contains("Workspace: Acme Europe (T0ACMEWS02)"),
                "{text}"
            );
            assert!(text.contains("team_id=T0ACMEWS02"), "{text}");
            chosen = Some(id.clone());
            break;
        }
    }
    let id = chosen.expect("an invite of workspace 2 waits on us");
    let output = env
        .run_as(&org, &["approve", &id, "--team", "T0ACMEWS02", "--yes"])
        .await;
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let writes = env.writes();
    assert_eq!(writes.len(), 1);
    assert!(writes[0].applied);
    let last = env.journal().pop().unwrap();
    assert_eq!(last.team_id.as_deref(), Some("T0ACMEWS02"));
    // Workspace 2 changed; the others' invites are all still there.
    for (team, left) in [("T0ACMEHQ01", 10), ("T0ACMEWS02", 9), ("T0ACMEWS03", 10)] {
        let output = env
            .run_as(&org, &["list", "invites", "--json", "--team", team])
            .await;
        assert_eq!(stdout(&output).lines().count(), left, "{team}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unreadable_workspace_is_named_and_the_others_still_list() {
    let env = Env::on_dataset(Dataset::demo_org()).await;
    let org = org_token(&env);
    let output = env.run_as(&org, &["list", "invites", "--json"]).await;
    assert_eq!(code(&output), 1, "the listing is incomplete");
    let counts = per_team(&output);
    assert_eq!(
        counts.keys().collect::<Vec<_>>(),
        ["T0NBFRT002", "T0NBHQ0001"],
        "the readable workspaces' invites all print"
    );
    let err = stderr(&output);
    assert!(
        err.contains("workspace Northbeam Labs (T0NBLAB003)") && err.contains("ekm_access_denied"),
        "{err}"
    );

    // `ws:` keeps one workspace, by a word of its name.
    let output = env
        .run_as(
            &org,
            &[
                "list",
                "invites",
                "--json",
                "--team",
                "T0NBFRT002",
                "--filter",
                "ws:freight",
            ],
        )
        .await;
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert_eq!(
        per_team(&output),
        BTreeMap::from([("T0NBFRT002".to_owned(), 5)])
    );
    let output = env
        .run_as(
            &org,
            &[
                "list",
                "invites",
                "--json",
                "--team",
                "T0NBFRT002",
                "--filter",
                "ws:logistics",
            ],
        )
        .await;
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(stdout(&output).is_empty(), "{}", stdout(&output));
}
