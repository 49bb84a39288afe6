//! Unit tests that cross layers: `update` driven key by key, with the
//! screen read back through `ui`. They sit above every folder so they may
//! use all of them.

mod update;
