//! The scriptable twin of the TUI's decisions (DESIGN.md §2):
//! `approve|decline INVITE_ID`, `request approve|deny REQUEST_ID`,
//! `disconnect channel CHANNEL_ID`, `disconnect org TEAM_ID`.
//!
//! Each one does what the TUI does: looks the item up (so the confirmation
//! names the org and channel), asks (or takes `--yes`; without a terminal
//! and without `--yes` it refuses), journals the decision, waits out the
//! grace period with a countdown that Ctrl-C cancels (skipped with
//! `--yes`), then sends the one write through the same rate-limited client.
//! `--read-only` refuses with exit code 2; `--dry-run` prints the exact
//! call and sends nothing.

mod permission;
mod plan;
mod recheck;
mod send;

use std::io::{self, IsTerminal};

use crate::cli::{DisconnectTarget, GlobalArgs, InviteDecisionArgs, RequestAction};
use crate::commands::report_waits;
use crate::commands::workspaces::decision_workspace;
use crate::config::Config;
use crate::connect::script_client;
use crate::exit::UsageError;
use crate::slack::SlackClient;
use crate::slack::models::AuthTest;
use crate::text::sanitize::clean;

pub use plan::Plan;

/// How the command was asked to go about it.
#[derive(Debug, Clone, Copy)]
struct Manner {
    /// `--yes`: no question, no grace period.
    yes: bool,
    dry_run: bool,
    /// Whether to ask y/n without `--yes` (not for `disconnect org`,
    /// whose `--confirm-name` is the confirmation).
    ask: bool,
}

/// What every decision command sets up first.
struct Session {
    config: Config,
    client: SlackClient,
    auth: AuthTest,
}

impl Session {
    /// Config, read-only, token, client and `auth.test`, in that order, so
    /// a refusal comes before anything touches the network.
    async fn open(global: &GlobalArgs, what: &str, dry_run: bool) -> anyhow::Result<Session> {
        let (mut config, warnings) = Config::load(global.config.as_deref());
        if !warnings.is_empty() {
            let all: Vec<String> = warnings.iter().map(ToString::to_string).collect();
            if !dry_run {
                // A setting like read_only may be among them: no writes on a guess.
                return Err(UsageError::new(format!(
                    "refusing to {what} while the config file has problems (fix them, \
                     or pass --config /dev/null for the defaults):\n  {}",
                    all.join("\n  ")
                ))
                .into());
            }
            for warning in all {
                eprintln!("connect-triage: {}", clean(&warning));
            }
        }
        config.apply_flags(global);
        if !dry_run {
            crate::read_only::refuse_write(config.read_only, what)?;
        }
        // A decision looks its item up and stops there: no page past it is
        // asked for, or waited for.
        let client = script_client(global)?.for_lookups();
        if config.read_only || dry_run {
            client.forbid_writes();
        }
        report_waits(&client);
        let auth = client.auth_test().await.map_err(|e| {
            anyhow::anyhow!(
                "could not tell who is signed in (auth.test): {}",
                crate::slack::explain::explain(&e)
            )
        })?;
        Ok(Session {
            config,
            client,
            auth,
        })
    }
}

/// `approve INVITE_ID` / `decline INVITE_ID`.
pub async fn invite(
    global: &GlobalArgs,
    args: &InviteDecisionArgs,
    approve: bool,
) -> anyhow::Result<()> {
    let verb = if approve { "approve" } else { "decline" };
    let what = format!("{verb} invite {}", args.invite_id);
    let session = Session::open(global, &what, args.dry_run).await?;
    let team = decision_workspace(
        &session.client,
        &session.auth,
        args.team.as_deref(),
        "invite",
    )
    .await?;
    let plan = plan::invite(
        &session.client,
        &session.auth,
        team.as_ref(),
        &args.invite_id,
        approve,
    )
    .await?;
    let manner = Manner {
        yes: args.yes,
        dry_run: args.dry_run,
        ask: true,
    };
    send::decide(&session, plan, manner).await
}

