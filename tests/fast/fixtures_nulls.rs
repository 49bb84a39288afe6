//! `null` where a field may be missing reads as if it were missing. Every
//! fixture that parses today is decoded again with each of its fields (at any
//! depth, list elements included) first removed, then set to `null`: when the
//! copy without the field decodes, the copy with `null` must decode to the
//! same value. Slack sends `null` for "nothing" in places the samples show a
//! value, and one such field must not fail a whole page.

use std::collections::BTreeMap;
use std::fmt::Debug;
use std::path::{Path, PathBuf};

use connect_triage::slack::envelope::decode;
use connect_triage::slack::models::{ChannelEvent, ConnectEvent, EventCallback};
use connect_triage::slack::responses::*;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// A decoded document, in a form two decodes can be compared by.
struct Decoded {
    debug: String,
    /// The value serialized again, when its type can be: a `null` the models
    /// keep as raw JSON (a channel's `purpose`, an org's prefs) shows here,
    /// and differs from absence on purpose.
    wire: Option<Value>,
}

type Decoder = Box<dyn Fn(&Value) -> Result<Decoded, String>>;

struct Fixture {
    name: String,
    decoder: Decoder,
    doc: Value,
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/fixtures")
}

fn json_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

fn read(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The SDK samples say `"ok": false` because they are unions of success and
/// error answers; the payload is only decoded from a success.
fn as_success(mut doc: Value) -> Value {
    if doc.get("ok") == Some(&Value::Bool(false)) {
        doc["ok"] = Value::Bool(true);
    }
    doc
}

fn typed<T: DeserializeOwned + Serialize + Debug>(method: &'static str) -> Decoder {
    Box::new(move |doc| {
        let body = serde_json::to_vec(doc).expect("a Value serializes");
        let value: T = decode(method, &body).map_err(|e| e.to_string())?;
        Ok(Decoded {
            debug: format!("{value:?}"),
            wire: serde_json::to_value(&value).ok(),
        })
    })
}

/// The decoder the client uses for `method`, or `None` for methods it never reads.
fn method_decoder(method: &str) -> Option<Decoder> {
    let method: &'static str = Box::leak(method.to_owned().into_boxed_str());
    Some(match method {
        "conversations.listConnectInvites" => typed::<ListConnectInvites>(method),
        "conversations.requestSharedInvite.list" => typed::<RequestSharedInviteList>(method),
        "team.externalTeams.list" => typed::<ExternalTeamsList>(method),
        "admin.conversations.search" => typed::<ConversationsSearch>(method),
        "conversations.list" => typed::<ConversationsList>(method),
        "conversations.info" => typed::<ConversationsInfo>(method),
        "auth.test" => typed::<AuthTestResponse>(method),
        "auth.teams.list" => typed::<AuthTeamsList>(method),
        "apps.connections.open" => typed::<ConnectionsOpen>(method),
        "users.discoverableContacts.lookup" => typed::<DiscoverableLookup>(method),
        "conversations.requestSharedInvite.approve" | "conversations.requestSharedInvite.deny" => {
            typed::<RequestDecision>(method)
        }
        "conversations.inviteShared" => typed::<InviteShared>(method),
        "conversations.acceptSharedInvite" => typed::<AcceptSharedInvite>(method),
        "team.externalTeams.disconnect" => typed::<ExternalTeamsDisconnect>(method),
        "conversations.approveSharedInvite"
        | "conversations.declineSharedInvite"
        | "conversations.externalInvitePermissions.set"
        | "admin.conversations.disconnectShared" => typed::<Empty>(method),
        _ => return None,
    })
}

/// An event as the app reads it. The raw JSON the event types keep (the
/// wrapped `event`, a `channel` that is a string or an object) is shown
/// through the accessors that interpret it, not as the JSON itself.
fn event_view(event: ConnectEvent) -> String {
    fn channel_event(kind: &str, mut e: ChannelEvent) -> String {
        let id = e.channel_id().map(str::to_owned);
        e.channel = None;
        format!("{kind} {e:?} channel_id={id:?}")
    }
    match event {
        ConnectEvent::InviteRequested(mut e) => {
            let channel = e.channel();
            (e.channel, e.channel_id, e.channel_name, e.channel_type) = (None, None, None, None);
            format!("requested {e:?} channel={channel:?}")
        }
        ConnectEvent::ChannelShared(e) => channel_event("shared", e),
        ConnectEvent::ChannelUnshared(e) => channel_event("unshared", e),
        other => format!("{other:?}"),
    }
}

fn wrapped_event() -> Decoder {
    Box::new(|doc| {
        let mut wrapped: EventCallback =
            serde_json::from_value(doc.clone()).map_err(|e| e.to_string())?;
        let inner = event_view(wrapped.connect_event());
        wrapped.event = None;
        Ok(Decoded {
            debug: format!("{wrapped:?} {inner}"),
            wire: None,
        })
    })
}

fn inner_event() -> Decoder {
    Box::new(|doc| {
        let event: ConnectEvent = serde_json::from_value(doc.clone()).map_err(|e| e.to_string())?;
        Ok(Decoded {
            debug: event_view(event),
            wire: None,
        })
    })
}

/// The event a sample file holds: a docs entry keeps it under `example`, and
/// the workflow trigger's shape comes without the type the Events API gives it.
fn event_sample(name: &str, doc: Value) -> Value {
    let mut event = if name.starts_with("slack-api-ref.") {
        doc["example"].clone()
    } else {
        doc
    };
    if name.contains("workflow-trigger") {
        event["type"] = "shared_channel_invite_requested".into();
    }
    event
}

fn event_fixture(name: String, doc: Value) -> Fixture {
    let decoder = if doc.get("event").is_some_and(Value::is_object) {
        wrapped_event()
    } else {
        inner_event()
    };
    Fixture { name, decoder, doc }
}

/// Every method answer among the fixtures, as (fixture, method, answer).
fn method_answers(root: &Path) -> Vec<(String, String, Value)> {
    let mut out = Vec::new();
    for path in json_files(&root.join("slack-samples")) {
        let name = path.file_name().unwrap().to_str().unwrap().to_owned();
        let method = name.trim_end_matches(".json").to_owned();
        out.push((
            format!("slack-samples/{name}"),
            method,
            as_success(read(&path)),
        ));
    }
    for path in json_files(&root.join("wave2/api")) {
        let name = path.file_name().unwrap().to_str().unwrap().to_owned();
        let stem = name.trim_end_matches(".json");
        let doc = read(&path);
        if let Some(method) = stem.strip_prefix("java-sample.") {
            out.push((
                format!("wave2/api/{name}"),
                method.to_owned(),
                as_success(doc),
            ));
        } else if let Some(method) = stem.strip_prefix("slack-api-ref.") {
            // A docs page: its example success answers are the method answers.
            let examples = doc["examples"].as_object().cloned().unwrap_or_default();
            for (key, example) in examples {
                let answer = example["example"].clone();
                if answer["ok"] == Value::Bool(true) {
                    out.push((format!("wave2/api/{name}#{key}"), method.to_owned(), answer));
                }
            }
        } else {
            // The Audit Logs API answers have no envelope method name.
            out.push((format!("wave2/api/{name}"), stem.to_owned(), doc));
        }
    }
    for path in json_files(&root.join("wave2/socket-mode")) {
        let name = path.file_name().unwrap().to_str().unwrap().to_owned();
        if name.starts_with("docs.apps.connections.open.") {
            let method = "apps.connections.open".to_owned();
            out.push((format!("wave2/socket-mode/{name}"), method, read(&path)));
        }
    }
    out
}

/// Every fixture with a decoder, and the names of those without one.
fn fixtures() -> (Vec<Fixture>, Vec<String>) {
    let root = root();
    let mut out = Vec::new();
    let mut untyped = Vec::new();
    for (name, method, doc) in method_answers(&root) {
        match method_decoder(&method) {
            Some(decoder) => out.push(Fixture { name, decoder, doc }),
            None => untyped.push(name),
        }
    }
    for dir in [
        "slack-samples/events",
        "wave2/events",
        "wave2/events/derived",
    ] {
        for path in json_files(&root.join(dir)) {
            let name = path.file_name().unwrap().to_str().unwrap();
            out.push(event_fixture(
                format!("{dir}/{name}"),
                event_sample(name, read(&path)),
            ));
        }
    }
    (out, untyped)
}

/// A JSON Pointer token for `key`.
fn token(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// Every object field under `value`, as (pointer to its object, key).
fn fields(value: &Value, at: &str, out: &mut Vec<(String, String)>) {
    match value {
        Value::Object(map) => {
            for (key, inner) in map {
                out.push((at.to_owned(), key.clone()));
                fields(inner, &format!("{at}/{}", token(key)), out);
            }
        }
        Value::Array(items) => {
            for (i, inner) in items.iter().enumerate() {
                fields(inner, &format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

/// `doc` with the field removed (`None`) or replaced.
fn with_field(doc: &Value, parent: &str, key: &str, value: Option<Value>) -> Value {
    let mut copy = doc.clone();
    let object = copy
        .pointer_mut(parent)
        .and_then(Value::as_object_mut)
        .expect("the field's object is where the walk found it");
    match value {
        Some(value) => object.insert(key.to_owned(), value),
        None => object.remove(key),
    };
    copy
}

/// Where two renderings first differ, with a little context either side.
fn difference(a: &str, b: &str) -> String {
    let at = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    let around = |s: &str| -> String { s.chars().skip(at.saturating_sub(40)).take(100).collect() };
    format!("with null …{}… / absent …{}…", around(a), around(b))
}

#[test]
fn null_reads_as_absent_in_every_optional_field_of_every_fixture() {
    let (fixtures, untyped) = fixtures();
    let (mut checked, mut raw) = (0, 0);
    // Fields a fixture does not decode without, by name: they stay required.
    let mut required: BTreeMap<String, usize> = BTreeMap::new();
    let mut unparsed = Vec::new();
    let mut failures = Vec::new();
    for fixture in &fixtures {
        if let Err(e) = (fixture.decoder)(&fixture.doc) {
            unparsed.push(format!("{}: {e}", fixture.name));
            continue;
        }
        let mut paths = Vec::new();
        fields(&fixture.doc, "", &mut paths);
        for (parent, key) in paths {
            let path = format!("{parent}/{}", token(&key));
            let Ok(absent) = (fixture.decoder)(&with_field(&fixture.doc, &parent, &key, None))
            else {
                *required.entry(key).or_default() += 1;
                continue;
            };
            checked += 1;
            let nulled = with_field(&fixture.doc, &parent, &key, Some(Value::Null));
            match (fixture.decoder)(&nulled) {
                Err(e) => failures.push(format!("{} {path}: {e}", fixture.name)),
                Ok(null) if null.debug == absent.debug => {}
                Ok(null)
                    if null.wire.as_ref().and_then(|w| w.pointer(&path)) == Some(&Value::Null) =>
                {
                    raw += 1;
                }
                Ok(null) => failures.push(format!(
                    "{} {path}: decodes, but not as absence: {}",
                    fixture.name,
                    difference(&null.debug, &absent.debug)
                )),
            }
        }
    }
    eprintln!(
        "{} fixtures: {checked} optional fields nulled ({raw} inside raw JSON), \
         required fields left alone: {required:?}; not parsed: {unparsed:?}; no decoder: {untyped:?}",
        fixtures.len()
    );
    assert!(
        fixtures.len() >= 40 && checked >= 1200,
        "the fixtures went missing: {} fixtures, {checked} fields",
        fixtures.len()
    );
    assert!(
        failures.is_empty(),
        "{} of {checked} optional fields fail when null:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
