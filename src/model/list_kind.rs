//! The four lists, in the order of their panes.

/// The four lists, which are also the four panes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ListKind {
    Invites,
    Requests,
    Orgs,
    Channels,
}

impl ListKind {
    pub const ALL: [ListKind; 4] = [
        ListKind::Invites,
        ListKind::Requests,
        ListKind::Orgs,
        ListKind::Channels,
    ];

    pub fn title(self) -> &'static str {
        match self {
            ListKind::Invites => "Invites",
            ListKind::Requests => "Requests",
            ListKind::Orgs => "Orgs",
            ListKind::Channels => "Channels",
        }
    }

    pub fn number(self) -> usize {
        ListKind::ALL.iter().position(|k| *k == self).unwrap_or(0) + 1
    }

    pub fn next(self) -> ListKind {
        ListKind::ALL[self.number() % 4]
    }

    pub fn prev(self) -> ListKind {
        ListKind::ALL[(self.number() + 2) % 4]
    }
}
