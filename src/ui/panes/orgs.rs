//! The Orgs pane: external organizations and what we share with each.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::cells::state_cell;
use super::pane::{Pane, render_pane};
use crate::app::App;
use crate::model::ListKind;
use crate::model::columns::ORG_COLUMNS;
use crate::model::orgs::{ChannelCounts, display_name};
use crate::model::rows::Org;
use crate::text::time;
use crate::ui::table::{Cell, TableSpec};
use crate::ui::theme::Theme;

fn cells(app: &App, org: &Org, theme: &Theme) -> Vec<Cell> {
    let counts = ChannelCounts::of(org);
    let status = org.connection_status.as_deref().unwrap_or("?");
    let status = if status == "CONNECTED" {
        Cell::new(status)
    } else {
        Cell::styled(status, theme.soon)
    };
    vec![
        Cell::new(display_name(org)),
        Cell::new(org.team_domain.as_deref().unwrap_or("-")),
        status,
        Cell::new(counts.public.to_string()),
        Cell::new(counts.private.to_string()),
        Cell::new(counts.dms.to_string()),
        Cell::new(counts.group_dms.to_string()),
        Cell::new(time::age(app.now, org.last_active_timestamp)),
    ]
}

pub fn render(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let list = &app.orgs.list;
    let connected = list
        .items
        .iter()
        .filter(|o| o.connection_status.as_deref() == Some("CONNECTED"))
        .count();
    let cells = |org: &Org| cells(app, org, theme);
    let state = |org: &Org| state_cell(app, ListKind::Orgs, &org.team_id, theme);
    let pane = Pane {
        kind: ListKind::Orgs,
        list,
        title: format!(
            "Orgs — {} external, {connected} connected",
            list.items.len()
        ),
        empty: "No external orgs: we are not connected to anyone.",
        table: TableSpec {
            columns: &ORG_COLUMNS,
            cells: &cells,
            state: &state,
        },
    };
    render_pane(app, &pane, theme, area, buf);
}
