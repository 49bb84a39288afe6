//! Names another org chose reach the screen only through `sanitize`: no
//! control character, escape sequence, bidi override or zero-width
//! character survives, on any pane, detail view or dialog.

use crate::session::Session;
use connect_triage::emulator::Dataset;

/// The demo data with hostile names (JSON escapes, so the file stays text).
fn hostile_dataset() -> Dataset {
    let text = include_str!("../../assets/demo.json")
        // A title change and a clipboard write, in an org name.
        .replace(
            "\"Maersk Line\"",
            "\"Maersk\\u001b]0;pwned\\u0007 Line\\u001b]52;c;ZXZpbA==\\u0007\"",
        )
        // A right-to-left override that would make the name read backwards.
        .replace("\"maersk-q1-capacity\"", "\"q1-\\u202eyticapac\\u202c\"")
        // Zero-width characters hiding in a person's name, and a C1 CSI.
        .replace("\"Anders Holm\"", "\"An\\u200bders\\u2066 Holm\\u009b2J\"")
        // Wide characters that must not push columns out of line.
        .replace(
            "\"studio@brandhaus.design\"",
            "\"デザイン部@brandhaus.design\"",
        );
    Dataset::from_json(&text).expect("the hostile data file parses")
}

fn assert_clean(screen: &str, what: &str) {
    for c in screen.chars() {
        let bad = (c.is_control() && c != '\n')
            || ('\u{202A}'..='\u{202E}').contains(&c)
            || ('\u{2066}'..='\u{2069}').contains(&c)
            || ('\u{200B}'..='\u{200F}').contains(&c);
        assert!(!bad, "{what}: {c:?} reached the screen:\n{screen}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_names_are_made_visible_and_harmless() {
    for (width, height) in [(80, 24), (120, 40)] {
        let mut s = Session::with_data(hostile_dataset(), width, height).await;
        let invites = s.settle().await;
        assert_clean(&invites, "invites");
        // The escape shows as a symbol (the org column may cut the rest).
        assert!(invites.contains("Maersk␛]0;pwned"), "{invites}");
        for (what, keys) in [
            ("invite detail", "Enter G"),
            ("approve dialog", "Esc a"),
            ("requests", "Esc 2"),
            ("request detail", "Enter"),
            ("orgs", "Esc 3"),
            ("channels", "4"),
            ("org dialog", "3 j j j j j j X"),
        ] {
            let screen = s.press(keys).settle().await;
            assert_clean(&screen, what);
        }
        // Every row still ends at the screen's edge: wide characters did
        // not push anything past it.
        let screen = s.press("Esc 2").settle().await;
        assert!(screen.contains("デザイン部@"), "{screen}");
        for line in screen.lines() {
            assert!(
                unicode_width::UnicodeWidthStr::width(line) <= width as usize,
                "{line}"
            );
        }
        s.quit().await;
    }
}
