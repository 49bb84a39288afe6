//! Slack's `ok`/`error` envelope, shared by every method.
//!
//! A body is read twice. The first pass reads only the envelope fields and
//! the paging fields into [`Head`], skipping everything else without
//! allocating; it also checks the whole body is well-formed JSON. So the
//! pager knows the next cursor (and the client whether to retry) before the
//! expensive typed decode, which can then run off the async threads while
//! the next page is already being fetched.

use serde::Deserialize;
use serde::de::DeserializeOwned;

use super::error::{ApiErrorDetail, SlackError};
use super::models::ResponseMetadata;

/// Longest start of a body shown in a decode error, in characters.
pub const SNIPPET_CHARS: usize = 80;

const REDACTED: &str = "…redacted";

/// The envelope and paging fields of an answer.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct Head {
    #[serde(default)]
    ok: Option<bool>,
    #[serde(default)]
    error: Option<String>,
    #[serde(default)]
    needed: Option<String>,
    #[serde(default)]
    provided: Option<String>,
    #[serde(default)]
    arg: Option<String>,
    #[serde(default)]
    warning: Option<String>,
    /// admin.conversations.search's cursor (top level, unlike every other method).
    #[serde(default)]
    pub(crate) next_cursor: Option<String>,
    #[serde(default)]
    pub(crate) total_count: Option<u64>,
    #[serde(default)]
    pub(crate) response_metadata: Option<ResponseMetadata>,
}

impl Head {
    /// `response_metadata.next_cursor`; `""`, `null` and absence all mean "last page".
    pub(crate) fn metadata_cursor(&self) -> Option<&str> {
        self.response_metadata
            .as_ref()
            .and_then(ResponseMetadata::next)
    }

    /// The top-level `next_cursor`, with the same three ways to say "last page".
    pub(crate) fn top_level_cursor(&self) -> Option<&str> {
        self.next_cursor.as_deref().filter(|c| !c.is_empty())
    }
}

/// Decode one Slack answer (HTTP 200 body) into `T`, or the `ok: false` error it carries.
///
/// This is the decoder the client uses; it is public so fixture tests run
/// real sample files through exactly the same path.
pub fn decode<T: DeserializeOwned>(method: &'static str, body: &[u8]) -> Result<T, SlackError> {
    check(method, body)?;
    decode_payload(method, body)
}

/// The first pass: the answer's [`Head`] when it says `ok: true`, else its error.
pub(crate) fn check(method: &'static str, body: &[u8]) -> Result<Head, SlackError> {
    let head: Head = serde_json::from_slice(body).map_err(|e| decode_error(method, &e, body))?;
    match head.ok {
        Some(true) => {
            if let Some(warning) = head.warning.as_deref().filter(|w| !w.is_empty()) {
                tracing::debug!(method, warning, "slack warning");
            }
            Ok(head)
        }
        Some(false) => {
            let metadata = head.response_metadata.unwrap_or_default();
            Err(SlackError::Api {
                method,
                code: head
                    .error
                    .filter(|c| !c.is_empty())
                    .unwrap_or_else(|| "unknown_error".to_owned()),
                detail: ApiErrorDetail {
                    needed: head.needed.filter(|s| !s.is_empty()),
                    provided: head.provided.filter(|s| !s.is_empty()),
                    arg: head.arg.filter(|s| !s.is_empty()),
                    messages: metadata.messages,
                },
            })
        }
        None => Err(SlackError::Decode {
            method,
            message: "the answer has no `ok` field".to_owned(),
            snippet: snippet(body),
        }),
    }
}

/// The second pass: the typed payload of a body [`check`] accepted.
pub(crate) fn decode_payload<T: DeserializeOwned>(
    method: &'static str,
    body: &[u8],
) -> Result<T, SlackError> {
    serde_json::from_slice(body).map_err(|e| decode_error(method, &e, body))
}

fn decode_error(method: &'static str, error: &serde_json::Error, body: &[u8]) -> SlackError {
    SlackError::Decode {
        method,
        message: error.to_string(),
        snippet: snippet(body),
    }
}

/// The start of `body`, at most [`SNIPPET_CHARS`] characters, with control
/// characters (newlines, escape sequences, ...) shown as `�` so an error
/// message can never drive the terminal.
pub fn snippet(body: &[u8]) -> String {
    // Enough bytes for the longest UTF-8 rendering of the snippet.
    let head = &body[..body.len().min(SNIPPET_CHARS * 4)];
    let text = String::from_utf8_lossy(head);
    let mut out: String = text
        .chars()
        .take(SNIPPET_CHARS)
        .map(|c| if is_unsafe_char(c) { '\u{FFFD}' } else { c })
        .collect();
    if text.chars().count() > SNIPPET_CHARS || body.len() > head.len() {
        out.push('…');
    }
    if out.is_empty() {
        out.push_str("(empty body)");
    }
    out
}

fn is_unsafe_char(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}'
            | '\u{061C}' | '\u{FEFF}')
}

