use std::process::ExitCode;

use clap::Parser;
use connect_triage::cli::{Cli, Command};
use connect_triage::commands;
use connect_triage::exit::{UsageError, exit_code_for};

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
        Some(other) => {
            Err(UsageError::new(format!("{other:?}: not available in this build")).into())
        }
        None => Err(UsageError::new("the TUI is not available in this build").into()),
    }
}
