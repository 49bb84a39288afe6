//! `[keys]`: action names (as the help screen shows them) to lists of keys.
//! A remapping that would make one key mean two things in the same place
//! is reported and undone, so the keymap never holds a conflict.

use crossterm::event::{KeyCode, KeyModifiers};
use toml::de::DeTable;

use super::values::{Report, strings, suggest};
use crate::keys::keymap::{Action, Context, KeySpec, Keymap};
use crate::keys::keyspec::CTRL_C;
use crate::model::ListKind;

/// Two actions one key would trigger in the same place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    pub first: Action,
    pub second: Action,
    pub key: KeySpec,
    pub context: Context,
}

/// Whether two keys are the same key as the keymap matches them (SHIFT
/// is ignored on characters, which carry it in their case).
fn same_key(a: &KeySpec, b: &KeySpec) -> bool {
    let strip = |k: &KeySpec| {
        if matches!(k.code, KeyCode::Char(_) | KeyCode::BackTab) {
            k.modifiers - KeyModifiers::SHIFT
        } else {
            k.modifiers
        }
    };
    a.code == b.code && strip(a) == strip(b)
}

/// Every pair of bindings that share a key in a place where both work.
pub fn conflicts(keymap: &Keymap) -> Vec<Conflict> {
    let bindings = keymap.bindings();
    let mut out = Vec::new();
    for (i, a) in bindings.iter().enumerate() {
        for b in &bindings[i + 1..] {
            // `a` on Invites and `X` on Orgs may share a key: never live together.
            if !ListKind::ALL
                .iter()
                .any(|p| a.action.applies_to(*p) && b.action.applies_to(*p))
            {
                continue;
            }
            let Some(context) = a.contexts.iter().find(|c| b.contexts.contains(c)) else {
                continue;
            };
            if let Some(key) = a
                .keys
                .iter()
                .find(|ka| b.keys.iter().any(|kb| same_key(ka, kb)))
            {
                out.push(Conflict {
                    first: a.action,
                    second: b.action,
                    key: *key,
                    context: *context,
                });
            }
        }
    }
    out
}

/// A key as the config file writes it: `a`, `X`, `ctrl+c`, `shift+tab`, `pgdn`.
pub fn key_name(key: &KeySpec) -> String {
    let mut out = String::new();
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        out.push_str("ctrl+");
    }
    if key.modifiers.contains(KeyModifiers::ALT) {
        out.push_str("alt+");
    }
    let name = match key.code {
        KeyCode::Char(' ') => "space".to_owned(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Enter => "enter".to_owned(),
        KeyCode::Esc => "esc".to_owned(),
        KeyCode::Tab => "tab".to_owned(),
        KeyCode::BackTab => "shift+tab".to_owned(),
        KeyCode::Backspace => "backspace".to_owned(),
        KeyCode::Up => "up".to_owned(),
        KeyCode::Down => "down".to_owned(),
        KeyCode::Left => "left".to_owned(),
        KeyCode::Right => "right".to_owned(),
        KeyCode::Home => "home".to_owned(),
        KeyCode::End => "end".to_owned(),
        KeyCode::PageUp => "pgup".to_owned(),
        KeyCode::PageDown => "pgdn".to_owned(),
        KeyCode::F(n) => format!("f{n}"),
        other => format!("{other:?}").to_ascii_lowercase(),
    };
    out.push_str(&name);
    out
}

