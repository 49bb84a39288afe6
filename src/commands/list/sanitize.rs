//! Untrusted text from Slack made safe for a terminal line.
//!
//! Another org chooses its names and messages, so they may carry escape
//! sequences (colour, cursor moves, window titles, hyperlinks), C0/C1
//! controls, bidi overrides that reorder what is shown, or zero-width
//! characters that make two names look alike. All of them are dropped;
//! line breaks and tabs become spaces so one item stays on one line.

/// `text` with escape sequences, control, bidi and zero-width characters removed.
pub fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => skip_escape(&mut chars),
            // C1 CSI, OSC, DCS, APC, PM, SOS: the one-character forms of ESC [ ] P _ ^ X.
            '\u{9b}' => skip_csi(&mut chars),
            '\u{9d}' | '\u{90}' | '\u{9f}' | '\u{9e}' | '\u{98}' => skip_string(&mut chars),
            '\n' | '\r' | '\t' => out.push(' '),
            c if is_invisible(c) => {}
            c => out.push(c),
        }
    }
    out
}

fn is_invisible(c: char) -> bool {
    c.is_control()
        || matches!(c,
            // zero-width space/joiners, LRM/RLM
            '\u{200B}'..='\u{200F}'
            // LRE, RLE, PDF, LRO, RLO
            | '\u{202A}'..='\u{202E}'
            // word joiner .. invisible operators, LRI, RLI, FSI, PDI
            | '\u{2060}'..='\u{2069}'
            | '\u{061C}' | '\u{FEFF}' | '\u{00AD}' | '\u{180E}')
}

type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

fn skip_escape(chars: &mut Chars<'_>) {
    match chars.next() {
        Some('[') => skip_csi(chars),
        Some(']' | 'P' | '_' | '^' | 'X') => skip_string(chars),
        // Two- and three-character escapes (ESC c, ESC ( B, ...).
        Some('(' | ')' | '*' | '+' | '#' | '%') => {
            chars.next();
        }
        _ => {}
    }
}

/// CSI: parameter and intermediate bytes up to one final byte in `@`..=`~`.
fn skip_csi(chars: &mut Chars<'_>) {
    for c in chars.by_ref() {
        if ('@'..='~').contains(&c) {
            return;
        }
        if !(' '..='?').contains(&c) {
            // Not a well-formed CSI; whatever follows is shown (and cleaned) as text.
            return;
        }
    }
}

/// OSC/DCS/...: anything up to BEL, ST (ESC \) or C1 ST.
fn skip_string(chars: &mut Chars<'_>) {
    while let Some(c) = chars.next() {
        match c {
            '\u{7}' | '\u{9c}' => return,
            '\u{1b}' => {
                if chars.peek() == Some(&'\\') {
                    chars.next();
                }
                return;
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::clean;

    #[test]
    fn plain_text_is_kept() {
        assert_eq!(
            clean("Acme Corp — ünïcode 日本"),
            "Acme Corp — ünïcode 日本"
        );
    }

    #[test]
    fn escape_sequences_are_removed_whole() {
        assert_eq!(clean("a\u{1b}[31;1mred\u{1b}[0m"), "ared");
        assert_eq!(clean("\u{1b}]0;owned\u{7}title"), "title");
        assert_eq!(
            clean("\u{1b}]8;;http://evil\u{1b}\\link\u{1b}]8;;\u{1b}\\"),
            "link"
        );
        assert_eq!(clean("x\u{9b}2Jy"), "xy");
        assert_eq!(clean("x\u{1b}(By"), "xy");
    }

    #[test]
    fn controls_bidi_and_zero_width_are_dropped() {
        assert_eq!(clean("a\u{7}b\u{8}c\u{0}d"), "abcd");
        assert_eq!(clean("evil\u{202E}gpj.exe"), "evilgpj.exe");
        assert_eq!(clean("sl\u{200B}ack\u{2066}x\u{2069}"), "slackx");
        assert_eq!(clean("line\nbreak\ttab"), "line break tab");
    }
}
