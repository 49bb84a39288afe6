//! The Channels pane: channels shared with other orgs.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::cells::state_cell;
use super::pane::{Pane, render_pane};
use crate::app::App;
use crate::model::ListKind;
use crate::model::channels::{external_teams, is_private, last_activity};
use crate::model::columns::CHANNEL_COLUMNS;
use crate::model::rows::Channel;
use crate::text::time;
use crate::ui::table::{Cell, TableSpec};
use crate::ui::theme::Theme;

fn cells(app: &App, channel: &Channel, ours: &[&str]) -> Vec<Cell> {
    let orgs: Vec<&str> = external_teams(channel, ours)
        .into_iter()
        .map(|id| app.team_name(id))
        .collect();
    let count = |n: Option<i64>| n.map_or("-".to_owned(), |n| n.to_string());
    vec![
        Cell::new(format!(
            "#{}",
            channel.name.as_deref().unwrap_or(&channel.id)
        )),
        Cell::new(if is_private(channel) { "priv" } else { "pub" }),
        Cell::new(if orgs.is_empty() {
            "-".to_owned()
        } else {
            orgs.join(", ")
        }),
        Cell::new(count(channel.members)),
        Cell::new(count(channel.external_user_count)),
        Cell::new(time::age(app.now, last_activity(channel))),
    ]
}

pub fn render(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let ours = app.identity.our_ids();
    let list = &app.channels.list;
    let cells = |channel: &Channel| cells(app, channel, &ours);
    let state = |channel: &Channel| state_cell(app, ListKind::Channels, &channel.id, theme);
    let pane = Pane {
        kind: ListKind::Channels,
        list,
        title: format!("Channels — {} shared with other orgs", list.items.len()),
        empty: "No channels are shared with other orgs.",
        table: TableSpec {
            columns: &CHANNEL_COLUMNS,
            cells: &cells,
            state: &state,
        },
    };
    render_pane(app, &pane, theme, area, buf);
}
