//! connect-triage: a terminal dashboard for triaging Slack Connect, and a
//! faithful emulator of the Slack Connect Web API.

pub mod app;
pub mod cache;
pub mod cli;
pub mod commands;
pub mod config;
pub mod connect;
pub mod decision;
pub mod emulator;
pub mod exit;
pub mod journal;
pub mod keys;
pub mod logging;
pub mod model;
pub mod private_files;
pub mod read_only;
pub mod runtime;
pub mod slack;
#[cfg(test)]
mod tests;
pub mod text;
pub mod ui;
