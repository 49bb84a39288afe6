//! `--generate`: a large, realistic, deterministic org, built fast.

use std::collections::HashMap;

use crate::slack::models::{
    Acceptance, ChannelConnection, ConnectChannel, ConnectInvite, ConnectTeam, ConnectUser,
    ConnectedWorkspace, ExternalOrg, InviteDetail, InvitePayload, InviteRequest, RequestChannel,
    Review, SharedChannel, TargetUser, UserProfile,
};

use super::config::GenerateSpec;
use super::dataset::{Dataset, SelfTeam, mix};
use super::state::slug;

const DAY: i64 = 24 * 3600;

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
const FIRST: [&str; 16] = [
    "Ava", "Ben", "Chloe", "Dev", "Elena", "Farah", "Gus", "Hana", "Ivan", "Jun", "Kofi", "Lena",
    "Mateo", "Nia", "Omar", "Priya",
];
const LAST: [&str; 16] = [
    "Adams", "Brooks", "Chen", "Diaz", "Evans", "Fischer", "Garcia", "Haddad", "Ito", "Jensen",
    "Khan", "Lopez", "Moreau", "Novak", "Okafor", "Patel",
];
const TOPICS: [&str; 12] = [
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
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        mix(self.0)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// A Slack-looking id: prefix, six seeded characters, then the index so ids never collide.
fn make_id(prefix: char, seed: u64, kind: u64, i: usize) -> String {
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

/// What every generated invite and request draws from.
#[derive(Clone, Copy)]
struct World<'a> {
    seed: u64,
    now: i64,
    me: &'a Team,
    partners: &'a [&'a Team],
    by_id: &'a HashMap<&'a str, &'a Team>,
    channels: &'a [SharedChannel],
}

struct Team {
    team: ConnectTeam,
    users: Vec<ConnectUser>,
}

fn make_team(rng: &mut Rng, id: String, name: String, now: i64) -> Team {
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
                profile: Some(UserProfile {
                    real_name: Some(format!("{first} {last}")),
                    display_name: Some(first.to_owned()),
                    email: Some(format!("{handle}@{domain}.com")),
                    team: Some(id.clone()),
                    ..UserProfile::default()
                }),
                ..ConnectUser::default()
            }
        })
        .collect();
    Team { team, users }
}

fn team_name(rng: &mut Rng, i: usize) -> String {
    let base = format!("{} {}", rng.pick(&PREFIXES), rng.pick(&SUFFIXES));
    // Past the number of distinct combinations, numbered names keep them apart.
    if i >= PREFIXES.len() * SUFFIXES.len() {
        format!("{base} {}", i / (PREFIXES.len() * SUFFIXES.len()) + 1)
    } else {
        base
    }
}