/// `request approve|deny REQUEST_ID [--message TEXT]`.
pub async fn request(global: &GlobalArgs, action: &RequestAction) -> anyhow::Result<()> {
    let (args, approve) = match action {
        RequestAction::Approve(args) => (args, true),
        RequestAction::Deny(args) => (args, false),
    };
    let verb = if approve { "approve" } else { "deny" };
    if !approve
        && (args.channel.is_some()
            || args.post_only
            || args.post_and_invite
            || args.replace_message)
    {
        return Err(UsageError::new(
            "--channel, --post-only, --post-and-invite and --replace-message are options of \
             `request approve`; a denial sends only its --message",
        )
        .into());
    }
    let what = format!("{verb} request {}", args.request_id);
    let session = Session::open(global, &what, args.dry_run).await?;
    let team = decision_workspace(
        &session.client,
        &session.auth,
        args.team.as_deref(),
        "request",
    )
    .await?;
    let options = plan::ApproveOptions {
        channel: args.channel.clone(),
        limited: match (args.post_only, args.post_and_invite) {
            (true, _) => Some(true),
            (_, true) => Some(false),
            _ => None,
        },
        replace_message: args.replace_message,
    };
    let plan = plan::request(
        &session.client,
        team.as_ref(),
        &args.request_id,
        approve,
        args.message.as_deref(),
        &options,
    )
    .await?;
    let manner = Manner {
        yes: args.yes,
        dry_run: args.dry_run,
        ask: true,
    };
    send::decide(&session, plan, manner).await
}

/// `disconnect channel CHANNEL_ID [--team TEAM_ID]` / `disconnect org TEAM_ID --confirm-name NAME`.
pub async fn disconnect(global: &GlobalArgs, target: &DisconnectTarget) -> anyhow::Result<()> {
    match target {
        DisconnectTarget::Channel {
            channel_id,
            team,
            yes,
            dry_run,
        } => {
            let what = format!("disconnect channel {channel_id}");
            let session = Session::open(global, &what, *dry_run).await?;
            let plan =
                plan::channel(&session.client, &session.auth, channel_id, team.as_deref()).await?;
            let manner = Manner {
                yes: *yes,
                dry_run: *dry_run,
                ask: true,
            };
            send::decide(&session, plan, manner).await
        }
        DisconnectTarget::Org {
            team_id,
            confirm_name,
            dry_run,
        } => {
            let what = format!("disconnect org {team_id}");
            let session = Session::open(global, &what, *dry_run).await?;
            let plan = plan::org(&session.client, team_id, confirm_name).await?;
            let manner = Manner {
                yes: false,
                dry_run: *dry_run,
                ask: false,
            };
            send::decide(&session, plan, manner).await
        }
    }
}

/// `permission CHANNEL_ID --team TEAM_ID upgrade|downgrade`.
pub async fn permission(
    global: &GlobalArgs,
    args: &crate::cli::PermissionArgs,
) -> anyhow::Result<()> {
    let upgrade = args.change == crate::cli::PermissionChange::Upgrade;
    let what = format!(
        "{} {}'s permission in {}",
        if upgrade { "upgrade" } else { "downgrade" },
        args.team,
        args.channel_id
    );
    let session = Session::open(global, &what, args.dry_run).await?;
    let Some(plan) = permission::plan(
        &session.client,
        &session.auth,
        &args.channel_id,
        &args.team,
        upgrade,
    )
    .await?
    else {
        return Ok(());
    };
    let manner = Manner {
        yes: args.yes,
        dry_run: args.dry_run,
        ask: true,
    };
    send::decide(&session, plan, manner).await
}

/// Whether a person can answer a question here.
fn interactive() -> bool {
    io::stdin().is_terminal() && io::stderr().is_terminal()
}
