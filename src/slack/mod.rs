//! The Slack Web API client for the Slack Connect methods.

// `SlackError::Api` carries Slack's whole error detail (scopes, argument,
// messages) so the UI can show it; errors are the cold path, and boxing
// would change the public error type the other modules match on.
#![allow(clippy::result_large_err)]

pub mod client;
mod decode;
pub mod envelope;
pub mod error;
pub mod events;
pub mod explain;
pub mod limiter;
mod lists;
mod methods;
pub mod models;
mod options;
mod paginate;
pub mod raw;
pub mod responses;
mod retry;
pub mod socket;
pub mod token;
mod transport;

/// Slack refuses longer messages with a decision (`message_too_long`).
pub const MAX_MESSAGE_CHARS: usize = 560;

pub use client::SlackClient;
pub use error::{ApiErrorDetail, SlackError, TransportKind};
pub use events::{ClientEvent, WaitReason};
pub use methods::{ApprovalMessage, RequestApproval, RequestFilter, WriteCall};
pub use options::{ClientOptions, ClientStats, MAX_ANSWER_BYTES, MAX_RETRY_AFTER, Tuning};
pub use paginate::{MAX_EMPTY_PAGES, Page, PageStream};
pub use raw::{RawElement, Skipped};
pub use token::Token;
