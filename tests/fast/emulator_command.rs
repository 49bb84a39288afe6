//! `connect-triage emulator` as a process: its stdout contract, exit codes, signals.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use crate::common::BIN;

fn spawn(args: &[&str]) -> Child {
    Command::new(BIN)
        .arg("emulator")
        .args(args)
        .env_remove("SLACK_TOKEN")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary starts")
}

/// The first line, then the token lines (read until the count is reached).
fn banner(child: &mut Child, tokens: usize) -> (String, Vec<String>) {
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let first = lines.next().unwrap().unwrap();
    let rest = (0..tokens)
        .map(|_| lines.next().unwrap().unwrap())
        .collect();
    (first, rest)
}

fn terminate(child: &mut Child) -> std::process::ExitStatus {
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    for _ in 0..100 {
        if let Some(s) = child.try_wait().unwrap() {
            return s;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    child.kill().unwrap();
    panic!("the emulator did not stop on SIGTERM");
}

#[tokio::test]
async fn prints_its_address_and_tokens_then_serves_until_terminated() {
    let mut child = spawn(&[
        "--addr",
        "127.0.0.1:0",
        "--rate-limits",
        "off",
        "--seed",
        "4",
    ]);
    let (first, tokens) = banner(&mut child, 3);
    let base = first
        .strip_prefix("connect-triage emulator listening on http://127.0.0.1:")
        .and_then(|rest| rest.strip_suffix("/api/"))
        .unwrap_or_else(|| panic!("unexpected first line {first:?}"));
    let port: u16 = base.parse().expect("a port");
    assert_ne!(port, 0);
    for line in &tokens {
        assert!(line.starts_with("token xoxp-"), "{line}");
        assert!(line.contains(" scopes="), "{line}");
    }
    assert!(tokens[0].ends_with(
        "scopes=conversations.connect:manage,team:read,admin.conversations:read,admin.conversations:write,channels:read,groups:read"
    ));
    let token = tokens[0].split(' ').nth(1).unwrap();
    let body: serde_json::Value = reqwest::Client::new()
        .post(format!("http://127.0.0.1:{port}/api/auth.test"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(body["ok"], true);
    assert_eq!(body["team"], "Northbeam Logistics");
    let status = terminate(&mut child);
    assert!(status.success(), "{status:?}");
}

#[test]
fn same_seed_same_tokens() {
    let mut a = spawn(&["--seed", "8", "--generate", "invites=10,teams=3"]);
    let mut b = spawn(&["--seed", "8", "--generate", "invites=10,teams=3"]);
    let (_, ta) = banner(&mut a, 3);
    let (_, tb) = banner(&mut b, 3);
    assert_eq!(ta, tb);
    terminate(&mut a);
    terminate(&mut b);
}

#[test]
fn bad_specs_are_usage_errors() {
    for args in [
        &["--rate-limits", "fast"][..],
        &["--rate-limits", "scaled:0"],
        &["--faults", "rate=3"],
        &["--faults", "rate=0.1,kinds=explode"],
        &["--generate", "people=3"],
        &["--addr", "not-an-address"],
        &["--data", "/nonexistent/demo.json"],
    ] {
        let out = Command::new(BIN)
            .arg("emulator")
            .args(args)
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(2),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(out.stdout.is_empty(), "{args:?}");
        assert!(!out.stderr.is_empty(), "{args:?}");
    }
}
