//! Names, ids and the seeded random source the generator draws from.

use crate::slack::models::{ConnectTeam, ConnectUser, UserProfile};

use crate::emulator::dataset::mix;
use crate::emulator::state::slug;

pub(super) const DAY: i64 = 24 * 3600;

const PREFIXES: [&str; 32] = [
    "Northwind",
    "Globex",
    "Initech",
    "Umbrella",
    "Stark",
    "Wayne",
    "Acorn",
    "Bluebird",
    "Cobalt",
    "Driftwood",
    "Evergreen",
    "Foxglove",
    "Granite",
    "Harbor",
    "Ironclad",
    "Juniper",
    "Keystone",
    "Lighthouse",
    "Meridian",
    "Nimbus",
    "Orchard",
    "Pinnacle",
    "Quarry",
    "Redwood",
    "Summit",
    "Tidewater",
    "Upland",
    "Vertex",
    "Willow",
    "Xenon",
    "Yardley",
    "Zephyr",
];
const SUFFIXES: [&str; 12] = [
    "Labs",
    "Inc",
    "Partners",
    "Group",
    "Systems",
    "Logistics",
    "Health",
    "Capital",
    "Studio",
    "Analytics",
    "Foods",
    "Energy",
];
pub(crate) const FIRST: [&str; 16] = [
    "Ava", "Ben", "Chloe", "Dev", "Elena", "Farah", "Gus", "Hana", "Ivan", "Jun", "Kofi", "Lena",
    "Mateo", "Nia", "Omar", "Priya",
];
pub(crate) const LAST: [&str; 16] = [
    "Adams", "Brooks", "Chen", "Diaz", "Evans", "Fischer", "Garcia", "Haddad", "Ito", "Jensen",
    "Khan", "Lopez", "Moreau", "Novak", "Okafor", "Patel",
];
pub(crate) const TOPICS: [&str; 12] = [
    "project",
    "support",
    "sales",
    "launch",
    "security",
    "billing",
    "design",
    "ops",
    "partnership",
    "integration",
    "incident",
    "roadmap",
];

/// A counter-based generator: the same seed always gives the same org.
pub(crate) struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        mix(self.0)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// A Slack-looking id: prefix, six seeded characters, then the index so ids never collide.
pub(super) fn make_id(prefix: char, seed: u64, kind: u64, i: usize) -> String {
    const ALPHABET: &[u8] = b"0123456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    let mut h = mix(seed ^ kind.wrapping_mul(0xD6E8_FEB8_6659_FD93) ^ (i as u64).wrapping_mul(31));
    let mut id = String::with_capacity(14);
    id.push(prefix);
    for _ in 0..4 {
        id.push(ALPHABET[(h % ALPHABET.len() as u64) as usize] as char);
        h /= ALPHABET.len() as u64;
    }
    let mut n = i;
    let mut tail = Vec::new();
    loop {
        tail.push(ALPHABET[n % ALPHABET.len()]);
        n /= ALPHABET.len();
        if n == 0 {
            break;
        }
    }
    while tail.len() < 4 {
        tail.push(b'0');
    }
    id.extend(tail.iter().rev().map(|b| *b as char));
    id
}
pub(super) struct Team {
    pub team: ConnectTeam,
    pub users: Vec<ConnectUser>,
}

pub(super) fn make_team(rng: &mut Rng, id: String, name: String, now: i64) -> Team {
    let domain = slug(&name);
    let team = ConnectTeam {
        id: id.clone(),
        name: Some(name),
        is_verified: Some(rng.chance(10)),
        domain: Some(domain.clone()),
        date_created: Some(now - (200 + rng.below(3000) as i64) * DAY),
        ..ConnectTeam::default()
    };
    let users = (0..4)
        .map(|u| {
            let first = *rng.pick(&FIRST);
            let last = *rng.pick(&LAST);
            let handle = format!("{}.{}", first.to_lowercase(), last.to_lowercase());
            ConnectUser {
                id: format!("U{}{}", &id[1..], u),
                team_id: Some(id.clone()),
                name: Some(handle.clone()),
                updated: Some(now - rng.below(90) as i64 * DAY),
                profile: Some(Box::new(UserProfile {
                    real_name: Some(format!("{first} {last}")),
                    display_name: Some(first.to_owned()),
                    email: Some(format!("{handle}@{domain}.com")),
                    team: Some(id.clone()),
                    ..UserProfile::default()
                })),
                ..ConnectUser::default()
            }
        })
        .collect();
    Team { team, users }
}

pub(super) fn team_name(rng: &mut Rng, i: usize) -> String {
    let base = format!("{} {}", rng.pick(&PREFIXES), rng.pick(&SUFFIXES));
    // Past the number of distinct combinations, numbered names keep them apart.
    if i >= PREFIXES.len() * SUFFIXES.len() {
        format!("{base} {}", i / (PREFIXES.len() * SUFFIXES.len()) + 1)
    } else {
        base
    }
}
