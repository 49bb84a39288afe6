//! The ONE gate every remote string passes before it reaches a `Span`.
//!
//! Text from Slack is chosen by other orgs. Control characters and escape
//! sequences could retitle the terminal or write the clipboard; bidi
//! overrides could make `moc.emca` read as `acme.com`; zero-width characters
//! could hide a difference between two names; wide characters could push
//! columns out of line. [`sanitize`] turns all of these into visible
//! placeholders and fits the result into a display width.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Shown in place of any invisible, bidi or C1 control character.
pub const PLACEHOLDER: char = '\u{FFFD}';
/// Appended when text was cut to fit.
pub const ELLIPSIS: char = '…';
/// More combining marks than this on one character are dropped (they stack
/// upwards and downwards over neighbouring lines).
const MAX_COMBINING: usize = 2;

/// Characters that draw nothing or reorder text: bidi controls, zero-width
/// characters, format characters, fillers that look blank.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'              // soft hyphen
        | '\u{034F}'            // combining grapheme joiner
        | '\u{061C}'            // Arabic letter mark
        | '\u{115F}' | '\u{1160}' // Hangul fillers
        | '\u{17B4}' | '\u{17B5}'
        | '\u{180B}'..='\u{180F}'
        | '\u{200B}'..='\u{200F}' // zero-width space/joiners, LRM, RLM
        | '\u{2028}' | '\u{2029}' // line and paragraph separators
        | '\u{202A}'..='\u{202E}' // bidi embeddings and overrides
        | '\u{2060}'..='\u{206F}' // word joiner, invisible operators, bidi isolates
        | '\u{2800}'            // braille blank, often used as a fake empty name
        | '\u{3164}' | '\u{FFA0}' // Hangul fillers
        | '\u{FE00}'..='\u{FE0D}' // variation selectors (FE0E/FE0F handled apart)
        | '\u{FEFF}'            // BOM / zero-width no-break space
        | '\u{FFF9}'..='\u{FFFB}' // interlinear annotations
        | '\u{1BCA0}'..='\u{1BCA3}'
        | '\u{1D173}'..='\u{1D17A}'
        | '\u{E0000}'..='\u{E007F}' // tag characters
        | '\u{E0100}'..='\u{E01EF}' // variation selectors supplement
    )
}

/// Spaces that are not U+0020 but look like it: shown as a plain space.
fn is_odd_space(c: char) -> bool {
    matches!(
        c,
        '\u{00A0}' | '\u{1680}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}'
    )
}

/// A C0 control as its Unicode "control picture" (␛ for ESC, ␊ for LF).
fn control_picture(c: char) -> char {
    match c {
        '\u{7F}' => '\u{2421}',
        c if (c as u32) < 0x20 => char::from_u32(0x2400 + c as u32).unwrap_or(PLACEHOLDER),
        _ => PLACEHOLDER,
    }
}

/// Make `text` safe to draw and at most `max_width` columns wide.
///
/// Every remote string goes through here. C0 controls become control
/// pictures, C1 controls and invisible/bidi characters become
/// [`PLACEHOLDER`], odd spaces become spaces, and text wider than
/// `max_width` is cut at a character boundary with an ellipsis (never
/// through a wide character). The result's width is `<= max_width`.
pub fn sanitize(text: &str, max_width: usize) -> String {
    let mut out = String::with_capacity(text.len().min(max_width.saturating_mul(4)));
    let mut width = 0usize;
    let mut combining = 0usize;
    // Length of `out` at the last point where an ellipsis would still fit after it.
    let mut fits_with_ellipsis = 0usize;
    let room_for_ellipsis = max_width.saturating_sub(1);
    for c in text.chars() {
        let shown = if c.is_control() {
            if ('\u{80}'..='\u{9F}').contains(&c) {
                PLACEHOLDER
            } else {
                control_picture(c)
            }
        } else if c == '\u{FE0E}' || c == '\u{FE0F}' {
            // Emoji presentation selectors only change how the previous
            // character looks, but some terminals then draw it two columns
            // wide while we count one: drop them.
            continue;
        } else if is_invisible(c) {
            PLACEHOLDER
        } else if is_odd_space(c) {
            ' '
        } else {
            c
        };
        let mut char_width = shown.width().unwrap_or(1);
        let mut shown = shown;
        if char_width == 0 {
            if out.is_empty() {
                // A combining mark with nothing to combine with.
                shown = PLACEHOLDER;
                char_width = 1;
            } else {
                // It belongs to the previous character; a tall stack of them
                // would draw over other lines, so only a few are kept.
                combining += 1;
                if combining <= MAX_COMBINING {
                    out.push(shown);
                    if width <= room_for_ellipsis {
                        fits_with_ellipsis = out.len();
                    }
                }
                continue;
            }
        }
        combining = 0;
        if width + char_width > max_width {
            out.truncate(fits_with_ellipsis);
            if max_width > 0 {
                out.push(ELLIPSIS);
            }
            return out;
        }
        out.push(shown);
        width += char_width;
        if width <= room_for_ellipsis {
            fits_with_ellipsis = out.len();
        }
    }
    out
}

/// Widest line of a message printed for a person: remote text in an error
/// (Slack's own words, say) is cut there.
pub const MAX_MESSAGE_LINE: usize = 1000;

