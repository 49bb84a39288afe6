//! The lookalike signal: what resembles a known org, and what does not.

use super::super::lookalike::folded_words;
use super::*;

#[test]
fn stripe_is_not_a_lookalike_of_itself_but_imitations_are() {
    let risk = context();
    let like_stripe = Some("looks like Stripe (T0STRIPE01)".to_owned());
    // The same org (same ID) is never its own lookalike, verified or not.
    let real = team("T0STRIPE01", "Stripe", "stripe", Some(true));
    assert_eq!(lookalike_of(&risk, real), None);
    // A Cyrillic "і" (U+0456): the TR39 skeleton is "stripe".
    let cyrillic = team("T0FAKE0001", "Str\u{0456}pe", "billing-portal", Some(false));
    assert_eq!(lookalike_of(&risk, cyrillic), like_stripe);
    // More words around the known name; company words; case; punctuation.
    for name in [
        "Stripe Payments Inc",
        "STRIPE, Inc.",
        "The Stripe Company",
        "S-t-r-i-p-e",
    ] {
        let other = team("T0OTHER001", name, "other", None);
        assert_eq!(lookalike_of(&risk, other), like_stripe, "{name}");
    }
    // One edit: a transposition, a digit for a letter, a letter more.
    for name in ["Stirpe", "Str1pe", "Strripe"] {
        let other = team("T0OTHER001", name, "other", None);
        assert_eq!(lookalike_of(&risk, other), like_stripe, "{name}");
    }
    // By the domain alone.
    let by_domain = team("T0OTHER001", "Payments Hub", "stripe-pay", None);
    assert_eq!(lookalike_of(&risk, by_domain), like_stripe);
}

#[test]
fn unrelated_and_short_names_are_not_lookalikes() {
    let risk = context();
    for name in ["Globex", "Initech Payments", "Stri", "Okra"] {
        let other = team("T0OTHER001", name, "other", None);
        assert_eq!(lookalike_of(&risk, other), None, "{name}");
    }
    // A run of words shorter than four letters is no match ("Ok" in "Ok Go").
    let okta = team("T0OTHER001", "Okta Security", "oksec", None);
    assert_eq!(
        lookalike_of(&risk, okta).as_deref(),
        Some("looks like Okta (T0OKTA0001)")
    );
    // Nothing known (the Orgs list not in yet): nothing to resemble.
    let empty = RiskContext::default();
    let fake = team("T0FAKE0001", "Str\u{0456}pe", "x", None);
    assert_eq!(lookalike_of(&empty, fake), None);
}

#[test]
fn verified_teams_seen_on_invites_are_known_too() {
    let mut risk = RiskContext::build(OURS, None::<std::iter::Empty<&Org>>, [].iter());
    let datadog = incoming(
        team("T0DDOG0001", "Datadog", "datadoghq", Some(true)),
        "a@b.c",
    );
    let fake = incoming(team("T0FAKE0001", "Datad0g", "ddog-support", None), "a@b.c");
    risk.learn_invites([&fake].into_iter(), OURS);
    assert_eq!(
        lookalike_of(&risk, team("T0FAKE0001", "Datad0g", "x", None)),
        None
    );
    assert!(!risk.is_stale());
    // Datadog arrives after the fake was judged: the fake must be judged again.
    risk.learn_invites([&datadog].into_iter(), OURS);
    assert!(risk.is_stale());
    let signals = invite_signals(&risk, &fake);
    assert_eq!(
        evidence(&signals, RiskKind::Lookalike),
        Some("looks like Datadog (T0DDOG0001)")
    );
    // A disconnected org is no longer one we compare against.
    let mut gone = org("T0GONE0001", "Harbor Analytics", "harbor", 0);
    gone.connection_status = Some(Arc::from("DISCONNECTED"));
    let risk = RiskContext::build(OURS, Some([gone].iter()), [].iter());
    let similar = team("T0OTHER001", "Harbor Analytic", "x", None);
    assert_eq!(lookalike_of(&risk, similar), None);
}

#[test]
fn folding_drops_accents_invisible_characters_and_company_words() {
    assert_eq!(folded_words("Strípe\u{200B}, Inc."), ["stripe"]);
    assert_eq!(folded_words("Kessler & Wu LLP"), ["kessler", "wu"]);
    assert_eq!(folded_words("Zürich Re"), ["zurich", "re"]);
    // A name that is only a company word keeps it (in its skeleton: that
    // of "m" is "rn", as it reads).
    assert_eq!(folded_words("Company"), ["cornpany"]);
    assert_eq!(folded_words("Acme Company"), ["acrne"]);
}
