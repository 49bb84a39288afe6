//! Sending one decision, the same for the TUI's worker and the CLI: the
//! `sent` record is journaled (fsync'd) before the request goes out, the
//! one write is made, and its outcome is journaled before anyone hears of
//! it. A decision whose `sent` record cannot be written is not sent.

use crate::journal::{Journal, JournalRecord, Outcome, Stage};
use crate::slack::explain;
use crate::slack::{SlackClient, SlackError, WriteCall};

/// Sends of one decision at most, the first included: a write that a
/// re-check proved was not applied is sent again up to this many times.
pub const MAX_ATTEMPTS: u32 = 3;

/// Why a decision was never sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotSent(pub String);

/// Journal `sent`, make `call`, journal the outcome; Slack's answer.
/// `journal` is `None` only where no journal is kept (some tests).
pub async fn send(
    client: &SlackClient,
    journal: Option<&Journal>,
    queued: &JournalRecord,
    call: &WriteCall,
    now: impl Fn() -> i64,
) -> Result<Result<(), SlackError>, NotSent> {
    if queued.attempt > 1 {
        tokio::time::sleep(client.resend_delay(queued.attempt)).await;
    }
    if let Some(journal) = journal {
        append(journal, queued.next(Stage::Sent, None, now()))
            .await
            .map_err(NotSent)?;
    }
    let result = client.perform(call).await;
    if let Some(journal) = journal {
        let (outcome, reason) = match &result {
            Ok(()) => (Outcome::Ok, None),
            Err(error) => (Outcome::of_error(error), Some(explain::meaning(error))),
        };
        if let Err(reason) = append(journal, queued.ended(outcome, reason, now())).await {
            // The answer is still told; the next session re-checks it.
            tracing::error!(error = %reason, "could not journal an outcome");
        }
    }
    Ok(result)
}

/// Append one record off the async threads (it waits for fsync).
pub async fn append(journal: &Journal, record: JournalRecord) -> Result<(), String> {
    let journal = journal.clone();
    tokio::task::spawn_blocking(move || journal.record(&record))
        .await
        .map_err(|e| e.to_string())?
        .map_err(|e| e.to_string())
}
