//! The real binary against the emulator on loopback, with its own XDG
//! directories: for the CLI tests of the fit stream.

#![allow(dead_code)] // each test file uses a different part of this

use std::path::PathBuf;
use std::process::{Command, Output};

use connect_triage::emulator::{self, RunningEmulator};
use connect_triage::journal::JournalRecord;

pub use crate::common::BIN;

pub struct Env {
    pub emu: RunningEmulator,
    /// XDG config and state homes: the journal, the log, a config file.
    pub dir: tempfile::TempDir,
}

impl Env {
    pub async fn demo() -> Env {
        Env::on(crate::common::demo_emulator().await)
    }

    /// On an emulator the test started itself.
    pub fn on(emu: RunningEmulator) -> Env {
        Env {
            emu,
            dir: tempfile::tempdir().unwrap(),
        }
    }

    /// On `dataset`, at the tests' fixed time, with no rate limits.
    pub async fn on_dataset(dataset: emulator::Dataset) -> Env {
        let mut config = emulator::EmulatorConfig::new(dataset);
        config.fixed_now = Some(crate::common::NOW);
        config.rate_limits = emulator::RateLimitMode::Off;
        Env::on(
            emulator::start(([127, 0, 0, 1], 0).into(), config)
                .await
                .unwrap(),
        )
    }

    pub fn admin_token(&self) -> String {
        self.emu.admin_token().expose().to_owned()
    }

    /// The binary with the admin token, this emulator and private XDG dirs.
    pub async fn run(&self, args: &[&str]) -> Output {
        self.run_as(&self.admin_token(), args).await
    }

    pub async fn run_as(&self, token: &str, args: &[&str]) -> Output {
        let mut command = Command::new(BIN);
        command
            .args(args)
            .env("SLACK_TOKEN", token)
            .env("SLACK_API_BASE", self.emu.base_url())
            .env("XDG_STATE_HOME", self.dir.path().join("state"))
            .env("XDG_CONFIG_HOME", self.dir.path().join("config"))
            .env_remove("RUST_LOG")
            .stdin(std::process::Stdio::null());
        tokio::task::spawn_blocking(move || command.output().expect("the binary runs"))
            .await
            .unwrap()
    }

    pub fn state_dir(&self) -> PathBuf {
        self.dir.path().join("state/connect-triage")
    }

    pub fn journal(&self) -> Vec<JournalRecord> {
        let path = self.state_dir().join("journal.jsonl");
        if !path.exists() {
            return Vec::new();
        }
        connect_triage::journal::Journal::read_all(&path).expect("the journal reads")
    }

    /// Write calls the emulator received.
    pub fn writes(&self) -> Vec<emulator::LoggedRequest> {
        crate::common::writes(&self.emu)
    }

    pub fn write_config(&self, text: &str) -> PathBuf {
        let path = self.dir.path().join("config/connect-triage/config.toml");
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        path
    }
}

pub fn code(output: &Output) -> i32 {
    output.status.code().expect("exited normally")
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

pub use crate::common::arg;
