//! `connect-triage list invites|requests|teams|channels [--json]`: every item
//! of every page, printed as each page arrives.

use std::io::{self, IsTerminal, Write};

use anyhow::Context as _;
use futures::StreamExt;
use serde::Serialize;
use time::OffsetDateTime;

use crate::cli::{GlobalArgs, ListArgs, ListKind};
use crate::commands::report_waits;
use crate::commands::workspaces::workspaces;
use crate::connect::script_client;
use crate::model::filter::{Filter, channel_fields, invite_fields, org_fields, request_fields};
use crate::model::identity::our_ids;
use crate::slack::models::{ConnectInvite, ExternalOrg, InviteRequest, SharedChannel};
use crate::slack::{PageStream, RequestFilter};

// The one sanitizer the TUI uses too: a name shows the same everywhere.
use crate::text::sanitize::{clean, fit};

pub async fn run(global: &GlobalArgs, args: &ListArgs) -> anyhow::Result<()> {
    let client = script_client(global)?;
    let reporter = report_waits(&client);
    let now = OffsetDateTime::now_utc().unix_timestamp();
    // `--filter`: the TUI's own filter, over the same fields per item.
    let filter = Filter::parse(args.filter.as_deref().unwrap_or(""));
    let out = Output::new(args.json);
    let result = match args.kind {
        ListKind::Invites => {
            let scope = workspaces(&client, args.team.as_deref()).await?;
            let mut count = 0;
            for team in &scope.teams {
                // Which side is ours decides which org names are fields, as
                // in the TUI; a workspace of an org is ours too.
                let mut ours = our_ids(&scope.auth);
                ours.extend(team.as_ref().map(|t| t.id.as_str()));
                let keep = |i: &ConnectInvite| filter.matches(&invite_fields(i, &ours));
                let team_id = team.as_ref().map(|t| t.id.as_str());
                let pages = client.invites_in(team_id);
                out.title(team.as_ref())?;
                match out.print(pages, &INVITES, now, team_id, keep).await {
                    Ok(n) => count += n,
                    Err(e) => return Err(e).with_context(|| failed(team_id, "invites")),
                }
            }
            Ok(count)
        }
        ListKind::Requests => {
            let scope = workspaces(&client, args.team.as_deref()).await?;
            let mut count = 0;
            for team in &scope.teams {
                let keep = |r: &InviteRequest| filter.matches(&request_fields(r));
                let team_id = team.as_ref().map(|t| t.id.as_str());
                let pages = client.invite_requests_in(team_id, RequestFilter::default());
                out.title(team.as_ref())?;
                match out.print(pages, &REQUESTS, now, team_id, keep).await {
                    Ok(n) => count += n,
                    Err(e) => return Err(e).with_context(|| failed(team_id, "requests")),
                }
            }
            Ok(count)
        }
        ListKind::Teams => {
            let keep = |o: &ExternalOrg| filter.matches(&org_fields(o));
            out.print(client.external_orgs(), &TEAMS, now, None, keep)
                .await
        }
        ListKind::Channels => {
            // Without the Orgs list at hand, an org is found by its team ID.
            let keep = |c: &SharedChannel| filter.matches(&channel_fields(c, &[]));
            out.print(client.shared_channels(), &CHANNELS, now, None, keep)
                .await
        }
    };
    // The client's last clone goes here, which closes the event channel: the
    // reporter prints what is left (a fallback notice, say) and ends.
    drop(client);
    let _ = reporter.await;
    let noun = noun(args.kind);
    let count = result.with_context(|| format!("could not list {noun}"))?;
    if io::stderr().is_terminal() {
        eprintln!("{count} {noun}");
    }
    Ok(())
}

/// What a failed listing of one workspace says.
fn failed(team: Option<&str>, noun: &str) -> String {
    match team {
        Some(team) => format!("could not list the {noun} of workspace {team}"),
        None => format!("could not list {noun}"),
    }
}

