//! Drawing a list as a table: only the visible rows are built, columns give
//! way by priority when the terminal is narrow, and every cell passes
//! through `sanitize` and is cut to its column.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::theme::Theme;
use crate::app::list::{DisplayLine, ListData};
use crate::model::columns::Column;
use crate::model::rows::Row;
use crate::text::sanitize::{fit, sanitize};

/// Columns between cells.
const SPACING: u16 = 1;
/// The marker columns: `>` on the selected row, then `*` on a marked row
/// or `+` on a row new since the last refresh, then a space.
const GUTTER: u16 = 3;

/// One cell: raw text (remote text allowed, it is sanitized when drawn) and a style.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    pub text: String,
    pub style: Style,
    /// The text is words in order of importance: show the whole words that
    /// fit and count the rest ("lookalike +3") rather than cut one.
    pub counted: bool,
}

impl Cell {
    pub fn new(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            style: Style::new(),
            counted: false,
        }
    }

    pub fn styled(text: impl Into<String>, style: Style) -> Cell {
        Cell {
            text: text.into(),
            style,
            counted: false,
        }
    }

    /// Words, most important first, that give way from the last.
    pub fn words(words: &[&str], style: Style) -> Cell {
        Cell {
            text: words.join(" "),
            style,
            counted: true,
        }
    }
}

/// The whole words of `text` that fit in `width` with " +N" for the
/// words left out; when not even the first fits with its count, the text
/// as it is (to be cut).
fn counted_words(text: &str, width: usize) -> String {
    use crate::text::sanitize::width as cells;
    if cells(text) <= width {
        return text.to_owned();
    }
    let words: Vec<&str> = text.split(' ').collect();
    for keep in (1..words.len()).rev() {
        let shown = words[..keep].join(" ");
        let rest = format!(" +{}", words.len() - keep);
        if cells(&shown) + rest.len() <= width {
            return shown + &rest;
        }
    }
    text.to_owned()
}

/// Widths for the columns that fit in `width` (None = hidden). Columns are
/// dropped from the highest priority number until the minimum widths fit;
/// the space left grows the most important columns first, up to their max.
pub fn fit_columns(columns: &[Column], width: u16) -> Vec<Option<u16>> {
    let available = width.saturating_sub(GUTTER);
    let mut shown: Vec<bool> = vec![true; columns.len()];
    let needed = |shown: &[bool]| -> u16 {
        let widths: u16 = columns
            .iter()
            .zip(shown)
            .filter(|(_, s)| **s)
            .map(|(c, _)| c.min)
            .sum();
        let count = shown.iter().filter(|s| **s).count() as u16;
        widths + SPACING * count.saturating_sub(1)
    };
    while needed(&shown) > available {
        let drop = columns
            .iter()
            .enumerate()
            .filter(|(i, _)| shown[*i])
            .max_by_key(|(i, c)| (c.priority, *i))
            .map(|(i, _)| i);
        match drop {
            Some(i) => shown[i] = false,
            None => break,
        }
    }
    let mut widths: Vec<Option<u16>> = columns
        .iter()
        .zip(&shown)
        .map(|(c, s)| s.then_some(c.min))
        .collect();
    let mut spare = available.saturating_sub(needed(&shown));
    let mut order: Vec<usize> = (0..columns.len()).filter(|&i| shown[i]).collect();
    order.sort_by_key(|&i| (columns[i].priority, i));
    // One column at a time, most important first, so spare room is shared
    // instead of all going to the first column.
    while spare > 0 {
        let mut grew = false;
        for &i in &order {
            let Some(w) = widths[i].as_mut() else {
                continue;
            };
            if spare > 0 && *w < columns[i].max {
                *w += 1;
                spare -= 1;
                grew = true;
            }
        }
        if !grew {
            break;
        }
    }
    widths
}

/// Everything a pane gives to draw its rows.
pub struct TableSpec<'a, T> {
    pub columns: &'a [Column],
    pub cells: &'a dyn Fn(&T) -> Vec<Cell>,
    /// A decision state for the row ("approving…", "✗ invite_not_found").
    pub state: &'a dyn Fn(&T) -> Option<Cell>,
}

/// Narrow at 80 columns so the row keeps its org and channel; a cut error
/// code is whole in the notice and the detail view.
const STATE_COLUMN: Column = Column::new("STATE", 13, 28, 0);

