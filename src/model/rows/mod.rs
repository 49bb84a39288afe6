//! Compact rows: what the panes, the detail view and decisions need of each
//! item, and nothing else.
//!
//! Slack's wire structs are large (`ConnectInvite` is ~1.8 KB before its
//! strings) and repeat the same teams and users in every item. A row keeps
//! only the fields the TUI shows or decides on, and shares every repeated
//! string, team and user through one [`Interner`]: 100,000 invites from a
//! few thousand orgs hold each org's name once.

mod invite;
mod other;
mod small;

use std::borrow::Borrow;
use std::collections::HashSet;
use std::hash::Hash;
use std::sync::Arc;

use crate::model::text_index::TextAt;
use crate::slack::models::{ConnectTeam, ConnectUser};

pub use invite::{Acceptance, Invite, InviteChannel, Review};

pub use other::{Channel, Org, Request, RequestChannel, Workspace};
pub use small::{MaybeTime, SharedText};

/// A string a row keeps inline when it is short (24 bytes or fewer: IDs,
/// channel names). The strings each invite has of its own would otherwise
/// be an allocation each: 100,000 invites' IDs, channel IDs and channel
/// names were 14 MB of 48-byte blocks, and their interning 2 MB more.
pub type InlineText = compact_str::CompactString;

/// A Slack Connect team as rows keep it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Team {
    pub id: Arc<str>,
    pub name: Option<Arc<str>>,
    pub domain: Option<Arc<str>>,
    pub is_verified: Option<bool>,
}

impl Team {
    /// "Acme Sales (T0SALES)", or the ID alone when the name is unknown.
    pub fn label(&self) -> String {
        match self.name.as_deref().filter(|n| !n.is_empty()) {
            Some(name) => format!("{name} ({})", self.id),
            None => self.id.to_string(),
        }
    }
}

/// A Slack user as rows keep it: the best display name, and the email.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct User {
    pub id: Arc<str>,
    pub display: Arc<str>,
    pub email: Option<Arc<str>>,
}

impl User {
    pub fn display(&self) -> &str {
        &self.display
    }

    pub fn email(&self) -> Option<&str> {
        self.email.as_deref()
    }
}

/// Shares equal strings, teams and users between rows.
#[derive(Debug, Default)]
pub struct Interner {
    strings: HashSet<Arc<str>>,
    texts: HashSet<SharedText>,
    teams: HashSet<Arc<Team>>,
    users: HashSet<Arc<User>>,
}

fn shared<T: Eq + Hash + ?Sized, S: Borrow<T> + Eq + Hash + Clone>(
    set: &mut HashSet<S>,
    value: &T,
    make: impl FnOnce() -> S,
) -> S {
    match set.get(value) {
        Some(existing) => existing.clone(),
        None => {
            let new = make();
            set.insert(new.clone());
            new
        }
    }
}

impl Interner {
    pub fn str(&mut self, text: &str) -> Arc<str> {
        shared(&mut self.strings, text, || Arc::from(text))
    }

    pub fn opt(&mut self, text: Option<&str>) -> Option<Arc<str>> {
        text.map(|t| self.str(t))
    }

    /// The shared [`SharedText`] of `text`.
    pub fn text(&mut self, text: &str) -> SharedText {
        shared(&mut self.texts, text, || SharedText::from(text))
    }

    pub fn text_opt(&mut self, text: Option<&str>) -> Option<SharedText> {
        text.map(|t| self.text(t))
    }

    /// The shared copy of a text built elsewhere (e.g. from the cache).
    pub fn again_text(&mut self, text: Option<SharedText>) -> Option<SharedText> {
        text.map(|t| self.text(&t))
    }

    /// The shared copy of an already built string (e.g. from the cache).
    pub fn arc(&mut self, text: &Arc<str>) -> Arc<str> {
        shared(&mut self.strings, text, || text.clone())
    }

    pub fn team(&mut self, team: &ConnectTeam) -> Arc<Team> {
        let team = Team {
            id: self.str(&team.id),
            name: self.opt(team.name.as_deref()),
            domain: self.opt(team.domain.as_deref()),
            is_verified: team.is_verified,
        };
        self.team_row(team)
    }

