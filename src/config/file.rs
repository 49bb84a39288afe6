//! Reading the config file: only a regular file of sane size, opened so
//! that a FIFO or a device can neither hang start-up nor fill memory.

use std::fmt;
use std::path::Path;

/// Largest config file read: a real one is a few KB, and a bigger one is
/// more likely `/dev/zero` or a log than settings.
pub const MAX_CONFIG_BYTES: u64 = 1024 * 1024;

/// Why the config file's text could not be had.
#[derive(Debug)]
pub(super) enum ReadProblem {
    Io(std::io::Error),
    NotAFile(&'static str),
    TooBig,
    NotText,
}

impl fmt::Display for ReadProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadProblem::Io(e) => write!(f, "cannot read it ({e})"),
            ReadProblem::NotAFile(what) => {
                write!(f, "it is {what}, not a regular file, so it is not read")
            }
            ReadProblem::TooBig => write!(
                f,
                "it is larger than {} KB, the most a config file may be, so it is not read",
                MAX_CONFIG_BYTES / 1024
            ),
            ReadProblem::NotText => f.write_str("it is not UTF-8 text"),
        }
    }
}

/// The file's text, if it is a regular file of at most [`MAX_CONFIG_BYTES`].
/// It is opened without blocking and checked before a byte is read, so a
/// FIFO cannot hang start-up and a device cannot fill memory.
pub(super) fn read_config_file(path: &Path) -> Result<String, ReadProblem> {
    use std::io::Read;
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    let file = options.open(path).map_err(ReadProblem::Io)?;
    let kind = file.metadata().map_err(ReadProblem::Io)?.file_type();
    if !kind.is_file() {
        return Err(ReadProblem::NotAFile(file_kind(kind)));
    }
    let mut bytes = Vec::new();
    file.take(MAX_CONFIG_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadProblem::Io)?;
    if bytes.len() as u64 > MAX_CONFIG_BYTES {
        return Err(ReadProblem::TooBig);
    }
    String::from_utf8(bytes).map_err(|_| ReadProblem::NotText)
}

fn file_kind(kind: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a FIFO";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "a device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    if kind.is_dir() {
        "a folder"
    } else {
        "not a file"
    }
}
