//! Two header lines: who and where (LIVE or DEMO, read-only), then the pane
//! tabs with their counts and how old each pane's data is.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::theme::Theme;
use crate::app::list::{ListData, LoadState};
use crate::app::{App, Mode};
use crate::model::ListKind;
use crate::model::identity::Identity;
use crate::slack::explain;
use crate::text::sanitize::sanitize;
use crate::text::time;

pub fn render(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    if area.height == 0 {
        return;
    }
    buf.set_line(
        area.x,
        area.y,
        &identity_line(app, theme, area.width),
        area.width,
    );
    if area.height > 1 {
        buf.set_line(
            area.x,
            area.y + 1,
            &tabs_line(app, theme, area.width),
            area.width,
        );
    }
}

fn identity_line(app: &App, theme: &Theme, width: u16) -> Line<'static> {
    let mut spans = match app.mode {
        Mode::Demo => vec![Span::styled(" DEMO ", theme.mode_demo)],
        Mode::Live => vec![Span::styled(" LIVE ", theme.mode_live)],
    };
    if app.read_only {
        spans.push(Span::raw(" "));
        // Set only when the journal can't be used: the header says so,
        // so nobody thinks they passed --read-only.
        let label = if app.read_only_reason.is_some() {
            "READ-ONLY: no journal"
        } else {
            "READ-ONLY"
        };
        spans.push(Span::styled(label, theme.read_only));
    }
    if let Some(live) = &app.live {
        // Its own span, before the name, so a long org name never hides it.
        spans.push(Span::raw(" "));
        let style = match live.status {
            crate::slack::socket::LiveStatus::Live => theme.mode_live,
            _ => theme.read_only,
        };
        spans.push(Span::styled(format!("[{}]", live.label(app.now)), style));
    }
    let used: usize = spans.iter().map(|s| s.width()).sum();
    let room = (width as usize).saturating_sub(used + 1);
    let who = match &app.identity {
        Identity::Unknown => "signing in…".to_owned(),
        Identity::Failed(error) => format!("sign-in check failed: {}", explain::code(error)),
        Identity::Known(auth) => {
            let team = auth.team.as_deref().unwrap_or("?");
            let id = auth
                .enterprise_id
                .as_deref()
                .filter(|e| !e.is_empty())
                .or(auth.team_id.as_deref())
                .unwrap_or("?");
            let user = auth.user.as_deref().unwrap_or("?");
            let demo = if app.mode == Mode::Demo {
                " · demo data, not real Slack"
            } else {
                ""
            };
            match app.workspaces.len() {
                0 | 1 => format!("{team} ({id}) · signed in as {user}{demo}"),
                n => format!("Org {team} ({id}) · {n} workspaces · signed in as {user}{demo}"),
            }
        }
    };
    spans.push(Span::raw(" "));
    spans.push(Span::styled(sanitize(&who, room), theme.title));
    Line::from(spans)
}

/// Rows in a list, whatever its filter.
fn count_of(app: &App, kind: ListKind) -> usize {
    crate::app::list::ops::with_list_ref(app, kind, |l| l.total_rows())
}

fn status_of<T>(list: &ListData<T>, now: i64, wide: bool) -> String {
    match &list.load {
        LoadState::Idle => String::new(),
        LoadState::Loading => "…".to_owned(),
        LoadState::Failed(_) => " ✗".to_owned(),
        LoadState::Loaded => match list.loaded_at {
            Some(at) if wide => format!(" · {} ago", time::short(now - at)),
            Some(at) => format!(" ({})", time::short(now - at)),
            None => String::new(),
        },
    }
}

/// The tabs, in the most telling form that fits: ages as "· 2m ago" and
/// "3 for us" when there is room, shorter forms when there is not.
fn tabs_line(app: &App, theme: &Theme, width: u16) -> Line<'static> {
    let variants = [(true, true), (false, true), (false, false)];
    let mut labels = Vec::new();
    for (wide, for_us) in variants {
        labels = tab_labels(app, wide, for_us);
        let total: usize = labels
            .iter()
            .map(|l| crate::text::sanitize::width(l) + 1)
            .sum();
        if total <= width as usize {
            break;
        }
    }
    let mut spans = Vec::new();
    for (kind, label) in ListKind::ALL.into_iter().zip(labels) {
        let style = if kind == app.pane {
            theme.tab_active
        } else {
            theme.tab
        };
        spans.push(Span::styled(label, style));
        spans.push(Span::raw(" "));
    }
    Line::from(spans)
}

fn tab_labels(app: &App, wide: bool, for_us: bool) -> Vec<String> {
    ListKind::ALL
        .into_iter()
        .map(|kind| {
            let status = match kind {
                ListKind::Invites => status_of(&app.invites.list, app.now, wide),
                ListKind::Requests => status_of(&app.requests.list, app.now, wide),
                ListKind::Orgs => status_of(&app.orgs.list, app.now, wide),
                ListKind::Channels => status_of(&app.channels.list, app.now, wide),
            };
            let count = count_of(app, kind);
            if kind == ListKind::Invites && for_us && app.invites.awaiting_us() > 0 {
                let us = app.invites.awaiting_us();
                format!(
                    " {} {} {count}, {us} for us{status} ",
                    kind.number(),
                    kind.title()
                )
            } else {
                format!(" {} {} {count}{status} ", kind.number(), kind.title())
            }
        })
        .collect()
}
