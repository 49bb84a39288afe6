//! The `queued` journal record of a decision: who, where and what. The
//! same for the TUI and the CLI, so the journal does not depend on which
//! front end made the decision. Never the token: neither passes it here.

use crate::decision::plan::PlannedWrite;
use crate::journal::{JournalRecord, new_decision_id};
use crate::slack::models::AuthTest;

/// "name (id)", or whichever of the two is known.
fn named(name: &Option<String>, id: &Option<String>) -> Option<String> {
    match (name, id) {
        (Some(name), Some(id)) => Some(format!("{name} ({id})")),
        (None, Some(id)) => Some(id.clone()),
        (Some(name), None) => Some(name.clone()),
        (None, None) => None,
    }
}

/// The record a decision is journaled with when it is confirmed; `sent`
/// and the outcome derive from it. `batch` names decisions confirmed
/// together.
pub fn queued(
    write: &PlannedWrite,
    auth: Option<&AuthTest>,
    batch: Option<&String>,
    now: i64,
) -> JournalRecord {
    let mut record = JournalRecord::new(
        new_decision_id(now),
        write.kind.action(),
        &write.item_id,
        now,
    );
    if let Some(auth) = auth {
        record.who = named(&auth.user, &auth.user_id);
        record.workspace = named(&auth.team, &auth.team_id);
        record.team_id = auth.team_id.clone().or_else(|| auth.enterprise_id.clone());
    }
    if let Some(team) = &write.workspace {
        // An org-wide token: the item's own workspace, not the org's ID.
        record.team_id = Some(team.id.to_string());
        record.workspace = Some(team.label());
    }
    record.summary = Some(write.summary.clone());
    record.batch = batch.cloned();
    record.message = write.kind.message().map(str::to_owned);
    let about = write.about.clone();
    record.org = about.org;
    record.org_id = about.org_id;
    record.channel = about.channel;
    record.channel_id = about.channel_id;
    record
}
