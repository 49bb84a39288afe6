use std::process::ExitCode;

use clap::Parser;
use connect_triage::cli::{Cli, Command, DataArgs};
use connect_triage::commands;
use connect_triage::commands::tui::Source;
use connect_triage::connect;
use connect_triage::exit::{UsageError, exit_code_for};
use connect_triage::slack::{ClientOptions, SlackClient, Tuning};

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("connect-triage: {error:#}");
            exit_code_for(&error)
        }
    }
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Some(Command::List(args)) => commands::list::run(&cli.global, &args).await,
        Some(connect_triage::cli::Command::Emulator(args)) => {
            connect_triage::commands::emulator::run(&args).await
        }
        Some(Command::Demo(data)) => commands::tui::run(&cli.global, Source::Demo(data)).await,
        Some(other) => {
            Err(UsageError::new(format!("{other:?}: not available in this build")).into())
        }
        None => {
            // With a token, real Slack; without one, the demo (DESIGN.md §2).
            match connect::load_token(cli.global.token_file.as_deref())? {
                Some(token) => {
                    let api_base = connect::resolve_api_base(cli.global.api_base.as_deref())?;
                    let tuning = match commands::tui::rate_scale(&api_base)? {
                        Some(n) => Tuning::scaled(n),
                        None => Tuning::default(),
                    };
                    let client = SlackClient::with_tuning(
                        &api_base,
                        token,
                        ClientOptions::default(),
                        tuning,
                    )?;
                    commands::tui::run(&cli.global, Source::Live { client }).await
                }
                None => {
                    let demo = DataArgs {
                        seed: 1,
                        ..DataArgs::default()
                    };
                    commands::tui::run(&cli.global, Source::Demo(demo)).await
                }
            }
        }
    }
}
