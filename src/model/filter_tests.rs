//! The `/` filter's syntax, narrowing and scopes.

use super::*;
use crate::slack::models::ConnectInvite;

#[test]
fn a_field_said_twice_is_kept_once() {
    let twice = search_key(&["I1", "ava@acme.com", "Acme", "ava@acme.com"]);
    assert_eq!(twice, search_key(&["I1", "ava@acme.com", "Acme"]));
    for word in ["ava@acme", "acme", "i1", "-zed"] {
        assert!(Filter::parse(word).matches_key(&twice), "{word}");
    }
}

#[test]
fn every_word_must_match_some_field_case_insensitively() {
    let fields = ["Acme Corp", "#ops-Rollout", "ana@acme.com"];
    assert!(Filter::parse("acme").matches(&fields));
    assert!(Filter::parse("ACME ROLLOUT").matches(&fields));
    assert!(Filter::parse("#ops").matches(&fields));
    assert!(!Filter::parse("acme billing").matches(&fields));
    assert!(Filter::parse("").matches(&fields));
    assert!(Filter::parse("   ").is_empty());
    // Never across two fields.
    assert!(!Filter::parse("corp#ops").matches(&fields));
}

#[test]
fn exclusions_and_phrases() {
    let fields = ["Acme Corp", "ana@gmail.com"];
    assert!(!Filter::parse("-gmail").matches(&fields));
    assert!(Filter::parse("-yahoo").matches(&fields));
    assert!(Filter::parse("\"acme corp\"").matches(&fields));
    assert!(!Filter::parse("\"acme  corp\"").matches(&fields));
    assert!(!Filter::parse("-\"acme corp\"").matches(&fields));
    // An unclosed quote runs to the end; a lone `-` is not a term yet.
    assert!(Filter::parse("\"acme co").matches(&fields));
    assert!(Filter::parse("acme -").matches(&fields));
}

#[test]
fn invisible_characters_are_ignored_on_both_sides() {
    let fields = ["Acme\u{200B}Corp", "É\u{202E}tude"];
    assert!(Filter::parse("acmecorp").matches(&fields));
    assert!(Filter::parse("étude").matches(&fields));
    assert!(Filter::parse("acme\u{200D}corp").matches(&fields));
}

#[test]
fn narrowing_is_detected_only_when_safe() {
    let narrows = |new: &str, old: &str| Filter::parse(new).narrows(&Filter::parse(old));
    assert!(narrows("acm", "ac"));
    assert!(narrows("acme ops", "acme"));
    assert!(narrows("acme", ""));
    assert!(narrows("-gm", "-gmail"));
    assert!(!narrows("ac", "acm"), "deleting a letter widens");
    assert!(!narrows("-gmail", "-gm"));
    assert!(!narrows("ops", "acme"));
    assert!(!narrows("", "acme"));
}

#[test]
fn narrowing_never_loses_a_match() {
    let keys: Vec<Box<str>> = ["acme ops", "acme billing", "globex", "ac"]
        .iter()
        .map(|f| search_key(&[f]))
        .collect();
    let texts = [
        "",
        "a",
        "ac",
        "acm",
        "acme",
        "acme o",
        "-b",
        "-bi",
        "acme -bil",
    ];
    for old in texts {
        for new in texts {
            let (old_f, new_f) = (Filter::parse(old), Filter::parse(new));
            if !new_f.narrows(&old_f) {
                continue;
            }
            for key in &keys {
                assert!(
                    !new_f.matches_key(key) || old_f.matches_key(key),
                    "{new:?} narrows {old:?} but keeps {key:?}"
                );
            }
        }
    }
}

