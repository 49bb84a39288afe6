use super::*;

const OPEN: char = PIECE_OPEN as char;
const CLOSE: char = PIECE_CLOSE as char;
const SCOPED: char = SCOPE_MARK as char;

/// Item `index`'s key as a list would have to rebuild it: own part,
/// pieces, scoped part.
fn key_of(keys: &SearchKeys, index: usize) -> String {
    let (own, scoped) = keys.own_parts(index);
    let mut key = String::from_utf8(own.to_vec()).unwrap();
    for piece in keys.pieces_of(index) {
        key.push(OPEN);
        key.push_str(std::str::from_utf8(piece).unwrap());
        key.push(CLOSE);
    }
    key.push_str(std::str::from_utf8(scoped).unwrap());
    key
}

fn live_pieces(keys: &SearchKeys) -> usize {
    keys.pieces.uses.iter().filter(|&&u| u > 0).count()
}

#[test]
fn keys_survive_replacement_removal_and_compaction() {
    let mut keys = SearchKeys::default();
    for key in ["alpha", "beta", "gamma"] {
        keys.push(key);
    }
    keys.set(1, "bravo");
    assert!(keys.holds(1, "bravo"));
    keys.set(2, "gé");
    assert!(
        keys.holds(2, "gé") && keys.holds(0, "alpha"),
        "shorter: in place"
    );
    keys.swap_remove(0);
    assert!(keys.holds(0, "gé") && keys.holds(1, "bravo"));
    assert_eq!(
        keys.text,
        "gébravo".as_bytes(),
        "compacted once half was garbage"
    );
    keys.retain(&[false, true]);
    assert!(keys.holds(0, "bravo"));
    assert!(keys.garbage * 2 <= keys.text.len());
}

#[test]
fn shared_pieces_are_stored_once_and_read_back_in_place() {
    let acme = format!("{OPEN}acme corp\x1Facme.com\x1Ft0acme{CLOSE}");
    let jane = format!("{OPEN}jane doe\x1Fjane@acme.com{CLOSE}");
    let ws = format!("{SCOPED}\x1Fws:t0labs\x1Fws:labs");
    let first = format!("i1\x1Fgeneral{acme}{jane}{ws}");
    let second = format!("i2\x1Fops{acme}");
    let mut keys = SearchKeys::default();
    keys.push(&first);
    keys.push(&second);
    assert_eq!(
        keys.piece_count(),
        3,
        "acme, jane and the workspace: once each"
    );
    assert_eq!(key_of(&keys, 0), first);
    assert_eq!(key_of(&keys, 1), second);
    assert_eq!(keys.own_parts(0).0, b"i1\x1Fgeneral");
    assert_eq!(keys.own_parts(0).1, ws.as_bytes());
    assert_eq!(keys.own_parts(1), (&b"i2\x1Fops"[..], &b""[..]));
    assert!(keys.holds(0, &first) && keys.holds(1, &second));
    // Another piece, another own part, another scope, a piece fewer.
    assert!(!keys.holds(0, &format!("i1\x1Fgeneral{jane}{acme}{ws}")));
    assert!(!keys.holds(0, &format!("i1\x1Fgenera{acme}{jane}{ws}")));
    assert!(!keys.holds(0, &format!("i1\x1Fgeneral{acme}{jane}")));
    assert!(!keys.holds(0, &format!("i1\x1Fgeneral{acme}{ws}")));
    assert!(!keys.holds(1, &format!("i2\x1Fops{acme}{jane}")));
    // The mask is of the whole plain part: pieces count, the scope does not.
    assert_eq!(keys.mask_of(1), byte_mask(second.as_bytes()));
    assert_eq!(
        keys.mask_of(0) & byte_mask(b"w"),
        0,
        "no plain field has a w"
    );
}

#[test]
fn pieces_no_key_holds_are_forgotten_and_the_rest_renumbered() {
    let key = |n: usize| format!("i{n}{OPEN}org {}{CLOSE}{OPEN}user {n}{CLOSE}", n % 3);
    let mut keys = SearchKeys::default();
    for n in 0..100 {
        keys.push(&key(n));
    }
    assert_eq!(keys.piece_count(), 103);
    // Every row gets a new user, twice: the old users die, and once half
    // the pieces are dead they are dropped.
    let now =
        |n: usize, user: &str| format!("i{n}{OPEN}org {}{CLOSE}{OPEN}{user} {n}{CLOSE}", n % 3);
    for user in ["new", "newer"] {
        for n in 0..100 {
            keys.set(n, &now(n, user));
        }
    }
    assert!(keys.piece_count() < 250, "dead pieces were dropped");
    assert_eq!(live_pieces(&keys), 103);
    for n in 0..100 {
        assert!(keys.holds(n, &now(n, "newer")), "{n}: {}", key_of(&keys, n));
    }
    // A dead piece held again is alive again, not stored twice.
    keys.swap_remove(0);
    keys.push(&now(0, "newer"));
    assert_eq!(live_pieces(&keys), 103);
    keys.retain(&(0..100).map(|n| n % 2 == 0).collect::<Vec<_>>());
    assert_eq!(live_pieces(&keys), 3 + 50);
    keys.retain(&[false; 50]);
    assert_eq!(live_pieces(&keys), 0);
    assert!(keys.piece_count() <= 1, "{}", keys.piece_count());
}

