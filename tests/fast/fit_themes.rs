//! Themes, NO_COLOR and ASCII drawing: the demo data drawn by the real
//! renderer in each theme, checked cell by cell (mono holds no colour at
//! all; `16` only the basic ANSI colours), with style-annotated snapshots.

use crate::offline;
use connect_triage::app::{App, Mode};
use connect_triage::config::{Config, ThemeName};
use connect_triage::ui::{self, theme::Theme};
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier, Style};

/// The demo org loaded into an app, as if every list had arrived.
fn demo_app(config: Config) -> App {
    offline::demo_app(App::with_config(Mode::Demo, config))
}

fn press(app: &mut App, keys: &str) {
    offline::press(app, keys);
}

fn render(app: &App, theme: &Theme) -> Buffer {
    offline::render(app, theme, (80, 24))
}

/// Screens worth checking: lists with an expiring row and a selection, a
/// detail view, the dialogs (one with a message editor and its
/// placeholder, one drawn as dangerous) and help.
const SCREENS: &[(&str, &str)] = &[
    ("invites", ""),
    ("invite_detail", "Enter"),
    ("confirm", "Esc a"),
    ("requests", "Esc 2"),
    ("deny_editor", "d"),
    ("orgs_type_name", "Esc 3 X"),
    ("channels", "Esc 4"),
    ("help", "?"),
];

/// Every screen of [`SCREENS`], in order, drawn with `theme`.
fn screens(config: Config, theme: &Theme) -> Vec<(&'static str, Buffer)> {
    let mut app = demo_app(config);
    SCREENS
        .iter()
        .map(|(name, keys)| {
            press(&mut app, keys);
            (*name, render(&app, theme))
        })
        .collect()
}

fn is_basic_ansi(color: Color) -> bool {
    !matches!(color, Color::Indexed(_) | Color::Rgb(..))
}

#[test]
fn mono_draws_no_colour_at_all() {
    let theme = Theme::named(ThemeName::Mono);
    for (name, buf) in screens(Config::default(), &theme) {
        let mut reversed = 0;
        for cell in buf.content() {
            assert_eq!(
                (cell.fg, cell.bg, cell.underline_color),
                (Color::Reset, Color::Reset, Color::Reset),
                "{name}: a coloured cell {:?} at {:?}",
                cell.symbol(),
                cell
            );
            if cell.modifier.contains(Modifier::REVERSED) {
                reversed += 1;
            }
        }
        // Emphasis is still there, by reverse video: the header badge at least.
        assert!(reversed > 0, "{name}: nothing stands out");
    }
}

#[test]
fn sixteen_uses_only_the_basic_ansi_colours() {
    let theme = Theme::named(ThemeName::Ansi16);
    let mut coloured = 0;
    for (name, buf) in screens(Config::default(), &theme) {
        for cell in buf.content() {
            assert!(
                is_basic_ansi(cell.fg) && is_basic_ansi(cell.bg),
                "{name}: {:?} drawn in {:?} on {:?}",
                cell.symbol(),
                cell.fg,
                cell.bg
            );
            if cell.fg != Color::Reset || cell.bg != Color::Reset {
                coloured += 1;
            }
        }
    }
    assert!(coloured > 0, "the 16-colour theme has colour");
}

#[test]
fn the_default_theme_uses_256_colours() {
    let theme = Theme::named(ThemeName::Default);
    let (_, buf) = &screens(Config::default(), &theme)[0];
    assert!(
        buf.content()
            .iter()
            .any(|c| matches!(c.fg, Color::Indexed(_)) || matches!(c.bg, Color::Indexed(_)))
    );
}

#[test]
fn a_theme_never_changes_the_words() {
    let plain = screens(Config::default(), &Theme::default());
    for name in [ThemeName::Ansi16, ThemeName::Mono] {
        let themed = screens(Config::default(), &Theme::named(name));
        for ((screen, a), (_, b)) in plain.iter().zip(&themed) {
            assert_eq!(
                ui::buffer_text(a),
                ui::buffer_text(b),
                "{screen} in {name:?}"
            );
        }
    }
    // What colour marks is also in words or glyphs: an expiring row's `!`.
    let text = ui::buffer_text(&plain[0].1);
    assert!(text.contains("h!"), "{text}");
}

