//! From a [`Plan`] to Slack's answer: dry run, confirmation, journal,
//! grace countdown, the one write, and the outcome in plain words.

use std::io::{self, BufRead, IsTerminal, Write};
use std::time::Duration;

use crate::app::flow::resend::Resend;
use crate::app::flow::verdict::Verdict;
use crate::decision::record;
use crate::decision::send::{MAX_ATTEMPTS, NotSent, send};
use crate::exit::UsageError;
use crate::journal::{Journal, Outcome};
use crate::runtime::clock::Clock;
use crate::slack::explain;
use crate::text::sanitize::clean;

use super::recheck::recheck;
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
    refuse_if_unsettled(plan.item_id())?;
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
    let counted = if !manner.yes && grace > 0 {
        countdown(grace).await
    } else {
        Countdown::Send
    };
    match counted {
        Countdown::Send => {}
        Countdown::TakenBack => {
            journal
                .record(&queued.ended(
                    Outcome::Undone,
                    Some("Ctrl-C in the grace period".into()),
                    now(),
                ))
                .map_err(journal_error)?;
            return Err(taken_back());
        }
        Countdown::Stopped { signal, status } => {
            // Killed before the send: the journal says it never left, so
            // no later session re-checks it or counts it as open.
            let why = format!("{signal} in the grace period: never sent");
            journal
                .record(&queued.ended(Outcome::Dropped, Some(why), now()))
                .map_err(journal_error)?;
            eprintln!("connect-triage: stopped by {signal} before sending; nothing was sent");
            std::process::exit(status);
        }
    }
    let call = write.call();
    let team = write.workspace.as_ref().map(|t| t.id.to_string());
    let (verb, item) = (plan.verb(), plan.item_id());
    let mut attempt = queued;
    loop {
        let result = send(&session.client, Some(&journal), &attempt, &call, now)
            .await
            .map_err(|NotSent(reason)| {
                anyhow::anyhow!("cannot write the decision journal ({reason}); nothing was sent")
            })?;
        let error = match result {
            Ok(()) => {
                tracing::info!(
                    action = write.kind.action().as_str(),
                    item,
                    attempt = attempt.attempt,
                    "decision applied"
                );
                println!("{}", clean(&plan.done));
                return Ok(());
            }
            Err(error) if error.outcome_unknown() => error,
            Err(error) => {
                return Err(anyhow::anyhow!(
                    "could not {verb} {item}: {}. Nothing changed",
                    explain::explain(&error)
                ));
            }
        };
        eprintln!(
            "connect-triage: no reliable answer to {verb} {item} ({}); re-checking with Slack \
             before anything more is sent",
            explain::code(&error)
        );
        let unclear = |why: String| {
            anyhow::anyhow!(
                "no reliable answer to {verb} {item} ({}), and {why}. It may or may not have \
                 been applied, so nothing more was sent; the dashboard re-checks it when it \
                 starts, and `connect-triage list` shows where it stands",
                explain::code(&error)
            )
        };
        let verdict = recheck(&session.client, &session.auth, team.as_deref(), &attempt)
            .await
            .map_err(|e| unclear(format!("the re-check failed: {}", explain::explain(&e))))?;
        let settled = |outcome: Outcome, reason: String| {
            let mut record = attempt.ended(outcome, Some(reason), now());
            record.reconciled = true;
            journal.record(&record).map_err(journal_error)
        };
        match verdict {
            Verdict::Applied(reason) => {
                settled(Outcome::Ok, reason.clone())?;
                println!("{} (re-checked: {})", clean(&plan.done), clean(&reason));
                return Ok(());
            }
            Verdict::StillWaiting(reason) if attempt.attempt < MAX_ATTEMPTS => {
                let next = attempt.attempt + 1;
                settled(
                    Outcome::NotApplied,
                    Resend::Yes { attempt: next }.explain(&reason),
                )?;
                eprintln!(
                    "connect-triage: {verb} {item} was not applied ({}); sending it again \
                     (attempt {next} of {MAX_ATTEMPTS})",
                    clean(&reason)
                );
                attempt = attempt.next_attempt(now());
            }
            Verdict::StillWaiting(reason) => {
                settled(Outcome::NotApplied, Resend::Exhausted.explain(&reason))?;
                return Err(anyhow::anyhow!(
                    "{verb} {item} was not applied after {MAX_ATTEMPTS} attempts ({}), each \
                     without a reliable answer. Nothing changed; it can be decided again",
                    clean(&reason)
                ));
            }
            Verdict::NotApplied(reason) => {
                settled(Outcome::NotApplied, reason.clone())?;
                return Err(anyhow::anyhow!(
                    "{verb} {item} was not applied: {}. Nothing changed",
                    clean(&reason)
                ));
            }
            Verdict::Undetermined(reason) => {
                return Err(unclear(format!(
                    "a re-check could not tell ({})",
                    clean(&reason)
                )));
            }
        }
    }
}

