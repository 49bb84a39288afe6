//! Command-line definitions (DESIGN.md §2). This is a stable interface:
//! scripts rely on these names.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

mod pace;

pub use pace::Pace;

#[derive(Debug, Parser)]
#[command(
    name = "connect-triage",
    version,
    about = "Triage Slack Connect from the terminal: invitations, requests, external orgs, shared channels",
    long_about = "Triage Slack Connect from the terminal.\n\n\
        The token is read from $SLACK_TOKEN or --token-file, never from the command line. \
        With no token, the TUI opens a demo on the embedded emulator."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The longest undo window, for `--grace` and the config file alike.
pub const MAX_GRACE_SECONDS: u64 = 600;

#[derive(Debug, Clone, Args)]
pub struct GlobalArgs {
    /// Read the token from this file (must not be group- or world-readable)
    #[arg(long, global = true, value_name = "PATH")]
    pub token_file: Option<PathBuf>,
    /// Read the Socket Mode app-level token (xapp-…) from this file (must not
    /// be group- or world-readable); default $SLACK_APP_TOKEN. Without one the
    /// TUI polls
    #[arg(long, global = true, value_name = "PATH")]
    pub app_token_file: Option<PathBuf>,
    /// Slack Web API base URL; plain http only to a loopback address
    #[arg(long, global = true, env = "SLACK_API_BASE", value_name = "URL")]
    pub api_base: Option<String>,
    /// Make every write impossible, in the TUI and the CLI
    #[arg(long, global = true)]
    pub read_only: bool,
    /// Seconds a write waits in the undo queue before it is sent (0 = none,
    /// at most 600, as in the config file)
    #[arg(long, global = true, value_name = "SECONDS",
          value_parser = clap::value_parser!(u64).range(0..=MAX_GRACE_SECONDS))]
    pub grace: Option<u64>,
    /// Config file (default: the XDG config path)
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// Draw with ASCII instead of box-drawing characters
    #[arg(long, global = true)]
    pub ascii: bool,
    /// Log level for the log file (error, warn, info, debug, trace)
    #[arg(long, global = true, value_name = "LEVEL")]
    pub log_level: Option<String>,
    /// How calls are paced to Slack's rate tiers: real (each method's
    /// documented budget), scaled:N (the same budgets in windows N times
    /// shorter) or off (no pacing; a 429's Retry-After is still honoured).
    /// The words of the emulator's --rate-limits; scaled and off only for a
    /// loopback --api-base
    #[arg(long, global = true, value_name = "real|scaled:N|off", default_value_t = Pace::Real)]
    pub pace: Pace,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// The TUI on the embedded emulator
    Demo(DataArgs),
    /// Serve the Slack Connect emulator until killed
    Emulator(EmulatorArgs),
    /// Print every item of a list (all pages)
    List(ListArgs),
    /// Approve one Slack Connect invitation
    Approve(InviteDecisionArgs),
    /// Decline one Slack Connect invitation
    Decline(InviteDecisionArgs),
    /// Approve or deny a member's request to invite someone outside
    Request {
        #[command(subcommand)]
        action: RequestAction,
    },
    /// Disconnect a shared channel or a whole external org
    Disconnect {
        #[command(subcommand)]
        target: DisconnectTarget,
    },
    /// Change an org's permission in a shared channel: post and invite
    /// (upgrade) or post only (downgrade)
    Permission(PermissionArgs),
    /// Show the local decision journal, newest first
    Log {
        /// One JSON object per line
        #[arg(long)]
        json: bool,
    },
    /// Check the config file, or print the documented default
    Config {
        /// Print the documented default config
        #[arg(long)]
        print_default: bool,
    },
    /// Print shell completions
    Completions {
        #[arg(value_enum)]
        shell: CompletionShell,
    },
    /// Print the manual page (roff)
    Man,
}

#[derive(Debug, Clone, Args, Default)]
pub struct DataArgs {
    /// Seed the emulator from a data file (DESIGN.md §3)
    #[arg(long, value_name = "FILE", conflicts_with = "generate")]
    pub data: Option<PathBuf>,
    /// Generate data: invites=N,requests=N,teams=N,channels=N,workspaces=N
    #[arg(long, value_name = "SPEC")]
    pub generate: Option<String>,
    /// Seed for --generate and fault injection
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub seed: u64,
    /// The demo as an Enterprise org: three workspaces and one org-wide
    /// token, with one workspace the token cannot read
    #[arg(long, conflicts_with_all = ["data", "generate"])]
    pub org: bool,
    /// Simulate the outside world: about RATE changes a minute (new invites,
    /// acceptances, member requests, another admin's decisions), each with
    /// its Socket Mode events; deterministic for a --seed. The demo's
    /// default is 3, the emulator's 0 (none)
    #[arg(long, value_name = "RATE")]
    pub activity: Option<f64>,
}

