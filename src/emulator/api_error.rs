//! The error every method answers with. It sits below the method table so
//! that argument parsing and cursor decoding can fail with it too.

use serde_json::{Map, Value, json};

/// A Slack method error: `{"ok":false,"error":code, ...extra}`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ApiError {
    pub code: String,
    pub extra: Map<String, Value>,
}

impl ApiError {
    pub fn new(code: &str) -> ApiError {
        ApiError {
            code: code.to_owned(),
            extra: Map::new(),
        }
    }

    /// A required argument is missing; newer Slack methods answer this way.
    pub fn missing(arg: &str) -> ApiError {
        ApiError::new("invalid_arguments").with(
            "response_metadata",
            json!({"messages": [format!("[ERROR] missing required field: {arg}")]}),
        )
    }

    pub fn invalid(arg: &str, why: &str) -> ApiError {
        ApiError::new("invalid_arguments").with(
            "response_metadata",
            json!({"messages": [format!("[ERROR] {why} [json-pointer:/{arg}]")]}),
        )
    }

    pub fn with(mut self, key: &str, value: Value) -> ApiError {
        self.extra.insert(key.to_owned(), value);
        self
    }

    pub fn body(&self) -> Value {
        let mut body = Map::new();
        body.insert("ok".into(), Value::Bool(false));
        body.insert("error".into(), Value::String(self.code.clone()));
        body.extend(self.extra.clone());
        Value::Object(body)
    }
}
