//! The candidature's lifecycle. One record goes from draft to launch, never re-entered;
//! each change of status must be one of the transitions allowed here.

use super::cohort::Phase;
use super::i18n::Label;
use super::ids::{CandidatureId, CohortId};
use serde::{Deserialize, Serialize};

code_enum! {
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
    pub enum Status {
        Draft => "draft",
        Submitted => "submitted",
        CorrectionRequested => "correction_requested",
        Eligible => "eligible",
        Ineligible => "ineligible",
        UnderReview => "under_review",
        Selected => "selected",
        Waitlisted => "waitlisted",
        NotSelected => "not_selected",
        InProgramme => "in_programme",
        Launched => "launched",
        Withdrawn => "withdrawn",
    }
}

impl Status {
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

code_enum! {
    /// Who carries the project (the first call counted 44 % associations, 30 % companies,
    /// 26 % individuals).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
    pub enum CarrierKind {
        Individual => "individual",
        Association => "association",
        Company => "company",
        InformalCollective => "informal_collective",
    }
}

impl CarrierKind {
    pub fn label(self) -> Label {
        match self {
            CarrierKind::Individual => Label::new("Particulier", "Individual"),
            CarrierKind::Association => Label::new("Association", "Association"),
            CarrierKind::Company => Label::new("Entreprise", "Company"),
            CarrierKind::InformalCollective => Label::new("Collectif informel", "Informal collective"),
        }
    }
}

code_enum! {
    /// How far the project has come when it applies.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
    pub enum ProjectStage {
        Idea => "idea",
        Prototype => "prototype",
        Running => "running",
    }
}

impl ProjectStage {
    pub fn label(self) -> Label {
        match self {
            ProjectStage::Idea => Label::new("Idée", "Idea"),
            ProjectStage::Prototype => Label::new("Prototype", "Prototype"),
            ProjectStage::Running => Label::new("En fonctionnement", "Running"),
        }
    }
}

code_enum! {
    /// The area of public service a project improves; one per candidature.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
    pub enum Theme {
        Health => "health",
        Education => "education",
        Environment => "environment",
        Employment => "employment",
        Solidarity => "solidarity",
        Citizenship => "citizenship",
        Transport => "transport",
        Culture => "culture",
        Digital => "digital",
        Other => "other",
    }
}

impl Theme {
    pub fn label(self) -> Label {
        match self {
            Theme::Health => Label::new("Santé", "Health"),
            Theme::Education => Label::new("Éducation", "Education"),
            Theme::Environment => Label::new("Environnement et transition écologique", "Environment and ecological transition"),
            Theme::Employment => Label::new("Emploi", "Employment"),
            Theme::Solidarity => Label::new("Solidarité et inclusion", "Solidarity and inclusion"),
            Theme::Citizenship => Label::new("Citoyenneté et démocratie", "Citizenship and democracy"),
            Theme::Transport => Label::new("Mobilités", "Mobility"),
            Theme::Culture => Label::new("Culture", "Culture"),
            Theme::Digital => Label::new("Numérique et données publiques", "Digital and public data"),
            Theme::Other => Label::new("Autre", "Other"),
        }
    }
}

/// The reference given to a submitted candidature: cohort number, then the candidature
/// number on at least 5 digits, e.g. `C3-00042`.
pub fn reference(cohort_id: CohortId, candidature_id: CandidatureId) -> String {
    format!("C{cohort_id}-{candidature_id:05}")
}

/// Median time to complete a candidature, in minutes. Negative durations (clock errors)
/// are ignored; `None` when nothing is left to measure.
pub fn median_minutes(durations_seconds: &[i64]) -> Option<f64> {
    let mut d: Vec<i64> = durations_seconds.iter().copied().filter(|s| *s >= 0).collect();
    if d.is_empty() {
        return None;
    }
    d.sort_unstable();
    let mid = d.len() / 2;
    let seconds = if d.len() % 2 == 1 { d[mid] as f64 } else { (d[mid - 1] as f64 + d[mid] as f64) / 2.0 };
    Some(seconds / 60.0)
}

/// The 4 ranges of completion time, in this order (each bound belongs to the range above it).
pub const DURATION_BUCKETS: [Label; 4] = [
    Label::new("Moins de 15 min", "Under 15 min"),
    Label::new("De 15 à 30 min", "15 to 30 min"),
    Label::new("De 30 à 60 min", "30 to 60 min"),
    Label::new("60 min ou plus", "60 min or more"),
];

/// How many durations fall in each of `DURATION_BUCKETS`. Negative durations are ignored.
pub fn duration_buckets(durations_seconds: &[i64]) -> [usize; 4] {
    const UPPER: [i64; 3] = [15 * 60, 30 * 60, 60 * 60];
    let mut counts = [0usize; 4];
    for s in durations_seconds.iter().copied().filter(|s| *s >= 0) {
        let i = UPPER.iter().position(|upper| s < *upper).unwrap_or(3);
        counts[i] += 1;
    }
    counts
}

/// What staff see of a cohort's completion times (« candidature en moins de 30 minutes »).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CompletionStats {
    pub submitted: usize,
    /// Median active editing time, in minutes.
    pub median_active_minutes: Option<f64>,
    /// Median time from start to submission (pauses included), in minutes.
    pub median_elapsed_minutes: Option<f64>,
    /// Active editing time per range of `DURATION_BUCKETS`.
    pub buckets: [usize; 4],
}

