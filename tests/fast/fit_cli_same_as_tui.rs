//! The CLI and the TUI decide alike: for each of the six decisions,
//! `--dry-run` prints the very words of the TUI's confirmation for that
//! item, and the decision is journaled with the same `queued` record.

use crate::offline::{demo_app, press, type_text};
use crate::support::cli::*;
use connect_triage::app::dialogs::Dialog;
use connect_triage::app::{App, Effect, Mode};
use connect_triage::journal::{JournalRecord, Stage};

/// One decision, as the admin makes it in each front end.
struct Case {
    cli: &'static [&'static str],
    /// The pane key, the item to select, then the keys up to the confirmation.
    pane: &'static str,
    item: &'static str,
    keys: &'static str,
    typed: Option<&'static str>,
    then: &'static str,
}

const CASES: &[Case] = &[
    Case {
        cli: &["approve", "I0NBINV004"],
        pane: "1",
        item: "I0NBINV004",
        keys: "a",
        typed: None,
        then: "",
    },
    Case {
        cli: &["decline", "I0NBINV025"],
        pane: "1",
        item: "I0NBINV025",
        keys: "d",
        typed: None,
        then: "",
    },
    Case {
        cli: &["request", "approve", "I0NBREQ004"],
        pane: "2",
        item: "I0NBREQ004",
        keys: "a",
        typed: None,
        then: "Enter",
    },
    Case {
        cli: &[
            "request",
            "deny",
            "I0NBREQ005",
            "--message",
            "Use the vendor portal",
        ],
        pane: "2",
        item: "I0NBREQ005",
        keys: "d",
        typed: Some("Use the vendor portal"),
        then: "Enter",
    },
    Case {
        cli: &[
            "disconnect",
            "channel",
            "C0NBCH0016",
            "--team",
            "T0DHLSC001",
        ],
        pane: "4",
        item: "C0NBCH0016",
        // Three orgs share it: DHL is the second one offered.
        keys: "X j Enter",
        typed: None,
        then: "",
    },
    Case {
        cli: &[
            "disconnect",
            "org",
            "T0BRTWTR01",
            "--confirm-name",
            "Brightwater Freight",
        ],
        pane: "3",
        item: "T0BRTWTR01",
        keys: "X",
        typed: Some("Brightwater Freight"),
        then: "Enter",
    },
];

/// The TUI's confirmation as the CLI prints it, and the record `y` journals.
fn tui_decision(case: &Case) -> (String, JournalRecord) {
    let mut app = demo_app(App::new(Mode::Demo, false));
    press(&mut app, case.pane);
    for _ in 0..100 {
        if app.selected_id().as_deref() == Some(case.item) {
            break;
        }
        press(&mut app, "j");
    }
    assert_eq!(app.selected_id().as_deref(), Some(case.item));
    press(&mut app, case.keys);
    if let Some(text) = case.typed {
        type_text(&mut app, text);
    }
    press(&mut app, case.then);
    let Some(Dialog::Confirm(confirm)) = &app.dialog else {
        panic!("{:?}: no confirmation", case.cli);
    };
    let mut words = confirm.title.clone();
    for line in &confirm.lines {
        words.push_str("\n  ");
        words.push_str(line);
    }
    let queued = press(&mut app, "y")
        .into_iter()
        .find_map(|effect| match effect {
            Effect::Journal(records) => records.into_iter().next(),
            _ => None,
        })
        .expect("y journals the decision");
    (words, queued)
}

/// A record without what differs between any two decisions: its ID and time.
fn comparable(record: &JournalRecord) -> JournalRecord {
    JournalRecord {
        decision_id: String::new(),
        time: String::new(),
        ..record.clone()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_decision_says_and_journals_what_the_tui_does() {
    let env = Env::demo().await;
    let tui: Vec<(String, JournalRecord)> = CASES.iter().map(tui_decision).collect();
    for (case, (words, _)) in CASES.iter().zip(&tui) {
        let mut args = case.cli.to_vec();
        args.push("--dry-run");
        let out = env.run(&args).await;
        assert_eq!(code(&out), 0, "{args:?}: {}", stderr(&out));
        let printed = stdout(&out);
        assert!(
            printed.contains(&format!("{words}\n")),
            "{args:?} does not print the TUI's words:\n{words}\n--- it printed:\n{printed}"
        );
    }
    assert!(env.journal().is_empty(), "a dry run journals nothing");
    for (case, (_, tui_record)) in CASES.iter().zip(&tui) {
        let mut args = case.cli.to_vec();
        if case.cli[0] != "disconnect" || case.cli[1] != "org" {
            args.push("--yes");
        }
        let out = env.run(&args).await;
        assert_eq!(code(&out), 0, "{args:?}: {}", stderr(&out));
        let journal = env.journal();
        let queued = journal
            .iter()
            .rev()
            .find(|r| r.stage == Stage::Queued)
            .unwrap();
        assert!(tui_record.who.is_some() && tui_record.summary.is_some());
        assert_eq!(comparable(queued), comparable(tui_record), "{args:?}");
    }
    assert_eq!(env.writes().len(), CASES.len(), "one write each");
}
