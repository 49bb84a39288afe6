//! The API token, kept out of every `Debug`, `Display` and error message.

use std::fmt;

/// A Slack token. Its `Debug` and `Display` never show the secret; read it
/// only through [`Token::expose`] at the one place that builds the header.
#[derive(Clone, PartialEq, Eq)]
pub struct Token(String);

impl Token {
    pub fn new(secret: impl Into<String>) -> Self {
        Token(secret.into().trim().to_owned())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }

    /// `xoxp`, `xoxb`, ... — safe to show, tells the kind of token.
    pub fn kind(&self) -> &str {
        self.0.split('-').next().unwrap_or("")
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Token({}-…redacted)", self.kind())
    }
}

impl fmt::Display for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-…redacted", self.kind())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_and_display_redact_the_secret() {
        let t = Token::new("xoxp-1234-secret-value");
        assert!(!format!("{t:?}").contains("secret"));
        assert!(!format!("{t}").contains("secret"));
        assert_eq!(t.kind(), "xoxp");
    }
}
