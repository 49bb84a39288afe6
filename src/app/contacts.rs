//! Is the person a request would invite already on Slack? When a
//! request's detail is on screen, its address is looked up once
//! (`users.discoverableContacts.lookup`, Tier 2, paced by the client) and
//! the answer shows in the detail for the rest of the session.

use crate::app::{App, Effect};
use crate::model::ListKind;
use crate::slack::SlackError;

#[derive(Debug, Clone, PartialEq)]
pub enum ContactLookup {
    Checking,
    Answered { discoverable: bool },
    Failed(String),
}

impl ContactLookup {
    /// The detail view's words.
    pub fn words(&self) -> String {
        match self {
            ContactLookup::Checking => "checking…".to_owned(),
            ContactLookup::Answered { discoverable: true } => {
                "yes: someone on Slack has this address (discoverable)".to_owned()
            }
            ContactLookup::Answered {
                discoverable: false,
            } => "no: nobody discoverable on Slack has this address".to_owned(),
            ContactLookup::Failed(why) => format!("could not check: {why}"),
        }
    }
}

fn key(email: &str) -> String {
    email.trim().to_lowercase()
}

/// The lookup of `email`, if one was asked for.
pub fn lookup_of<'a>(app: &'a App, email: &str) -> Option<&'a ContactLookup> {
    app.contacts.get(&key(email))
}

/// The lookup to start now: the address of the request whose detail is
/// open, unless it was asked about already.
pub fn lookup_due(app: &mut App) -> Option<Effect> {
    let detail = app
        .detail
        .as_ref()
        .filter(|d| d.pane == ListKind::Requests)?;
    let request = app.requests.find(&detail.item_id)?;
    let email = request.recipient_email()?.to_owned();
    if app.contacts.contains_key(&key(&email)) {
        return None;
    }
    app.contacts.insert(key(&email), ContactLookup::Checking);
    Some(Effect::LookupContact(email))
}

pub fn on_looked(app: &mut App, email: &str, result: Result<bool, SlackError>) {
    let answer = match result {
        Ok(discoverable) => ContactLookup::Answered { discoverable },
        Err(error) => ContactLookup::Failed(crate::slack::explain::explain(&error)),
    };
    app.contacts.insert(key(email), answer);
}