    pub fn team_row(&mut self, team: Team) -> Arc<Team> {
        let team = Team {
            id: self.arc(&team.id),
            name: team.name.map(|n| self.arc(&n)),
            domain: team.domain.map(|d| self.arc(&d)),
            is_verified: team.is_verified,
        };
        let probe = team.clone();
        shared(&mut self.teams, &probe, || Arc::new(team))
    }

    pub fn user(&mut self, user: &ConnectUser) -> Arc<User> {
        let user = User {
            id: self.str(&user.id),
            display: self.str(user.display()),
            email: self.opt(user.email()),
        };
        self.user_row(user)
    }

    pub fn user_row(&mut self, user: User) -> Arc<User> {
        let user = User {
            id: self.arc(&user.id),
            display: self.arc(&user.display),
            email: user.email.map(|e| self.arc(&e)),
        };
        let probe = user.clone();
        shared(&mut self.users, &probe, || Arc::new(user))
    }

    pub fn team_opt(&mut self, team: Option<&ConnectTeam>) -> Option<Arc<Team>> {
        team.map(|t| self.team(t))
    }

    pub fn user_opt(&mut self, user: Option<&ConnectUser>) -> Option<Arc<User>> {
        user.map(|u| self.user(u))
    }

    pub fn again_str(&mut self, text: Option<Arc<str>>) -> Option<Arc<str>> {
        text.map(|t| self.arc(&t))
    }

    pub fn again_team(&mut self, team: Option<Arc<Team>>) -> Option<Arc<Team>> {
        team.map(|t| self.team_row(Arc::unwrap_or_clone(t)))
    }

    pub fn again_user(&mut self, user: Option<Arc<User>>) -> Option<Arc<User>> {
        user.map(|u| self.user_row(Arc::unwrap_or_clone(u)))
    }

    /// Forget what no row uses any more (after a reload replaced rows).
    pub fn purge(&mut self) {
        self.teams.retain(|t| Arc::strong_count(t) > 1);
        self.users.retain(|u| Arc::strong_count(u) > 1);
        self.strings.retain(|s| Arc::strong_count(s) > 1);
        self.texts.retain(|t| t.holders() > 1);
    }

    /// How many distinct strings, teams and users are shared.
    pub fn sizes(&self) -> (usize, usize, usize) {
        (
            self.strings.len() + self.texts.len(),
            self.teams.len(),
            self.users.len(),
        )
    }
}

/// `v` mapped through `f` into a vector of exactly its length. Collecting
/// `into_iter().map()` would reuse `v`'s buffer, and a vector that serde
/// grew while reading the cache has room for 4 where it holds 1.
pub(super) fn remapped<T, U>(v: Vec<T>, f: impl FnMut(T) -> U) -> Vec<U> {
    let mut out = Vec::with_capacity(v.len());
    out.extend(v.into_iter().map(f));
    out
}

/// [`remapped`] for a boxed slice: exactly its length, 8 bytes smaller
/// than a vector in every row that holds one.
pub(super) fn remapped_boxed<T, U>(v: Box<[T]>, f: impl FnMut(T) -> U) -> Box<[U]> {
    v.into_vec().into_iter().map(f).collect()
}

/// `slice` with `item` added at its end.
pub fn push_boxed<T>(slice: &mut Box<[T]>, item: T) {
    let mut items = std::mem::take(slice).into_vec();
    items.push(item);
    *slice = items.into_boxed_slice();
}

/// A team's fields for the filter: name, domain, ID.
pub(crate) fn team_fields(team: &Team) -> Vec<&str> {
    let mut out: Vec<&str> = team.name.as_deref().into_iter().collect();
    out.extend(team.domain.as_deref());
    out.push(&team.id);
    out
}

/// A user's fields for the filter: display name, email.
pub(crate) fn user_fields(user: &User) -> Vec<&str> {
    let mut out = vec![&*user.display];
    out.extend(user.email.as_deref());
    out
}

