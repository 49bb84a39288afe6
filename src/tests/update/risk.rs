//! Risk signals through `update`: the flags follow the lists as they load
//! and the clock as it runs, and the filter, the sort and a confirmation
//! read them.

use super::*;
use crate::model::risk::RiskKind;

fn shown(app: &App) -> Vec<String> {
    app.invites
        .list
        .view
        .iter()
        .map(|&i| app.invites.list.items[i as usize].id.to_string())
        .collect()
}

#[test]
fn a_first_connection_is_said_once_the_orgs_list_is_in() {
    let mut app = App::new(Mode::Demo, false);
    update(&mut app, Msg::Tick { now: NOW });
    update(
        &mut app,
        Msg::AuthLoaded(AuthTest {
            team_id: Some("TUS".into()),
            ..Default::default()
        }),
    );
    let invites = vec![
        invite(
            "I1",
            "incoming",
            "TNEW",
            vec![acceptance("TUS", &["TNEW"])],
            NOW + 9 * 86_400,
        ),
        invite(
            "I2",
            "incoming",
            "TOTHER",
            vec![acceptance("TUS", &["TOTHER"])],
            NOW + 9 * 86_400,
        ),
    ];
    let page = |items| Msg::PageLoaded {
        items,
        total: None,
        is_last: true,
        workspace: None,
    };
    update(&mut app, page(ListItems::Invites(invites)));
    let first = |app: &App, id: &str| app.invites.list.risk_of(id).has(RiskKind::FirstConnection);
    assert!(
        !first(&app, "I1"),
        "nobody is new before the Orgs list says so"
    );
    update(
        &mut app,
        page(ListItems::Orgs(vec![org("TOTHER", "Other Org")])),
    );
    assert!(first(&app, "I1"), "TNEW is in no list of ours");
    assert!(!first(&app, "I2"), "we share 2 channels with TOTHER");
    press(&mut app, "/");
    type_text(&mut app, "risk:first");
    assert_eq!(shown(&app), ["I1"]);
}

#[test]
fn the_clock_brings_rows_into_their_last_day_and_out_of_it() {
    let mut app = loaded_app();
    let soon = |app: &App, id: &str| app.invites.list.risk_of(id).has(RiskKind::ExpiringSoon);
    assert!(soon(&app, "I1") && soon(&app, "I3"));
    press(&mut app, "/");
    type_text(&mut app, "risk:expiring");
    press(&mut app, "enter");
    assert_eq!(shown(&app), ["I1", "I2", "I3"]);
    // I1 expires at NOW + 100: a tick later it is past, and no longer "soon".
    update(&mut app, Msg::Tick { now: NOW + 150 });
    assert!(!soon(&app, "I1") && soon(&app, "I2"));
    assert_eq!(shown(&app), ["I2", "I3"], "the filter follows the flags");
}

#[test]
fn s_reaches_the_risk_sort_and_the_riskiest_row_comes_first() {
    let mut app = loaded_app();
    // time left → age → org → channel → risk.
    press(&mut app, "s s s s");
    assert_eq!(app.invites.list.sort.key, crate::model::sort::SortKey::Risk);
    let flags: Vec<u32> = app
        .invites
        .list
        .view
        .iter()
        .filter(|&&i| app.invites.list.keys[i as usize].group == 0)
        .map(|&i| app.invites.list.keys[i as usize].risk.len())
        .collect();
    assert!(flags.windows(2).all(|w| w[0] >= w[1]), "{flags:?}");
    assert!(screen(&app).contains("sorted by risk"));
}

#[test]
fn an_approval_is_judged_with_the_permission_the_admin_chose() {
    let app = loaded_app();
    let request = app.requests.find("R1").unwrap();
    let kinds = |limited| {
        crate::app::risk::approved_request_signals(&app, request, limited, None)
            .into_iter()
            .map(|s| s.kind)
            .collect::<Vec<_>>()
    };
    assert!(
        !kinds(None).contains(&RiskKind::BroadPermission),
        "as asked: post only"
    );
    assert!(kinds(Some(false)).contains(&RiskKind::BroadPermission));
    let r2 = app.requests.find("R2").unwrap();
    let as_asked = crate::app::risk::approved_request_signals(&app, r2, None, None);
    let narrowed = crate::app::risk::approved_request_signals(&app, r2, Some(true), None);
    assert!(as_asked.iter().any(|s| s.kind == RiskKind::BroadPermission));
    assert!(narrowed.iter().all(|s| s.kind != RiskKind::BroadPermission));
}
