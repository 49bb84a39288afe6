//! The text editor the message dialogs share, and the 560-character rule.

use ratatui_textarea::{TextArea, WrapMode};

use crate::slack::MAX_MESSAGE_CHARS;

/// Insert pasted `text` at the cursor, line breaks kept, control
/// characters dropped, and no more than the message can still hold. The
/// words for what was cut, when anything was.
pub(super) fn paste(editor: &mut TextArea<'static>, text: &str) -> Option<String> {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let wanted: Vec<char> = text
        .chars()
        .filter(|c| !c.is_control() || *c == '\n' || *c == '\t')
        .collect();
    let room = MAX_MESSAGE_CHARS.saturating_sub(char_count(editor));
    let kept: String = wanted.iter().take(room).collect();
    editor.insert_str(&kept);
    let cut = wanted.len() - kept.chars().count();
    (cut > 0).then(|| {
        format!(
            "Pasted {} of {} characters: a message holds at most {MAX_MESSAGE_CHARS}.",
            wanted.len() - cut,
            wanted.len()
        )
    })
}

pub fn new_editor(placeholder: &str) -> TextArea<'static> {
    let mut editor = TextArea::default();
    editor.set_wrap_mode(WrapMode::WordOrGlyph);
    editor.set_placeholder_text(placeholder);
    editor
}

/// The editor's text as it will be sent.
pub fn editor_text(editor: &TextArea<'_>) -> String {
    editor.lines().join("\n")
}

/// Characters as Slack counts them for the 560 limit.
pub fn char_count(editor: &TextArea<'_>) -> usize {
    editor_text(editor).chars().count()
}

/// The message to send (`None` when empty), or why it cannot be sent.
pub(super) fn message_or_error(editor: &TextArea<'_>) -> Result<Option<String>, String> {
    let count = char_count(editor);
    if count > MAX_MESSAGE_CHARS {
        return Err(format!(
            "The message is {} characters too long (Slack allows {MAX_MESSAGE_CHARS}).",
            count - MAX_MESSAGE_CHARS
        ));
    }
    let text = editor_text(editor);
    Ok((!text.trim().is_empty()).then_some(text))
}
