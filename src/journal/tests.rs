//! The journal file: what it keeps, how it is read, how it survives.

use super::*;

fn record(id: &str) -> JournalRecord {
    let mut r = JournalRecord::new(id.into(), JournalAction::DenyRequest, "I123", 1_700_000_000);
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

#[test]
fn a_journal_with_unreadable_lines_is_moved_aside_once_and_a_new_one_started() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FILE_NAME);
    let journal = Journal::open(&path).unwrap();
    journal.record(&record("a")).unwrap();
    journal.record(&record("b")).unwrap();
    drop(journal);
    // One byte that is not UTF-8, in the middle of the file.
    let mut bytes = std::fs::read(&path).unwrap();
    let second = bytes.iter().position(|b| *b == b'\n').unwrap() + 3;
    bytes[second] = 0xff;
    std::fs::write(&path, &bytes).unwrap();
    let read = read_lines(&path).unwrap();
    assert_eq!(read.records.len(), 1, "what can be read still is");
    assert_eq!(read.bad_lines, [2]);

    let journal = Journal::open(&path).unwrap();
    let (aside, lines) = journal.moved_aside().expect("moved aside");
    assert_eq!(lines, [2]);
    assert!(
        aside.to_string_lossy().contains("journal.jsonl.broken-"),
        "{aside:?}"
    );
    assert_eq!(std::fs::read(&aside).unwrap(), bytes, "kept as it was");
    let kept: Vec<String> = Journal::read_all(&path)
        .unwrap()
        .into_iter()
        .map(|r| r.decision_id)
        .collect();
    assert_eq!(kept, ["a"], "a new journal with what could be read");
    journal.record(&record("c")).unwrap();
    drop(journal);
    assert!(
        Journal::open(&path).unwrap().moved_aside().is_none(),
        "only once"
    );
}

#[test]
fn a_journal_that_is_a_folder_says_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FILE_NAME);
    std::fs::create_dir(&path).unwrap();
    let error = format!("{:#}", Journal::open(&path).unwrap_err());
    assert!(error.contains(&path.display().to_string()), "{error}");
    assert!(error.contains("move away what is there"), "{error}");
}