fn noun(kind: ListKind) -> &'static str {
    match kind {
        ListKind::Invites => "invites",
        ListKind::Requests => "requests",
        ListKind::Teams => "external orgs",
        ListKind::Channels => "shared channels",
    }
}

/// How one kind of item is shown as a table row.
struct Table<T> {
    /// Header and width; the last column takes what is left.
    columns: &'static [(&'static str, usize)],
    row: fn(&T, i64) -> Vec<String>,
}

struct Output {
    json: bool,
}

impl Output {
    fn new(json: bool) -> Self {
        Output { json }
    }

    /// Before a workspace's table, with an org-wide token: which workspace.
    fn title(&self, team: Option<&crate::slack::models::AuthTeam>) -> anyhow::Result<()> {
        let Some(team) = team.filter(|_| !self.json) else {
            return Ok(());
        };
        let name = clean(team.name.as_deref().unwrap_or(""));
        let mut stdout = io::stdout();
        write_line(&mut stdout, &format!("Workspace {name} ({}):", team.id))?;
        Ok(())
    }

    /// Print every page as it arrives; the number of items printed. With
    /// `team` (a workspace of an org-wide token), each `--json` line is
    /// Slack's element plus a top-level `"team_id"` naming it.
    async fn print<T: Serialize>(
        &self,
        mut pages: PageStream<T>,
        table: &Table<T>,
        now: i64,
        team: Option<&str>,
        keep: impl Fn(&T) -> bool,
    ) -> anyhow::Result<u64> {
        let mut stdout = io::BufWriter::new(io::stdout());
        let mut count = 0;
        if !self.json && write_line(&mut stdout, &header(table))? {
            return Ok(0);
        }
        while let Some(page) = pages.next().await {
            let page = page?;
            for item in page.items.iter().filter(|i| keep(i)) {
                let line = if self.json {
                    json_line(item, team).context("cannot write JSON")?
                } else {
                    format_row(table.columns, (table.row)(item, now))
                };
                if write_line(&mut stdout, &line)? {
                    return Ok(count);
                }
                count += 1;
            }
            if flush(&mut stdout)? {
                return Ok(count);
            }
        }
        Ok(count)
    }
}

/// Slack's element as one JSON line; with `team`, a `"team_id"` key first
/// (spliced in, so the element's own keys keep Slack's order).
fn json_line<T: Serialize>(item: &T, team: Option<&str>) -> serde_json::Result<String> {
    let line = crate::text::json::to_line(item)?;
    let Some(team) = team else {
        return Ok(line);
    };
    let team = crate::text::json::to_line(team)?;
    Ok(match line.strip_prefix('{') {
        Some("}") => format!("{{\"team_id\":{team}}}"),
        Some(rest) => format!("{{\"team_id\":{team},{rest}"),
        None => line,
    })
}

/// Write one line; `true` when the reader has gone (`| head`), which ends the listing quietly.
fn write_line(out: &mut impl Write, line: &str) -> anyhow::Result<bool> {
    match writeln!(out, "{line}") {
        Ok(()) => Ok(false),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(true),
        Err(e) => Err(e).context("cannot write to standard output"),
    }
}

fn flush(out: &mut impl Write) -> anyhow::Result<bool> {
    match out.flush() {
        Ok(()) => Ok(false),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(true),
        Err(e) => Err(e).context("cannot write to standard output"),
    }
}

fn header<T>(table: &Table<T>) -> String {
    format_row(
        table.columns,
        table.columns.iter().map(|(h, _)| (*h).to_owned()).collect(),
    )
}

fn format_row(columns: &[(&str, usize)], cells: Vec<String>) -> String {
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

const INVITES: Table<ConnectInvite> = Table {
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

const REQUESTS: Table<InviteRequest> = Table {
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

const TEAMS: Table<ExternalOrg> = Table {
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

const CHANNELS: Table<SharedChannel> = Table {
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
