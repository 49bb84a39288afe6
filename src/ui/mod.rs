//! Rendering only: draws an `App`, never changes it.

pub mod sanitize;
