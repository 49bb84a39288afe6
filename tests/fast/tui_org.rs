//! The TUI with an org-wide token on a 3-workspace org: every workspace's
//! invites and requests in one list, the org named with its workspaces in
//! the header, and a decision on one workspace's invite changes that
//! invite only.

use connect_triage::emulator::{Dataset, GenerateSpec, InviteOutcome};

use crate::common;
use crate::session::Session;

fn org() -> Dataset {
    let spec: GenerateSpec = "invites=30,requests=9,teams=5,channels=6,workspaces=3"
        .parse()
        .unwrap();
    Dataset::generate(&spec, 3, common::NOW)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_org_token_shows_every_workspace_and_decides_in_place() {
    let mut s = Session::with_data(org(), 80, 24).await;
    let screen = s.settle().await;
    assert!(
        screen.contains("Org Acme Corp (E0ACMEORG1) · 3 workspaces"),
        "{screen}"
    );
    // Every pending invite of the three workspaces, in one list.
    let before = s.emulator.snapshot();
    let pending = before.invites.len();
    assert!(pending > 20, "{pending}");
    assert!(
        screen.contains(&format!("Invites {pending} ")),
        "{pending}: {screen}"
    );
    // Every invite listed, from every workspace: the org token named each.
    let mut teams: Vec<String> = s
        .emulator
        .request_log()
        .iter()
        .filter(|r| r.method == "conversations.listConnectInvites")
        .filter_map(|r| common::arg(&r.args, "team_id").map(str::to_owned))
        .collect();
    teams.sort();
    teams.dedup();
    assert_eq!(teams, ["T0ACMEHQ01", "T0ACMEWS02", "T0ACMEWS03"]);

    let screen = s.press("a").settle().await;
    let id = screen
        .lines()
        .find_map(|l| l.split("Approve invite ").nth(1))
        .map(|rest| {
            rest.chars()
                .take_while(char::is_ascii_alphanumeric)
                .collect::<String>()
        })
        .unwrap_or_else(|| panic!("a confirmation: {screen}"));
    let screen = s.press("y").settle().await;
    assert!(
        screen.contains(&format!("Approved invite {id}")),
        "{screen}"
    );
    let after = s.emulator.snapshot();
    assert_eq!(
        after.invites.len(),
        pending - 1,
        "that invite left, the others stay"
    );
    assert!(after.invite(&id).is_none());
    let approved_in = before.invite(&id).unwrap().workspace.clone();
    let per_workspace = |snap: &connect_triage::emulator::StateSnapshot, ws: &str| {
        snap.invites.iter().filter(|i| i.workspace == ws).count()
    };
    for ws in ["T0ACMEHQ01", "T0ACMEWS02", "T0ACMEWS03"] {
        let gone = usize::from(ws == approved_in);
        assert_eq!(
            per_workspace(&after, ws),
            per_workspace(&before, ws) - gone,
            "{ws}: only {approved_in} changed"
        );
    }
    assert_eq!(
        after.past_invite(&id).unwrap().outcome,
        InviteOutcome::Approved
    );
    // The call named the invite's own workspace.
    let writes = common::writes(&s.emulator);
    assert_eq!(writes.len(), 1, "{writes:?}");
    let team = common::arg(&writes[0].args, "team_id")
        .expect("team_id sent")
        .to_owned();
    assert!(teams.contains(&team), "{team}");
    let wire = serde_json::to_string(&before.invite(&id).unwrap().invite).unwrap();
    assert!(
        wire.contains(&format!("\"{team}\"")),
        "{team} is our side of {id}"
    );
    assert_eq!(team, approved_in, "the call named the invite's workspace");
    let requests = after
        .requests
        .iter()
        .filter(|r| r.status == connect_triage::emulator::RequestStatus::Pending)
        .count();
    let screen = s.press("2").settle().await;
    assert!(
        screen.contains(&format!("Requests {requests} ")),
        "{screen}"
    );
    s.quit().await;
}

/// The org demo (`demo --org`): Northbeam's three workspaces, one of them
/// (Labs) refusing every read. Each step's screen is a snapshot.
const ORG_STEPS: &[(&str, &str)] = &[
    ("org_invites", ""),
    ("org_requests", "2"),
    ("org_invites_freight", "1 /"),
    ("org_invite_detail", "Enter Enter"),
    ("org_confirm", "a"),
];

async fn walk_org_demo(width: u16, height: u16) {
    let mut s = Session::with_data(Dataset::demo_org(), width, height).await;
    let screen = s.settle().await;
    // HQ's and Freight's pending invites, in one list; Labs named apart.
    let snapshot = s.emulator.snapshot();
    let readable = |team: &str| {
        snapshot
            .invites
            .iter()
            .filter(|i| i.workspace == team)
            .count()
    };
    let (hq, freight, labs) = (
        readable("T0NBHQ0001"),
        readable("T0NBFRT002"),
        readable("T0NBLAB003"),
    );
    assert!(hq > 0 && freight > 0 && labs > 0, "{hq} {freight} {labs}");
    let tab = format!("1 Invites {}", hq + freight);
    let after = screen
        .split(&tab)
        .nth(1)
        .and_then(|rest| rest.chars().next());
    assert!(
        after.is_some_and(|c| !c.is_ascii_digit()),
        "{hq} + {freight}: {screen}"
    );
    assert!(
        screen.contains("✗ Workspace Northbeam Labs (T0NBLAB003): its invites could not be read"),
        "{screen}"
    );
    for (name, keys) in ORG_STEPS {
        s.press(keys);
        if *name == "org_invites_freight" {
            s.type_text("ws:freight");
        }
        let screen = s.settle().await;
        if *name == "org_invites_freight" {
            assert!(
                screen.contains(&format!(" {freight} of {} match", hq + freight)),
                "{screen}"
            );
        }
        if *name == "org_confirm" {
            assert!(
                screen.contains("Workspace: Northbeam Freight (T0NBFRT002)"),
                "{screen}"
            );
        }
        insta::assert_snapshot!(format!("{name}_{width}x{height}"), screen);
    }
    assert!(common::writes(&s.emulator).is_empty());
    s.press("esc");
    s.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn org_demo_at_80x24() {
    walk_org_demo(80, 24).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn org_demo_at_120x40() {
    walk_org_demo(120, 40).await;
}
