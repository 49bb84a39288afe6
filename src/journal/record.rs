//! One line of the journal: what was decided, at which stage, how it ended.

use std::sync::atomic::{AtomicU64, Ordering};

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::slack::SlackError;

/// Where a record sits in a decision's life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// The admin confirmed it; it waits in the undo window.
    Queued,
    /// About to go out: written and fsync'd before the request is sent.
    Sent,
    /// How it ended.
    Outcome,
}

/// How a decision ended. Written as one string: `ok`, `unknown`,
/// `not_applied`, `undone`, `dropped`, or Slack's error code.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Outcome {
    /// Slack applied it.
    Ok,
    /// Slack refused, with this code (or a transport word such as
    /// `no_connection` when the request certainly never arrived).
    Error(String),
    /// No answer we can trust: it may or may not have been applied.
    Unknown,
    /// Re-checked against Slack's lists: it was not applied.
    NotApplied,
    /// Taken back in the undo window; never sent.
    Undone,
    /// Never sent: the program quit, was stopped, or lost its terminal first.
    Dropped,
}

impl Outcome {
    pub fn as_str(&self) -> &str {
        match self {
            Outcome::Ok => "ok",
            Outcome::Error(code) => code,
            Outcome::Unknown => "unknown",
            Outcome::NotApplied => "not_applied",
            Outcome::Undone => "undone",
            Outcome::Dropped => "dropped",
        }
    }

    pub fn parse(text: &str) -> Outcome {
        match text {
            "ok" => Outcome::Ok,
            "unknown" => Outcome::Unknown,
            "not_applied" => Outcome::NotApplied,
            "undone" => Outcome::Undone,
            "dropped" => Outcome::Dropped,
            code => Outcome::Error(code.to_owned()),
        }
    }

    /// The outcome a failed write leaves: unknown when Slack may have
    /// applied it, else Slack's code.
    pub fn of_error(error: &SlackError) -> Outcome {
        if error.outcome_unknown() {
            Outcome::Unknown
        } else {
            Outcome::Error(crate::slack::explain::code(error))
        }
    }

    /// Whether this ends the decision for good (everything but `unknown`).
    pub fn is_final(&self) -> bool {
        *self != Outcome::Unknown
    }
}

impl Serialize for Outcome {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Outcome {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Ok(Outcome::parse(&text))
    }
}

/// What was decided. The names are the journal's stable vocabulary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JournalAction {
    ApproveInvite,
    DeclineInvite,
    ApproveRequest,
    DenyRequest,
    DisconnectChannel,
    DisconnectOrg,
    /// An org may now post and invite in a shared channel.
    UpgradePermission,
    /// An org may now only post in a shared channel.
    DowngradePermission,
}

impl JournalAction {
    pub fn as_str(self) -> &'static str {
        match self {
            JournalAction::ApproveInvite => "approve_invite",
            JournalAction::DeclineInvite => "decline_invite",
            JournalAction::ApproveRequest => "approve_request",
            JournalAction::DenyRequest => "deny_request",
            JournalAction::DisconnectChannel => "disconnect_channel",
            JournalAction::DisconnectOrg => "disconnect_org",
            JournalAction::UpgradePermission => "upgrade_permission",
            JournalAction::DowngradePermission => "downgrade_permission",
        }
    }

    /// "approve invite", for people.
    pub fn words(self) -> &'static str {
        match self {
            JournalAction::ApproveInvite => "approve invite",
            JournalAction::DeclineInvite => "decline invite",
            JournalAction::ApproveRequest => "approve request",
            JournalAction::DenyRequest => "deny request",
            JournalAction::DisconnectChannel => "disconnect channel",
            JournalAction::DisconnectOrg => "disconnect org",
            JournalAction::UpgradePermission => "let an org post and invite",
            JournalAction::DowngradePermission => "limit an org to posting",
        }
    }
}

/// One line of the journal.
///
/// Build the `queued` record once with [`JournalRecord::new`] (then fill in
/// the context fields), and derive the later ones with [`JournalRecord::next`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JournalRecord {
    /// RFC 3339, UTC.
    pub time: String,
    /// Shared by every record of one decision; unique across sessions.
    pub decision_id: String,
    pub stage: Stage,
    /// Who decided: the signed-in user from `auth.test` ("name (U…)").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub who: Option<String>,
    /// The workspace or org the token acts for ("name (T…)").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workspace: Option<String>,
    /// That workspace's ID: an open decision is only re-checked by a
    /// session signed in to the same one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team_id: Option<String>,
    pub action: JournalAction,
    /// The invite, request, channel or org ID the decision is about.
    pub item_id: String,
    /// The decision in words: "invite I0A to #ops from Acme".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// The other org's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub org: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub org_id: Option<String>,
    /// The channel's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel_id: Option<String>,
    /// The message sent with a request's approval or denial.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// `None` until the `outcome` stage.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<Outcome>,
    /// The outcome in plain words, when there is more to say than the code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The outcome was learned by re-checking Slack's lists, not from the answer.
    #[serde(default, skip_serializing_if = "is_false")]
    pub reconciled: bool,
    /// Decisions confirmed together (one undo-queue entry) share this.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub batch: Option<String>,
    /// Which send of the decision the record belongs to: a write that a
    /// re-check proved was not applied is sent again, as attempt 2 and 3
    /// of the same decision. Written only from 2 on.
    #[serde(default = "first_attempt", skip_serializing_if = "is_first_attempt")]
    pub attempt: u32,
}

