//! The emulator as an Enterprise org of several workspaces: an org-level
//! token that must name a workspace (`team_id`) where Slack says so, can't
//! reach a workspace it was not granted, lists its workspaces with
//! `auth.teams.list`, and has a rate budget per workspace; workspace tokens
//! see their own workspace and ignore `team_id`.

use connect_triage::emulator::{Dataset, EmulatorConfig, GenerateSpec, RateLimitMode, TokenSpec};
use serde_json::Value;

use crate::common::NOW;
use crate::support::emulator::*;

const WORKSPACES: [&str; 3] = ["T0ACMEHQ01", "T0ACMEWS02", "T0ACMEWS03"];

fn org_spec() -> GenerateSpec {
    "invites=30,requests=9,teams=5,channels=6,workspaces=3"
        .parse()
        .unwrap()
}

async fn start_org(rate_limits: RateLimitMode) -> connect_triage::emulator::RunningEmulator {
    let mut config = EmulatorConfig::new(Dataset::generate(&org_spec(), 3, NOW));
    config.fixed_now = Some(NOW);
    config.rate_limits = rate_limits;
    start_with(config).await
}

fn token_where(
    emu: &connect_triage::emulator::RunningEmulator,
    keep: impl Fn(&TokenSpec) -> bool,
) -> String {
    emu.tokens()
        .into_iter()
        .find(keep)
        .expect("such a token")
        .token
}

fn org_token(emu: &connect_triage::emulator::RunningEmulator) -> String {
    token_where(emu, TokenSpec::is_org_level)
}

async fn invite_ids(
    emu: &connect_triage::emulator::RunningEmulator,
    token: &str,
    team: &str,
) -> Vec<String> {
    let r = call(
        emu,
        "conversations.listConnectInvites",
        token,
        &[("team_id", team), ("count", "500")],
    )
    .await;
    assert_eq!(r.body["ok"], true, "{}", r.body);
    ids(&r.body["invites"], "/invite/id")
}

#[tokio::test]
async fn the_org_token_comes_first_and_answers_as_an_org_install() {
    let emu = start_org(RateLimitMode::Off).await;
    let tokens = emu.tokens();
    assert!(tokens[0].is_org_level());
    let lines: Vec<String> = tokens.iter().map(TokenSpec::banner_line).collect();
    assert!(lines[0].ends_with(" level=org"), "{}", lines[0]);
    for team in WORKSPACES {
        assert!(
            lines
                .iter()
                .any(|l| l.ends_with(&format!(" level=workspace team={team}"))),
            "{lines:?}"
        );
    }
    // Still `token TOKEN scopes=…` to a script that reads only that.
    assert!(
        lines
            .iter()
            .all(|l| l.starts_with("token xox") && l.contains(" scopes="))
    );
    let r = call(&emu, "auth.test", &tokens[0].token, &[]).await;
    assert_eq!(r.body["is_enterprise_install"], true);
    assert_eq!(r.body["enterprise_id"], "E0ACMEORG1");
}

#[tokio::test]
async fn an_org_token_must_name_a_workspace_it_was_granted() {
    let emu = start_org(RateLimitMode::Off).await;
    let org = org_token(&emu);
    for method in ["conversations.listConnectInvites", "conversations.list"] {
        let r = call(&emu, method, &org, &[]).await;
        assert_eq!(r.body["error"], "missing_argument", "{method}: {}", r.body);
        assert_eq!(r.body["arg"], "team_id");
    }
    let r = call(
        &emu,
        "conversations.listConnectInvites",
        &org,
        &[("team_id", "T0NOTOURS")],
    )
    .await;
    assert_eq!(r.body["error"], "team_access_not_granted");
    // Each workspace has its own invites; together they are all 30.
    let mut all = Vec::new();
    for team in WORKSPACES {
        let ids = invite_ids(&emu, &org, team).await;
        assert_eq!(ids.len(), 10, "{team}");
        all.extend(ids);
    }
    all.sort();
    all.dedup();
    assert_eq!(all.len(), 30);
}

#[tokio::test]
async fn a_workspace_token_sees_its_own_workspace_and_ignores_team_id() {
    let emu = start_org(RateLimitMode::Off).await;
    let org = org_token(&emu);
    let second = token_where(&emu, |t| t.team.as_deref() == Some("T0ACMEWS02"));
    let own = invite_ids(&emu, &org, "T0ACMEWS02").await;
    assert_eq!(invite_ids(&emu, &second, "T0ACMEHQ01").await, own);
    let r = call(&emu, "auth.test", &second, &[]).await;
    assert_eq!(r.body["team_id"], "T0ACMEWS02");
    assert_eq!(r.body["is_enterprise_install"], false);
    // An invite of another workspace is not there for it to decide.
    let elsewhere = &invite_ids(&emu, &org, "T0ACMEWS03").await[0];
    let r = call(
        &emu,
        "conversations.declineSharedInvite",
        &second,
        &[("invite_id", elsewhere)],
    )
    .await;
    assert_eq!(r.body["error"], "invite_not_found", "{}", r.body);
}

