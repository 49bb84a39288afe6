//! What the admin sees and can do besides deciding: start-up, panes,
//! footer, streaming, quitting.

use crossterm::event::KeyEvent;

use super::*;
use crate::app::dialogs::Dialog;
use crate::app::*;
use crate::keys::keymap::{Action, Context, KeySpec};
use crate::model::invites::{WaitingOn, waiting_on};
use crate::slack::ApiErrorDetail;

#[test]
fn start_asks_who_we_are_and_loads_every_list() {
    let mut app = App::new(Mode::Live, false);
    let effects = start(&mut app);
    assert_eq!(effects[0], Effect::AuthTest);
    for kind in ListKind::ALL {
        assert!(effects.contains(&Effect::Load(kind)));
    }
    assert!(app.busy());
}

#[test]
fn awaiting_us_follows_our_identity() {
    let app = loaded_app();
    assert_eq!(app.invites.awaiting_us(), 2);
    let ours = app.identity.our_ids();
    assert_eq!(
        waiting_on(app.invites.find("I3").unwrap(), &ours),
        WaitingOn::Them
    );
    let text = screen(&app);
    assert!(text.contains("Awaiting us (2)"), "{text}");
    assert!(text.contains("Awaiting them (1)"), "{text}");
}

#[test]
fn footer_and_handler_read_the_same_table() {
    let mut app = loaded_app();
    app.keymap
        .rebind(Action::Approve, vec!["A".parse().unwrap()]);
    let footer = screen(&app);
    let last = footer.lines().last().unwrap();
    assert!(last.starts_with("A approve"), "{last}");
    assert!(press(&mut app, "a").is_empty());
    assert!(app.dialog.is_none(), "the old key no longer approves");
    press(&mut app, "A");
    assert!(matches!(app.dialog, Some(Dialog::Confirm(_))));
    // Every footer entry is a key the handler maps in that context.
    let app = loaded_app();
    for (keys, label) in app.keymap.footer(Context::List, ListKind::Invites) {
        let first = if keys == "/" {
            "/"
        } else {
            keys.split('/').next().unwrap()
        };
        let spec: KeySpec = first.parse().unwrap();
        let event = KeyEvent::new(spec.code, spec.modifiers);
        assert!(
            app.keymap
                .action(Context::List, ListKind::Invites, &event)
                .is_some(),
            "{label}"
        );
    }
}

#[test]
fn quitting_with_decisions_in_flight_asks_first() {
    let mut app = loaded_app();
    assert_eq!(press(&mut app, "a y").len(), 1);
    assert!(press(&mut app, "q").is_empty());
    assert_eq!(app.context(), Context::Confirm);
    assert!(!app.quit);
    assert_eq!(press(&mut app, "y"), [Effect::Quit]);
    assert!(app.quit);
    let mut idle = loaded_app();
    assert_eq!(press(&mut idle, "q"), [Effect::Quit]);
}

/// A Retry-After of 27 hours: the pane says until when, at what clock
/// time, and the title says how long is left; the other panes still load.
#[test]
fn a_pane_slack_rate_limits_for_hours_says_until_when() {
    let mut app = App::new(Mode::Live, false);
    start(&mut app);
    update(
        &mut app,
        Msg::Resize {
            width: 100,
            height: 30,
        },
    );
    update(&mut app, Msg::Tick { now: 1_767_225_600 });
    update(
        &mut app,
        Msg::LoadFailed {
            list: ListKind::Invites,
            error: crate::slack::SlackError::RateLimited {
                method: "conversations.listConnectInvites",
                retry_after: std::time::Duration::from_secs(100_000),
            },
        },
    );
    let text = screen(&app)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        text.contains("The invitations are rate-limited until 2026-01-02 03:46 UTC"),
        "{text}"
    );
    assert!(
        text.contains("wait 1d 3h before conversations.listConnectInvites"),
        "{text}"
    );
    assert!(text.contains("rate-limited, 1d left"), "{text}");
    assert!(text.contains("The other panes keep working"), "{text}");
}

#[test]
fn elements_that_could_not_be_read_are_named_in_the_pane() {
    let mut app = loaded_app();
    let skipped = |id: Option<&str>, position| crate::slack::Skipped {
        id: id.map(str::to_owned),
        position,
        why: "invalid type: integer `5`, expected a string".to_owned(),
    };
    update(
        &mut app,
        Msg::ItemsSkipped {
            list: ListKind::Invites,
            skipped: vec![skipped(Some("I0BAD0001"), 2), skipped(None, 3)],
        },
    );
    let text = screen(&app);
    assert!(
        text.contains(
            "✗ 2 of the invites Slack sent could not be read and are not shown: I0BAD0001"
        ),
        "{text}"
    );
    assert!(text.contains("I3"), "the other rows still show: {text}");
    // The next load says afresh what it could not read.
    crate::app::flow::refresh::begin_load(&mut app, ListKind::Invites);
    assert!(!screen(&app).contains("could not be read"));
}

