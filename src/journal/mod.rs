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
use std::io::{self, BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

use anyhow::Context as _;

mod record;

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
    pub fn open(path: &Path) -> anyhow::Result<Journal> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            crate::private_files::create_private_dir(dir)
                .with_context(|| format!("cannot create the journal's folder {}", dir.display()))?;
        }
        let mut file = crate::private_files::open_private_append(path)
            .with_context(|| format!("cannot open the decision journal {}", path.display()))?;
        // A crash mid-line leaves a torn last line: end it, so the next
        // record starts on a line of its own.
        end_torn_line(&mut file)
            .with_context(|| format!("cannot repair the decision journal {}", path.display()))?;
        Ok(Journal {
            inner: Arc::new(Mutex::new(Inner {
                path: path.to_owned(),
                file,
                open: HashMap::new(),
            })),
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

    /// Every record in the file at `path`, oldest first; a missing file is
    /// an empty journal. Lines that cannot be read (a torn last line after
    /// a crash) are skipped.
    pub fn read_all(path: &Path) -> anyhow::Result<Vec<JournalRecord>> {
        let file = match File::open(path) {
            Ok(file) => file,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => {
                return Err(e).with_context(|| {
                    format!("cannot read the decision journal {}", path.display())
                });
            }
        };
        let mut records = Vec::new();
        for line in BufReader::new(file).lines() {
            let line = line
                .with_context(|| format!("cannot read the decision journal {}", path.display()))?;
            if line.trim().is_empty() {
                continue;
            }
            if let Ok(record) = serde_json::from_str::<JournalRecord>(&line) {
                records.push(record);
            }
        }
        Ok(records)
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

fn end_torn_line(file: &mut File) -> io::Result<()> {
    use std::io::{Read, Seek, SeekFrom};
    let len = file.metadata()?.len();
    if len == 0 {
        return Ok(());
    }
    let mut reader = file.try_clone()?;
    reader.seek(SeekFrom::Start(len - 1))?;
    let mut last = [0u8; 1];
    reader.read_exact(&mut last)?;
    if last[0] != b'\n' {
        file.write_all(b"\n")?;
        file.sync_data()?;
    }
    Ok(())
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
mod tests {
    use super::*;

    fn record(id: &str) -> JournalRecord {
        let mut r =
            JournalRecord::new(id.into(), JournalAction::DenyRequest, "I123", 1_700_000_000);
        r.who = Some("ana (U1)".into());
        r.message = Some("no\nthanks".into());
        r
    }

    #[test]
    fn open_and_unsent_decisions_come_from_the_last_record() {
        let a = record("a");
        let b = record("b");
        let c = record("c");
        let d = record("d");
        let records = vec![
            a.clone(),
            b.clone(),
            c.clone(),
            d.clone(),
            a.next(Stage::Sent, None, 1),
            b.next(Stage::Sent, None, 1),
            b.ended(Outcome::Ok, None, 2),
            c.next(Stage::Sent, None, 1),
            c.ended(Outcome::Unknown, None, 2),
        ];
        let open: Vec<String> = open_decisions(&records)
            .into_iter()
            .map(|r| r.decision_id)
            .collect();
        assert_eq!(open, ["a", "c"]);
        let unsent: Vec<String> = unsent_decisions(&records)
            .into_iter()
            .map(|r| r.decision_id)
            .collect();
        assert_eq!(unsent, ["d"]);
    }

    #[cfg(unix)]
    #[test]
    fn the_file_is_private_and_survives_a_torn_line() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state/connect-triage").join(FILE_NAME);
        let journal = Journal::open(&path).unwrap();
        journal.record(&record("x")).unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&path), 0o600);
        assert_eq!(mode(path.parent().unwrap()), 0o700);
        // A crash in the middle of a line leaves it torn; it is skipped.
        std::fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .unwrap()
            .write_all(b"{\"time\":\"20")
            .unwrap();
        let again = Journal::open(&path).unwrap();
        again.record(&record("y")).unwrap();
        let ids: Vec<String> = Journal::read_all(&path)
            .unwrap()
            .into_iter()
            .map(|r| r.decision_id)
            .collect();
        assert_eq!(ids, ["x", "y"], "only the torn line is lost");
        assert!(
            Journal::read_all(&dir.path().join("missing"))
                .unwrap()
                .is_empty()
        );
    }

    #[test]
    fn closing_records_dropped_and_unknown_and_nothing_twice() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        let journal = Journal::open(&path).unwrap();
        let queued = record("q");
        let sent = record("s");
        let done = record("d");
        journal
            .record_all(&[queued.clone(), sent.clone(), done.clone()])
            .unwrap();
        journal.record(&sent.next(Stage::Sent, None, 5)).unwrap();
        journal.record(&done.next(Stage::Sent, None, 5)).unwrap();
        journal
            .record(&done.ended(Outcome::Error("invite_not_found".into()), None, 6))
            .unwrap();
        assert_eq!(journal.open_count(), 2);
        assert_eq!(journal.close_open(9, "SIGHUP").unwrap(), 2);
        assert_eq!(journal.close_open(9, "SIGHUP").unwrap(), 0);
        let records = Journal::read_all(&path).unwrap();
        let last = latest_by_decision(&records);
        let find = |id: &str| last.iter().find(|r| r.decision_id == id).unwrap();
        assert_eq!(find("q").outcome, Some(Outcome::Dropped));
        assert!(find("q").reason.as_deref().unwrap().contains("SIGHUP"));
        assert_eq!(find("s").outcome, Some(Outcome::Unknown));
        assert_eq!(
            find("d").outcome,
            Some(Outcome::Error("invite_not_found".into()))
        );
        assert_eq!(open_decisions(&records).len(), 1, "the unknown one");
    }
}