#[tokio::test]
async fn auth_teams_list_pages_through_the_workspaces_granted() {
    let json = r#"{
        "self": {"team_id": "T1", "team": "One", "enterprise_id": "E1"},
        "workspaces": [
            {"id": "T2", "name": "Two", "invite_requests": []},
            {"id": "T3", "name": "Three"}
        ],
        "tokens": [
            {"token": "xoxp-org", "scopes": ["conversations.connect:manage"], "level": "org", "teams": ["T1", "T2"]}
        ]
    }"#;
    let emu = start_json(json, NOW).await;
    let mut names = Vec::new();
    let mut cursor = String::new();
    for _ in 0..5 {
        let mut form = vec![("limit", "1")];
        if !cursor.is_empty() {
            form.push(("cursor", cursor.as_str()));
        }
        let r = call(&emu, "auth.teams.list", "xoxp-org", &form).await;
        let teams = r.body["teams"].as_array().unwrap().clone();
        names.extend(teams.iter().map(|t| t["name"].as_str().unwrap().to_owned()));
        cursor = r.body["response_metadata"]["next_cursor"]
            .as_str()
            .unwrap()
            .to_owned();
        if cursor.is_empty() {
            break;
        }
    }
    assert_eq!(names, ["One", "Two"], "T3 was not granted");
    let r = call(
        &emu,
        "conversations.listConnectInvites",
        "xoxp-org",
        &[("team_id", "T3")],
    )
    .await;
    assert_eq!(r.body["error"], "team_access_not_granted");
    let r = call(
        &emu,
        "conversations.listConnectInvites",
        "xoxp-org",
        &[("team_id", "T2")],
    )
    .await;
    assert_eq!(r.body["ok"], true);
}

#[tokio::test]
async fn rate_limits_count_per_method_per_workspace() {
    let emu = start_org(RateLimitMode::Real).await;
    let org = org_token(&emu);
    let list = |team: &'static str| {
        let (emu, org) = (&emu, org.clone());
        async move {
            call(
                emu,
                "conversations.listConnectInvites",
                &org,
                &[("team_id", team)],
            )
            .await
        }
    };
    // Tier 1: one a minute, in each workspace.
    assert_eq!(list("T0ACMEHQ01").await.status, 200);
    assert_eq!(list("T0ACMEHQ01").await.status, 429);
    for team in ["T0ACMEWS02", "T0ACMEWS03"] {
        let r = list(team).await;
        assert_eq!(
            (r.status, r.body["ok"].clone()),
            (200, Value::Bool(true)),
            "{team}"
        );
    }
}

#[tokio::test]
async fn each_workspace_lists_the_channels_it_is_in() {
    let emu = start_org(RateLimitMode::Off).await;
    let org = org_token(&emu);
    let mut seen = std::collections::BTreeSet::new();
    for team in WORKSPACES {
        let r = call(
            &emu,
            "conversations.list",
            &org,
            &[
                ("team_id", team),
                ("types", "public_channel,private_channel"),
            ],
        )
        .await;
        assert_eq!(r.body["ok"], true, "{}", r.body);
        let channels = r.body["channels"].as_array().unwrap();
        assert!(!channels.is_empty(), "{team}");
        seen.extend(
            channels
                .iter()
                .map(|c| c["id"].as_str().unwrap().to_owned()),
        );
        // The org's admin search, narrowed to the workspace, agrees.
        let r = call(
            &emu,
            "admin.conversations.search",
            &org,
            &[("team_ids", team), ("limit", "20")],
        )
        .await;
        let found = r.body["conversations"].as_array().unwrap();
        assert!(!found.is_empty(), "{team}: {}", r.body);
        for channel in found {
            let internal = channel["internal_team_ids"].as_array().unwrap();
            assert!(internal.iter().any(|t| t == team), "{channel}");
        }
    }
    assert_eq!(seen.len(), 6, "every channel is in some workspace");
}

#[tokio::test]
async fn a_workspace_that_refuses_is_listed_but_every_call_naming_it_fails() {
    let json = r#"{
        "self": {"team_id": "T1", "team": "One", "enterprise_id": "E1"},
        "workspaces": [
            {"id": "T2", "name": "Two", "refuses": "ekm_access_denied"}
        ],
        "tokens": [
            {"token": "xoxp-org", "scopes": ["conversations.connect:manage"], "level": "org"}
        ]
    }"#;
    let emu = start_json(json, NOW).await;
    let r = call(&emu, "auth.teams.list", "xoxp-org", &[]).await;
    let ids: Vec<&str> = r.body["teams"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["T1", "T2"], "granted, so listed");
    for method in [
        "conversations.listConnectInvites",
        "conversations.requestSharedInvite.list",
    ] {
        let r = call(&emu, method, "xoxp-org", &[("team_id", "T2")]).await;
        assert_eq!(r.body["error"], "ekm_access_denied", "{method}: {}", r.body);
        let r = call(&emu, method, "xoxp-org", &[("team_id", "T1")]).await;
        assert_eq!(r.body["ok"], true, "{method}: {}", r.body);
    }
}
