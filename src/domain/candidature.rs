//! The candidature's lifecycle. One record goes from draft to launch, never re-entered;
//! each change of status must be one of the transitions allowed here.

use super::i18n::Label;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Status {
    Draft,
    Submitted,
    CorrectionRequested,
    Eligible,
    Ineligible,
    UnderReview,
    Selected,
    Waitlisted,
    NotSelected,
    InProgramme,
    Launched,
    Withdrawn,
}

impl Status {
    pub const ALL: [Status; 12] = [
        Status::Draft,
        Status::Submitted,
        Status::CorrectionRequested,
        Status::Eligible,
        Status::Ineligible,
        Status::UnderReview,
        Status::Selected,
        Status::Waitlisted,
        Status::NotSelected,
        Status::InProgramme,
        Status::Launched,
        Status::Withdrawn,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Submitted => "submitted",
            Status::CorrectionRequested => "correction_requested",
            Status::Eligible => "eligible",
            Status::Ineligible => "ineligible",
            Status::UnderReview => "under_review",
            Status::Selected => "selected",
            Status::Waitlisted => "waitlisted",
            Status::NotSelected => "not_selected",
            Status::InProgramme => "in_programme",
            Status::Launched => "launched",
            Status::Withdrawn => "withdrawn",
        }
    }

    pub fn from_code(code: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn label(self) -> Label {
        match self {
            Status::Draft => Label::new("Brouillon", "Draft"),
            Status::Submitted => Label::new("Déposée", "Submitted"),
            Status::CorrectionRequested => Label::new("Correction demandée", "Correction requested"),
            Status::Eligible => Label::new("Éligible", "Eligible"),
            Status::Ineligible => Label::new("Non éligible", "Ineligible"),
            Status::UnderReview => Label::new("En cours d'évaluation", "Under review"),
            Status::Selected => Label::new("Sélectionnée", "Selected"),
            Status::Waitlisted => Label::new("Sur liste d'attente", "Waitlisted"),
            Status::NotSelected => Label::new("Non retenue", "Not selected"),
            Status::InProgramme => Label::new("En programme d'accélération", "In the acceleration programme"),
            Status::Launched => Label::new("Lancée publiquement", "Publicly launched"),
            Status::Withdrawn => Label::new("Retirée", "Withdrawn"),
        }
    }

    /// The lifecycle: draft → submitted → eligible / ineligible (or correction requested)
    /// → under review → selected / waitlisted / not selected → in programme → launched.
    /// An applicant may withdraw until the decision.
    pub fn can_move_to(self, next: Status) -> bool {
        use Status::*;
        matches!(
            (self, next),
            (Draft, Submitted)
                | (Submitted, Eligible)
                | (Submitted, Ineligible)
                | (Submitted, CorrectionRequested)
                | (CorrectionRequested, Submitted)
                | (Eligible, UnderReview)
                | (UnderReview, Selected)
                | (UnderReview, Waitlisted)
                | (UnderReview, NotSelected)
                | (Waitlisted, Selected)
                | (Waitlisted, NotSelected)
                | (Selected, InProgramme)
                | (InProgramme, Launched)
                | (Draft | Submitted | CorrectionRequested | Eligible | UnderReview, Withdrawn)
        )
    }

    /// No transition leaves these.
    pub fn is_final(self) -> bool {
        Status::ALL.iter().all(|next| !self.can_move_to(*next))
    }
}

/// Who carries the project (the first call counted 44 % associations, 30 % companies,
/// 26 % individuals).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CarrierKind {
    Individual,
    Association,
    Company,
    InformalCollective,
}

impl CarrierKind {
    pub const ALL: [CarrierKind; 4] =
        [CarrierKind::Individual, CarrierKind::Association, CarrierKind::Company, CarrierKind::InformalCollective];

    pub fn label(self) -> Label {
        match self {
            CarrierKind::Individual => Label::new("Particulier", "Individual"),
            CarrierKind::Association => Label::new("Association", "Association"),
            CarrierKind::Company => Label::new("Entreprise", "Company"),
            CarrierKind::InformalCollective => Label::new("Collectif informel", "Informal collective"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Status::*;

    #[test]
    fn the_happy_path_is_allowed_step_by_step() {
        let path = [Draft, Submitted, Eligible, UnderReview, Selected, InProgramme, Launched];
        for pair in path.windows(2) {
            assert!(pair[0].can_move_to(pair[1]), "{:?} -> {:?}", pair[0], pair[1]);
        }
    }

    #[test]
    fn correction_round_trips_and_waitlist_can_still_be_selected() {
        assert!(Submitted.can_move_to(CorrectionRequested));
        assert!(CorrectionRequested.can_move_to(Submitted));
        assert!(Waitlisted.can_move_to(Selected));
    }

    #[test]
    fn no_skipping_no_going_back_and_finals_are_final() {
        assert!(!Draft.can_move_to(Selected));
        assert!(!Submitted.can_move_to(UnderReview));
        assert!(!Selected.can_move_to(Draft));
        assert!(!Launched.can_move_to(Withdrawn));
        assert!(!Selected.can_move_to(Withdrawn));
        for s in [Ineligible, NotSelected, Launched, Withdrawn] {
            assert!(s.is_final(), "{s:?}");
        }
        for s in [Draft, Submitted, Eligible, UnderReview, Selected, InProgramme] {
            assert!(!s.is_final(), "{s:?}");
        }
        for s in Status::ALL {
            assert!(!s.can_move_to(s), "{s:?} loops");
            assert_eq!(Status::from_code(s.code()), Some(s));
        }
    }
}
