//! The config file: TOML at the XDG config path (`--config` overrides).
//!
//! Every setting is optional. A setting that cannot be used (an unknown key,
//! a bad value, a key conflict) becomes a [`ConfigWarning`] naming its line,
//! and only that setting falls back to its default: the TUI still starts and
//! shows the warnings. `assets/default-config.toml` documents every setting
//! with its default; `connect-triage config --print-default` prints it.

mod file;
mod keys;
mod panes;
mod parse;
mod values;

use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::cli::GlobalArgs;
use crate::keys::keymap::Keymap;
use crate::model::ListKind;

pub use file::MAX_CONFIG_BYTES;
use file::{ReadProblem, read_config_file};
pub use keys::{conflicts, key_name};

/// The documented default config, exactly as `config --print-default` prints it.
pub const DEFAULT_TOML: &str = include_str!("../../assets/default-config.toml");

/// Longest undo window the config accepts, in seconds.
pub const MAX_GRACE_SECONDS: u64 = crate::cli::MAX_GRACE_SECONDS;
/// `--grace` and `grace_seconds` when not given: five seconds to change one's mind.
pub const DEFAULT_GRACE_SECONDS: u64 = 5;

/// The colour themes (DESIGN.md: 256 colours, basic ANSI, none).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ThemeName {
    /// 256 colours.
    #[default]
    Default,
    /// The 16 basic ANSI colours only (old terminals, tmux without 256 colours).
    Ansi16,
    /// No colour at all: reverse video and bold.
    Mono,
}

impl ThemeName {
    pub const ALL: [ThemeName; 3] = [ThemeName::Default, ThemeName::Ansi16, ThemeName::Mono];

    /// The name the config file uses.
    pub fn name(self) -> &'static str {
        match self {
            ThemeName::Default => "default",
            ThemeName::Ansi16 => "16",
            ThemeName::Mono => "mono",
        }
    }

    pub fn from_name(name: &str) -> Option<ThemeName> {
        match name {
            "256" => Some(ThemeName::Default),
            _ => ThemeName::ALL.into_iter().find(|t| t.name() == name),
        }
    }

    /// The theme to draw with: `NO_COLOR` (present and not empty, as
    /// no-color.org says) always means mono.
    pub fn effective(self, no_color: Option<&std::ffi::OsStr>) -> ThemeName {
        match no_color {
            Some(value) if !value.is_empty() => ThemeName::Mono,
            _ => self,
        }
    }
}

/// What a list can be sorted by (issue 4: time left, age, org, channel).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    /// Time left before the item expires, soonest first.
    Expires,
    /// How long ago the item was created, newest first.
    Age,
    /// The other org's name.
    Org,
    /// The channel's name.
    Channel,
    /// Our workspace's name, with an org-wide token.
    Workspace,
    /// Most risky first (invites and requests): more risk signals, then
    /// the gravest.
    Risk,
}

impl SortKey {
    pub const ALL: [SortKey; 6] = [
        SortKey::Expires,
        SortKey::Age,
        SortKey::Org,
        SortKey::Channel,
        SortKey::Workspace,
        SortKey::Risk,
    ];

    pub fn name(self) -> &'static str {
        match self {
            SortKey::Expires => "expires",
            SortKey::Age => "age",
            SortKey::Org => "org",
            SortKey::Channel => "channel",
            SortKey::Workspace => "workspace",
            SortKey::Risk => "risk",
        }
    }

    pub fn from_name(name: &str) -> Option<SortKey> {
        SortKey::ALL.into_iter().find(|k| k.name() == name)
    }
}

/// A pane's starting sort: `"expires"` or `"expires reversed"` in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SortSetting {
    pub key: SortKey,
    pub reversed: bool,
}

impl SortSetting {
    pub const fn new(key: SortKey) -> SortSetting {
        SortSetting {
            key,
            reversed: false,
        }
    }
}

impl fmt::Display for SortSetting {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key.name())?;
        if self.reversed {
            f.write_str(" reversed")?;
        }
        Ok(())
    }
}

/// One value per pane.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PerPane<T> {
    pub invites: T,
    pub requests: T,
    pub orgs: T,
    pub channels: T,
}

impl<T> PerPane<T> {
    pub fn get(&self, pane: ListKind) -> &T {
        match pane {
            ListKind::Invites => &self.invites,
            ListKind::Requests => &self.requests,
            ListKind::Orgs => &self.orgs,
            ListKind::Channels => &self.channels,
        }
    }

    pub fn get_mut(&mut self, pane: ListKind) -> &mut T {
        match pane {
            ListKind::Invites => &mut self.invites,
            ListKind::Requests => &mut self.requests,
            ListKind::Orgs => &mut self.orgs,
            ListKind::Channels => &mut self.channels,
        }
    }
}

