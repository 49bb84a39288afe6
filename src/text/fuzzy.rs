//! Fuzzy matching for the command palette: the query's letters must appear
//! in the text in order (a subsequence, case ignored, the query's spaces
//! ignored); among the ways they can, the best-scoring one is taken.
//!
//! What scores, so that what an admin means comes first: a letter at the
//! start of the text or of a word ("gc" finds **g**o to **c**hannels),
//! letters that follow one another ("appr" in "approve"), and little text
//! skipped between them. The best alignment is found in one pass over the
//! text per query letter (the gap penalty is linear), so a palette of
//! thousands of orgs re-ranks at each key.

/// Every matched letter.
const MATCH: i32 = 16;
/// A letter that starts the text.
const TEXT_START: i32 = 24;
/// A letter that starts a word (after a space or punctuation, or a capital
/// after a small letter).
const WORD_START: i32 = 20;
/// A letter right after the previous matched one.
const CONSECUTIVE: i32 = 18;
/// Each letter skipped between two matched ones.
const GAP: i32 = 2;
/// Each letter skipped before the first match, up to [`MAX_LEADING`] of them.
const LEADING: i32 = 1;
const MAX_LEADING: i32 = 12;

const NONE: i32 = i32::MIN / 4;

/// How well a query matched, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Higher is better; only comparable between matches of one query.
    pub score: i32,
    /// The matched characters, as indices into the text's `chars()`.
    pub positions: Vec<usize>,
}

/// The best match of `query` in `text`, or `None` when its letters do not
/// all appear in order. An empty query matches everything, with score 0.
pub fn find(query: &str, text: &str) -> Option<Found> {
    let query: Vec<char> = query
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(fold)
        .collect();
    if query.is_empty() {
        return Some(Found {
            score: 0,
            positions: Vec::new(),
        });
    }
    let original: Vec<char> = text.chars().collect();
    let text: Vec<char> = original.iter().copied().map(fold).collect();
    // Most texts do not match at all: a greedy scan says so cheaply.
    let mut rest = text.iter();
    if !query.iter().all(|q| rest.any(|t| t == q)) {
        return None;
    }
    let (n, m) = (query.len(), text.len());
    // ending[i][j]: best score of query[..=i] with query[i] on text[j].
    // within[i][j]: best score of query[..=i] ending at or before text[j],
    // less the gap from there to j.
    let mut ending = vec![NONE; n * m];
    let mut within = vec![NONE; n * m];
    for (i, &wanted) in query.iter().enumerate() {
        for (j, &here) in text.iter().enumerate() {
            let at = i * m + j;
            if here == wanted {
                let before = if i == 0 {
                    -(j as i32 * LEADING).min(MAX_LEADING)
                } else if j == 0 {
                    NONE
                } else {
                    let prev = (i - 1) * m + j - 1;
                    (ending[prev] + CONSECUTIVE).max(within[prev])
                };
                if before > NONE {
                    ending[at] = before + MATCH + bonus(&original, j);
                }
            }
            let carried = if j == 0 { NONE } else { within[at - 1] - GAP };
            within[at] = ending[at].max(carried);
        }
    }
    let last = (n - 1) * m;
    let (mut j, score) = (0..m)
        .map(|j| (j, ending[last + j]))
        .filter(|&(_, s)| s > NONE)
        .max_by_key(|&(j, s)| (s, std::cmp::Reverse(j)))?;
    // Walk back the choices that made the best score.
    let mut positions = vec![j];
    for i in (1..n).rev() {
        let prev = (i - 1) * m + j - 1;
        let mut k = j - 1;
        if ending[prev] == NONE || ending[prev] + CONSECUTIVE < within[prev] {
            while within[(i - 1) * m + k] != ending[(i - 1) * m + k] {
                k -= 1;
            }
        }
        positions.push(k);
        j = k;
    }
    positions.reverse();
    Some(Found { score, positions })
}

/// Case folded to one character, so indices stay those of the text.
fn fold(c: char) -> char {
    c.to_lowercase().next().unwrap_or(c)
}

/// What the position of `text[j]` is worth.
fn bonus(text: &[char], j: usize) -> i32 {
    let Some(&prev) = j.checked_sub(1).and_then(|p| text.get(p)) else {
        return TEXT_START;
    };
    let here = text[j];
    let after_a_break = !prev.is_alphanumeric() && here.is_alphanumeric();
    let camel_hump = prev.is_lowercase() && here.is_uppercase();
    if after_a_break || camel_hump {
        WORD_START
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rank<'a>(query: &str, texts: &[&'a str]) -> Vec<&'a str> {
        let mut found: Vec<(i32, &str)> = texts
            .iter()
            .filter_map(|t| find(query, t).map(|f| (f.score, *t)))
            .collect();
        found.sort_by_key(|(score, _)| std::cmp::Reverse(*score));
        found.into_iter().map(|(_, t)| t).collect()
    }

    #[test]
    fn letters_must_appear_in_order() {
        assert!(find("appr", "approve").is_some());
        assert!(find("APPR", "approve").is_some(), "case is ignored");
        assert!(
            find("go to", "goto").is_some(),
            "the query's spaces are ignored"
        );
        assert!(find("rppa", "approve").is_none());
        assert!(find("approves", "approve").is_none());
        assert_eq!(find("", "anything").unwrap().score, 0);
    }

    #[test]
    fn positions_are_the_best_alignment() {
        // "ch" at the start of "channels", not the "c" of "connect".
        let found = find("gch", "go to connect channels").unwrap();
        assert_eq!(found.positions, [0, 14, 15]);
        let found = find("appr", "approve").unwrap();
        assert_eq!(found.positions, [0, 1, 2, 3]);
        // Indices count characters, not bytes.
        let found = find("ü", "Zürich").unwrap();
        assert_eq!(found.positions, [1]);
    }

    #[test]
    fn word_starts_and_runs_rank_higher() {
        // A word's start beats the same letters inside a word.
        assert_eq!(
            rank("ch", &["fetch", "go to channels"]),
            ["go to channels", "fetch"]
        );
        // Letters in a row beat the same letters scattered.
        assert_eq!(
            rank("sort", &["stop batch: nothing more is sent", "sort"]),
            ["sort", "stop batch: nothing more is sent"]
        );
        // Initials find their words.
        assert_eq!(
            rank("gtc", &["next pane", "go to channels", "go to invites"]),
            ["go to channels"]
        );
        // The start of the text beats a later word.
        assert_eq!(
            rank("de", &["mark: then decide", "decline"]),
            ["decline", "mark: then decide"]
        );
        // Less skipped text wins between otherwise equal matches.
        assert_eq!(
            rank("dn", &["d           n", "d n"]),
            ["d n", "d           n"]
        );
        // A capital after a small letter starts a word too.
        assert_eq!(
            rank("sp", &["Stripepay", "StripePay"]),
            ["StripePay", "Stripepay"]
        );
    }
}
