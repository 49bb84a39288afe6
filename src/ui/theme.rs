//! Styles. Meaning is always also in the text (`5h!`, `✗`, `✓`, `> `), so a
//! theme only makes things easier to spot, never carries them alone.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    pub title: Style,
    pub muted: Style,
    pub heading: Style,
    pub column_header: Style,
    pub selected: Style,
    /// Marked rows (also `*` in the gutter).
    pub marked: Style,
    /// Rows new since the last refresh (also `+` in the gutter).
    pub fresh: Style,
    pub tab: Style,
    pub tab_active: Style,
    pub mode_demo: Style,
    pub mode_live: Style,
    pub read_only: Style,
    pub soon: Style,
    pub error: Style,
    pub success: Style,
    pub info: Style,
    pub key: Style,
    pub dialog: Style,
    pub danger: Style,
    pub label: Style,
}

impl Default for Theme {
    /// 256-colour default.
    fn default() -> Self {
        let fg = |c: u8| Style::new().fg(Color::Indexed(c));
        Theme {
            title: Style::new().add_modifier(Modifier::BOLD),
            muted: fg(245),
            heading: fg(75).add_modifier(Modifier::BOLD),
            column_header: Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            marked: fg(214),
            fresh: Style::new().add_modifier(Modifier::BOLD),
            tab: fg(250),
            tab_active: Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            mode_demo: Style::new()
                .fg(Color::Indexed(16))
                .bg(Color::Indexed(214))
                .add_modifier(Modifier::BOLD),
            mode_live: Style::new()
                .fg(Color::Indexed(16))
                .bg(Color::Indexed(78))
                .add_modifier(Modifier::BOLD),
            read_only: fg(214).add_modifier(Modifier::BOLD),
            soon: fg(203).add_modifier(Modifier::BOLD),
            error: fg(203).add_modifier(Modifier::BOLD),
            success: fg(78),
            info: fg(250),
            key: fg(75).add_modifier(Modifier::BOLD),
            dialog: Style::new(),
            danger: fg(203).add_modifier(Modifier::BOLD),
            label: fg(245),
        }
    }
}
