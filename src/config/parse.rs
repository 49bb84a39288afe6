//! Reading the file setting by setting, so one bad line costs only its own
//! setting: every key and value keeps its span, which becomes a line number.

use std::ops::Range;
use std::time::Duration;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::keys::apply_keys;
use super::panes::{columns_table, sort_table};
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

/// Collects warnings with line numbers for one file's text.
pub(super) struct Report<'t> {
    text: &'t str,
    pub(super) warnings: Vec<ConfigWarning>,
}

impl Report<'_> {
    pub(super) fn warn(&mut self, span: Range<usize>, message: impl Into<String>) {
        let line = self.text[..span.start.min(self.text.len())]
            .bytes()
            .filter(|b| *b == b'\n')
            .count()
            + 1;
        self.warnings.push(ConfigWarning {
            path: None,
            line: Some(line),
            message: message.into(),
        });
    }
}

pub(super) fn parse(text: &str) -> (Config, Vec<ConfigWarning>) {
    let mut config = Config::default();
    let mut report = Report {
        text,
        warnings: Vec::new(),
    };
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

/// A value as the file wrote it, for messages.
fn shown(value: &Spanned<DeValue<'_>>) -> String {
    match value.get_ref() {
        DeValue::String(s) => format!("{s:?}"),
        DeValue::Integer(i) => i.as_str().to_owned(),
        DeValue::Float(f) => f.as_str().to_owned(),
        DeValue::Boolean(b) => b.to_string(),
        other => format!("a {}", other.type_str()),
    }
}

pub(super) fn string<'v>(
    report: &mut Report<'_>,
    name: &str,
    value: &'v Spanned<DeValue<'_>>,
) -> Option<&'v str> {
    let s = value.get_ref().as_str();
    if s.is_none() {
        report.warn(
            value.span(),
            format!("{name} must be a string, not {}", shown(value)),
        );
    }
    s
}

fn boolean(report: &mut Report<'_>, name: &str, value: &Spanned<DeValue<'_>>) -> Option<bool> {
    let b = value.get_ref().as_bool();
    if b.is_none() {
        report.warn(
            value.span(),
            format!("{name} must be true or false, not {}", shown(value)),
        );
    }
    b
}

fn integer(
    report: &mut Report<'_>,
    name: &str,
    value: &Spanned<DeValue<'_>>,
    min: u64,
    max: u64,
) -> Option<u64> {
    let parsed = value
        .get_ref()
        .as_integer()
        .and_then(|i| i64::from_str_radix(i.as_str(), i.radix()).ok())
        .and_then(|i| u64::try_from(i).ok())
        .filter(|n| (min..=max).contains(n));
    if parsed.is_none() {
        report.warn(
            value.span(),
            format!(
                "{name} must be a whole number from {min} to {max}, not {}",
                shown(value)
            ),
        );
    }
    parsed
}

pub(super) fn table<'v, 'i>(
    report: &mut Report<'_>,
    name: &str,
    value: &'v Spanned<DeValue<'i>>,
) -> Option<&'v DeTable<'i>> {
    let t = value.get_ref().as_table();
    if t.is_none() {
        report.warn(
            value.span(),
            format!("{name} must be a table ([{name}]), not {}", shown(value)),
        );
    }
    t
}

/// `"x"` or `["x", "y"]` as a list of strings.
pub(super) fn strings<'v>(
    report: &mut Report<'_>,
    name: &str,
    value: &'v Spanned<DeValue<'_>>,
) -> Option<Vec<(&'v str, Range<usize>)>> {
    if let Some(s) = value.get_ref().as_str() {
        return Some(vec![(s, value.span())]);
    }
    let Some(array) = value.get_ref().as_array() else {
        report.warn(
            value.span(),
            format!("{name} must be a list of strings, not {}", shown(value)),
        );
        return None;
    };
    let mut out = Vec::new();
    for item in array.iter() {
        match item.get_ref().as_str() {
            Some(s) => out.push((s, item.span())),
            None => {
                report.warn(
                    item.span(),
                    format!("{name} must hold only strings, not {}", shown(item)),
                );
                return None;
            }
        }
    }
    Some(out)
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

/// ", did you mean \"x\"?" when a known name is one or two edits away.
pub(super) fn suggest(word: &str, known: &[&str]) -> String {
    known
        .iter()
        .map(|k| (distance(word, k), k))
        .filter(|(d, _)| *d <= 2)
        .min()
        .map(|(_, k)| format!(" (did you mean {k:?}?)"))
        .unwrap_or_default()
}

/// Levenshtein distance, for suggestions on short names.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let here = row[j + 1];
            row[j + 1] = if ca == *cb {
                prev
            } else {
                1 + prev.min(row[j]).min(row[j + 1])
            };
            prev = here;
        }
    }
    row[b.len()]
}
