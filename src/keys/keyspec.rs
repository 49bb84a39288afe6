//! One key with its modifiers, as the keymap stores it and a config file
//! will write it (`a`, `shift+tab`, `ctrl+c`, `alt+enter`).

use std::fmt;
use std::str::FromStr;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// The highest function key a terminal can send.
pub const MAX_FUNCTION_KEY: u8 = 24;

/// Ctrl-C: always the way out, whatever the config says.
pub const CTRL_C: KeySpec = KeySpec::with(KeyCode::Char('c'), KeyModifiers::CONTROL);

/// One key with its modifiers, e.g. `a`, `Tab`, `ctrl+c`, `alt+enter`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct KeySpec {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

impl KeySpec {
    pub const fn plain(code: KeyCode) -> Self {
        KeySpec {
            code,
            modifiers: KeyModifiers::NONE,
        }
    }

    pub const fn char(c: char) -> Self {
        KeySpec::plain(KeyCode::Char(c))
    }

    pub const fn with(code: KeyCode, modifiers: KeyModifiers) -> Self {
        KeySpec { code, modifiers }
    }

    pub fn matches(&self, event: &KeyEvent) -> bool {
        // Terminals disagree on whether `X` or Shift-Tab also carry SHIFT: the
        // character (or BackTab) already says it, so SHIFT is ignored there.
        let ignore_shift = matches!(event.code, KeyCode::Char(_) | KeyCode::BackTab);
        let strip = |m: KeyModifiers| {
            if ignore_shift {
                m - KeyModifiers::SHIFT
            } else {
                m
            }
        };
        self.code == event.code && strip(self.modifiers) == strip(event.modifiers)
    }
}

impl fmt::Display for KeySpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            f.write_str("Ctrl-")?;
        }
        if self.modifiers.contains(KeyModifiers::ALT) {
            f.write_str("Alt-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::BackTab => f.write_str("Shift-Tab"),
            KeyCode::Backspace => f.write_str("Backspace"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::Home => f.write_str("Home"),
            KeyCode::End => f.write_str("End"),
            KeyCode::PageUp => f.write_str("PgUp"),
            KeyCode::PageDown => f.write_str("PgDn"),
            KeyCode::F(n) => write!(f, "F{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

impl FromStr for KeySpec {
    type Err = String;

    /// `a`, `X`, `?`, `enter`, `esc`, `tab`, `shift+tab`, `up`, `pgdn`,
    /// `ctrl+c`, `alt+enter`, `space`, `f1`.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let mut modifiers = KeyModifiers::NONE;
        let mut rest = text.trim();
        loop {
            let lower = rest.to_ascii_lowercase();
            let (prefix, flag) = if lower.starts_with("ctrl+") {
                ("ctrl+", KeyModifiers::CONTROL)
            } else if lower.starts_with("alt+") {
                ("alt+", KeyModifiers::ALT)
            } else if lower.starts_with("shift+") {
                ("shift+", KeyModifiers::SHIFT)
            } else {
                break;
            };
            modifiers |= flag;
            rest = &rest[prefix.len()..];
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => KeyCode::Char(c),
            _ => match rest.to_ascii_lowercase().as_str() {
                "enter" | "return" => KeyCode::Enter,
                "esc" | "escape" => KeyCode::Esc,
                "tab" if modifiers.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
                "tab" => KeyCode::Tab,
                "backtab" => KeyCode::BackTab,
                "backspace" => KeyCode::Backspace,
                "space" => KeyCode::Char(' '),
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                "pgup" | "pageup" => KeyCode::PageUp,
                "pgdn" | "pagedown" => KeyCode::PageDown,
                f if f.starts_with('f') && f[1..].parse::<u8>().is_ok() => {
                    // Terminals send F1 to F24 at most; a higher one (or F0)
                    // could never be pressed, so binding it would trap.
                    match f[1..].parse::<u8>() {
                        Ok(n @ 1..=MAX_FUNCTION_KEY) => KeyCode::F(n),
                        _ => {
                            return Err(format!(
                                "{text:?} is no key a terminal sends: function keys go from f1 to f{MAX_FUNCTION_KEY}"
                            ));
                        }
                    }
                }
                _ => return Err(format!("unknown key {text:?}")),
            },
        };
        if code == KeyCode::BackTab {
            modifiers |= KeyModifiers::SHIFT;
        }
        // A character carries SHIFT in its case: `shift+x` is `X`.
        let code = match code {
            KeyCode::Char(c) if modifiers.contains(KeyModifiers::SHIFT) => {
                modifiers -= KeyModifiers::SHIFT;
                KeyCode::Char(c.to_ascii_uppercase())
            }
            other => other,
        };
        Ok(KeySpec { code, modifiers })
    }
}
