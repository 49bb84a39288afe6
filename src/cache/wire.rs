//! One chunk of rows as the cache stores it (postcard): a table of the
//! strings, teams and users the chunk's rows share, then the rows, which
//! name them by index.
//!
//! Rows share a few thousand teams and users between 100,000 invites, so
//! the tables keep the file small, and reading a chunk back interns each
//! of them once; every row then takes shared copies by index instead of
//! hashing its strings into the app's [`Interner`] one by one. Strings a
//! row never shares (IDs, channel names) are stored in the row itself.
//! These structs, not the rows' own serde derives, are the format: a field
//! added to a row breaks the build here until it is stored (and `VERSION`
//! bumped).

use std::cell::RefCell;
use std::collections::HashMap;
use std::io;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::model::rows::{Interner, SharedText, Team, User};

/// Index into a chunk's strings, teams or users.
pub(super) type Ix = u32;

#[derive(Debug, Serialize, Deserialize)]
struct WireTeam {
    id: Ix,
    name: Option<Ix>,
    domain: Option<Ix>,
    is_verified: Option<bool>,
}

#[derive(Debug, Serialize, Deserialize)]
struct WireUser {
    id: Ix,
    display: Ix,
    email: Option<Ix>,
}

#[derive(Debug, Serialize, Deserialize)]
struct Chunk<'a, R> {
    #[serde(borrow)]
    strings: Vec<&'a str>,
    teams: Vec<WireTeam>,
    users: Vec<WireUser>,
    rows: Vec<R>,
}

/// A row type and its stored form.
pub(super) trait Wire: Sized {
    type Stored<'a>: Serialize + Deserialize<'a>;
    fn store<'a>(&'a self, tables: &mut Tables<'a>) -> Self::Stored<'a>;
    fn restore(stored: Self::Stored<'_>, shared: &Shared<'_>) -> io::Result<Self>;
}

/// The tables of a chunk being written: each distinct value once.
#[derive(Default)]
pub(super) struct Tables<'a> {
    strings: Vec<&'a str>,
    string_ix: HashMap<&'a str, Ix>,
    teams: Vec<WireTeam>,
    team_ix: HashMap<&'a Team, Ix>,
    users: Vec<WireUser>,
    user_ix: HashMap<&'a User, Ix>,
}

fn next_ix(len: usize) -> Ix {
    // A chunk holds a few thousand rows: its tables are far from 2^32.
    Ix::try_from(len).expect("a cache chunk's table fits u32 indices")
}

impl<'a> Tables<'a> {
    pub(super) fn str(&mut self, text: &'a str) -> Ix {
        if let Some(&ix) = self.string_ix.get(text) {
            return ix;
        }
        let ix = next_ix(self.strings.len());
        self.strings.push(text);
        self.string_ix.insert(text, ix);
        ix
    }

    pub(super) fn opt<T: AsRef<str> + ?Sized>(&mut self, text: Option<&'a T>) -> Option<Ix> {
        text.map(|t| self.str(t.as_ref()))
    }

    pub(super) fn strs(&mut self, texts: &'a [Arc<str>]) -> Vec<Ix> {
        texts.iter().map(|t| self.str(t)).collect()
    }

    pub(super) fn team(&mut self, team: &'a Team) -> Ix {
        if let Some(&ix) = self.team_ix.get(team) {
            return ix;
        }
        let wire = WireTeam {
            id: self.str(&team.id),
            name: self.opt(team.name.as_ref()),
            domain: self.opt(team.domain.as_ref()),
            is_verified: team.is_verified,
        };
        let ix = next_ix(self.teams.len());
        self.teams.push(wire);
        self.team_ix.insert(team, ix);
        ix
    }

    pub(super) fn team_opt(&mut self, team: Option<&'a Arc<Team>>) -> Option<Ix> {
        team.map(|t| self.team(t))
    }

    pub(super) fn teams(&mut self, teams: &'a [Arc<Team>]) -> Vec<Ix> {
        teams.iter().map(|t| self.team(t)).collect()
    }

    pub(super) fn user_opt(&mut self, user: Option<&'a Arc<User>>) -> Option<Ix> {
        let user = user?;
        if let Some(&ix) = self.user_ix.get(&**user) {
            return Some(ix);
        }
        let wire = WireUser {
            id: self.str(&user.id),
            display: self.str(&user.display),
            email: self.opt(user.email.as_ref()),
        };
        let ix = next_ix(self.users.len());
        self.users.push(wire);
        self.user_ix.insert(user, ix);
        Some(ix)
    }
}

/// A chunk's tables read back, shared through the app's interner.
pub(super) struct Shared<'i> {
    strings: Vec<Arc<str>>,
    teams: Vec<Arc<Team>>,
    users: Vec<Arc<User>>,
    /// The strings rows keep as [`SharedText`], made as they are first asked for.
    texts: RefCell<Vec<Option<SharedText>>>,
    interner: RefCell<&'i mut Interner>,
}

