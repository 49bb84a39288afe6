//! `--pace real|scaled:N|off`: how the client paces its calls to Slack's
//! rate tiers. The words are the emulator's `--rate-limits`, so a client
//! and an emulator started with the same word agree on every window.

use std::fmt;
use std::str::FromStr;

/// How calls are paced. Only `Real` may talk to Slack itself: the others
/// are for a local emulator (benchmarks, demos), and the connection code
/// refuses them for any API base that is not a loopback address.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Pace {
    /// Each method's documented per-minute tier budget.
    #[default]
    Real,
    /// The same budgets in a window N times shorter than a minute, to match
    /// an emulator run with `--rate-limits scaled:N`.
    Scaled(u32),
    /// No pacing at all. A 429 and its Retry-After are still honoured.
    Off,
}

impl Pace {
    /// Whether this pace would break Slack's rules against real Slack.
    pub fn needs_loopback(self) -> bool {
        self != Pace::Real
    }
}

impl FromStr for Pace {
    type Err = String;

    fn from_str(text: &str) -> Result<Pace, String> {
        let word = text.trim().to_ascii_lowercase();
        match word.as_str() {
            "real" => return Ok(Pace::Real),
            "off" => return Ok(Pace::Off),
            _ => {}
        }
        let Some(n) = word.strip_prefix("scaled:") else {
            return Err(format!(
                "{text:?} is not a pace: expected real, scaled:N or off"
            ));
        };
        match n.trim().parse::<u32>() {
            Ok(n) if n >= 1 => Ok(Pace::Scaled(n)),
            _ => Err(format!(
                "{text:?}: N in scaled:N is how many times shorter the rate windows are, \
                 a whole number of at least 1"
            )),
        }
    }
}

impl fmt::Display for Pace {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Pace::Real => f.write_str("real"),
            Pace::Scaled(n) => write!(f, "scaled:{n}"),
            Pace::Off => f.write_str("off"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_parses_and_prints_back() {
        for (text, pace) in [
            ("real", Pace::Real),
            ("off", Pace::Off),
            ("scaled:1", Pace::Scaled(1)),
            ("scaled:60", Pace::Scaled(60)),
            (" Scaled:7 ", Pace::Scaled(7)),
            ("OFF", Pace::Off),
        ] {
            assert_eq!(text.parse::<Pace>(), Ok(pace), "{text}");
            assert_eq!(pace.to_string().parse::<Pace>(), Ok(pace));
        }
    }

    #[test]
    fn anything_else_is_refused_in_plain_words() {
        for text in [
            "",
            "fast",
            "scaled",
            "scaled:",
            "scaled:0",
            "scaled:-3",
            "scaled:x",
            "2",
        ] {
            let error = text.parse::<Pace>().unwrap_err();
            assert!(
                error.contains("scaled:N"),
                "{text:?} gave {error:?}, which does not say what is expected"
            );
        }
    }

    #[test]
    fn only_real_may_reach_slack() {
        assert!(!Pace::Real.needs_loopback());
        assert!(Pace::Off.needs_loopback());
        assert!(Pace::Scaled(60).needs_loopback());
    }
}
