//! Who acts: our own users (the admin, a second admin, the members the data
//! names), the user behind each token, and the full user objects events
//! carry.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde_json::{Value, json};

use crate::slack::models::{ConnectUser, UserProfile};

use super::dataset::{SECOND_ADMIN_ID, SECOND_ADMIN_NAME, TokenSpec};
use super::records::UserRef;
use super::state::State;

const SECOND_ADMIN_REAL_NAME: &str = "Priya Nair";

/// "maya.ortiz" → "Maya Ortiz": a real name for a handle that came without one.
fn real_name_of(handle: &str) -> String {
    handle
        .split(['.', '_', '-', ' '])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect::<String>())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// One of our users, made from a handle.
pub(crate) fn our_user(state: &State, id: &str, handle: &str, real_name: Option<&str>) -> UserRef {
    let team = state.me.team_id.clone();
    let domain = state.me.team_ref.domain.clone().unwrap_or_default();
    let real = real_name.map_or_else(|| real_name_of(handle), str::to_owned);
    Arc::new(ConnectUser {
        id: id.to_owned(),
        team_id: Some(team.clone()),
        name: Some(handle.to_owned()),
        who_can_share_contact_card: Some("EVERYONE".into()),
        profile: Some(Box::new(UserProfile {
            display_name: real.split(' ').next().map(str::to_owned),
            real_name: Some(real),
            team: Some(team),
            email: (!domain.is_empty()).then(|| format!("{handle}@{domain}.com")),
            ..UserProfile::default()
        })),
        ..ConnectUser::default()
    })
}

/// Our users the data names (request makers, accepting members, inviters),
/// plus the second admin; by id, so picking from them is deterministic.
fn collect(state: &State) -> BTreeMap<String, UserRef> {
    let mut out = BTreeMap::new();
    let ours = |u: &UserRef| u.team_id.as_deref().is_some_and(|t| state.me.is_us(t));
    let mut add = |u: &UserRef| {
        if ours(u) && u.id != state.me.user_id {
            out.entry(u.id.clone()).or_insert_with(|| u.clone());
        }
    };
    for r in state.requests.values() {
        r.inviting_user.iter().for_each(&mut add);
    }
    for i in state.invites.values() {
        i.inviting_user.iter().for_each(&mut add);
        i.acceptances
            .iter()
            .flat_map(|a| &a.user)
            .for_each(&mut add);
    }
    out.entry(SECOND_ADMIN_ID.to_owned()).or_insert_with(|| {
        our_user(
            state,
            SECOND_ADMIN_ID,
            SECOND_ADMIN_NAME,
            Some(SECOND_ADMIN_REAL_NAME),
        )
    });
    out
}

impl State {
    /// Fills `people` from the data (State::new cannot: people sits above state).
    pub fn with_people(mut self) -> State {
        self.people = collect(&self);
        self
    }

    /// The user a token acts as: the one it names, else our admin.
    pub fn token_user(&self, token: &TokenSpec) -> UserRef {
        match token.user_id.as_deref() {
            None => self.me.user_ref.clone(),
            Some(id) if id == self.me.user_id => self.me.user_ref.clone(),
            Some(id) => {
                self.people.get(id).cloned().unwrap_or_else(|| {
                    our_user(self, id, token.user.as_deref().unwrap_or(id), None)
                })
            }
        }
    }
}

/// Slack's full user object (§2.2): what the data gave, with the fields a
/// real profile always has filled in.
pub(crate) fn full_user(user: &ConnectUser, now: i64) -> Value {
    let mut v = serde_json::to_value(user).unwrap_or_else(|_| json!({}));
    let handle = user.name.clone().unwrap_or_else(|| user.id.clone());
    let profile = user.profile.clone().unwrap_or_default();
    let real = profile
        .real_name
        .clone()
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| real_name_of(&handle));
    let display = profile
        .display_name
        .clone()
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| real.clone());
    let hash = format!("g{:011x}", super::dataset::mix(fnv(&user.id)) >> 20);
    let image = |size: u32| {
        json!(format!(
            "https://secure.gravatar.com/avatar/{hash}.jpg?s={size}&d=identicon"
        ))
    };
    let Value::Object(map) = &mut v else {
        return v;
    };
    map.entry("team_id")
        .or_insert_with(|| json!(profile.team.clone().unwrap_or_default()));
    map.entry("name").or_insert_with(|| json!(handle));
    map.entry("updated").or_insert_with(|| json!(now));
    map.entry("who_can_share_contact_card")
        .or_insert_with(|| json!("EVERYONE"));
    let team = map.get("team_id").cloned().unwrap_or(Value::Null);
    let p = map.entry("profile").or_insert_with(|| json!({}));
    if let Value::Object(p) = p {
        p.insert("real_name".into(), json!(real));
        p.insert("display_name".into(), json!(display));
        p.insert("real_name_normalized".into(), json!(real));
        p.insert("display_name_normalized".into(), json!(display));
        p.entry("team").or_insert(team);
        p.entry("avatar_hash").or_insert_with(|| json!(hash));
        p.entry("email")
            .or_insert_with(|| json!(profile.email.clone().unwrap_or_default()));
        for size in [24, 32, 48, 72, 192, 512] {
            p.entry(format!("image_{size}"))
                .or_insert_with(|| image(size));
        }
        p.entry("is_custom_image").or_insert(json!(false));
    }
    v
}

/// FNV-1a: a stable hash of a string (std's hasher may change between releases).
pub(crate) fn fnv(s: &str) -> u64 {
    s.bytes().fold(0xCBF2_9CE4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01B3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emulator::dataset::{Dataset, default_tokens};

    #[test]
    fn the_second_token_is_the_second_admin() {
        let state = State::new(Dataset::demo()).with_people();
        let tokens = default_tokens(1);
        assert_eq!(state.token_user(&tokens[0]).id, state.me.user_id);
        let priya = state.token_user(&tokens[1]);
        assert_eq!(priya.id, SECOND_ADMIN_ID);
        assert_eq!(priya.team_id.as_deref(), Some("T0NBHQ0001"));
        let full = full_user(&priya, 5);
        assert_eq!(full["profile"]["real_name"], "Priya Nair");
        assert_eq!(full["profile"]["email"], "priya.nair@northbeam.com");
        assert_eq!(full["updated"], 5);
        assert!(full["profile"]["image_512"].is_string());
        // Liam made requests in the demo: he is one of ours.
        assert!(state.people.contains_key("U0NBLIAM01"));
    }
}
