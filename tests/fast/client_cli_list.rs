//! `connect-triage list ...` as a user runs it: the real binary against an
//! emulator on loopback.

use std::path::Path;
use std::process::{Command, Output};

use crate::support::cli::{BIN, stderr, stdout};
use crate::support::emu::*;
use connect_triage::emulator::{Dataset, RunningEmulator};

/// Run the binary with `args`, the token in the environment (never in argv).
async fn run(token: Option<&str>, args: &[&str]) -> Output {
    let mut command = Command::new(BIN);
    command
        .args(args)
        .env_remove("SLACK_TOKEN")
        .env_remove("SLACK_API_BASE");
    if let Some(token) = token {
        command.env("SLACK_TOKEN", token);
    }
    tokio::task::spawn_blocking(move || command.output().expect("the binary runs"))
        .await
        .unwrap()
}

async fn list(emu: &RunningEmulator, token: Option<&str>, args: &[&str]) -> Output {
    let base = emu.base_url();
    let mut all = vec!["--api-base", base.as_str(), "list"];
    all.extend_from_slice(args);
    run(token, &all).await
}

/// A demo org whose first inviting org names itself with terminal tricks.
fn hostile_demo() -> Dataset {
    let mut data = Dataset::demo();
    let invite = &mut data.invites[0];
    let team = match invite.invite.as_mut() {
        Some(detail) if detail.inviting_team.is_some() => detail.inviting_team.as_mut(),
        _ => invite.inviting_team.as_mut(),
    }
    .expect("the first demo invite names its inviting team");
    team.name = Some("Evil\u{1b}[2J\u{1b}]0;pwned\u{7}\u{202E}Corp\n".into());
    data
}

/// The binary paces to Slack's real tiers (listConnectInvites: one call a
/// minute), so the multi-page case here is a Tier 2 list.
#[tokio::test]
async fn json_lists_every_item_in_slacks_shape() {
    let emu = start(generated("invites=450,teams=60")).await;
    let token = emu.admin_token();
    let snapshot = emu.snapshot();
    let mut first_invite = None;
    for (kind, expected) in [
        ("invites", snapshot.invites.len()),
        ("teams", snapshot.orgs.len()),
    ] {
        let out = list(&emu, Some(token.expose()), &[kind, "--json"]).await;
        assert!(out.status.success(), "{kind}: {}", stderr(&out));
        let lines: Vec<serde_json::Value> = stdout(&out)
            .lines()
            .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
            .collect();
        assert_eq!(lines.len(), expected, "{kind}");
        assert!(lines.iter().all(serde_json::Value::is_object));
        if kind == "invites" {
            first_invite = lines.into_iter().next();
        }
    }
    assert_eq!(logged(&emu, "team.externalTeams.list").len(), 3);
    let first = first_invite.unwrap();
    assert!(
        first["invite"]["id"].as_str().unwrap().starts_with('I'),
        "{first}"
    );
}

#[tokio::test]
async fn tables_are_aligned_and_free_of_terminal_tricks() {
    let emu = start(hostile_demo()).await;
    let token = emu.admin_token();
    for kind in ["invites", "requests", "teams", "channels"] {
        let out = list(&emu, Some(token.expose()), &[kind]).await;
        assert!(out.status.success(), "{kind}: {}", stderr(&out));
        let text = stdout(&out);
        let mut lines = text.lines();
        let header = lines.next().unwrap();
        assert!(
            header.starts_with("ID") || header.starts_with("TEAM"),
            "{header}"
        );
        assert!(lines.count() > 3, "{kind}: rows follow the header");
        let bad: Vec<char> = text
            .chars()
            .filter(|c| (c.is_control() && *c != '\n') || ('\u{202A}'..='\u{202E}').contains(c))
            .collect();
        assert!(bad.is_empty(), "{kind}: {bad:?}");
    }
    let out = list(&emu, Some(token.expose()), &["invites"]).await;
    // The same sanitizer as the TUI: every trick is shown, none is obeyed.
    assert!(
        stdout(&out).contains("Evil␛[2J␛]0;pwned␇\u{FFFD}Corp␊"),
        "{}",
        stdout(&out)
    );
    // JSON keeps Slack's text as it was, escaped.
    let json = list(&emu, Some(token.expose()), &["invites", "--json"]).await;
    assert!(stdout(&json).contains("\\u001b[2J"));
}

#[tokio::test]
async fn without_a_token_it_explains_how_to_get_one() {
    let emu = start(generated("teams=1")).await;
    let out = list(&emu, None, &["invites"]).await;
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("SLACK_TOKEN") && err.contains("--token-file"),
        "{err}"
    );
    assert!(err.contains("connect-triage emulator"), "{err}");
}

#[tokio::test]
async fn plain_http_to_another_host_is_refused() {
    let out = run(
        Some("xoxp-1"),
        &["--api-base", "http://example.com/api/", "list", "teams"],
    )
    .await;
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("plain http"));
}

#[cfg(unix)]
#[tokio::test]
async fn token_files_must_be_private() {
    use std::os::unix::fs::PermissionsExt;
    let emu = start(generated("teams=3")).await;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("token");
    std::fs::write(&path, format!("{}\n", emu.admin_token().expose())).unwrap();
    let file = path.to_str().unwrap();
    let set_mode = |p: &Path, mode| {
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap()
    };

    set_mode(&path, 0o644);
    let out = list(&emu, None, &["--token-file", file, "teams"]).await;
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("chmod 600"));

    set_mode(&path, 0o600);
    let out = list(&emu, None, &["--token-file", file, "teams"]).await;
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out).lines().count(), 1 + 3);
}

#[tokio::test]
async fn slack_errors_exit_1_with_the_scope_needed() {
    let emu = start(generated("teams=2")).await;
    let manage_only = token_with_scopes(&emu, &["conversations.connect:manage"]);
    let out = list(&emu, Some(manage_only.expose()), &["teams"]).await;
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("missing_scope") && err.contains("team:read"),
        "{err}"
    );
    assert!(!err.contains(manage_only.expose()));
}

#[tokio::test]
async fn channels_fall_back_and_say_so() {
    let emu = start(Dataset::demo()).await;
    let limited = token_with_scopes(
        &emu,
        &[
            "conversations.connect:manage",
            "team:read",
            "channels:read",
            "groups:read",
        ],
    );
    let out = list(&emu, Some(limited.expose()), &["channels"]).await;
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("listing with conversations.list instead"));
    assert!(stdout(&out).lines().count() > 1);
}
