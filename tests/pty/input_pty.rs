//! Input as a terminal delivers it: a paste comes as one bracketed event
//! and never acts as keys, and a burst of keys is handled to the last one
//! without waiting for another key.

#![cfg(unix)]

use crate::support::{Pty, journal};

const PASTE_START: &[u8] = b"\x1b[200~";
const PASTE_END: &[u8] = b"\x1b[201~";

fn bracketed(text: &str) -> Vec<u8> {
    [PASTE_START, text.as_bytes(), PASTE_END].concat()
}

fn demo(home: &std::path::Path) -> Pty {
    let pty = Pty::spawn(&["--grace", "0", "demo"], &[], home);
    pty.wait_for("16 awaiting us", 0);
    pty
}

#[test]
fn a_long_paste_into_the_deny_editor_is_text_and_sends_nothing() {
    let home = tempfile::tempdir().unwrap();
    let mut pty = demo(home.path());
    let at = pty.type_keys("2d");
    pty.wait_for("Deny request", at);
    // Line breaks and a `y` in it: as keys they would confirm a denial.
    let text = "Not approved,\nyes really. Ask IT. ".repeat(400);
    assert!(text.chars().count() >= 10_000);
    let at = pty.write_all(&bracketed(&text));
    pty.wait_for("560/560 characters", at);
    pty.wait_for("Pasted 560 of", at);
    let screen = pty.screen();
    assert!(screen.contains("Not approved,"), "{screen}");
    assert!(
        !screen.contains("Deny request I0NBREQ005?"),
        "no confirmation:\n{screen}"
    );
    let at = pty.type_keys("\x1b");
    pty.wait_for("nothing was sent", at);
    pty.type_keys("q");
    pty.wait();
    pty.assert_terminal_restored();
    let written = pty.text();
    assert!(
        written.contains("\x1b[?2004h"),
        "bracketed paste is asked for"
    );
    assert!(
        written.rfind("\x1b[?2004l") > written.rfind("\x1b[?2004h"),
        "bracketed paste is turned off on the way out"
    );
    assert!(journal(home.path(), true).is_empty(), "nothing was decided");
}

#[test]
fn a_paste_outside_a_text_box_changes_nothing() {
    let home = tempfile::tempdir().unwrap();
    let mut pty = demo(home.path());
    let before = pty.screen();
    // As keys: mark, sort, approve, confirm, quit.
    let at = pty.write_all(&bracketed(" s*ay\nq"));
    pty.wait_for("Paste ignored", at);
    let after = pty.screen();
    // The rows, below the lines whose ages tick, and with their time left
    // blanked: "4h!" may become "3h!" while the paste is read.
    let time_left = |word: &str| {
        let digits = word.trim_start_matches(|c: char| c.is_ascii_digit());
        digits.len() < word.len() && matches!(digits, "m" | "h" | "d" | "m!" | "h!" | "d!")
    };
    let rows = |screen: &str| {
        screen
            .lines()
            .skip(3)
            .take(17)
            .map(|line| {
                line.split_whitespace()
                    .map(|word| if time_left(word) { "·" } else { word })
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(rows(&before), rows(&after), "the rows did not change");
    pty.type_keys("q");
    pty.wait();
    assert!(journal(home.path(), true).is_empty(), "nothing was decided");
}

#[test]
fn a_burst_of_keys_is_handled_to_the_last_key() {
    let home = tempfile::tempdir().unwrap();
    let mut pty = demo(home.path());
    // From the last row, so that the first is out of view.
    pty.type_keys("G");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while pty.screen().contains("Polaris Customs") {
        assert!(std::time::Instant::now() < deadline, "G did not scroll");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let mut burst = vec![b'j'; 3000];
    burst.push(b'g');
    let at = pty.write_all(&burst);
    // `g`, the last key, brings back the first row, selected.
    pty.wait_for("> out Polaris Customs", at);
    pty.type_keys("q");
    pty.wait();
}
