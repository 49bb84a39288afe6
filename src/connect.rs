//! Where to reach Slack and with which token (DESIGN.md §2).

use std::net::IpAddr;
use std::path::Path;

use crate::cli::{GlobalArgs, Pace};
use crate::exit::UsageError;
use crate::slack::{ClientOptions, SlackClient, Token, Tuning};

/// Slack's real Web API.
pub const DEFAULT_API_BASE: &str = "https://slack.com/api/";

/// The API base to use: `flag` (clap already folds in `$SLACK_API_BASE`), or Slack's.
///
/// Plain `http://` would send the token in clear text, so it is only allowed
/// to this machine (the emulator).
pub fn resolve_api_base(flag: Option<&str>) -> Result<String, UsageError> {
    let raw = flag.map(str::trim).filter(|s| !s.is_empty());
    let Some(raw) = raw else {
        return Ok(DEFAULT_API_BASE.to_owned());
    };
    let url = url::Url::parse(raw).map_err(|e| {
        UsageError::new(format!(
            "--api-base {raw:?} is not a URL ({e}); expected something like {DEFAULT_API_BASE}"
        ))
    })?;
    match url.scheme() {
        "https" => {}
        "http" if is_loopback(&url) => {}
        "http" => {
            return Err(UsageError::new(format!(
                "--api-base {raw:?} uses plain http to another machine, which would send \
                 the token unencrypted; use https, or http only to 127.0.0.1, ::1 or localhost"
            )));
        }
        other => {
            return Err(UsageError::new(format!(
                "--api-base {raw:?} has scheme {other:?}; use an https:// URL"
            )));
        }
    }
    if url.host().is_none() {
        return Err(UsageError::new(format!("--api-base {raw:?} has no host")));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(UsageError::new(format!(
            "--api-base must not carry a user name or password; the token comes from \
             $SLACK_TOKEN or --token-file (got {:?})",
            url.host_str().unwrap_or_default()
        )));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(UsageError::new(format!(
            "--api-base {raw:?} must not have a query or fragment; method names are appended to it"
        )));
    }
    let mut base = url.to_string();
    if !base.ends_with('/') {
        base.push('/');
    }
    Ok(base)
}

/// Whether `api_base` is on this machine (an emulator, never real Slack).
pub fn is_loopback_base(api_base: &str) -> bool {
    url::Url::parse(api_base).is_ok_and(|url| is_loopback(&url))
}

