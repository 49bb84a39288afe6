//! The Requests pane: members asking to invite someone outside.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::cells::{left_cell, risk_cell, state_cell, workspace_cell};
use super::pane::{Pane, render_pane};
use crate::app::App;
use crate::model::ListKind;
use crate::model::columns::REQUEST_COLUMNS;
use crate::model::requests::is_external_limited;
use crate::model::rows::Request;
use crate::text::time;
use crate::ui::table::{Cell, TableSpec};
use crate::ui::theme::Theme;

fn cells(app: &App, request: &Request, theme: &Theme) -> Vec<Cell> {
    let channel = request.channel.as_ref();
    let private = channel.and_then(|c| c.is_private).unwrap_or(false);
    vec![
        workspace_cell(app, request.workspace.as_deref()),
        Cell::new(
            request
                .inviting_user
                .as_deref()
                .map(|u| u.display())
                .unwrap_or("?"),
        ),
        Cell::new(format!(
            "#{}",
            channel.and_then(|c| c.name.as_deref()).unwrap_or("?")
        )),
        Cell::new(if private { "priv" } else { "pub" }),
        Cell::new(request.recipient_email().unwrap_or("-")),
        Cell::new(if is_external_limited(request) {
            "post"
        } else {
            "post+inv"
        }),
        Cell::new(time::age(app.now, request.date_created)),
        left_cell(app.now, request.expires_at, theme),
        risk_cell(app.requests.list.risk_of(&request.id), theme),
    ]
}

pub fn render(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let list = &app.requests.list;
    let cells = |request: &Request| cells(app, request, theme);
    let state = |request: &Request| state_cell(app, ListKind::Requests, &request.id, theme);
    let pane = Pane {
        kind: ListKind::Requests,
        list,
        title: format!("Requests — {} waiting for an admin", list.items.len()),
        empty: "No requests wait for an admin.",
        table: TableSpec {
            columns: &REQUEST_COLUMNS,
            cells: &cells,
            state: &state,
        },
    };
    render_pane(app, &pane, theme, area, buf);
}
