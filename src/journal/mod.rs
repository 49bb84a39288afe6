//! The decision journal: append-only JSON Lines, one record when a decision
//! is queued, one when it is sent, one with its outcome, each fsync'd
//! before the next step (DESIGN.md §6).
//!
//! The file lives in the XDG state directory (`~/.local/state/connect-triage/`),
//! mode 0600 in a 0700 directory. A record never holds the token: there is
//! no field for it, and nothing that carries it is ever copied in.
//!
//! A decision's records share a `decision_id`; the last one tells how it
//! stands. One whose last record is `sent`, or whose outcome is `unknown`,
//! is *open*: the next session re-checks it against Slack's lists and
//! appends the real outcome (with `reconciled: true`).

use std::collections::HashMap;
use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

use anyhow::Context as _;

mod read;
mod record;

pub use read::{JournalRead, read_lines};
pub use record::{JournalAction, JournalRecord, Outcome, Stage, format_time, new_decision_id};

/// The journal's file name inside the state directory.
pub const FILE_NAME: &str = "journal.jsonl";
/// The demo's journal: its Slack is recreated on every run, so its
/// decisions are kept apart from real ones.
pub const DEMO_FILE_NAME: &str = "demo-journal.jsonl";

/// What the last record of each decision says, in file order.
pub fn latest_by_decision(records: &[JournalRecord]) -> Vec<&JournalRecord> {
    let mut index: HashMap<&str, usize> = HashMap::new();
    let mut latest: Vec<&JournalRecord> = Vec::new();
    for record in records {
        match index.get(record.decision_id.as_str()) {
            Some(&i) => latest[i] = record,
            None => {
                index.insert(&record.decision_id, latest.len());
                latest.push(record);
            }
        }
    }
    latest
}

/// The last record of each decision, the decision whose last record came
/// latest first: the order in which decisions last changed.
pub fn latest_newest_first(records: &[JournalRecord]) -> Vec<&JournalRecord> {
    let mut last: HashMap<&str, usize> = HashMap::new();
    for (i, record) in records.iter().enumerate() {
        last.insert(&record.decision_id, i);
    }
    let mut latest: Vec<usize> = last.into_values().collect();
    latest.sort_unstable_by(|a, b| b.cmp(a));
    latest.into_iter().map(|i| &records[i]).collect()
}

/// Decisions that were sent (or may have been) and whose outcome is not
/// known ([`JournalRecord::is_open`]).
pub fn open_decisions(records: &[JournalRecord]) -> Vec<JournalRecord> {
    latest_by_decision(records)
        .into_iter()
        .filter(|r| r.is_open())
        .cloned()
        .collect()
}

/// Decisions that were queued and never sent: the last record is `queued`.
pub fn unsent_decisions(records: &[JournalRecord]) -> Vec<JournalRecord> {
    latest_by_decision(records)
        .into_iter()
        .filter(|r| r.stage == Stage::Queued)
        .cloned()
        .collect()
}

/// The append-only journal. Cheap to clone; every clone writes to the
/// same file under one lock, so records never interleave.
#[derive(Clone)]
pub struct Journal {
    inner: Arc<Mutex<Inner>>,
}

struct Inner {
    path: PathBuf,
    file: File,
    moved_aside: Option<(PathBuf, Vec<usize>)>,
    /// Decisions this handle saw queued or sent, without a final outcome,
    /// with their last record: what a sudden exit must still close.
    open: HashMap<String, JournalRecord>,
}

impl std::fmt::Debug for Journal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Journal")
            .field("path", &self.path())
            .finish()
    }
}