/// Draw column headings and the visible rows of `list` into `area`.
pub fn render<T: Row>(
    list: &ListData<T>,
    spec: &TableSpec<'_, T>,
    theme: &Theme,
    area: Rect,
    buf: &mut Buffer,
) {
    if area.height == 0 {
        return;
    }
    let rows_area = area.height.saturating_sub(1) as usize;
    let visible: Vec<DisplayLine> = (list.offset..list.offset + rows_area)
        .map_while(|line| list.display_line(line))
        .collect();
    let states: Vec<Option<Cell>> = visible
        .iter()
        .map(|line| match line {
            DisplayLine::Row(pos) => {
                let item = &list.items[list.view[*pos] as usize];
                // A decision's state says more than "new"; else a row that
                // arrived or changed live says so in words.
                (spec.state)(item).or_else(|| {
                    list.live_tag(item.id())
                        .map(|tag| Cell::styled(tag.word(), theme.fresh))
                })
            }
            DisplayLine::Heading(_) => None,
        })
        .collect();
    let with_state = states.iter().any(Option::is_some);
    let mut columns: Vec<Column> = spec.columns.to_vec();
    if with_state {
        columns.push(STATE_COLUMN);
    }
    let widths = fit_columns(&columns, area.width);

    let header = row_line(
        "   ",
        columns
            .iter()
            .map(|c| Cell::styled(c.title, theme.column_header))
            .collect(),
        &columns,
        &widths,
    );
    buf.set_line(area.x, area.y, &header, area.width);

    for (n, (line, state)) in visible.iter().zip(states).enumerate() {
        let y = area.y + 1 + n as u16;
        match *line {
            DisplayLine::Heading(index) => {
                let section = &list.sections[index];
                let rule = theme.rule();
                let label = format!("{rule}{rule} {} ({}) ", section.label, section.len);
                let fill = rule.repeat(
                    (area.width as usize).saturating_sub(crate::text::sanitize::width(&label)),
                );
                buf.set_line(
                    area.x,
                    y,
                    &Line::styled(format!("{label}{fill}"), theme.heading),
                    area.width,
                );
            }
            DisplayLine::Row(pos) => {
                let item = &list.items[list.view[pos] as usize];
                let mut cells = (spec.cells)(item);
                if with_state {
                    cells.push(state.unwrap_or_else(|| Cell::new("")));
                }
                let selected = pos == list.selected;
                let marked = list.marks.contains(item.id());
                let fresh = !marked
                    && (list.fresh.contains(item.id()) || list.live.contains_key(item.id()));
                let gutter = match (selected, marked, fresh) {
                    (true, true, _) => ">* ",
                    (true, false, true) => ">+ ",
                    (true, false, false) => ">  ",
                    (false, true, _) => " * ",
                    (false, false, true) => " + ",
                    (false, false, false) => "   ",
                };
                let mut rendered = row_line(gutter, cells, &columns, &widths);
                if marked {
                    rendered = rendered.patch_style(theme.marked);
                } else if fresh {
                    rendered = rendered.patch_style(theme.fresh);
                }
                if selected {
                    rendered = rendered.patch_style(theme.selected);
                }
                buf.set_line(area.x, y, &rendered, area.width);
            }
        }
    }
}

fn row_line(
    gutter: &'static str,
    cells: Vec<Cell>,
    columns: &[Column],
    widths: &[Option<u16>],
) -> Line<'static> {
    let mut spans = vec![Span::raw(gutter)];
    let mut first = true;
    for ((cell, column), width) in cells.into_iter().zip(columns).zip(widths) {
        let Some(width) = *width else { continue };
        if !first {
            spans.push(Span::raw(" ".repeat(SPACING as usize)));
        }
        first = false;
        let width = width as usize;
        let text = if column.right {
            let text = sanitize(&cell.text, width);
            format!(
                "{}{text}",
                " ".repeat(width.saturating_sub(crate::text::sanitize::width(&text)))
            )
        } else if cell.counted {
            fit(&counted_words(&cell.text, width), width)
        } else {
            fit(&cell.text, width)
        };
        spans.push(Span::styled(text, cell.style));
    }
    Line::from(spans)
}

#[cfg(test)]
mod tests {
    use super::*;

    const COLUMNS: [Column; 3] = [
        Column::new("A", 10, 20, 1),
        Column::new("B", 10, 30, 2),
        Column::new("C", 10, 10, 3),
    ];

    #[test]
    fn low_priority_columns_give_way_first() {
        assert_eq!(
            fit_columns(&COLUMNS, 3 + 32),
            vec![Some(10), Some(10), Some(10)]
        );
        assert_eq!(
            fit_columns(&COLUMNS, 3 + 31),
            vec![Some(15), Some(15), None]
        );
        assert_eq!(fit_columns(&COLUMNS, 3 + 15), vec![Some(15), None, None]);
        assert_eq!(fit_columns(&COLUMNS, 5), vec![None, None, None]);
    }

    #[test]
    fn counted_words_keep_whole_words_and_count_the_rest() {
        let text = "lookalike unverified first broad";
        assert_eq!(counted_words(text, 40), text);
        assert_eq!(counted_words(text, 26), "lookalike unverified +2");
        assert_eq!(counted_words(text, 13), "lookalike +3");
        // Not even one word and its count: cut as any text is.
        assert_eq!(counted_words(text, 8), text);
        assert_eq!(counted_words("busy", 4), "busy");
    }

    #[test]
    fn spare_room_is_shared_up_to_each_max() {
        let widths = fit_columns(&COLUMNS, 3 + 100);
        assert_eq!(widths, vec![Some(20), Some(30), Some(10)]);
    }
}
