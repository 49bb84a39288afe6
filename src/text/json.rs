//! JSON for scripts that may end up on a terminal: exact data, with every
//! character that draws nothing or reorders text (bidi controls, zero-width
//! characters, C1 controls) written as a `\uXXXX` escape, never raw. Any
//! JSON reader decodes the escapes to the very same string.

use std::io;

use serde::Serialize;
use serde_json::ser::{CharEscape, CompactFormatter, Formatter, Serializer};

use crate::text::sanitize::is_invisible;

/// Whether a character is written as an escape (serde_json already escapes
/// the C0 controls, quotes and backslashes).
fn needs_escape(c: char) -> bool {
    is_invisible(c) || ('\u{7F}'..='\u{9F}').contains(&c)
}

/// serde_json's compact output, escaping what [`needs_escape`] says.
struct EscapingFormatter;

impl Formatter for EscapingFormatter {
    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut start = 0;
        for (at, c) in fragment.char_indices() {
            if !needs_escape(c) {
                continue;
            }
            writer.write_all(&fragment.as_bytes()[start..at])?;
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                write!(writer, "\\u{unit:04x}")?;
            }
            start = at + c.len_utf8();
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }

    fn write_char_escape<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        escape: CharEscape,
    ) -> io::Result<()> {
        CompactFormatter.write_char_escape(writer, escape)
    }
}

/// `value` as one line of JSON, with no invisible character left raw.
pub fn to_line<T: Serialize + ?Sized>(value: &T) -> serde_json::Result<String> {
    let mut out = Vec::new();
    value.serialize(&mut Serializer::with_formatter(&mut out, EscapingFormatter))?;
    Ok(String::from_utf8(out).expect("serde_json writes UTF-8"))
}

/// JSON text received from elsewhere, made safe the way [`to_line`] makes
/// its own: each character [`needs_escape`] says is written as an escape,
/// and a line break between tokens (a pretty-printed answer) becomes a
/// space, so it stays one line. Valid JSON holds non-ASCII characters and
/// raw line breaks only where that changes no data: inside strings for the
/// former, between tokens for the latter. Text with neither comes back as
/// it is, without a copy, which is nearly every element Slack sends.
pub fn raw_line(json: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    if !json.iter().any(|&b| b >= 0x7F || b == b'\n' || b == b'\r') {
        return std::borrow::Cow::Borrowed(json);
    }
    let text = String::from_utf8_lossy(json);
    let mut out = Vec::with_capacity(json.len() + 16);
    for c in text.chars() {
        match c {
            '\n' | '\r' => out.push(b' '),
            c if needs_escape(c) => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    out.extend_from_slice(format!("\\u{unit:04x}").as_bytes());
                }
            }
            c => out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes()),
        }
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn received_json_is_escaped_like_our_own_and_kept_on_one_line() {
        let hostile = "Acme\u{202E}moc.evil\u{200B} \u{E0041}\u{85} é \u{7f}";
        let received = format!("{{\n  \"name\": \"{hostile}\",\r\n  \"new\": [1]\n}}");
        let line = raw_line(received.as_bytes()).into_owned();
        let line = String::from_utf8(line).unwrap();
        assert!(!line.contains('\n') && !line.contains('\r'), "{line}");
        assert!(
            line.contains(r"Acme\u202emoc.evil\u200b \udb40\udc41\u0085 é \u007f"),
            "{line}"
        );
        let back: serde_json::Value = serde_json::from_str(&line).unwrap();
        assert_eq!(back["name"], hostile);
        assert_eq!(back["new"][0], 1);
    }

    #[test]
    fn plain_json_is_not_copied() {
        let json = br#"{"id":"I1","name":"Acme \u00e9"}"#;
        assert!(matches!(raw_line(json), std::borrow::Cow::Borrowed(_)));
    }

    #[test]
    fn invisible_characters_are_escaped_and_decode_to_the_same_text() {
        let hostile = "Acme\u{202E}moc.evil\u{200B} \u{E0041}\u{85} é \u{1b}[2J\"";
        let line = to_line(&serde_json::json!({ "name": hostile })).unwrap();
        assert_eq!(
            line,
            r#"{"name":"Acme\u202emoc.evil\u200b \udb40\udc41\u0085 é \u001b[2J\""}"#
        );
        let back: serde_json::Value = serde_json::from_str(&line).unwrap();
        assert_eq!(back["name"], hostile);
    }
}
