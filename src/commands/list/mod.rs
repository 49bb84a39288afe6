//! `connect-triage list invites|requests|teams|channels [--json]`: every item
//! of every page, printed as each page arrives.

use std::io::{self, IsTerminal, Write};

use anyhow::Context as _;
use futures::StreamExt;
use serde::de::DeserializeOwned;
use time::OffsetDateTime;

use crate::cli::{GlobalArgs, ListArgs, ListKind};
use crate::commands::report_waits;
use crate::commands::workspaces::{Workspaces, workspaces};
use crate::connect::script_client;
use crate::model::filter::{
    Filter, channel_fields, invite_fields, org_fields, request_fields, workspace_scoped,
};
use crate::model::identity::our_ids;
use crate::slack::models::{ConnectInvite, ExternalOrg, InviteRequest, SharedChannel};
use crate::slack::{PageStream, RawElement, RequestFilter};

use crate::text::sanitize::clean;
use tables::{CHANNELS, INVITES, REQUESTS, TEAMS, Table, format_row, header};

mod tables;

pub async fn run(global: &GlobalArgs, args: &ListArgs) -> anyhow::Result<()> {
    let client = script_client(global)?;
    let reporter = report_waits(&client);
    let now = OffsetDateTime::now_utc().unix_timestamp();
    // `--filter`: the TUI's own filter, over the same fields per item.
    let filter = Filter::parse(args.filter.as_deref().unwrap_or(""));
    if filter.uses_risk() {
        // Risk signals are judged against the orgs and channels the
        // dashboard holds; a list streamed page by page has neither.
        return Err(crate::exit::UsageError::new(
            "risk: filter terms work in the dashboard's / filter, which knows the orgs and \
             channels they are judged against; `list --filter` takes words, -word, \
             \"a phrase\" and ws:NAME",
        )
        .into());
    }
    let out = Output::new(args.json, !filter.is_empty(), noun(args.kind));
    let result = match args.kind {
        ListKind::Invites => {
            let scope = workspaces(&client, args.team.as_deref()).await?;
            // Which side is ours decides which org names are fields, as in the TUI.
            let keep = |i: &ConnectInvite, ours: &[&str], ws: &[(&str, &str)]| {
                filter.matches_scoped(&invite_fields(i, ours), ws)
            };
            let pages = |team: Option<&str>| client.raw_invites_in(team);
            out.each_workspace(&scope, &INVITES, now, "invites", pages, keep)
                .await
        }
        ListKind::Requests => {
            let scope = workspaces(&client, args.team.as_deref()).await?;
            let keep = |r: &InviteRequest, _: &[&str], ws: &[(&str, &str)]| {
                filter.matches_scoped(&request_fields(r), ws)
            };
            let pages =
                |team: Option<&str>| client.raw_invite_requests_in(team, RequestFilter::default());
            out.each_workspace(&scope, &REQUESTS, now, "requests", pages, keep)
                .await
        }
        ListKind::Teams => {
            let keep = |o: &ExternalOrg| filter.matches(&org_fields(o));
            out.print(client.raw_external_orgs(), &TEAMS, now, None, keep)
                .await
        }
        ListKind::Channels => {
            // Without the Orgs list at hand, an org is found by its team ID.
            let keep = |c: &SharedChannel| filter.matches(&channel_fields(c, &[]));
            out.print(client.raw_shared_channels(), &CHANNELS, now, None, keep)
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

fn noun(kind: ListKind) -> &'static str {
    match kind {
        ListKind::Invites => "invites",
        ListKind::Requests => "requests",
        ListKind::Teams => "external orgs",
        ListKind::Channels => "shared channels",
    }
}

struct Output {
    json: bool,
    /// `--filter` was given: each element is read to be judged.
    filtering: bool,
    /// What the list holds, for the warning about an element skipped.
    noun: &'static str,
}

/// Enough standard output buffered that a page of 500 elements goes out in
/// a few writes.
const OUTPUT_BUFFER: usize = 256 * 1024;

impl Output {
    fn new(json: bool, filtering: bool, noun: &'static str) -> Self {
        Output {
            json,
            filtering,
            noun,
        }
    }

    /// The listing of every workspace in `scope`, one after another (a
    /// workspace token's one, unnamed); `keep` sees our side's IDs, the
    /// workspace's among them, and the workspace's scoped fields (`ws:`).
    /// The number of items printed.
    async fn each_workspace<T: DeserializeOwned>(
        &self,
        scope: &Workspaces,
        table: &Table<T>,
        now: i64,
        noun: &str,
        pages: impl Fn(Option<&str>) -> PageStream<RawElement>,
        keep: impl Fn(&T, &[&str], &[(&str, &str)]) -> bool,
    ) -> anyhow::Result<u64> {
        let mut count = 0;
        let mut unreadable: Vec<String> = Vec::new();
        for team in &scope.teams {
            let team_id = team.as_ref().map(|t| t.id.as_str());
            let mut ours = our_ids(&scope.auth);
            ours.extend(team_id);
            let scoped = match team {
                Some(t) => workspace_scoped(&t.id, t.name.as_deref()),
                None => Vec::new(),
            };
            self.title(team.as_ref())?;
            let printed = self
                .print(pages(team_id), table, now, team_id, |item| {
                    keep(item, &ours, &scoped)
                })
                .await;
            match (printed, team) {
                (Ok(printed), _) => count += printed,
                // A workspace token's failure gets its words from the caller.
                (Err(error), None) => return Err(error),
                // One workspace that can't be read leaves the others listed;
                // the run still fails, naming it, so a script knows.
                (Err(error), Some(team)) => {
                    let name = clean(team.name.as_deref().unwrap_or(""));
                    eprintln!(
                        "connect-triage: could not list the {noun} of workspace {name} ({}): {error:#}",
                        team.id
                    );
                    unreadable.push(format!("{name} ({})", team.id));
                }
            }
        }
        if !unreadable.is_empty() {
            anyhow::bail!(
                "{count} listed, but the {noun} of {} could not be read (said above)",
                unreadable.join(", ")
            );
        }
        Ok(count)
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

    /// Print every page as it arrives; the number of items printed. A
    /// `--json` line is Slack's element exactly as received, every field
    /// kept; with `team` (a workspace of an org-wide token) it gets a
    /// top-level `"team_id"` naming it. An element that cannot be read is
    /// skipped, named on stderr, and the rest still print.
    async fn print<T: DeserializeOwned>(
        &self,
        mut pages: PageStream<RawElement>,
        table: &Table<T>,
        now: i64,
        team: Option<&str>,
        keep: impl Fn(&T) -> bool,
    ) -> anyhow::Result<u64> {
        let mut stdout = io::BufWriter::with_capacity(OUTPUT_BUFFER, io::stdout());
        let mut count = 0;
        if !self.json && write_line(&mut stdout, &header(table))? {
            return Ok(0);
        }
        let mut seen = 0u64;
        while let Some(page) = pages.next().await {
            for element in page?.items {
                seen += 1;
                let gone = if self.json && !self.filtering {
                    if !element.is_object() {
                        self.skipped(seen, &element, "it is not a JSON object");
                        continue;
                    }
                    write_json(&mut stdout, &element, team)?
                } else {
                    let item = match element.parse::<T>() {
                        Ok(item) => item,
                        Err(error) => {
                            self.skipped(seen, &element, &error.to_string());
                            continue;
                        }
                    };
                    if !keep(&item) {
                        continue;
                    }
                    if self.json {
                        write_json(&mut stdout, &element, team)?
                    } else {
                        write_line(
                            &mut stdout,
                            &format_row(table.columns, (table.row)(&item, now)),
                        )?
                    }
                };
                if gone {
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

    /// One element left out, said on stderr so a script's stdout stays clean.
    fn skipped(&self, number: u64, element: &RawElement, why: &str) {
        let what = match element.id() {
            Some(id) => format!("{id} (number {number} of the {})", self.noun),
            None => format!("number {number} of the {}", self.noun),
        };
        eprintln!(
            "connect-triage: skipped {what}: it could not be read ({why}); the rest are listed"
        );
    }
}

/// Slack's element as one line, with a `"team_id"` key first when `team`
/// is given (spliced in, so the element's own keys keep Slack's order).
/// `true` when the reader has gone.
fn write_json(
    out: &mut impl Write,
    element: &RawElement,
    team: Option<&str>,
) -> anyhow::Result<bool> {
    let json = crate::text::json::raw_line(element.json());
    let mut line = Vec::with_capacity(json.len() + 32);
    match (team, json.strip_prefix(b"{")) {
        (Some(team), Some(rest)) => {
            let team = crate::text::json::to_line(team).context("cannot write JSON")?;
            line.extend_from_slice(b"{\"team_id\":");
            line.extend_from_slice(team.as_bytes());
            if !rest.trim_ascii_start().starts_with(b"}") {
                line.push(b',');
            }
            line.extend_from_slice(rest);
        }
        _ => line.extend_from_slice(&json),
    }
    line.push(b'\n');
    match out.write_all(&line) {
        Ok(()) => Ok(false),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(true),
        Err(e) => Err(e).context("cannot write to standard output"),
    }
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
