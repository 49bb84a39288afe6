//! Text with no knowledge of Slack or the TUI: cleaning untrusted text, words
//! (plurals, capitals, thousands) and times.

pub mod fuzzy;
pub mod json;
pub mod sanitize;
pub mod secrets;
pub mod time;
pub mod words;
