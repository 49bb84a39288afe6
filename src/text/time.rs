//! Ages and time left, in words that fit a narrow column.
//!
//! "Now" is always passed in (from `Msg::Tick`), never read from a clock.

/// Less than this before expiry and an item is flagged as expiring soon.
pub const SOON_SECS: i64 = 24 * 3600;

/// `45s`, `12m`, `5h`, `3d`.
pub fn short(secs: i64) -> String {
    let secs = secs.max(0);
    match secs {
        s if s < 60 => format!("{s}s"),
        s if s < 3600 => format!("{}m", s / 60),
        s if s < 86_400 => format!("{}h", s / 3600),
        s => format!("{}d", s / 86_400),
    }
}

/// `3d 4h`, `5h 10m`, `12m`: two units, for the detail view.
pub fn long(secs: i64) -> String {
    let secs = secs.max(0);
    let (d, h, m) = (secs / 86_400, secs % 86_400 / 3600, secs % 3600 / 60);
    match (d, h) {
        (0, 0) => format!("{}m", m.max(if secs > 0 { 1 } else { 0 })),
        (0, h) => format!("{h}h {m}m"),
        (d, h) => format!("{d}d {h}h"),
    }
}

/// How long ago `then` was: `3d`; `?` when unknown.
pub fn age(now: i64, then: Option<i64>) -> String {
    match then {
        Some(then) if then > 0 => short(now - then),
        _ => "?".to_owned(),
    }
}

/// Time left before `deadline`, in text that says "soon" without colour:
/// `6d`, `5h!` (under a day), `expired`; `-` when there is no deadline.
pub fn left(now: i64, deadline: Option<i64>) -> String {
    match deadline {
        Some(deadline) if deadline > 0 => {
            let remaining = deadline - now;
            if remaining <= 0 {
                "expired".to_owned()
            } else if remaining < SOON_SECS {
                format!("{}!", short(remaining))
            } else {
                short(remaining)
            }
        }
        _ => "-".to_owned(),
    }
}

pub fn expires_soon(now: i64, deadline: Option<i64>) -> bool {
    matches!(deadline, Some(d) if d > 0 && d - now < SOON_SECS)
}

/// `2026-03-01 14:05 UTC`.
pub fn date(ts: i64) -> String {
    let format = time::macros::format_description!("[year]-[month]-[day] [hour]:[minute] UTC");
    time::OffsetDateTime::from_unix_timestamp(ts)
        .ok()
        .and_then(|t| t.format(&format).ok())
        .unwrap_or_else(|| ts.to_string())
}

/// `3d ago (2026-03-01 14:05 UTC)`.
pub fn ago_with_date(now: i64, then: Option<i64>) -> String {
    match then {
        Some(then) if then > 0 => format!("{} ago ({})", long(now - then), date(then)),
        _ => "unknown".to_owned(),
    }
}

/// `in 5h 10m (2026-03-01 14:05 UTC)`, or `expired 2d 1h ago (...)`.
pub fn until_with_date(now: i64, deadline: Option<i64>) -> String {
    match deadline {
        Some(d) if d > 0 && d > now => {
            let soon = if d - now < SOON_SECS {
                " — expires within a day"
            } else {
                ""
            };
            format!("in {} ({}){soon}", long(d - now), date(d))
        }
        Some(d) if d > 0 => format!("expired {} ago ({})", long(now - d), date(d)),
        _ => "no expiry given".to_owned(),
    }
}

/// Slack's activity timestamps come in seconds, milliseconds (`updated`) or
/// microseconds (`last_activity_ts`); bring them to seconds.
pub fn normalize_ts(ts: i64) -> i64 {
    if ts > 100_000_000_000_000 {
        ts / 1_000_000
    } else if ts > 100_000_000_000 {
        ts / 1000
    } else {
        ts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_durations_fit_four_columns() {
        assert_eq!(short(5), "5s");
        assert_eq!(short(125), "2m");
        assert_eq!(short(3 * 3600 + 5), "3h");
        assert_eq!(short(9 * 86_400), "9d");
        assert_eq!(short(-5), "0s");
    }

    #[test]
    fn time_left_says_soon_in_text() {
        assert_eq!(left(1000, Some(1000 + 5 * 3600)), "5h!");
        assert_eq!(left(1000, Some(1000 + 3 * 86_400)), "3d");
        assert_eq!(left(1000, Some(999)), "expired");
        assert_eq!(left(1000, None), "-");
        assert!(expires_soon(0, Some(100)));
        assert!(!expires_soon(0, None));
    }

    #[test]
    fn timestamps_in_any_unit_become_seconds() {
        assert_eq!(normalize_ts(1_583_198_954_000_200), 1_583_198_954);
        assert_eq!(normalize_ts(1_689_965_803_820), 1_689_965_803);
        assert_eq!(normalize_ts(1_700_000_000), 1_700_000_000);
        assert_eq!(date(0), "1970-01-01 00:00 UTC");
        assert_eq!(long(2 * 86_400 + 3 * 3600 + 59), "2d 3h");
    }
}