fn bad(what: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, format!("cache chunk: {what}"))
}

fn at<T: Clone>(list: &[T], ix: Ix, what: &str) -> io::Result<T> {
    usize::try_from(ix)
        .ok()
        .and_then(|i| list.get(i))
        .cloned()
        .ok_or_else(|| bad(&format!("no {what} {ix}")))
}

impl<'i> Shared<'i> {
    fn new(chunk: &Chunk<'_, impl Sized>, interner: &'i mut Interner) -> io::Result<Shared<'i>> {
        let strings: Vec<Arc<str>> = chunk.strings.iter().map(|s| interner.str(s)).collect();
        let opt = |ix: Option<Ix>| ix.map(|i| at(&strings, i, "string")).transpose();
        let mut teams = Vec::with_capacity(chunk.teams.len());
        for t in &chunk.teams {
            let team = Team {
                id: at(&strings, t.id, "string")?,
                name: opt(t.name)?,
                domain: opt(t.domain)?,
                is_verified: t.is_verified,
            };
            teams.push(interner.team_row(team));
        }
        let mut users = Vec::with_capacity(chunk.users.len());
        for u in &chunk.users {
            let user = User {
                id: at(&strings, u.id, "string")?,
                display: at(&strings, u.display, "string")?,
                email: opt(u.email)?,
            };
            users.push(interner.user_row(user));
        }
        Ok(Shared {
            texts: RefCell::new(vec![None; strings.len()]),
            strings,
            teams,
            users,
            interner: RefCell::new(interner),
        })
    }

    pub(super) fn text_opt(&self, ix: Option<Ix>) -> io::Result<Option<SharedText>> {
        let Some(ix) = ix else { return Ok(None) };
        let string = self.str(ix)?;
        let mut texts = self.texts.borrow_mut();
        let slot = &mut texts[ix as usize];
        Ok(Some(
            slot.get_or_insert_with(|| self.interner.borrow_mut().text(&string))
                .clone(),
        ))
    }

    pub(super) fn str(&self, ix: Ix) -> io::Result<Arc<str>> {
        at(&self.strings, ix, "string")
    }

    pub(super) fn opt(&self, ix: Option<Ix>) -> io::Result<Option<Arc<str>>> {
        ix.map(|i| self.str(i)).transpose()
    }

    pub(super) fn strs(&self, ixs: &[Ix]) -> io::Result<Vec<Arc<str>>> {
        exactly(ixs, |&i| self.str(i))
    }

    pub(super) fn team(&self, ix: Ix) -> io::Result<Arc<Team>> {
        at(&self.teams, ix, "team")
    }

    pub(super) fn team_opt(&self, ix: Option<Ix>) -> io::Result<Option<Arc<Team>>> {
        ix.map(|i| self.team(i)).transpose()
    }

    pub(super) fn teams(&self, ixs: &[Ix]) -> io::Result<Vec<Arc<Team>>> {
        exactly(ixs, |&i| self.team(i))
    }

    pub(super) fn user_opt(&self, ix: Option<Ix>) -> io::Result<Option<Arc<User>>> {
        ix.map(|i| at(&self.users, i, "user")).transpose()
    }
}

/// `items` mapped through `f` into a vector of exactly their number: rows
/// keep their vectors for the whole session.
pub(super) fn exactly<T, U>(
    items: impl IntoIterator<Item = T, IntoIter: ExactSizeIterator>,
    mut f: impl FnMut(T) -> io::Result<U>,
) -> io::Result<Vec<U>> {
    let items = items.into_iter();
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        out.push(f(item)?);
    }
    Ok(out)
}

/// Append one chunk of `rows`, postcard-encoded, to `out`.
pub(super) fn encode<R: Wire>(rows: &[Arc<R>], out: &mut Vec<u8>) -> io::Result<()> {
    let mut tables = Tables::default();
    let rows: Vec<R::Stored<'_>> = rows.iter().map(|r| r.store(&mut tables)).collect();
    let chunk = Chunk {
        strings: tables.strings,
        teams: tables.teams,
        users: tables.users,
        rows,
    };
    let encoded =
        postcard::to_extend(&chunk, std::mem::take(out)).map_err(|e| bad(&e.to_string()))?;
    *out = encoded;
    Ok(())
}

/// Decode the chunk at the start of `bytes` into rows sharing `interner`'s
/// strings, appended to `rows`; returns what follows the chunk.
pub(super) fn decode<'b, R: Wire>(
    bytes: &'b [u8],
    interner: &mut Interner,
    rows: &mut Vec<R>,
) -> io::Result<&'b [u8]> {
    let (chunk, rest): (Chunk<'b, R::Stored<'b>>, _) =
        postcard::take_from_bytes(bytes).map_err(|e| bad(&e.to_string()))?;
    let shared = Shared::new(&chunk, interner)?;
    rows.reserve_exact(chunk.rows.len());
    for stored in chunk.rows {
        rows.push(R::restore(stored, &shared)?);
    }
    Ok(rest)
}
