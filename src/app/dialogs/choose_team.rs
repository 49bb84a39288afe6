//! A channel shared with several orgs: which one leaves it, or whose
//! permission changes.

use crate::app::dialogs::confirm::confirm;
use crate::app::dialogs::{Dialog, DialogStep};
use crate::decision::plan;
use crate::decision::plan_permission::{PermissionChange, set_permission};
use crate::keys::keymap::Action;

#[derive(Debug, Clone)]
pub struct ChooseTeamDialog {
    pub channel_id: String,
    pub channel_name: String,
    /// (team ID, display name) of each external team in the channel.
    pub teams: Vec<(String, String)>,
    pub selected: usize,
    /// What the chosen org is for.
    pub purpose: TeamChoice,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TeamChoice {
    /// It leaves the channel.
    Disconnect,
    /// Its permission switches; `limited[i]`: team `i` may only post now.
    Permission {
        is_private: bool,
        limited: Vec<bool>,
    },
}

impl ChooseTeamDialog {
    pub(super) fn on_action(&mut self, action: Option<Action>) -> DialogStep {
        match action {
            Some(Action::Cancel) => DialogStep::Cancelled,
            Some(Action::Down) => {
                self.selected = (self.selected + 1).min(self.teams.len().saturating_sub(1));
                DialogStep::Stay
            }
            Some(Action::Up) => {
                self.selected = self.selected.saturating_sub(1);
                DialogStep::Stay
            }
            Some(Action::Send) => match self.teams.get(self.selected) {
                Some((team_id, team_name)) => DialogStep::Next(Box::new(match &self.purpose {
                    TeamChoice::Disconnect => channel_confirmation(
                        &self.channel_id,
                        &self.channel_name,
                        team_id,
                        team_name,
                    ),
                    TeamChoice::Permission {
                        is_private,
                        limited,
                    } => permission_confirmation(&PermissionChange {
                        channel_id: &self.channel_id,
                        channel_name: &self.channel_name,
                        is_private: *is_private,
                        team_id,
                        team_name,
                        now_limited: limited.get(self.selected).copied().unwrap_or(true),
                    }),
                })),
                None => DialogStep::Cancelled,
            },
            _ => DialogStep::Stay,
        }
    }
}

/// Confirm that `team_id` leaves the channel.
pub fn channel_confirmation(
    channel_id: &str,
    channel_name: &str,
    team_id: &str,
    team_name: &str,
) -> Dialog {
    confirm(plan::disconnect_channel(
        channel_id,
        channel_name,
        team_id,
        team_name,
    ))
}

/// Confirm one org's new permission in the channel.
pub fn permission_confirmation(change: &PermissionChange<'_>) -> Dialog {
    confirm(set_permission(change))
}
