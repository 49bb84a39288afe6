//! A config can't trap the admin or the start-up: no keymap without a way
//! out, no key that can't be pressed, no file that hangs or fills memory.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::*;
use crate::keys::keymap::{Action, Context, KeySpec};

fn all(warnings: &[ConfigWarning]) -> String {
    warnings
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn keys_no_terminal_sends_are_refused_and_keep_their_default() {
    let text = "[keys]\nquit = [\"f99\"]\nback = [\"f0\"]\ncancel = [\"f25\"]\nhelp = [\"f24\"]\n";
    let (config, warnings) = Config::parse(text);
    let shown = all(&warnings);
    assert_eq!(warnings.len(), 3, "{shown}");
    for (line, key) in [(2, "f99"), (3, "f0"), (4, "f25")] {
        assert!(
            warnings.iter().any(|w| w.line == Some(line)
                && w.message
                    .contains(&format!("{key:?} is no key a terminal sends"))
                && w.message.contains("f1 to f24")),
            "{shown}"
        );
    }
    let defaults = Keymap::default();
    for action in [Action::Quit, Action::Back, Action::Cancel] {
        assert_eq!(config.keymap.keys_for(action), defaults.keys_for(action));
    }
    assert_eq!(
        config.keymap.keys_for(Action::Help),
        [KeySpec::plain(KeyCode::F(24))]
    );
}

#[test]
fn quit_always_keeps_ctrl_c_and_nothing_else_may_take_it() {
    let text = "[keys]\nquit = [\"Q\"]\nrefresh = [\"ctrl+c\"]\n";
    let (config, warnings) = Config::parse(text);
    assert_eq!(warnings.len(), 1, "{}", all(&warnings));
    assert_eq!(warnings[0].line, Some(3));
    assert!(warnings[0].message.contains("ctrl+c always quits"));
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert_eq!(
        config
            .keymap
            .action(Context::List, ListKind::Invites, &ctrl_c),
        Some(Action::Quit)
    );
    assert_eq!(
        config.keymap.keys_for(Action::Refresh),
        Keymap::default().keys_for(Action::Refresh)
    );
}

#[test]
fn cancel_must_keep_a_key_that_works_while_typing() {
    let (config, warnings) = Config::parse("[keys]\ncancel = [\"n\", \"x\"]\n");
    assert_eq!(warnings.len(), 1, "{}", all(&warnings));
    assert!(
        warnings[0]
            .message
            .contains("cancel needs a key that works while typing"),
        "{}",
        warnings[0]
    );
    assert_eq!(
        config.keymap.keys_for(Action::Cancel),
        Keymap::default().keys_for(Action::Cancel)
    );
    let (config, warnings) = Config::parse("[keys]\ncancel = [\"ctrl+g\", \"n\"]\n");
    assert!(warnings.is_empty(), "{}", all(&warnings));
    assert_eq!(
        config.keymap.keys_for(Action::Cancel)[0].to_string(),
        "Ctrl-g"
    );
}

#[test]
fn warnings_name_the_right_line_however_many_there_are() {
    let text: String = (0..20_000).map(|i| format!("unknown_{i} = 1\n")).collect();
    let (_, warnings) = Config::parse(&text);
    assert_eq!(warnings.len(), 20_000);
    for i in [0, 1, 9_999, 19_999] {
        assert_eq!(warnings[i].line, Some(i + 1));
        assert!(warnings[i].message.contains(&format!("\"unknown_{i}\"")));
    }
}

#[cfg(unix)]
#[test]
fn a_fifo_a_device_or_a_huge_file_is_refused_without_reading_it() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("config.toml");
    let c_path = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path; mkfifo touches nothing else.
    assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o600) }, 0);
    // With no writer, reading the FIFO would block forever.
    let (config, warnings) = Config::load(Some(&fifo));
    assert_eq!(config, Config::default());
    assert!(all(&warnings).contains("it is a FIFO, not a regular file"));

    let (_, warnings) = Config::load(Some(std::path::Path::new("/dev/zero")));
    assert!(all(&warnings).contains("it is a device, not a regular file"));

    let (_, warnings) = Config::load(Some(dir.path()));
    assert!(all(&warnings).contains("it is a folder"));

    let big = dir.path().join("big.toml");
    let mut text = "grace_seconds = 1\n".to_owned();
    text.push_str(&"# padding\n".repeat(110_000));
    std::fs::write(&big, &text).unwrap();
    let (config, warnings) = Config::load(Some(&big));
    assert_eq!(config.grace_seconds, DEFAULT_GRACE_SECONDS);
    assert!(
        all(&warnings).contains("larger than 1024 KB"),
        "{}",
        all(&warnings)
    );
}
