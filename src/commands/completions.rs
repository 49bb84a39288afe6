//! Generated from the clap definitions, so they never drift from the real
//! command line: `completions bash|zsh|fish`, `man` (roff), and the
//! `config` helper (`--print-default`, or check the config file).

use std::io::{self, Write};

use clap::CommandFactory;

use crate::cli::{Cli, CompletionShell};
use crate::config::{Config, DEFAULT_TOML};
use crate::exit::UsageError;

/// Shell completions for `shell`, written to `out`.
pub fn completions(shell: CompletionShell, out: &mut dyn Write) {
    use clap_complete::{Shell, generate};
    let shell = match shell {
        CompletionShell::Bash => Shell::Bash,
        CompletionShell::Zsh => Shell::Zsh,
        CompletionShell::Fish => Shell::Fish,
    };
    let mut command = Cli::command();
    generate(shell, &mut command, "connect-triage", out);
}

/// What the generated page cannot know: files, environment, exit codes.
const EXTRA_SECTIONS: &str = r#".SH ENVIRONMENT
.TP
\fBSLACK_TOKEN\fR
The Slack token (or use \fB\-\-token\-file\fR). Never given on the command line.
.TP
\fBSLACK_API_BASE\fR
The Web API base URL, as \fB\-\-api\-base\fR; plain http only to a loopback address.
.TP
\fBNO_COLOR\fR
When set and not empty, the TUI uses no colour at all (the mono theme).
.TP
\fBRUST_LOG\fR
The log file's level when \fB\-\-log\-level\fR is not given.
.SH FILES
.TP
\fI$XDG_CONFIG_HOME/connect\-triage/config.toml\fR
The config file (\fBconnect\-triage config \-\-print\-default\fR prints a documented one).
.TP
\fI$XDG_STATE_HOME/connect\-triage/journal.jsonl\fR
The decision journal (\fBconnect\-triage log\fR shows it).
.TP
\fI$XDG_STATE_HOME/connect\-triage/connect\-triage.log\fR
The log file.
.SH EXIT STATUS
.TP
0
Done.
.TP
1
Slack or the network refused or failed; the message gives Slack's error code.
.TP
2
Usage error: a bad flag or ID, a refused token file, a read\-only session, no confirmation, or cancelled.
"#;

/// The manual page (roff) for `connect-triage` and every subcommand.
pub fn man(out: &mut dyn Write) -> io::Result<()> {
    let command = Cli::command();
    let mut page = Vec::new();
    clap_mangen::Man::new(command.clone()).render(&mut page)?;
    page.extend_from_slice(EXTRA_SECTIONS.as_bytes());
    for sub in command.get_subcommands() {
        subcommand_section(sub, "connect-triage", &mut page)?;
    }
    // roff is ASCII: `…` and `§` become glyph escapes every formatter knows.
    let text = String::from_utf8_lossy(&page);
    let mut ascii = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            ascii.push(c);
        } else {
            ascii.push_str(&format!("\\[u{:04X}]", u32::from(c)));
        }
    }
    out.write_all(ascii.as_bytes())
}

/// One section per subcommand (and per nested one): what it does, its
/// synopsis and options.
fn subcommand_section(sub: &clap::Command, parent: &str, out: &mut dyn Write) -> io::Result<()> {
    let name = format!("{parent} {}", sub.get_name());
    let page = clap_mangen::Man::new(sub.clone().bin_name(name.clone()));
    writeln!(out, ".SH \"{}\"", roff_escape(&name.to_uppercase()))?;
    if let Some(about) = sub.get_about() {
        writeln!(out, "{}", roff_escape(&about.to_string()))?;
    }
    let mut body = Vec::new();
    page.render_synopsis_section(&mut body)?;
    if sub.get_arguments().any(|a| !a.is_hide_set()) {
        page.render_options_section(&mut body)?;
    }
    // Sub-headings inside this subcommand's section.
    let body = String::from_utf8_lossy(&body)
        .replace(".SH SYNOPSIS", ".SS Synopsis")
        .replace(".SH OPTIONS", ".SS Options");
    out.write_all(body.as_bytes())?;
    for nested in sub.get_subcommands() {
        subcommand_section(nested, &name, out)?;
    }
    Ok(())
}

/// Plain text safe in roff: hyphens and backslashes escaped, no line
/// starting with a control character.
fn roff_escape(text: &str) -> String {
    let escaped = text.replace('\\', "\\e").replace('-', "\\-");
    if escaped.starts_with('.') || escaped.starts_with('\'') {
        format!("\\&{escaped}")
    } else {
        escaped
    }
}

/// Write generated text to stdout; a reader that went away (`| head`) is fine.
pub fn write_stdout(text: &[u8]) -> anyhow::Result<()> {
    let mut out = io::stdout().lock();
    match out.write_all(text).and_then(|()| out.flush()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(()),
    }
}

/// `connect-triage config [--print-default]`.
pub fn config(config_path: Option<&std::path::Path>, print_default: bool) -> anyhow::Result<()> {
    if print_default {
        return write_stdout(DEFAULT_TOML.as_bytes());
    }
    let path = config_path
        .map(std::path::Path::to_path_buf)
        .or_else(Config::default_path);
    let (_, warnings) = Config::load(config_path);
    let shown = path
        .as_deref()
        .map_or_else(|| "(none)".to_owned(), |p| p.display().to_string());
    let exists = path.as_deref().is_some_and(std::path::Path::exists);
    if warnings.is_empty() {
        if exists {
            println!("{shown}: OK");
        } else {
            println!("{shown}: not there; every setting has its default");
        }
        return Ok(());
    }
    for warning in &warnings {
        eprintln!("{}", crate::text::sanitize::clean(&warning.to_string()));
    }
    Err(UsageError::new(format!(
        "{} problem(s) in {shown}; those settings use their defaults",
        warnings.len()
    ))
    .into())
}
