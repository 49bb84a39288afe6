//! Hostile text from another org, end to end: a crafted emulator data file
//! (org, channel and user names, emails) full of terminal tricks, the REAL
//! binary on a pseudo-terminal, every pane, detail view, dialog and the
//! journal visited, and every byte it wrote checked. Nothing from the data
//! reaches the terminal as a control: no ESC of its own, no OSC (title,
//! clipboard), no DCS, no C1 control, no bidi or zero-width character.

#![cfg(unix)]

use crate::support::{Pty, printable};

/// The demo data with hostile names, written as JSON escapes like a real
/// API answer would carry them.
fn hostile_data_file(dir: &std::path::Path) -> std::path::PathBuf {
    let text = include_str!("../../assets/demo.json")
        // A window title change and a clipboard write (OSC 0, OSC 52).
        .replace(
            "\"Maersk Line\"",
            "\"Maersk\\u001b]0;pwned\\u0007 Line\\u001b]52;c;ZXZpbA==\\u0007\"",
        )
        // Leaving the alternate screen, clearing it, a DCS string, BEL, DEL.
        .replace(
            "\"Brightwater Freight\"",
            "\"Bright\\u001b[?1049l\\u001b[2J\\u001bPq#evil\\u001b\\\\water\\u0007\\u007f\"",
        )
        // A right-to-left override and a bidi isolate in a channel name.
        .replace(
            "\"maersk-q1-capacity\"",
            "\"q1-\\u202eyticapac\\u202c\\u2067x\\u2069\"",
        )
        // Zero-width characters and a C1 CSI in a person's name.
        .replace(
            "\"Anders Holm\"",
            "\"An\\u200bders\\u2066 Ho\\ufeffl\\u2060m\\u009b2J\\u009d0;t\\u009c\"",
        )
        // A cursor-position query (the terminal would answer as typed
        // input) and bracketed paste, in an email address.
        .replace(
            "\"studio@brandhaus.design\"",
            "\"studio\\u001b[6n@brand\\u001b[?2004hhaus.design\"",
        );
    let path = dir.join("hostile.json");
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn no_terminal_trick_from_slack_data_reaches_the_terminal() {
    let home = tempfile::tempdir().unwrap();
    let data = hostile_data_file(home.path());
    let data = data.to_str().unwrap();
    let mut pty = Pty::spawn(&["--grace", "0", "demo", "--data", data], &[], home.path());
    pty.wait_for("signed in as maya.ortiz", 0);
    pty.wait_for("16 awaiting us", 0);
    // The tricks are shown, harmlessly, as visible placeholders (the org
    // column shows the start of the name; the detail shows it whole).
    pty.wait_for("Maersk␛]0;pwn", 0);
    for (keys, shows) in [
        ("j\r", "Invite I0NBINV004 — incoming from Maersk␛]0;pwned␇"), // invite detail
        ("G", "Inviter"), // ...down to the people in it
        ("\u{1b}", "awaiting us"),
        ("j\r", "Bright␛[?1049l"), // a second hostile org's detail
        ("\u{1b}", "awaiting us"),
        ("2", "Requests"),
        ("G\r", "Requester"),                   // request detail
        ("\u{1b}3", "Orgs"),                    // orgs pane
        ("4", "Channels"),                      // channels pane
        ("1gja", "Approve invite I0NBINV004?"), // the dialog names them all
        ("y", "Approved invite I0NBINV004"),
        ("L", "Decision journal"), // the journal repeats the names
    ] {
        let at = pty.type_keys(keys);
        pty.wait_for(shows, at);
    }
    pty.wait_for("✓ applied", 0);
    pty.type_keys("\u{1b}q");
    let status = pty.wait();
    assert_eq!(status.code(), Some(0));
    pty.assert_terminal_restored();

    let bytes = pty.bytes();
    let text = String::from_utf8(bytes.clone()).expect("the output is UTF-8");
    // Only CSI sequences, and only of the kinds the renderer itself writes.
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if c == '\u{1b}' {
            let next = chars.peek().map(|(_, c)| *c);
            assert_eq!(
                next,
                Some('['),
                "a non-CSI escape at byte {at}: {}",
                printable(&text[at..(at + 20).min(text.len())])
            );
        } else {
            assert!(
                !c.is_control() || matches!(c, '\r' | '\n'),
                "control {c:?} at byte {at}: {}",
                printable(&text[at.saturating_sub(20)..(at + 20).min(text.len())])
            );
        }
        let invisible = matches!(c,
            '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}');
        assert!(!invisible, "{c:?} at byte {at}");
    }
    // Bracketed paste is turned on once, by us, as the screen is set up;
    // the data's own attempt never gets through.
    let paste_on = "\u{1b}[?2004h";
    assert_eq!(text.matches(paste_on).count(), 1);
    let screen_set_up = text.find("\u{1b}[?1049h").expect("the alternate screen");
    assert!(text.find(paste_on).unwrap() - screen_set_up < 64);
    for trick in ["\u{1b}]", "\u{1b}P", "\u{1b}[6n", "\u{7}"] {
        assert!(
            !text.contains(trick),
            "{} reached the terminal",
            printable(trick)
        );
    }
    // The alternate screen is left once, at the very end, by us.
    assert_eq!(text.matches("\u{1b}[?1049l").count(), 1);
    // And the screen showed the placeholders, not the effects.
    assert!(
        text.contains("␛]52;c;ZXZpbA==␇"),
        "the clipboard write is shown as text"
    );
}
