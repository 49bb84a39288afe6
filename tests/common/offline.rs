//! The app without its loop: the demo data fed through `update` as if
//! every list had arrived, keys pressed, and the screen drawn by the real
//! renderer into a buffer. No I/O, so every screen is exactly reproducible.

#![allow(dead_code)] // each test file uses a different part of this

use connect_triage::app::{self, App, Effect, ListItems, Msg};
use connect_triage::emulator::Dataset;
use connect_triage::slack::models::AuthTest;
use connect_triage::ui::{self, theme::Theme};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::common::NOW;

/// `app`, on an 80x24 screen at [`NOW`], signed in to the demo org with
/// every demo list loaded.
pub fn demo_app(mut app: App) -> App {
    let data = Dataset::demo();
    let me = data.self_team.clone().expect("the demo names its own org");
    let mut feed = |msg| {
        app::update(&mut app, msg);
    };
    feed(Msg::Tick { now: NOW });
    feed(Msg::Resize {
        width: 80,
        height: 24,
    });
    feed(Msg::AuthLoaded(AuthTest {
        team: me.team,
        team_id: me.team_id,
        user: me.user,
        user_id: me.user_id,
        enterprise_id: me.enterprise_id,
        ..AuthTest::default()
    }));
    let pages = [
        ListItems::Invites(data.invites),
        ListItems::Requests(data.invite_requests),
        ListItems::Orgs(data.organizations),
        ListItems::Channels(data.channels),
    ];
    for items in pages {
        feed(Msg::PageLoaded {
            items,
            total: None,
            is_last: true,
            workspace: None,
        });
    }
    app
}

/// Press keys written as the keymap writes them, space-separated; the
/// effects they asked for, in order.
pub fn press(app: &mut App, keys: &str) -> Vec<Effect> {
    let mut effects = Vec::new();
    for token in keys.split_whitespace() {
        let spec: connect_triage::keys::keymap::KeySpec = token.parse().expect("a key");
        effects.extend(app::update(
            app,
            Msg::Key(KeyEvent::new(spec.code, spec.modifiers)),
        ));
    }
    effects
}

/// Type text character by character (spaces included).
pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        let key = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        app::update(app, Msg::Key(key));
    }
}

/// The screen drawn with `theme` on a `width` x `height` buffer.
pub fn render(app: &App, theme: &Theme, (width, height): (u16, u16)) -> Buffer {
    let area = Rect::new(0, 0, width, height);
    let mut buf = Buffer::empty(area);
    ui::render(app, theme, area, &mut buf);
    buf
}

/// The screen in the default theme, as text.
pub fn screen(app: &App, size: (u16, u16)) -> String {
    ui::buffer_text(&render(app, &Theme::default(), size))
}