/// A list's rows, by ID ([`crate::model::text_index::TextIndex`]).
impl<T: Row> TextAt for [Arc<T>] {
    fn text_at(&self, index: usize) -> &str {
        self[index].id()
    }
}

/// What every row can tell the list it is in.
pub trait Row: Clone + PartialEq + std::fmt::Debug {
    fn id(&self) -> &str;
    /// Re-share every string, team and user through `interner` (rows read
    /// back from the cache come with copies of their own).
    fn intern(self, interner: &mut Interner) -> Self;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::filter::{
        channel_fields, invite_fields, org_fields, request_fields, search_key,
    };

    /// `list --filter` reads wire structs, the TUI its rows: the same
    /// fields must come out, or a filter would find different items.
    #[test]
    fn rows_search_exactly_the_fields_the_cli_filters_on() {
        let data = crate::emulator::Dataset::demo_and_generated();
        let mut i = Interner::default();
        let mut recipient_in_a_piece = 0;
        for ours in [&[][..], &["T0NBHQ0001", "E0NBORG001"][..]] {
            for wire in &data.invites {
                let row = Invite::from_wire(wire, &mut i);
                // The key's own fields and shared pieces are the same fields.
                let (own, pieces) = row.key_parts(ours);
                let recipient = row.recipient_email().unwrap_or_default();
                if !recipient.is_empty() && !own.contains(&recipient) {
                    recipient_in_a_piece += 1;
                }
                let parted: HashSet<&str> = own.into_iter().chain(pieces.concat()).collect();
                assert_eq!(
                    parted,
                    row.fields(ours).into_iter().collect(),
                    "{}",
                    wire.id()
                );
                assert_eq!(
                    search_key(&row.fields(ours)),
                    search_key(&invite_fields(wire, ours)),
                    "{}",
                    wire.id()
                );
            }
        }
        assert!(recipient_in_a_piece > 0, "no recipient was a user's email");
        for wire in &data.invite_requests {
            let row = Request::from_wire(wire, &mut i);
            assert_eq!(search_key(&row.fields()), search_key(&request_fields(wire)));
        }
        for wire in &data.organizations {
            let row = Org::from_wire(wire, &mut i);
            assert_eq!(search_key(&row.fields()), search_key(&org_fields(wire)));
        }
        for wire in &data.channels {
            let row = Channel::from_wire(wire, &mut i);
            let names = ["Maersk Line"];
            assert_eq!(
                search_key(&row.fields(&names)),
                search_key(&channel_fields(wire, &names))
            );
        }
    }

    /// 100,000 invites make each byte of a row 100 KB: a field that grows
    /// one is a choice, not an accident.
    #[test]
    fn rows_stay_small() {
        use std::mem::size_of;
        let sizes = [
            ("Invite", size_of::<Invite>(), 160),
            ("Acceptance", size_of::<Acceptance>(), 56),
            ("Review", size_of::<Review>(), 32),
        ];
        for (name, size, most) in sizes {
            println!("{name}: {size} bytes");
            assert!(size <= most, "{name} is {size} bytes, more than {most}");
        }
    }

    #[test]
    fn equal_teams_and_strings_are_stored_once() {
        let mut interner = Interner::default();
        let wire = ConnectTeam {
            id: "T1".into(),
            name: Some("Acme".into()),
            ..Default::default()
        };
        let a = interner.team(&wire);
        let b = interner.team(&wire);
        assert!(Arc::ptr_eq(&a, &b));
        let name = interner.str("Acme");
        assert!(Arc::ptr_eq(a.name.as_ref().unwrap(), &name));
        // A team seen with fewer fields is another value, sharing its strings.
        let bare = interner.team(&ConnectTeam {
            id: "T1".into(),
            ..Default::default()
        });
        assert!(!Arc::ptr_eq(&a, &bare));
        assert!(Arc::ptr_eq(&a.id, &bare.id));
        drop((a, b, bare, name));
        interner.purge();
        assert_eq!(interner.sizes(), (0, 0, 0));
    }
}
