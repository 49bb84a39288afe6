//! Every response sample of Slack's own SDK parses into our types, through
//! the same decoder the client uses.

use std::path::{Path, PathBuf};

use connect_triage::slack::SlackError;
use connect_triage::slack::envelope::decode;
use connect_triage::slack::responses::*;
use serde::de::DeserializeOwned;

fn samples_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/fixtures/slack-samples")
}

/// What Slack's mock server does: the samples say `"ok": false` because they
/// are the union of success and error answers.
fn as_success(text: &str) -> String {
    text.replacen("\"ok\": false", "\"ok\": true", 1)
}

/// Decode `file` as method `method`; on success, check `nonempty` on the result
/// so a type that silently drops everything does not pass.
fn check(file: &str, body: &str) -> Result<(), String> {
    fn run<T: DeserializeOwned>(
        method: &'static str,
        body: &str,
        ok: impl Fn(&T) -> bool,
    ) -> Result<(), String> {
        let value: T = decode(method, body.as_bytes()).map_err(|e| e.to_string())?;
        if ok(&value) {
            Ok(())
        } else {
            Err(format!("{method}: parsed, but the payload came out empty"))
        }
    }
    let method = method_static(file.trim_end_matches(".json"));
    match method {
        "conversations.listConnectInvites" => run::<ListConnectInvites>(method, body, |r| {
            !r.invites.is_empty()
                && r.invites.iter().all(|i| !i.id().is_empty())
                && r.invites.iter().any(|i| i.channel().is_some())
        }),
        "conversations.requestSharedInvite.list" => {
            run::<RequestSharedInviteList>(method, body, |r| {
                !r.invite_requests.is_empty() && r.invite_requests.iter().all(|i| !i.id.is_empty())
            })
        }
        "team.externalTeams.list" => run::<ExternalTeamsList>(method, body, |r| {
            !r.organizations.is_empty() && r.total_count.is_some()
        }),
        "admin.conversations.search" => run::<ConversationsSearch>(method, body, |r| {
            !r.conversations.is_empty() && r.conversations[0].id.starts_with('C')
        }),
        "conversations.list" => run::<ConversationsList>(method, body, |r| {
            !r.channels.is_empty() && r.channels.iter().all(|c| !c.id.is_empty())
        }),
        "conversations.info" => run::<ConversationsInfo>(method, body, |r| {
            r.channel.as_ref().is_some_and(|c| !c.id.is_empty())
        }),
        "auth.test" => {
            run::<AuthTestResponse>(method, body, |r| r.team_id.is_some() && r.user_id.is_some())
        }
        "conversations.requestSharedInvite.approve" | "conversations.requestSharedInvite.deny" => {
            run::<RequestDecision>(method, body, |r| r.invite_id.is_some())
        }
        "conversations.inviteShared" => {
            run::<InviteShared>(method, body, |r| r.invite_id.is_some())
        }
        "conversations.acceptSharedInvite" => {
            run::<AcceptSharedInvite>(method, body, |r| r.channel_id.is_some())
        }
        "team.externalTeams.disconnect" => run::<ExternalTeamsDisconnect>(method, body, |_| true),
        "conversations.approveSharedInvite"
        | "conversations.declineSharedInvite"
        | "conversations.externalInvitePermissions.set"
        | "admin.conversations.disconnectShared" => run::<Empty>(method, body, |_| true),
        other => Err(format!("no typed response is known for {other}")),
    }
}

/// Error messages name the method; the decoder wants it for the program's lifetime.
fn method_static(method: &str) -> &'static str {
    Box::leak(method.to_owned().into_boxed_str())
}

#[test]
fn every_sample_parses_into_its_typed_response() {
    let dir = samples_dir();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert!(
        files.len() >= 16,
        "expected the 16 method samples, found {}",
        files.len()
    );
    let failures: Vec<String> = files
        .iter()
        .filter_map(|path| {
            let name = path.file_name()?.to_str()?.to_owned();
            let text = std::fs::read_to_string(path).ok()?;
            check(&name, &as_success(&text))
                .err()
                .map(|e| format!("{name}: {e}"))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "samples that did not parse:\n{}",
        failures.join("\n")
    );
}

#[test]
fn samples_as_recorded_are_errors_with_the_envelope_fields() {
    // Unflipped, every sample is an error answer; the envelope must read it as one.
    let text = std::fs::read_to_string(samples_dir().join("conversations.list.json")).unwrap();
    let err = decode::<ConversationsList>("conversations.list", text.as_bytes()).unwrap_err();
    assert!(
        matches!(err, SlackError::Api { ref code, .. } if code == "unknown_error"),
        "{err:?}"
    );
}

#[test]
fn event_samples_are_valid_json_events() {
    let dir = samples_dir().join("events");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let value: serde_json::Value =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let event_type = value["event"]["type"].as_str().unwrap_or_default();
        assert!(
            event_type.starts_with("channel_"),
            "{}: inner event type {event_type:?}",
            path.display()
        );
        seen += 1;
    }
    assert_eq!(seen, 2);
}

fn wave2(path: &str) -> serde_json::Value {
    let file = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/fixtures/wave2")
        .join(path);
    let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()))
}