/// A message of one or more lines, made safe to print on a terminal: each
/// line sanitized and cut at [`MAX_MESSAGE_LINE`] columns.
pub fn message_lines(text: &str) -> String {
    text.lines()
        .map(|line| sanitize(line, MAX_MESSAGE_LINE))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Sanitize without a width limit (the caller wraps or cuts later).
pub fn clean(text: &str) -> String {
    sanitize(text, usize::MAX)
}

/// Display width of text that has already been sanitized.
pub fn width(text: &str) -> usize {
    text.width()
}

/// Sanitize, fit, and pad with spaces to exactly `cells` columns.
pub fn fit(text: &str, cells: usize) -> String {
    let mut out = sanitize(text, cells);
    let w = out.width();
    out.extend(std::iter::repeat_n(' ', cells.saturating_sub(w)));
    out
}

/// Sanitize `text` and wrap it at word boundaries to `width` columns;
/// words longer than a line are broken, and leading spaces indent every
/// line of the result.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let text = clean(text);
    let indent = text.len() - text.trim_start_matches(' ').len();
    if indent > 0 && indent < width {
        let pad = " ".repeat(indent);
        return wrap(&text[indent..], width - indent)
            .into_iter()
            .map(|line| format!("{pad}{line}"))
            .collect();
    }
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut line_width = 0;
    for word in text.split(' ') {
        let word_width: usize = word.chars().map(|c| c.width().unwrap_or(0)).sum();
        let gap = usize::from(!line.is_empty());
        if line_width + gap + word_width <= width {
            if gap == 1 {
                line.push(' ');
            }
            line.push_str(word);
            line_width += gap + word_width;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
            line_width = 0;
        }
        for c in word.chars() {
            let w = c.width().unwrap_or(0);
            if line_width + w > width {
                lines.push(std::mem::take(&mut line));
                line_width = 0;
            }
            line.push(c);
            line_width += w;
        }
    }
    lines.push(line);
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_never_survive() {
        let hostile = "Acme\x1b]0;pwned\x07\x1b[2J\u{9b}31m";
        let safe = clean(hostile);
        assert!(!safe.chars().any(|c| c.is_control()), "{safe:?}");
        assert_eq!(safe, "Acme␛]0;pwned␇␛[2J\u{FFFD}31m");
    }

    #[test]
    fn bidi_and_zero_width_characters_become_visible() {
        assert_eq!(clean("moc.\u{202E}emca"), "moc.\u{FFFD}emca");
        assert_eq!(clean("a\u{2066}b\u{2069}"), "a\u{FFFD}b\u{FFFD}");
        assert_eq!(clean("pay\u{200B}pal"), "pay\u{FFFD}pal");
        assert_eq!(clean("\u{FEFF}x\u{E0041}"), "\u{FFFD}x\u{FFFD}");
        assert_eq!(clean("a\u{00A0}b"), "a b");
        assert_eq!(clean("line\nbreak\ttab"), "line␊break␉tab");
    }

    #[test]
    fn long_text_is_cut_with_an_ellipsis_inside_the_width() {
        assert_eq!(sanitize("abcdef", 4), "abc…");
        assert_eq!(sanitize("abcd", 4), "abcd");
        assert_eq!(sanitize("abcd", 0), "");
        assert_eq!(sanitize("abcd", 1), "…");
    }

    #[test]
    fn wide_characters_are_never_cut_in_half() {
        // Each ideograph is two columns wide.
        let cut = sanitize("日本語テキスト", 5);
        assert_eq!(cut, "日本…");
        assert_eq!(width(&cut), 5);
        let cut = sanitize("日本語テキスト", 6);
        assert_eq!(width(&cut), 5, "{cut}");
        assert_eq!(fit("日本語", 7).width(), 7);
        assert_eq!(fit("日本語テ", 7), "日本語…");
    }

    #[test]
    fn combining_marks_stay_attached_and_stacks_are_capped() {
        assert_eq!(clean("e\u{301}"), "e\u{301}");
        assert_eq!(width(&clean("e\u{301}")), 1);
        let zalgo = format!("a{}", "\u{300}".repeat(30));
        assert_eq!(clean(&zalgo).chars().count(), 1 + MAX_COMBINING);
        assert_eq!(clean("\u{301}x"), "\u{FFFD}x");
        assert_eq!(clean("☕\u{FE0F}"), "☕");
    }

    #[test]
    fn wraps_at_words_and_breaks_long_words() {
        assert_eq!(wrap("aa bb cc", 5), ["aa bb", "cc"]);
        assert_eq!(wrap("abcdefgh", 3), ["abc", "def", "gh"]);
        assert_eq!(wrap("x\u{1b}y", 10), ["x␛y"]);
        assert_eq!(wrap("", 4), [""]);
        assert_eq!(wrap("  │ aa bb", 7), ["  │ aa", "  bb"]);
    }

    #[test]
    fn output_width_never_exceeds_the_limit() {
        let samples = [
            "",
            "a",
            "日本語",
            "e\u{301}e\u{301}e\u{301}",
            "\x1b[31mred",
            "ab日cd本",
        ];
        for sample in samples {
            for max in 0..10 {
                let out = sanitize(sample, max);
                assert!(width(&out) <= max, "{sample:?} at {max}: {out:?}");
                assert!(!out.chars().any(|c| c.is_control()));
            }
        }
    }
}