fn is_loopback(url: &url::Url) -> bool {
    match url.host() {
        Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        Some(url::Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
        None => false,
    }
}

/// What a scripted command says when there is no token.
pub const NO_TOKEN: &str = "no Slack token: set SLACK_TOKEN, or pass --token-file PATH \
    (a file only you can read). To try the tool without Slack, run \
    `connect-triage emulator` and use the token and address it prints \
    (SLACK_TOKEN=... connect-triage --api-base http://127.0.0.1:PORT/api/ list invites)";

/// The client of a scripted command (`list`, the decisions): the API base
/// and the token from the flags or the environment, which it needs.
pub fn script_client(global: &GlobalArgs) -> anyhow::Result<SlackClient> {
    let api_base = resolve_api_base(global.api_base.as_deref())?;
    let token =
        load_token(global.token_file.as_deref())?.ok_or_else(|| UsageError::new(NO_TOKEN))?;
    client(global.pace, &api_base, token)
}

/// A client for `api_base` paced as `--pace` says.
pub fn client(pace: Pace, api_base: &str, token: Token) -> anyhow::Result<SlackClient> {
    let (options, tuning) = pacing(pace, api_base)?;
    Ok(SlackClient::with_tuning(api_base, token, options, tuning)?)
}

/// The client settings for `--pace`. `scaled` and `off` are refused unless
/// `api_base` is a loopback address: against Slack itself, going faster
/// than its tiers only earns 429s and, in the end, a blocked app.
pub fn pacing(pace: Pace, api_base: &str) -> Result<(ClientOptions, Tuning), UsageError> {
    if pace.needs_loopback() && !is_loopback_base(api_base) {
        return Err(UsageError::new(format!(
            "--pace {pace} is only for a local emulator (an --api-base on 127.0.0.1, ::1 or \
             localhost), and {api_base} is not one; Slack itself is always paced to its own \
             rate limits (--pace real)"
        )));
    }
    let options = ClientOptions {
        pace: pace != Pace::Off,
        ..ClientOptions::default()
    };
    let tuning = match pace {
        Pace::Scaled(n) => Tuning::scaled(n),
        Pace::Real | Pace::Off => Tuning::default(),
    };
    Ok((options, tuning))
}

/// The token: from `--token-file` when given, else `$SLACK_TOKEN`; `None` when neither is set.
pub fn load_token(token_file: Option<&Path>) -> Result<Option<Token>, UsageError> {
    load_token_from(token_file, std::env::var("SLACK_TOKEN").ok())
}

/// [`load_token`] with the environment passed in, so tests need not change the process's.
pub fn load_token_from(
    token_file: Option<&Path>,
    env_token: Option<String>,
) -> Result<Option<Token>, UsageError> {
    if let Some(path) = token_file {
        return read_token_file(path).map(Some);
    }
    let Some(token) = env_token.map(|t| t.trim().to_owned()) else {
        return Ok(None);
    };
    if token.is_empty() {
        return Ok(None);
    }
    check_token_text(&token, "$SLACK_TOKEN")?;
    Ok(Some(Token::new(token)))
}

/// The Socket Mode app-level token: from `--app-token-file` when given,
/// else `$SLACK_APP_TOKEN`; `None` when neither is set (the TUI then polls).
/// The same rules as the token hold: a private file, one line, never shown.
pub fn load_app_token(app_token_file: Option<&Path>) -> Result<Option<Token>, UsageError> {
    load_app_token_from(app_token_file, std::env::var("SLACK_APP_TOKEN").ok())
}

/// [`load_app_token`] with the environment passed in.
pub fn load_app_token_from(
    app_token_file: Option<&Path>,
    env_token: Option<String>,
) -> Result<Option<Token>, UsageError> {
    let (token, source) = match app_token_file {
        Some(path) => (
            read_token_file(path)?,
            format!("the app token file {}", path.display()),
        ),
        None => {
            let Some(text) = env_token
                .map(|t| t.trim().to_owned())
                .filter(|t| !t.is_empty())
            else {
                return Ok(None);
            };
            check_token_text(&text, "$SLACK_APP_TOKEN")?;
            (Token::new(text), "$SLACK_APP_TOKEN".to_owned())
        }
    };
    if !token.expose().starts_with("xapp-") {
        return Err(UsageError::new(format!(
            "the token in {source} is not an app-level token: those start with xapp- \
             (made in the app's Basic Information, App-Level Tokens, with the \
             connections:write scope); the bot or user token goes in SLACK_TOKEN"
        )));
    }
    Ok(Some(token))
}

/// A token goes into an HTTP header, so only visible ASCII can be sent:
/// anything else is a pasting mistake, said before any call (exit 2), and
/// without a character of the token in the words.
fn check_token_text(token: &str, source: &str) -> Result<(), UsageError> {
    match token.chars().position(|c| !c.is_ascii_graphic()) {
        None => Ok(()),
        Some(at) => Err(UsageError::new(format!(
            "the token in {source} holds a space, a control character or a non-ASCII \
             character (character {} of {}); a Slack token is letters, digits and dashes, \
             like xoxb-…, on one line",
            at + 1,
            token.chars().count()
        ))),
    }
}

/// Slack's tokens are under 300 characters; a bigger file is not one.
const MAX_TOKEN_FILE_BYTES: u64 = 4096;

fn read_token_file(path: &Path) -> Result<Token, UsageError> {
    use std::io::Read;
    let shown = path.display();
    let metadata = std::fs::metadata(path)
        .map_err(|e| UsageError::new(format!("cannot read the token file {shown}: {e}")))?;
    if !metadata.is_file() {
        return Err(UsageError::new(format!(
            "the token file {shown} is not a regular file"
        )));
    }
    check_private(path, &metadata)?;
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|file| file.take(MAX_TOKEN_FILE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| UsageError::new(format!("cannot read the token file {shown}: {e}")))?;
    if bytes.len() as u64 > MAX_TOKEN_FILE_BYTES {
        return Err(UsageError::new(format!(
            "the token file {shown} is larger than a token file can be ({MAX_TOKEN_FILE_BYTES} bytes); \
             it must hold only the token, on one line"
        )));
    }
    let text = String::from_utf8_lossy(&bytes);
    let token = text.trim();
    if token.is_empty() {
        return Err(UsageError::new(format!("the token file {shown} is empty")));
    }
    if token.chars().any(char::is_whitespace) {
        return Err(UsageError::new(format!(
            "the token file {shown} must hold only the token, on one line"
        )));
    }
    check_token_text(token, &format!("the token file {shown}"))?;
    Ok(Token::new(token))
}

#[cfg(unix)]
fn check_private(path: &Path, metadata: &std::fs::Metadata) -> Result<(), UsageError> {
    use std::os::unix::fs::PermissionsExt;
    let mode = metadata.permissions().mode() & 0o777;
    if mode & 0o077 != 0 {
        return Err(UsageError::new(format!(
            "the token file {} can be read by other users (mode {mode:03o}); \
             run `chmod 600 {}` and try again",
            path.display(),
            path.display()
        )));
    }
    Ok(())
}

#[cfg(not(unix))]
fn check_private(_path: &Path, _metadata: &std::fs::Metadata) -> Result<(), UsageError> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_base_is_slack() {
        assert_eq!(resolve_api_base(None).unwrap(), "https://slack.com/api/");
        assert_eq!(
            resolve_api_base(Some("  ")).unwrap(),
            "https://slack.com/api/"
        );
    }

    #[test]
    fn https_is_accepted_and_gets_a_trailing_slash() {
        assert_eq!(
            resolve_api_base(Some("https://example.com/api")).unwrap(),
            "https://example.com/api/"
        );
    }

    #[test]
    fn plain_http_only_to_loopback() {
        for ok in [
            "http://127.0.0.1:8080/api/",
            "http://127.1.2.3/api/",
            "http://[::1]:9000/api/",
            "http://localhost:3000/api/",
            "http://LOCALHOST/api/",
        ] {
            assert!(resolve_api_base(Some(ok)).is_ok(), "{ok}");
        }
        for bad in [
            "http://example.com/api/",
            "http://10.0.0.1/api/",
            "http://128.0.0.1/api/",
            "http://localhost.evil.com/api/",
            "http://[::2]/api/",
        ] {
            let err = resolve_api_base(Some(bad)).unwrap_err();
            assert!(err.to_string().contains("plain http"), "{bad}: {err}");
        }
    }

    #[test]
    fn other_schemes_and_garbage_are_refused() {
        assert!(resolve_api_base(Some("ftp://127.0.0.1/")).is_err());
        assert!(resolve_api_base(Some("not a url")).is_err());
        assert!(resolve_api_base(Some("https://u:p@example.com/api/")).is_err());
        assert!(resolve_api_base(Some("https://example.com/api/?x=1")).is_err());
    }

    #[test]
    fn env_token_is_trimmed_and_empty_means_none() {
        let t = load_token_from(None, Some("  xoxp-1-2\n".into()))
            .unwrap()
            .unwrap();
        assert_eq!(t.expose(), "xoxp-1-2");
        assert!(load_token_from(None, Some(" \n".into())).unwrap().is_none());
        assert!(load_token_from(None, None).unwrap().is_none());
    }

    #[cfg(unix)]
    fn token_file(mode: u32, content: &str) -> (tempfile::TempDir, std::path::PathBuf) {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("token");
        std::fs::write(&path, content).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).unwrap();
        (dir, path)
    }

    #[cfg(unix)]
    #[test]
    fn private_token_file_wins_over_the_environment() {
        let (_dir, path) = token_file(0o600, "xoxb-from-file\n");
        let t = load_token_from(Some(&path), Some("xoxp-env".into()))
            .unwrap()
            .unwrap();
        assert_eq!(t.expose(), "xoxb-from-file");
    }

    #[cfg(unix)]
    #[test]
    fn group_or_world_readable_token_file_is_refused() {
        for mode in [0o640, 0o604, 0o660, 0o644] {
            let (_dir, path) = token_file(mode, "xoxb-secret");
            let err = load_token_from(Some(&path), None).unwrap_err().to_string();
            assert!(
                err.contains("other users") && err.contains("chmod 600"),
                "{err}"
            );
            assert!(!err.contains("xoxb-secret"));
        }
    }

    #[cfg(unix)]
    #[test]
    fn empty_missing_or_multi_word_token_files_are_refused() {
        let (_dir, path) = token_file(0o600, "\n");
        assert!(load_token_from(Some(&path), None).is_err());
        let (_dir2, path2) = token_file(0o600, "xoxb-a\nxoxb-b\n");
        let err = load_token_from(Some(&path2), None).unwrap_err().to_string();
        assert!(!err.contains("xoxb-a"), "{err}");
        let missing = std::path::Path::new("/nonexistent/token");
        assert!(load_token_from(Some(missing), None).is_err());
    }

    #[cfg(unix)]
    #[test]
    fn the_app_token_follows_the_token_rules_and_must_be_an_app_token() {
        assert!(load_app_token_from(None, None).unwrap().is_none());
        assert!(
            load_app_token_from(None, Some("  ".into()))
                .unwrap()
                .is_none()
        );
        let env = load_app_token_from(None, Some("xapp-1-A1-2-abc\n".into())).unwrap();
        assert_eq!(env.unwrap().expose(), "xapp-1-A1-2-abc");
        // A bot token by mistake: said plainly, without the token.
        let err = load_app_token_from(None, Some("xoxb-secret-1".into()))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("not an app-level token") && err.contains("xapp-"),
            "{err}"
        );
        assert!(!err.contains("xoxb-secret-1"), "{err}");
        let (_dir, path) = token_file(0o644, "xapp-1-secret");
        let err = load_app_token_from(Some(&path), None)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("chmod 600") && !err.contains("xapp-1-secret"),
            "{err}"
        );
        let (_dir, path) = token_file(0o600, "xapp-1-from-file\n");
        let file = load_app_token_from(Some(&path), Some("xapp-env".into())).unwrap();
        assert_eq!(file.unwrap().expose(), "xapp-1-from-file", "the file wins");
    }
}
