//! The plan of a batch decision: exactly what will be sent (decision, item,
//! org, channel), how long it takes within Slack's rate limit, and the
//! marked rows that will not be sent and why. Only `y` sends.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::app::dialogs::plan::PlanDialog;
use crate::app::{App, layout};
use crate::keys::keymap::Action;
use crate::slack::limiter::budget;
use crate::text::sanitize::fit;
use crate::text::time;
use crate::ui::dialog_frame::{draw_lines, open_tall};
use crate::ui::text::key_of;
use crate::ui::theme::Theme;

pub fn render(app: &App, plan: &PlanDialog, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let inner = open_tall(&plan.title, area, buf, false, theme);
    let width = inner.width as usize;
    let calls = plan.entries.len();
    let estimate = plan.estimate(app.rate_window);
    let pace = format!(
        "{calls} calls to {}, {}",
        plan.method,
        if estimate == 0 {
            "within a minute".to_owned()
        } else {
            format!("about {}", time::long(estimate))
        }
    );
    let mut notes = vec![format!("Slack allows {} a minute", budget(plan.method))];
    if plan.hidden > 0 {
        notes.push(format!(
            "{} marked rows the filter hides are in it",
            plan.hidden
        ));
    }
    match plan.skipped.len() {
        0 => notes.push("failures stay marked for a retry".to_owned()),
        1 => notes.push("1 marked row is not sent (listed last)".to_owned()),
        n => notes.push(format!("{n} marked rows are not sent (listed last)")),
    }
    let mut lines = vec![
        Line::styled(fit(&pace, width), theme.dialog),
        Line::styled(fit(&format!("{}.", notes.join("; ")), width), theme.muted),
    ];
    let rest = width.saturating_sub(8 + 1 + 12 + 1);
    let org_w = rest / 2;
    let chan_w = rest.saturating_sub(org_w + 1);
    let row = |a: &str, b: &str, c: &str, d: &str| {
        format!(
            "{} {} {} {}",
            fit(a, 8),
            fit(b, 12),
            fit(c, org_w),
            fit(d, chan_w)
        )
    };
    lines.push(Line::styled(
        row("DECISION", "ITEM", "ORG / TO", "CHANNEL"),
        theme.column_header,
    ));
    let mut body: Vec<Line<'static>> = Vec::new();
    let visible = layout::dialog_rows(app.size);
    let wanted = plan.scroll..plan.scroll + visible;
    // Only the rows on screen are built, however long the plan.
    for (i, entry) in plan
        .entries
        .iter()
        .enumerate()
        .skip(wanted.start)
        .take(visible)
    {
        debug_assert!(wanted.contains(&i));
        body.push(Line::raw(row(
            plan.verb,
            &entry.write.item_id,
            &entry.org,
            &entry.channel,
        )));
    }
    if !plan.skipped.is_empty() {
        let heading_at = plan.entries.len();
        let skipped_from = heading_at + 1;
        if wanted.contains(&heading_at) {
            body.push(Line::styled(
                format!("Not sent ({}):", plan.skipped.len()),
                theme.heading,
            ));
        }
        for (i, (id, why)) in plan.skipped.iter().enumerate() {
            if wanted.contains(&(skipped_from + i)) {
                body.push(Line::styled(
                    fit(&format!("  {id} — {why}"), width),
                    theme.muted,
                ));
            }
        }
    }
    body.truncate(visible);
    let shown = body.len();
    lines.extend(body);
    while lines.len() < 3 + visible {
        lines.push(Line::raw(""));
    }
    let more = plan.line_count().saturating_sub(plan.scroll + shown);
    lines.push(Line::from(vec![
        Span::styled(key_of(app, Action::Confirm), theme.key),
        Span::styled(format!(" send all {calls}"), theme.title),
        Span::styled(
            format!(
                "   {} cancel: nothing is sent{}",
                key_of(app, Action::Cancel),
                if more > 0 {
                    format!("   j/k PgDn: {more} more")
                } else {
                    String::new()
                }
            ),
            theme.muted,
        ),
    ]));
    draw_lines(&lines, inner, buf);
}
