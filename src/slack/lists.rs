//! The four lists, each as our models ([`SlackClient::invites`], …) or as
//! Slack's elements exactly as received ([`SlackClient::raw_invites_in`], …,
//! for `list --json`). Both page alike; only the decoding of a page differs.

use super::client::SlackClient;
use super::decode::{Decode, raw, typed};
use super::events::ClientEvent;
use super::methods::{RequestFilter, flag};
use super::models::{ConnectInvite, ExternalOrg, InviteRequest, SharedChannel};
use super::paginate::{CursorAt, Ended, ListSpec, PageStream, paginate, produce, spawn_pages};
use super::raw::RawElement;
use super::responses::{
    ConversationsList, ConversationsSearch, ExternalTeamsList, ListConnectInvites,
    RequestSharedInviteList,
};

/// Errors of admin.conversations.search that mean "this token may not use
/// it", after which conversations.list is the way to find shared channels.
const SEARCH_REFUSALS: &[&str] = &[
    "missing_scope",
    "not_an_admin",
    "not_an_enterprise",
    "not_allowed",
    "not_allowed_token_type",
    "feature_not_enabled",
];

const SEARCH: &str = "admin.conversations.search";
const CONVERSATIONS_LIST: &str = "conversations.list";

/// `team_id` when a workspace is named.
fn team_arg(team: Option<&str>) -> Vec<(&'static str, String)> {
    team.map(|t| ("team_id", t.to_owned()))
        .into_iter()
        .collect()
}

fn invites_spec(team: Option<&str>) -> ListSpec {
    ListSpec {
        method: "conversations.listConnectInvites",
        size_arg: "count",
        page_size: 500,
        cursor_at: CursorAt::Metadata,
        args: team_arg(team),
    }
}

fn requests_spec(team: Option<&str>, filter: RequestFilter) -> ListSpec {
    let mut args = team_arg(team);
    args.extend([
        ("include_approved", flag(filter.include_approved)),
        ("include_denied", flag(filter.include_denied)),
        ("include_expired", flag(filter.include_expired)),
    ]);
    if let Some(user) = filter.user_id {
        args.push(("user_id", user));
    }
    ListSpec {
        method: "conversations.requestSharedInvite.list",
        size_arg: "limit",
        page_size: 1000,
        cursor_at: CursorAt::Metadata,
        args,
    }
}

fn orgs_spec() -> ListSpec {
    ListSpec {
        method: "team.externalTeams.list",
        size_arg: "limit",
        page_size: 25,
        // The "cursor" is a team ID; it is sent back as is.
        cursor_at: CursorAt::Metadata,
        args: Vec::new(),
    }
}

/// conversations.list returns every channel; the Slack Connect ones are kept.
fn is_external(channel: &SharedChannel) -> bool {
    channel.is_ext_shared == Some(true)
}

impl SlackClient {
    /// Pending Slack Connect invitations, sent and received. Tier 1: about one page a minute.
    pub fn invites(&self) -> PageStream<ConnectInvite> {
        self.invites_in(None)
    }

    /// [`Self::invites`] of one workspace: an org-wide token must name it
    /// (`team_id`), and each workspace has its own Tier 1 budget.
    pub fn invites_in(&self, team: Option<&str>) -> PageStream<ConnectInvite> {
        paginate(
            self.clone(),
            invites_spec(team),
            typed::<ListConnectInvites>(None),
        )
    }

    /// [`Self::invites_in`], each element as Slack sent it.
    pub fn raw_invites_in(&self, team: Option<&str>) -> PageStream<RawElement> {
        paginate(
            self.clone(),
            invites_spec(team),
            raw::<ListConnectInvites>(None),
        )
    }

    /// Members' requests to invite people from outside.
    pub fn invite_requests(&self, filter: RequestFilter) -> PageStream<InviteRequest> {
        self.invite_requests_in(None, filter)
    }

    /// [`Self::invite_requests`] of one workspace of an org.
    pub fn invite_requests_in(
        &self,
        team: Option<&str>,
        filter: RequestFilter,
    ) -> PageStream<InviteRequest> {
        let spec = requests_spec(team, filter);
        paginate(self.clone(), spec, typed::<RequestSharedInviteList>(None))
    }

    /// [`Self::invite_requests_in`], each element as Slack sent it.
    pub fn raw_invite_requests_in(
        &self,
        team: Option<&str>,
        filter: RequestFilter,
    ) -> PageStream<RawElement> {
        let spec = requests_spec(team, filter);
        paginate(self.clone(), spec, raw::<RequestSharedInviteList>(None))
    }

    /// External organizations connected through Slack Connect.
    pub fn external_orgs(&self) -> PageStream<ExternalOrg> {
        paginate(self.clone(), orgs_spec(), typed::<ExternalTeamsList>(None))
    }

    /// [`Self::external_orgs`], each element as Slack sent it.
    pub fn raw_external_orgs(&self) -> PageStream<RawElement> {
        paginate(self.clone(), orgs_spec(), raw::<ExternalTeamsList>(None))
    }

    /// Channels shared with external orgs. Needs an org admin's token for
    /// admin.conversations.search; other tokens get conversations.list,
    /// filtered to externally shared channels (announced as a [`ClientEvent::Fallback`]).
    pub fn shared_channels(&self) -> PageStream<SharedChannel> {
        self.channel_pages(
            typed::<ConversationsSearch>(None),
            typed::<ConversationsList>(Some(is_external)),
        )
    }

    /// [`Self::shared_channels`], each element as Slack sent it.
    pub fn raw_shared_channels(&self) -> PageStream<RawElement> {
        self.channel_pages(
            raw::<ConversationsSearch>(None),
            raw::<ConversationsList>(Some(is_external)),
        )
    }

    fn channel_pages<O: Send + 'static>(
        &self,
        from_search: Decode<O>,
        from_list: Decode<O>,
    ) -> PageStream<O> {
        let search = ListSpec {
            method: SEARCH,
            size_arg: "limit",
            page_size: 20,
            cursor_at: CursorAt::TopLevel,
            args: vec![(
                "search_channel_types",
                "external_shared,external_shared_private".to_owned(),
            )],
        };
        let list = ListSpec {
            method: CONVERSATIONS_LIST,
            size_arg: "limit",
            page_size: 999,
            cursor_at: CursorAt::Metadata,
            args: vec![
                ("types", "public_channel,private_channel".to_owned()),
                ("exclude_archived", "true".to_owned()),
            ],
        };
        let client = self.clone();
        spawn_pages(self.reads_on_demand(), move |tx| async move {
            let ended = produce(&client, &search, &tx, SEARCH_REFUSALS, &from_search).await;
            if let Ended::Refused(error) = ended {
                client.emit(ClientEvent::Fallback {
                    from: SEARCH,
                    method: CONVERSATIONS_LIST,
                    reason: error.code().unwrap_or_default().to_owned(),
                });
                produce(&client, &list, &tx, &[], &from_list).await;
            }
        })
    }
}
