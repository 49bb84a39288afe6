//! Filter, sort, marks, the batch plan, its progress and its report, at
//! 80x24: the demo data fed through `update` page by page, keys pressed,
//! Slack's answers given by hand, so every screen is exactly reproducible.

use crate::common::NOW;
use crate::offline::{self, press, type_text};
use connect_triage::app::{self, App, Effect, Mode, Msg};
use connect_triage::slack::{ApiErrorDetail, SlackError};

fn demo_app() -> App {
    offline::demo_app(App::new(Mode::Demo, false))
}

fn screen(app: &App) -> String {
    offline::screen(app, (80, 24))
}

/// The decisions a batch sent, in order.
fn sent(effects: &[Effect]) -> Vec<connect_triage::decision::DecisionId> {
    effects.iter().filter_map(Effect::decision).collect()
}

#[test]
fn filter_sort_and_marks() {
    let mut app = demo_app();
    press(&mut app, "/");
    type_text(&mut app, "maersk");
    let typing = screen(&app);
    assert!(typing.contains("/maersk▏ 2 of 27 match"), "{typing}");
    insta::assert_snapshot!("filter_typing_80x24", typing);
    press(&mut app, "Enter");
    let kept = screen(&app);
    assert!(kept.contains("filter /maersk: 2 of 27"), "{kept}");
    insta::assert_snapshot!("filter_kept_80x24", kept);
    press(&mut app, "Esc");
    assert!(screen(&app).contains("Awaiting us (16)"));

    press(&mut app, "s");
    let by_age = screen(&app);
    assert!(by_age.contains("sorted by age"), "{by_age}");
    press(&mut app, "s s S");
    let by_channel = screen(&app);
    assert!(
        by_channel.contains("sorted by channel (reversed)"),
        "{by_channel}"
    );
    insta::assert_snapshot!("sort_channel_reversed_80x24", by_channel);
    press(&mut app, "s");

    press(&mut app, "g space space j space");
    let marked = screen(&app);
    assert!(marked.contains("3 marked"), "{marked}");
    insta::assert_snapshot!("marks_80x24", marked);
    // `*` after a filter marks every match, hidden marks stay.
    press(&mut app, "/");
    type_text(&mut app, "okta");
    let okta = app.invites.list.view.len();
    assert!(okta > 0);
    press(&mut app, "Enter *");
    assert!(app.invites.list.marks.len() > 3, "the Okta invites too");
    assert!(app.invites.list.marks.len() <= 3 + okta);
}

fn api_error(code: &str) -> SlackError {
    SlackError::Api {
        method: "conversations.approveSharedInvite",
        code: code.into(),
        detail: ApiErrorDetail::default(),
    }
}

#[test]
fn a_batch_plan_its_progress_and_its_report() {
    let mut app = demo_app();
    // Four rows: three await us, the fourth (the Awaiting-them heading is
    // skipped by moving) waits on them and is left out of the plan.
    press(&mut app, "space space space space");
    press(&mut app, "G space");
    let effects = press(&mut app, "a");
    assert!(effects.is_empty(), "a plan sends nothing");
    let plan = screen(&app);
    assert!(plan.contains("Approve 4 of 5 marked invites?"), "{plan}");
    assert!(plan.contains("waits on them"), "{plan}");
    insta::assert_snapshot!("plan_80x24", plan);

    let effects = press(&mut app, "y");
    let ids = sent(&effects);
    assert_eq!(ids.len(), 4, "four calls in flight at most: {effects:?}");
    app::update(&mut app, Msg::ActionDone { decision: ids[0] });
    app::update(&mut app, Msg::Tick { now: NOW + 12 });
    let progress = screen(&app);
    let words = progress.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.contains("Approving 4 invites: 1 done · 0 failed · 3 left"),
        "{progress}"
    );
    assert!(words.contains("about 1m left at"), "{progress}");
    insta::assert_snapshot!("progress_80x24", progress);

    app::update(&mut app, Msg::ActionDone { decision: ids[1] });
    app::update(
        &mut app,
        Msg::ActionFailed {
            decision: ids[2],
            error: api_error("restricted_action"),
        },
    );
    app::update(
        &mut app,
        Msg::ActionFailed {
            decision: ids[3],
            error: api_error("already_approved"),
        },
    );
    let report = screen(&app);
    assert!(report.contains("Failed (1)"), "{report}");
    assert!(report.contains("Handled elsewhere (1)"), "{report}");
    insta::assert_snapshot!("report_80x24", report);
    assert!(app.batch.is_none());
    // The failure stays marked for a retry; the rest are not.
    assert_eq!(
        app.invites.list.marks.len(),
        2,
        "the failure and the skipped one"
    );
}