#[derive(Debug, Clone, Args)]
pub struct EmulatorArgs {
    /// Address to listen on
    #[arg(long, default_value = "127.0.0.1:0")]
    pub addr: String,
    #[command(flatten)]
    pub data: DataArgs,
    /// Rate limits: off, real (documented tiers) or scaled:N (same budgets, minute N times shorter)
    #[arg(long, default_value = "real", value_name = "off|real|scaled:N")]
    pub rate_limits: String,
    /// Fault injection, e.g. rate=0.2,kinds=500+429+timeout+reset+malformed
    #[arg(long, value_name = "SPEC")]
    pub faults: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListKind {
    Invites,
    Requests,
    Teams,
    Channels,
}

#[derive(Debug, Clone, Args)]
pub struct ListArgs {
    #[arg(value_enum)]
    pub kind: ListKind,
    /// One JSON object per line, in Slack's own shape
    #[arg(long)]
    pub json: bool,
    /// Keep only items matching this filter (the TUI's filter syntax: words,
    /// -word to exclude, "a phrase", ws:NAME for one workspace of an org)
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
    pub filter: Option<String>,
    /// With an org-wide token: only this workspace's invites or requests
    #[arg(long, value_name = "TEAM_ID", value_parser = slack_id)]
    pub team: Option<String>,
}

#[derive(Debug, Clone, Args)]
pub struct InviteDecisionArgs {
    /// The invite ID (I…)
    #[arg(value_parser = slack_id)]
    pub invite_id: String,
    /// With an org-wide token: the workspace the item is in (T…)
    #[arg(long, value_name = "TEAM_ID", value_parser = slack_id)]
    pub team: Option<String>,
    /// Skip the confirmation and the grace period
    #[arg(long)]
    pub yes: bool,
    /// Print the exact call without sending it
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Clone, Args)]
pub struct PermissionArgs {
    /// The shared channel (C…)
    #[arg(value_parser = slack_id)]
    pub channel_id: String,
    /// The external org whose permission changes (T… or E…)
    #[arg(long, value_name = "TEAM_ID", value_parser = slack_id)]
    pub team: String,
    /// upgrade: they may post and invite; downgrade: they may only post
    #[arg(value_enum)]
    pub change: PermissionChange,
    /// Skip the confirmation and the grace period
    #[arg(long)]
    pub yes: bool,
    /// Print the exact call without sending it
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PermissionChange {
    Upgrade,
    Downgrade,
}

#[derive(Debug, Subcommand)]
pub enum RequestAction {
    /// Approve a request (an invitation is sent)
    Approve(RequestDecisionArgs),
    /// Deny a request (the requester is told, with the message)
    Deny(RequestDecisionArgs),
}

#[derive(Debug, Clone, Args)]
pub struct RequestDecisionArgs {
    /// The request's invite ID (I…)
    #[arg(value_parser = slack_id)]
    pub request_id: String,
    /// Message to the requester (at most 560 characters); with approve, added
    /// to the requester's own message
    #[arg(long, value_name = "TEXT")]
    pub message: Option<String>,
    /// approve: the message replaces the requester's instead of following it
    #[arg(long, requires = "message")]
    pub replace_message: bool,
    /// approve: into this channel instead of the requested one (C…)
    #[arg(long, value_name = "CHANNEL_ID", value_parser = slack_id)]
    pub channel: Option<String>,
    /// approve: they may only post, whatever was requested
    #[arg(long, conflicts_with = "post_and_invite")]
    pub post_only: bool,
    /// approve: they may post and invite, whatever was requested
    #[arg(long)]
    pub post_and_invite: bool,
    /// With an org-wide token: the workspace the item is in (T…)
    #[arg(long, value_name = "TEAM_ID", value_parser = slack_id)]
    pub team: Option<String>,
    /// Skip the confirmation and the grace period
    #[arg(long)]
    pub yes: bool,
    /// Print the exact call without sending it
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Subcommand)]
pub enum DisconnectTarget {
    /// admin.conversations.disconnectShared
    Channel {
        #[arg(value_parser = slack_id)]
        channel_id: String,
        /// The team that leaves (required when more than two are in the channel)
        #[arg(long, value_name = "TEAM_ID", value_parser = slack_id)]
        team: Option<String>,
        /// Skip the confirmation and the grace period
        #[arg(long)]
        yes: bool,
        /// Print the exact call without sending it
        #[arg(long)]
        dry_run: bool,
    },
    /// team.externalTeams.disconnect: every channel and DM with that org
    Org {
        #[arg(value_parser = slack_id)]
        team_id: String,
        /// The org's name, typed out, as confirmation
        #[arg(long, value_name = "NAME", required = true)]
        confirm_name: String,
        /// Print the exact call without sending it
        #[arg(long)]
        dry_run: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CompletionShell {
    Bash,
    Zsh,
    Fish,
}

/// A Slack ID from the command line, trimmed. An empty one, or one with
/// anything but letters and digits, is refused here, before it costs a
/// rate-limited call to be refused by Slack.
fn slack_id(text: &str) -> Result<String, String> {
    let id = text.trim();
    if id.is_empty() {
        return Err("an ID cannot be empty".to_owned());
    }
    if !id.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(
            "a Slack ID is letters and digits only, like I0123ABCD, C0456EFGH or T0789IJKL"
                .to_owned(),
        );
    }
    Ok(id.to_owned())
}
