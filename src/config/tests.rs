use std::time::Duration;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::*;
use crate::keys::keymap::{Action, Context, KeySpec};

fn lines_of(warnings: &[ConfigWarning]) -> Vec<Option<usize>> {
    warnings.iter().map(|w| w.line).collect()
}

#[test]
fn the_documented_default_file_is_exactly_the_defaults() {
    let (config, warnings) = Config::parse(DEFAULT_TOML);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(config, Config::default());
}

#[test]
fn the_default_file_names_every_action_with_its_default_keys() {
    let defaults = Keymap::default();
    for action in Action::ALL {
        let keys: Vec<String> = defaults
            .keys_for(action)
            .iter()
            .map(|k| format!("{:?}", key_name(k)))
            .collect();
        let line = format!("{} = [{}]", action.name(), keys.join(", "));
        assert!(
            DEFAULT_TOML.lines().any(|l| l == line),
            "assets/default-config.toml lacks `{line}`"
        );
    }
}

#[test]
fn an_empty_file_is_the_defaults() {
    let (config, warnings) = Config::parse("# nothing\n");
    assert!(warnings.is_empty());
    assert_eq!(config, Config::default());
}

#[test]
fn the_default_keymap_has_no_conflicts() {
    assert_eq!(conflicts(&Keymap::default()), Vec::new());
}

#[test]
fn every_setting_is_read() {
    let text = r#"
theme = "16"
ascii = true
read_only = true
grace_seconds = 0
auto_refresh_seconds = 0
deny_messages = ["Not with them."]

[sort]
invites = "age reversed"
channels = "org"

[columns]
invites = ["org", "channel", "expires"]

[keys]
approve = ["A", "ctrl+y"]
decline = "z"
quit = ["Q"]
"#;
    let (config, warnings) = Config::parse(text);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(config.theme, ThemeName::Ansi16);
    assert!(config.ascii && config.read_only);
    assert_eq!(config.grace_seconds, 0);
    assert_eq!(config.auto_refresh, None);
    assert_eq!(config.deny_messages, vec!["Not with them.".to_owned()]);
    assert_eq!(
        config.default_sort.invites,
        SortSetting {
            key: SortKey::Age,
            reversed: true
        }
    );
    assert_eq!(config.default_sort.channels.key, SortKey::Org);
    assert_eq!(config.default_sort.requests.key, SortKey::Expires);
    assert_eq!(config.columns.invites, ["org", "channel", "expires"]);
    assert_eq!(config.columns.orgs, Config::default().columns.orgs);
    let keys = config.keymap.keys_for(Action::Approve);
    assert_eq!(
        keys,
        [
            KeySpec::char('A'),
            KeySpec::with(KeyCode::Char('y'), KeyModifiers::CONTROL)
        ]
    );
    let x = KeyEvent::new(KeyCode::Char('z'), KeyModifiers::NONE);
    assert_eq!(
        config.keymap.action(Context::List, ListKind::Invites, &x),
        Some(Action::Decline)
    );
    // The old keys are gone: `a` does nothing now, `q` does not quit.
    let a = KeyEvent::new(KeyCode::Char('a'), KeyModifiers::NONE);
    assert_eq!(
        config.keymap.action(Context::List, ListKind::Invites, &a),
        None
    );
    let footer = config.keymap.footer(Context::List, ListKind::Invites);
    assert!(footer.contains(&("A".to_owned(), "approve")), "{footer:?}");
    assert!(footer.contains(&("Q".to_owned(), "quit")), "{footer:?}");
}

#[test]
fn unknown_keys_are_named_with_their_line() {
    let text =
        "theme = \"mono\"\ncolour = \"red\"\n\n[keys]\napprove = [\"A\"]\napprov = [\"b\"]\n";
    let (config, warnings) = Config::parse(text);
    assert_eq!(lines_of(&warnings), vec![Some(2), Some(6)], "{warnings:?}");
    assert!(warnings[0].message.contains("unknown setting \"colour\""));
    assert!(warnings[1].message.contains("unknown action \"approv\""));
    assert!(
        warnings[1].message.contains("did you mean \"approve\""),
        "{}",
        warnings[1].message
    );
    // What could be used, was.
    assert_eq!(config.theme, ThemeName::Mono);
    assert_eq!(
        config.keymap.keys_for(Action::Approve),
        [KeySpec::char('A')]
    );
}

#[test]
fn bad_values_keep_their_default_and_say_why() {
    let text = r#"theme = "solarized"
grace_seconds = -3
auto_refresh_seconds = 10
ascii = "yes"

[sort]
invites = "size"
planets = "age"

[columns]
orgs = ["name", "colour"]
channels = []

[keys]
approve = ["hyper+a"]
help = []
"#;
    let (config, warnings) = Config::parse(text);
    assert_eq!(
        lines_of(&warnings),
        vec![
            Some(1),
            Some(2),
            Some(3),
            Some(4),
            Some(7),
            Some(8),
            Some(11),
            Some(12),
            Some(15),
            Some(16)
        ],
        "{warnings:#?}"
    );
    let defaults = Config::default();
    assert_eq!(config.theme, defaults.theme);
    assert_eq!(config.grace_seconds, 5);
    assert_eq!(config.auto_refresh, defaults.auto_refresh);
    assert!(!config.ascii);
    assert_eq!(config.default_sort, defaults.default_sort);
    assert_eq!(config.columns.orgs, ["name"]);
    assert_eq!(config.columns.channels, defaults.columns.channels);
    assert_eq!(config.keymap, defaults.keymap);
    let all = warnings
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n");
    for needle in [
        "\"solarized\"",
        "from 0 to 600",
        "at least 60",
        "true or false",
        "\"size\"",
        "no pane \"planets\"",
        "no column \"colour\"",
        "at least one column",
        "\"hyper+a\" is not a key",
        "needs at least one key",
    ] {
        assert!(all.contains(needle), "missing {needle:?} in:\n{all}");
    }
}

