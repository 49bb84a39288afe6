//! The Invites pane: channel invitations, split into those waiting on us
//! and those waiting on the other side.

use std::sync::Arc;

use crate::app::list::{Keying, ListData};
use crate::model::invites::{
    AWAITING_THEM, AWAITING_US, AfterApproval, every_side_approved, is_pending, keys,
    reviewed_by_us,
};
use crate::model::rows::{Invite, Review, Team, push_boxed};
use crate::model::sort::RowKeys;

#[derive(Debug)]
pub struct InvitesPane {
    pub list: ListData<Invite>,
}

impl Default for InvitesPane {
    fn default() -> Self {
        InvitesPane {
            list: ListData {
                labels: &[AWAITING_US, AWAITING_THEM],
                ..Default::default()
            },
        }
    }
}

impl InvitesPane {
    /// Rows waiting on us, over the whole list (filter or not).
    pub fn awaiting_us(&self) -> usize {
        self.list.group_totals.first().copied().unwrap_or(0)
    }

    pub fn find(&self, invite_id: &str) -> Option<&Invite> {
        self.list.find(invite_id)
    }

    /// Slack took our approval: record our review so the row moves to
    /// "awaiting them" (or leaves the list when Slack is told on refresh
    /// that every side approved).
    ///
    /// Returns [`AfterApproval::Connected`] when every side has now approved:
    /// Slack then drops the invite from its pending list, and so do we.
    pub fn record_our_approval(
        &mut self,
        invite_id: &str,
        ours: &[&str],
        now: i64,
    ) -> AfterApproval {
        let Some(invite) = self.find(invite_id) else {
            return AfterApproval::Gone;
        };
        let Some(our_id) = ours.first() else {
            return AfterApproval::Gone;
        };
        let mut invite = invite.clone();
        if let Some(acceptance) = invite
            .acceptances
            .iter_mut()
            .find(|a| is_pending(a) && !reviewed_by_us(a, ours))
        {
            let review = Review {
                kind: Some("approval".into()),
                date_review: Some(now),
                reviewing_team: Some(Arc::new(Team {
                    id: Arc::from(*our_id),
                    ..Default::default()
                })),
            };
            push_boxed(&mut acceptance.reviews, review);
        }
        let connected = !invite.acceptances.is_empty()
            && invite
                .acceptances
                .iter()
                .all(|a| every_side_approved(&invite, a, ours));
        if connected {
            self.list.remove(invite_id);
            AfterApproval::Connected
        } else {
            // Our review changes nothing the risk signals look at but the
            // expiry, which the next tick brings in step: the row keeps its
            // flags rather than lose them until the next refresh.
            let risk = self.list.risk_of(invite_id);
            let keying = Keying::new(
                |i| RowKeys {
                    risk,
                    ..keys(i, ours)
                },
                |i: &Invite| i.search_key(ours),
            );
            self.list
                .update_row(invite_id, |row| *row = invite, &keying);
            AfterApproval::WaitingOnThem
        }
    }

