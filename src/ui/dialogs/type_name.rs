//! Disconnect a whole org: what it cuts, and the org's name typed out
//! before it goes on, since Slack cannot undo it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::app::App;
use crate::app::dialogs::TypeNameDialog;
use crate::text::sanitize::sanitize;
use crate::ui::dialog_frame::{border_style, draw_lines, hints, inner_width, open, wrapped_lines};
use crate::ui::theme::Theme;

pub fn render(app: &App, dialog: &TypeNameDialog, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let width = inner_width(area);
    let mut texts = vec![
        format!(
            "Org: {} ({}){}",
            dialog.name,
            dialog.team_id,
            dialog
                .domain
                .as_deref()
                .map(|d| format!(", domain {d}"))
                .unwrap_or_default()
        ),
        format!("This cuts {}.", dialog.counts.describe()),
    ];
    if !dialog.channel_names.is_empty() {
        texts.push(format!("Among them: #{}", dialog.channel_names.join(", #")));
    }
    texts.push("Every shared channel and DM with this org ends. Slack cannot undo it.".to_owned());
    let mut lines = wrapped_lines(&texts, width, theme.dialog);
    lines.push(Line::raw(""));
    let ask = if dialog.by_team_id() {
        "Its name can't be typed as shown; type its team ID to go on: "
    } else {
        "Type the org's name to go on: "
    };
    lines.push(Line::from(vec![
        Span::raw(ask),
        Span::styled(
            sanitize(dialog.expected(), width.saturating_sub(ask.len())),
            theme.title,
        ),
    ]));
    let typed = sanitize(&dialog.typed, width.saturating_sub(4));
    lines.push(Line::from(vec![
        Span::styled("> ", theme.key),
        Span::styled(format!("{typed}▏"), theme.title),
    ]));
    if let Some(error) = &dialog.error {
        lines.push(Line::styled(error.clone(), theme.error));
    }
    lines.push(hints(app, theme));
    let title = format!("Disconnect the whole org {}", dialog.name);
    let inner = open(&title, lines.len(), area, buf, border_style(theme, true));
    draw_lines(&lines, inner, buf);
}