/// Why a remapping would leave the admin with no way out, if it would.
/// Ctrl-C always quits, so it can mean nothing else, and quit keeps it
/// beside the keys the file names (help shows both). Cancel must keep a key
/// that works while typing: a plain character there is text, so a cancel
/// bound only to `n` could not leave the message editor.
fn no_way_out(action: Action, keys: &mut Vec<KeySpec>) -> Option<String> {
    let has_ctrl_c = keys.iter().any(|k| same_key(k, &CTRL_C));
    if action == Action::Quit {
        if !has_ctrl_c {
            keys.push(CTRL_C);
        }
        return None;
    }
    if has_ctrl_c {
        return Some(format!(
            "ctrl+c always quits, so it cannot be {}'s key",
            action.name()
        ));
    }
    let works_while_typing = |k: &KeySpec| {
        !matches!(k.code, KeyCode::Char(_))
            || k.modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
    };
    if action == Action::Cancel && !keys.iter().any(works_while_typing) {
        let shown: Vec<String> = keys.iter().map(key_name).collect();
        return Some(format!(
            "cancel needs a key that works while typing, such as \"esc\" or \"ctrl+g\": \
             {} would be text in the message editor, so nothing could cancel it",
            shown.join(" ")
        ));
    }
    None
}

/// Apply `[keys]` to `keymap`, reporting what cannot be used.
pub(super) fn apply_keys(keymap: &mut Keymap, table: &DeTable<'_>, report: &mut Report<'_>) {
    let defaults = Keymap::default();
    // (action, the line's span) of every remapping applied.
    let mut remapped: Vec<(Action, std::ops::Range<usize>)> = Vec::new();
    for (name, value) in table {
        let Some(action) = Action::from_name(name.get_ref()) else {
            let names: Vec<&str> = Action::ALL.iter().map(|a| a.name()).collect();
            report.warn(
                name.span(),
                format!(
                    "unknown action {:?} in [keys]{}; the actions (as help shows them) are: {}",
                    name.get_ref(),
                    suggest(name.get_ref(), &names),
                    names.join(", ")
                ),
            );
            continue;
        };
        let label = format!("keys.{}", action.name());
        let Some(texts) = strings(report, &label, value) else {
            continue;
        };
        let mut keys: Vec<KeySpec> = Vec::new();
        let mut bad = false;
        for (text, span) in texts {
            match text.parse::<KeySpec>() {
                Ok(key) if !keys.iter().any(|k| same_key(k, &key)) => keys.push(key),
                Ok(_) => {}
                Err(why) => {
                    bad = true;
                    let why = if why.starts_with("unknown key") {
                        format!(
                            "{text:?} is not a key; write keys like \"a\", \"X\", \"?\", \"enter\", \
                             \"esc\", \"tab\", \"shift+tab\", \"ctrl+c\", \"alt+enter\", \"pgdn\", \"f1\""
                        )
                    } else {
                        why
                    };
                    report.warn(span, format!("{why}; {label} keeps its default"));
                }
            }
        }
        if bad {
            continue;
        }
        if keys.is_empty() {
            report.warn(
                value.span(),
                format!("{label} needs at least one key; it keeps its default"),
            );
            continue;
        }
        if let Some(why) = no_way_out(action, &mut keys) {
            report.warn(value.span(), format!("{why}; {label} keeps its default"));
            continue;
        }
        keymap.rebind(action, keys);
        remapped.push((action, value.span()));
    }
    // Undo remappings that collide until none do (the defaults never do).
    loop {
        let found = conflicts(keymap);
        let Some(conflict) = found.into_iter().find(|c| {
            remapped
                .iter()
                .any(|(a, _)| *a == c.first || *a == c.second)
        }) else {
            break;
        };
        for action in [conflict.first, conflict.second] {
            let Some(pos) = remapped.iter().position(|(a, _)| *a == action) else {
                continue;
            };
            let (_, span) = remapped.remove(pos);
            let other = if action == conflict.first {
                conflict.second
            } else {
                conflict.first
            };
            let default_keys = defaults.keys_for(action).to_vec();
            let shown: Vec<String> = default_keys.iter().map(key_name).collect();
            report.warn(
                span,
                format!(
                    "key {:?} of {} is also {}'s in {}; {} keeps its default {}",
                    key_name(&conflict.key),
                    action.name(),
                    other.name(),
                    conflict.context.place(),
                    action.name(),
                    shown.join(" ")
                ),
            );
            keymap.rebind(action, default_keys);
        }
    }
}