fn is_false(value: &bool) -> bool {
    !*value
}

fn first_attempt() -> u32 {
    1
}

fn is_first_attempt(attempt: &u32) -> bool {
    *attempt <= 1
}

/// RFC 3339 (UTC) for a unix time; the epoch when out of range.
pub fn format_time(unix: i64) -> String {
    use time::format_description::well_known::Rfc3339;
    time::OffsetDateTime::from_unix_timestamp(unix)
        .unwrap_or(time::OffsetDateTime::UNIX_EPOCH)
        .format(&Rfc3339)
        .unwrap_or_else(|_| "1970-01-01T00:00:00Z".to_owned())
}

/// A decision ID no other session will produce: time, process, counter.
pub fn new_decision_id(now: i64) -> String {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    format!("{now}-{}-{n}", std::process::id())
}

impl JournalRecord {
    /// The `queued` record of a new decision; context fields start empty.
    pub fn new(decision_id: String, action: JournalAction, item_id: &str, now: i64) -> Self {
        JournalRecord {
            time: format_time(now),
            decision_id,
            stage: Stage::Queued,
            who: None,
            workspace: None,
            team_id: None,
            action,
            item_id: item_id.to_owned(),
            summary: None,
            org: None,
            org_id: None,
            channel: None,
            channel_id: None,
            message: None,
            outcome: None,
            reason: None,
            reconciled: false,
            batch: None,
            attempt: 1,
        }
    }

    /// The same decision at a later stage.
    pub fn next(&self, stage: Stage, outcome: Option<Outcome>, now: i64) -> Self {
        JournalRecord {
            time: format_time(now),
            stage,
            outcome,
            reason: None,
            reconciled: false,
            ..self.clone()
        }
    }

    /// This decision's outcome record.
    pub fn ended(&self, outcome: Outcome, reason: Option<String>, now: i64) -> Self {
        JournalRecord {
            reason,
            ..self.next(Stage::Outcome, Some(outcome), now)
        }
    }

    /// The record the next attempt of this decision is sent from.
    pub fn next_attempt(&self, now: i64) -> Self {
        JournalRecord {
            attempt: self.attempt.saturating_add(1),
            ..self.next(Stage::Queued, None, now)
        }
    }

    /// True when the decision this record ends is settled for good.
    pub fn is_final(&self) -> bool {
        self.stage == Stage::Outcome && self.outcome.as_ref().is_some_and(Outcome::is_final)
    }

    /// True when this, as a decision's last record, leaves it open: sent
    /// (or maybe sent) with no outcome known yet.
    pub fn is_open(&self) -> bool {
        self.stage == Stage::Sent
            || (self.stage == Stage::Outcome && self.outcome == Some(Outcome::Unknown))
    }

    /// One JSON line (no newline).
    pub fn to_line(&self) -> String {
        crate::text::json::to_line(self).expect("a journal record always serializes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(id: &str) -> JournalRecord {
        let mut r =
            JournalRecord::new(id.into(), JournalAction::DenyRequest, "I123", 1_700_000_000);
        r.who = Some("ana (U1)".into());
        r.message = Some("no\nthanks".into());
        r
    }

    #[test]
    fn outcomes_are_one_string_each_way() {
        for (outcome, text) in [
            (Outcome::Ok, "\"ok\""),
            (Outcome::Unknown, "\"unknown\""),
            (Outcome::NotApplied, "\"not_applied\""),
            (Outcome::Undone, "\"undone\""),
            (Outcome::Dropped, "\"dropped\""),
            (
                Outcome::Error("invite_not_found".into()),
                "\"invite_not_found\"",
            ),
        ] {
            assert_eq!(serde_json::to_string(&outcome).unwrap(), text);
            assert_eq!(serde_json::from_str::<Outcome>(text).unwrap(), outcome);
        }
    }

    #[test]
    fn a_record_is_one_line_with_the_documented_fields() {
        let r = record("d1").ended(Outcome::Ok, None, 1_700_000_060);
        let line = r.to_line();
        assert!(!line.contains('\n'));
        let value: serde_json::Value = serde_json::from_str(&line).unwrap();
        assert_eq!(value["time"], "2023-11-14T22:14:20Z");
        assert_eq!(value["stage"], "outcome");
        assert_eq!(value["outcome"], "ok");
        assert_eq!(value["action"], "deny_request");
        assert_eq!(value["item_id"], "I123");
        assert_eq!(value["who"], "ana (U1)");
        assert_eq!(value["message"], "no\nthanks");
        assert!(value.get("token").is_none());
        assert_eq!(serde_json::from_str::<JournalRecord>(&line).unwrap(), r);
    }

    #[test]
    fn decision_ids_are_unique() {
        let a = new_decision_id(5);
        let b = new_decision_id(5);
        assert_ne!(a, b);
        assert!(a.starts_with("5-"));
    }
}
