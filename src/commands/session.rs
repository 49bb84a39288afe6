//! What the TUI process does around the loop: open the journal and find
//! what an earlier session left open, turn SIGTERM and SIGHUP into
//! messages, and restore the terminal on every way out, a panic included.

use std::io::Write as _;

use futures::Stream;

use crate::app::{ExitSignal, Mode, Msg};
use crate::journal::{self, Journal, JournalRecord, Outcome};

/// The journal this session writes, and what earlier sessions left open.
pub struct SessionJournal {
    pub journal: Option<Journal>,
    /// Sent decisions whose outcome is unknown: re-checked once the lists are in.
    pub open: Vec<JournalRecord>,
    /// Said on the status line at start (the journal could not be opened).
    pub problem: Option<String>,
}

/// The decision ID's process, when that process is still running (then
/// its decisions are its own business, not ours to close or re-check).
fn from_live_process(record: &JournalRecord) -> bool {
    let Some(pid) = record
        .decision_id
        .split('-')
        .nth(1)
        .and_then(|p| p.parse::<u32>().ok())
    else {
        return false;
    };
    pid != std::process::id() && std::path::Path::new(&format!("/proc/{pid}")).exists()
}

/// Open the journal (the demo's own when `mode` is the demo). Decisions an
/// earlier session queued and never sent are journaled as dropped now;
/// sent ones without an outcome are returned to be re-checked (not for the
/// demo: its Slack is recreated each run, so there is nothing to check).
pub fn open_journal(mode: Mode, path: Option<&std::path::Path>, now: i64) -> SessionJournal {
    let path = path.map(ToOwned::to_owned).unwrap_or_else(|| match mode {
        Mode::Demo => Journal::demo_path(),
        Mode::Live => Journal::default_path(),
    });
    // Read first: a damaged journal is moved aside when opened, and what
    // could be read of it still counts.
    let opened = Journal::read_all(&path).and_then(|records| {
        let journal = Journal::open(&path)?;
        let unsent: Vec<JournalRecord> = journal::unsent_decisions(&records)
            .into_iter()
            .filter(|r| !from_live_process(r))
            .map(|r| {
                r.ended(
                    Outcome::Dropped,
                    Some("the program ended before it was sent".to_owned()),
                    now,
                )
            })
            .collect();
        journal.record_all(&unsent)?;
        let open = match mode {
            Mode::Demo => Vec::new(),
            Mode::Live => journal::open_decisions(&records)
                .into_iter()
                .filter(|r| !from_live_process(r))
                .collect(),
        };
        Ok((journal, open))
    });
    match opened {
        Ok((journal, open)) => SessionJournal {
            problem: journal.moved_aside_notice(),
            journal: Some(journal),
            open,
        },
        Err(error) => SessionJournal {
            journal: None,
            open: Vec::new(),
            problem: Some(format!(
                "This session is read-only: the decision journal cannot be used ({error:#}), \
                 and no decision is sent without one. To fix it, move what is at {shown} \
                 away (mv {shown} {shown}.old) or make its folder yours to write, then start again.",
                shown = path.display()
            )),
        },
    }
}

/// SIGTERM and SIGHUP as messages (none where they do not exist).
pub fn signals() -> anyhow::Result<impl Stream<Item = Msg> + Unpin + Send + 'static> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let mut term = signal(SignalKind::terminate())?;
        let mut hup = signal(SignalKind::hangup())?;
        Ok(Box::pin(async_stream(move |tx| async move {
            loop {
                let signal = tokio::select! {
                    Some(()) = term.recv() => ExitSignal::Terminate,
                    Some(()) = hup.recv() => ExitSignal::Hangup,
                    else => return,
                };
                if tx.unbounded_send(Msg::Signal(signal)).is_err() {
                    return;
                }
            }
        })))
    }
    #[cfg(not(unix))]
    {
        Ok(futures::stream::pending())
    }
}

/// A stream fed by a task: `produce` sends into the channel it is given.
fn async_stream<F, Fut>(produce: F) -> futures::channel::mpsc::UnboundedReceiver<Msg>
where
    F: FnOnce(futures::channel::mpsc::UnboundedSender<Msg>) -> Fut,
    Fut: std::future::Future<Output = ()> + Send + 'static,
{
    let (tx, rx) = futures::channel::mpsc::unbounded();
    tokio::spawn(produce(tx));
    rx
}

/// Leave the terminal as we found it, step by step: each step is tried
/// even when an earlier one failed (after SIGHUP the terminal may be gone).
pub fn restore_terminal() {
    use crossterm::{cursor, execute, terminal};
    let _ = terminal::disable_raw_mode();
    let mut out = std::io::stdout();
    let _ = execute!(out, crossterm::event::DisableBracketedPaste);
    let _ = execute!(out, terminal::LeaveAlternateScreen, cursor::Show);
    let _ = out.flush();
}