#[test]
fn a_bad_read_only_value_errs_on_the_safe_side() {
    let (config, warnings) = Config::parse("read_only = \"no\"\n");
    assert!(config.read_only);
    assert_eq!(warnings.len(), 1);
    assert!(warnings[0].message.contains("read-only is ON"));
}

#[test]
fn broken_toml_is_one_warning_with_its_line_and_all_defaults() {
    let (config, warnings) = Config::parse("theme = \"mono\"\n\n[keys\napprove = 1\n");
    assert_eq!(config, Config::default());
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(warnings[0].line, Some(3));
    assert!(warnings[0].message.contains("not valid TOML"));
}

#[test]
fn a_remap_that_clashes_is_reported_and_undone() {
    // `d` stays decline's, so approve cannot have it.
    let text = "[keys]\napprove = [\"d\"]\ndisconnect = [\"a\"]\n";
    let (config, warnings) = Config::parse(text);
    assert_eq!(lines_of(&warnings), vec![Some(2)], "{warnings:?}");
    assert!(
        warnings[0].message.contains("also decline's"),
        "{}",
        warnings[0].message
    );
    assert_eq!(
        config.keymap.keys_for(Action::Approve),
        [KeySpec::char('a')]
    );
    // Disconnect works on Orgs and Channels, approve on Invites and
    // Requests: sharing `a` is no conflict and is kept.
    assert_eq!(
        config.keymap.keys_for(Action::Disconnect),
        [KeySpec::char('a')]
    );
    assert!(conflicts(&config.keymap).is_empty());
}

#[test]
fn swapping_two_keys_is_fine() {
    let text = "[keys]\napprove = [\"d\"]\ndecline = [\"a\"]\n";
    let (config, warnings) = Config::parse(text);
    assert!(warnings.is_empty(), "{warnings:?}");
    let d = KeyEvent::new(KeyCode::Char('d'), KeyModifiers::NONE);
    assert_eq!(
        config.keymap.action(Context::List, ListKind::Requests, &d),
        Some(Action::Approve)
    );
}

#[test]
fn shifted_letters_are_upper_case() {
    let (config, warnings) = Config::parse("[keys]\ndisconnect = [\"shift+d\"]\n");
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(
        config.keymap.keys_for(Action::Disconnect),
        [KeySpec::char('D')]
    );
}

#[test]
fn no_color_means_mono_when_set_and_not_empty() {
    use std::ffi::OsStr;
    assert_eq!(
        ThemeName::Default.effective(Some(OsStr::new("1"))),
        ThemeName::Mono
    );
    assert_eq!(
        ThemeName::Ansi16.effective(Some(OsStr::new("anything"))),
        ThemeName::Mono
    );
    // no-color.org: "when present and not an empty string".
    assert_eq!(
        ThemeName::Ansi16.effective(Some(OsStr::new(""))),
        ThemeName::Ansi16
    );
    assert_eq!(ThemeName::Default.effective(None), ThemeName::Default);
}

#[test]
fn flags_win_over_the_file() {
    let (mut config, _) = Config::parse("grace_seconds = 9\n");
    let cli = <crate::cli::Cli as clap::Parser>::parse_from([
        "connect-triage",
        "--grace",
        "0",
        "--read-only",
        "--ascii",
    ]);
    config.apply_flags(&cli.global);
    assert_eq!(config.grace_seconds, 0);
    assert!(config.read_only && config.ascii);
    let (mut config, _) = Config::parse("grace_seconds = 9\nread_only = true\n");
    let cli = <crate::cli::Cli as clap::Parser>::parse_from(["connect-triage"]);
    config.apply_flags(&cli.global);
    assert_eq!(config.grace_seconds, 9);
    assert!(
        config.read_only,
        "the file's read_only is not undone by a missing flag"
    );
    let _ = Duration::ZERO;
}

#[test]
fn a_missing_explicit_file_is_a_warning_not_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nope.toml");
    let (config, warnings) = Config::load(Some(&path));
    assert_eq!(config, Config::default());
    assert_eq!(warnings.len(), 1);
    assert!(warnings[0].to_string().contains("nope.toml"));
    std::fs::write(&path, "grace_seconds = 2\nbogus = 1\n").unwrap();
    let (config, warnings) = Config::load(Some(&path));
    assert_eq!(config.grace_seconds, 2);
    let shown = warnings[0].to_string();
    assert!(
        shown.contains("nope.toml line 2: unknown setting"),
        "{shown}"
    );
}
