//! The Slack Web API client for the Slack Connect methods.

pub mod error;
pub mod models;
pub mod token;

pub use error::{ApiErrorDetail, SlackError, TransportKind};
pub use token::Token;
