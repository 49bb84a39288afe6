//! `connect-triage emulator`: the app-token line and `--activity`.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use connect_triage::emulator::{Dataset, EmulatorConfig};

use super::Sock;
use crate::support::emulator::*;

#[test]
fn the_command_prints_the_app_token_after_the_tokens() {
    let mut child = Command::new(crate::common::BIN)
        .args(["emulator", "--seed", "4", "--activity", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut read = || lines.next().unwrap().unwrap();
    assert!(read().starts_with("connect-triage emulator listening on http://127.0.0.1:"));
    for _ in 0..3 {
        assert!(read().starts_with("token xoxp-"));
    }
    let app = read();
    child.kill().unwrap();
    let _ = child.wait();
    let token = app
        .strip_prefix("app-token ")
        .and_then(|rest| rest.strip_suffix(" scopes=connections:write"))
        .unwrap_or_else(|| panic!("unexpected line {app:?}"));
    assert!(token.starts_with("xapp-1-A0EMU0APP1-"), "{token}");
    let rt = tokio::runtime::Runtime::new().unwrap();
    let same = rt.block_on(async {
        let mut config = EmulatorConfig::new(Dataset::demo());
        config.seed = 4;
        start_with(config).await.app_token()
    });
    assert_eq!(token, same, "fixed per seed");
    for bad in ["-1", "NaN", "100000"] {
        let out = Command::new(crate::common::BIN)
            .args(["emulator", &format!("--activity={bad}")])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "--activity {bad}");
    }
}

#[tokio::test]
async fn activity_on_the_command_line_changes_things_and_says_so_on_the_socket() {
    let mut child = Command::new(crate::common::BIN)
        .args(["emulator", "--seed", "3", "--activity", "600"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let first = lines.next().unwrap().unwrap();
    let base = first.rsplit(' ').next().unwrap().to_owned();
    let app = lines.nth(3).unwrap().unwrap();
    let app = app.split(' ').nth(1).unwrap().to_owned();
    let opened: serde_json::Value = reqwest::Client::new()
        .post(format!("{base}apps.connections.open"))
        .bearer_auth(&app)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let mut sock = Sock::connect(opened["url"].as_str().unwrap()).await;
    let envelope = sock.hello_then_envelope().await;
    child.kill().unwrap();
    let _ = child.wait();
    assert_eq!(envelope["type"], "events_api");
    assert!(
        envelope["payload"]["event"]["type"]
            .as_str()
            .unwrap()
            .starts_with("shared_channel_invite_"),
        "{envelope}"
    );
}
