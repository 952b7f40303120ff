//! Deleting one's account: what goes at once, what the programme must keep (pseudonymised)
//! and until when, and the double confirmation. The database side is
//! `server::db::account_deletion`; the page is `ui::pages::account::deletion`.
//!
//! The account's row stays, emptied of its identity (address, name, password, sign-in
//! methods), so that the records the programme keeps (a submitted candidature under review,
//! jury reviews, decisions, the audit log) point to a pseudonym: the account's number.

use crate::domain::candidature::Status;
use crate::domain::retention::KeptUntil;
use crate::domain::validate::{FormErrors, Problem};
use serde::{Deserialize, Serialize};

/// The name a deleted account shows wherever it appears.
pub const DELETED_NAME: &str = "Compte supprimé";

/// The address a deleted account keeps (unique, and undeliverable: `.invalid` is reserved).
pub fn deleted_address(user_id: i64) -> String {
    format!("compte-supprime-{user_id}@supprime.invalid")
}

/// The person's part in a candidature.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Part {
    Holder,
    CoApplicant,
}

/// A candidature of the person, as the deletion page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Involvement {
    pub candidature_id: i64,
    pub project_name: String,
    pub status: Status,
    pub part: Part,
    /// How many co-applicants the candidature names (the holder not counted).
    pub co_applicants: usize,
    pub kept_until: KeptUntil,
}

/// What deleting the account does to a candidature.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Fate {
    /// A draft: deleted with the account.
    DeletedNow,
    /// Submitted: kept for the programme, the holder shown as « Compte supprimé », until then.
    KeptPseudonymised(KeptUntil),
    /// A co-applicant: their name and address leave the team; the candidature stays with its
    /// holder.
    LeavesTeam,
    /// A selected project whose only holder leaves: it stays in the programme's record and
    /// its public page keeps what the team agreed to publish, but nobody can act for it any
    /// more; the programme team is told.
    SelectedWithoutHolder,
}

pub fn fate(c: &Involvement) -> Fate {
    match (c.part, c.status) {
        (Part::CoApplicant, _) => Fate::LeavesTeam,
        (Part::Holder, Status::Draft) => Fate::DeletedNow,
        (Part::Holder, Status::Selected | Status::InProgramme | Status::Launched) if c.co_applicants == 0 => Fate::SelectedWithoutHolder,
        (Part::Holder, _) => Fate::KeptPseudonymised(c.kept_until),
    }
}

/// The two confirmations of the form: the box « I have read what will be deleted and kept »,
/// and the account's address typed again (compared without case or surrounding spaces).
pub fn check_confirmation(account_address: &str, understood: bool, typed_address: &str) -> Result<(), FormErrors> {
    let mut e = FormErrors::default();
    if !understood {
        e.add("understood", Problem::DeletionNotUnderstood);
    }
    if typed_address.trim().is_empty() {
        e.add("address", Problem::Required);
    } else if !typed_address.trim().eq_ignore_ascii_case(account_address.trim()) {
        e.add("address", Problem::AddressMismatch);
    }
    if e.is_empty() {
        Ok(())
    } else {
        Err(e.keep("address", typed_address))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn involvement(part: Part, status: Status, co_applicants: usize) -> Involvement {
        let day = NaiveDate::from_ymd_opt(2028, 5, 20).unwrap();
        Involvement { candidature_id: 1, project_name: "P".into(), status, part, co_applicants, kept_until: KeptUntil::Day(day) }
    }

    #[test]
    fn drafts_go_submitted_stay_and_a_selected_project_is_flagged() {
        assert_eq!(fate(&involvement(Part::Holder, Status::Draft, 2)), Fate::DeletedNow);
        let day = NaiveDate::from_ymd_opt(2028, 5, 20).unwrap();
        assert_eq!(fate(&involvement(Part::Holder, Status::UnderReview, 0)), Fate::KeptPseudonymised(KeptUntil::Day(day)));
        assert_eq!(fate(&involvement(Part::Holder, Status::InProgramme, 0)), Fate::SelectedWithoutHolder);
        assert_eq!(fate(&involvement(Part::Holder, Status::InProgramme, 1)), Fate::KeptPseudonymised(KeptUntil::Day(day)));
        assert_eq!(fate(&involvement(Part::CoApplicant, Status::Selected, 0)), Fate::LeavesTeam);
    }

    #[test]
    fn both_confirmations_are_needed_and_the_typed_address_is_kept() {
        assert_eq!(check_confirmation("Marie@exemple.fr", true, " marie@exemple.fr "), Ok(()));
        let e = check_confirmation("marie@exemple.fr", false, "autre@exemple.fr").unwrap_err();
        assert_eq!(e.for_field("understood"), Some(&Problem::DeletionNotUnderstood));
        assert_eq!(e.for_field("address"), Some(&Problem::AddressMismatch));
        assert_eq!(e.kept_value("address"), Some("autre@exemple.fr"));
        let e = check_confirmation("marie@exemple.fr", true, "").unwrap_err();
        assert_eq!(e.for_field("address"), Some(&Problem::Required));
    }

    #[test]
    fn a_deleted_account_keeps_an_undeliverable_unique_address() {
        assert_eq!(deleted_address(42), "compte-supprime-42@supprime.invalid");
        assert!(crate::domain::account::Email::parse(&deleted_address(42)).is_ok());
    }
}