/// A panic anywhere (a worker task included) ends the program cleanly:
/// open decisions are journaled, the terminal is restored, the message is
/// printed (it never holds the token: no type that carries it prints it),
/// and the process exits with status 101.
pub fn install_panic_hook(journal: Option<Journal>) {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if let Some(journal) = &journal {
            let now = crate::runtime::clock::Clock::System.now();
            let _ = journal.try_close_open(now, "the program crashed");
        }
        restore_terminal();
        previous(info);
        std::process::exit(101);
    }));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::{JournalAction, Stage};

    #[test]
    fn a_journal_that_cannot_be_written_makes_the_session_read_only() {
        let dir = tempfile::tempdir().unwrap();
        let blocker = dir.path().join("not-a-folder");
        std::fs::write(&blocker, "x").unwrap();
        let session = open_journal(Mode::Live, Some(&blocker.join("journal.jsonl")), 0);
        assert!(session.journal.is_none());
        assert!(session.problem.unwrap().contains("read-only"));
    }

    #[test]
    fn an_earlier_sessions_unsent_decisions_are_closed_and_sent_ones_rechecked() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("journal.jsonl");
        let journal = Journal::open(&path).unwrap();
        // Decision IDs of a process that no longer runs.
        let queued =
            JournalRecord::new("1-999999999-1".into(), JournalAction::DenyRequest, "R1", 0);
        let sent = JournalRecord::new("1-999999999-2".into(), JournalAction::DenyRequest, "R2", 0);
        journal
            .record_all(&[queued, sent.clone(), sent.next(Stage::Sent, None, 1)])
            .unwrap();
        let session = open_journal(Mode::Live, Some(&path), 5);
        assert_eq!(session.open.len(), 1);
        assert_eq!(session.open[0].item_id, "R2");
        let records = Journal::read_all(&path).unwrap();
        let last = records.last().unwrap();
        assert_eq!(
            (last.item_id.as_str(), last.outcome.clone()),
            ("R1", Some(Outcome::Dropped))
        );
        // The demo's Slack is new each run: nothing to re-check there.
        assert!(open_journal(Mode::Demo, Some(&path), 6).open.is_empty());
    }

    /// Two sessions on one journal: the one starting leaves alone what the
    /// other, still running, has queued or sent; once that process is gone
    /// its decisions are closed and re-checked as usual. The marker is the
    /// process ID in every decision ID, checked in /proc.
    #[cfg(target_os = "linux")]
    #[test]
    fn a_running_sessions_open_decisions_are_left_to_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("journal.jsonl");
        let journal = Journal::open(&path).unwrap();
        let mut other = std::process::Command::new("sleep")
            .arg("30")
            .spawn()
            .unwrap();
        let live = other.id();
        let queued = JournalRecord::new(format!("1-{live}-1"), JournalAction::DenyRequest, "R1", 0);
        let sent = JournalRecord::new(format!("1-{live}-2"), JournalAction::DenyRequest, "R2", 0);
        journal
            .record_all(&[queued, sent.clone(), sent.next(Stage::Sent, None, 1)])
            .unwrap();
        let before = Journal::read_all(&path).unwrap().len();
        let session = open_journal(Mode::Live, Some(&path), 5);
        assert!(
            session.open.is_empty(),
            "not ours to re-check: {:?}",
            session.open
        );
        assert_eq!(
            Journal::read_all(&path).unwrap().len(),
            before,
            "nothing closed"
        );
        other.kill().unwrap();
        other.wait().unwrap();
        let session = open_journal(Mode::Live, Some(&path), 6);
        assert_eq!(session.open.len(), 1);
        let last = Journal::read_all(&path).unwrap().pop().unwrap();
        assert_eq!(last.outcome, Some(Outcome::Dropped));
    }

    /// Two processes appending at once: every record whole, none lost.
    #[test]
    fn two_writers_appending_at_once_lose_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("journal.jsonl");
        let writers: Vec<_> = (0..2)
            .map(|w| {
                let path = path.clone();
                std::thread::spawn(move || {
                    // A handle each, as two processes have.
                    let journal = Journal::open(&path).unwrap();
                    for n in 0..300 {
                        let mut record = JournalRecord::new(
                            format!("1-{w}-{n}"),
                            JournalAction::ApproveInvite,
                            &format!("I{w}X{n}"),
                            0,
                        );
                        record.message = Some("x".repeat(500));
                        journal.record_all(&[record]).unwrap();
                    }
                })
            })
            .collect();
        for writer in writers {
            writer.join().unwrap();
        }
        let records = Journal::read_all(&path).unwrap();
        assert_eq!(records.len(), 600);
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(text.lines().count(), 600, "no line torn or merged");
    }
}