impl Dataset {
    /// A deterministic org of the requested size; `now` anchors every date.
    pub fn generate(spec: &GenerateSpec, seed: u64, now: i64) -> Dataset {
        let mut rng = Rng(mix(seed ^ 0x5EED));
        let me_id = "T0ACMEHQ01".to_owned();
        let me = make_team(&mut rng, me_id.clone(), "Acme Corp".into(), now);
        let self_team = SelfTeam {
            team_id: Some(me_id.clone()),
            team: Some("Acme Corp".into()),
            user_id: Some(me.users[0].id.clone()),
            user: me.users[0].name.clone(),
            enterprise_id: Some("E0ACMEORG1".into()),
            url: Some("https://acme-corp.slack.com/".into()),
            domain: Some("acme-corp".into()),
        };

        let orgs: Vec<Team> = (0..spec.teams)
            .map(|i| {
                let name = team_name(&mut rng, i);
                make_team(&mut rng, make_id('T', seed, 1, i), name, now)
            })
            .collect();
        // Orgs invites come from that are not connected yet.
        let prospect_count = if spec.invites + spec.requests == 0 {
            0
        } else {
            ((spec.invites + spec.requests) / 40).clamp(8, 4000)
        };
        let prospects: Vec<Team> = (0..prospect_count)
            .map(|i| {
                let name = team_name(&mut rng, i + spec.teams);
                make_team(&mut rng, make_id('T', seed, 2, i), name, now)
            })
            .collect();
        // One org in 25 is disconnected and shares nothing any more.
        let disconnected: Vec<bool> = (0..orgs.len()).map(|i| i % 25 == 3).collect();
        let live: Vec<usize> = (0..orgs.len()).filter(|i| !disconnected[*i]).collect();

        let mut counts = vec![(0i64, 0i64); orgs.len()];
        let mut channels = Vec::with_capacity(spec.channels);
        for i in 0..spec.channels {
            let private = rng.chance(30);
            let archived = rng.chance(4);
            let mut connected: Vec<String> = Vec::new();
            let mut first_partner: Option<usize> = None;
            let mut limited = Vec::new();
            if !live.is_empty() {
                for _ in 0..1 + rng.below(3).min(live.len() - 1) {
                    let o = live[rng.below(live.len())];
                    let id = &orgs[o].team.id;
                    if connected.contains(id) {
                        continue;
                    }
                    connected.push(id.clone());
                    first_partner.get_or_insert(o);
                    if rng.chance(30) {
                        limited.push(id.clone());
                    }
                    if private {
                        counts[o].1 += 1;
                    } else {
                        counts[o].0 += 1;
                    }
                }
            }
            let ext = !connected.is_empty();
            let host = if ext && rng.chance(30) {
                connected[0].clone()
            } else {
                me_id.clone()
            };
            let topic = rng.pick(&TOPICS);
            let partner = first_partner
                .and_then(|o| orgs[o].team.domain.clone())
                .unwrap_or_else(|| "internal".into());
            let created = now - (1 + rng.below(900) as i64) * DAY;
            let members = if archived {
                -1
            } else {
                3 + rng.below(400) as i64
            };
            channels.push(SharedChannel {
                id: make_id(if private { 'G' } else { 'C' }, seed, 3, i),
                name: Some(format!("ext-{partner}-{topic}-{i}")),
                purpose: Some(serde_json::Value::String(format!(
                    "Working with {partner} on {topic}"
                ))),
                member_count: Some(members),
                created: Some(created),
                creator_id: Some(me.users[rng.below(me.users.len())].id.clone()),
                is_private: Some(private),
                is_archived: Some(archived),
                is_general: Some(false),
                last_activity_ts: Some(
                    (created + rng.below(900) as i64 * DAY).min(now) * 1_000_000,
                ),
                is_shared: Some(ext),
                is_ext_shared: Some(ext),
                is_org_shared: Some(false),
                is_global_shared: Some(false),
                is_pending_ext_shared: Some(false),
                is_frozen: Some(false),
                conversation_host_id: Some(host),
                context_team_id: Some(me_id.clone()),
                connected_team_ids: connected,
                connected_limited_team_ids: limited,
                internal_team_ids: vec![me_id.clone()],
                external_user_count: ext.then(|| rng.below(60) as i64),
                ..SharedChannel::default()
            });
        }

        let organizations = orgs
            .iter()
            .enumerate()
            .map(|(i, o)| ExternalOrg {
                team_id: o.team.id.clone(),
                team_name: o.team.name.clone(),
                team_domain: o.team.domain.clone(),
                public_channel_count: Some(counts[i].0),
                private_channel_count: Some(counts[i].1),
                im_channel_count: Some(if disconnected[i] {
                    0
                } else {
                    rng.below(20) as i64
                }),
                mpim_channel_count: Some(if disconnected[i] {
                    0
                } else {
                    rng.below(5) as i64
                }),
                connected_workspaces: vec![ConnectedWorkspace {
                    workspace_id: me_id.clone(),
                    workspace_name: Some("Acme Corp".into()),
                }],
                slack_connect_prefs: Some(serde_json::json!({})),
                connection_status: Some(
                    if disconnected[i] {
                        "DISCONNECTED"
                    } else {
                        "CONNECTED"
                    }
                    .into(),
                ),
                last_active_timestamp: Some(now - rng.below(60 * 24) as i64 * 3600),
                is_sponsored: Some(rng.chance(5)),
                canvas: None,
                lists: None,
            })
            .collect();

        let partners: Vec<&Team> = orgs.iter().chain(prospects.iter()).collect();
        let by_id: HashMap<&str, &Team> = orgs.iter().map(|o| (o.team.id.as_str(), o)).collect();
        let world = World {
            seed,
            now,
            me: &me,
            partners: &partners,
            by_id: &by_id,
            channels: &channels,
        };
        let invites = (0..spec.invites)
            .map(|i| make_invite(&mut rng, &world, i))
            .collect();
        let invite_requests = (0..spec.requests)
            .map(|i| make_request(&mut rng, &world, i))
            .collect();
        Dataset {
            self_team: Some(self_team),
            invites,
            invite_requests,
            organizations,
            channels,
            tokens: Vec::new(),
            as_of: None,
        }
    }
}

