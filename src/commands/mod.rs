//! One module per subcommand of DESIGN.md §2.

pub mod completions;
pub mod decide;
pub mod emulator;
pub mod list;
pub mod log;
pub mod session;
pub mod tui;
pub mod workspaces;

use crate::slack::SlackClient;
use crate::text::sanitize::clean;

/// Long waits (Tier 1 allows one invites page a minute) must not look like
/// a hang: the client's waits and retries go to stderr as they happen.
pub(crate) fn report_waits(client: &SlackClient) -> tokio::task::JoinHandle<()> {
    let mut events = client.events();
    tokio::spawn(async move {
        use tokio::sync::broadcast::error::RecvError;
        loop {
            match events.recv().await {
                Ok(event) => eprintln!("connect-triage: {}", clean(&event.to_string())),
                Err(RecvError::Lagged(_)) => continue,
                Err(RecvError::Closed) => break,
            }
        }
    })
}
