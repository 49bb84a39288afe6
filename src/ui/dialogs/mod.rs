//! The open dialog, drawn centred over the whole screen: one module per
//! [`Dialog`], each named after it.

pub mod approve_request;
pub mod choose_team;
pub mod confirm;
pub mod deny;
pub mod editor;
pub mod plan;
pub mod quit_queued;
pub mod report;
pub mod type_name;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::App;
use crate::app::dialogs::Dialog;
use crate::ui::theme::Theme;

pub fn render(app: &App, dialog: &Dialog, theme: &Theme, area: Rect, buf: &mut Buffer) {
    match dialog {
        Dialog::Confirm(d) => confirm::render(app, d, theme, area, buf),
        Dialog::QuitQueued(d) => quit_queued::render(app, d, theme, area, buf),
        Dialog::Deny(d) => deny::render(app, d, theme, area, buf),
        Dialog::ApproveRequest(d) => approve_request::render(app, d, theme, area, buf),
        Dialog::ChooseTeam(d) => choose_team::render(app, d, theme, area, buf),
        Dialog::TypeName(d) => type_name::render(app, d, theme, area, buf),
        Dialog::Plan(d) => plan::render(app, d, theme, area, buf),
        Dialog::Report(d) => report::render(app, d, theme, area, buf),
    }
}
