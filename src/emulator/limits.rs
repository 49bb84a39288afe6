//! Rate tiers: a sliding window per (method, token, workspace).

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use super::config::RateLimitMode;

pub(crate) struct RateLimiter {
    window: Option<Duration>,
    calls: Mutex<HashMap<(String, String, String), VecDeque<Instant>>>,
}

impl RateLimiter {
    pub fn new(mode: RateLimitMode) -> RateLimiter {
        let window = match mode {
            RateLimitMode::Off => None,
            RateLimitMode::Real => Some(Duration::from_secs(60)),
            RateLimitMode::Scaled(n) => Some(Duration::from_secs(60) / n.max(1)),
        };
        RateLimiter {
            window,
            calls: Mutex::new(HashMap::new()),
        }
    }

    /// Records the call when within `budget`; otherwise the whole seconds
    /// (at least 1) until the oldest call leaves the window. A refused call
    /// is not recorded, so it does not consume budget.
    pub fn check(
        &self,
        method: &str,
        token: &str,
        workspace: &str,
        budget: usize,
    ) -> Result<(), u64> {
        let Some(window) = self.window else {
            return Ok(());
        };
        let now = Instant::now();
        let mut calls = self.calls.lock().unwrap_or_else(|e| e.into_inner());
        let entry = calls
            .entry((method.to_owned(), token.to_owned(), workspace.to_owned()))
            .or_default();
        while entry
            .front()
            .is_some_and(|t| now.duration_since(*t) >= window)
        {
            entry.pop_front();
        }
        if entry.len() < budget.max(1) {
            entry.push_back(now);
            return Ok(());
        }
        let oldest = entry.front().copied().unwrap_or(now);
        let wait = (oldest + window).saturating_duration_since(now);
        Err(wait.as_secs_f64().ceil().max(1.0) as u64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn budget_per_method_and_token() {
        let l = RateLimiter::new(RateLimitMode::Scaled(60));
        assert!(l.check("m", "a", "", 2).is_ok());
        assert!(l.check("m", "a", "", 2).is_ok());
        assert_eq!(l.check("m", "a", "", 2), Err(1));
        assert!(l.check("m", "b", "", 2).is_ok());
        assert!(l.check("n", "a", "", 2).is_ok());
        // Each workspace of an org has its own budget.
        assert!(l.check("m", "a", "T2", 2).is_ok());
        let off = RateLimiter::new(RateLimitMode::Off);
        for _ in 0..100 {
            assert!(off.check("m", "a", "", 1).is_ok());
        }
    }
}
