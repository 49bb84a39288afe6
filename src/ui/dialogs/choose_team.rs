//! A channel shared with several orgs: Slack disconnects one org per call,
//! and sets one org's permission per call, so the org is chosen here.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;

use crate::app::App;
use crate::app::dialogs::{ChooseTeamDialog, TeamChoice};
use crate::text::sanitize::sanitize;
use crate::text::words::permission_words;
use crate::ui::dialog_frame::{border_style, draw_lines, hints, inner_width, open, wrapped_lines};
use crate::ui::theme::Theme;

pub fn render(app: &App, dialog: &ChooseTeamDialog, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let width = inner_width(area);
    let question = match &dialog.purpose {
        TeamChoice::Disconnect => format!(
            "#{} is shared with {} orgs. Slack disconnects one per call: which one leaves?",
            dialog.channel_name,
            dialog.teams.len()
        ),
        TeamChoice::Permission { .. } => format!(
            "#{} is shared with {} orgs. Whose permission changes? Each may now:",
            dialog.channel_name,
            dialog.teams.len()
        ),
    };
    let mut lines = wrapped_lines(&[question], width, theme.dialog);
    lines.push(Line::raw(""));
    for (i, (id, name)) in dialog.teams.iter().enumerate() {
        let selected = i == dialog.selected;
        let now = match &dialog.purpose {
            TeamChoice::Disconnect => String::new(),
            TeamChoice::Permission { limited, .. } => format!(
                ": {}",
                permission_words(limited.get(i).copied().unwrap_or(true))
            ),
        };
        let text = sanitize(
            &format!("{} {name} ({id}){now}", if selected { ">" } else { " " }),
            width,
        );
        lines.push(Line::styled(
            text,
            if selected {
                theme.selected
            } else {
                theme.dialog
            },
        ));
    }
    lines.push(Line::raw(""));
    lines.push(hints(app, theme));
    let title = match dialog.purpose {
        TeamChoice::Disconnect => format!("Disconnect an org from #{}", dialog.channel_name),
        TeamChoice::Permission { .. } => format!("Change a permission in #{}", dialog.channel_name),
    };
    let inner = open(&title, lines.len(), area, buf, border_style(theme, true));
    draw_lines(&lines, inner, buf);
}
