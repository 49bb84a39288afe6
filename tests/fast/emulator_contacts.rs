//! users.discoverableContacts.lookup in the emulator: people the org sees
//! on Slack are discoverable, a fresh outside address is not, and a bad
//! argument gets Slack's error.

use crate::support::emulator::*;

const LOOKUP: &str = "users.discoverableContacts.lookup";

#[tokio::test]
async fn known_people_are_discoverable_and_fresh_addresses_are_not() {
    let emu = start_demo().await;
    for (email, known) in [
        // Maersk's inviter, one of our members, in another case.
        ("anders.holm@maersk.com", true),
        ("Tom.Kowalski@Northbeam.com", true),
        // What requests name: someone not on Slack yet.
        ("j.morgan@gmail.com", false),
        ("dispatch@coastalfreight.io", false),
    ] {
        let body = ok(&emu, LOOKUP, &[("email", email)]).await;
        assert_eq!(body["is_discoverable"], known, "{email}: {body}");
        assert_eq!(
            body.as_object().unwrap().len(),
            2,
            "ok and is_discoverable only"
        );
    }
    assert_eq!(err(&emu, LOOKUP, &[]).await, "invalid_arguments");
    assert_eq!(
        err(&emu, LOOKUP, &[("email", "no-at-sign")]).await,
        "invalid_arguments"
    );
    let long = format!("{}@example.com", "a".repeat(100));
    assert_eq!(
        err(&emu, LOOKUP, &[("email", &long)]).await,
        "invalid_arguments"
    );
    // Both scopes are needed.
    let reply = call(&emu, LOOKUP, &manage_only(&emu), &[("email", "x@y.com")]).await;
    assert_eq!(reply.body["error"], "missing_scope", "{:?}", reply.body);
}
