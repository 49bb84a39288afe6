//! `:`: the command palette. The admin types a few letters of what they
//! want; every action the keymap allows where they are, and every "go to"
//! target, is ranked by [`crate::text::fuzzy`], and `Enter` hands the chosen
//! one to `update`, which runs an action through the same handler as its
//! key (a decision still opens its confirmation: the palette never sends
//! anything itself).
//!
//! Letters are always the query here, never list keys; only keys that are
//! no text (`Enter`, `Esc`, arrows, `Ctrl-n`/`Ctrl-p`) act, and they come
//! from the keymap's [`Context::Palette`] rows like everywhere else.

pub mod entries;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

pub use entries::{Entry, Run, Target, go_to};

use crate::app::{App, Effect, NoticeKind, layout};
use crate::keys::keymap::{Action, Context};
use crate::text::fuzzy;

/// Most matches the palette lists at once; more scroll.
pub const MAX_ROWS: u16 = 12;
/// Lines of the palette's box besides its matches: two borders, the query
/// and the count line.
pub const CHROME_LINES: u16 = 4;

/// An entry that matches the query, and which of its letters did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    /// Index into [`Palette::entries`].
    pub entry: usize,
    /// Matched characters of the entry's words (indices into `chars()`).
    pub in_words: Vec<usize>,
    /// Matched characters of its detail, when the words did not match.
    pub in_detail: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Palette {
    /// Where the admin was when `:` opened it (lists or the detail view):
    /// its entries are what works there.
    pub context: Context,
    pub query: String,
    pub entries: Vec<Entry>,
    /// The entries that match the query, best first.
    pub shown: Vec<Shown>,
    /// Position in `shown` of the chosen entry.
    pub selected: usize,
    /// First position of `shown` on screen.
    pub offset: usize,
}

/// An entry found only in its detail ranks below every entry whose own
/// words match: "sort" lists `sort` before `reverse` ("reverse the sort").
const DETAIL_ONLY: i32 = -1000;

impl Palette {
    pub fn new(context: Context, entries: Vec<Entry>) -> Palette {
        let mut palette = Palette {
            context,
            query: String::new(),
            entries,
            shown: Vec::new(),
            selected: 0,
            offset: 0,
        };
        palette.rank();
        palette
    }

    /// Match every entry against the query again; the best is chosen.
    fn rank(&mut self) {
        let mut found: Vec<(i32, Shown)> = self
            .entries
            .iter()
            .enumerate()
            .filter_map(|(entry, e)| {
                if let Some(f) = fuzzy::find(&self.query, &e.words) {
                    let shown = Shown {
                        entry,
                        in_words: f.positions,
                        in_detail: Vec::new(),
                    };
                    return Some((f.score, shown));
                }
                let f = fuzzy::find(&self.query, &e.detail)?;
                let shown = Shown {
                    entry,
                    in_words: Vec::new(),
                    in_detail: f.positions,
                };
                Some((f.score + DETAIL_ONLY, shown))
            })
            .collect();
        // Stable: equal scores keep the keymap's order, then the targets'.
        found.sort_by_key(|(score, _)| std::cmp::Reverse(*score));
        self.shown = found.into_iter().map(|(_, s)| s).collect();
        self.selected = 0;
        self.offset = 0;
    }

    pub fn chosen(&self) -> Option<&Entry> {
        self.shown
            .get(self.selected)
            .map(|s| &self.entries[s.entry])
    }

    fn move_by(&mut self, delta: isize, rows: usize) {
        let last = self.shown.len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
        self.offset = visible_from(self.offset, self.selected, rows);
    }

    fn edit(&mut self, change: impl FnOnce(&mut String)) {
        let before = self.query.clone();
        change(&mut self.query);
        if self.query != before {
            self.rank();
        }
    }
}

/// The first position to show so that `selected` is on screen, moving the
/// view as little as possible from `offset`.
pub fn visible_from(offset: usize, selected: usize, rows: usize) -> usize {
    let rows = rows.max(1);
    offset
        .min(selected)
        .max((selected + 1).saturating_sub(rows))
}

/// Matches the palette lists at once at the current size: what fits in
/// the body under its chrome, at most [`MAX_ROWS`].
pub fn list_rows(app: &App) -> usize {
    let area = ratatui::layout::Rect::new(0, 0, app.size.0, app.size.1);
    let body = layout::screen(area, app.status_lines()).body.height;
    usize::from(body.saturating_sub(CHROME_LINES).clamp(1, MAX_ROWS))
}

/// `:` in a list or the detail view.
pub fn open(app: &mut App) -> Vec<Effect> {
    let context = app.context();
    let entries = entries::build(app, context);
    app.palette = Some(Palette::new(context, entries));
    Vec::new()
}

/// A plain character: text of the query, whatever the keymap says.
fn typed(key: &KeyEvent) -> Option<char> {
    match key.code {
        KeyCode::Char(c)
            if !key
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
        {
            Some(c)
        }
        _ => None,
    }
}

/// A key in the palette; `Some` is the entry `Enter` chose, for `update`
/// to run (the palette is closed by then).
pub fn on_key(app: &mut App, key: KeyEvent) -> Option<Run> {
    let rows = list_rows(app);
    let action = match typed(&key) {
        Some(_) => None,
        None => app.keymap.action(Context::Palette, app.pane, &key),
    };
    let palette = app.palette.as_mut()?;
    match (action, key.code) {
        (Some(Action::Run), _) => return take_chosen(app),
        (Some(Action::Cancel), _) => app.palette = None,
        (Some(Action::Down), _) => palette.move_by(1, rows),
        (Some(Action::Up), _) => palette.move_by(-1, rows),
        (Some(Action::PageDown), _) => palette.move_by(rows as isize, rows),
        (Some(Action::PageUp), _) => palette.move_by(-(rows as isize), rows),
        (_, KeyCode::Backspace) if key.modifiers.contains(KeyModifiers::ALT) => {
            palette.edit(|q| {
                let keep = q.trim_end().rfind(' ').map_or(0, |at| at + 1);
                q.truncate(keep);
            });
        }
        (_, KeyCode::Backspace) => palette.edit(|q| {
            q.pop();
        }),
        (_, KeyCode::Char('u')) if key.modifiers.contains(KeyModifiers::CONTROL) => {
            palette.edit(String::clear);
        }
        _ => {
            if let Some(c) = typed(&key) {
                palette.edit(|q| q.push(c));
            }
        }
    }
    None
}

/// Pasted text joins the query as one line; it never runs anything.
pub fn paste(app: &mut App, pasted: &str) {
    if let Some(palette) = app.palette.as_mut() {
        palette.edit(|q| {
            q.extend(
                pasted
                    .chars()
                    .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
                    .filter(|c| !c.is_control()),
            );
        });
    }
}

/// `Enter`: close the palette and hand over the chosen entry; with no
/// match it stays open and says so.
fn take_chosen(app: &mut App) -> Option<Run> {
    let palette = app.palette.as_ref()?;
    let Some(run) = palette.chosen().map(|e| e.run.clone()) else {
        let query = palette.query.clone();
        app.notify(
            NoticeKind::Info,
            format!("Nothing matches \"{query}\": type less, or Esc to close."),
        );
        return None;
    };
    app.palette = None;
    Some(run)
}