#[test]
fn ws_words_look_only_at_the_workspace_and_plain_words_never_do() {
    let key = search_key_scoped(
        &["Globex", "#ops"],
        &workspace_scoped("T0SALES", Some("Acme Sales")),
    );
    let keeps = |text: &str| Filter::parse(text).matches_key(&key);
    assert!(keeps("ws:sales"));
    assert!(keeps("WS:acme"));
    assert!(keeps("ws:t0sales"), "by ID too");
    assert!(keeps("ws:\"acme sales\" ops"));
    assert!(keeps("\"ws:acme sales\""));
    assert!(!keeps("ws:hq"));
    assert!(!keeps("-ws:sales"));
    assert!(keeps("-ws:hq"));
    assert!(!keeps("sales"), "a plain word never matches the workspace");
    assert!(
        !keeps("ws:globex"),
        "a ws: word never matches a plain field"
    );
    assert!(keeps("ws:"), "any workspace");
    // A row with no workspace (a workspace token's) has none to match.
    let plain = search_key(&["Globex"]);
    assert!(!Filter::parse("ws:acme").matches_key(&plain));
    assert!(Filter::parse("-ws:acme globex").matches_key(&plain));
    // Typing on in a ws: word narrows; switching scope does not.
    let narrows = |new: &str, old: &str| Filter::parse(new).narrows(&Filter::parse(old));
    assert!(narrows("ws:sal", "ws:sa"));
    assert!(!narrows("ws:sales", "ws"));
    assert!(!narrows("ws", "ws:sales"));
}

#[test]
fn invite_fields_leave_out_our_own_org() {
    use crate::slack::models::{ConnectChannel, ConnectTeam, InviteDetail};
    let team = |id: &str, name: &str| ConnectTeam {
        id: id.into(),
        name: Some(name.into()),
        ..Default::default()
    };
    let invite = ConnectInvite {
        invite: Some(InviteDetail {
            id: "I1".into(),
            inviting_team: Some(team("TUS", "Us Inc")),
            recipient_email: Some("bo@globex.com".into()),
            ..Default::default()
        }),
        channel: Some(ConnectChannel {
            id: "C1".into(),
            name: Some("ops".into()),
            ..Default::default()
        }),
        ..Default::default()
    };
    let fields = invite_fields(&invite, &["TUS"]);
    assert_eq!(fields, ["I1", "ops", "C1", "bo@globex.com"]);
    assert!(invite_fields(&invite, &[]).contains(&"Us Inc"));
    assert!(Filter::parse("globex").matches(&fields));
}

#[test]
fn risk_words_look_only_at_the_rows_signals() {
    use crate::model::risk_flags::{RiskFlags, RiskKind};
    let key = search_key(&["Risky Corp", "#lookalike-review"]);
    let mut flagged = RiskFlags::default();
    flagged.insert(RiskKind::Lookalike);
    flagged.insert(RiskKind::Unverified);
    let none = RiskFlags::default();
    let keeps = |text: &str, flags| Filter::parse(text).matches_row(key.as_bytes(), flags);
    assert!(keeps("risk:", flagged), "any signal");
    assert!(!keeps("risk:", none));
    assert!(keeps("risk:lookalike", flagged));
    assert!(keeps("RISK:look", flagged), "half typed");
    assert!(keeps("risk:unverified risky", flagged));
    assert!(!keeps("risk:email", flagged));
    assert!(!keeps("risk:nothing", flagged));
    assert!(keeps("-risk:email", flagged));
    assert!(!keeps("-risk:", flagged));
    assert!(keeps("-risk:", none), "no signal at all");
    // Plain words never match the signals, and risk words never the text.
    assert!(!keeps("unverified", flagged));
    assert!(keeps("lookalike", none), "the channel's name");
    assert!(!keeps("risk:lookalike", none));
    // Without flags (the command line) a risk word keeps nothing.
    assert!(!Filter::parse("risk:").matches_key(&key));
    assert!(Filter::parse("risk:").uses_risk());
    assert!(!Filter::parse("ws:risk").uses_risk());
    // Typing on narrows; going from one signal to any does not.
    let narrows = |new: &str, old: &str| Filter::parse(new).narrows(&Filter::parse(old));
    assert!(narrows("risk:look", "risk:l"));
    assert!(narrows("risk:lookalike", "risk:"));
    assert!(!narrows("risk:", "risk:look"));
    assert!(!narrows("risk:first", "first"));
}

