//! Files we write (journal, cache, logs) are readable by their owner only:
//! 0600 files in 0700 directories. They hold names, emails and messages
//! from Slack, never the token.

use std::fs::{File, OpenOptions};
use std::io;
use std::path::Path;

/// Create `dir` (and its parents) as 0700; an existing `dir` is tightened
/// to 0700. Parents that already exist are left as they are. A `dir` that
/// belongs to someone else, or that others may write to, is refused: files
/// could be planted there (a link to redirect our writes, a fake journal).
pub fn create_private_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{DirBuilderExt, MetadataExt, PermissionsExt};
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)?;
        let meta = std::fs::metadata(dir)?;
        // SAFETY: geteuid has no preconditions and cannot fail.
        let me = unsafe { libc::geteuid() };
        if meta.uid() != me {
            return Err(refused(format!(
                "{} belongs to another user (uid {}), so files there could be planted \
                 or read by them; use a folder of your own (set XDG_STATE_HOME or \
                 XDG_CACHE_HOME), or take it over: sudo chown -R {me} {}",
                dir.display(),
                meta.uid(),
                dir.display()
            )));
        }
        let mode = meta.permissions().mode() & 0o777;
        if mode & 0o022 != 0 {
            return Err(refused(format!(
                "{} can be written by other users (mode {mode:o}), so files there could be \
                 planted; make it yours alone: chmod 700 {}",
                dir.display(),
                dir.display()
            )));
        }
        if mode != 0o700 {
            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))?;
        }
        Ok(())
    }
    #[cfg(not(unix))]
    {
        std::fs::create_dir_all(dir)
    }
}

fn refused(words: String) -> io::Error {
    io::Error::new(io::ErrorKind::PermissionDenied, words)
}

/// Open `path` for appending, created 0600; an existing file is tightened to 0600.
pub fn open_private_append(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.create(true).append(true).read(true);
    open_private(path, &mut options)
}

/// Create or truncate `path` for writing, 0600.
pub fn create_private(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.create(true).write(true).truncate(true);
    open_private(path, &mut options)
}

/// Open `path` for reading, never through a symbolic link.
pub fn open_private_read(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true);
    no_follow(&mut options);
    options.open(path).map_err(|e| explain_link(path, e))
}

/// A symbolic link planted where a state file goes must not redirect our
/// writes (or a chmod) to the file it points at.
fn no_follow(options: &mut OpenOptions) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW);
    }
    #[cfg(not(unix))]
    let _ = options;
}

/// ELOOP from O_NOFOLLOW, in words.
fn explain_link(path: &Path, error: io::Error) -> io::Error {
    #[cfg(unix)]
    if error.raw_os_error() == Some(libc::ELOOP) {
        return refused(format!(
            "{} is a symbolic link; connect-triage never follows links for its own \
             files, since one could redirect them elsewhere. Remove it (rm {}) and \
             start again",
            path.display(),
            path.display()
        ));
    }
    let _ = path;
    error
}

fn open_private(path: &Path, options: &mut OpenOptions) -> io::Result<File> {
    no_follow(options);
    #[cfg(unix)]
    {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        options.mode(0o600);
        let file = options.open(path).map_err(|e| explain_link(path, e))?;
        let mode = file.metadata()?.permissions().mode() & 0o777;
        if mode != 0o600 {
            file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
        }
        Ok(file)
    }
    #[cfg(not(unix))]
    {
        options.open(path)
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn mode(path: &Path) -> u32 {
        std::fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn loose_modes_are_tightened() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("a/b");
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::set_permissions(&sub, std::fs::Permissions::from_mode(0o755)).unwrap();
        create_private_dir(&sub).unwrap();
        assert_eq!(mode(&sub), 0o700);
        let file = sub.join("f");
        std::fs::write(&file, "x").unwrap();
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
        drop(open_private_append(&file).unwrap());
        assert_eq!(mode(&file), 0o600);
        let fresh = sub.join("g");
        drop(create_private(&fresh).unwrap());
        assert_eq!(mode(&fresh), 0o600);
    }

    #[test]
    fn a_planted_link_is_never_followed() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        std::fs::write(&victim, "mine").unwrap();
        std::fs::set_permissions(&victim, std::fs::Permissions::from_mode(0o644)).unwrap();
        let link = dir.path().join("journal.jsonl");
        std::os::unix::fs::symlink(&victim, &link).unwrap();
        for open in [open_private_append, create_private, open_private_read] {
            let error = open(&link).unwrap_err();
            assert!(error.to_string().contains("symbolic link"), "{error}");
        }
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "mine");
        assert_eq!(mode(&victim), 0o644, "the target was not chmod'ed");
    }

    #[test]
    fn a_folder_others_can_write_is_refused_with_the_fix() {
        let dir = tempfile::tempdir().unwrap();
        let shared = dir.path().join("state");
        std::fs::create_dir(&shared).unwrap();
        std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o777)).unwrap();
        let error = create_private_dir(&shared).unwrap_err();
        assert!(error.to_string().contains("chmod 700"), "{error}");
        assert_eq!(mode(&shared), 0o777, "refused, not silently changed");
    }
}
