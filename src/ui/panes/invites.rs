//! The Invites pane: "Awaiting us" rows first, then "Awaiting them".

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::cells::{left_cell, risk_cell, state_cell, workspace_cell};
use super::pane::{Pane, render_pane};
use crate::app::App;
use crate::model::ListKind;
use crate::model::columns::INVITE_COLUMNS;
use crate::model::invites::{expires_at, other_team, we_invited};
use crate::model::rows::Invite;
use crate::text::time;
use crate::ui::table::{Cell, TableSpec};
use crate::ui::theme::Theme;

fn cells(app: &App, invite: &Invite, ours: &[&str], theme: &Theme) -> Vec<Cell> {
    let other = other_team(invite, ours);
    // A plain-text mark, so "verified" never depends on colour.
    let verified = if other.and_then(|t| t.is_verified) == Some(true) {
        "✓ "
    } else {
        "  "
    };
    // An outgoing invite nobody accepted yet has no other org to name.
    let org = match other {
        Some(team) => team.name.as_deref().unwrap_or(&team.id),
        None => "not accepted yet",
    };
    let channel = invite.channel();
    let private = channel.and_then(|c| c.is_private).unwrap_or(false);
    vec![
        workspace_cell(app, invite.workspace.as_deref()),
        Cell::new(if we_invited(invite, ours) {
            "out"
        } else {
            "in"
        }),
        Cell::new(format!("{verified}{org}")),
        Cell::new(format!(
            "#{}",
            channel.and_then(|c| c.name.as_deref()).unwrap_or("?")
        )),
        Cell::new(if private { "priv" } else { "pub" }),
        Cell::new(if invite.is_external_limited() {
            "post"
        } else {
            "post+inv"
        }),
        left_cell(app.now, expires_at(invite, ours), theme),
        risk_cell(app.invites.list.risk_of(invite.id()), theme),
        Cell::new(time::age(app.now, invite.date_created())),
        Cell::new(invite.inviting_user().map(|u| u.display()).unwrap_or("?")),
        Cell::new(
            invite
                .recipient_email()
                .or(invite.recipient_user_id())
                .unwrap_or("-"),
        ),
    ]
}

pub fn render(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let ours = app.identity.our_ids();
    let list = &app.invites.list;
    let us = app.invites.awaiting_us();
    let cells = |invite: &Invite| cells(app, invite, &ours, theme);
    let state = |invite: &Invite| state_cell(app, ListKind::Invites, invite.id(), theme);
    let pane = Pane {
        kind: ListKind::Invites,
        list,
        title: format!(
            "Invites — {us} awaiting us, {} awaiting them",
            list.items.len() - us
        ),
        empty: "No pending invitations: nothing waits on us or on them.",
        table: TableSpec {
            columns: &INVITE_COLUMNS,
            cells: &cells,
            state: &state,
        },
    };
    render_pane(app, &pane, theme, area, buf);
}
