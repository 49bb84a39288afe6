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

/// "1 private channel", "2 private channels": the one helper for a count
/// and its noun, so no message says "1 channels".
pub fn counted<N: Into<i64> + Copy>(n: N, one: &str, many: &str) -> String {
    let n = n.into();
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The words every one of several names starts with ("Acme " of "Acme
/// Sales" and "Acme Labs"), so a narrow column can show what tells them
/// apart. Empty unless at least two names share it and none is only it.
pub fn common_leading_words<'a>(names: impl IntoIterator<Item = &'a str>) -> String {
    let mut names = names.into_iter();
    let Some(first) = names.next() else {
        return String::new();
    };
    let mut common = first.len();
    let mut count = 1;
    for name in names {
        count += 1;
        common = first
            .char_indices()
            .zip(name.chars())
            .take_while(|((_, a), b)| a == b)
            .map(|((i, a), _)| i + a.len_utf8())
            .last()
            .unwrap_or(0)
            .min(common);
    }
    // Back to the end of a whole word: just after a space.
    let prefix = &first[..common];
    let whole = prefix.rfind(' ').map_or(0, |at| at + 1);
    if count < 2 || whole == 0 {
        return String::new();
    }
    prefix[..whole].to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_leading_words_stop_at_a_whole_word() {
        assert_eq!(
            common_leading_words(["Acme Sales", "Acme Labs", "Acme HQ"]),
            "Acme "
        );
        assert_eq!(common_leading_words(["Acme Sales", "Acmeco"]), "");
        assert_eq!(
            common_leading_words(["North Beam One", "North Beam Two"]),
            "North Beam "
        );
        assert_eq!(
            common_leading_words(["Acme Sales"]),
            "",
            "one name keeps its words"
        );
        assert_eq!(
            common_leading_words(["Acme Sales", "Acme Sales Two"]),
            "Acme "
        );
        assert_eq!(common_leading_words([]), "");
    }
}

#[cfg(test)]
mod counted_tests {
    use super::counted;

    #[test]
    fn one_is_singular_and_every_other_count_plural() {
        assert_eq!(counted(1, "group DM", "group DMs"), "1 group DM");
        assert_eq!(counted(0, "group DM", "group DMs"), "0 group DMs");
        assert_eq!(
            counted(2i64, "private channel", "private channels"),
            "2 private channels"
        );
    }
}
