//! Every key the TUI understands, in ONE table.
//!
//! The key handler (`update`), the footer and the help screen all read the
//! same [`Keymap`], so what the screen says a key does is what it does. The
//! table is data so that a config file can remap it later (issue 6): actions
//! have stable snake_case names and keys parse from strings like `ctrl+c`.

use std::fmt;
use std::str::FromStr;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::ListKind;

/// Something the admin can ask for with a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    PaneInvites,
    PaneRequests,
    PaneOrgs,
    PaneChannels,
    NextPane,
    PrevPane,
    Down,
    Up,
    Top,
    Bottom,
    PageDown,
    PageUp,
    Open,
    Back,
    Approve,
    Decline,
    Disconnect,
    Refresh,
    Help,
    Quit,
    Confirm,
    Cancel,
    Send,
    NewLine,
    TogglePermission,
}

impl Action {
    pub const ALL: [Action; 25] = [
        Action::PaneInvites,
        Action::PaneRequests,
        Action::PaneOrgs,
        Action::PaneChannels,
        Action::NextPane,
        Action::PrevPane,
        Action::Down,
        Action::Up,
        Action::Top,
        Action::Bottom,
        Action::PageDown,
        Action::PageUp,
        Action::Open,
        Action::Back,
        Action::Approve,
        Action::Decline,
        Action::Disconnect,
        Action::Refresh,
        Action::Help,
        Action::Quit,
        Action::Confirm,
        Action::Cancel,
        Action::Send,
        Action::NewLine,
        Action::TogglePermission,
    ];

    /// The stable name used by the config file and shown in help.
    pub fn name(self) -> &'static str {
        match self {
            Action::PaneInvites => "pane_invites",
            Action::PaneRequests => "pane_requests",
            Action::PaneOrgs => "pane_orgs",
            Action::PaneChannels => "pane_channels",
            Action::NextPane => "next_pane",
            Action::PrevPane => "prev_pane",
            Action::Down => "down",
            Action::Up => "up",
            Action::Top => "top",
            Action::Bottom => "bottom",
            Action::PageDown => "page_down",
            Action::PageUp => "page_up",
            Action::Open => "open",
            Action::Back => "back",
            Action::Approve => "approve",
            Action::Decline => "decline",
            Action::Disconnect => "disconnect",
            Action::Refresh => "refresh",
            Action::Help => "help",
            Action::Quit => "quit",
            Action::Confirm => "confirm",
            Action::Cancel => "cancel",
            Action::Send => "send",
            Action::NewLine => "newline",
            Action::TogglePermission => "toggle_permission",
        }
    }

    pub fn from_name(name: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|a| a.name() == name)
    }

    /// Whether the action means anything on this pane (`a` on Orgs does not).
    pub fn applies_to(self, pane: ListKind) -> bool {
        match self {
            Action::Approve | Action::Decline => {
                matches!(pane, ListKind::Invites | ListKind::Requests)
            }
            Action::Disconnect => matches!(pane, ListKind::Orgs | ListKind::Channels),
            _ => true,
        }
    }

    /// Short footer label; depends on the pane for the decision keys.
    pub fn label(self, pane: ListKind) -> &'static str {
        match self {
            Action::PaneInvites => "invites",
            Action::PaneRequests => "requests",
            Action::PaneOrgs => "orgs",
            Action::PaneChannels => "channels",
            Action::NextPane => "next pane",
            Action::PrevPane => "prev pane",
            Action::Down => "down",
            Action::Up => "up",
            Action::Top => "top",
            Action::Bottom => "bottom",
            Action::PageDown => "page down",
            Action::PageUp => "page up",
            Action::Open => "detail",
            Action::Back => "back",
            Action::Approve => "approve",
            Action::Decline if pane == ListKind::Requests => "deny",
            Action::Decline => "decline",
            Action::Disconnect => "disconnect",
            Action::Refresh => "refresh",
            Action::Help => "help",
            Action::Quit => "quit",
            Action::Confirm => "yes, send",
            Action::Cancel => "cancel",
            Action::Send => "continue",
            Action::NewLine => "new line",
            Action::TogglePermission => "permission",
        }
    }

    /// One sentence for the help screen.
    pub fn describe(self) -> &'static str {
        match self {
            Action::PaneInvites => "Invites pane: channel invitations",
            Action::PaneRequests => "Requests pane: members asking to invite outsiders",
            Action::PaneOrgs => "Orgs pane: external organizations we are connected to",
            Action::PaneChannels => "Channels pane: channels shared with other orgs",
            Action::NextPane => "next pane",
            Action::PrevPane => "previous pane",
            Action::Down => "move down",
            Action::Up => "move up",
            Action::Top => "first item",
            Action::Bottom => "last item",
            Action::PageDown => "one page down",
            Action::PageUp => "one page up",
            Action::Open => "detail view of the selected item",
            Action::Back => "close the detail view or help",
            Action::Approve => "approve the invite or request (asks first)",
            Action::Decline => "decline the invite / deny the request (asks first)",
            Action::Disconnect => "disconnect the channel or the org (asks first)",
            Action::Refresh => "reload this pane from Slack",
            Action::Help => "this help",
            Action::Quit => "quit (asks first if decisions are in flight)",
            Action::Confirm => "send the decision shown; any other key cancels",
            Action::Cancel => "cancel, nothing is sent",
            Action::Send => "continue to the confirmation",
            Action::NewLine => "new line in the message",
            Action::TogglePermission => "switch post-only / post-and-invite",
        }
    }
}