fn make_invite(rng: &mut Rng, w: &World<'_>, i: usize) -> ConnectInvite {
    let World {
        seed,
        now,
        me,
        partners,
        channels,
        ..
    } = *w;
    let other: &Team = partners[rng.below(partners.len())];
    let incoming = rng.chance(55);
    let (host, guest) = if incoming { (other, me) } else { (me, other) };
    // Most invites live two weeks; a few are about to run out.
    let age = if rng.chance(6) {
        14 * DAY - 3600 - rng.below(20 * 3600) as i64
    } else {
        rng.below(13 * 24) as i64 * 3600
    };
    let created = now - age;
    let private = rng.chance(25);
    let limited = rng.chance(50);
    let channel = if !incoming && !channels.is_empty() && rng.chance(50) {
        let c = &channels[rng.below(channels.len())];
        ConnectChannel {
            id: c.id.clone(),
            is_im: Some(false),
            is_private: c.is_private,
            name: c.name.clone(),
        }
    } else {
        ConnectChannel {
            id: make_id(if private { 'G' } else { 'C' }, seed, 4, i),
            is_im: Some(false),
            is_private: Some(private),
            name: Some(format!(
                "{}-{}",
                host.team.domain.as_deref().unwrap_or("shared"),
                rng.pick(&TOPICS)
            )),
        }
    };
    let inviter = host.users[rng.below(host.users.len())].clone();
    let recipient = &guest.users[rng.below(guest.users.len())];
    let mut acceptances = Vec::new();
    if rng.chance(60) {
        let accepted = created + rng.below(age.max(1) as usize) as i64;
        let awaiting_us = rng.chance(50);
        // The side that is not awaited has already approved.
        let reviewer = if awaiting_us { other } else { me };
        acceptances.push(Acceptance {
            approval_status: Some("pending_approval".into()),
            date_accepted: Some(accepted),
            date_invalid: Some(accepted + 14 * DAY),
            date_last_updated: Some(accepted),
            accepting_team: Some(guest.team.clone()),
            accepting_user: Some(recipient.clone()),
            reviews: vec![Review {
                kind: Some("approval".into()),
                date_review: Some(accepted),
                reviewing_team: Some(reviewer.team.clone()),
            }],
        });
    }
    ConnectInvite {
        direction: Some(if incoming { "incoming" } else { "outgoing" }.into()),
        status: Some("sent".into()),
        date_last_updated: Some(
            acceptances
                .first()
                .and_then(|a| a.date_accepted)
                .unwrap_or(created),
        ),
        invite_type: Some("channel".into()),
        invite: Some(InviteDetail {
            id: make_id('I', seed, 5, i),
            date_created: Some(created),
            date_invalid: Some(created + 14 * DAY),
            inviting_team: Some(host.team.clone()),
            inviting_user: Some(inviter),
            link: None,
            recipient_user_id: None,
            recipient_email: recipient.email().map(str::to_owned),
            sig: None,
        }),
        channel: Some(channel),
        acceptances,
        invite_payload: Some(InvitePayload {
            invite_type: Some("channel".into()),
            is_sponsored: Some(false),
            is_external_limited: Some(limited),
            channel: None,
        }),
        ..ConnectInvite::default()
    }
}

fn make_request(rng: &mut Rng, w: &World<'_>, i: usize) -> InviteRequest {
    let World {
        seed,
        now,
        me,
        partners,
        by_id,
        channels,
    } = *w;
    let created = now - rng.below(20 * 24) as i64 * 3600;
    let expires = created + 14 * DAY;
    let target = partners[rng.below(partners.len())];
    let first = rng.pick(&FIRST).to_lowercase();
    let email = format!(
        "{first}@{}.com",
        target.team.domain.as_deref().unwrap_or("example")
    );
    let channel = if channels.is_empty() {
        RequestChannel {
            id: make_id('C', seed, 6, i),
            is_im: Some(false),
            is_private: Some(false),
            date_created: Some(created - 30 * DAY),
            name: Some(format!("proj-{}", rng.pick(&TOPICS))),
            ..RequestChannel::default()
        }
    } else {
        let c = &channels[rng.below(channels.len())];
        RequestChannel {
            id: c.id.clone(),
            is_im: Some(false),
            is_private: c.is_private,
            date_created: c.created,
            name: c.name.clone(),
            connections: c
                .connected_team_ids
                .iter()
                .filter_map(|t| by_id.get(t.as_str()))
                .map(|p| ChannelConnection {
                    team: Some(p.team.clone()),
                    is_private: c.is_private,
                })
                .collect(),
            ..RequestChannel::default()
        }
    };
    let denied = rng.chance(8).then_some(created + 3600);
    InviteRequest {
        id: make_id('I', seed, 7, i),
        date_created: Some(created),
        expires_at: Some(expires),
        date_last_updated: Some(denied.unwrap_or(created)),
        date_denied: denied,
        inviting_team: Some(me.team.clone()),
        inviting_user: Some(me.users[1 + rng.below(me.users.len() - 1)].clone()),
        reviewing_user: denied.map(|_| me.users[0].clone()),
        is_external_limited: Some(rng.chance(60)),
        is_sponsored: Some(false),
        recipient_email: None,
        target_user: Some(TargetUser {
            recipient_email: Some(email),
            recipient_user_id: None,
        }),
        channel: Some(channel),
    }
}
