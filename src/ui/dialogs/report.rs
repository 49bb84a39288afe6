//! What a finished batch did, when not everything went through: the
//! failures (still marked: a refusal can be decided again, an unknown
//! outcome only after its re-check) and the items
//! someone else decided first. The running batch's progress line is in the
//! status area ([`crate::app::flow::bulk::Batch::progress_line`]).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::app::dialogs::report::ReportDialog;
use crate::app::{App, layout};
use crate::keys::keymap::Action;
use crate::text::sanitize::fit;
use crate::ui::dialog_frame::{draw_lines, open_tall};
use crate::ui::text::key_of;
use crate::ui::theme::Theme;

pub fn render(app: &App, report: &ReportDialog, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let inner = open_tall("Batch report", area, buf, !report.failed.is_empty(), theme);
    let width = inner.width as usize;
    let mut all: Vec<Line<'static>> = Vec::new();
    let mut part = |heading: String, rows: &[(String, String)], style| {
        if rows.is_empty() {
            return;
        }
        all.push(Line::styled(fit(&heading, width), theme.heading));
        for (what, code) in rows {
            // The code first: it says why, and is never the part cut off.
            all.push(Line::styled(
                fit(&format!("  {code} — {what}"), width),
                style,
            ));
        }
        all.push(Line::raw(""));
    };
    part(
        format!(
            "Failed ({}) — still marked; an unknown outcome is re-checked first",
            report.failed.len()
        ),
        &report.failed,
        theme.error,
    );
    part(
        format!(
            "Handled elsewhere ({}) — someone decided first; they left the list",
            report.elsewhere.len()
        ),
        &report.elsewhere,
        theme.info,
    );
    let visible = layout::dialog_rows(app.size);
    let mut title = crate::text::sanitize::wrap(&report.title, width);
    title.resize(2, String::new());
    let mut lines: Vec<Line<'static>> = title
        .into_iter()
        .map(|line| Line::styled(fit(&line, width), theme.title))
        .collect();
    lines.push(Line::raw(""));
    lines.extend(all.into_iter().skip(report.scroll).take(visible));
    while lines.len() < 3 + visible {
        lines.push(Line::raw(""));
    }
    lines.push(Line::from(vec![
        Span::styled(key_of(app, Action::Back), theme.key),
        Span::styled(" close", theme.title),
        Span::styled("   j/k PgDn scroll", theme.muted),
    ]));
    draw_lines(&lines, inner, buf);
}