#[test]
fn a_pane_that_fails_says_so_in_place_and_others_keep_working() {
    let mut app = App::new(Mode::Live, false);
    start(&mut app);
    update(
        &mut app,
        Msg::Resize {
            width: 80,
            height: 24,
        },
    );
    update(
        &mut app,
        Msg::LoadFailed {
            list: ListKind::Orgs,
            error: crate::slack::SlackError::Api {
                method: "team.externalTeams.list",
                code: "missing_scope".into(),
                detail: ApiErrorDetail {
                    needed: Some("team:read".into()),
                    ..Default::default()
                },
            },
        },
    );
    press(&mut app, "3");
    let text = screen(&app);
    assert!(
        text.contains("Could not load the external orgs: missing_scope"),
        "{text}"
    );
    assert!(text.contains("team:read"), "{text}");
    press(&mut app, "2");
    update(
        &mut app,
        Msg::PageLoaded {
            items: ListItems::Requests(vec![request("R9", true)]),
            total: None,
            is_last: true,
            workspace: None,
        },
    );
    assert!(screen(&app).contains("R9@outside.example"));
}

#[test]
fn streaming_pages_keep_a_moved_selection_on_its_item() {
    let mut app = App::new(Mode::Demo, false);
    start(&mut app);
    update(
        &mut app,
        Msg::Resize {
            width: 80,
            height: 24,
        },
    );
    let page = |ids: &[&str]| Msg::PageLoaded {
        items: ListItems::Requests(ids.iter().map(|id| request(id, true)).collect()),
        total: Some(4),
        is_last: false,
        workspace: None,
    };
    update(&mut app, page(&["R3", "R4"]));
    press(&mut app, "2 j");
    assert_eq!(&*app.requests.list.selected_item().unwrap().id, "R4");
    update(&mut app, page(&["R1", "R2"]));
    assert_eq!(&*app.requests.list.selected_item().unwrap().id, "R4");
    assert!(screen(&app).contains("loaded 4 of 4…"));
}

#[test]
fn a_refresh_reloads_one_pane_once_and_says_when_it_is_done() {
    let mut app = loaded_app();
    assert_eq!(press(&mut app, "2 r"), [Effect::Load(ListKind::Requests)]);
    assert!(
        press(&mut app, "r").is_empty(),
        "no second load while one runs"
    );
    assert!(app.notice.as_ref().unwrap().text.contains("still loading"));
    update(
        &mut app,
        Msg::PageLoaded {
            items: ListItems::Requests(vec![request("R7", true)]),
            total: None,
            is_last: true,
            workspace: None,
        },
    );
    assert_eq!(
        app.requests.list.items.len(),
        1,
        "a reload replaces the rows"
    );
    assert_eq!(
        app.notice.as_ref().unwrap().text,
        "Reloaded requests: 1 from Slack."
    );
}

#[test]
fn a_rate_limit_wait_counts_down_and_goes_away() {
    let mut app = loaded_app();
    update(
        &mut app,
        Msg::Client(crate::slack::ClientEvent::Waiting {
            method: "conversations.listConnectInvites",
            wait: std::time::Duration::from_secs(60),
            reason: crate::slack::WaitReason::Pacing,
        }),
    );
    update(&mut app, Msg::Tick { now: NOW + 20 });
    assert!(
        screen(&app)
            .contains("Waiting 40 s for Slack's rate limit on conversations.listConnectInvites")
    );
    update(&mut app, Msg::Tick { now: NOW + 61 });
    assert!(app.waiting.is_none());
    assert!(!screen(&app).contains("Waiting"));
}

#[test]
fn a_journal_that_cannot_be_used_is_named_in_the_header_and_every_refusal() {
    let mut app = loaded_app();
    app.read_only = true;
    let reason = "This session is read-only: the decision journal cannot be used \
                  (/state/journal.jsonl: Is a directory). To fix it, move what is there away.";
    app.read_only_reason = Some(reason.to_owned());
    assert!(
        screen(&app)
            .lines()
            .next()
            .unwrap()
            .contains("READ-ONLY: no journal")
    );
    for keys in ["a", "2 d", "3 X"] {
        assert!(press(&mut app, keys).is_empty());
        assert_eq!(app.notice.as_ref().unwrap().text, reason, "{keys}");
        assert!(app.dialog.is_none());
    }
    // --read-only itself says so, and nothing about a journal.
    let mut app = loaded_app();
    app.read_only = true;
    press(&mut app, "a");
    assert!(!app.notice.as_ref().unwrap().text.contains("journal"));
    assert!(!screen(&app).contains("no journal"));
}

#[test]
fn a_cache_that_cannot_be_saved_is_said_once() {
    let mut app = loaded_app();
    let why =
        "/home/a/.cache/connect-triage can be written by other users (mode 777); chmod 700 it";
    assert!(update(&mut app, Msg::CacheProblem(why.to_owned())).is_empty());
    let said = app.notice.clone().unwrap();
    assert!(said.text.contains(why) && said.kind == NoticeKind::Error);
    app.notice = None;
    update(&mut app, Msg::CacheProblem(why.to_owned()));
    assert!(app.notice.is_none(), "said once, not at every save");
}
