//! A list's elements exactly as Slack sent them: every field, the ones we
//! do not model included, as byte ranges of the answer they came in. Found
//! in one pass over the answer that builds nothing but the ranges, so a
//! `list --json` passes Slack's elements on at the speed of the network.

use std::fmt;
use std::ops::Range;

use bytes::Bytes;
use serde::de::{self, DeserializeOwned, DeserializeSeed, IgnoredAny, MapAccess, Visitor};
use serde_json::value::RawValue;

use super::error::SlackError;

/// One element of a list, as received.
#[derive(Clone, PartialEq, Eq)]
pub struct RawElement {
    /// The whole answer, shared by every element of its page.
    body: Bytes,
    range: Range<usize>,
}

impl RawElement {
    /// The element's JSON text, byte for byte as Slack sent it.
    pub fn json(&self) -> &[u8] {
        &self.body[self.range.clone()]
    }

    /// The element read into one of our models.
    pub fn parse<T: DeserializeOwned>(&self) -> serde_json::Result<T> {
        serde_json::from_slice(self.json())
    }

    /// Whether the element is a JSON object, as every list element must be.
    pub fn is_object(&self) -> bool {
        self.json().first() == Some(&b'{')
    }
}

impl RawElement {
    /// The ID the element names itself by, when it has one to find: `id`
    /// at the top (requests, orgs, channels) or in `invite` (invites).
    pub fn id(&self) -> Option<String> {
        #[derive(serde::Deserialize)]
        struct Named {
            id: Option<serde_json::Value>,
            invite: Option<Box<Named>>,
        }
        let named: Named = self.parse().ok()?;
        let id = named.id.or_else(|| named.invite.and_then(|i| i.id))?;
        id.as_str().map(crate::text::sanitize::clean)
    }
}

/// An element of a page that could not be read into our models: left out,
/// and named so the admin knows something is missing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// Its ID, when it has a readable one.
    pub id: Option<String>,
    /// Its place on its page, from 1.
    pub position: usize,
    /// What could not be read, in serde's words (cleaned for a terminal).
    pub why: String,
}

impl Skipped {
    pub(crate) fn new(element: &RawElement, at: usize, error: &serde_json::Error) -> Skipped {
        Skipped {
            id: element.id(),
            position: at + 1,
            why: crate::text::sanitize::clean(&error.to_string()),
        }
    }
}

impl fmt::Display for Skipped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.id {
            Some(id) => write!(f, "{id} ({})", self.why),
            None => write!(f, "number {} of its page ({})", self.position, self.why),
        }
    }
}

impl fmt::Debug for RawElement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("RawElement")
            .field(&String::from_utf8_lossy(self.json()))
            .finish()
    }
}

/// The elements of the array `field` of a whole answer. An answer without
/// that array (missing, or `null`) is an error: it does not say the list
/// is empty, it says nothing.
pub(crate) fn split(
    method: &'static str,
    field: &'static str,
    body: &Bytes,
) -> Result<Vec<RawElement>, SlackError> {
    let mut reader = serde_json::Deserializer::from_slice(body);
    let found = ListField(field)
        .deserialize(&mut reader)
        .map_err(|e| SlackError::Decode {
            method,
            message: e.to_string(),
            snippet: super::envelope::snippet(body),
        })?;
    let Some(elements) = found else {
        return Err(SlackError::Decode {
            method,
            message: format!("the answer has no `{field}` list"),
            snippet: super::envelope::snippet(body),
        });
    };
    let base = body.as_ptr() as usize;
    Ok(elements
        .into_iter()
        .map(|raw| {
            // The raw value borrows from `body`, so its offset is a subtraction.
            let start = raw.get().as_ptr() as usize - base;
            RawElement {
                body: body.clone(),
                range: start..start + raw.get().len(),
            }
        })
        .collect())
}

/// Reads a top-level object, keeping only the array under one key.
struct ListField(&'static str);

impl<'de> DeserializeSeed<'de> for ListField {
    type Value = Option<Vec<&'de RawValue>>;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for ListField {
    type Value = Option<Vec<&'de RawValue>>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "an object with a `{}` list", self.0)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut found = None;
        while let Some(is_list) = map.next_key_seed(KeyIs(self.0))? {
            if is_list {
                found = map.next_value::<Option<Vec<&'de RawValue>>>()?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(found)
    }
}

/// A key, compared with the one we look for without being kept.
struct KeyIs(&'static str);

impl<'de> DeserializeSeed<'de> for KeyIs {
    type Value = bool;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
        d.deserialize_str(self)
    }
}

impl Visitor<'_> for KeyIs {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a key")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<bool, E> {
        Ok(key == self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn elements(body: &str) -> Result<Vec<String>, SlackError> {
        let body = Bytes::from(body.to_owned());
        Ok(split("m", "invites", &body)?
            .iter()
            .map(|e| String::from_utf8(e.json().to_vec()).unwrap())
            .collect())
    }

    #[test]
    fn elements_come_back_byte_for_byte_with_unknown_fields() {
        let body = r#"{"ok":true,"invites":[{"id":"I1","brand_new":{"x":[1, 2]}} , {"id":"I\u00e92"}],"response_metadata":{"next_cursor":"c"}}"#;
        assert_eq!(
            elements(body).unwrap(),
            [
                r#"{"id":"I1","brand_new":{"x":[1, 2]}}"#,
                r#"{"id":"I\u00e92"}"#
            ]
        );
    }

    #[test]
    fn other_keys_are_skipped_wherever_they_are() {
        let body = r#"{"invites":[], "ok":true, "\u0069nvites2": 3, "inv": {"invites": [1]}}"#;
        assert_eq!(elements(body).unwrap(), Vec::<String>::new());
    }

    #[test]
    fn a_missing_or_null_list_is_an_error_not_an_empty_list() {
        for body in [r#"{"ok":true}"#, r#"{"ok":true,"invites":null}"#] {
            let error = elements(body).unwrap_err().to_string();
            assert!(error.contains("no `invites` list"), "{body}: {error}");
        }
    }

    #[test]
    fn broken_json_is_an_error() {
        assert!(elements(r#"{"ok":true,"invites":[{"id":"I1"},"#).is_err());
        assert!(elements(r#"{"ok":true,"invites":{"id":"I1"}}"#).is_err());
    }
}