/// Where the admin is; decides which bindings are live.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    List,
    Detail,
    Help,
    Confirm,
    DenyEditor,
    ApproveRequest,
    ChooseTeam,
    TypeName,
}

impl Context {
    /// Where this is, for help headings: "In lists and the detail view".
    pub fn place(self) -> &'static str {
        match self {
            Context::List => "lists",
            Context::Detail => "the detail view",
            Context::Help => "help",
            Context::Confirm => "confirmations",
            Context::DenyEditor => "the deny editor",
            Context::ApproveRequest => "request approval",
            Context::ChooseTeam => "org choice",
            Context::TypeName => "name typing",
        }
    }

    pub const ALL: [Context; 8] = [
        Context::List,
        Context::Detail,
        Context::Help,
        Context::Confirm,
        Context::DenyEditor,
        Context::ApproveRequest,
        Context::ChooseTeam,
        Context::TypeName,
    ];
}

/// One key with its modifiers, e.g. `a`, `Tab`, `ctrl+c`, `alt+enter`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct KeySpec {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

impl KeySpec {
    pub const fn plain(code: KeyCode) -> Self {
        KeySpec {
            code,
            modifiers: KeyModifiers::NONE,
        }
    }

    pub const fn char(c: char) -> Self {
        KeySpec::plain(KeyCode::Char(c))
    }

    pub const fn with(code: KeyCode, modifiers: KeyModifiers) -> Self {
        KeySpec { code, modifiers }
    }

    pub fn matches(&self, event: &KeyEvent) -> bool {
        // Terminals disagree on whether `X` or Shift-Tab also carry SHIFT: the
        // character (or BackTab) already says it, so SHIFT is ignored there.
        let ignore_shift = matches!(event.code, KeyCode::Char(_) | KeyCode::BackTab);
        let strip = |m: KeyModifiers| {
            if ignore_shift {
                m - KeyModifiers::SHIFT
            } else {
                m
            }
        };
        self.code == event.code && strip(self.modifiers) == strip(event.modifiers)
    }
}

