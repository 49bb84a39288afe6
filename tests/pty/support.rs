//! The REAL binary in a pseudo-terminal: every byte it writes to the
//! terminal is captured, keys are typed into it, signals sent to it, and
//! the terminal's modes (termios) read back after it ends.

#![allow(dead_code)] // each test file uses a different part of this

use std::io::{Read, Write};
use std::os::fd::{AsRawFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use nix::pty::{Winsize, openpty};
use nix::sys::signal::{Signal, kill};
use nix::sys::termios::{LocalFlags, tcgetattr};
use nix::unistd::Pid;

pub struct Pty {
    child: Child,
    /// Our end: what we type goes in here (`None` once hung up).
    master: Option<std::fs::File>,
    /// Tells the reader to let go of its copy of our end.
    stop: Arc<std::sync::atomic::AtomicBool>,
    reader: Option<std::thread::JoinHandle<()>>,
    /// The terminal's end, kept open to read its modes after the child ends.
    slave: OwnedFd,
    output: Arc<Mutex<Vec<u8>>>,
    pub home: PathBuf,
}

impl Pty {
    /// Start `connect-triage ARGS` on an 80x24 terminal, with HOME and the
    /// XDG folders under `home`, and `env` added.
    pub fn spawn(args: &[&str], env: &[(&str, &str)], home: &Path) -> Pty {
        let size = Winsize {
            ws_row: 24,
            ws_col: 80,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        let pty = openpty(&size, None).expect("openpty");
        // Our end must not leak into the child: closing it must hang up.
        for fd in [&pty.master, &pty.slave] {
            use nix::fcntl::{FcntlArg, FdFlag, fcntl};
            fcntl(fd, FcntlArg::F_SETFD(FdFlag::FD_CLOEXEC)).expect("cloexec");
        }
        let mut command = Command::new(crate::common::BIN);
        command
            .args(args)
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("HOME", home)
            .env("TERM", "xterm-256color")
            .env("XDG_STATE_HOME", home.join("state"))
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env("XDG_DATA_HOME", home.join("data"))
            .env("XDG_CACHE_HOME", home.join("cache"))
            .stdin(Stdio::from(pty.slave.try_clone().unwrap()))
            .stdout(Stdio::from(pty.slave.try_clone().unwrap()))
            .stderr(Stdio::from(pty.slave.try_clone().unwrap()));
        for (key, value) in env {
            command.env(key, value);
        }
        // A session of its own with the pty as its controlling terminal,
        // as a login over SSH would have.
        unsafe {
            command.pre_exec(|| {
                nix::unistd::setsid().map_err(std::io::Error::from)?;
                if nix::libc::ioctl(0, nix::libc::TIOCSCTTY as _, 0) < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        let child = command.spawn().expect("the binary starts");
        let master = std::fs::File::from(pty.master);
        let output = Arc::new(Mutex::new(Vec::new()));
        let mut reader = master.try_clone().unwrap();
        let sink = output.clone();
        let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let stopping = stop.clone();
        let reader = std::thread::spawn(move || {
            use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
            use std::os::fd::AsFd;
            let mut buf = [0u8; 8192];
            while !stopping.load(std::sync::atomic::Ordering::SeqCst) {
                let mut fds = [PollFd::new(reader.as_fd(), PollFlags::POLLIN)];
                match poll(&mut fds, PollTimeout::from(50u16)) {
                    Ok(0) => continue,
                    Ok(_) => {}
                    Err(_) => break,
                }
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => sink.lock().unwrap().extend_from_slice(&buf[..n]),
                }
            }
        });
        Pty {
            child,
            master: Some(master),
            stop,
            reader: Some(reader),
            slave: pty.slave,
            output,
            home: home.to_owned(),
        }
    }

    /// Every byte written to the terminal so far.
    pub fn bytes(&self) -> Vec<u8> {
        self.output.lock().unwrap().clone()
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.bytes()).into_owned()
    }

    /// The screen as a terminal would show it now (a vt100 emulator fed
    /// every byte so far), one line per row.
    pub fn screen(&self) -> String {
        let mut parser = vt100::Parser::default();
        parser.process(&self.bytes());
        parser.screen().contents()
    }

    /// Wait until the screen shows `needle` (words may wrap across rows)
    /// drawn after byte `from`: a match counts only if some cell of it
    /// differs from the screen as it stood at `from`, so text left over from
    /// before a key press never answers for what the key should draw.
    /// Returns how many bytes had arrived by then.
    pub fn wait_for(&self, needle: &str, from: usize) -> usize {
        let deadline = Instant::now() + Duration::from_secs(30);
        let needle = words(needle);
        loop {
            let bytes = self.bytes();
            let mut parser = vt100::Parser::default();
            parser.process(&bytes[..from.min(bytes.len())]);
            let before = parser.screen().clone();
            parser.process(&bytes[from.min(bytes.len())..]);
            if drawn_since(&before, parser.screen(), &needle) {
                return bytes.len();
            }
            assert!(
                Instant::now() < deadline,
                "never saw {needle:?} drawn after byte {from}; the screen shows:\n{}",
                parser.screen().contents()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Wait until the raw bytes (not the screen) hold `needle`, after `from`.
    pub fn wait_for_bytes(&self, needle: &str, from: usize) -> usize {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let bytes = self.bytes();
            let tail = String::from_utf8_lossy(&bytes[from.min(bytes.len())..]).into_owned();
            if tail.contains(needle) {
                return bytes.len();
            }
            assert!(
                Instant::now() < deadline,
                "never saw {needle:?}; the terminal got:\n{}",
                printable(&tail)
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Type bytes as a person at the keyboard would (one key at a time).
    /// Returns how many bytes had arrived before the first key: the `from`
    /// for waiting on what the keys should draw.
    pub fn type_keys(&mut self, keys: &str) -> usize {
        let from = self.bytes().len();
        for c in keys.chars() {
            let mut buf = [0u8; 4];
            let master = self.master.as_mut().expect("not hung up");
            master
                .write_all(c.encode_utf8(&mut buf).as_bytes())
                .unwrap();
            master.flush().unwrap();
            std::thread::sleep(Duration::from_millis(60));
        }
        from
    }

    /// Write `bytes` at once, as a paste or a burst arrives. Returns how
    /// many bytes had arrived before: the `from` for what they should draw.
    pub fn write_all(&mut self, bytes: &[u8]) -> usize {
        let from = self.bytes().len();
        let master = self.master.as_mut().expect("not hung up");
        master.write_all(bytes).unwrap();
        master.flush().unwrap();
        from
    }

    pub fn signal(&self, signal: Signal) {
        kill(Pid::from_raw(self.child.id() as i32), signal).expect("kill");
    }

    /// Wait for the program to end, and for everything it wrote to arrive.
    pub fn wait(&mut self) -> ExitStatus {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                self.drain();
                return status;
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("the program did not end:\n{}", printable(&self.text()));
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// The kernel hands the program's last writes to our end some time after
    /// it exits. A marker written to the terminal now queues behind them, so
    /// once the marker is read, so is every byte before it; it is then cut off.
    fn drain(&mut self) {
        if self.reader.is_none() {
            return; // hung up: nothing more can be read
        }
        const MARKER: &[u8] = b"<<pty-support: all output read>>";
        nix::unistd::write(&self.slave, MARKER).expect("write the drain marker");
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            {
                let mut output = self.output.lock().unwrap();
                if let Some(at) = output.windows(MARKER.len()).rposition(|w| w == MARKER) {
                    output.truncate(at);
                    return;
                }
            }
            assert!(Instant::now() < deadline, "the drain marker never arrived");
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// The terminal is in cooked mode again: line editing and echo on.
    pub fn assert_terminal_restored(&self) {
        let modes = tcgetattr(&self.slave).expect("tcgetattr");
        assert!(
            modes.local_flags.contains(LocalFlags::ICANON),
            "ICANON is off: raw mode was left on"
        );
        assert!(
            modes.local_flags.contains(LocalFlags::ECHO),
            "ECHO is off: raw mode was left on"
        );
        let text = self.text();
        let entered = text
            .rfind("\u{1b}[?1049h")
            .expect("it used the alternate screen");
        let left = text.rfind("\u{1b}[?1049l").unwrap_or_else(|| {
            panic!("the alternate screen was never left:\n{}", printable(&text))
        });
        assert!(
            left > entered,
            "the alternate screen was left before the last entry"
        );
        assert!(
            text.rfind("\u{1b}[?25h") > text.rfind("\u{1b}[?25l"),
            "the cursor was left hidden"
        );
    }

    /// Modes while it runs: raw (no line editing, no echo).
    pub fn assert_raw(&self) {
        let modes = tcgetattr(&self.slave).expect("tcgetattr");
        assert!(!modes.local_flags.contains(LocalFlags::ICANON));
        assert!(!modes.local_flags.contains(LocalFlags::ECHO));
    }

    /// Close our end of the terminal, as a dropped SSH connection does:
    /// the kernel hangs up the program's controlling terminal.
    pub fn hang_up(&mut self) {
        self.stop.store(true, std::sync::atomic::Ordering::SeqCst);
        if let Some(reader) = self.reader.take() {
            let _ = reader.join();
        }
        self.master = None;
    }

    pub fn raw_fd(&self) -> Option<i32> {
        self.master.as_ref().map(|m| m.as_raw_fd())
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        // Never leave our own child behind (by its PID, nothing else).
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// Whitespace runs (and row ends) as single spaces.
fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether `needle` (as [`words`] writes it) shows on `now` with at least
/// one of its cells changed since `before`.
fn drawn_since(before: &vt100::Screen, now: &vt100::Screen, needle: &str) -> bool {
    // The screen as one line of words, and the cell each byte came from
    // (none for the spaces that stand for blanks and row ends).
    let (rows, cols) = now.size();
    let mut text = String::new();
    let mut origin: Vec<Option<(u16, u16)>> = Vec::new();
    let blank = |text: &mut String, origin: &mut Vec<_>| {
        if !text.is_empty() && !text.ends_with(' ') {
            text.push(' ');
            origin.push(None);
        }
    };
    for row in 0..rows.get() {
        for col in 0..cols.get() {
            let cell = now.cell(row, col).expect("a cell on the screen");
            if cell.is_wide_continuation() {
                continue;
            }
            let contents = cell.contents();
            if contents.trim().is_empty() {
                blank(&mut text, &mut origin);
                continue;
            }
            text.push_str(contents);
            origin.extend(std::iter::repeat_n(Some((row, col)), contents.len()));
        }
        blank(&mut text, &mut origin);
    }
    text.match_indices(needle).any(|(at, found)| {
        origin[at..at + found.len()]
            .iter()
            .flatten()
            .any(|&(row, col)| before.cell(row, col) != now.cell(row, col))
    })
}

/// Terminal output made readable: ESC as ␛, other controls as pictures.
pub fn printable(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{1b}' => '␛',
            '\n' => '\n',
            c if (c as u32) < 0x20 => char::from_u32(0x2400 + c as u32).unwrap_or('?'),
            c => c,
        })
        .collect()
}

/// The journal records a session wrote (`demo` picks the demo's journal).
pub fn journal(home: &Path, demo: bool) -> Vec<connect_triage::journal::JournalRecord> {
    let name = if demo {
        connect_triage::journal::DEMO_FILE_NAME
    } else {
        connect_triage::journal::FILE_NAME
    };
    connect_triage::journal::Journal::read_all(&home.join("state/connect-triage").join(name))
        .expect("the journal reads")
}
