//! Serializing records straight to JSON, borrowing instead of building the
//! wire structs: a 500-invite page is written without cloning a string.
//! The output equals serializing `InviteRec::to_wire` (tested below).

use serde::Serialize;
use serde::ser::{SerializeMap, SerializeSeq, Serializer};

use super::records::{AcceptRec, InviteRec};

pub(crate) struct WireInvite<'a>(pub &'a InviteRec);

struct Detail<'a>(&'a InviteRec);
struct Acceptances<'a>(&'a [AcceptRec]);
struct Accepted<'a>(&'a AcceptRec);
struct Reviews<'a>(&'a AcceptRec);
struct Payload<'a>(&'a InviteRec);

fn opt<M: SerializeMap, T: Serialize + ?Sized>(
    map: &mut M,
    key: &str,
    value: Option<&T>,
) -> Result<(), M::Error> {
    match value {
        Some(v) => map.serialize_entry(key, v),
        None => Ok(()),
    }
}

impl Serialize for WireInvite<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let r = self.0;
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("direction", r.direction.as_str())?;
        opt(&mut m, "status", r.status.as_deref())?;
        opt(&mut m, "date_last_updated", r.date_last_updated.as_ref())?;
        opt(&mut m, "invite_type", r.invite_type.as_deref())?;
        m.serialize_entry("invite", &Detail(r))?;
        m.serialize_entry("channel", &r.channel)?;
        if !r.acceptances.is_empty() {
            m.serialize_entry("acceptances", &Acceptances(&r.acceptances))?;
        }
        m.serialize_entry("invite_payload", &Payload(r))?;
        m.end()
    }
}

impl Serialize for Detail<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let r = self.0;
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("id", &r.id)?;
        m.serialize_entry("date_created", &r.date_created)?;
        opt(&mut m, "date_invalid", r.date_invalid.as_ref())?;
        m.serialize_entry("inviting_team", &*r.inviting_team)?;
        opt(&mut m, "inviting_user", r.inviting_user.as_deref())?;
        opt(&mut m, "link", r.link.as_deref())?;
        opt(&mut m, "recipient_user_id", r.recipient_user_id.as_deref())?;
        opt(&mut m, "recipient_email", r.recipient_email.as_deref())?;
        opt(&mut m, "sig", r.sig.as_deref())?;
        m.end()
    }
}

impl Serialize for Acceptances<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.0.len()))?;
        for a in self.0 {
            seq.serialize_element(&Accepted(a))?;
        }
        seq.end()
    }
}

impl Serialize for Accepted<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let a = self.0;
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("approval_status", &a.approval_status)?;
        opt(&mut m, "date_accepted", a.date_accepted.as_ref())?;
        opt(&mut m, "date_invalid", a.date_invalid.as_ref())?;
        opt(&mut m, "date_last_updated", a.date_last_updated.as_ref())?;
        m.serialize_entry("accepting_team", &*a.team)?;
        opt(&mut m, "accepting_user", a.user.as_deref())?;
        if !a.reviews.is_empty() {
            m.serialize_entry("reviews", &Reviews(a))?;
        }
        m.end()
    }
}

impl Serialize for Reviews<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.0.reviews.len()))?;
        for r in &self.0.reviews {
            #[derive(Serialize)]
            struct Review<'a> {
                #[serde(rename = "type")]
                kind: &'a str,
                #[serde(skip_serializing_if = "Option::is_none")]
                date_review: Option<i64>,
                reviewing_team: &'a crate::slack::models::ConnectTeam,
            }
            seq.serialize_element(&Review {
                kind: &r.kind,
                date_review: r.date,
                reviewing_team: &r.team,
            })?;
        }
        seq.end()
    }
}

impl Serialize for Payload<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let r = self.0;
        let mut m = s.serialize_map(None)?;
        opt(&mut m, "invite_type", r.invite_type.as_deref())?;
        opt(&mut m, "is_sponsored", r.is_sponsored.as_ref())?;
        m.serialize_entry("is_external_limited", &r.is_external_limited)?;
        m.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emulator::dataset::Dataset;
    use crate::emulator::state::State;

    #[test]
    fn borrowed_form_equals_the_wire_struct() {
        let state = State::new(Dataset::demo());
        let mut n = 0;
        for rec in state.invites.values() {
            let borrowed = serde_json::to_value(WireInvite(rec)).unwrap();
            let owned = serde_json::to_value(rec.to_wire()).unwrap();
            assert_eq!(borrowed, owned, "{}", rec.id);
            n += 1;
        }
        assert_eq!(n, 27);
    }
}
