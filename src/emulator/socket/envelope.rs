//! Socket Mode's frames (enterprise-and-events.md §2): `hello`,
//! `disconnect`, the `events_api` envelope around an Events API
//! `event_callback` body, and the ids and tokens they carry.

use serde_json::{Value, json};

use crate::emulator::dataset::mix;
use crate::emulator::events::Emitted;

/// The emulated app.
pub(crate) const APP_ID: &str = "A0EMU0APP1";
const HOST: &str = "applink-emulator";
/// Most redeliveries of an unacked envelope, as the Events API retries.
pub(crate) const MAX_RETRIES: u32 = 3;

/// `xapp-1-A0EMU0APP1-<13 digits>-<64 hex>`, Slack's app-level token shape.
pub(crate) fn app_token(seed: u64) -> String {
    let a = mix(seed ^ 0x7861_7070_0000_0001);
    let hex: String = (0..4)
        .scan(a, |h, _| {
            *h = mix(*h);
            Some(format!("{:016x}", *h))
        })
        .collect();
    format!(
        "xapp-1-{APP_ID}-{}-{hex}",
        1_000_000_000_000 + a % 9_000_000_000_000
    )
}

/// The payloads' `token` (the legacy verification token), fixed per seed.
pub(crate) fn verification_token(seed: u64) -> String {
    const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    let mut h = mix(seed ^ 0x7665_7269_6679);
    (0..24)
        .map(|i| {
            if i % 8 == 0 {
                h = mix(h);
            }
            let c = ALPHABET[(h % ALPHABET.len() as u64) as usize] as char;
            h /= ALPHABET.len() as u64;
            c
        })
        .collect()
}

/// A version-4-looking UUID from two hashes.
pub(crate) fn uuid(a: u64, b: u64) -> String {
    let (a, b) = (mix(a), mix(b ^ a));
    format!(
        "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
        a >> 32,
        (a >> 16) & 0xFFFF,
        a & 0x0FFF,
        0x8000 | ((b >> 48) & 0x3FFF),
        b & 0xFFFF_FFFF_FFFF
    )
}

/// `Ev` + 10 characters: six seeded, then the sequence number, so two never collide.
pub(crate) fn event_id(seed: u64, n: u64) -> String {
    const ALPHABET: &[u8] = b"0123456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    let base = ALPHABET.len() as u64;
    let mut h = mix(seed ^ 0x4576_0000 ^ n.wrapping_mul(0x9E37_79B9));
    let mut id = String::from("Ev0");
    for _ in 0..5 {
        id.push(ALPHABET[(h % base) as usize] as char);
        h /= base;
    }
    let mut tail = Vec::new();
    let mut k = n;
    loop {
        tail.push(ALPHABET[(k % base) as usize]);
        k /= base;
        if k == 0 && tail.len() >= 4 {
            break;
        }
    }
    id.extend(tail.iter().rev().map(|b| *b as char));
    id
}

/// Who the app was installed by, for `authorizations`.
pub(crate) struct Install {
    pub enterprise_id: Option<String>,
    pub user_id: String,
    /// An org-wide install: `authorizations[0].team_id` is then `null` and
    /// `payload.team_id` alone names the workspace.
    pub org_wide: bool,
    pub verification_token: String,
}

/// The Events API `event_callback` body for one event.
pub(crate) fn payload(install: &Install, e: &Emitted, event_id: &str, now: i64, seq: u64) -> Value {
    let mut event = e.event.clone();
    let kind = event["type"].as_str().unwrap_or_default().to_owned();
    if let Value::Object(m) = &mut event {
        // Unique within the second, as Slack's `ts` values are.
        m.insert(
            "event_ts".into(),
            json!(format!("{now}.{:06}", seq % 1_000_000)),
        );
    }
    let team_of_install = if install.org_wide {
        Value::Null
    } else {
        json!(e.team_id)
    };
    json!({
        "token": install.verification_token,
        "team_id": e.team_id,
        "enterprise_id": install.enterprise_id,
        "api_app_id": APP_ID,
        "event": event,
        "type": "event_callback",
        "event_id": event_id,
        "event_time": now,
        "authorizations": [{
            "enterprise_id": install.enterprise_id,
            "team_id": team_of_install,
            "user_id": install.user_id,
            "is_bot": false,
            "is_enterprise_install": install.org_wide,
        }],
        "is_ext_shared_channel": true,
        "event_context": format!("1-{kind}-{}-{}", e.team_id, e.channel_id),
    })
}

/// The envelope a delivery attempt sends; `retry_attempt` 0 is the first.
pub(crate) fn envelope(envelope_id: &str, payload: &Value, retry_attempt: u32) -> String {
    json!({
        "envelope_id": envelope_id,
        "type": "events_api",
        "payload": payload,
        "accepts_response_payload": false,
        "retry_attempt": retry_attempt,
        "retry_reason": if retry_attempt == 0 { "" } else { "timeout" },
    })
    .to_string()
}

pub(crate) fn hello(num_connections: usize) -> String {
    json!({
        "type": "hello",
        "num_connections": num_connections,
        "debug_info": {"host": HOST, "build_number": 1, "approximate_connection_time": 18060},
        "connection_info": {"app_id": APP_ID},
    })
    .to_string()
}

pub(crate) fn disconnect(reason: &str) -> String {
    json!({"type": "disconnect", "reason": reason, "debug_info": {"host": HOST}}).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_tokens_have_slacks_shapes() {
        let t = app_token(4);
        assert_eq!(t, app_token(4));
        assert_ne!(t, app_token(5));
        let parts: Vec<&str> = t.split('-').collect();
        assert_eq!(parts[..3], ["xapp", "1", APP_ID]);
        assert_eq!(parts[3].len(), 13);
        assert!(parts[3].bytes().all(|b| b.is_ascii_digit()));
        assert_eq!(parts[4].len(), 64);
        assert!(parts[4].bytes().all(|b| b.is_ascii_hexdigit()));
        let u = uuid(1, 2);
        assert_eq!(u.len(), 36);
        assert_eq!(u.matches('-').count(), 4);
        assert_ne!(event_id(1, 1), event_id(1, 2));
        assert_eq!(event_id(1, 7).len(), 12);
        assert!(event_id(1, 7).starts_with("Ev"));
        assert_eq!(verification_token(3).len(), 24);
    }
}
