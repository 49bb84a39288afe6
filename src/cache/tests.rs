//! The stored layout is pinned: changing it makes every file saved before
//! unreadable, so it must come with a new `file::VERSION`.

use std::sync::Arc;

use super::file::VERSION;
use super::wire::{self, Wire};
use crate::model::rows::{
    Acceptance, Channel, Interner, Invite, InviteChannel, Org, Request, RequestChannel, Review,
    SharedText, Team, User, Workspace,
};

fn s(text: &str) -> Arc<str> {
    Arc::from(text)
}

fn team() -> Arc<Team> {
    Arc::new(Team {
        id: s("T1"),
        name: Some(s("Acme")),
        domain: None,
        is_verified: Some(true),
    })
}

fn invite() -> Invite {
    let user = Arc::new(User {
        id: s("U1"),
        display: s("Ann"),
        email: Some(s("a@x")),
    });
    Invite {
        id: "I1".into(),
        direction: Some(SharedText::from("in")),
        status: None,
        date_created: Some(10).into(),
        date_invalid: None.into(),
        inviting_team: Some(team()),
        inviting_user: Some(user.clone()),
        channel: Some(InviteChannel {
            id: "C1".into(),
            name: Some("c".into()),
            is_private: Some(false),
        }),
        recipient_email: Some(SharedText::from("a@x")),
        recipient_user_id: None,
        is_external_limited: true,
        acceptances: vec![Acceptance {
            approval_status: Some(SharedText::from("ok")),
            date_accepted: Some(11).into(),
            date_invalid: None.into(),
            accepting_team: Some(team()),
            accepting_user: Some(user),
            reviews: vec![Review {
                kind: Some(SharedText::from("r")),
                date_review: Some(12),
                reviewing_team: Some(team()),
            }]
            .into(),
        }]
        .into(),
        workspace: Some(team()),
    }
}

fn request() -> Request {
    Request {
        id: s("R1"),
        date_created: Some(1),
        expires_at: None,
        inviting_team: Some(team()),
        inviting_user: None,
        is_external_limited: Some(false),
        recipient_email: Some(s("b@x")),
        channel: Some(RequestChannel {
            id: s("C1"),
            name: None,
            is_private: Some(true),
            connections: vec![team()],
            pending_connections: Vec::new(),
        }),
        workspace: None,
    }
}

fn org() -> Org {
    Org {
        team_id: s("T1"),
        team_name: Some(s("Acme")),
        team_domain: None,
        public_channel_count: Some(3),
        private_channel_count: None,
        im_channel_count: Some(0),
        mpim_channel_count: None,
        connected_workspaces: vec![Workspace {
            id: s("T2"),
            name: None,
        }],
        policies: vec![s("p")],
        connection_status: Some(s("connected")),
        last_active_timestamp: Some(5),
        is_sponsored: Some(false),
    }
}

fn channel() -> Channel {
    Channel {
        id: "C1".into(),
        name: Some("général".into()),
        purpose: None,
        members: Some(4),
        external_user_count: None,
        created: Some(2),
        last_activity: None,
        is_private: Some(false),
        is_archived: None,
        is_frozen: None,
        is_disconnect_in_progress: Some(true),
        is_pending_ext_shared: None,
        conversation_host_id: Some(s("T1")),
        connected_team_ids: vec![s("T1"), s("T2")],
        connected_limited_team_ids: Vec::new(),
        pending_connected_team_ids: vec![s("T3")],
        internal_team_ids: Vec::new(),
    }
}

fn encoded<R: Wire + PartialEq + std::fmt::Debug>(row: R) -> Vec<u8> {
    let mut bytes = Vec::new();
    wire::encode(&[Arc::new(row)], &mut bytes).unwrap();
    let mut back = Vec::new();
    let rest = wire::decode::<R>(&bytes, &mut Interner::default(), &mut back).unwrap();
    assert!(rest.is_empty());
    bytes
}

#[test]
fn the_stored_layout_changes_only_with_the_version() {
    let all = [
        encoded(invite()),
        encoded(request()),
        encoded(org()),
        encoded(channel()),
    ];
    let crcs = all.map(|bytes| crc32fast::hash(&bytes));
    assert_eq!(
        (VERSION, crcs),
        (2, [0x097d_6a73, 0x55bc_0f28, 0xec6e_919a, 0x11d0_c87a]),
        "a new stored layout needs a new file::VERSION (then update these CRCs)"
    );
}

#[test]
fn rows_read_back_as_stored_sharing_their_teams() {
    let mut bytes = Vec::new();
    wire::encode(&[Arc::new(invite()), Arc::new(invite())], &mut bytes).unwrap();
    let mut back: Vec<Invite> = Vec::new();
    wire::decode(&bytes, &mut Interner::default(), &mut back).unwrap();
    assert_eq!(back, [invite(), invite()]);
    let team = |i: &Invite| i.inviting_team.clone().unwrap();
    assert!(Arc::ptr_eq(&team(&back[0]), &team(&back[1])));
    assert!(Arc::ptr_eq(
        &team(&back[0]),
        back[0].workspace.as_ref().unwrap()
    ));
    // An index past a table is damage, not a panic.
    let last = bytes.len() - 1;
    for at in 0..bytes.len() {
        let mut bad = bytes.clone();
        bad[at] = bad[at].wrapping_add(if at == last { 1 } else { 7 });
        let _ = wire::decode::<Invite>(&bad, &mut Interner::default(), &mut Vec::new());
    }
}
