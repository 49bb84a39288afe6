//! From a [`Plan`] to Slack's answer: dry run, confirmation, journal,
//! grace countdown, the one write, and the outcome in plain words.

use std::io::{self, BufRead, IsTerminal, Write};
use std::time::Duration;

use crate::decision::record;
use crate::decision::send::{NotSent, send};
use crate::exit::UsageError;
use crate::journal::{Journal, Outcome};
use crate::runtime::clock::Clock;
use crate::slack::explain;
use crate::text::sanitize::clean;

use super::{Manner, Plan, Session, interactive};

fn now() -> i64 {
    Clock::System.now()
}

fn cancelled() -> anyhow::Error {
    UsageError::new("cancelled: nothing was sent").into()
}

fn taken_back() -> anyhow::Error {
    UsageError::new("taken back in the grace period: nothing was sent").into()
}

/// The plan's question and lines, cleaned of anything another org put in them.
fn describe(plan: &Plan) -> String {
    let confirmation = &plan.shared.confirmation;
    let mut out = clean(&confirmation.title);
    for line in &confirmation.lines {
        out.push_str("\n  ");
        out.push_str(&clean(line));
    }
    out
}

/// What `--dry-run` prints: the plan and the exact request, never the token.
pub fn dry_run_text(plan: &Plan, api_base: &str) -> String {
    let call = plan.shared.write.call();
    let mut out = format!("Dry run: nothing is sent.\n{}\n", describe(plan));
    out.push_str(&format!("Would call: POST {api_base}{}\n", call.method));
    out.push_str("  Content-Type: application/x-www-form-urlencoded\n");
    out.push_str("  Authorization: Bearer <token from $SLACK_TOKEN or --token-file, not shown>\n");
    for (name, value) in &call.args {
        out.push_str(&format!("  {name}={}\n", clean(value)));
    }
    out
}

pub(super) async fn decide(session: &Session, plan: Plan, manner: Manner) -> anyhow::Result<()> {
    if manner.dry_run {
        print!("{}", dry_run_text(&plan, session.client.api_base()));
        return Ok(());
    }
    if manner.ask && !manner.yes {
        confirm(&plan).await?;
    }
    let journal = Journal::open(&Journal::default_path())
        .map_err(|e| anyhow::anyhow!("{e:#}; nothing was sent"))?;
    if let Some(notice) = journal.moved_aside_notice() {
        eprintln!("connect-triage: {}", clean(&notice));
    }
    let write = &plan.shared.write;
    let queued = record::queued(write, Some(&session.auth), None, now());
    let journal_error =
        |e: io::Error| anyhow::anyhow!("cannot write the decision journal ({e}); nothing was sent");
    journal.record(&queued).map_err(journal_error)?;
    let grace = session.config.grace_seconds;
    if !manner.yes && grace > 0 && !countdown(grace).await {
        journal
            .record(&queued.ended(
                Outcome::Undone,
                Some("Ctrl-C in the grace period".into()),
                now(),
            ))
            .map_err(journal_error)?;
        return Err(taken_back());
    }
    let call = write.call();
    let result = send(&session.client, Some(&journal), &queued, &call, now)
        .await
        .map_err(|NotSent(reason)| {
            anyhow::anyhow!("cannot write the decision journal ({reason}); nothing was sent")
        })?;
    let (verb, item) = (plan.verb(), plan.item_id());
    match result {
        Ok(()) => {
            tracing::info!(
                action = write.kind.action().as_str(),
                item,
                "decision applied"
            );
            println!("{}", clean(&plan.done));
            Ok(())
        }
        Err(error) if error.outcome_unknown() => Err(anyhow::anyhow!(
            "no reliable answer to {verb} {item}: {}. It may or may not have been applied; \
             `connect-triage list` shows where it stands",
            explain::code(&error)
        )),
        Err(error) => Err(anyhow::anyhow!(
            "could not {verb} {item}: {}. Nothing changed",
            explain::explain(&error)
        )),
    }
}

/// Ask on the terminal; refuse without one.
async fn confirm(plan: &Plan) -> anyhow::Result<()> {
    if !interactive() {
        return Err(UsageError::new(format!(
            "refusing to {} {} without confirmation: there is no terminal to ask on. \
             Pass --yes to confirm from a script (--dry-run shows what would be sent)",
            plan.verb(),
            plan.item_id()
        ))
        .into());
    }
    eprintln!("{}", describe(plan));
    eprint!("Type y to {}, anything else cancels: ", plan.verb());
    let _ = io::stderr().flush();
    let answer = tokio::task::spawn_blocking(|| {
        let mut line = String::new();
        io::stdin().lock().read_line(&mut line).map(|_| line)
    })
    .await??;
    match answer.trim() {
        "y" | "Y" | "yes" => Ok(()),
        _ => Err(cancelled()),
    }
}

/// Count `seconds` down on stderr; `false` when Ctrl-C took it back.
async fn countdown(seconds: u64) -> bool {
    // Listen before saying Ctrl-C works: a Ctrl-C right after the words
    // must take the decision back, not kill the process.
    let mut interrupt = match Interrupt::listen() {
        Ok(interrupt) => interrupt,
        Err(e) => {
            eprintln!("connect-triage: cannot catch Ctrl-C ({e}); sending without a grace period");
            return true;
        }
    };
    let live = io::stderr().is_terminal();
    if !live {
        eprintln!("connect-triage: sending in {seconds} s (Ctrl-C takes it back)");
    }
    for left in (1..=seconds).rev() {
        if live {
            eprint!("\rSending in {left} s — Ctrl-C takes it back ");
            let _ = io::stderr().flush();
        }
        tokio::select! {
            _ = interrupt.recv() => {
                if live {
                    eprintln!();
                }
                return false;
            }
            _ = tokio::time::sleep(Duration::from_secs(1)) => {}
        }
    }
    if live {
        eprintln!("\rSending now.{:30}", "");
    }
    true
}

/// Ctrl-C (SIGINT), listened for from the moment it is created.
struct Interrupt {
    #[cfg(unix)]
    signal: tokio::signal::unix::Signal,
}

impl Interrupt {
    fn listen() -> io::Result<Interrupt> {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            Ok(Interrupt {
                signal: signal(SignalKind::interrupt())?,
            })
        }
        #[cfg(not(unix))]
        {
            Ok(Interrupt {})
        }
    }

    async fn recv(&mut self) {
        #[cfg(unix)]
        {
            self.signal.recv().await;
        }
        #[cfg(not(unix))]
        {
            let _ = tokio::signal::ctrl_c().await;
        }
    }
}
