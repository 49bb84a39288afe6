//! The columns of each pane: titles, widths and which give way first on a
//! narrow terminal. The UI draws them; the config names them.

use super::ListKind;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    pub title: &'static str,
    pub min: u16,
    pub max: u16,
    /// 0 is kept longest; higher numbers give way first on narrow screens.
    pub priority: u8,
    pub right: bool,
}

impl Column {
    pub const fn new(title: &'static str, min: u16, max: u16, priority: u8) -> Column {
        Column {
            title,
            min,
            max,
            priority,
            right: false,
        }
    }

    pub const fn right(mut self) -> Column {
        self.right = true;
        self
    }
}

/// Our workspace, with an org-wide token: the first to give way, since the
/// detail view and every confirmation name it anyway. Shown only when the
/// rows come from several workspaces.
pub const WORKSPACE_COLUMN: Column = Column::new("WORKSPACE", 10, 18, 9);

/// An item's risk signals as words, gravest first, then "+N" for those
/// that do not fit. At least "lookalike +3" and a space: at 80 columns it
/// then stays, after the org and channel, where the age gives way.
pub const RISK_COLUMN: Column = Column::new("RISK", 13, 30, 3);

/// In display order; priority decides what gives way at 80 columns.
pub const INVITE_COLUMNS: [Column; 11] = [
    WORKSPACE_COLUMN,
    Column::new("DIR", 3, 3, 5),
    Column::new("ORG", 16, 28, 1),
    Column::new("CHANNEL", 16, 28, 2),
    Column::new("VIS", 4, 4, 3),
    Column::new("PERM", 8, 8, 4),
    Column::new("EXPIRES", 7, 7, 2),
    RISK_COLUMN,
    Column::new("AGE", 4, 4, 6),
    Column::new("INVITER", 14, 16, 7),
    // Narrow at its least: most rows have no recipient address, and at 120
    // columns an org-wide token's workspace column then fits beside RISK.
    Column::new("RECIPIENT", 12, 30, 8),
];

pub const REQUEST_COLUMNS: [Column; 9] = [
    WORKSPACE_COLUMN,
    Column::new("REQUESTER", 12, 22, 3),
    Column::new("CHANNEL", 14, 28, 1),
    Column::new("VIS", 4, 4, 4),
    Column::new("INVITE GOES TO", 18, 34, 1),
    Column::new("PERM", 8, 8, 3),
    Column::new("AGE", 4, 4, 5),
    Column::new("EXPIRES", 7, 7, 2),
    RISK_COLUMN,
];

pub const ORG_COLUMNS: [Column; 8] = [
    Column::new("NAME", 14, 30, 1),
    Column::new("DOMAIN", 10, 20, 4),
    Column::new("STATUS", 12, 12, 2),
    Column::new("PUB", 4, 4, 3).right(),
    Column::new("PRIV", 4, 4, 3).right(),
    Column::new("DMS", 4, 4, 5).right(),
    Column::new("GDMS", 4, 4, 6).right(),
    Column::new("ACTIVE", 6, 6, 3).right(),
];

pub const CHANNEL_COLUMNS: [Column; 6] = [
    Column::new("CHANNEL", 14, 30, 1),
    Column::new("VIS", 4, 4, 2),
    Column::new("CONNECTED ORGS", 16, 44, 1),
    Column::new("MEMBERS", 7, 7, 3).right(),
    Column::new("EXT", 5, 5, 5).right(),
    Column::new("ACTIVE", 6, 6, 4).right(),
];

/// A column's name in the config file: its title in lower case, `_` for spaces.
pub fn column_key(title: &str) -> String {
    title.to_ascii_lowercase().replace(' ', "_")
}

/// Every column a pane can show, in its default order.
pub fn pane_columns(pane: ListKind) -> &'static [Column] {
    match pane {
        ListKind::Invites => &INVITE_COLUMNS,
        ListKind::Requests => &REQUEST_COLUMNS,
        ListKind::Orgs => &ORG_COLUMNS,
        ListKind::Channels => &CHANNEL_COLUMNS,
    }
}

/// The config names of a pane's columns, in default order.
pub fn column_keys(pane: ListKind) -> Vec<String> {
    pane_columns(pane)
        .iter()
        .map(|c| column_key(c.title))
        .collect()
}
