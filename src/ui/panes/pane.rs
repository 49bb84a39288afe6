//! A pane: its title line (what it is, filter, marks, load status, order,
//! refresh), then the table in the config's columns, or in place of the
//! table what went wrong, that it is loading, or that it is empty.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::app::App;
use crate::app::flow::refresh;
use crate::app::list::{ListData, LoadState};
use crate::model::ListKind;
use crate::model::columns::{WORKSPACE_COLUMN, column_key};
use crate::model::rows::Row;
use crate::text::sanitize;
use crate::text::time;
use crate::ui::table::{self, Cell, TableSpec};
use crate::ui::text::thousands;
use crate::ui::theme::Theme;

/// "loaded 2m ago", "loaded 1,500 of 14,823…", "loading… 1,500",
/// "cached 3h ago · refreshing… 1,500", "could not load".
pub fn load_words<T: Row>(list: &ListData<T>, now: i64) -> String {
    let cached = list
        .cached_at
        .map(|at| format!("cached {} ago · ", time::short(now - at)))
        .unwrap_or_default();
    match &list.load {
        LoadState::Idle => cached.trim_end_matches(" · ").to_owned(),
        LoadState::Loading => {
            let verb = if list.highlight_new || list.cached_at.is_some() {
                "refreshing"
            } else {
                "loaded"
            };
            match list.total {
                Some(total) => format!(
                    "{cached}{verb} {} of {}…",
                    thousands(list.fetched),
                    thousands(total as usize)
                ),
                None if verb == "loaded" => format!("{cached}loading… {}", thousands(list.fetched)),
                None => format!("{cached}{verb}… {}", thousands(list.fetched)),
            }
        }
        LoadState::Loaded => match list.loaded_at {
            Some(at) => format!("loaded {} ago", time::short(now - at)),
            None => String::new(),
        },
        LoadState::Failed(_) => match list.rate_limited_until() {
            Some(until) => format!("{cached}rate-limited, {} left", time::short(until - now)),
            None => format!("{cached}could not load"),
        },
    }
}

/// The pane's title line, most important parts first; parts that do not
/// fit are left out whole rather than cut.
fn title_line<T: Row>(app: &App, pane: &Pane<'_, T>, width: usize) -> String {
    let list = pane.list;
    if app.filtering && app.pane == pane.kind {
        return format!(
            "/{}▏ {} of {} match — Enter keeps the filter, Esc clears it",
            list.filter_text,
            thousands(list.view.len()),
            thousands(list.items.len())
        );
    }
    let mut parts: Vec<(u8, String)> = vec![(0, pane.title.clone())];
    if !list.filter.is_empty() {
        parts.push((
            0,
            format!(
                "filter /{}: {} of {}",
                list.filter_text.trim(),
                thousands(list.view.len()),
                thousands(list.items.len())
            ),
        ));
    }
    if !list.marks.is_empty() {
        parts.push((0, format!("{} marked", thousands(list.marks.len()))));
    }
    if list.soon > 0 {
        parts.push((2, format!("{} expiring <24h!", thousands(list.soon))));
    }
    parts.push((1, load_words(list, app.now)));
    // The pane's own order goes without saying; another one is said early.
    let sorted = format!("sorted by {}", list.sort.describe(pane.kind));
    if list.sort == crate::model::sort::SortState::default_for(pane.kind) {
        parts.push((3, sorted));
    } else {
        parts.insert(1, (0, sorted));
    }
    if !list.fresh.is_empty() {
        parts.push((2, format!("{} new (+)", thousands(list.fresh.len()))));
    }
    if app.queued_refresh.contains(&pane.kind) {
        parts.push((1, "refresh queued".to_owned()));
    } else if let Some(at) = refresh::next_auto(app, pane.kind).filter(|&at| at > app.now) {
        parts.push((4, format!("next refresh in {}", time::short(at - app.now))));
    }
    parts.retain(|(_, text)| !text.is_empty());
    let joined = |parts: &[(u8, String)]| {
        parts
            .iter()
            .map(|(_, t)| t.as_str())
            .collect::<Vec<_>>()
            .join(" · ")
    };
    // Leave out one part at a time, least important (and last) first.
    while parts.len() > 1 && sanitize::width(&joined(&parts)) > width {
        let drop = parts
            .iter()
            .enumerate()
            .max_by_key(|(at, (priority, _))| (*priority, *at))
            .map_or(0, |(at, _)| at);
        if parts[drop].0 == 0 {
            break;
        }
        parts.remove(drop);
    }
    joined(&parts)
}

/// One line per workspace of ours the pane's last load could not read
/// (the last of them says how many more), so its rows' absence is never
/// mistaken for "nothing pending there".
fn unreadable_lines(app: &App, kind: ListKind) -> Vec<String> {
    let noun = kind.title().to_lowercase();
    let mut lines = workspace_lines(app, kind, &noun);
    if let Some(skipped) = app.skipped.get(&kind).filter(|s| !s.is_empty()) {
        let named: Vec<String> = skipped.iter().take(3).map(ToString::to_string).collect();
        let more = match skipped.len() {
            n if n > 3 => format!(" and {} more", n - 3),
            _ => String::new(),
        };
        lines.push(format!(
            "✗ {} of the {noun} Slack sent could not be read and {} not shown: {}{more}",
            skipped.len(),
            if skipped.len() == 1 { "is" } else { "are" },
            named.join(", ")
        ));
    }
    lines
}

