//! Typing the `/` filter: every key re-filters the current pane at once
//! (see [`crate::model::filter`] for the syntax), `Enter` keeps the filter and
//! goes back to the rows, `Esc` clears it. `*` marks what the filter shows.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::app::list::ops::{with_list, with_list_ref};
use crate::app::{App, Effect, NoticeKind};
use crate::keys::keymap::{Action, Context};

pub fn on_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    let pane = app.pane;
    let action = app.keymap.action(Context::Filter, pane, &key);
    let mut text = with_list_ref(app, pane, |l| l.filter_text().to_owned());
    match (action, key.code) {
        (Some(Action::KeepFilter), _) => {
            app.filtering = false;
            return Vec::new();
        }
        (Some(Action::ClearFilter), _) => {
            app.filtering = false;
            text.clear();
        }
        (_, KeyCode::Backspace) if key.modifiers.contains(KeyModifiers::ALT) => {
            let keep = text.trim_end().rfind(' ').map_or(0, |at| at + 1);
            text.truncate(keep);
        }
        (_, KeyCode::Backspace) => {
            text.pop();
        }
        (_, KeyCode::Char('u')) if key.modifiers.contains(KeyModifiers::CONTROL) => text.clear(),
        (_, KeyCode::Char(c))
            if !key
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
        {
            text.push(c);
        }
        _ => return Vec::new(),
    }
    with_list(app, pane, |l| l.set_filter(&text));
    Vec::new()
}

/// Pasted text joins the filter as one line (line breaks become spaces).
pub fn paste(app: &mut App, pasted: &str) {
    let pane = app.pane;
    let mut text = with_list_ref(app, pane, |l| l.filter_text().to_owned());
    text.extend(
        pasted
            .chars()
            .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
            .filter(|c| !c.is_control()),
    );
    with_list(app, pane, |l| l.set_filter(&text));
}

/// `*`: mark every row shown, or unmark them when all already are.
pub fn mark_all(app: &mut App) {
    let pane = app.pane;
    let filtered = with_list_ref(app, pane, |l| !l.filter_text().trim().is_empty());
    let (changed, marked) = with_list(app, pane, |l| l.mark_all_shown());
    let total = with_list_ref(app, pane, |l| l.mark_count());
    let what = if filtered {
        "matches of the filter"
    } else {
        "rows"
    };
    let text = if marked {
        format!("Marked {changed} {what}; {total} marked in all. a or d acts on them.")
    } else {
        format!("Unmarked {changed} {what}; {total} still marked.")
    };
    app.notify(NoticeKind::Info, text);
}
