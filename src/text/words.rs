//! Words: a capital first letter, and the permission an outside org gets.

/// "approve" -> "Approve".
pub fn capitalized(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// What an external member may do in a shared channel, in words.
pub fn permission_words(limited: bool) -> &'static str {
    if limited {
        "post only"
    } else {
        "post and invite"
    }
}