impl fmt::Display for KeySpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            f.write_str("Ctrl-")?;
        }
        if self.modifiers.contains(KeyModifiers::ALT) {
            f.write_str("Alt-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::BackTab => f.write_str("Shift-Tab"),
            KeyCode::Backspace => f.write_str("Backspace"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::Home => f.write_str("Home"),
            KeyCode::End => f.write_str("End"),
            KeyCode::PageUp => f.write_str("PgUp"),
            KeyCode::PageDown => f.write_str("PgDn"),
            KeyCode::F(n) => write!(f, "F{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

impl FromStr for KeySpec {
    type Err = String;

    /// `a`, `X`, `?`, `enter`, `esc`, `tab`, `shift+tab`, `up`, `pgdn`,
    /// `ctrl+c`, `alt+enter`, `space`, `f1`.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let mut modifiers = KeyModifiers::NONE;
        let mut rest = text.trim();
        loop {
            let lower = rest.to_ascii_lowercase();
            let (prefix, flag) = if lower.starts_with("ctrl+") {
                ("ctrl+", KeyModifiers::CONTROL)
            } else if lower.starts_with("alt+") {
                ("alt+", KeyModifiers::ALT)
            } else if lower.starts_with("shift+") {
                ("shift+", KeyModifiers::SHIFT)
            } else {
                break;
            };
            modifiers |= flag;
            rest = &rest[prefix.len()..];
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => KeyCode::Char(c),
            _ => match rest.to_ascii_lowercase().as_str() {
                "enter" | "return" => KeyCode::Enter,
                "esc" | "escape" => KeyCode::Esc,
                "tab" if modifiers.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
                "tab" => KeyCode::Tab,
                "backtab" => KeyCode::BackTab,
                "backspace" => KeyCode::Backspace,
                "space" => KeyCode::Char(' '),
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                "pgup" | "pageup" => KeyCode::PageUp,
                "pgdn" | "pagedown" => KeyCode::PageDown,
                f if f.starts_with('f') && f[1..].parse::<u8>().is_ok() => {
                    KeyCode::F(f[1..].parse().unwrap_or(1))
                }
                _ => return Err(format!("unknown key {text:?}")),
            },
        };
        if code == KeyCode::BackTab {
            modifiers |= KeyModifiers::SHIFT;
        }
        Ok(KeySpec { code, modifiers })
    }
}

/// One row of the table: an action, its keys, where it works, and whether
/// the footer shows it (the footer shows bindings in table order).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub action: Action,
    pub keys: Vec<KeySpec>,
    pub contexts: Vec<Context>,
    pub in_footer: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    bindings: Vec<Binding>,
}

impl Default for Keymap {
    fn default() -> Self {
        use Context::*;
        use KeyCode as K;
        let list_and_detail = [List, Detail];
        let moving = [List, Detail, Help, ChooseTeam];
        let b = |action, keys: &[KeySpec], contexts: &[Context], in_footer| Binding {
            action,
            keys: keys.to_vec(),
            contexts: contexts.to_vec(),
            in_footer,
        };
        let k = KeySpec::char;
        let p = KeySpec::plain;
        Keymap {
            bindings: vec![
                // Decisions first: the footer is cut from the right at 80 columns.
                b(Action::Approve, &[k('a')], &list_and_detail, true),
                b(Action::Decline, &[k('d')], &list_and_detail, true),
                b(Action::Disconnect, &[k('X')], &list_and_detail, true),
                b(Action::Confirm, &[k('y')], &[Confirm], true),
                b(
                    Action::Send,
                    &[p(K::Enter)],
                    &[DenyEditor, ApproveRequest, ChooseTeam, TypeName],
                    true,
                ),
                b(
                    Action::NewLine,
                    &[KeySpec::with(K::Enter, KeyModifiers::ALT)],
                    &[DenyEditor, ApproveRequest],
                    true,
                ),
                b(
                    Action::TogglePermission,
                    &[p(K::Tab)],
                    &[ApproveRequest],
                    true,
                ),
                b(
                    Action::Cancel,
                    &[p(K::Esc), k('n')],
                    &[Confirm, DenyEditor, ApproveRequest, ChooseTeam, TypeName],
                    true,
                ),
                b(Action::Open, &[p(K::Enter)], &[List], true),
                b(Action::Back, &[p(K::Esc)], &[Detail, Help], true),
                b(Action::NextPane, &[p(K::Tab)], &list_and_detail, true),
                b(
                    Action::PrevPane,
                    &[KeySpec::with(K::BackTab, KeyModifiers::SHIFT)],
                    &list_and_detail,
                    false,
                ),
                b(Action::PaneInvites, &[k('1')], &list_and_detail, false),
                b(Action::PaneRequests, &[k('2')], &list_and_detail, false),
                b(Action::PaneOrgs, &[k('3')], &list_and_detail, false),
                b(Action::PaneChannels, &[k('4')], &list_and_detail, false),
                b(
                    Action::Top,
                    &[k('g'), p(K::Home)],
                    &[List, Detail, Help],
                    false,
                ),
                b(
                    Action::Bottom,
                    &[k('G'), p(K::End)],
                    &[List, Detail, Help],
                    false,
                ),
                b(
                    Action::PageDown,
                    &[p(K::PageDown)],
                    &[List, Detail, Help],
                    false,
                ),
                b(
                    Action::PageUp,
                    &[p(K::PageUp)],
                    &[List, Detail, Help],
                    false,
                ),
                b(Action::Refresh, &[k('r')], &list_and_detail, true),
                b(Action::Help, &[k('?')], &[List, Detail, Help], true),
                b(
                    Action::Quit,
                    &[k('q'), KeySpec::with(K::Char('c'), KeyModifiers::CONTROL)],
                    &[List, Detail, Help],
                    true,
                ),
                // Moving is obvious, so it comes last and is the first to go
                // from a narrow footer; help always lists it.
                b(Action::Down, &[k('j'), p(K::Down)], &moving, true),
                b(Action::Up, &[k('k'), p(K::Up)], &moving, true),
            ],
        }
    }
}

impl Keymap {
    pub fn bindings(&self) -> &[Binding] {
        &self.bindings
    }

    /// The action `event` triggers in `context` on `pane`, if any.
    pub fn action(&self, context: Context, pane: ListKind, event: &KeyEvent) -> Option<Action> {
        self.bindings
            .iter()
            .filter(|b| b.contexts.contains(&context) && b.action.applies_to(pane))
            .find(|b| b.keys.iter().any(|k| k.matches(event)))
            .map(|b| b.action)
    }

    /// The keys bound to `action` (the first is the one the footer shows).
    pub fn keys_for(&self, action: Action) -> &[KeySpec] {
        self.bindings
            .iter()
            .find(|b| b.action == action)
            .map(|b| b.keys.as_slice())
            .unwrap_or(&[])
    }

    /// Replace the keys of an action (config remapping).
    pub fn rebind(&mut self, action: Action, keys: Vec<KeySpec>) {
        if let Some(binding) = self.bindings.iter_mut().find(|b| b.action == action) {
            binding.keys = keys;
        }
    }

    /// `(keys, label)` pairs for the footer in `context`, in table order.
    pub fn footer(&self, context: Context, pane: ListKind) -> Vec<(String, &'static str)> {
        let mut out: Vec<(String, &'static str)> = Vec::new();
        for binding in &self.bindings {
            if !binding.in_footer
                || !binding.contexts.contains(&context)
                || !binding.action.applies_to(pane)
            {
                continue;
            }
            let Some(first) = binding.keys.first() else {
                continue;
            };
            out.push((first.to_string(), binding.action.label(pane)));
        }
        // Up and down read better as one entry: "j/k move".
        merge_pair(&mut out, "down", "up", "move");
        out
    }
}

/// One line of the help screen, generated from the keymap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HelpLine {
    Heading(String),
    Key {
        keys: String,
        name: &'static str,
        text: &'static str,
    },
    Text(&'static str),
    Blank,
}

/// What the marks on screen mean; meaning is never in colour alone.
pub const LEGEND: &[&str] = &[
    "5h!      expires within a day (also highlighted)",
    "expired  past its expiry date",
    "✓        org verified by Slack (in the org column)",
    "…        text cut to fit; the detail view (Enter) shows more",
    "\u{FFFD}        an invisible or control character Slack sent, made visible",
    "post     post only;  post+inv  post and invite others",
    "> row    the selected row",
];

impl Keymap {
    /// Every binding, grouped by where it works, then the legend.
    pub fn help_lines(&self) -> Vec<HelpLine> {
        // Bindings that work in the same places share one heading, in the
        // order the table first mentions them.
        let mut groups: Vec<(&[Context], Vec<&Binding>)> = Vec::new();
        for binding in self.bindings.iter().filter(|b| !b.keys.is_empty()) {
            match groups
                .iter_mut()
                .find(|(contexts, _)| *contexts == binding.contexts.as_slice())
            {
                Some((_, members)) => members.push(binding),
                None => groups.push((&binding.contexts, vec![binding])),
            }
        }
        let mut lines = Vec::new();
        for (contexts, bindings) in groups {
            lines.push(HelpLine::Heading(where_heading(contexts)));
            for binding in bindings {
                let keys: Vec<String> = binding.keys.iter().map(KeySpec::to_string).collect();
                lines.push(HelpLine::Key {
                    keys: keys.join(" "),
                    name: binding.action.name(),
                    text: binding.action.describe(),
                });
            }
            lines.push(HelpLine::Blank);
        }
        lines.push(HelpLine::Heading("What the marks mean".to_owned()));
        lines.extend(LEGEND.iter().map(|l| HelpLine::Text(l)));
        lines
    }
}

/// "In lists and the detail view".
fn where_heading(contexts: &[Context]) -> String {
    let names: Vec<&str> = contexts.iter().map(|c| c.place()).collect();
    match names.as_slice() {
        [] => "Nowhere".to_owned(),
        [one] => format!("In {one}"),
        [init @ .., last] => format!("In {} and {last}", init.join(", ")),
    }
}

fn merge_pair(
    entries: &mut Vec<(String, &'static str)>,
    first: &str,
    second: &str,
    label: &'static str,
) {
    let find =
        |entries: &Vec<(String, &'static str)>, l: &str| entries.iter().position(|e| e.1 == l);
    if let (Some(a), Some(b)) = (find(entries, first), find(entries, second)) {
        let keys = format!("{}/{}", entries[a].0, entries[b].0);
        entries[a] = (keys, label);
        entries.remove(b);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::KeyEvent;

    #[test]
    fn keys_parse_and_print_round_trip() {
        for text in [
            "a",
            "X",
            "?",
            "enter",
            "esc",
            "ctrl+c",
            "alt+enter",
            "shift+tab",
            "pgdn",
        ] {
            let key: KeySpec = text.parse().unwrap();
            let again: KeySpec = key.to_string().replace('-', "+").parse().unwrap_or(key);
            assert_eq!(key, again, "{text}");
        }
        assert!("nonsense".parse::<KeySpec>().is_err());
    }

    #[test]
    fn shifted_characters_match_with_or_without_the_shift_flag() {
        let key = KeySpec::char('X');
        assert!(key.matches(&KeyEvent::new(KeyCode::Char('X'), KeyModifiers::SHIFT)));
        assert!(key.matches(&KeyEvent::new(KeyCode::Char('X'), KeyModifiers::NONE)));
        assert!(!key.matches(&KeyEvent::new(KeyCode::Char('x'), KeyModifiers::NONE)));
        let alt_enter = KeySpec::with(KeyCode::Enter, KeyModifiers::ALT);
        assert!(!alt_enter.matches(&KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)));
    }

    #[test]
    fn decision_keys_only_apply_where_they_mean_something() {
        let map = Keymap::default();
        let a = KeyEvent::new(KeyCode::Char('a'), KeyModifiers::NONE);
        assert_eq!(
            map.action(Context::List, ListKind::Invites, &a),
            Some(Action::Approve)
        );
        assert_eq!(map.action(Context::List, ListKind::Orgs, &a), None);
        let footer = map.footer(Context::List, ListKind::Requests);
        assert!(footer.contains(&("d".to_string(), "deny")));
        assert!(footer.contains(&("j/k".to_string(), "move")));
        assert!(!footer.iter().any(|(_, l)| *l == "disconnect"));
    }

    #[test]
    fn every_action_name_is_unique_and_resolvable() {
        for action in Action::ALL {
            assert_eq!(Action::from_name(action.name()), Some(action));
        }
    }
}
