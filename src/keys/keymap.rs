//! Every key the TUI understands, in ONE table.
//!
//! The key handler (`update`), the footer and the help screen all read the
//! same [`Keymap`], so what the screen says a key does is what it does. The
//! table is data so that a config file can remap it later (issue 6): actions
//! have stable snake_case names and keys parse from strings like `ctrl+c`.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

pub use crate::keys::action::{Action, Context};
pub use crate::keys::keyspec::KeySpec;
use crate::model::ListKind;

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
        let moving = [List, Detail, Help, ChooseTeam, Queue, Journal, Plan, Report];
        let scrolling = [List, Detail, Help, Queue, Journal, Plan, Report];
        // Paging keys are no text, so they page the palette's matches too.
        let paging = [List, Detail, Help, Queue, Journal, Plan, Report, Palette];
        let b = |action, keys: &[KeySpec], contexts: &[Context], in_footer| Binding {
            action,
            keys: keys.to_vec(),
            contexts: contexts.to_vec(),
            in_footer,
        };
        let k = KeySpec::char;
        let p = KeySpec::plain;
        let ctrl = |c| KeySpec::with(K::Char(c), KeyModifiers::CONTROL);
        Keymap {
            bindings: vec![
                // Decisions first: the footer is cut from the right at 80 columns.
                b(Action::Approve, &[k('a')], &list_and_detail, true),
                b(Action::Decline, &[k('d')], &list_and_detail, true),
                b(Action::Disconnect, &[k('X')], &list_and_detail, true),
                b(Action::Permission, &[k('p')], &list_and_detail, true),
                b(Action::Confirm, &[k('y')], &[Confirm, Plan], true),
                b(Action::Undo, &[k('u')], &[List, Detail, Queue], true),
                b(Action::SendQueued, &[k('s')], &[Queue, QuitQueued], true),
                b(Action::DropQueued, &[k('D')], &[QuitQueued], true),
                b(
                    Action::Send,
                    &[p(K::Enter)],
                    &[
                        DenyEditor,
                        ApproveRequest,
                        ChooseTeam,
                        TypeName,
                        PickChannel,
                    ],
                    true,
                ),
                b(Action::Run, &[p(K::Enter)], &[Palette], true),
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
                    Action::ReplaceMessage,
                    &[ctrl('o')],
                    &[ApproveRequest],
                    true,
                ),
                b(Action::PickChannel, &[ctrl('l')], &[ApproveRequest], true),
                b(Action::SavedMessage, &[p(K::Tab)], &[DenyEditor], true),
                b(
                    Action::Cancel,
                    &[p(K::Esc), k('n')],
                    &[
                        Confirm,
                        DenyEditor,
                        ApproveRequest,
                        ChooseTeam,
                        TypeName,
                        QuitQueued,
                        Palette,
                    ],
                    true,
                ),
                b(Action::Cancel, &[p(K::Esc), k('n')], &[Plan], true),
                // Letters filter the channel list: only Esc goes back.
                b(Action::Cancel, &[p(K::Esc)], &[PickChannel], true),
                b(Action::KeepFilter, &[p(K::Enter)], &[Filter], true),
                b(Action::Open, &[p(K::Enter)], &[List], true),
                b(
                    Action::Back,
                    &[p(K::Esc)],
                    &[Detail, Help, Queue, Journal, Report],
                    true,
                ),
                b(Action::Mark, &[p(K::Char(' '))], &[List], true),
                b(Action::Filter, &[k('/')], &[List], true),
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
                b(Action::Top, &[k('g'), p(K::Home)], &scrolling, false),
                b(Action::Bottom, &[k('G'), p(K::End)], &scrolling, false),
                b(Action::PageDown, &[p(K::PageDown)], &paging, false),
                b(Action::PageUp, &[p(K::PageUp)], &paging, false),
                b(Action::Help, &[k('?')], &[List, Detail, Help], true),
                b(
                    Action::Quit,
                    &[k('q'), KeySpec::with(K::Char('c'), KeyModifiers::CONTROL)],
                    &[List, Detail, Help, Queue, Journal],
                    true,
                ),
                // After quit: at 80 columns the lists' footer has no room
                // left for it, wider ones and help show it.
                b(Action::Palette, &[k(':')], &list_and_detail, true),
                b(Action::Refresh, &[k('r')], &list_and_detail, true),
                b(Action::SortNext, &[k('s')], &[List], true),
                b(Action::SortReverse, &[k('S')], &[List], false),
                b(Action::MarkAll, &[k('*')], &[List], false),
                b(Action::StopBatch, &[k('x')], &list_and_detail, false),
                b(Action::NextPane, &[p(K::Tab)], &list_and_detail, true),
                b(Action::Queue, &[k('U')], &[List, Detail, Queue], false),
                b(Action::Journal, &[k('L')], &[List, Detail, Journal], true),
                // Last but moving: a list's footer has no room for it, the
                // filter's has.
                b(Action::ClearFilter, &[p(K::Esc)], &[Filter, List], true),
                // Moving is obvious, so it comes last and is the first to go
                // from a narrow footer; help always lists it.
                b(Action::Down, &[k('j'), p(K::Down)], &moving, true),
                b(Action::Up, &[k('k'), p(K::Up)], &moving, true),
                // In the palette letters are its query, so only keys that are
                // no text move. Rows of their own: remapping `down` to a
                // letter must not take the palette's arrows away.
                b(
                    Action::Down,
                    &[p(K::Down), ctrl('n')],
                    &[Palette, PickChannel],
                    true,
                ),
                b(
                    Action::Up,
                    &[p(K::Up), ctrl('p')],
                    &[Palette, PickChannel],
                    true,
                ),
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
    /// Text made at run time (config problems).
    Note(String),
    Blank,
}

/// What the marks on screen mean; meaning is never in colour alone.
pub const LEGEND: &[&str] = &[
    "(2m)     on a tab: how old that pane's data is; … while it loads, ✗ if it failed",
    "5h!      expires within a day (also highlighted); titles count them",
    ">*       the selected row is marked; with marks, a and d plan a batch",
    "+        new since the last refresh (also bold)",
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
