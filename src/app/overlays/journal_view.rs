//! The journal in words, one entry per decision, newest first: what the
//! `L` view and `connect-triage log` show. Names in it came from Slack and
//! are sanitized where they are drawn or printed.

use crate::journal::{JournalRecord, Outcome, Stage, latest_newest_first};

/// One decision as the journal tells it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecisionEntry {
    /// When its latest record was written: "2026-01-01 10:00:05" (UTC).
    pub time: String,
    /// How it stands: "✓ applied", "✗ invite_not_found", "? unknown"...
    pub state: String,
    /// What was decided: "approve invite I0A to #ops from Acme".
    pub what: String,
    /// Who, the message, and why it ended so, joined with " · ".
    pub detail: String,
    /// Its outcome is not known (sent, no answer yet or ever).
    pub open: bool,
}

/// "2026-01-01T10:00:05Z" → "2026-01-01 10:00:05".
pub fn short_time(rfc3339: &str) -> String {
    rfc3339
        .replacen('T', " ", 1)
        .trim_end_matches('Z')
        .to_owned()
}

pub fn state_words(record: &JournalRecord) -> String {
    match (&record.stage, &record.outcome) {
        (Stage::Queued, _) => "… queued".to_owned(),
        (Stage::Sent, _) => "→ sent, no answer".to_owned(),
        (Stage::Outcome, Some(Outcome::Ok)) => "✓ applied".to_owned(),
        (Stage::Outcome, Some(Outcome::NotApplied)) => "✗ not applied".to_owned(),
        (Stage::Outcome, Some(Outcome::Undone)) => "↶ taken back".to_owned(),
        (Stage::Outcome, Some(Outcome::Dropped)) => "– not sent".to_owned(),
        (Stage::Outcome, Some(Outcome::Error(code))) => format!("✗ {code}"),
        (Stage::Outcome, Some(Outcome::Unknown) | None) => "? unknown".to_owned(),
    }
}

pub fn entry(record: &JournalRecord) -> DecisionEntry {
    let what = match &record.summary {
        Some(summary) => {
            let verb = record.action.words().split(' ').next().unwrap_or_default();
            format!("{verb} {summary}")
        }
        None => format!("{} {}", record.action.words(), record.item_id),
    };
    let mut detail = Vec::new();
    if let Some(who) = &record.who {
        detail.push(format!("by {who}"));
    }
    if let Some(workspace) = &record.workspace {
        detail.push(format!("in {workspace}"));
    }
    if let Some(message) = &record.message {
        detail.push(format!("message “{message}”"));
    }
    if let Some(reason) = &record.reason {
        detail.push(reason.clone());
    }
    if record.reconciled {
        detail.push("re-checked against Slack's lists".to_owned());
    }
    if record.attempt > 1 {
        detail.push(format!(
            "attempt {} of {}: the send before was proved not applied",
            record.attempt,
            crate::decision::send::MAX_ATTEMPTS
        ));
    }
    DecisionEntry {
        time: short_time(&record.time),
        state: state_words(record),
        what,
        detail: detail.join(" · "),
        open: record.is_open(),
    }
}

/// Every decision in `records` (oldest first, as in the file), newest
/// first: a decision's place is where its latest record is.
pub fn newest_first(records: &[JournalRecord]) -> Vec<DecisionEntry> {
    latest_newest_first(records)
        .into_iter()
        .map(entry)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::JournalAction;

    #[test]
    fn newest_decision_first_with_its_latest_state() {
        let mut a = JournalRecord::new("a".into(), JournalAction::ApproveInvite, "I1", 0);
        a.summary = Some("invite I1 to #ops from Acme".into());
        a.who = Some("ana (U1)".into());
        let b = JournalRecord::new("b".into(), JournalAction::DenyRequest, "R1", 10);
        let records = vec![
            a.clone(),
            b.clone(),
            b.ended(Outcome::Undone, Some("taken back".into()), 11),
            a.next(Stage::Sent, None, 20),
            a.ended(Outcome::Error("invite_not_found".into()), None, 21),
        ];
        let entries = newest_first(&records);
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[0].what, "approve invite I1 to #ops from Acme");
        assert_eq!(entries[0].state, "✗ invite_not_found");
        assert_eq!(entries[0].time, "1970-01-01 00:00:21");
        assert!(entries[0].detail.contains("by ana (U1)"));
        assert!(!entries[0].detail.contains("attempt"));
        let again = a.next_attempt(30);
        let entries = newest_first(&[again.ended(Outcome::Ok, None, 31)]);
        assert_eq!(entries[0].state, "✓ applied");
        assert!(
            entries[0]
                .detail
                .contains("attempt 2 of 3: the send before was proved not applied"),
            "{}",
            entries[0].detail
        );
        let entries = newest_first(&records);
        assert_eq!(entries[1].what, "deny request R1");
        assert_eq!(entries[1].state, "↶ taken back");
        assert!(!entries[1].open);
    }
}
