//! Saved deny messages (the config's `deny_messages`): in the deny editor
//! the `saved_message` key (Tab) puts the next one in the editor, to be
//! edited before it is sent.

use crate::app::dialogs::{DenyDialog, new_editor};

/// What the empty deny editor says.
pub const DENY_PLACEHOLDER: &str = "Why? The requester reads this.";

impl DenyDialog {
    /// Put the next saved message in the editor, replacing what is there,
    /// ready to be edited.
    pub(crate) fn next_saved(&mut self) {
        if self.saved.is_empty() {
            self.error =
                Some("No saved messages: add deny_messages to the config file.".to_owned());
            return;
        }
        let next = self.saved_shown.map_or(0, |i| (i + 1) % self.saved.len());
        self.editor = new_editor(DENY_PLACEHOLDER);
        self.editor.insert_str(&self.saved[next]);
        self.saved_shown = Some(next);
        self.error = None;
    }
}

#[cfg(test)]
mod tests {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    use crate::app::dialogs::*;
    use crate::decision::DecisionKind;
    use crate::keys::keymap::Keymap;
    use crate::model::ListKind;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn deny_dialog() -> Dialog {
        Dialog::Deny(DenyDialog {
            request: crate::decision::plan::RequestFacts {
                id: "R1".into(),
                summary: "request R1".into(),
                lines: vec![],
                requested_limited: true,
                about: Default::default(),
            },
            editor: new_editor("why?"),
            error: None,
            saved: vec!["First reason.".into(), "Second reason.".into()],
            saved_shown: None,
        })
    }

    #[test]
    fn the_saved_message_key_fills_the_editor_for_editing() {
        let keymap = Keymap::default();
        let mut dialog = deny_dialog();
        let tab = key(KeyCode::Tab);
        dialog.handle_key(&keymap, ListKind::Requests, tab);
        dialog.handle_key(&keymap, ListKind::Requests, tab);
        // Edit it: "Second reason." becomes "Second reason!".
        dialog.handle_key(&keymap, ListKind::Requests, key(KeyCode::Backspace));
        dialog.handle_key(&keymap, ListKind::Requests, key(KeyCode::Char('!')));
        let DialogStep::Next(next) =
            dialog.handle_key(&keymap, ListKind::Requests, key(KeyCode::Enter))
        else {
            panic!("Enter goes on to the confirmation");
        };
        let Dialog::Confirm(confirm) = *next else {
            panic!()
        };
        let ConfirmAction::Write(write) = &confirm.action else {
            panic!()
        };
        assert_eq!(
            write.kind,
            DecisionKind::DenyRequest {
                message: Some("Second reason!".into())
            }
        );
        // A third press wraps around to the first.
        let mut dialog = deny_dialog();
        for _ in 0..3 {
            dialog.handle_key(&keymap, ListKind::Requests, tab);
        }
        let Dialog::Deny(deny) = &dialog else {
            panic!()
        };
        assert_eq!(editor_text(&deny.editor), "First reason.");
        assert_eq!(deny.saved_shown, Some(0));
    }

    #[test]
    fn without_saved_messages_the_key_says_where_to_add_them() {
        let mut deny = DenyDialog {
            request: crate::decision::plan::RequestFacts {
                id: "R1".into(),
                summary: "request R1".into(),
                lines: vec![],
                requested_limited: true,
                about: Default::default(),
            },
            editor: new_editor(DENY_PLACEHOLDER),
            error: None,
            saved: vec![],
            saved_shown: None,
        };
        deny.next_saved();
        assert!(deny.error.as_deref().unwrap().contains("deny_messages"));
        assert_eq!(editor_text(&deny.editor), "");
    }
}
