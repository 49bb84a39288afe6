//! What a finished batch did, when anything did not go through: the
//! failures (still marked) and what others decided first.

use crate::app::dialogs::{DialogStep, scrolled};
use crate::keys::keymap::Action;

/// What a finished batch did, when anything did not go through.
#[derive(Debug, Clone)]
pub struct ReportDialog {
    pub title: String,
    /// (item summary, Slack's code) of calls that failed; those rows stay marked.
    pub failed: Vec<(String, String)>,
    /// (item summary, code) of items someone else decided first.
    pub elsewhere: Vec<(String, String)>,
    pub scroll: usize,
    pub page: usize,
}

impl ReportDialog {
    pub fn line_count(&self) -> usize {
        let part = |v: &Vec<(String, String)>| if v.is_empty() { 0 } else { v.len() + 2 };
        part(&self.failed) + part(&self.elsewhere)
    }
}

impl ReportDialog {
    pub(super) fn on_action(&mut self, action: Option<Action>) -> DialogStep {
        match action {
            Some(Action::Back) => DialogStep::Closed,
            Some(other) => {
                let max = self.line_count().saturating_sub(self.page);
                self.scroll = scrolled(self.scroll, other, self.page).min(max);
                DialogStep::Stay
            }
            None => DialogStep::Stay,
        }
    }
}
