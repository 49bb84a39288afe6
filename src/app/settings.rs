//! The config in the app: an `App` made from a [`Config`], and the config
//! file's problems shown at start and in help.

use crate::app::{App, Mode, Notice, NoticeKind};
use crate::config::Config;
use crate::config::SortKey as ConfigSortKey;
use crate::keys::keymap::{self, HelpLine};
use crate::model::ListKind;
use crate::model::sort::{SortKey, SortState};

impl App {
    /// Say at start that the config file had problems; the notice stays
    /// until the next one, and help lists them all.
    pub fn set_config_warnings(&mut self, warnings: Vec<String>) {
        if let Some(first) = warnings.first() {
            let more = match warnings.len() {
                1 => String::new(),
                n => format!(" (and {} more)", n - 1),
            };
            let help = match self.keymap.keys_for(keymap::Action::Help).first() {
                Some(key) => format!("; {key} lists them"),
                None => String::new(),
            };
            self.notice = Some(Notice {
                kind: NoticeKind::Error,
                text: format!("{first}{more}. Those settings use their defaults{help}."),
                until: i64::MAX,
            });
        }
        self.config_warnings = warnings;
    }

    /// The help screen's lines: every key, the legend, then any config problems.
    pub fn help_lines(&self) -> Vec<HelpLine> {
        let mut lines = self.keymap.help_lines();
        if !self.config_warnings.is_empty() {
            lines.push(HelpLine::Blank);
            lines.push(HelpLine::Heading(
                "Config file problems (those settings use their defaults)".to_owned(),
            ));
            // Wrapped to the screen: every word of a problem matters.
            let width = usize::from(self.size.0).saturating_sub(4).max(20);
            for warning in &self.config_warnings {
                lines.extend(
                    crate::text::sanitize::wrap(warning, width)
                        .into_iter()
                        .map(HelpLine::Note),
                );
            }
        }
        lines
    }

    /// An app with the config's keymap, read-only switch and settings.
    pub fn with_config(mode: Mode, config: Config) -> App {
        let mut app = App::new(mode, config.read_only);
        app.keymap = config.keymap.clone();
        app.grace_seconds = config.grace_seconds;
        app.auto_refresh = config
            .auto_refresh
            .map(|every| i64::try_from(every.as_secs()).unwrap_or(i64::MAX).max(1));
        for pane in ListKind::ALL {
            let setting = config.default_sort.get(pane);
            let key = match setting.key {
                ConfigSortKey::Expires => SortKey::TimeLeft,
                ConfigSortKey::Age => SortKey::Age,
                ConfigSortKey::Org => SortKey::Org,
                ConfigSortKey::Channel => SortKey::Channel,
                ConfigSortKey::Workspace => SortKey::Workspace,
                ConfigSortKey::Risk => SortKey::Risk,
            };
            // A key a pane cannot sort by (expiry of an org) keeps its default.
            if SortKey::cycle(pane).contains(&key) {
                let sort = SortState {
                    key,
                    reversed: setting.reversed,
                };
                crate::app::list::ops::with_list(&mut app, pane, |l| l.set_sort(sort));
            }
        }
        app.config = config;
        app
    }
}
