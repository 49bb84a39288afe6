//! Reading the journal back: every record that can be read, and the
//! numbers of the lines that cannot (bytes that are not UTF-8, or not a
//! record), so one bad line never hides the rest.

use std::io::{self, BufRead, BufReader};
use std::path::Path;

use anyhow::Context as _;

use crate::journal::JournalRecord;

/// What a journal file holds.
#[derive(Debug, Default)]
pub struct JournalRead {
    /// Oldest first.
    pub records: Vec<JournalRecord>,
    /// Lines (counted from 1) that are not a record.
    pub bad_lines: Vec<usize>,
}

/// Read the journal at `path`; a missing file is an empty journal.
pub fn read_lines(path: &Path) -> anyhow::Result<JournalRead> {
    let cannot = || format!("cannot read the decision journal {}", path.display());
    let file = match crate::private_files::open_private_read(path) {
        Ok(file) => file,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(JournalRead::default()),
        Err(e) => return Err(e).with_context(cannot),
    };
    let mut read = JournalRead::default();
    for (at, line) in BufReader::new(file).split(b'\n').enumerate() {
        let line = line.with_context(cannot)?;
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        match std::str::from_utf8(&line)
            .ok()
            .and_then(|text| serde_json::from_str::<JournalRecord>(text).ok())
        {
            Some(record) => read.records.push(record),
            None => read.bad_lines.push(at + 1),
        }
    }
    Ok(read)
}
