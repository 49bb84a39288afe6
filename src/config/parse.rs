//! Reading the file setting by setting, so one bad line costs only its own
//! setting: every key and value keeps its span, which becomes a line number.

use std::time::Duration;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::keys::apply_keys;
use super::panes::{columns_table, sort_table};
use super::values::{Report, boolean, integer, shown, string, strings, suggest, table};
use super::{Config, ConfigWarning, MAX_GRACE_SECONDS, ThemeName};
use crate::slack::MAX_MESSAGE_CHARS;

/// Top-level keys, for "did you mean" and the unknown-key message.
const TOP_LEVEL: &[&str] = &[
    "theme",
    "ascii",
    "read_only",
    "grace_seconds",
    "auto_refresh_seconds",
    "deny_messages",
    "keys",
    "sort",
    "columns",
];

pub(super) fn parse(text: &str) -> (Config, Vec<ConfigWarning>) {
    let mut config = Config::default();
    let mut report = Report::new(text);
    let root = match DeTable::parse(text) {
        Ok(root) => root,
        Err(error) => {
            let message = format!(
                "not valid TOML: {}; using the defaults for every setting",
                error.message().trim()
            );
            report.warn(error.span().unwrap_or(0..0), message);
            return (config, report.warnings);
        }
    };
    for (key, value) in root.get_ref() {
        let span = key.span();
        let name: &str = key.get_ref();
        match name {
            "theme" => {
                if let Some(theme) = string(&mut report, name, value).map(|s| (s, value.span())) {
                    match ThemeName::from_name(theme.0) {
                        Some(t) => config.theme = t,
                        None => report.warn(
                            theme.1,
                            format!(
                                "theme {:?} is not one of \"default\", \"16\", \"mono\"",
                                theme.0
                            ),
                        ),
                    }
                }
            }
            "ascii" => {
                if let Some(b) = boolean(&mut report, name, value) {
                    config.ascii = b;
                }
            }
            "read_only" => match value.get_ref().as_bool() {
                Some(b) => config.read_only = b,
                None => {
                    // When in doubt, the safe side: no writes.
                    config.read_only = true;
                    report.warn(
                        value.span(),
                        format!(
                            "read_only must be true or false, not {}; read-only is ON until this is fixed",
                            shown(value)
                        ),
                    );
                }
            },
            "grace_seconds" => {
                if let Some(n) = integer(&mut report, name, value, 0, MAX_GRACE_SECONDS) {
                    config.grace_seconds = n;
                }
            }
            "auto_refresh_seconds" => {
                if let Some(n) = integer(&mut report, name, value, 0, 86_400) {
                    if (1..60).contains(&n) {
                        report.warn(
                            value.span(),
                            "auto_refresh_seconds must be 0 (off) or at least 60: \
                             Slack allows about one invites page a minute",
                        );
                    } else {
                        config.auto_refresh = (n > 0).then(|| Duration::from_secs(n));
                    }
                }
            }
            "deny_messages" => {
                if let Some(messages) = deny_messages(&mut report, value) {
                    config.deny_messages = messages;
                }
            }
            "keys" => {
                if let Some(table) = table(&mut report, name, value) {
                    apply_keys(&mut config.keymap, table, &mut report);
                }
            }
            "sort" => {
                if let Some(table) = table(&mut report, name, value) {
                    sort_table(&mut config, table, &mut report);
                }
            }
            "columns" => {
                if let Some(table) = table(&mut report, name, value) {
                    columns_table(&mut config, table, &mut report);
                }
            }
            other => report.warn(
                span,
                format!(
                    "unknown setting {other:?}{}; the settings are: {}",
                    suggest(other, TOP_LEVEL),
                    TOP_LEVEL.join(", ")
                ),
            ),
        }
    }
    report.warnings.sort_by_key(|w| w.line);
    (config, report.warnings)
}

fn deny_messages(report: &mut Report<'_>, value: &Spanned<DeValue<'_>>) -> Option<Vec<String>> {
    let items = strings(report, "deny_messages", value)?;
    let mut out = Vec::new();
    for (text, span) in items {
        let count = text.chars().count();
        if text.trim().is_empty() {
            report.warn(span, "a deny message must not be empty; it was left out");
        } else if count > MAX_MESSAGE_CHARS {
            report.warn(
                span,
                format!(
                    "this deny message is {count} characters; Slack allows {MAX_MESSAGE_CHARS}; it was left out"
                ),
            );
        } else {
            out.push(text.to_owned());
        }
    }
    Some(out)
}
