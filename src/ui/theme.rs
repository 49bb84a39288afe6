//! Styles. Meaning is always also in the text (`5h!`, `✗`, `✓`, `> `), so a
//! theme only makes things easier to spot, never carries them alone.
//!
//! Three themes: the default (256 colours), `16` (the basic ANSI colours
//! only) and `mono` (no colour at all: reverse video, bold, underline), which
//! `NO_COLOR` selects. `--ascii` swaps box-drawing for ASCII in any of them.

use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::border;

use crate::config::ThemeName;

/// Borders drawn with `+`, `-` and `|`, for fonts without box drawing.
pub const ASCII_BORDER: border::Set<'static> = border::Set {
    top_left: "+",
    top_right: "+",
    bottom_left: "+",
    bottom_right: "+",
    vertical_left: "|",
    vertical_right: "|",
    horizontal_top: "-",
    horizontal_bottom: "-",
};

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
    /// Box-drawing (false) or ASCII (true) borders, rules and marks.
    pub ascii: bool,
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
            ascii: false,
        }
    }
}

impl Theme {
    pub fn named(name: ThemeName) -> Theme {
        match name {
            ThemeName::Default => Theme::default(),
            ThemeName::Ansi16 => Theme::ansi16(),
            ThemeName::Mono => Theme::mono(),
        }
    }

    /// The 16 basic ANSI colours only (SGR 30–37, 90–97 and their backgrounds).
    pub fn ansi16() -> Theme {
        let fg = |c: Color| Style::new().fg(c);
        let bold = Modifier::BOLD;
        Theme {
            title: Style::new().add_modifier(bold),
            muted: fg(Color::DarkGray),
            heading: fg(Color::Cyan).add_modifier(bold),
            column_header: Style::new().add_modifier(bold | Modifier::UNDERLINED),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            marked: fg(Color::Yellow),
            fresh: Style::new().add_modifier(bold),
            tab: fg(Color::Gray),
            tab_active: Style::new().add_modifier(Modifier::REVERSED | bold),
            mode_demo: Style::new()
                .fg(Color::Black)
                .bg(Color::Yellow)
                .add_modifier(bold),
            mode_live: Style::new()
                .fg(Color::Black)
                .bg(Color::Green)
                .add_modifier(bold),
            read_only: fg(Color::Yellow).add_modifier(bold),
            soon: fg(Color::Red).add_modifier(bold),
            error: fg(Color::Red).add_modifier(bold),
            success: fg(Color::Green),
            info: Style::new(),
            key: fg(Color::Cyan).add_modifier(bold),
            dialog: Style::new(),
            danger: fg(Color::Red).add_modifier(bold),
            label: fg(Color::DarkGray),
            ascii: false,
        }
    }

    /// No colour at all: selection and emphasis by reverse video and bold.
    pub fn mono() -> Theme {
        let plain = Style::new();
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let reversed = Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD);
        Theme {
            title: bold,
            muted: plain,
            heading: bold,
            column_header: Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            marked: bold,
            fresh: bold,
            tab: plain,
            tab_active: reversed,
            mode_demo: reversed,
            mode_live: reversed,
            read_only: bold,
            soon: bold,
            error: bold,
            success: plain,
            info: plain,
            key: bold,
            dialog: plain,
            danger: bold,
            label: plain,
            ascii: false,
        }
    }

    /// The same theme with ASCII (`true`) or box-drawing borders and rules.
    pub fn with_ascii(mut self, ascii: bool) -> Theme {
        self.ascii = ascii;
        self
    }

    /// The border set for blocks and dialogs.
    pub fn border(&self) -> border::Set<'static> {
        if self.ascii {
            ASCII_BORDER
        } else {
            border::PLAIN
        }
    }

    /// One column of a horizontal rule (section headings).
    pub fn rule(&self) -> &'static str {
        if self.ascii { "-" } else { "─" }
    }
}

/// In ASCII mode, the one-column glyphs the UI itself draws, as ASCII.
/// Applied to the finished frame, so every mark on screen follows, whoever
/// drew it; the width is one column either way, so layouts do not move.
pub fn ascii_glyph(symbol: &str) -> Option<&'static str> {
    Some(match symbol {
        "─" | "━" | "—" | "–" => "-",
        "│" | "┃" => "|",
        "┌" | "┐" | "└" | "┘" | "├" | "┤" | "┬" | "┴" | "┼" => "+",
        "…" => "~",
        "▏" | "▌" | "█" => "_",
        "✓" => "+",
        "✗" => "x",
        "·" => "-",
        "•" => "*",
        "\u{FFFD}" => "?",
        "↑" => "^",
        "↓" => "v",
        "←" => "<",
        "→" => ">",
        _ => return None,
    })
}
