//! The verdict rules against lists an app has loaded.

use crate::app::flow::verdict::*;
use crate::journal::{JournalAction, JournalRecord};
use crate::slack::models::*;
use std::collections::HashMap;

fn team(id: &str) -> ConnectTeam {
    ConnectTeam {
        id: id.into(),
        name: Some(id.into()),
        ..Default::default()
    }
}

fn invite(id: &str, reviewed_by_us: bool) -> ConnectInvite {
    let mut reviews = vec![];
    if reviewed_by_us {
        reviews.push(Review {
            kind: Some("approval".into()),
            reviewing_team: Some(team("TUS")),
            ..Default::default()
        });
    }
    ConnectInvite {
        direction: Some("incoming".into()),
        invite: Some(InviteDetail {
            id: id.into(),
            inviting_team: Some(team("TTHEM")),
            ..Default::default()
        }),
        channel: Some(ConnectChannel {
            id: "C1".into(),
            ..Default::default()
        }),
        acceptances: vec![Acceptance {
            approval_status: Some("pending_approval".into()),
            accepting_team: Some(team("TUS")),
            reviews,
            ..Default::default()
        }],
        ..Default::default()
    }
}

struct Lists {
    app: crate::app::App,
    requests: HashMap<String, RequestState>,
}

/// An app that has loaded these lists, as `update` would.
fn lists(invites: Vec<ConnectInvite>, channels: Vec<(&str, &[&str])>) -> Lists {
    use crate::app::{App, ListItems, Mode, Msg, update};
    let mut app = App::new(Mode::Live, false);
    update(
        &mut app,
        Msg::AuthLoaded(AuthTest {
            team_id: Some("TUS".into()),
            ..Default::default()
        }),
    );
    let channels = channels
        .into_iter()
        .map(|(id, teams)| SharedChannel {
            id: id.into(),
            connected_team_ids: teams.iter().map(|t| t.to_string()).collect(),
            ..Default::default()
        })
        .collect();
    for items in [ListItems::Invites(invites), ListItems::Channels(channels)] {
        update(
            &mut app,
            Msg::PageLoaded {
                items,
                total: None,
                is_last: true,
                workspace: None,
            },
        );
    }
    Lists {
        app,
        requests: HashMap::new(),
    }
}

fn check(l: &Lists, action: JournalAction, item: &str, org: Option<&str>) -> Verdict {
    let mut record = JournalRecord::new("d".into(), action, item, 0);
    record.channel_id = Some("C1".into());
    record.org_id = org.map(str::to_owned);
    let ours = ["TUS"];
    verdict(
        &record,
        &Panes {
            invites: &l.app.invites,
            channels: &l.app.channels,
            orgs: &l.app.orgs,
            requests: Some(&l.requests),
            ours: &ours,
        },
    )
}

#[test]
fn invite_approvals_are_told_from_the_pending_list_and_the_channels() {
    let a = JournalAction::ApproveInvite;
    let pending = lists(vec![invite("I1", false)], vec![]);
    assert!(matches!(
        check(&pending, a, "I1", Some("TTHEM")),
        Verdict::StillWaiting(_)
    ));
    let reviewed = lists(vec![invite("I1", true)], vec![]);
    assert!(matches!(
        check(&reviewed, a, "I1", Some("TTHEM")),
        Verdict::Applied(_)
    ));
    let connected = lists(vec![], vec![("C1", &["TUS", "TTHEM"])]);
    assert!(matches!(
        check(&connected, a, "I1", Some("TTHEM")),
        Verdict::Applied(_)
    ));
    let gone = lists(vec![], vec![("C1", &["TUS", "TOTHER"])]);
    assert!(matches!(
        check(&gone, a, "I1", Some("TTHEM")),
        Verdict::NotApplied(_)
    ));
    let d = JournalAction::DeclineInvite;
    assert!(matches!(
        check(&pending, d, "I1", Some("TTHEM")),
        Verdict::StillWaiting(_)
    ));
    assert!(matches!(
        check(&gone, d, "I1", Some("TTHEM")),
        Verdict::Applied(_)
    ));
    assert!(matches!(
        check(&connected, d, "I1", Some("TTHEM")),
        Verdict::NotApplied(_)
    ));
}

#[test]
fn requests_and_disconnects() {
    let mut l = lists(vec![], vec![("C1", &["TUS", "TTHEM"])]);
    l.requests.insert("R1".into(), RequestState::Approved);
    l.requests.insert("R2".into(), RequestState::Pending);
    let approve = JournalAction::ApproveRequest;
    assert!(matches!(
        check(&l, approve, "R1", None),
        Verdict::Applied(_)
    ));
    assert!(matches!(
        check(&l, approve, "R2", None),
        Verdict::StillWaiting(_)
    ));
    assert!(matches!(
        check(&l, approve, "R3", None),
        Verdict::Undetermined(_)
    ));
    let deny = JournalAction::DenyRequest;
    assert!(matches!(
        check(&l, deny, "R1", None),
        Verdict::NotApplied(_)
    ));
    let cut = JournalAction::DisconnectChannel;
    assert!(matches!(
        check(&l, cut, "C1", Some("TTHEM")),
        Verdict::StillWaiting(_)
    ));
    assert!(matches!(
        check(&l, cut, "C1", Some("TOTHER")),
        Verdict::Applied(_)
    ));
    assert!(matches!(check(&l, cut, "C9", None), Verdict::Applied(_)));
    let org = JournalAction::DisconnectOrg;
    assert!(matches!(
        check(&l, org, "TGONE", None),
        Verdict::Undetermined(_)
    ));
}

#[test]
fn permission_changes_are_told_from_the_channels_limited_orgs() {
    let mut l = lists(vec![], vec![("C1", &["TUS", "TTHEM"])]);
    let up = JournalAction::UpgradePermission;
    let down = JournalAction::DowngradePermission;
    // TTHEM may post and invite.
    assert!(matches!(
        check(&l, up, "C1", Some("TTHEM")),
        Verdict::Applied(_)
    ));
    assert!(matches!(
        check(&l, down, "C1", Some("TTHEM")),
        Verdict::StillWaiting(_)
    ));
    // Now it may only post.
    let keying = crate::app::list::Keying::new(
        |_: &crate::model::rows::Channel| crate::model::sort::RowKeys::default(),
        |c: &crate::model::rows::Channel| c.search_key(&[]),
    );
    l.app.channels.list.update_row(
        "C1",
        |c| c.connected_limited_team_ids.push("TTHEM".into()),
        &keying,
    );
    assert!(matches!(
        check(&l, down, "C1", Some("TTHEM")),
        Verdict::Applied(_)
    ));
    assert!(matches!(
        check(&l, up, "C1", Some("TTHEM")),
        Verdict::StillWaiting(_)
    ));
    // An org no longer in the channel tells nothing.
    assert!(matches!(
        check(&l, up, "C1", Some("TGONE")),
        Verdict::Undetermined(_)
    ));
}
