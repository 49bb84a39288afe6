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
