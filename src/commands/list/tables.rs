//! How each list is shown as a table: its columns and one row per item,
//! every cell cleaned and cut to its display width.

use time::OffsetDateTime;

use crate::slack::models::{ConnectInvite, ExternalOrg, InviteRequest, SharedChannel};
// The one sanitizer the TUI uses too: a name shows the same everywhere.
use crate::text::sanitize::{clean, fit};

/// How one kind of item is shown as a table row.
pub(super) struct Table<T> {
    /// Header and width; the last column takes what is left.
    pub(super) columns: &'static [(&'static str, usize)],
    pub(super) row: fn(&T, i64) -> Vec<String>,
}

pub(super) fn header<T>(table: &Table<T>) -> String {
    format_row(
        table.columns,
        table.columns.iter().map(|(h, _)| (*h).to_owned()).collect(),
    )
}

pub(super) fn format_row(columns: &[(&str, usize)], cells: Vec<String>) -> String {
    let mut line = String::new();
    let last = columns.len().saturating_sub(1);
    for (i, ((_, width), cell)) in columns.iter().zip(cells).enumerate() {
        if i == last {
            line.push_str(&clean(&cell));
        } else {
            line.push_str(&fit(&cell, *width));
            line.push_str("  ");
        }
    }
    line.trim_end().to_owned()
}

fn date(ts: Option<i64>) -> String {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    ts.filter(|t| *t > 0)
        .and_then(|t| OffsetDateTime::from_unix_timestamp(t).ok())
        .and_then(|d| d.format(format).ok())
        .unwrap_or_else(|| "-".to_owned())
}

/// "in 5h", "3d ago": how far `ts` is from `now`, coarsely.
fn relative(ts: Option<i64>, now: i64) -> String {
    let Some(ts) = ts.filter(|t| *t > 0) else {
        return "-".to_owned();
    };
    let delta = ts - now;
    let abs = delta.unsigned_abs();
    let amount = match abs {
        0..60 => format!("{abs}s"),
        60..3_600 => format!("{}m", abs / 60),
        3_600..86_400 => format!("{}h", abs / 3_600),
        _ => format!("{}d", abs / 86_400),
    };
    if delta >= 0 {
        format!("in {amount}")
    } else {
        format!("{amount} ago")
    }
}

fn dated(ts: Option<i64>, now: i64) -> String {
    match ts.filter(|t| *t > 0) {
        Some(_) => format!("{} ({})", date(ts), relative(ts, now)),
        None => "-".to_owned(),
    }
}

fn or_dash(s: Option<&str>) -> String {
    s.filter(|s| !s.is_empty()).unwrap_or("-").to_owned()
}

pub(super) const INVITES: Table<ConnectInvite> = Table {
    columns: &[
        ("ID", 12),
        ("DIRECTION", 9),
        ("STATUS", 16),
        ("ORG", 24),
        ("CHANNEL", 22),
        ("CREATED", 10),
        ("EXPIRES", 0),
    ],
    row: |i, now| {
        let acceptance = i.acceptances.first();
        // The other side: who invited us, or who accepted our invite.
        let org = if i.is_incoming() {
            i.inviting_team().and_then(|t| t.name.clone())
        } else {
            acceptance
                .and_then(|a| a.accepting_team.as_ref())
                .and_then(|t| t.name.clone())
                .or_else(|| i.recipient_email().map(str::to_owned))
        };
        let status = acceptance
            .and_then(|a| a.approval_status.as_deref())
            .or(i.status.as_deref());
        vec![
            i.id().to_owned(),
            or_dash(i.direction.as_deref()),
            or_dash(status),
            or_dash(org.as_deref()),
            i.channel()
                .and_then(|c| c.name.as_deref())
                .map_or_else(|| "-".to_owned(), |n| format!("#{n}")),
            date(i.date_created()),
            dated(i.date_invalid(), now),
        ]
    },
};

