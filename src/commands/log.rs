//! `connect-triage log [--json]`: the decision journal, newest first.
//!
//! As text, one entry per decision (its latest state) on two lines; with
//! `--json`, every record as written, newest first, one object per line.
//! Names in it came from Slack: the text form passes them through the one
//! sanitizer; JSON escapes them.

use std::io::{self, Write};
use std::path::Path;

use anyhow::Context as _;

use crate::app::overlays::journal_view::newest_first;
use crate::journal::{Journal, read_lines};
use crate::text::sanitize::{clean, fit};

pub fn run(json: bool) -> anyhow::Result<()> {
    let path = Journal::default_path();
    let mut out = io::BufWriter::new(io::stdout().lock());
    let result = match print(&path, json, &mut out) {
        Err(e) if is_broken_pipe(&e) => Ok(()),
        other => other,
    };
    // Every record that could be read was shown; say which lines could not.
    let bad_lines = read_lines(&path)
        .map(|read| read.bad_lines)
        .unwrap_or_default();
    if !bad_lines.is_empty() {
        let shown: Vec<String> = bad_lines.iter().take(20).map(ToString::to_string).collect();
        eprintln!(
            "connect-triage: {} line(s) of {} are not journal records and were left out: line {}{}",
            bad_lines.len(),
            clean(&path.display().to_string()),
            shown.join(", "),
            if bad_lines.len() > shown.len() {
                ", …"
            } else {
                ""
            }
        );
    }
    result
}

fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error
        .downcast_ref::<io::Error>()
        .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
}

/// Print the journal at `path` to `out`.
pub fn print(path: &Path, json: bool, out: &mut impl Write) -> anyhow::Result<()> {
    let records = Journal::read_all(path)?;
    if json {
        for record in records.iter().rev() {
            writeln!(out, "{}", record.to_line())?;
        }
        out.flush()?;
        return Ok(());
    }
    if records.is_empty() {
        writeln!(out, "No decisions in {} yet.", path.display())?;
        let demo = Journal::demo_path();
        if path == Journal::default_path() && demo.exists() {
            writeln!(
                out,
                "(Decisions made in the demo are in {}.)",
                demo.display()
            )?;
        }
        out.flush()?;
        return Ok(());
    }
    writeln!(
        out,
        "{:<19}  {:<16}  DECISION (times in UTC)",
        "TIME", "STATE"
    )?;
    for entry in newest_first(&records) {
        writeln!(
            out,
            "{}  {}  {}",
            fit(&entry.time, 19),
            fit(&entry.state, 16),
            clean(&entry.what)
        )?;
        if !entry.detail.is_empty() {
            writeln!(out, "{:<21}{}", "", clean(&entry.detail))?;
        }
    }
    out.flush().context("cannot write to standard output")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::{JournalAction, JournalRecord, Outcome};

    #[test]
    fn text_is_newest_first_and_sanitized_json_is_every_record() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("journal.jsonl");
        let journal = Journal::open(&path).unwrap();
        let mut first = JournalRecord::new("a".into(), JournalAction::DenyRequest, "R1", 0);
        first.message = Some("bye\u{1b}]0;pwned\u{7}".into());
        let second = JournalRecord::new("b".into(), JournalAction::ApproveInvite, "I2", 60);
        journal
            .record_all(&[
                first.clone(),
                second.clone(),
                first.ended(Outcome::Ok, None, 61),
            ])
            .unwrap();
        let mut text = Vec::new();
        print(&path, false, &mut text).unwrap();
        let text = String::from_utf8(text).unwrap();
        let r1 = text.find("deny request R1").unwrap();
        let i2 = text.find("approve invite I2").unwrap();
        assert!(r1 < i2, "the latest change comes first:\n{text}");
        assert!(text.contains("✓ applied"), "{text}");
        assert!(!text.contains('\u{1b}'), "{text}");
        assert!(text.contains("␛]0;pwned␇"), "{text}");
        let mut json = Vec::new();
        print(&path, true, &mut json).unwrap();
        let lines: Vec<JournalRecord> = String::from_utf8(json)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[0].outcome, Some(Outcome::Ok));
    }
}
