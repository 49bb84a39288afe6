//! The start-up cache: the last lists seen, on disk, so the TUI shows them
//! at once (marked with their age) while fresh data loads.
//!
//! One file per list under the XDG cache directory
//! (`~/.cache/connect-triage/`), readable by its owner only: the directory
//! is made 0700 and each file 0600. The files hold rows (names, emails,
//! channel names of the workspace), the team ID they belong to and the API
//! base they came from, never the token. A file is binary ([`file`] has
//! the layout): a header, then zstd-packed postcard chunks of rows
//! ([`wire`]), then a CRC-32 of it all. A file of another version, list or
//! API base is ignored, and so is a damaged one, with a warning in the log.
//! It is read back in chunks ([`Cache::load_in_chunks`]).

mod file;
mod stored;
#[cfg(test)]
mod tests;
mod wire;

use std::fs::File;
use std::io::{self, BufWriter, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::model::ListKind;
use crate::model::rows::{Channel, Interner, Invite, Org, Request};
use file::{Header, Refused, Writer};
use wire::Wire;

/// Rows a stored chunk holds: a loop turn's worth of rows to decode.
const ROWS_PER_CHUNK: usize = 2000;
/// Read no further: a larger file fails its checksum as damaged (100,000
/// invites take ~7 MB).
const MAX_FILE: u64 = 1 << 30;

/// Rows of one list, read back from the cache.
#[derive(Debug, Clone, PartialEq)]
pub enum CachedRows {
    Invites(Vec<Invite>),
    Requests(Vec<Request>),
    Orgs(Vec<Org>),
    Channels(Vec<Channel>),
    /// Chunks as read, not decoded yet: the loop decodes them into rows
    /// that share the app's strings, so no other thread allocates them.
    Encoded(ListKind, Encoded),
}

/// Stored chunks, checked and unpacked, of `rows` rows in all.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Encoded {
    rows: usize,
    bytes: Vec<u8>,
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

fn write_chunks<R: Wire>(out: &mut Writer<impl io::Write>, rows: &[Arc<R>]) -> io::Result<()> {
    let mut bytes = Vec::new();
    for chunk in rows.chunks(ROWS_PER_CHUNK) {
        bytes.clear();
        wire::encode(chunk, &mut bytes)?;
        out.chunk(chunk.len(), &bytes)?;
    }
    Ok(())
}

/// The whole file at `path`; `None` when there is none.
fn read_private(path: &Path) -> io::Result<Option<Vec<u8>>> {
    let file = match crate::private_files::open_private_read(path) {
        Ok(file) => file,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(error) => return Err(error),
    };
    let mut bytes = Vec::new();
    file.take(MAX_FILE + 1).read_to_end(&mut bytes)?;
    Ok(Some(bytes))
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
        self.named(kind, "bin")
    }

    fn named(&self, kind: ListKind, extension: &str) -> PathBuf {
        self.dir.join(format!(
            "{}-{:016x}.{extension}",
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
            .map_err(|e| e.error)?;
        // Version 1's JSON lines: never read again, and up to 80 MB.
        // Removing a link removes the link, never what it points to.
        let _ = std::fs::remove_file(self.named(snapshot.kind, "jsonl"));
        Ok(())
    }

    fn write(&self, file: &File, snapshot: &Snapshot) -> io::Result<()> {
        let rows = match &snapshot.rows {
            SnapshotRows::Invites(rows) => rows.len(),
            SnapshotRows::Requests(rows) => rows.len(),
            SnapshotRows::Orgs(rows) => rows.len(),
            SnapshotRows::Channels(rows) => rows.len(),
        };
        let header = Header {
            kind: kind_name(snapshot.kind).to_owned(),
            api_base: self.api_base.clone(),
            team_id: snapshot.team_id.clone(),
            saved_at: snapshot.saved_at,
            rows: rows as u64,
            chunks: u32::try_from(rows.div_ceil(ROWS_PER_CHUNK)).map_err(io::Error::other)?,
        };
        let mut out = Writer::new(BufWriter::new(file), &header)?;
        match &snapshot.rows {
            SnapshotRows::Invites(rows) => write_chunks(&mut out, rows)?,
            SnapshotRows::Requests(rows) => write_chunks(&mut out, rows)?,
            SnapshotRows::Orgs(rows) => write_chunks(&mut out, rows)?,
            SnapshotRows::Channels(rows) => write_chunks(&mut out, rows)?,
        }
        out.finish()?
            .into_inner()
            .map_err(|e| e.into_error())?
            .sync_all()
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

    /// Read one list back, undecoded ([`CachedRows::Encoded`]), in chunks
    /// of at least `chunk` rows (whole stored chunks, the last one may hold
    /// fewer), so reading 100,000 invites never holds more than a chunk of
    /// them outside the app. The whole file is checked first: nothing is
    /// given when there is no file this cache can use, or it is damaged
    /// (said in the log). Returns the rows read.
    pub fn load_in_chunks(
        &self,
        kind: ListKind,
        chunk: usize,
        give: &mut dyn FnMut(CachedList),
    ) -> io::Result<usize> {
        let path = self.path(kind);
        let Some(bytes) = read_private(&path)? else {
            return Ok(0);
        };
        let (header, frames) = match file::check(&bytes) {
            Ok(checked) => checked,
            Err(Refused::OtherVersion(version)) => {
                tracing::info!(path = %path.display(), version, "ignoring a cache file of another version");
                return Ok(0);
            }
            Err(Refused::Damaged(why)) => {
                tracing::warn!(path = %path.display(), %why, "ignoring a damaged cache file");
                return Ok(0);
            }
        };
        if header.kind != kind_name(kind) || header.api_base != self.api_base {
            tracing::info!(path = %path.display(), "ignoring a cache file of another list or API base");
            return Ok(0);
        }
        let mut send = |batch: Encoded| {
            give(CachedList {
                team_id: header.team_id.clone(),
                saved_at: header.saved_at,
                rows: CachedRows::Encoded(kind, batch),
                last: false,
            })
        };
        let (mut read, mut batch, mut unpacked) = (0, Encoded::default(), true);
        for frame in &frames {
            match file::unpack(frame) {
                Ok(bytes) if batch.bytes.is_empty() => batch.bytes = bytes,
                Ok(bytes) => batch.bytes.extend_from_slice(&bytes),
                Err(error) => {
                    tracing::warn!(path = %path.display(), %error, "a cache chunk could not be unpacked");
                    unpacked = false;
                    break;
                }
            }
            batch.rows += frame.rows;
            read += frame.rows;
            if batch.rows >= chunk {
                send(std::mem::take(&mut batch));
            }
        }
        // An empty list is sent too: its rows are "none" as of `saved_at`.
        if batch.rows > 0 || (read == 0 && unpacked) {
            send(batch);
        }
        Ok(read)
    }
}

impl Encoded {
    fn decode<R: Wire>(&self, interner: &mut Interner) -> io::Result<Vec<R>> {
        // Every row takes a byte at least: a count beyond that is damage,
        // and never worth reserving for.
        let mut rows = Vec::with_capacity(self.rows.min(self.bytes.len()));
        let mut rest = &self.bytes[..];
        while !rest.is_empty() {
            rest = wire::decode(rest, interner, &mut rows)?;
        }
        if rows.len() != self.rows {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!("cache: {} rows where {} were said", rows.len(), self.rows),
            ));
        }
        Ok(rows)
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
            CachedRows::Encoded(kind, _) => *kind,
            CachedRows::Invites(_) => ListKind::Invites,
            CachedRows::Requests(_) => ListKind::Requests,
            CachedRows::Orgs(_) => ListKind::Orgs,
            CachedRows::Channels(_) => ListKind::Channels,
        }
    }

    pub fn len(&self) -> usize {
        match self {
            CachedRows::Encoded(_, encoded) => encoded.rows,
            CachedRows::Invites(rows) => rows.len(),
            CachedRows::Requests(rows) => rows.len(),
            CachedRows::Orgs(rows) => rows.len(),
            CachedRows::Channels(rows) => rows.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether these rows still have to be decoded ([`CachedRows::parsed`]).
    pub fn is_encoded(&self) -> bool {
        matches!(self, CachedRows::Encoded(..))
    }

    /// Chunks decoded into rows sharing `interner`'s strings, teams and
    /// users (rows decoded already are returned as they are).
    pub fn parsed(self, interner: &mut Interner) -> io::Result<CachedRows> {
        let CachedRows::Encoded(kind, encoded) = self else {
            return Ok(self);
        };
        Ok(match kind {
            ListKind::Invites => CachedRows::Invites(encoded.decode(interner)?),
            ListKind::Requests => CachedRows::Requests(encoded.decode(interner)?),
            ListKind::Orgs => CachedRows::Orgs(encoded.decode(interner)?),
            ListKind::Channels => CachedRows::Channels(encoded.decode(interner)?),
        })
    }

    fn append(&mut self, more: CachedRows) {
        match (self, more) {
            (CachedRows::Invites(a), CachedRows::Invites(b)) => a.extend(b),
            (CachedRows::Requests(a), CachedRows::Requests(b)) => a.extend(b),
            (CachedRows::Orgs(a), CachedRows::Orgs(b)) => a.extend(b),
            (CachedRows::Channels(a), CachedRows::Channels(b)) => a.extend(b),
            (CachedRows::Encoded(_, a), CachedRows::Encoded(_, b)) => {
                a.rows += b.rows;
                a.bytes.extend(b.bytes);
            }
            _ => {}
        }
    }
}