pub(super) const REQUESTS: Table<InviteRequest> = Table {
    columns: &[
        ("ID", 12),
        ("REQUESTER", 22),
        ("RECIPIENT", 28),
        ("CHANNEL", 22),
        ("CREATED", 10),
        ("EXPIRES", 0),
    ],
    row: |r, now| {
        vec![
            r.id.clone(),
            r.inviting_user
                .as_ref()
                .map_or_else(|| "-".to_owned(), |u| u.display().to_owned()),
            or_dash(r.recipient_email()),
            r.channel
                .as_ref()
                .and_then(|c| c.name.as_deref())
                .map_or_else(|| "-".to_owned(), |n| format!("#{n}")),
            date(r.date_created),
            dated(r.expires_at, now),
        ]
    },
};

pub(super) const TEAMS: Table<ExternalOrg> = Table {
    columns: &[
        ("TEAM", 12),
        ("NAME", 28),
        ("DOMAIN", 20),
        ("STATUS", 13),
        ("CHANNELS", 8),
        ("LAST ACTIVE", 0),
    ],
    row: |o, now| {
        let channels = o.public_channel_count.unwrap_or(0) + o.private_channel_count.unwrap_or(0);
        vec![
            o.team_id.clone(),
            or_dash(o.team_name.as_deref()),
            or_dash(o.team_domain.as_deref()),
            or_dash(o.connection_status.as_deref()),
            channels.to_string(),
            dated(o.last_active_timestamp, now),
        ]
    },
};

pub(super) const CHANNELS: Table<SharedChannel> = Table {
    columns: &[
        ("ID", 12),
        ("NAME", 28),
        ("PRIVACY", 7),
        ("MEMBERS", 7),
        ("CONNECTED TEAMS", 30),
        ("CREATED", 0),
    ],
    row: |c, _now| {
        let privacy = if c.is_private == Some(true) {
            "private"
        } else {
            "public"
        };
        vec![
            c.id.clone(),
            c.name
                .as_deref()
                .map_or_else(|| "-".to_owned(), |n| format!("#{n}")),
            privacy.to_owned(),
            c.members()
                .map_or_else(|| "-".to_owned(), |m| m.to_string()),
            if c.connected_team_ids.is_empty() {
                "-".to_owned()
            } else {
                c.connected_team_ids.join(",")
            },
            date(c.created),
        ]
    },
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_cut_and_padded_by_display_width() {
        assert_eq!(fit("abc", 5), "abc  ");
        assert_eq!(fit("abcdef", 4), "abc…");
        assert_eq!(fit("日本語です", 5), "日本…");
        assert_eq!(fit("日本", 5), "日本 ");
    }

    #[test]
    fn rows_are_cleaned_of_terminal_tricks() {
        let row = format_row(
            &[("A", 6), ("B", 0)],
            vec!["x\u{1b}[2Jy".into(), "evil\u{202E}txt\n".into()],
        );
        assert_eq!(row, "x␛[2Jy  evil\u{FFFD}txt␊");
    }

    #[test]
    fn dates_are_iso_and_relative() {
        let now = 1_700_000_000;
        assert_eq!(date(Some(now)), "2023-11-14");
        assert_eq!(relative(Some(now + 5 * 3_600 + 10), now), "in 5h");
        assert_eq!(relative(Some(now - 3 * 86_400), now), "3d ago");
        assert_eq!(dated(None, now), "-");
    }

    #[test]
    fn invite_rows_name_the_other_side() {
        let invite: ConnectInvite = serde_json::from_str(
            r#"{"direction":"incoming","status":"sent",
                "invite":{"id":"I1","date_created":1700000000,"date_invalid":1700086400,
                  "inviting_team":{"id":"T9","name":"Globex"}},
                "channel":{"id":"C1","name":"deals"}}"#,
        )
        .unwrap();
        let row = (INVITES.row)(&invite, 1_700_000_000);
        assert_eq!(row[0], "I1");
        assert_eq!(row[3], "Globex");
        assert_eq!(row[4], "#deals");
        assert_eq!(row[6], "2023-11-15 (in 1d)");
    }
}
