//! Who we are: our team and enterprise IDs decide which side of an invite,
//! a review or a connection is ours.

use crate::slack::SlackError;
use crate::slack::models::AuthTest;

/// Who we are, from `auth.test`.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Identity {
    #[default]
    Unknown,
    Known(AuthTest),
    Failed(SlackError),
}

impl Identity {
    pub fn auth(&self) -> Option<&AuthTest> {
        match self {
            Identity::Known(auth) => Some(auth),
            _ => None,
        }
    }

    /// Our team and enterprise IDs: a review or connection by either is ours.
    pub fn our_ids(&self) -> Vec<&str> {
        self.auth().map(our_ids).unwrap_or_default()
    }

    /// [`Identity::our_ids`], owned: for code that changes the app while
    /// it holds them.
    pub fn our_ids_owned(&self) -> Vec<String> {
        self.our_ids().into_iter().map(str::to_owned).collect()
    }
}

/// Our team and enterprise IDs from `auth.test`: a side is ours if it is either.
pub fn our_ids(auth: &AuthTest) -> Vec<&str> {
    [auth.team_id.as_deref(), auth.enterprise_id.as_deref()]
        .into_iter()
        .flatten()
        .chain(auth.workspace_ids.iter().map(String::as_str))
        .filter(|id| !id.is_empty())
        .collect()
}