#[test]
fn each_key_knows_where_its_scoped_fields_begin() {
    let scoped = format!("acme ops{SCOPED}ws:labs");
    let mut keys = SearchKeys::default();
    keys.push(&scoped);
    keys.push("plain only");
    assert_eq!(keys.own_parts(0).0, b"acme ops");
    assert_eq!(keys.own_parts(0).1[0], SCOPE_MARK);
    assert_eq!(keys.own_parts(1), (&b"plain only"[..], &b""[..]));
    // Replaced in place (shorter) and moved (longer): the split follows.
    keys.set(0, &format!("ab{SCOPED}ws:x"));
    assert_eq!(keys.own_parts(0).0, b"ab");
    keys.set(1, &format!("a much longer key{SCOPED}ws:y"));
    assert_eq!(keys.own_parts(1).0, b"a much longer key");
    keys.set(0, "no scope now");
    assert_eq!(keys.own_parts(0), (&b"no scope now"[..], &b""[..]));
}

#[test]
fn remembered_piece_hits_follow_new_pieces_and_renumbering() {
    let holds_ne = |text: &[u8], _: u64| text.windows(2).any(|w| w == b"ne");
    let ne = memchr::memmem::Finder::new("ne");
    let fresh = |keys: &SearchKeys| -> Vec<bool> {
        keys.piece_texts()
            .map(|(text, m)| holds_ne(text, m))
            .collect()
    };
    let mut keys = SearchKeys::default();
    for n in 0..10 {
        keys.push(&format!("i{n}{OPEN}old {n}{CLOSE}"));
    }
    assert_eq!(keys.piece_hits("ne", &ne), fresh(&keys));
    // New pieces: the remembered answer grows with them.
    for n in 0..10 {
        keys.set(n, &format!("i{n}{OPEN}new {n}{CLOSE}"));
    }
    assert_eq!(keys.piece_hits("ne", &ne), fresh(&keys));
    assert!(keys.piece_hits("ne", &ne).iter().any(|&hit| hit));
    // Renumbered by a compaction: asked again, not misread.
    for n in 0..10 {
        keys.set(n, &format!("i{n}{OPEN}other {n}{CLOSE}"));
    }
    assert!(keys.pieces.renumbered > 0, "the dead pieces were compacted");
    assert_eq!(keys.piece_hits("ne", &ne), fresh(&keys));
}

/// A word typed one letter further, and a word looked for in every piece
/// in one pass, answer as a search of each piece does: pieces added since,
/// words across two pieces' texts, and empty pieces included.
#[test]
fn piece_hits_answer_as_each_piece_searched_does() {
    let fresh = |keys: &SearchKeys, word: &str| -> Vec<bool> {
        let finder = memchr::memmem::Finder::new(word);
        keys.piece_texts()
            .map(|(text, _)| finder.find(text).is_some())
            .collect()
    };
    let hits =
        |keys: &SearchKeys, word: &str| keys.piece_hits(word, &memchr::memmem::Finder::new(word));
    let mut keys = SearchKeys::default();
    // Enough pieces for one pass over all of them (SCAN_PIECES).
    let names = ["nimbus", "nile", "acme", "dune", "nine", "ab", "cd", ""];
    for n in 0..scan::SCAN_PIECES + 200 {
        let name = names[n % names.len()];
        keys.push(&format!("i{n}{OPEN}{name} {n}{CLOSE}"));
    }
    for word in ["n", "ni", "nim", "e 1", "bc", "b c", "9", "zz"] {
        assert_eq!(hits(&keys, word), fresh(&keys, word), "{word:?}");
    }
    assert!(
        !hits(&keys, "bc").iter().any(|&hit| hit),
        "not across two pieces"
    );
    // Pieces added since: searched too, from the remembered answer on.
    keys.push(&format!("i9{OPEN}unix{CLOSE}"));
    for word in ["ni", "nix", "unix"] {
        assert_eq!(hits(&keys, word), fresh(&keys, word), "{word:?}");
    }
    assert!(hits(&keys, "nix").iter().any(|&hit| hit));
}
