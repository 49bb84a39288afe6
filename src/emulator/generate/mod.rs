//! `--generate`: a large, realistic, deterministic org, built fast.

mod items;
mod names;

use std::collections::HashMap;
use std::ops::Range;

use crate::slack::models::{
    ConnectInvite, ConnectedWorkspace, ExternalOrg, InviteRequest, SharedChannel,
};

use super::config::GenerateSpec;
use super::dataset::{Dataset, SelfTeam, WorkspaceData, mix, org_tokens};
use items::{World, make_invite, make_request};
use names::{DAY, Team, make_id, make_team, team_name};
// The activity simulator draws names the same way.
pub(crate) use names::{FIRST, LAST, Rng, TOPICS};

impl Dataset {
    /// A deterministic org of the requested size; `now` anchors every date.
    pub fn generate(spec: &GenerateSpec, seed: u64, now: i64) -> Dataset {
        let mut generator = Generator::new(spec, seed, now);
        let mut invites = Vec::with_capacity(spec.invites);
        let mut invite_requests = Vec::with_capacity(spec.requests);
        while let Some(batch) = generator.next_batch(usize::MAX) {
            match batch {
                Batch::Invites(made) => invites.extend(made),
                Batch::Requests(made) => invite_requests.extend(made),
            }
        }
        let self_team = generator.self_team().clone();
        let (organizations, channels) = generator.into_orgs_and_channels();
        let mut dataset = Dataset {
            self_team: Some(self_team),
            invites,
            invite_requests,
            organizations,
            channels,
            ..Dataset::default()
        };
        if spec.workspaces > 1 {
            spread_over_workspaces(&mut dataset, spec.workspaces, seed);
        }
        dataset
    }
}

/// A generated org whose invites and requests are made a batch at a time,
/// so the emulator can take them in without all of them existing at once.
/// One random stream makes everything in one order, however the batches
/// are cut, so every cut gives the org [`Dataset::generate`] gives.
pub(crate) struct Generator {
    rng: Rng,
    seed: u64,
    now: i64,
    me: Team,
    /// The connected orgs, then the prospects.
    partners: Vec<Team>,
    /// Where each connected org is in `partners`.
    org_index: HashMap<String, usize>,
    self_team: SelfTeam,
    organizations: Vec<ExternalOrg>,
    channels: Vec<SharedChannel>,
    invites_left: Range<usize>,
    requests_left: Range<usize>,
}

/// Consecutive generated items: every invite comes before every request.
pub(crate) enum Batch {
    Invites(Vec<ConnectInvite>),
    Requests(Vec<InviteRequest>),
}

impl Generator {
    /// Our team, the orgs and the channels of the org `spec` describes,
    /// with its invites and requests still to make.
    pub fn new(spec: &GenerateSpec, seed: u64, now: i64) -> Generator {
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

        let org_index = orgs
            .iter()
            .enumerate()
            .map(|(n, o)| (o.team.id.clone(), n))
            .collect();
        let mut partners = orgs;
        partners.extend(prospects);
        Generator {
            rng,
            seed,
            now,
            me,
            partners,
            org_index,
            self_team,
            organizations,
            channels,
            invites_left: 0..spec.invites,
            requests_left: 0..spec.requests,
        }
    }

    pub fn self_team(&self) -> &SelfTeam {
        &self.self_team
    }

    /// The next at most `size` items, None once all are made.
    pub fn next_batch(&mut self, size: usize) -> Option<Batch> {
        let world = World {
            seed: self.seed,
            now: self.now,
            me: &self.me,
            partners: &self.partners,
            org_index: &self.org_index,
            channels: &self.channels,
        };
        let rng = &mut self.rng;
        if let Some(indexes) = take_front(&mut self.invites_left, size) {
            let made = indexes.map(|i| make_invite(rng, &world, i)).collect();
            return Some(Batch::Invites(made));
        }
        let indexes = take_front(&mut self.requests_left, size)?;
        let made = indexes.map(|i| make_request(rng, &world, i)).collect();
        Some(Batch::Requests(made))
    }