/// Every Connect event sample, inner or wrapped, reads as its typed event
/// with the fields the TUI uses; both shapes of `_requested` included.
#[test]
fn wave2_connect_events_parse_into_their_typed_events() {
    use connect_triage::slack::models::{ConnectEvent, EventCallback};
    let inner = |path: &str| -> ConnectEvent {
        serde_json::from_value(wave2(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
    };
    let invite_ids = [
        (
            "events/java-unittest.shared_channel_invite_received.json",
            "received",
        ),
        (
            "events/java-unittest.shared_channel_invite_accepted.json",
            "accepted",
        ),
        (
            "events/java-unittest.shared_channel_invite_approved.json",
            "approved",
        ),
        (
            "events/java-unittest.shared_channel_invite_declined.json",
            "declined",
        ),
    ];
    for (path, kind) in invite_ids {
        let event = inner(path);
        let (ConnectEvent::InviteReceived(e)
        | ConnectEvent::InviteAccepted(e)
        | ConnectEvent::InviteApproved(e)
        | ConnectEvent::InviteDeclined(e)) = &event
        else {
            panic!("{path}: {event:?}");
        };
        assert!(
            e.invite_id().is_some_and(|id| id.starts_with('I')),
            "{path}"
        );
        assert!(
            e.channel.as_ref().is_some_and(|c| !c.id.is_empty()),
            "{path}"
        );
        match kind {
            "accepted" => {
                assert!(matches!(event, ConnectEvent::InviteAccepted(_)));
                assert!(e.accepting_user.is_some() && e.approval_required.is_some());
            }
            "approved" => {
                assert!(matches!(event, ConnectEvent::InviteApproved(_)));
                let (user, team) = e.decider();
                assert_eq!(user.map(|u| u.display()), Some("Egon Spengler"));
                assert_eq!(team, Some("T87654321"));
            }
            "declined" => {
                assert!(matches!(event, ConnectEvent::InviteDeclined(_)));
                assert!(e.decider().0.is_some(), "{path}");
            }
            _ => assert!(matches!(event, ConnectEvent::InviteReceived(_))),
        }
    }
    for path in [
        "events/docs.channel_shared.inner.json",
        "events/docs.channel_unshared.inner.json",
    ] {
        let (ConnectEvent::ChannelShared(e) | ConnectEvent::ChannelUnshared(e)) = inner(path)
        else {
            panic!("{path}");
        };
        assert_eq!(e.channel_id(), Some("C123ABC456"));
        assert_eq!(e.team_id(), Some("E163Q94DX"));
    }
    let ConnectEvent::ChannelUnshared(e) = inner("events/docs.channel_unshared.inner.json") else {
        panic!("unshared");
    };
    assert_eq!(e.is_ext_shared, Some(false));

    // The workflow trigger's flat shape, given its type as the Events API does.
    let mut flat = wave2("events/docs.shared_channel_invite_requested.workflow-trigger.json");
    flat["type"] = "shared_channel_invite_requested".into();
    let ConnectEvent::InviteRequested(flat) = serde_json::from_value(flat).unwrap() else {
        panic!("flat requested");
    };
    let channel = flat.channel();
    assert_eq!(channel.id, "C0123ABCDEF");
    assert_eq!(channel.name.as_deref(), Some("our-channel"));
    assert_eq!(channel.is_private, Some(false));
    assert_eq!(
        flat.target_users[0].invite_id.as_deref(),
        Some("I0123456ABC")
    );
    assert_eq!(flat.actor.unwrap().to_user().display(), "primary-owner");

    // The Events API shape, whole envelope.
    let wrapped: EventCallback = serde_json::from_value(wave2(
        "events/derived/docs.shared_channel_invite_requested.events-api.trailing-comma-removed.json",
    ))
    .unwrap();
    assert_eq!(wrapped.event_id.as_deref(), Some("Ev123ABC456"));
    assert_eq!(wrapped.workspace(), Some("T123ABC456"));
    let ConnectEvent::InviteRequested(api) = wrapped.connect_event() else {
        panic!("api requested");
    };
    let channel = api.channel();
    assert_eq!(channel.id, "C0123ABCDEF");
    assert_eq!(channel.name.as_deref(), Some("host-team12345678999"));
    assert_eq!(api.actor.unwrap().to_user().display(), "User Name");
    assert_eq!(
        api.target_users[0].email.as_deref(),
        Some("mock-user@some-corp.com")
    );

    // Whole deliveries of the channel events, and an event we do not act on.
    for path in [
        "events/java-sample.ChannelSharedPayload.json",
        "events/java-sample.ChannelUnsharedPayload.json",
    ] {
        let wrapped: EventCallback = serde_json::from_value(wave2(path)).unwrap();
        assert!(
            matches!(
                wrapped.connect_event(),
                ConnectEvent::ChannelShared(_) | ConnectEvent::ChannelUnshared(_)
            ),
            "{path}"
        );
    }
    let other: EventCallback =
        serde_json::from_value(wave2("events/java-sample.TeamAccessGrantedPayload.json")).unwrap();
    assert_eq!(other.connect_event(), ConnectEvent::Other);
    // A retried envelope of Slack's SDK mock names its attempt.
    let envelope = wave2("socket-mode/bolt-python-mock.envelope.events_api.retry_attempt_1.json");
    assert_eq!(envelope["retry_attempt"], 1);
    let payload: EventCallback = serde_json::from_value(envelope["payload"].clone()).unwrap();
    assert_eq!(payload.event_id.as_deref(), Some("Ev111"));
    assert_eq!(payload.connect_event(), ConnectEvent::Other);
}
