//! Slack tokens in text the tool did not write itself (a mistyped command
//! line echoed back by the argument parser): found by their prefixes and
//! hidden before the text is shown.

/// What stands in for a hidden token.
pub const HIDDEN_TOKEN: &str = "[a token, not shown]";

/// Slack's token prefixes: bot, user, app-level, legacy and refresh tokens.
fn token_prefix_at(text: &str, at: usize) -> Option<usize> {
    let rest = &text.as_bytes()[at..];
    if rest.starts_with(b"xapp-") {
        return Some(5);
    }
    match rest {
        // `xoxe.xoxp-…` (a rotating token) starts with a dot.
        [b'x', b'o', b'x', letter, b'-' | b'.', ..] if b"abcdeprs".contains(letter) => Some(5),
        _ => None,
    }
}

fn is_token_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'.'
}

/// `text` with every Slack token in it replaced by [`HIDDEN_TOKEN`], and
/// whether there was one.
pub fn hide_tokens(text: &str) -> (String, bool) {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut found = false;
    let mut at = 0;
    while at < bytes.len() {
        let starts_word = at == 0 || !is_token_byte(bytes[at - 1]);
        match token_prefix_at(text, at).filter(|_| starts_word) {
            Some(prefix) => {
                let end = at
                    + prefix
                    + bytes[at + prefix..]
                        .iter()
                        .take_while(|b| is_token_byte(**b))
                        .count();
                out.push_str(&text[copied..at]);
                out.push_str(HIDDEN_TOKEN);
                copied = end;
                at = end;
                found = true;
            }
            None => at += 1,
        }
    }
    out.push_str(&text[copied..]);
    (out, found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_of_token_is_hidden_and_the_rest_kept() {
        let (text, found) = hide_tokens(
            "error: unrecognized subcommand 'xoxb-12-34-AbC'\n  --token=xoxp-9-9 and xapp-1-A-2 xoxe.xoxp-1-2 ünïcode",
        );
        assert!(found);
        assert_eq!(
            text,
            "error: unrecognized subcommand '[a token, not shown]'\n  \
             --token=[a token, not shown] and [a token, not shown] [a token, not shown] ünïcode"
        );
    }

    #[test]
    fn words_that_only_look_alike_are_left() {
        for text in ["xoxo-gossip", "boxoxb-1", "xox-1", "xoxB-1", "plain words"] {
            let (shown, found) = hide_tokens(text);
            assert_eq!((shown.as_str(), found), (text, false), "{text}");
        }
    }
}
