//! The open dialog, drawn centred over the whole screen.

pub mod choose_team;
pub mod confirm;
pub mod deny;
pub mod plan;
pub mod quit_queued;
pub mod report;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::App;
use crate::app::dialogs::Dialog;
use crate::ui::theme::Theme;

pub fn render(app: &App, dialog: &Dialog, theme: &Theme, area: Rect, buf: &mut Buffer) {
    match dialog {
        Dialog::Confirm(d) => confirm::render(app, d, theme, area, buf),
        Dialog::QuitQueued(d) => quit_queued::render(app, d, theme, area, buf),
        Dialog::Deny(d) => deny::render_deny(app, d, theme, area, buf),
        Dialog::ApproveRequest(d) => deny::render_approve(app, d, theme, area, buf),
        Dialog::ChooseTeam(d) => choose_team::render_choose(app, d, theme, area, buf),
        Dialog::TypeName(d) => choose_team::render_type_name(app, d, theme, area, buf),
        Dialog::Plan(d) => plan::render(app, d, theme, area, buf),
        Dialog::Report(d) => report::render(app, d, theme, area, buf),
    }
}
