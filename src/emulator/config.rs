//! Command-line specs of the emulator (`--rate-limits`, `--faults`,
//! `--generate`) and the configuration `start` takes.

use std::fmt;
use std::str::FromStr;
use std::time::Duration;

use super::dataset::Dataset;

/// `--rate-limits off|real|scaled:N`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RateLimitMode {
    Off,
    /// The documented per-minute tier budgets.
    Real,
    /// The same budgets in a window N times shorter than a minute.
    Scaled(u32),
}

impl FromStr for RateLimitMode {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        match s.to_ascii_lowercase().as_str() {
            "off" => Ok(RateLimitMode::Off),
            "real" => Ok(RateLimitMode::Real),
            other => {
                let n = other.strip_prefix("scaled:").ok_or_else(|| {
                    format!("invalid rate-limit mode {s:?}: expected off, real or scaled:N")
                })?;
                match n.parse::<u32>() {
                    Ok(n) if n >= 1 => Ok(RateLimitMode::Scaled(n)),
                    _ => Err(format!(
                        "invalid rate-limit mode {s:?}: N in scaled:N must be a whole number of at least 1"
                    )),
                }
            }
        }
    }
}

impl fmt::Display for RateLimitMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RateLimitMode::Off => f.write_str("off"),
            RateLimitMode::Real => f.write_str("real"),
            RateLimitMode::Scaled(n) => write!(f, "scaled:{n}"),
        }
    }
}

/// One way an injected fault makes a request fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FaultKind {
    /// HTTP 500, the call is not applied.
    Http500,
    /// HTTP 429 with `Retry-After`, not applied.
    RateLimited,
    /// The call IS applied, then the answer stalls longer than a client waits.
    Timeout,
    /// The connection is closed without an answer; not applied.
    Reset,
    /// A truncated JSON body; a write is not applied.
    Malformed,
}

impl FaultKind {
    pub const ALL: [FaultKind; 5] = [
        FaultKind::Http500,
        FaultKind::RateLimited,
        FaultKind::Timeout,
        FaultKind::Reset,
        FaultKind::Malformed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            FaultKind::Http500 => "500",
            FaultKind::RateLimited => "429",
            FaultKind::Timeout => "timeout",
            FaultKind::Reset => "reset",
            FaultKind::Malformed => "malformed",
        }
    }
}

impl FromStr for FaultKind {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        FaultKind::ALL
            .into_iter()
            .find(|k| k.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| {
                format!("unknown fault kind {s:?}: expected 500, 429, timeout, reset or malformed")
            })
    }
}

impl fmt::Display for FaultKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// `--faults rate=0.2,kinds=500+429+timeout+reset+malformed`.
#[derive(Debug, Clone, PartialEq)]
pub struct FaultSpec {
    /// Share of requests that fail, 0.0 to 1.0.
    pub rate: f64,
    /// The kinds a failing request picks from (evenly); never empty.
    pub kinds: Vec<FaultKind>,
}

impl FromStr for FaultSpec {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let mut rate = None;
        let mut kinds = None;
        for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (key, value) = part
                .split_once('=')
                .ok_or_else(|| format!("invalid fault spec part {part:?}: expected key=value"))?;
            match key.trim() {
                "rate" => {
                    let r: f64 = value
                        .trim()
                        .parse()
                        .map_err(|_| format!("invalid fault rate {value:?}"))?;
                    if !(0.0..=1.0).contains(&r) {
                        return Err(format!("fault rate {r} must be between 0 and 1"));
                    }
                    rate = Some(r);
                }
                "kinds" => {
                    let list = value
                        .split('+')
                        .map(str::parse)
                        .collect::<Result<Vec<FaultKind>, _>>()?;
                    kinds = Some(list);
                }
                other => {
                    return Err(format!(
                        "unknown fault spec key {other:?}: expected rate or kinds"
                    ));
                }
            }
        }
        let rate = rate.ok_or_else(|| "fault spec needs rate=R".to_owned())?;
        let mut kinds = kinds.unwrap_or_else(|| FaultKind::ALL.to_vec());
        kinds.dedup();
        if kinds.is_empty() {
            return Err("fault spec kinds must name at least one kind".into());
        }
        Ok(FaultSpec { rate, kinds })
    }
}

/// Most of each kind `--generate` makes: ten times the largest data set we
/// benchmark, and far below the count whose allocation would abort.
pub const MAX_GENERATED: usize = 1_000_000;
/// Most workspaces `--generate` makes (Slack's biggest Grid orgs have a few hundred).
pub const MAX_WORKSPACES: usize = 1000;

/// `--generate invites=N,requests=N,teams=N,channels=N,workspaces=N` (any subset; a missing key is 0).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct GenerateSpec {
    pub invites: usize,
    pub requests: usize,
    pub teams: usize,
    pub channels: usize,
    /// Workspaces of ours (an Enterprise org when more than one); 0 and 1 are one.
    pub workspaces: usize,
}