impl Journal {
    /// Open (or create) the journal at `path`: the directory is created
    /// 0700 and the file 0600, and looser modes on them are tightened.
    /// A journal with lines that cannot be read (not ours, or damaged) is
    /// moved aside, kept as it was with the time in its name, and a new one
    /// is started with every record that could be read (so no open
    /// decision is forgotten). The TUI and the CLI do the same;
    /// [`Journal::moved_aside_notice`] says so.
    pub fn open(path: &Path) -> anyhow::Result<Journal> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            crate::private_files::create_private_dir(dir)
                .with_context(|| format!("cannot create the journal's folder {}", dir.display()))?;
        }
        let fix = || {
            format!(
                "cannot open the decision journal {} (it must be a file only you can \
                 write; move away what is there)",
                path.display()
            )
        };
        let mut file = crate::private_files::open_private_append(path).with_context(fix)?;
        // A crash mid-line leaves a torn last line: it was never a whole
        // record (a write goes out only after its record is), so it goes.
        drop_torn_line(&mut file)
            .with_context(|| format!("cannot repair the decision journal {}", path.display()))?;
        let read = read_lines(path)?;
        let mut moved_aside = None;
        if !read.bad_lines.is_empty() {
            let aside = broken_name(path);
            std::fs::rename(path, &aside).with_context(|| {
                format!("cannot move the damaged journal {} aside", path.display())
            })?;
            file = crate::private_files::open_private_append(path).with_context(fix)?;
            moved_aside = Some((aside, read.bad_lines));
        }
        let mut inner = Inner {
            path: path.to_owned(),
            file,
            moved_aside,
            open: HashMap::new(),
        };
        if inner.moved_aside.is_some() {
            inner
                .write(&read.records)
                .with_context(|| format!("cannot start a new journal at {}", path.display()))?;
            // Copied records are history, not decisions this handle holds.
            inner.open.clear();
        }
        Ok(Journal {
            inner: Arc::new(Mutex::new(inner)),
        })
    }

    /// `$XDG_STATE_HOME/connect-triage/journal.jsonl`
    /// (`~/.local/state/connect-triage/journal.jsonl` by default).
    pub fn default_path() -> PathBuf {
        state_dir().join(FILE_NAME)
    }

    /// The demo's journal, beside the real one.
    pub fn demo_path() -> PathBuf {
        state_dir().join(DEMO_FILE_NAME)
    }

    pub fn path(&self) -> PathBuf {
        self.lock().path.clone()
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        // A panic while writing leaves whole lines or a torn last line,
        // which `read_all` skips: the journal stays usable.
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Append one record and fsync it.
    pub fn record(&self, record: &JournalRecord) -> io::Result<()> {
        self.record_all(std::slice::from_ref(record))
    }

    /// Append several records and fsync once: a batch is queued together.
    pub fn record_all(&self, records: &[JournalRecord]) -> io::Result<()> {
        if records.is_empty() {
            return Ok(());
        }
        let mut inner = self.lock();
        inner.write(records)
    }

    /// Close every decision this handle saw queued or sent without an
    /// outcome: queued ones as `dropped` (they were never sent), sent ones
    /// as `unknown` (re-checked by the next session). Returns how many.
    /// Used on every exit: quit, SIGTERM, SIGHUP and panic.
    pub fn close_open(&self, now: i64, why: &str) -> io::Result<usize> {
        let mut inner = self.lock();
        inner.close_open(now, why)
    }

    /// [`Journal::close_open`] without waiting: `None` if another thread
    /// holds the journal (for a panic hook, which must never block).
    pub fn try_close_open(&self, now: i64, why: &str) -> Option<io::Result<usize>> {
        let mut inner = match self.inner.try_lock() {
            Ok(inner) => inner,
            Err(std::sync::TryLockError::Poisoned(e)) => e.into_inner(),
            Err(std::sync::TryLockError::WouldBlock) => return None,
        };
        Some(inner.close_open(now, why))
    }

    /// Decisions this handle holds open (queued or sent, no final outcome).
    pub fn open_count(&self) -> usize {
        self.lock().open.len()
    }

    /// Every record in the file at `path` that can be read, oldest first;
    /// a missing file is an empty journal ([`read_lines`] also names the
    /// lines that cannot be read).
    pub fn read_all(path: &Path) -> anyhow::Result<Vec<JournalRecord>> {
        Ok(read_lines(path)?.records)
    }

    /// What the TUI and the CLI say, once, when the journal was moved aside.
    pub fn moved_aside_notice(&self) -> Option<String> {
        let (aside, lines) = self.moved_aside()?;
        let lines: Vec<String> = lines.iter().take(5).map(ToString::to_string).collect();
        Some(format!(
            "The decision journal had lines that could not be read (line {}); it was moved \
             to {} and a new one started.",
            lines.join(", "),
            aside.display()
        ))
    }

    /// Where a journal with unreadable lines was moved when this one was
    /// opened, and which lines they were: to be said once.
    pub fn moved_aside(&self) -> Option<(PathBuf, Vec<usize>)> {
        self.lock().moved_aside.clone()
    }
}