/// The screen's text with every styled run marked: `[fg:bg:mods|text]`.
fn styled_text(buf: &Buffer) -> String {
    let area = buf.area;
    let mut out = String::new();
    for y in area.top()..area.bottom() {
        let mut line = String::new();
        let mut run: Option<(Style, String)> = None;
        let flush = |line: &mut String, run: &mut Option<(Style, String)>| {
            if let Some((style, text)) = run.take() {
                if style == Style::default() {
                    line.push_str(&text);
                } else {
                    line.push_str(&format!("[{}|{text}]", describe(style)));
                }
            }
        };
        let mut skip = 0;
        for x in area.left()..area.right() {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let cell = &buf[(x, y)];
            let style = Style::default()
                .fg(cell.fg)
                .bg(cell.bg)
                .add_modifier(cell.modifier);
            let symbol = cell.symbol();
            skip = unicode_width::UnicodeWidthStr::width(symbol).saturating_sub(1);
            match &mut run {
                Some((s, text)) if *s == style => text.push_str(symbol),
                _ => {
                    flush(&mut line, &mut run);
                    run = Some((style, symbol.to_owned()));
                }
            }
        }
        flush(&mut line, &mut run);
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn describe(style: Style) -> String {
    let color = |c: Option<Color>| match c {
        None | Some(Color::Reset) => String::new(),
        Some(Color::Indexed(n)) => n.to_string(),
        Some(other) => format!("{other:?}").to_lowercase(),
    };
    let mods: Vec<&str> = [
        (Modifier::BOLD, "b"),
        (Modifier::REVERSED, "r"),
        (Modifier::UNDERLINED, "u"),
        (Modifier::DIM, "d"),
    ]
    .into_iter()
    .filter(|(m, _)| style.add_modifier.contains(*m))
    .map(|(_, s)| s)
    .collect();
    format!("{}:{}:{}", color(style.fg), color(style.bg), mods.join(""))
}

#[test]
fn snapshots_in_each_theme() {
    for (theme_name, suffix) in [
        (ThemeName::Default, "256"),
        (ThemeName::Ansi16, "16"),
        (ThemeName::Mono, "mono"),
    ] {
        let all = screens(Config::default(), &Theme::named(theme_name));
        for (name, buf) in all {
            if matches!(name, "invites" | "confirm" | "deny_editor") {
                insta::assert_snapshot!(format!("{name}_{suffix}"), styled_text(&buf));
            }
        }
    }
}

#[test]
fn ascii_mode_draws_no_box_drawing_characters() {
    let config = Config {
        ascii: true,
        ..Config::default()
    };
    let theme = Theme::named(ThemeName::Default).with_ascii(true);
    for (name, buf) in screens(config, &theme) {
        let text = ui::buffer_text(&buf);
        let drawn: Vec<char> = text
            .chars()
            .filter(|c| ('\u{2500}'..='\u{259F}').contains(c) || "…✓✗·•↑↓".contains(*c))
            .collect();
        assert!(drawn.is_empty(), "{name}: {drawn:?} in\n{text}");
        if matches!(name, "invites" | "confirm" | "help") {
            insta::assert_snapshot!(format!("{name}_ascii"), text);
        }
    }
}

#[test]
fn columns_follow_the_config() {
    let (config, warnings) =
        Config::parse("[columns]\ninvites = [\"expires\", \"org\", \"channel\"]\n");
    assert!(warnings.is_empty(), "{warnings:?}");
    let buf = &screens(config, &Theme::default())[0].1;
    let text = ui::buffer_text(buf);
    let header = text
        .lines()
        .find(|l| l.contains("CHANNEL"))
        .expect("a column header");
    let words: Vec<&str> = header.split_whitespace().collect();
    assert_eq!(words, ["EXPIRES", "ORG", "CHANNEL"], "{text}");
}
