//! The one place the system clock is read; tests fix it instead.

/// Where "now" comes from: the system clock, or a fixed instant for tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clock {
    System,
    Fixed(i64),
}

impl Clock {
    pub fn now(self) -> i64 {
        match self {
            Clock::Fixed(now) => now,
            Clock::System => std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_secs() as i64)
                .unwrap_or(0),
        }
    }

    /// Milliseconds: the undo window's countdown.
    pub fn now_ms(self) -> i64 {
        match self {
            Clock::Fixed(now) => now.saturating_mul(1000),
            Clock::System => std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_millis() as i64)
                .unwrap_or(0),
        }
    }
}
