//! `connect-triage emulator`: serve the Slack Connect emulator until killed.

use std::io::Write;
use std::net::SocketAddr;

use crate::cli::{DataArgs, EmulatorArgs};
use crate::emulator::{self, Dataset, EmulatorConfig, FaultSpec, GenerateSpec, RateLimitMode};
use crate::exit::UsageError;

/// What `--data` / `--generate` name (the demo when neither is given).
pub fn config_from_data(data: &DataArgs, now: i64) -> anyhow::Result<EmulatorConfig> {
    if let Some(path) = &data.data {
        let dataset = Dataset::load(path).map_err(|e| UsageError::new(format!("{e:#}")))?;
        return Ok(EmulatorConfig::new(dataset));
    }
    if let Some(spec) = &data.generate {
        let spec: GenerateSpec = spec
            .parse()
            .map_err(|e: String| UsageError::new(format!("--generate: {e}")))?;
        return Ok(EmulatorConfig::generated(spec, data.seed, now));
    }
    if data.org {
        return Ok(EmulatorConfig::new(Dataset::demo_org()));
    }
    Ok(EmulatorConfig::new(Dataset::demo()))
}

fn config_from_args(args: &EmulatorArgs) -> anyhow::Result<(SocketAddr, EmulatorConfig)> {
    let addr: SocketAddr = args.addr.parse().map_err(|_| {
        UsageError::new(format!(
            "--addr {:?}: expected an IP address and port, e.g. 127.0.0.1:0",
            args.addr
        ))
    })?;
    if !addr.ip().is_loopback() {
        // Its tokens are admin tokens, and anyone who can reach it can use them.
        eprintln!(
            "connect-triage emulator: warning: {addr} is not a loopback address, so others on \
             the network can reach this emulator and use its admin tokens; \
             use 127.0.0.1:PORT unless that is what you want"
        );
    }
    let rate_limits: RateLimitMode = args
        .rate_limits
        .parse()
        .map_err(|e: String| UsageError::new(format!("--rate-limits: {e}")))?;
    let faults = args
        .faults
        .as_deref()
        .map(str::parse::<FaultSpec>)
        .transpose()
        .map_err(|e| UsageError::new(format!("--faults: {e}")))?;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    let mut config = config_from_data(&args.data, now)?;
    config.rate_limits = rate_limits;
    config.faults = faults;
    config.seed = args.data.seed;
    config.activity_per_minute = activity_rate(&args.data, 0.0)?;
    Ok((addr, config))
}

/// Most simulated changes a minute `--activity` accepts: ten a second.
const MAX_ACTIVITY: f64 = 600.0;

/// `--activity RATE` (changes per minute), `default` when absent.
pub fn activity_rate(data: &DataArgs, default: f64) -> anyhow::Result<f64> {
    match data.activity {
        None => Ok(default),
        Some(r) if r.is_finite() && (0.0..=MAX_ACTIVITY).contains(&r) => Ok(r),
        Some(r) => Err(UsageError::new(format!(
            "--activity {r}: expected a number of changes per minute from 0 to {MAX_ACTIVITY}"
        ))
        .into()),
    }
}

pub async fn run(args: &EmulatorArgs) -> anyhow::Result<()> {
    let (addr, config) = config_from_args(args)?;
    // Listen for signals before announcing the address: a script may stop
    // us as soon as it has read the banner.
    let termination = Termination::listen()?;
    let running = emulator::start(addr, config).await?;
    {
        let mut banner = format!(
            "connect-triage emulator listening on {}\n",
            running.base_url()
        );
        for t in running.tokens() {
            banner.push_str(&t.banner_line());
            banner.push('\n');
        }
        // After the Web API tokens, so scripts reading those lines see no change.
        banner.push_str(&format!(
            "app-token {} scopes=connections:write\n",
            running.app_token()
        ));
        // One write: a script that stops reading after the token lines has
        // them all already, so the pipe it closes cannot fail a later line.
        let mut out = std::io::stdout().lock();
        out.write_all(banner.as_bytes())?;
        // Scripts wait for these lines before connecting.
        out.flush()?;
    }
    termination.wait().await?;
    running.shutdown().await;
    Ok(())
}

#[cfg(unix)]
struct Termination {
    term: tokio::signal::unix::Signal,
    hup: tokio::signal::unix::Signal,
    int: tokio::signal::unix::Signal,
}

#[cfg(unix)]
impl Termination {
    fn listen() -> anyhow::Result<Termination> {
        use tokio::signal::unix::{SignalKind, signal};
        Ok(Termination {
            term: signal(SignalKind::terminate())?,
            hup: signal(SignalKind::hangup())?,
            int: signal(SignalKind::interrupt())?,
        })
    }

    async fn wait(mut self) -> anyhow::Result<()> {
        tokio::select! {
            _ = self.term.recv() => {}
            _ = self.hup.recv() => {}
            _ = self.int.recv() => {}
        }
        Ok(())
    }
}

#[cfg(not(unix))]
struct Termination;

#[cfg(not(unix))]
impl Termination {
    fn listen() -> anyhow::Result<Termination> {
        Ok(Termination)
    }

    async fn wait(self) -> anyhow::Result<()> {
        tokio::signal::ctrl_c().await?;
        Ok(())
    }
}