    /// Slack took our decline, or the invite was decided elsewhere: it is gone.
    pub fn remove(&mut self, invite_id: &str) {
        self.list.remove(invite_id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::invites::*;
    use crate::model::rows::Interner;
    use crate::slack::models::{self, ConnectInvite, InviteDetail};

    fn team(id: &str) -> models::ConnectTeam {
        models::ConnectTeam {
            id: id.into(),
            name: Some(format!("Team {id}")),
            ..Default::default()
        }
    }

    fn invite(id: &str, direction: &str, acceptances: Vec<models::Acceptance>) -> Invite {
        let wire = ConnectInvite {
            direction: Some(direction.into()),
            status: Some("sent".into()),
            invite: Some(InviteDetail {
                id: id.into(),
                date_invalid: Some(1000),
                inviting_team: Some(team(if direction == "outgoing" {
                    "TUS"
                } else {
                    "TOTHER"
                })),
                ..Default::default()
            }),
            acceptances,
            ..Default::default()
        };
        Invite::from_wire(&wire, &mut Interner::default())
    }

    fn pane_with(rows: Vec<Invite>, ours: &[&str]) -> InvitesPane {
        let mut pane = InvitesPane::default();
        pane.list.begin_load(0);
        let keying = Keying::new(|i| keys(i, ours), |i: &Invite| i.search_key(ours));
        pane.list.add_page(rows, None, true, 0, &keying);
        pane
    }

    fn pending(team_id: &str, reviewed_by: Option<&str>) -> models::Acceptance {
        models::Acceptance {
            approval_status: Some("pending_approval".into()),
            accepting_team: Some(team(team_id)),
            reviews: reviewed_by
                .map(|id| models::Review {
                    kind: Some("approval".into()),
                    date_review: Some(1),
                    reviewing_team: Some(team(id)),
                })
                .into_iter()
                .collect(),
            ..Default::default()
        }
    }

    const OURS: &[&str] = &["TUS", "EUS"];

    #[test]
    fn awaiting_us_needs_a_pending_acceptance_we_have_not_reviewed() {
        let incoming = invite("I1", "incoming", vec![pending("TUS", Some("TOTHER"))]);
        assert_eq!(waiting_on(&incoming, OURS), WaitingOn::Us);
        let reviewed = invite("I2", "incoming", vec![pending("TUS", Some("EUS"))]);
        assert_eq!(
            waiting_on(&reviewed, OURS),
            WaitingOn::Them,
            "our org reviewed it"
        );
        let not_accepted = invite("I3", "outgoing", vec![]);
        assert_eq!(waiting_on(&not_accepted, OURS), WaitingOn::Them);
        let outgoing = invite("I4", "outgoing", vec![pending("TTHEM", None)]);
        assert_eq!(waiting_on(&outgoing, OURS), WaitingOn::Us);
        assert_eq!(
            waiting_on(&outgoing, &[]),
            WaitingOn::Them,
            "unknown identity"
        );
        let mut revoked = outgoing.clone();
        revoked.status = Some("revoked".into());
        assert_eq!(waiting_on(&revoked, OURS), WaitingOn::Them);
    }

    #[test]
    fn expiry_is_the_earlier_of_the_invite_and_our_acceptance() {
        let mut later_acceptance = pending("TUS", None);
        later_acceptance.date_invalid = Some(5000);
        let incoming = invite("I1", "incoming", vec![later_acceptance]);
        assert_eq!(
            expires_at(&incoming, OURS),
            Some(1000),
            "the invite lapses first"
        );
        let mut earlier_acceptance = pending("TUS", None);
        earlier_acceptance.date_invalid = Some(400);
        let incoming = invite("I2", "incoming", vec![earlier_acceptance]);
        assert_eq!(expires_at(&incoming, OURS), Some(400));
        let not_accepted = invite("I3", "outgoing", vec![]);
        assert_eq!(expires_at(&not_accepted, OURS), Some(1000));
    }

    #[test]
    fn target_team_is_the_accepting_team_only_when_we_invited() {
        let outgoing = invite("I4", "outgoing", vec![pending("TTHEM", None)]);
        assert_eq!(target_team(&outgoing, OURS).as_deref(), Some("TTHEM"));
        let incoming = invite("I1", "incoming", vec![pending("TUS", None)]);
        assert_eq!(target_team(&incoming, OURS), None);
        assert_eq!(other_team(&incoming, OURS).map(|t| &*t.id), Some("TOTHER"));
    }

    #[test]
    fn rows_group_awaiting_us_first_and_our_approval_moves_a_row() {
        let mut pane = pane_with(
            vec![
                invite("I3", "outgoing", vec![]),
                invite("I1", "incoming", vec![pending("TUS", None)]),
            ],
            OURS,
        );
        assert_eq!(pane.awaiting_us(), 1);
        assert_eq!(pane.list.selected_item().unwrap().id(), "I1");
        // The inviter has not approved I1 yet: it waits on them now.
        assert_eq!(
            pane.record_our_approval("I1", OURS, 50),
            AfterApproval::WaitingOnThem
        );
        assert_eq!(pane.awaiting_us(), 0);
        assert_eq!(pane.list.selected, 0, "the selection stays in place");
        assert_eq!(waiting_on(pane.find("I1").unwrap(), OURS), WaitingOn::Them);
        pane.remove("I3");
        assert_eq!(pane.list.items.len(), 1);
    }

    #[test]
    fn the_last_approval_connects_and_the_invite_leaves_the_list() {
        let mut pane = pane_with(
            vec![invite(
                "I1",
                "incoming",
                vec![pending("TUS", Some("TOTHER"))],
            )],
            OURS,
        );
        assert_eq!(
            pane.record_our_approval("I1", OURS, 50),
            AfterApproval::Connected
        );
        assert!(pane.list.items.is_empty());
        // Our org-level review counts for our workspace's side too.
        let mut pane = pane_with(
            vec![invite(
                "I4",
                "outgoing",
                vec![pending("TTHEM", Some("TTHEM"))],
            )],
            &["EUS", "TUS"],
        );
        assert_eq!(
            pane.record_our_approval("I4", &["EUS", "TUS"], 50),
            AfterApproval::Connected
        );
    }
}
