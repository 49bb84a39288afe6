//! The layout of a cache file, all integers little-endian:
//!
//! ```text
//! "CTCACHE\0"          magic, 8 bytes
//! version              u32
//! header length        u32, then the header (postcard: kind, API base,
//!                      team ID, saved at, rows, chunks)
//! per chunk            rows u32, unpacked length u32, packed length u32,
//!                      then one zstd frame of the postcard chunk
//! CRC-32               u32, of every byte before it
//! ```
//!
//! The whole file is checked before any row is given, so a damaged file
//! shows nothing rather than some of its rows; the frames are unpacked one
//! at a time as they are handed over, so a big list is never unpacked
//! whole.

use std::io::{self, Write};

use serde::{Deserialize, Serialize};

pub(super) const MAGIC: &[u8; 8] = b"CTCACHE\0";
/// 1 was JSON lines; 2 is this layout.
pub(super) const VERSION: u32 = 2;
/// A chunk that claims more is damaged (one holds a few MB at most).
const MAX_UNPACKED: usize = 256 << 20;
/// zstd's default: the files are small already, and reading back (what
/// start-up waits for) costs the same at any level.
const LEVEL: i32 = 3;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct Header {
    pub kind: String,
    pub api_base: String,
    pub team_id: String,
    pub saved_at: i64,
    pub rows: u64,
    pub chunks: u32,
}

/// Why a file is not read.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Refused {
    /// Another version's: expected after an upgrade, not worth a warning.
    OtherVersion(u32),
    /// Damaged: truncated, altered, or not a cache file at all.
    Damaged(String),
}

/// One chunk of a checked file, still packed.
#[derive(Debug)]
pub(super) struct Frame<'a> {
    pub rows: usize,
    unpacked: usize,
    packed: &'a [u8],
}

/// Writes the layout, keeping the CRC of what it wrote.
pub(super) struct Writer<W: Write> {
    out: W,
    crc: crc32fast::Hasher,
    packer: zstd::bulk::Compressor<'static>,
}

fn u32_of(n: usize, what: &str) -> io::Result<u32> {
    u32::try_from(n).map_err(|_| io::Error::other(format!("cache: {what} too large ({n})")))
}

impl<W: Write> Writer<W> {
    pub fn new(out: W, header: &Header) -> io::Result<Writer<W>> {
        let mut writer = Writer {
            out,
            crc: crc32fast::Hasher::new(),
            packer: zstd::bulk::Compressor::new(LEVEL)?,
        };
        let header = postcard::to_stdvec(header).map_err(io::Error::other)?;
        writer.put(MAGIC)?;
        writer.put(&VERSION.to_le_bytes())?;
        writer.put(&u32_of(header.len(), "header")?.to_le_bytes())?;
        writer.put(&header)?;
        Ok(writer)
    }

    fn put(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.crc.update(bytes);
        self.out.write_all(bytes)
    }

    /// One chunk of `rows` rows, `unpacked` being its postcard bytes.
    pub fn chunk(&mut self, rows: usize, unpacked: &[u8]) -> io::Result<()> {
        let packed = self.packer.compress(unpacked)?;
        self.put(&u32_of(rows, "chunk")?.to_le_bytes())?;
        self.put(&u32_of(unpacked.len(), "chunk")?.to_le_bytes())?;
        self.put(&u32_of(packed.len(), "chunk")?.to_le_bytes())?;
        self.put(&packed)
    }

    pub fn finish(self) -> io::Result<W> {
        let Writer { mut out, crc, .. } = self;
        out.write_all(&crc.finalize().to_le_bytes())?;
        Ok(out)
    }
}

/// Reads the layout front to back; every read past the end is damage.
struct Cursor<'a>(&'a [u8]);

impl<'a> Cursor<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], Refused> {
        if self.0.len() < n {
            return Err(Refused::Damaged("cut short".into()));
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Ok(head)
    }

    fn u32(&mut self) -> Result<u32, Refused> {
        let bytes = self.take(4)?;
        Ok(u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]))
    }

    fn len(&mut self) -> Result<usize, Refused> {
        usize::try_from(self.u32()?).map_err(|_| Refused::Damaged("length".into()))
    }
}

/// The header and chunks of a whole file, once its CRC and layout hold.
pub(super) fn check(bytes: &[u8]) -> Result<(Header, Vec<Frame<'_>>), Refused> {
    let damaged = |why: &str| Refused::Damaged(why.to_owned());
    let mut cursor = Cursor(bytes);
    if cursor.take(MAGIC.len()).ok() != Some(&MAGIC[..]) {
        return Err(damaged("not a cache file"));
    }
    let version = cursor.u32()?;
    if version != VERSION {
        return Err(Refused::OtherVersion(version));
    }
    let start = MAGIC.len() + 4;
    let Some(end) = bytes.len().checked_sub(4).filter(|&end| end >= start) else {
        return Err(damaged("cut short"));
    };
    let (body, crc) = bytes.split_at(end);
    if crc32fast::hash(body).to_le_bytes() != crc {
        return Err(damaged("checksum mismatch (truncated or altered)"));
    }
    let mut cursor = Cursor(&body[start..]);
    let length = cursor.len()?;
    let header: Header = postcard::from_bytes(cursor.take(length)?)
        .map_err(|e| Refused::Damaged(format!("header: {e}")))?;
    let mut frames = Vec::new();
    let mut rows = 0u64;
    for _ in 0..header.chunks {
        let frame_rows = cursor.len()?;
        let unpacked = cursor.len()?;
        let packed = cursor.len()?;
        if unpacked > MAX_UNPACKED {
            return Err(damaged("a chunk too large"));
        }
        frames.push(Frame {
            rows: frame_rows,
            unpacked,
            packed: cursor.take(packed)?,
        });
        rows += frame_rows as u64;
    }
    if !cursor.0.is_empty() || rows != header.rows {
        return Err(damaged("chunks and header disagree"));
    }
    Ok((header, frames))
}

/// A checked frame's postcard bytes.
pub(super) fn unpack(frame: &Frame<'_>) -> io::Result<Vec<u8>> {
    let bytes = zstd::bulk::decompress(frame.packed, frame.unpacked)?;
    if bytes.len() != frame.unpacked {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            "cache chunk: unpacked length differs",
        ));
    }
    Ok(bytes)
}