/// Remove every occurrence of `secret` from `text`, including a prefix of it
/// cut off at the end (snippets are truncated, tokens are not short).
pub(crate) fn scrub(text: &mut String, secret: &str) {
    if secret.is_empty() {
        return;
    }
    if text.contains(secret) {
        *text = text.replace(secret, REDACTED);
    }
    // A truncated snippet may end in the first part of the token.
    let min_prefix = 8.min(secret.len());
    for len in (min_prefix..secret.len()).rev() {
        if !secret.is_char_boundary(len) {
            continue;
        }
        let prefix = &secret[..len];
        if let Some(stripped) = text.strip_suffix(prefix).map(str::len) {
            text.truncate(stripped);
            text.push_str(REDACTED);
            break;
        }
        let with_ellipsis = format!("{prefix}…");
        if let Some(stripped) = text.strip_suffix(with_ellipsis.as_str()).map(str::len) {
            text.truncate(stripped);
            text.push_str(REDACTED);
            break;
        }
    }
}

/// Scrub `secret` out of every string an error carries.
pub(crate) fn redact(mut error: SlackError, secret: Option<&str>) -> SlackError {
    let Some(secret) = secret else {
        return error;
    };
    match &mut error {
        SlackError::Api { code, detail, .. } => {
            scrub(code, secret);
            for field in [&mut detail.needed, &mut detail.provided, &mut detail.arg]
                .into_iter()
                .flatten()
            {
                scrub(field, secret);
            }
            detail.messages.iter_mut().for_each(|m| scrub(m, secret));
        }
        SlackError::Transport { message, .. }
        | SlackError::Paging {
            problem: message, ..
        } => scrub(message, secret),
        SlackError::Decode {
            message, snippet, ..
        } => {
            scrub(message, secret);
            scrub(snippet, secret);
        }
        SlackError::RateLimited { .. }
        | SlackError::Http { .. }
        | SlackError::ReadOnly { .. }
        | SlackError::TooLarge { .. } => {}
    }
    error
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    #[test]
    fn ok_false_becomes_api_error_with_every_detail() {
        let body = br#"{"ok":false,"error":"missing_scope","needed":"admin.conversations:read",
            "provided":"channels:read","response_metadata":{"messages":["[ERROR] nope"]}}"#;
        let err = decode::<Value>("admin.conversations.search", body).unwrap_err();
        let SlackError::Api { code, detail, .. } = &err else {
            panic!("{err:?}")
        };
        assert_eq!(code, "missing_scope");
        assert_eq!(detail.needed.as_deref(), Some("admin.conversations:read"));
        assert_eq!(detail.provided.as_deref(), Some("channels:read"));
        assert_eq!(detail.messages, vec!["[ERROR] nope".to_owned()]);
        assert!(
            err.to_string()
                .contains("needs scope admin.conversations:read")
        );
    }

    #[test]
    fn missing_argument_keeps_arg() {
        let body = br#"{"ok":false,"error":"missing_argument","arg":"team_id"}"#;
        let err = decode::<Value>("conversations.list", body).unwrap_err();
        assert!(
            matches!(&err, SlackError::Api { detail, .. } if detail.arg.as_deref() == Some("team_id"))
        );
    }

    #[test]
    fn no_ok_field_is_a_decode_error() {
        let err = decode::<Value>("auth.test", br#"{"hello":1}"#).unwrap_err();
        assert!(matches!(err, SlackError::Decode { .. }));
    }

    #[test]
    fn snippet_is_short_and_has_no_control_characters() {
        let mut body = b"{\"ok\":tr\x1b[31m\n\x07".to_vec();
        body.extend(std::iter::repeat_n(b'x', 500));
        let err = decode::<Value>("auth.test", &body).unwrap_err();
        let SlackError::Decode {
            method, snippet, ..
        } = &err
        else {
            panic!("{err:?}")
        };
        assert_eq!(*method, "auth.test");
        assert!(snippet.chars().count() <= SNIPPET_CHARS + 1);
        assert!(!snippet.chars().any(char::is_control), "{snippet:?}");
        assert!(snippet.ends_with('…'));
    }

    #[test]
    fn bidi_and_zero_width_characters_are_replaced() {
        let s = snippet("a\u{202E}b\u{200B}c".as_bytes());
        assert_eq!(s, "a\u{FFFD}b\u{FFFD}c");
    }

    #[test]
    fn scrub_removes_whole_and_truncated_secrets() {
        let secret = "xoxp-1111-2222-abcdefabcdef";
        let mut whole = format!("before {secret} after");
        scrub(&mut whole, secret);
        assert_eq!(whole, "before …redacted after");
        let mut cut = format!("body: {}…", &secret[..15]);
        scrub(&mut cut, secret);
        assert!(!cut.contains("xoxp-1111"), "{cut}");
    }

    #[test]
    fn redaction_hides_the_secret_in_serde_messages() {
        let secret = "xoxp-9999-secret-token";
        let body = format!(r#"{{"ok":true,"n":"{secret}"}}"#);
        #[derive(Deserialize, Debug)]
        #[allow(dead_code)]
        struct N {
            n: u64,
        }
        let err = redact(
            decode::<N>("auth.test", body.as_bytes()).unwrap_err(),
            Some(secret),
        );
        assert!(!format!("{err} {err:?}").contains(secret), "{err:?}");
    }
}