/// A line per workspace the list could not be read from.
fn workspace_lines(app: &App, kind: ListKind, noun: &str) -> Vec<String> {
    let Some(entries) = app.unreadable.get(&kind) else {
        return Vec::new();
    };
    let shown = entries.len().min(crate::app::MAX_UNREADABLE_LINES);
    let mut lines: Vec<String> = entries
        .iter()
        .take(shown)
        .map(|u| {
            format!(
                "✗ Workspace {}: its {noun} could not be read: {}",
                u.workspace, u.why
            )
        })
        .collect();
    if entries.len() > shown
        && let Some(last) = lines.last_mut()
    {
        *last = format!(
            "✗ and {} more workspaces whose {noun} could not be read",
            entries.len() - shown + 1
        );
    }
    lines
}

/// A pane: its title line, then the table, or in place of the table what
/// went wrong / that it is loading / that it is empty.
pub fn render_pane<T: Row>(
    app: &App,
    pane: &Pane<'_, T>,
    theme: &Theme,
    area: Rect,
    buf: &mut Buffer,
) {
    if area.height == 0 {
        return;
    }
    let Pane {
        kind,
        list,
        empty,
        ref table,
        ..
    } = *pane;
    let title = title_line(app, pane, area.width as usize);
    buf.set_line(
        area.x,
        area.y,
        &Line::styled(sanitize::sanitize(&title, area.width as usize), theme.title),
        area.width,
    );
    let mut rest = Rect::new(area.x, area.y + 1, area.width, area.height - 1);
    for line in unreadable_lines(app, kind) {
        if rest.height <= 1 {
            break;
        }
        buf.set_line(
            rest.x,
            rest.y,
            &Line::styled(sanitize::sanitize(&line, rest.width as usize), theme.error),
            rest.width,
        );
        rest = Rect::new(rest.x, rest.y + 1, rest.width, rest.height - 1);
    }
    if let LoadState::Failed(error) = &list.load {
        let text = vec![
            Line::styled(
                sanitize::clean(&match list.rate_limited_until() {
                    Some(until) => {
                        crate::model::list_kind::rate_limited(kind, error, until, app.now)
                    }
                    None => crate::model::list_kind::load_failure(kind, error),
                }),
                theme.error,
            ),
            Line::raw(""),
            Line::styled(
                match app
                    .keymap
                    .keys_for(crate::keys::keymap::Action::Refresh)
                    .first()
                {
                    Some(key) if list.rate_limited_until().is_some() => format!(
                        "The other panes keep working. After that time, press {key} to load them."
                    ),
                    Some(key) => {
                        format!("The other panes keep working. Press {key} to try again.")
                    }
                    None => "The other panes keep working.".to_owned(),
                },
                theme.muted,
            ),
        ];
        Paragraph::new(text)
            .wrap(Wrap { trim: false })
            .render(rest, buf);
        return;
    }
    if list.view.is_empty() {
        let text = if !list.filter.is_empty() && !list.items.is_empty() {
            "Nothing matches the filter. Esc clears it.".to_owned()
        } else if list.is_loading() || matches!(list.load, LoadState::Idle) {
            format!("Loading {} from Slack…", kind.title().to_lowercase())
        } else {
            empty.to_owned()
        };
        buf.set_line(rest.x, rest.y, &Line::styled(text, theme.muted), rest.width);
        return;
    }
    // The config's columns for this pane, in its order. The workspace
    // column says something only when the rows come from several.
    let keys = &app.config.columns.get(kind);
    let workspace = column_key(WORKSPACE_COLUMN.title);
    let several_workspaces = app.workspaces.len() > 1;
    let shown = |title: &str| several_workspaces || column_key(title) != workspace;
    let mut chosen: Vec<usize> = keys
        .iter()
        .filter_map(|k| {
            table
                .columns
                .iter()
                .position(|c| column_key(c.title) == **k)
        })
        .filter(|&i| shown(table.columns[i].title))
        .collect();
    if chosen.is_empty() {
        chosen = (0..table.columns.len())
            .filter(|&i| shown(table.columns[i].title))
            .collect();
    }
    if chosen.len() == table.columns.len() && chosen.iter().enumerate().all(|(i, c)| i == *c) {
        table::render(list, table, theme, rest, buf);
        return;
    }
    let columns: Vec<crate::model::columns::Column> =
        chosen.iter().map(|&i| table.columns[i]).collect();
    let all_cells = table.cells;
    let cells = |item: &T| {
        let mut all: Vec<Option<Cell>> = all_cells(item).into_iter().map(Some).collect();
        chosen
            .iter()
            .map(|&i| {
                all.get_mut(i)
                    .and_then(Option::take)
                    .unwrap_or_else(|| Cell::new(""))
            })
            .collect()
    };
    let picked = TableSpec {
        columns: &columns,
        cells: &cells,
        state: table.state,
    };
    table::render(list, &picked, theme, rest, buf);
}

/// What a pane hands to [`render_pane`].
pub struct Pane<'a, T> {
    pub kind: ListKind,
    pub list: &'a ListData<T>,
    /// "Invites — 2 awaiting us"; the load status is added after it.
    pub title: String,
    /// Said in place of the table when the list is loaded and empty.
    pub empty: &'a str,
    pub table: TableSpec<'a, T>,
}
