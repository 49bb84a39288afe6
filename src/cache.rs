//! The start-up cache: the last lists seen, on disk, so the TUI shows them
//! at once (marked with their age) while fresh data loads.
//!
//! One file per list under the XDG cache directory
//! (`~/.cache/connect-triage/`), readable by its owner only: the directory
//! is made 0700 and each file 0600. The files hold rows (names, emails,
//! channel names of the workspace), the team ID they belong to and the API
//! base they came from, never the token. A file is JSON lines: a header,
//! then one compact row per line; a file of another version or API base
//! is ignored. It is read back in chunks ([`Cache::load_in_chunks`]).

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Write};
use std::path::PathBuf;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::model::ListKind;
use crate::model::rows::{Channel, Interner, Invite, Org, Request, Row};

const VERSION: u32 = 1;

/// Rows of one list, read back from the cache.
#[derive(Debug, Clone, PartialEq)]
pub enum CachedRows {
    Invites(Vec<Invite>),
    Requests(Vec<Request>),
    Orgs(Vec<Org>),
    Channels(Vec<Channel>),
    /// Lines as read, not parsed yet: the loop parses them into rows that
    /// share the app's strings, so no other thread allocates them.
    Lines(ListKind, Vec<String>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct CachedList {
    /// The workspace the rows belong to.
    pub team_id: String,
    pub saved_at: i64,
    pub rows: CachedRows,
    /// The cache has nothing more of this list (the fresh load starts now).
    pub last: bool,
}

impl CachedList {
    /// "Nothing more of `kind` in the cache" (or no cache at all).
    pub fn end(kind: ListKind) -> CachedList {
        CachedList {
            team_id: String::new(),
            saved_at: 0,
            rows: CachedRows::empty(kind),
            last: true,
        }
    }
}

/// The rows of one list, to be saved (shared with the app, not copied).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SnapshotRows {
    Invites(Vec<Arc<Invite>>),
    Requests(Vec<Arc<Request>>),
    Orgs(Vec<Arc<Org>>),
    Channels(Vec<Arc<Channel>>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot {
    pub kind: ListKind,
    pub team_id: String,
    pub saved_at: i64,
    pub rows: SnapshotRows,
}

#[derive(Debug, Serialize, Deserialize)]
struct Header {
    version: u32,
    kind: String,
    api_base: String,
    team_id: String,
    saved_at: i64,
    count: usize,
}

/// Where the cache lives for one API base.
#[derive(Debug, Clone)]
pub struct Cache {
    dir: PathBuf,
    api_base: String,
}

fn kind_name(kind: ListKind) -> &'static str {
    match kind {
        ListKind::Invites => "invites",
        ListKind::Requests => "requests",
        ListKind::Orgs => "orgs",
        ListKind::Channels => "channels",
    }
}

/// FNV-1a: a stable file name per API base.
fn fnv(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

impl Cache {
    /// The XDG cache directory of connect-triage, when the system has one.
    pub fn default_dir() -> Option<PathBuf> {
        directories::ProjectDirs::from("", "", "connect-triage").map(|d| d.cache_dir().to_owned())
    }

    pub fn new(dir: impl Into<PathBuf>, api_base: &str) -> Cache {
        Cache {
            dir: dir.into(),
            api_base: api_base.to_owned(),
        }
    }

    pub fn path(&self, kind: ListKind) -> PathBuf {
        self.dir.join(format!(
            "{}-{:016x}.jsonl",
            kind_name(kind),
            fnv(&self.api_base)
        ))
    }

    /// Write one list, replacing the previous file at once: written to a
    /// new temporary file whose name nobody can guess (created 0600, never
    /// an existing file or link), then renamed over the old one.
    pub fn save(&self, snapshot: &Snapshot) -> io::Result<()> {
        crate::private_files::create_private_dir(&self.dir)?;
        let temp = tempfile::Builder::new()
            .prefix(".saving-")
            .tempfile_in(&self.dir)?;
        self.write(temp.as_file(), snapshot)?;
        temp.persist(self.path(snapshot.kind))
            .map(drop)
            .map_err(|e| e.error)
    }

    fn write(&self, file: &File, snapshot: &Snapshot) -> io::Result<()> {
        let mut out = BufWriter::new(file);
        let count = match &snapshot.rows {
            SnapshotRows::Invites(rows) => rows.len(),
            SnapshotRows::Requests(rows) => rows.len(),
            SnapshotRows::Orgs(rows) => rows.len(),
            SnapshotRows::Channels(rows) => rows.len(),
        };
        let header = Header {
            version: VERSION,
            kind: kind_name(snapshot.kind).to_owned(),
            api_base: self.api_base.clone(),
            team_id: snapshot.team_id.clone(),
            saved_at: snapshot.saved_at,
            count,
        };
        serde_json::to_writer(&mut out, &header)?;
        out.write_all(b"\n")?;
        fn lines<T: Serialize>(out: &mut impl Write, rows: &[Arc<T>]) -> io::Result<()> {
            for row in rows {
                serde_json::to_writer(&mut *out, &**row)?;
                out.write_all(b"\n")?;
            }
            Ok(())
        }
        match &snapshot.rows {
            SnapshotRows::Invites(rows) => lines(&mut out, rows)?,
            SnapshotRows::Requests(rows) => lines(&mut out, rows)?,
            SnapshotRows::Orgs(rows) => lines(&mut out, rows)?,
            SnapshotRows::Channels(rows) => lines(&mut out, rows)?,
        }
        out.into_inner().map_err(|e| e.into_error())?.sync_all()
    }

    /// Read one list back; `None` when there is none we can use.
    pub fn load(&self, kind: ListKind) -> io::Result<Option<CachedList>> {
        let mut whole: Option<CachedList> = None;
        self.load_in_chunks(kind, usize::MAX, &mut |chunk| match &mut whole {
            None => whole = Some(chunk),
            Some(list) => list.rows.append(chunk.rows),
        })?;
        let Some(mut list) = whole else {
            return Ok(None);
        };
        list.rows = list.rows.parsed(&mut Interner::default())?;
        Ok(Some(list))
    }

    /// Read one list back `chunk` lines at a time, unparsed
    /// ([`CachedRows::Lines`]), so reading 100,000 invites never holds more
    /// than a chunk of them outside the app. Nothing is given when there is
    /// no file this cache can use. Returns the rows read.
    pub fn load_in_chunks(
        &self,
        kind: ListKind,
        chunk: usize,
        give: &mut dyn FnMut(CachedList),
    ) -> io::Result<usize> {
        let file = match crate::private_files::open_private_read(&self.path(kind)) {
            Ok(file) => file,
            Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(0),
            Err(error) => return Err(error),
        };
        let mut lines = BufReader::new(file).lines();
        let Some(first) = lines.next().transpose()? else {
            return Ok(0);
        };
        let Ok(header) = serde_json::from_str::<Header>(&first) else {
            return Ok(0);
        };
        if header.version != VERSION
            || header.kind != kind_name(kind)
            || header.api_base != self.api_base
        {
            return Ok(0);
        }
        let mut read = 0;
        let mut batch = Vec::new();
        let mut send = |batch: Vec<String>| {
            give(CachedList {
                team_id: header.team_id.clone(),
                saved_at: header.saved_at,
                rows: CachedRows::Lines(kind, batch),
                last: false,
            })
        };
        for line in lines {
            batch.push(line?);
            read += 1;
            if batch.len() >= chunk {
                send(std::mem::take(&mut batch));
            }
        }
        if !batch.is_empty() || read == 0 {
            send(batch);
        }
        Ok(read)
    }
}

impl CachedRows {
    pub fn empty(kind: ListKind) -> CachedRows {
        match kind {
            ListKind::Invites => CachedRows::Invites(Vec::new()),
            ListKind::Requests => CachedRows::Requests(Vec::new()),
            ListKind::Orgs => CachedRows::Orgs(Vec::new()),
            ListKind::Channels => CachedRows::Channels(Vec::new()),
        }
    }

    pub fn kind(&self) -> ListKind {
        match self {
            CachedRows::Lines(kind, _) => *kind,
            CachedRows::Invites(_) => ListKind::Invites,
            CachedRows::Requests(_) => ListKind::Requests,
            CachedRows::Orgs(_) => ListKind::Orgs,
            CachedRows::Channels(_) => ListKind::Channels,
        }
    }

    pub fn len(&self) -> usize {
        match self {
            CachedRows::Lines(_, lines) => lines.len(),
            CachedRows::Invites(rows) => rows.len(),
            CachedRows::Requests(rows) => rows.len(),
            CachedRows::Orgs(rows) => rows.len(),
            CachedRows::Channels(rows) => rows.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Lines parsed into rows sharing `interner`'s strings, teams and users.
    pub fn parsed(self, interner: &mut Interner) -> io::Result<CachedRows> {
        fn parse<T: for<'de> Deserialize<'de> + Row>(
            lines: &[String],
            interner: &mut Interner,
        ) -> io::Result<Vec<T>> {
            lines
                .iter()
                .map(|line| Ok(serde_json::from_str::<T>(line)?.intern(interner)))
                .collect()
        }
        let CachedRows::Lines(kind, lines) = self else {
            return Ok(self);
        };
        Ok(match kind {
            ListKind::Invites => CachedRows::Invites(parse(&lines, interner)?),
            ListKind::Requests => CachedRows::Requests(parse(&lines, interner)?),
            ListKind::Orgs => CachedRows::Orgs(parse(&lines, interner)?),
            ListKind::Channels => CachedRows::Channels(parse(&lines, interner)?),
        })
    }

    fn append(&mut self, more: CachedRows) {
        match (self, more) {
            (CachedRows::Invites(a), CachedRows::Invites(b)) => a.extend(b),
            (CachedRows::Requests(a), CachedRows::Requests(b)) => a.extend(b),
            (CachedRows::Orgs(a), CachedRows::Orgs(b)) => a.extend(b),
            (CachedRows::Channels(a), CachedRows::Channels(b)) => a.extend(b),
            (CachedRows::Lines(_, a), CachedRows::Lines(_, b)) => a.extend(b),
            _ => {}
        }
    }
}