    pub fn into_orgs_and_channels(self) -> (Vec<ExternalOrg>, Vec<SharedChannel>) {
        (self.organizations, self.channels)
    }
}

/// The first `size` of `left` (fewer at its end), taken off it; None when it is empty.
fn take_front(left: &mut Range<usize>, size: usize) -> Option<Range<usize>> {
    if left.start >= left.end {
        return None;
    }
    let end = left.start.saturating_add(size.max(1)).min(left.end);
    let front = left.start..end;
    left.start = end;
    Some(front)
}

/// An Enterprise org of `count` workspaces: the first is `self`, and the
/// invites and requests are dealt out in turn, so each workspace has its
/// own. The orgs and channels stay the org's. The org-level token comes
/// first, then workspace tokens.
fn spread_over_workspaces(dataset: &mut Dataset, count: usize, seed: u64) {
    let mut workspaces: Vec<WorkspaceData> = (1..count)
        .map(|n| WorkspaceData {
            id: format!("T0ACMEWS{:02}", n + 1),
            name: Some(format!(
                "Acme {}",
                WORKSPACE_NAMES[(n - 1) % WORKSPACE_NAMES.len()]
            )),
            domain: Some(format!("acme-ws{}", n + 1)),
            ..WorkspaceData::default()
        })
        .collect();
    dataset.invites = deal_out(std::mem::take(&mut dataset.invites), &mut workspaces, |w| {
        &mut w.invites
    });
    dataset.invite_requests = deal_out(
        std::mem::take(&mut dataset.invite_requests),
        &mut workspaces,
        |w| &mut w.invite_requests,
    );
    // Each channel is in one of our workspaces, every fifth in two.
    for (i, channel) in dataset.channels.iter_mut().enumerate() {
        let ws = |n: usize| match n % count {
            0 => "T0ACMEHQ01".to_owned(),
            n => workspaces[n - 1].id.clone(),
        };
        channel.internal_team_ids = vec![ws(i)];
        if i % 5 == 4 {
            channel.internal_team_ids.push(ws(i + 1));
        }
    }
    let mut ids = vec!["T0ACMEHQ01".to_owned()];
    ids.extend(workspaces.iter().map(|w| w.id.clone()));
    dataset.tokens = org_tokens(seed, &ids);
    dataset.workspaces = workspaces;
}

/// `items` dealt out in turn: the first workspace's (returned) and then
/// each of `others` (into the list `into` picks), moved to it.
fn deal_out<T: serde::Serialize + serde::de::DeserializeOwned + Clone>(
    items: Vec<T>,
    others: &mut [WorkspaceData],
    into: fn(&mut WorkspaceData) -> &mut Vec<T>,
) -> Vec<T> {
    let mut ours = Vec::new();
    for (i, item) in items.into_iter().enumerate() {
        match i % (others.len() + 1) {
            0 => ours.push(item),
            n => {
                let moved = moved_to(&item, &others[n - 1]);
                into(&mut others[n - 1]).push(moved);
            }
        }
    }
    ours
}

/// An item made for our first workspace, as the workspace `ws` has it: our
/// side (accepting team, reviewers, our users' team) is that workspace.
fn moved_to<T: serde::Serialize + serde::de::DeserializeOwned + Clone>(
    item: &T,
    ws: &WorkspaceData,
) -> T {
    let name = ws.name.as_deref().unwrap_or("Acme");
    let domain = ws.domain.as_deref().unwrap_or("acme");
    serde_json::to_string(item)
        .ok()
        .map(|text| {
            text.replace("\"T0ACMEHQ01\"", &format!("\"{}\"", ws.id))
                .replace("\"Acme Corp\"", &format!("\"{name}\""))
                .replace("\"acme-corp\"", &format!("\"{domain}\""))
        })
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_else(|| item.clone())
}

const WORKSPACE_NAMES: [&str; 6] = [
    "Europe",
    "Americas",
    "Asia Pacific",
    "Labs",
    "Support",
    "Finance",
];
