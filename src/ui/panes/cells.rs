//! The cells every pane's table shares: a row's decision state, the time
//! left before a deadline, our workspace it is in, and its risk signals.

use crate::app::App;
use crate::app::decisions::Outcome;
use crate::model::ListKind;
use crate::model::risk_flags::{RiskFlags, RiskKind};
use crate::text::time;
use crate::ui::table::Cell;
use crate::ui::theme::Theme;

/// Our workspace a row is in (an org-wide token): its name, less the
/// words every workspace's name starts with, else its ID.
pub fn workspace_cell(app: &App, workspace: Option<&crate::model::rows::Team>) -> Cell {
    Cell::new(match workspace {
        Some(team) => match team.name.as_deref() {
            Some(name) => name
                .strip_prefix(app.workspace_prefix.as_str())
                .filter(|rest| !rest.is_empty())
                .unwrap_or(name),
            None => &team.id,
        },
        None => "",
    })
}

/// A row's decision state: in flight, or how the last decision ended.
pub fn state_cell(app: &App, pane: ListKind, id: &str, theme: &Theme) -> Option<Cell> {
    if let Some(decision) = app.decisions.in_flight_for(pane, id) {
        if let Some(left) = app.grace.seconds_left(decision.id, app.now_ms) {
            return Some(Cell::styled(
                format!("in {left}s: {}", decision.kind.verb()),
                theme.soon,
            ));
        }
        return Some(Cell::styled(
            format!("{}…", decision.kind.verb_ing()),
            theme.info,
        ));
    }
    app.decisions
        .outcome(pane, id)
        .map(|outcome| match outcome {
            Outcome::Done(kind) => Cell::styled(format!("✓ {}", kind.verb_past()), theme.success),
            Outcome::Failed { code, .. } => Cell::styled(format!("✗ {code}"), theme.error),
            Outcome::Unknown(kind) => {
                Cell::styled(format!("? {} unknown", kind.verb()), theme.error)
            }
            Outcome::Elsewhere { code, .. } => {
                Cell::styled(format!("· elsewhere: {code}"), theme.info)
            }
        })
}

/// Time left before a deadline, highlighted (and marked `!`) when soon.
pub fn left_cell(now: i64, deadline: Option<i64>, theme: &Theme) -> Cell {
    let text = time::left(now, deadline);
    if time::expires_soon(now, deadline) {
        Cell::styled(text, theme.soon)
    } else {
        Cell::new(text)
    }
}

/// A row's risk signals as words, gravest first (`-` for none). The words
/// say it; the error colour only adds weight to a lookalike org or a
/// suspect address.
pub fn risk_cell(flags: RiskFlags, theme: &Theme) -> Cell {
    if flags.is_empty() {
        return Cell::new("-");
    }
    let grave = flags.has(RiskKind::Lookalike) || flags.has(RiskKind::SuspectEmail);
    let style = if grave {
        theme.error
    } else {
        ratatui::style::Style::new()
    };
    Cell::words(&flags.flags(), style)
}