impl FromStr for GenerateSpec {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let mut spec = GenerateSpec::default();
        let mut any = false;
        for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (key, value) = part
                .split_once('=')
                .ok_or_else(|| format!("invalid generate spec part {part:?}: expected key=N"))?;
            let n: usize = value
                .trim()
                .replace('_', "")
                .parse()
                .map_err(|_| format!("invalid count {value:?} for {key}"))?;
            let slot = match key.trim() {
                "invites" => &mut spec.invites,
                "requests" => &mut spec.requests,
                "teams" => &mut spec.teams,
                "channels" => &mut spec.channels,
                "workspaces" => &mut spec.workspaces,
                other => {
                    return Err(format!(
                        "unknown generate key {other:?}: expected invites, requests, teams, channels or workspaces"
                    ));
                }
            };
            if key.trim() == "workspaces" && n > MAX_WORKSPACES {
                return Err(format!(
                    "workspaces={n} is more than the emulator makes: at most {MAX_WORKSPACES}"
                ));
            }
            if n > MAX_GENERATED {
                return Err(format!(
                    "{}={n} is more than the emulator makes: at most {MAX_GENERATED} of each",
                    key.trim()
                ));
            }
            *slot = n;
            any = true;
        }
        if !any {
            return Err(
                "generate spec is empty: expected invites=N,requests=N,teams=N,channels=N,workspaces=N".into(),
            );
        }
        Ok(spec)
    }
}

/// Socket Mode timings (tests shorten them).
#[derive(Debug, Clone, PartialEq)]
pub struct SocketOptions {
    /// An envelope not acked this long after it went out is redelivered
    /// (Slack: about 3 s), at most three times.
    pub ack_timeout: Duration,
    /// The emulator pings each socket this often.
    pub ping_every: Duration,
    /// `refresh_requested` / `too_many_websockets`: the socket closes this long after the message.
    pub refresh_close_after: Duration,
    /// `warning`: the socket closes this long after the message (Slack: about 10 s).
    pub warning_close_after: Duration,
}

impl Default for SocketOptions {
    fn default() -> Self {
        SocketOptions {
            ack_timeout: Duration::from_secs(3),
            ping_every: Duration::from_secs(10),
            refresh_close_after: Duration::from_secs(1),
            warning_close_after: Duration::from_secs(10),
        }
    }
}

/// An org to generate as the emulator starts (`--generate`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Generated {
    pub spec: GenerateSpec,
    pub seed: u64,
    /// What every generated date is relative to (unix seconds).
    pub now: i64,
}

/// Everything `start` needs.
#[derive(Debug, Clone)]
pub struct EmulatorConfig {
    /// The org served, unless `generated` is set.
    pub dataset: Dataset,
    /// When set, the org served is this one, taken in as it is made:
    /// `dataset` is not read.
    pub generated: Option<Generated>,
    pub rate_limits: RateLimitMode,
    pub faults: Option<FaultSpec>,
    pub seed: u64,
    /// Fixed "now" (unix seconds) for tests; None = the real clock.
    pub fixed_now: Option<i64>,
    /// How long a `timeout` fault stalls before answering (tests use short values).
    pub timeout_stall: Duration,
    pub socket: SocketOptions,
    /// Simulated changes by the outside world per minute (`--activity`); 0 is none.
    pub activity_per_minute: f64,
}

impl EmulatorConfig {
    pub fn new(dataset: Dataset) -> Self {
        EmulatorConfig {
            dataset,
            generated: None,
            rate_limits: RateLimitMode::Off,
            faults: None,
            seed: 1,
            fixed_now: None,
            timeout_stall: Duration::from_secs(35),
            socket: SocketOptions::default(),
            activity_per_minute: 0.0,
        }
    }

    /// Serves the org `Dataset::generate(&spec, seed, now)` gives, with the
    /// same answers, but without that wire data set ever existing whole:
    /// for 100,000 invites it is several times the emulator's own state.
    pub fn generated(spec: GenerateSpec, seed: u64, now: i64) -> Self {
        let mut config = if spec.workspaces > 1 {
            // An Enterprise org's items are made for its workspaces in turn
            // but taken in one workspace after another, and that order
            // decides which copy of a user is kept: only the whole data set
            // gives the same answers.
            EmulatorConfig::new(Dataset::generate(&spec, seed, now))
        } else {
            EmulatorConfig {
                generated: Some(Generated { spec, seed, now }),
                ..EmulatorConfig::new(Dataset::default())
            }
        };
        config.seed = seed;
        config
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specs_parse_and_reject() {
        assert_eq!("off".parse(), Ok(RateLimitMode::Off));
        assert_eq!("scaled:60".parse(), Ok(RateLimitMode::Scaled(60)));
        assert!("scaled:0".parse::<RateLimitMode>().is_err());
        assert!("fast".parse::<RateLimitMode>().is_err());
        let f: FaultSpec = "rate=0.2,kinds=500+timeout".parse().unwrap();
        assert_eq!(f.kinds, vec![FaultKind::Http500, FaultKind::Timeout]);
        assert!("rate=2".parse::<FaultSpec>().is_err());
        assert!("rate=0.1,kinds=boom".parse::<FaultSpec>().is_err());
        let g: GenerateSpec = "invites=100000,teams=5".parse().unwrap();
        assert_eq!((g.invites, g.teams, g.requests), (100_000, 5, 0));
        assert!("people=3".parse::<GenerateSpec>().is_err());
        assert!("".parse::<GenerateSpec>().is_err());
    }
}