/// One decision per item at a time: an earlier one that was sent with no
/// reliable answer may have been applied, so another (approve after a
/// decline, a second disconnect) could double the write. Refused, saying
/// which, until a re-check settles it.
fn refuse_if_unsettled(item_id: &str) -> anyhow::Result<()> {
    let records = Journal::read_all(&Journal::default_path()).unwrap_or_default();
    let earlier = crate::journal::open_decisions(&records)
        .into_iter()
        .find(|r| r.item_id == item_id);
    let Some(earlier) = earlier else {
        return Ok(());
    };
    Err(anyhow::anyhow!(
        "{} already has a decision with no reliable answer ({}, {}): Slack may have applied \
         it, so nothing was sent. The dashboard re-checks it against Slack's lists when it \
         starts; `connect-triage log` shows it and `connect-triage list` where the item stands",
        clean(item_id),
        earlier.action.as_str(),
        clean(&earlier.time)
    ))
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

/// How a grace countdown ended.
enum Countdown {
    Send,
    /// Ctrl-C: the admin took it back.
    TakenBack,
    /// SIGTERM or SIGHUP: the process is asked to end, and ends unsent
    /// with the status a shell expects after that signal.
    Stopped {
        signal: &'static str,
        status: i32,
    },
}

/// Count `seconds` down on stderr.
async fn countdown(seconds: u64) -> Countdown {
    // Listen before saying Ctrl-C works: a Ctrl-C right after the words
    // must take the decision back, not kill the process.
    let mut interrupt = match Interrupt::listen() {
        Ok(interrupt) => interrupt,
        Err(e) => {
            eprintln!("connect-triage: cannot catch Ctrl-C ({e}); sending without a grace period");
            return Countdown::Send;
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
            heard = interrupt.recv() => {
                if live {
                    eprintln!();
                }
                return heard;
            }
            _ = tokio::time::sleep(Duration::from_secs(1)) => {}
        }
    }
    if live {
        eprintln!("\rSending now.{:30}", "");
    }
    Countdown::Send
}

/// Ctrl-C (SIGINT), SIGTERM and SIGHUP, listened for from the moment it is created.
struct Interrupt {
    #[cfg(unix)]
    signals: [tokio::signal::unix::Signal; 3],
}

impl Interrupt {
    fn listen() -> io::Result<Interrupt> {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            Ok(Interrupt {
                signals: [
                    signal(SignalKind::interrupt())?,
                    signal(SignalKind::terminate())?,
                    signal(SignalKind::hangup())?,
                ],
            })
        }
        #[cfg(not(unix))]
        {
            Ok(Interrupt {})
        }
    }

    async fn recv(&mut self) -> Countdown {
        #[cfg(unix)]
        {
            let [interrupt, terminate, hangup] = &mut self.signals;
            tokio::select! {
                _ = interrupt.recv() => Countdown::TakenBack,
                _ = terminate.recv() => Countdown::Stopped { signal: "SIGTERM", status: 128 + 15 },
                _ = hangup.recv() => Countdown::Stopped { signal: "SIGHUP", status: 128 + 1 },
            }
        }
        #[cfg(not(unix))]
        {
            let _ = tokio::signal::ctrl_c().await;
            Countdown::TakenBack
        }
    }
}
