//! Reading one TOML value of an expected type: the value, or a warning on
//! its line and `None`, so the caller keeps its default. Shared by the top
//! level (`parse`) and the sections (`keys`, `panes`), so it sits below them.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::ConfigWarning;

/// Collects warnings with line numbers for one file's text.
pub(super) struct Report<'t> {
    text: &'t str,
    /// Byte offset where each line after the first begins, found once:
    /// counting newlines per warning made a file of many bad keys
    /// quadratic (400,000 unknown keys took minutes).
    line_starts: Option<Vec<usize>>,
    pub(super) warnings: Vec<ConfigWarning>,
}

impl<'t> Report<'t> {
    pub(super) fn new(text: &'t str) -> Report<'t> {
        Report {
            text,
            line_starts: None,
            warnings: Vec::new(),
        }
    }

    pub(super) fn warn(&mut self, span: Range<usize>, message: impl Into<String>) {
        let text = self.text;
        let starts = self.line_starts.get_or_insert_with(|| {
            text.bytes()
                .enumerate()
                .filter(|(_, b)| *b == b'\n')
                .map(|(at, _)| at + 1)
                .collect()
        });
        let line = starts.partition_point(|start| *start <= span.start) + 1;
        self.warnings.push(ConfigWarning {
            path: None,
            line: Some(line),
            message: message.into(),
        });
    }
}

/// A value as the file wrote it, for messages.
pub(super) fn shown(value: &Spanned<DeValue<'_>>) -> String {
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

pub(super) fn boolean(
    report: &mut Report<'_>,
    name: &str,
    value: &Spanned<DeValue<'_>>,
) -> Option<bool> {
    let b = value.get_ref().as_bool();
    if b.is_none() {
        report.warn(
            value.span(),
            format!("{name} must be true or false, not {}", shown(value)),
        );
    }
    b
}

pub(super) fn integer(
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