/// Statistics from (started_at, submitted_at, active_seconds) of submitted candidatures.
pub fn completion_stats(times: &[(i64, i64, i64)]) -> CompletionStats {
    let active: Vec<i64> = times.iter().map(|t| t.2).collect();
    let elapsed: Vec<i64> = times.iter().map(|t| t.1.saturating_sub(t.0)).collect();
    CompletionStats {
        submitted: times.len(),
        median_active_minutes: median_minutes(&active),
        median_elapsed_minutes: median_minutes(&elapsed),
        buckets: duration_buckets(&active),
    }
}

/// The applicant may change the content: a draft or a submitted candidature while the call is
/// open (a submitted one is validated again on each save), and one whose correction was
/// requested until it is sent back, even after the call has closed.
pub fn applicant_can_edit(status: Status, phase: Phase) -> bool {
    match status {
        Status::Draft | Status::Submitted => phase == Phase::CallOpen,
        Status::CorrectionRequested => true,
        _ => false,
    }
}

/// Submitting (or sending back after a correction) follows the lifecycle; a first submission
/// needs the call to be open.
pub fn applicant_can_submit(status: Status, phase: Phase) -> bool {
    match status {
        Status::Draft => phase == Phase::CallOpen,
        Status::CorrectionRequested => true,
        _ => false,
    }
}

/// Withdrawing is allowed until the decision.
pub fn applicant_can_withdraw(status: Status) -> bool {
    status.can_move_to(Status::Withdrawn)
}

/// Steps posted after the session expired that one network address may have kept aside
/// within [`PENDING_WINDOW_SECONDS`] (a person whose session expired posts one or two).
pub const PENDING_PER_ADDRESS: i64 = 5;
pub const PENDING_WINDOW_SECONDS: i64 = 3_600;

