//! `[sort]` and `[columns]`: per-pane settings, keyed by pane name; a key
//! naming no pane, or a value that does not parse, costs only that pane.

use toml::Spanned;
use toml::de::DeTable;

use super::values::{Report, string, strings};
use super::{Config, SortKey, SortSetting, pane_name};
use crate::model::ListKind;
use crate::model::columns::column_keys;

/// The pane a `[sort]` or `[columns]` key names, or a warning.
fn pane_key(
    report: &mut Report<'_>,
    section: &str,
    key: &Spanned<std::borrow::Cow<'_, str>>,
) -> Option<ListKind> {
    let pane = ListKind::ALL
        .into_iter()
        .find(|p| pane_name(*p) == key.get_ref().as_ref());
    if pane.is_none() {
        report.warn(
            key.span(),
            format!(
                "[{section}] has no pane {:?}; the panes are invites, requests, orgs, channels",
                key.get_ref()
            ),
        );
    }
    pane
}

pub(super) fn sort_table(config: &mut Config, table: &DeTable<'_>, report: &mut Report<'_>) {
    for (key, value) in table {
        let Some(pane) = pane_key(report, "sort", key) else {
            continue;
        };
        let Some(text) = string(report, &format!("sort.{}", pane_name(pane)), value) else {
            continue;
        };
        let mut words = text.split_whitespace();
        let key_word = words.next().unwrap_or("");
        let rest: Vec<&str> = words.collect();
        let reversed = match rest.as_slice() {
            [] => Some(false),
            ["reversed"] => Some(true),
            _ => None,
        };
        match (SortKey::from_name(key_word), reversed) {
            (Some(key), Some(reversed)) => {
                *config.default_sort.get_mut(pane) = SortSetting { key, reversed };
            }
            _ => report.warn(
                value.span(),
                format!(
                    "sort {text:?} is not one of expires, age, org, channel, workspace, \
                     risk (optionally followed by \"reversed\")"
                ),
            ),
        }
    }
}

pub(super) fn columns_table(config: &mut Config, table: &DeTable<'_>, report: &mut Report<'_>) {
    for (key, value) in table {
        let Some(pane) = pane_key(report, "columns", key) else {
            continue;
        };
        let name = format!("columns.{}", pane_name(pane));
        let Some(items) = strings(report, &name, value) else {
            continue;
        };
        let known = column_keys(pane);
        let mut chosen: Vec<String> = Vec::new();
        for (column, span) in items {
            let column = column.trim().to_ascii_lowercase();
            if !known.contains(&column) {
                report.warn(
                    span,
                    format!(
                        "the {} pane has no column {column:?}; it has: {}",
                        pane_name(pane),
                        known.join(", ")
                    ),
                );
            } else if chosen.contains(&column) {
                report.warn(span, format!("column {column:?} is listed twice"));
            } else {
                chosen.push(column);
            }
        }
        if chosen.is_empty() {
            report.warn(
                value.span(),
                format!("{name} must name at least one column; showing them all"),
            );
        } else {
            *config.columns.get_mut(pane) = chosen;
        }
    }
}