/// The byte-mask shortcut decides exactly as reading the key does, for
/// one-letter words (decided by the mask alone), longer ones, exclusions,
/// accents and the scoped part a plain word never matches.
#[test]
fn the_byte_mask_decides_as_the_key_does() {
    let keys = [
        "acme corp ivan.garcia@acme.com #ops",
        "nimbus 3 zürich",
        "",
        "x_y-z 42",
        &format!(
            "plain words{}ws=labs acme",
            crate::model::search::SCOPE_MARK as char
        ),
    ];
    let filters = [
        "a",
        "z",
        "q",
        "3",
        "@",
        ".",
        "-",
        "_",
        "ü",
        "acme",
        "-acme",
        "-q",
        "zür",
        "labs",
        "ws:labs",
        "ivan.garcia",
        "42 x",
        "corp -ops",
        "é",
    ];
    let mut search = crate::model::search::SearchKeys::default();
    for key in keys {
        search.push(key);
    }
    for text in filters {
        let filter = Filter::parse(text);
        let matcher = filter.stored_matcher(&search, search.len());
        for (i, key) in keys.iter().enumerate() {
            let plain = filter.matches_row(key.as_bytes(), RiskFlags::default());
            let masked = filter.matches_keyed(
                key.as_bytes(),
                Some(search.mask_of(i)),
                RiskFlags::default(),
            );
            assert_eq!(plain, masked, "{text:?} over {key:?}");
            let stored = filter.matches_stored(&search, i, RiskFlags::default());
            assert_eq!(plain, stored, "{text:?} over {key:?}, as it was stored");
            let many = matcher.matches(i, RiskFlags::default());
            assert_eq!(plain, many, "{text:?} over {key:?}, for many rows");
        }
    }
}

/// A row's key with shared pieces (an org, a user) matches as the key of
/// all its fields does, read whole or as a list stores it: every demo
/// invite and request, for every kind of word.
#[test]
fn keys_with_shared_pieces_match_as_their_fields_do() {
    use crate::model::rows::{Interner, Invite, Request};
    let data = crate::emulator::Dataset::demo_and_generated();
    let mut interner = Interner::default();
    let ours = ["T0NBHQ0001"];
    let mut fields = Vec::new();
    let mut search = crate::model::search::SearchKeys::default();
    let mut stored = Vec::new();
    for wire in &data.invites {
        let row = Invite::from_wire(wire, &mut interner);
        fields.push(search_key(&row.fields(&ours)));
        stored.push(row.search_key(&ours));
    }
    for wire in &data.invite_requests {
        let row = Request::from_wire(wire, &mut interner);
        fields.push(search_key(&row.fields()));
        stored.push(row.search_key());
    }
    for key in &stored {
        search.push(key);
    }
    // Some keys rewritten: garbage in the buffer, and keys out of order.
    for i in (0..stored.len()).step_by(7) {
        search.set(i, "x");
        search.set(i, &stored[i]);
    }
    let held: usize = (0..fields.len()).map(|i| search.pieces_of(i).count()).sum();
    assert!(
        search.piece_count() * 3 < held * 2,
        "orgs and users are shared: {} pieces for {held} held",
        search.piece_count(),
    );
    let filters = [
        "a",
        "acme",
        "globex",
        "@",
        "gmail.com",
        "-acme",
        "ops",
        "priya",
        "t0",
        "i0",
        "r0",
        "\"corp\"",
        "-priya ops",
        "zz",
        "c0",
    ];
    // A generated invite's recipient, kept in its key once (as its
    // accepting user's email): found, and excluded, all the same.
    let recipient = data
        .invites
        .last()
        .and_then(|w| w.recipient_email())
        .expect("a recipient");
    let excluded = format!("-{recipient}");
    let mut matched = 0;
    for text in filters.into_iter().chain([recipient, excluded.as_str()]) {
        let filter = Filter::parse(text);
        // Every row's own bytes searched in one pass, and one by one.
        let scanning = filter.stored_matcher(&search, search.len());
        let one_by_one = filter.stored_matcher(&search, 0);
        // All rows at once, word by word.
        for matcher in [&scanning, &one_by_one] {
            let mut kept = vec![true; fields.len()];
            matcher.keep_matching(&mut kept, |_| RiskFlags::default());
            let expected: Vec<bool> = fields.iter().map(|f| filter.matches_key(f)).collect();
            assert_eq!(kept, expected, "{text:?}");
        }
        for (i, whole) in fields.iter().enumerate() {
            let expected = filter.matches_key(whole);
            matched += usize::from(expected);
            assert_eq!(
                filter.matches_stored(&search, i, RiskFlags::default()),
                expected,
                "{text:?} over {whole:?}"
            );
            for matcher in [&scanning, &one_by_one] {
                assert_eq!(
                    matcher.matches(i, RiskFlags::default()),
                    expected,
                    "{text:?} over {whole:?}"
                );
            }
        }
    }
    assert!(
        matched > fields.len(),
        "the words match some rows: {matched}"
    );
}
