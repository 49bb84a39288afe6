//! Invites written straight to JSON from the records, for the pages of
//! listConnectInvites: keys are written as they are, values go through
//! serde_json, and the team and user objects that make up half of a page
//! are copied from JSON written once at start ([`WireCache`]). The output
//! equals serializing `InviteRec::to_wire` (tested below).

use std::collections::HashMap;
use std::sync::Arc;

use serde::Serialize;

use super::records::{AcceptRec, InviteRec, TeamRef, UserRef};

/// The JSON of the teams and users the data named, by id. It is used only
/// for the very object it was written from (`Arc::ptr_eq`): one made later
/// with the same id is written afresh.
#[derive(Default)]
pub(crate) struct WireCache {
    teams: HashMap<String, (TeamRef, Box<[u8]>)>,
    users: HashMap<String, (UserRef, Box<[u8]>)>,
}

impl WireCache {
    pub fn new<'a>(
        teams: impl Iterator<Item = &'a TeamRef>,
        users: impl Iterator<Item = &'a UserRef>,
    ) -> WireCache {
        fn written<T: Serialize>(v: &T) -> Option<Box<[u8]>> {
            serde_json::to_vec(v).ok().map(Vec::into_boxed_slice)
        }
        WireCache {
            teams: teams
                .filter_map(|t| Some((t.id.clone(), (t.clone(), written(&**t)?))))
                .collect(),
            users: users
                .filter_map(|u| Some((u.id.clone(), (u.clone(), written(&**u)?))))
                .collect(),
        }
    }

    fn team(&self, out: &mut Vec<u8>, team: &TeamRef) -> serde_json::Result<()> {
        match self.teams.get(&team.id) {
            Some((known, json)) if Arc::ptr_eq(known, team) => {
                out.extend_from_slice(json);
                Ok(())
            }
            _ => serde_json::to_writer(out, &**team),
        }
    }

    fn user(&self, out: &mut Vec<u8>, user: &UserRef) -> serde_json::Result<()> {
        match self.users.get(&user.id) {
            Some((known, json)) if Arc::ptr_eq(known, user) => {
                out.extend_from_slice(json);
                Ok(())
            }
            _ => serde_json::to_writer(out, &**user),
        }
    }
}

/// A JSON object being written: `key` puts the comma and the key (ours,
/// plain ASCII, so nothing to escape).
struct Object<'a> {
    out: &'a mut Vec<u8>,
    empty: bool,
}

impl<'a> Object<'a> {
    fn open(out: &'a mut Vec<u8>) -> Object<'a> {
        out.push(b'{');
        Object { out, empty: true }
    }

    fn key(&mut self, key: &str) -> &mut Vec<u8> {
        if !self.empty {
            self.out.push(b',');
        }
        self.empty = false;
        self.out.push(b'"');
        self.out.extend_from_slice(key.as_bytes());
        self.out.extend_from_slice(b"\":");
        self.out
    }

    fn entry<T: Serialize + ?Sized>(&mut self, key: &str, v: &T) -> serde_json::Result<()> {
        serde_json::to_writer(self.key(key), v)
    }

    fn opt<T: Serialize + ?Sized>(&mut self, key: &str, v: Option<&T>) -> serde_json::Result<()> {
        match v {
            Some(v) => self.entry(key, v),
            None => Ok(()),
        }
    }

    fn close(self) {
        self.out.push(b'}');
    }
}

/// One element of listConnectInvites' `invites`.
pub(crate) fn write_invite(
    out: &mut Vec<u8>,
    r: &InviteRec,
    cache: &WireCache,
) -> serde_json::Result<()> {
    let mut m = Object::open(out);
    m.entry("direction", r.direction.as_str())?;
    m.opt("status", r.status.as_deref())?;
    m.opt("date_last_updated", r.date_last_updated.as_ref())?;
    m.opt("invite_type", r.invite_type.as_deref())?;
    write_detail(m.key("invite"), r, cache)?;
    m.entry("channel", &r.channel)?;
    if !r.acceptances.is_empty() {
        let out = m.key("acceptances");
        out.push(b'[');
        for (i, a) in r.acceptances.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            write_acceptance(out, a, cache)?;
        }
        out.push(b']');
    }
    let mut p = Object::open(m.key("invite_payload"));
    p.opt("invite_type", r.invite_type.as_deref())?;
    p.opt("is_sponsored", r.is_sponsored.as_ref())?;
    p.entry("is_external_limited", &r.is_external_limited)?;
    p.close();
    m.close();
    Ok(())
}

fn write_detail(out: &mut Vec<u8>, r: &InviteRec, cache: &WireCache) -> serde_json::Result<()> {
    let mut m = Object::open(out);
    m.entry("id", &*r.id)?;
    m.entry("date_created", &r.date_created)?;
    m.opt("date_invalid", r.date_invalid.as_ref())?;
    cache.team(m.key("inviting_team"), &r.inviting_team)?;
    if let Some(user) = &r.inviting_user {
        cache.user(m.key("inviting_user"), user)?;
    }
    m.opt("link", r.link.as_deref())?;
    m.opt("recipient_user_id", r.recipient_user_id.as_deref())?;
    m.opt("recipient_email", r.recipient_email.as_deref())?;
    m.opt("sig", r.sig.as_deref())?;
    m.close();
    Ok(())
}

fn write_acceptance(out: &mut Vec<u8>, a: &AcceptRec, cache: &WireCache) -> serde_json::Result<()> {
    let mut m = Object::open(out);
    m.entry("approval_status", &*a.approval_status)?;
    m.opt("date_accepted", a.date_accepted.as_ref())?;
    m.opt("date_invalid", a.date_invalid.as_ref())?;
    m.opt("date_last_updated", a.date_last_updated.as_ref())?;
    cache.team(m.key("accepting_team"), &a.team)?;
    if let Some(user) = &a.user {
        cache.user(m.key("accepting_user"), user)?;
    }
    if !a.reviews.is_empty() {
        let out = m.key("reviews");
        out.push(b'[');
        for (i, r) in a.reviews.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            let mut review = Object::open(out);
            review.entry("type", &*r.kind)?;
            review.opt("date_review", r.date.as_ref())?;
            cache.team(review.key("reviewing_team"), &r.team)?;
            review.close();
        }
        out.push(b']');
    }
    m.close();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emulator::dataset::Dataset;
    use crate::emulator::state::State;

    #[test]
    fn written_form_equals_the_wire_struct_byte_for_byte() {
        let state = State::new(Dataset::demo());
        let empty = WireCache::default();
        let mut n = 0;
        for rec in state.invites.values() {
            let owned = serde_json::to_vec(&rec.to_wire()).unwrap();
            for cache in [&state.wire, &empty] {
                let mut written = Vec::new();
                write_invite(&mut written, rec, cache).unwrap();
                assert_eq!(
                    String::from_utf8(written).unwrap(),
                    String::from_utf8(owned.clone()).unwrap(),
                    "{}",
                    rec.id
                );
            }
            n += 1;
        }
        assert_eq!(n, 27);
    }
}