/// The name a pane has in the config file (`[sort] invites = ...`).
pub fn pane_name(pane: ListKind) -> &'static str {
    match pane {
        ListKind::Invites => "invites",
        ListKind::Requests => "requests",
        ListKind::Orgs => "orgs",
        ListKind::Channels => "channels",
    }
}

/// Every setting, with the defaults filled in where the file said nothing.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// `[keys]`: the defaults with the file's remappings applied.
    pub keymap: Keymap,
    pub theme: ThemeName,
    /// Seconds a write waits in the undo queue before it is sent (0 = none).
    pub grace_seconds: u64,
    /// No write can be made.
    pub read_only: bool,
    /// How often the lists reload by themselves (within the rate limits); `None` = never.
    pub auto_refresh: Option<Duration>,
    /// `[sort]`: each pane's sort when the TUI starts.
    pub default_sort: PerPane<SortSetting>,
    /// `[columns]`: the columns each pane shows, in order, by name
    /// (`model::columns::column_key` of the pane's column titles).
    pub columns: PerPane<Vec<String>>,
    /// Messages the deny editor offers (a key cycles through them; then edit).
    pub deny_messages: Vec<String>,
    /// ASCII instead of box-drawing characters.
    pub ascii: bool,
}

impl Default for Config {
    fn default() -> Self {
        let all_columns = |pane| crate::model::columns::column_keys(pane);
        Config {
            keymap: Keymap::default(),
            theme: ThemeName::Default,
            grace_seconds: DEFAULT_GRACE_SECONDS,
            read_only: false,
            auto_refresh: Some(Duration::from_secs(300)),
            default_sort: PerPane {
                invites: SortSetting::new(SortKey::Expires),
                requests: SortSetting::new(SortKey::Expires),
                orgs: SortSetting::new(SortKey::Org),
                channels: SortSetting::new(SortKey::Channel),
            },
            columns: PerPane {
                invites: all_columns(ListKind::Invites),
                requests: all_columns(ListKind::Requests),
                orgs: all_columns(ListKind::Orgs),
                channels: all_columns(ListKind::Channels),
            },
            deny_messages: vec![
                "Slack Connect with this organization is not approved. \
                 Ask IT if you need to work with them."
                    .to_owned(),
                "Please use the approved channel for this partner instead of a new one.".to_owned(),
            ],
            ascii: false,
        }
    }
}

/// A setting that could not be used, and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigWarning {
    /// The file, when the config came from one.
    pub path: Option<PathBuf>,
    /// 1-based line, when known.
    pub line: Option<usize>,
    pub message: String,
}

impl fmt::Display for ConfigWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.path {
            Some(path) => write!(f, "config {}", path.display())?,
            None => f.write_str("config")?,
        }
        if let Some(line) = self.line {
            write!(f, " line {line}")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl Config {
    /// Where the config file is looked for without `--config`:
    /// `$XDG_CONFIG_HOME/connect-triage/config.toml` on Linux.
    pub fn default_path() -> Option<PathBuf> {
        directories::ProjectDirs::from("", "", "connect-triage")
            .map(|dirs| dirs.config_dir().join("config.toml"))
    }

    /// Read the config from `path` (`--config`), or from the default path.
    /// A missing default file is no problem; a missing `--config` file is a
    /// warning. Never fails: what cannot be used is a warning and a default.
    pub fn load(path: Option<&Path>) -> (Config, Vec<ConfigWarning>) {
        let (path, explicit) = match path {
            Some(path) => (path.to_path_buf(), true),
            None => match Config::default_path() {
                Some(path) => (path, false),
                None => return (Config::default(), Vec::new()),
            },
        };
        match read_config_file(&path) {
            Ok(text) => {
                let (config, mut warnings) = Config::parse(&text);
                for warning in &mut warnings {
                    warning.path = Some(path.clone());
                }
                (config, warnings)
            }
            Err(ReadProblem::Io(e)) if e.kind() == std::io::ErrorKind::NotFound && !explicit => {
                (Config::default(), Vec::new())
            }
            Err(problem) => (
                Config::default(),
                vec![ConfigWarning {
                    path: Some(path),
                    line: None,
                    message: format!("{problem}; using the defaults"),
                }],
            ),
        }
    }

    /// Parse a config file's text.
    pub fn parse(text: &str) -> (Config, Vec<ConfigWarning>) {
        parse::parse(text)
    }

    /// Fold in the command line, which wins over the file: `--read-only`
    /// and `--ascii` switch on, `--grace` replaces.
    pub fn apply_flags(&mut self, global: &GlobalArgs) {
        self.read_only |= global.read_only;
        self.ascii |= global.ascii;
        if let Some(grace) = global.grace {
            self.grace_seconds = grace;
        }
    }

    /// The theme to draw with, `NO_COLOR` considered.
    pub fn effective_theme(&self) -> ThemeName {
        self.theme
            .effective(std::env::var_os("NO_COLOR").as_deref())
    }
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod safety_tests;