impl Inner {
    fn write(&mut self, records: &[JournalRecord]) -> io::Result<()> {
        let mut text = String::new();
        for record in records {
            text.push_str(&record.to_line());
            text.push('\n');
        }
        // One write per batch: the file is opened O_APPEND, so even two
        // processes appending at once never interleave inside a line.
        self.file.write_all(text.as_bytes())?;
        self.file.sync_data()?;
        for record in records {
            if record.is_final() {
                self.open.remove(&record.decision_id);
            } else {
                self.open.insert(record.decision_id.clone(), record.clone());
            }
        }
        Ok(())
    }

    fn close_open(&mut self, now: i64, why: &str) -> io::Result<usize> {
        let mut closing: Vec<JournalRecord> = self
            .open
            .values()
            .filter_map(|last| match last.stage {
                Stage::Queued => Some(last.ended(
                    Outcome::Dropped,
                    Some(format!("{why} before it was sent")),
                    now,
                )),
                Stage::Sent => Some(last.ended(
                    Outcome::Unknown,
                    Some(format!(
                        "{why} before Slack answered; the next session re-checks it"
                    )),
                    now,
                )),
                // Already an `unknown` outcome: the next session re-checks it.
                Stage::Outcome => None,
            })
            .collect();
        closing.sort_by(|a, b| a.decision_id.cmp(&b.decision_id));
        let count = closing.len();
        self.write(&closing)?;
        self.open.clear();
        Ok(count)
    }
}

/// Cut a last line that has no newline: the torn end of a crashed write.
fn drop_torn_line(file: &mut File) -> io::Result<()> {
    use std::io::{Read, Seek, SeekFrom};
    const CHUNK: u64 = 8192;
    let len = file.metadata()?.len();
    let mut reader = file.try_clone()?;
    let mut end = len;
    // Back from the end, a chunk at a time, to the last newline.
    let keep = loop {
        if end == 0 {
            break 0;
        }
        let start = end.saturating_sub(CHUNK);
        let mut chunk = vec![0u8; (end - start) as usize];
        reader.seek(SeekFrom::Start(start))?;
        reader.read_exact(&mut chunk)?;
        if let Some(at) = chunk.iter().rposition(|b| *b == b'\n') {
            break start + at as u64 + 1;
        }
        end = start;
    };
    if keep < len {
        file.set_len(keep)?;
        file.sync_data()?;
    }
    Ok(())
}

/// `journal.jsonl.broken-2026-12-02T223000Z`, beside it.
fn broken_name(path: &Path) -> PathBuf {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    let mut name = path.as_os_str().to_owned();
    name.push(format!(".broken-{}", format_time(now).replace(':', "")));
    PathBuf::from(name)
}

/// The XDG state directory for this tool (falls back to the data directory
/// where the platform has no state directory, then to the current one).
pub fn state_dir() -> PathBuf {
    directories::ProjectDirs::from("", "", "connect-triage")
        .map(|dirs| {
            dirs.state_dir()
                .unwrap_or_else(|| dirs.data_local_dir())
                .to_owned()
        })
        .unwrap_or_else(|| PathBuf::from(".connect-triage"))
}

#[cfg(test)]
mod tests;
