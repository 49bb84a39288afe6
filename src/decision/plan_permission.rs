//! The words of a permission change: one org's permission in one shared
//! channel, from post only to post and invite (`upgrade`) or back.

use crate::decision::DecisionKind;
use crate::decision::plan::{About, Confirmation, Plan, PlannedWrite};
use crate::text::words::permission_words;

/// What the admin knows about the change before saying yes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PermissionChange<'a> {
    pub channel_id: &'a str,
    pub channel_name: &'a str,
    pub is_private: bool,
    pub team_id: &'a str,
    pub team_name: &'a str,
    /// The org's permission now: post only.
    pub now_limited: bool,
}

/// Switch the org to the other permission.
pub fn set_permission(change: &PermissionChange<'_>) -> Plan {
    let PermissionChange {
        channel_id,
        channel_name,
        is_private,
        team_id,
        team_name,
        now_limited,
    } = *change;
    let upgrade = now_limited;
    let after = permission_words(!now_limited);
    let visibility = if is_private { "private" } else { "public" };
    let mut lines = vec![
        format!("Channel: #{channel_name} ({channel_id}), {visibility}"),
        format!("Org: {team_name} ({team_id})"),
        format!(
            "Permission: {} now; {after} after this",
            permission_words(now_limited)
        ),
    ];
    lines.push(if upgrade {
        format!("{team_name} could then invite more people from their side into #{channel_name}.")
    } else {
        format!("{team_name} could then only post in #{channel_name}, and invite no one.")
    });
    lines.push(format!(
        "Sent: conversations.externalInvitePermissions.set channel={channel_id} \
         target_team={team_id} action={}",
        if upgrade { "upgrade" } else { "downgrade" }
    ));
    Plan {
        confirmation: Confirmation {
            title: if upgrade {
                format!("Let {team_name} post and invite in #{channel_name}?")
            } else {
                format!("Limit {team_name} to posting in #{channel_name}?")
            },
            lines,
            yes_label: "change",
        },
        write: PlannedWrite {
            kind: DecisionKind::SetPermission {
                team: team_id.to_owned(),
                upgrade,
            },
            item_id: channel_id.to_owned(),
            summary: format!("{team_name}'s permission in #{channel_name} to {after}"),
            about: About::org_in_channel(team_id, team_name, channel_id, channel_name),
            workspace: None,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(now_limited: bool) -> PermissionChange<'static> {
        PermissionChange {
            channel_id: "C1",
            channel_name: "ops",
            is_private: true,
            team_id: "T9",
            team_name: "Acme",
            now_limited,
        }
    }

    #[test]
    fn an_upgrade_says_what_changes_and_what_is_sent() {
        let plan = set_permission(&change(true));
        assert_eq!(plan.confirmation.title, "Let Acme post and invite in #ops?");
        let text = plan.confirmation.lines.join("\n");
        assert!(
            text.contains("Permission: post only now; post and invite after this"),
            "{text}"
        );
        assert!(text.contains("target_team=T9 action=upgrade"), "{text}");
        let call = plan.write.call();
        assert_eq!(call.method, "conversations.externalInvitePermissions.set");
        assert_eq!(
            call.args,
            [
                ("channel", "C1".to_owned()),
                ("target_team", "T9".to_owned()),
                ("action", "upgrade".to_owned())
            ]
        );
    }

    #[test]
    fn a_downgrade_limits_to_posting() {
        let plan = set_permission(&change(false));
        assert_eq!(plan.confirmation.title, "Limit Acme to posting in #ops?");
        assert!(
            plan.write
                .call()
                .args
                .contains(&("action", "downgrade".to_owned()))
        );
        assert_eq!(plan.write.summary, "Acme's permission in #ops to post only");
    }
}