/// Whether one more step may be kept aside for an address that kept `recent` in the window.
pub fn may_keep_until_login(recent: i64) -> bool {
    recent < PENDING_PER_ADDRESS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_few_kept_steps_per_address_and_hour() {
        assert!(may_keep_until_login(0));
        assert!(may_keep_until_login(PENDING_PER_ADDRESS - 1));
        assert!(!may_keep_until_login(PENDING_PER_ADDRESS));
    }
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

    #[test]
    fn codes_round_trip_for_carriers_stages_and_themes() {
        for k in CarrierKind::ALL {
            assert_eq!(CarrierKind::from_code(k.code()), Some(k));
        }
        for s in ProjectStage::ALL {
            assert_eq!(ProjectStage::from_code(s.code()), Some(s));
        }
        for t in Theme::ALL {
            assert_eq!(Theme::from_code(t.code()), Some(t));
        }
        assert_eq!(CarrierKind::from_code("informal_collective"), Some(CarrierKind::InformalCollective));
        assert_eq!(ProjectStage::Running.label().fr, "En fonctionnement");
        assert_eq!(Theme::Solidarity.label().en, "Solidarity and inclusion");
        for unknown in ["", "Idea", "health ", "autre"] {
            assert_eq!(ProjectStage::from_code(unknown), None);
            assert_eq!(Theme::from_code(unknown), None);
            assert_eq!(CarrierKind::from_code(unknown), None);
        }
    }

    #[test]
    fn references_are_padded_and_deterministic() {
        assert_eq!(reference(CohortId(3), CandidatureId(42)), "C3-00042");
        assert_eq!(reference(CohortId(12), CandidatureId(123_456)), "C12-123456");
        assert_eq!(reference(CohortId(3), CandidatureId(42)), reference(CohortId(3), CandidatureId(42)));
    }

    #[test]
    fn median_handles_odd_even_and_empty_inputs() {
        assert_eq!(median_minutes(&[]), None);
        assert_eq!(median_minutes(&[-60]), None);
        assert_eq!(median_minutes(&[1200, 60, 600]), Some(10.0));
        assert_eq!(median_minutes(&[600, 60, 1200, 1800]), Some(15.0));
        assert_eq!(median_minutes(&[i64::MAX, i64::MAX]), Some(i64::MAX as f64 / 60.0));
    }

    #[test]
    fn buckets_split_at_15_30_and_60_minutes() {
        assert_eq!(duration_buckets(&[0, 899, 900, 1799, 1800, 3599, 3600, 100_000, -5]), [2, 2, 2, 2]);
        assert_eq!(DURATION_BUCKETS[0].fr, "Moins de 15 min");
        assert_eq!(DURATION_BUCKETS[3].en, "60 min or more");
        assert_eq!(duration_buckets(&[]), [0; 4]);
    }

    #[test]
    fn completion_stats_use_active_time_for_buckets_and_both_medians() {
        let s = completion_stats(&[(0, 3600, 600), (100, 700, 300), (1000, 100_000, 2400)]);
        assert_eq!(s.submitted, 3);
        assert_eq!(s.median_active_minutes, Some(10.0));
        assert_eq!(s.median_elapsed_minutes, Some(60.0));
        assert_eq!(s.buckets, [2, 0, 1, 0]);
        let empty = completion_stats(&[]);
        assert_eq!((empty.submitted, empty.median_active_minutes, empty.buckets), (0, None, [0; 4]));
    }

    #[test]
    fn applicants_edit_and_submit_only_while_the_rules_allow() {
        use crate::domain::cohort::Phase;
        assert!(applicant_can_edit(Status::Draft, Phase::CallOpen));
        assert!(!applicant_can_edit(Status::Draft, Phase::CallClosed));
        assert!(applicant_can_edit(Status::Submitted, Phase::CallOpen));
        assert!(!applicant_can_edit(Status::Submitted, Phase::JuryReview));
        assert!(applicant_can_edit(Status::CorrectionRequested, Phase::CallClosed));
        assert!(!applicant_can_edit(Status::Eligible, Phase::CallOpen));
        assert!(applicant_can_submit(Status::Draft, Phase::CallOpen));
        assert!(!applicant_can_submit(Status::Draft, Phase::Upcoming));
        assert!(!applicant_can_submit(Status::Submitted, Phase::CallOpen));
        assert!(applicant_can_submit(Status::CorrectionRequested, Phase::CallClosed));
        assert!(applicant_can_withdraw(Status::Submitted) && applicant_can_withdraw(Status::UnderReview));
        assert!(!applicant_can_withdraw(Status::Selected) && !applicant_can_withdraw(Status::Withdrawn));
    }
}
