use std::process::ExitCode;

use clap::Parser;
use connect_triage::cli::{Cli, Command, DataArgs};
use connect_triage::commands;
use connect_triage::commands::completions;
use connect_triage::commands::tui::Source;
use connect_triage::connect;
use connect_triage::exit::exit_code_for;
use connect_triage::logging;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => return argument_error(&error),
    };
    // Before any thread: malloc's arenas are fixed for the process. The
    // TUI and the emulator hold a large org for hours; `list` streams it
    // and holds one page.
    let holds_rows = matches!(
        cli.command,
        None | Some(Command::Demo(_) | Command::Emulator(_))
    );
    connect_triage::runtime::memory::limit_arenas(holds_rows);
    match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime.block_on(cli_main(cli)),
        Err(error) => {
            eprintln!("connect-triage: cannot start: {error}");
            ExitCode::from(1)
        }
    }
}

async fn cli_main(cli: Cli) -> ExitCode {
    match run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            // The error may carry Slack's text or a file's: never raw.
            let words = connect_triage::text::sanitize::message_lines(&format!("{error:#}"));
            eprintln!("connect-triage: {words}");
            exit_code_for(&error)
        }
    }
}

/// clap's words for a command line it could not take, with any token in
/// them hidden: a token typed as an argument must not be echoed back to the
/// screen (or a recording of it). Plain text, so no colour code can split a
/// token from the scan that hides it.
fn argument_error(error: &clap::Error) -> ExitCode {
    if !error.use_stderr() {
        // --help and --version: the words asked for.
        let _ = error.print();
        return ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(2));
    }
    use connect_triage::text::secrets::hide_tokens;
    let (words, echoed) = hide_tokens(&error.render().to_string());
    let typed = std::env::args_os().any(|arg| hide_tokens(&arg.to_string_lossy()).1);
    let hidden = echoed || typed;
    // clap quotes the arguments it could not take, and they may hold anything.
    eprintln!(
        "{}",
        connect_triage::text::sanitize::message_lines(words.trim_end())
    );
    if hidden {
        eprintln!(
            "connect-triage: a token is never read from the command line: set $SLACK_TOKEN, \
             or put it in a file only you can read (chmod 600) and pass --token-file PATH"
        );
    }
    ExitCode::from(2)
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    // Pure output commands need no log; everything else logs to the file.
    let quiet = matches!(
        cli.command,
        Some(Command::Completions { .. } | Command::Man | Command::Config { .. })
    );
    if !quiet && let Err(why) = logging::init(cli.global.log_level.as_deref())? {
        eprintln!("connect-triage: no log file: {why}");
    }
    let global = &cli.global;
    match cli.command {
        Some(Command::List(args)) => commands::list::run(&cli.global, &args).await,
        Some(Command::Approve(args)) => commands::decide::invite(global, &args, true).await,
        Some(Command::Decline(args)) => commands::decide::invite(global, &args, false).await,
        Some(Command::Request { action }) => commands::decide::request(global, &action).await,
        Some(Command::Disconnect { target }) => commands::decide::disconnect(global, &target).await,
        Some(Command::Permission(args)) => commands::decide::permission(global, &args).await,
        Some(Command::Config { print_default }) => {
            completions::config(global.config.as_deref(), print_default)
        }
        Some(Command::Completions { shell }) => {
            let mut text = Vec::new();
            completions::completions(shell, &mut text);
            completions::write_stdout(&text)
        }
        Some(Command::Man) => {
            let mut text = Vec::new();
            completions::man(&mut text)?;
            completions::write_stdout(&text)
        }
        Some(connect_triage::cli::Command::Emulator(args)) => {
            connect_triage::commands::emulator::run(&args).await
        }
        Some(Command::Demo(data)) => commands::tui::run(&cli.global, Source::Demo(data)).await,
        Some(Command::Log { json }) => commands::log::run(json),
        None => {
            // With a token, real Slack; without one, the demo (DESIGN.md §2).
            match connect::load_token(cli.global.token_file.as_deref())? {
                Some(token) => {
                    let api_base = connect::resolve_api_base(cli.global.api_base.as_deref())?;
                    let app_token = connect::load_app_token(cli.global.app_token_file.as_deref())?;
                    let client = connect::client(cli.global.pace, &api_base, token)?;
                    let live = match app_token {
                        Some(token) => Some(connect::client(cli.global.pace, &api_base, token)?),
                        None => None,
                    };
                    commands::tui::run(&cli.global, Source::Live { client, live }).await
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
