//! The log file: `tracing` events go to a file under the XDG state
//! directory, never to the terminal (the TUI owns it while it runs).
//!
//! The level comes from `--log-level`, else `RUST_LOG`, else `info`. What is
//! logged never holds the token or arguments with personal data: the client
//! logs each call's method, HTTP status, duration and rate-limit wait, and
//! errors by kind and Slack's code.

use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use tracing_subscriber::EnvFilter;

use crate::exit::UsageError;

/// A log file past this size is moved to `connect-triage.log.1` at start.
const ROTATE_BYTES: u64 = 10 * 1024 * 1024;

/// `$XDG_STATE_HOME/connect-triage/connect-triage.log` (Linux): beside
/// the journal, in the same private directory.
pub fn default_path() -> PathBuf {
    crate::journal::state_dir().join("connect-triage.log")
}

/// The filter for `--log-level` (a level or any `RUST_LOG`-style
/// directive), else `$RUST_LOG`, else `info`.
pub fn filter(level: Option<&str>) -> Result<EnvFilter, UsageError> {
    if let Some(level) = level {
        let level = level.trim();
        // A bare word would be taken as a target name and log nothing useful.
        let is_level = ["off", "error", "warn", "info", "debug", "trace"]
            .contains(&level.to_ascii_lowercase().as_str());
        if !is_level && !level.contains('=') {
            return Err(UsageError::new(format!(
                "--log-level {level:?} is not a level; use error, warn, info, debug or trace"
            )));
        }
        return EnvFilter::try_new(level).map_err(|e| {
            UsageError::new(format!(
                "--log-level {level:?} is not a level ({e}); use error, warn, info, debug or trace"
            ))
        });
    }
    match std::env::var("RUST_LOG") {
        Ok(directives) if !directives.trim().is_empty() => EnvFilter::try_new(directives.trim())
            .map_err(|e| UsageError::new(format!("RUST_LOG is not a valid filter ({e})"))),
        _ => Ok(EnvFilter::new("info")),
    }
}

/// Open (creating, 0600 in a 0700 directory) the log file for appending.
pub fn open(path: &Path) -> std::io::Result<File> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        crate::private_files::create_private_dir(dir)?;
    }
    if fs::metadata(path).is_ok_and(|m| m.len() > ROTATE_BYTES) {
        let mut old = path.as_os_str().to_owned();
        old.push(".1");
        fs::rename(path, PathBuf::from(old))?;
    }
    crate::private_files::open_private_append(path)
}

/// Send this process's `tracing` events to the log file. A bad level is a
/// usage error; a log file that cannot be opened is not (the tool works
/// without it), and is returned for the caller to mention.
pub fn init(level: Option<&str>) -> Result<Result<PathBuf, String>, UsageError> {
    let filter = filter(level)?;
    let path = default_path();
    let file = match open(&path) {
        Ok(file) => file,
        Err(e) => return Ok(Err(format!("cannot open {}: {e}", path.display()))),
    };
    let installed = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(Mutex::new(file))
        .with_ansi(false)
        .with_target(false)
        .try_init();
    match installed {
        Ok(()) => Ok(Ok(path)),
        Err(e) => Ok(Err(format!("cannot start logging: {e}"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_and_directives_parse_and_nonsense_is_a_usage_error() {
        for ok in [
            "error",
            "warn",
            "info",
            "debug",
            "trace",
            "connect_triage=debug",
        ] {
            assert!(filter(Some(ok)).is_ok(), "{ok}");
        }
        for bad in ["loud", "connect_triage=shouting"] {
            let err = filter(Some(bad)).unwrap_err().to_string();
            assert!(err.contains("--log-level"), "{bad}: {err}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn the_file_is_private_and_appended_to() {
        use std::io::Write;
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state/connect-triage/connect-triage.log");
        writeln!(open(&path).unwrap(), "one").unwrap();
        writeln!(open(&path).unwrap(), "two").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "one\ntwo\n");
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&path), 0o600);
        assert_eq!(mode(path.parent().unwrap()), 0o700);
    }
}
