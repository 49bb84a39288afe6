//! A faithful local Slack for the Slack Connect methods.
