//! Org rules: the name to show and what we share with an org.

use crate::model::rows::{InlineText, Org};
use crate::model::sort::RowKeys;
use crate::text::sanitize::{clean, is_invisible};

/// What the admin types to confirm disconnecting an org: its name when it
/// shows as it is, else its team ID. A name made of invisible characters
/// cannot be typed at all, and one with an escape in it shows as something
/// else than it is, so typing what is shown would never match.
pub fn confirm_text<'a>(name: &'a str, team_id: &'a str) -> &'a str {
    let shown = clean(name);
    if shown.trim().is_empty() || shown != name {
        team_id
    } else {
        name
    }
}

/// Whether `typed` is `expected`, spaces around it and characters nobody
/// means to type (controls, zero-width, bidi) aside.
pub fn typed_confirms(typed: &str, expected: &str) -> bool {
    let visible: String = typed
        .chars()
        .filter(|c| !c.is_control() && !is_invisible(*c))
        .collect();
    !expected.trim().is_empty() && visible.trim() == expected.trim()
}

/// What disconnecting an org cuts, from its channel counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ChannelCounts {
    pub public: i64,
    pub private: i64,
    pub dms: i64,
    pub group_dms: i64,
}

impl ChannelCounts {
    pub fn of(org: &Org) -> ChannelCounts {
        ChannelCounts {
            public: org.public_channel_count.unwrap_or(0),
            private: org.private_channel_count.unwrap_or(0),
            dms: org.im_channel_count.unwrap_or(0),
            group_dms: org.mpim_channel_count.unwrap_or(0),
        }
    }

    pub fn channels(&self) -> i64 {
        self.public + self.private
    }

    /// "3 public, 1 private channels, 2 DMs, 0 group DMs".
    pub fn describe(&self) -> String {
        use crate::text::words::counted;
        format!(
            "{} public, {}, {}, {}",
            self.public,
            counted(self.private, "private channel", "private channels"),
            counted(self.dms, "DM", "DMs"),
            counted(self.group_dms, "group DM", "group DMs")
        )
    }
}

pub fn display_name(org: &Org) -> &str {
    org.team_name
        .as_deref()
        .filter(|n| !n.is_empty())
        .unwrap_or(&org.team_id)
}

/// What an org row is sorted by: name, or least recently active first.
pub fn keys(org: &Org) -> RowKeys {
    RowKeys {
        group: 0,
        expires: i64::MAX,
        when: org
            .last_active_timestamp
            .filter(|&t| t > 0)
            .unwrap_or(i64::MAX),
        org: InlineText::from(
            org.team_name
                .as_deref()
                .filter(|n| !n.is_empty())
                .unwrap_or(&org.team_id),
        ),
        ..RowKeys::default()
    }
}
