//! `EmulatorConfig::generated` (what `--generate` starts): the org taken
//! in while it is made answers byte for byte as the same org made whole.

use crate::support::emulator::*;
use connect_triage::cli::DataArgs;
use connect_triage::commands::emulator::config_from_data;
use connect_triage::emulator::{Dataset, EmulatorConfig, GenerateSpec, RunningEmulator};
use serde_json::Value;

/// Every page of `method`, as the emulator wrote it, following the cursors.
async fn every_page(emu: &RunningEmulator, method: &str, args: &[(&str, &str)]) -> Vec<String> {
    let client = reqwest::Client::new();
    let token = admin(emu);
    let mut pages = Vec::new();
    let mut cursor = String::new();
    loop {
        let mut form = args.to_vec();
        if !cursor.is_empty() {
            form.push(("cursor", cursor.as_str()));
        }
        let text = client
            .post(format!("{}{method}", emu.base_url()))
            .bearer_auth(&token)
            .form(&form)
            .send()
            .await
            .expect("request sent")
            .text()
            .await
            .expect("an answer");
        let body: Value = serde_json::from_str(&text).expect("a JSON answer");
        assert_eq!(body["ok"], true, "{method}: {text}");
        // admin.conversations.search puts its cursor at the top level.
        cursor = body["response_metadata"]["next_cursor"]
            .as_str()
            .or(body["next_cursor"].as_str())
            .unwrap_or_default()
            .to_owned();
        pages.push(text);
        if cursor.is_empty() {
            return pages;
        }
    }
}

/// `teams`: the workspaces to list, one at a time, for an org-wide token.
async fn assert_answers_as_made_whole(spec: &str, seed: u64, teams: &[&str]) {
    let spec: GenerateSpec = spec.parse().unwrap();
    let mut whole = EmulatorConfig::new(Dataset::generate(&spec, seed, NOW));
    whole.seed = seed;
    let mut streamed = EmulatorConfig::generated(spec, seed, NOW);
    whole.fixed_now = Some(NOW);
    streamed.fixed_now = Some(NOW);
    let whole = start_with(whole).await;
    let streamed = start_with(streamed).await;
    assert_eq!(whole.tokens(), streamed.tokens());
    for (method, size) in [
        ("auth.test", ("limit", "1")),
        ("auth.teams.list", ("limit", "1000")),
        ("conversations.listConnectInvites", ("count", "500")),
        ("conversations.requestSharedInvite.list", ("limit", "400")),
        ("team.externalTeams.list", ("limit", "25")),
        ("admin.conversations.search", ("limit", "20")),
    ] {
        let mut each_team: Vec<Vec<(&str, &str)>> =
            teams.iter().map(|t| vec![size, ("team_id", *t)]).collect();
        if each_team.is_empty() {
            each_team.push(vec![size]);
        }
        for args in &each_team {
            let made_whole = every_page(&whole, method, args).await;
            let taken_in = every_page(&streamed, method, args).await;
            assert_eq!(made_whole.len(), taken_in.len(), "{method} {args:?}: pages");
            for (n, (a, b)) in made_whole.iter().zip(&taken_in).enumerate() {
                assert!(a == b, "{method} {args:?}: page {n} differs:\n{a}\n{b}");
            }
        }
    }
    assert_eq!(whole.snapshot(), streamed.snapshot());
}

#[tokio::test]
async fn a_generated_org_taken_in_batch_by_batch_answers_as_the_whole_one() {
    // More invites and requests than one batch, so batches meet in both.
    assert_answers_as_made_whole("invites=2500,requests=1300,teams=60,channels=300", 5, &[]).await;
}

#[tokio::test]
async fn a_generated_enterprise_org_answers_as_the_whole_one() {
    assert_answers_as_made_whole(
        "invites=400,requests=90,teams=12,channels=40,workspaces=3",
        3,
        &["T0ACMEHQ01", "T0ACMEWS02", "T0ACMEWS03"],
    )
    .await;
}

#[test]
fn generate_makes_the_org_as_it_is_taken_in() {
    let data = DataArgs {
        data: None,
        generate: Some("invites=10,teams=2".into()),
        seed: 4,
        org: false,
        activity: None,
    };
    let config = config_from_data(&data, NOW).unwrap();
    assert_eq!(config.seed, 4);
    // Made whole, 100,000 invites' wire data set was most of the emulator's peak memory.
    assert_eq!(config.dataset, Dataset::default(), "nothing made up front");
    assert!(config.generated.is_some());
}
