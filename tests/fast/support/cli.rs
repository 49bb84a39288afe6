//! The real binary against the emulator on loopback, with its own XDG
//! directories: for the CLI tests of the fit stream.

#![allow(dead_code)] // each test file uses a different part of this

use std::path::PathBuf;
use std::process::{Command, Output};

use connect_triage::emulator::{self, Dataset, EmulatorConfig, RateLimitMode, RunningEmulator};
use connect_triage::journal::JournalRecord;

pub const BIN: &str = env!("CARGO_BIN_EXE_connect-triage");
/// The demo data's `as_of`: with it as "now", timestamps stay as written.
pub const NOW: i64 = 1_767_225_600;

pub struct Env {
    pub emu: RunningEmulator,
    /// XDG config and state homes: the journal, the log, a config file.
    pub dir: tempfile::TempDir,
}

impl Env {
    pub async fn demo() -> Env {
        let mut config = EmulatorConfig::new(Dataset::demo());
        config.fixed_now = Some(NOW);
        config.rate_limits = RateLimitMode::Off;
        let emu = emulator::start(([127, 0, 0, 1], 0).into(), config)
            .await
            .expect("the emulator starts");
        Env {
            emu,
            dir: tempfile::tempdir().unwrap(),
        }
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
        self.emu
            .request_log()
            .into_iter()
            .filter(|r| {
                !(r.method.contains(".list")
                    || r.method.ends_with("List")
                    || r.method.contains("search")
                    || r.method == "auth.test")
            })
            .collect()
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

pub fn arg<'a>(request: &'a emulator::LoggedRequest, name: &str) -> Option<&'a str> {
    request
        .args
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}
