//! Method arguments as Slack reads them: the query string merged with a
//! form or JSON body (the body wins), with the SDKs' value encodings.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::api_error::ApiError;

#[derive(Debug, Default, Clone)]
pub(crate) struct Args {
    values: BTreeMap<String, Value>,
}

impl Args {
    /// `content_type` decides how the body is read: JSON only when declared
    /// as `application/json`; anything else is read as a form.
    pub fn parse(
        query: Option<&str>,
        content_type: Option<&str>,
        body: &[u8],
    ) -> Result<Args, ApiError> {
        let mut values = BTreeMap::new();
        if let Some(q) = query {
            let pairs: Vec<(String, String)> =
                serde_urlencoded::from_str(q).map_err(|_| ApiError::new("invalid_form_data"))?;
            for (k, v) in pairs {
                values.insert(k, Value::String(v));
            }
        }
        let is_json = content_type
            .map(|t| {
                t.trim()
                    .to_ascii_lowercase()
                    .starts_with("application/json")
            })
            .unwrap_or(false);
        if is_json {
            if !body.iter().all(u8::is_ascii_whitespace) {
                let parsed: Map<String, Value> =
                    serde_json::from_slice(body).map_err(|_| ApiError::new("invalid_json"))?;
                values.extend(parsed);
            }
        } else if !body.is_empty() {
            let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(body)
                .map_err(|_| ApiError::new("invalid_form_data"))?;
            for (k, v) in pairs {
                values.insert(k, Value::String(v));
            }
        }
        Ok(Args { values })
    }

    /// Arguments as a call would send them (the activity simulator's own calls).
    pub fn from_pairs(pairs: &[(&str, &str)]) -> Args {
        Args {
            values: pairs
                .iter()
                .map(|(k, v)| ((*k).to_owned(), Value::String((*v).to_owned())))
                .collect(),
        }
    }

    /// The arguments for the request log, token left out.
    pub fn for_log(&self) -> Vec<(String, String)> {
        self.values
            .iter()
            .filter(|(k, _)| k.as_str() != "token")
            .map(|(k, v)| {
                let text = match v {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                (k.clone(), text)
            })
            .collect()
    }

    /// A string argument; empty strings count as absent, as in Slack's forms.
    pub fn str(&self, name: &str) -> Option<String> {
        match self.values.get(name)? {
            Value::String(s) if s.trim().is_empty() => None,
            Value::String(s) => Some(s.trim().to_owned()),
            Value::Null => None,
            Value::Number(n) => Some(n.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            other => Some(other.to_string()),
        }
    }

    /// A string that may keep its surrounding spaces (messages).
    pub fn raw_str(&self, name: &str) -> Option<String> {
        match self.values.get(name)? {
            Value::String(s) => Some(s.clone()),
            Value::Null => None,
            other => Some(other.to_string()),
        }
    }

    pub fn require(&self, name: &str) -> Result<String, ApiError> {
        self.str(name).ok_or_else(|| ApiError::missing(name))
    }

    /// `true|false|1|0`, any case; a JSON boolean or number in JSON bodies.
    pub fn bool(&self, name: &str) -> Result<Option<bool>, ApiError> {
        let Some(v) = self.values.get(name) else {
            return Ok(None);
        };
        let parsed = match v {
            Value::Bool(b) => Some(*b),
            Value::Number(n) => match n.as_i64() {
                Some(0) => Some(false),
                Some(1) => Some(true),
                _ => None,
            },
            Value::String(s) if s.trim().is_empty() => return Ok(None),
            Value::String(s) => match s.trim().to_ascii_lowercase().as_str() {
                "true" | "1" => Some(true),
                "false" | "0" => Some(false),
                _ => None,
            },
            Value::Null => return Ok(None),
            _ => None,
        };
        parsed
            .map(Some)
            .ok_or_else(|| ApiError::invalid(name, "must be a boolean"))
    }

    pub fn int(&self, name: &str) -> Result<Option<i64>, ApiError> {
        match self.values.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Number(n)) => n
                .as_i64()
                .map(Some)
                .ok_or_else(|| ApiError::invalid(name, "must be an integer")),
            Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
            Some(Value::String(s)) => s
                .trim()
                .parse()
                .map(Some)
                .map_err(|_| ApiError::invalid(name, "must be an integer")),
            Some(_) => Err(ApiError::invalid(name, "must be an integer")),
        }
    }

    /// Comma-joined (`a,b`), a JSON-array string (`["a","b"]`), or a JSON array.
    pub fn list(&self, name: &str) -> Result<Option<Vec<String>>, ApiError> {
        let items = match self.values.get(name) {
            None | Some(Value::Null) => return Ok(None),
            Some(Value::Array(a)) => {
                json_strings(a).ok_or_else(|| ApiError::new("invalid_array_arg"))?
            }
            Some(Value::String(s)) if s.trim_start().starts_with('[') => {
                let parsed: Vec<Value> =
                    serde_json::from_str(s).map_err(|_| ApiError::new("invalid_array_arg"))?;
                json_strings(&parsed).ok_or_else(|| ApiError::new("invalid_array_arg"))?
            }
            Some(Value::String(s)) => s
                .split(',')
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(str::to_owned)
                .collect(),
            Some(_) => return Err(ApiError::new("invalid_array_arg")),
        };
        Ok(if items.is_empty() { None } else { Some(items) })
    }

    /// A JSON object, given as an object (JSON bodies) or a JSON string (forms).
    pub fn object(&self, name: &str) -> Result<Option<Map<String, Value>>, ApiError> {
        match self.values.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Object(o)) => Ok(Some(o.clone())),
            Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
            Some(Value::String(s)) => match serde_json::from_str::<Value>(s) {
                Ok(Value::Object(o)) => Ok(Some(o)),
                _ => Err(ApiError::invalid(name, "must be a JSON object")),
            },
            Some(_) => Err(ApiError::invalid(name, "must be a JSON object")),
        }
    }
}

fn json_strings(items: &[Value]) -> Option<Vec<String>> {
    items
        .iter()
        .map(|v| match v {
            Value::String(s) => Some(s.trim().to_owned()),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        })
        .filter(|s| s.as_ref().is_none_or(|s| !s.is_empty()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_wins_over_query_and_encodings_are_lenient() {
        let a = Args::parse(
            Some("limit=5&include_denied=TRUE&ids=a%2Cb"),
            Some("application/x-www-form-urlencoded"),
            b"limit=7&flag=0&arr=%5B%22x%22%2C%22y%22%5D",
        )
        .unwrap();
        assert_eq!(a.int("limit").unwrap(), Some(7));
        assert_eq!(a.bool("include_denied").unwrap(), Some(true));
        assert_eq!(a.bool("flag").unwrap(), Some(false));
        assert_eq!(a.list("ids").unwrap().unwrap(), vec!["a", "b"]);
        assert_eq!(a.list("arr").unwrap().unwrap(), vec!["x", "y"]);
        let j = Args::parse(
            None,
            Some("application/json; charset=utf-8"),
            br#"{"ids":["p","q"],"on":true,"message":{"text":"t","is_override":false}}"#,
        )
        .unwrap();
        assert_eq!(j.list("ids").unwrap().unwrap(), vec!["p", "q"]);
        assert_eq!(j.bool("on").unwrap(), Some(true));
        assert!(j.object("message").unwrap().is_some());
        assert!(Args::from_pairs(&[("b", "maybe")]).bool("b").is_err());
        // A JSON body without the JSON content type is read as a form.
        let f = Args::parse(None, None, b"a=1").unwrap();
        assert_eq!(f.str("a").as_deref(), Some("1"));
    }
}
