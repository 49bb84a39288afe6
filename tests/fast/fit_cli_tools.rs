//! The rest of the command line: `list --json --filter` with the TUI's
//! filter, shell completions, the manual page and `config`.

use std::process::Command;

use crate::support::cli::*;
use connect_triage::config::Config;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn list_json_takes_the_tui_filter() {
    let env = Env::demo().await;
    let out = env
        .run(&["list", "invites", "--json", "--filter", "maersk -capacity"])
        .await;
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let lines: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    assert!(!lines.is_empty());
    for invite in &lines {
        let text = invite.to_string().to_lowercase();
        assert!(
            text.contains("maersk") && !text.contains("capacity"),
            "{text}"
        );
    }
    // The same filter the TUI applies, item by item.
    let all = env.run(&["list", "invites", "--json"]).await;
    let expected = stdout(&all)
        .lines()
        .filter(|l| {
            let invite: connect_triage::slack::models::ConnectInvite =
                serde_json::from_str(l).unwrap();
            let filter = connect_triage::model::filter::Filter::parse("maersk -capacity");
            filter.matches(&connect_triage::model::filter::invite_fields(
                &invite,
                &["E0NBORG001", "T0NBHQ0001"],
            ))
        })
        .count();
    assert_eq!(lines.len(), expected);
    // A leading `-` is a filter, not a flag.
    let out = env
        .run(&["list", "teams", "--json", "--filter", "-CONNECTED"])
        .await;
    assert_eq!(code(&out), 0, "{}", stderr(&out));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn completions_man_and_the_default_config() {
    let env = Env::demo().await;
    for shell in ["bash", "zsh", "fish"] {
        let out = env.run(&["completions", shell]).await;
        assert_eq!(code(&out), 0);
        let text = stdout(&out);
        // fish spells long options `-l dry-run`.
        for word in [
            "approve",
            "disconnect",
            "dry-run",
            "confirm-name",
            "--filter",
        ] {
            let word = if shell == "fish" {
                word.trim_start_matches('-')
            } else {
                word
            };
            assert!(text.contains(word), "{shell} completions lack {word}");
        }
    }
    let out = env.run(&["man"]).await;
    assert_eq!(code(&out), 0);
    let roff = stdout(&out);
    assert!(roff.starts_with(".ie") || roff.starts_with(".TH"), "{roff}");
    for section in [
        ".SH EXIT STATUS",
        ".SH ENVIRONMENT",
        "CONNECT\\-TRIAGE REQUEST DENY",
        "CONNECT\\-TRIAGE DISCONNECT ORG",
    ] {
        assert!(roff.contains(section), "the page lacks {section}");
    }
    if let Some(text) = groff(&roff) {
        assert!(text.contains("EXIT STATUS"), "{text}");
        assert!(text.contains("--confirm-name"), "{text}");
    }
    let out = env.run(&["config", "--print-default"]).await;
    assert_eq!(code(&out), 0);
    let (config, warnings) = Config::parse(&stdout(&out));
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(config, Config::default());
}

/// The page as `man` would show it, when groff is installed.
fn groff(roff: &str) -> Option<String> {
    use std::io::Write;
    let mut child = Command::new("groff")
        .args(["-man", "-Tutf8", "-P-c"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .ok()?;
    child.stdin.take()?.write_all(roff.as_bytes()).ok()?;
    let out = child.wait_with_output().ok()?;
    // Bold and underline come as overstrikes: `X\bX`, `_\bX`.
    let mut text = String::new();
    for c in String::from_utf8_lossy(&out.stdout).chars() {
        if c == '\u{8}' {
            text.pop();
        } else {
            text.push(c);
        }
    }
    // A clean page: groff says nothing on stderr.
    assert_eq!(String::from_utf8_lossy(&out.stderr), "", "groff warned");
    out.status.success().then_some(text)
}
