//! The transparency figures of each cohort, computed from the records (never typed in):
//! candidatures by kind of carrier, eligible, selected, the jury's average score per
//! criterion for the selected projects and for all reviewed ones, supports delivered by kind.

use super::candidature::{CarrierKind, Status};
use super::criteria::Criterion;
use super::support::SupportKind;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CohortFigures {
    pub cohort_id: i64,
    pub cohort: String,
    /// Candidatures submitted (drafts and withdrawn ones left out).
    pub candidatures: u32,
    pub by_carrier: Vec<(CarrierKind, u32)>,
    /// Found eligible (whatever came after).
    pub eligible: u32,
    /// Selected (then in programme, then launched).
    pub selected: u32,
    /// Per criterion: (average for the selected, average for all reviewed), on 1 to 4, rounded
    /// to a tenth; `None` without a score.
    pub averages: Vec<(Criterion, Option<f64>, Option<f64>)>,
    pub supports_delivered: Vec<(SupportKind, u32)>,
}

/// One candidature: its status and kind of carrier.
pub struct Entry {
    pub id: i64,
    pub status: Status,
    pub carrier: Option<CarrierKind>,
}

fn counted(s: Status) -> bool {
    !matches!(s, Status::Draft | Status::Withdrawn)
}

fn eligible(s: Status) -> bool {
    matches!(s, Status::Eligible | Status::UnderReview | Status::Selected | Status::Waitlisted | Status::NotSelected | Status::InProgramme | Status::Launched)
}

pub fn is_selected(s: Status) -> bool {
    matches!(s, Status::Selected | Status::InProgramme | Status::Launched)
}

fn mean(values: &[u8]) -> Option<f64> {
    (!values.is_empty()).then(|| (values.iter().map(|v| f64::from(*v)).sum::<f64>() / values.len() as f64 * 10.0).round() / 10.0)
}

/// The jury's scores of a cohort are published once its decisions are made: from the
/// programme phase on (before, the jury is still scoring or deliberating, and averages would
/// tell jurors and applicants how the others scored).
pub fn jury_figures_public(phase: super::cohort::Phase) -> bool {
    phase >= super::cohort::Phase::Programme
}

/// The figures of one cohort from its candidatures, the submitted scores
/// `(candidature_id, criterion, score)` and the supports delivered `(kind, count)`.
pub fn figures(
    cohort_id: i64,
    cohort: &str,
    entries: &[Entry],
    scores: &[(i64, Criterion, u8)],
    supports_delivered: Vec<(SupportKind, u32)>,
) -> CohortFigures {
    let count = |f: &dyn Fn(&Entry) -> bool| u32::try_from(entries.iter().filter(|e| f(e)).count()).unwrap_or(u32::MAX);
    let selected_ids: Vec<i64> = entries.iter().filter(|e| is_selected(e.status)).map(|e| e.id).collect();
    CohortFigures {
        cohort_id,
        cohort: cohort.to_string(),
        candidatures: count(&|e| counted(e.status)),
        by_carrier: CarrierKind::ALL.into_iter().map(|k| (k, count(&|e| counted(e.status) && e.carrier == Some(k)))).collect(),
        eligible: count(&|e| eligible(e.status)),
        selected: count(&|e| is_selected(e.status)),
        averages: Criterion::ALL
            .into_iter()
            .map(|c| {
                let all: Vec<u8> = scores.iter().filter(|(_, k, _)| *k == c).map(|(_, _, s)| *s).collect();
                let sel: Vec<u8> = scores.iter().filter(|(id, k, _)| *k == c && selected_ids.contains(id)).map(|(_, _, s)| *s).collect();
                (c, mean(&sel), mean(&all))
            })
            .collect(),
        supports_delivered,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jury_figures_wait_for_the_decisions() {
        use crate::domain::cohort::Phase;
        for phase in [Phase::Upcoming, Phase::CallOpen, Phase::CallClosed, Phase::JuryReview, Phase::Deliberation] {
            assert!(!jury_figures_public(phase), "{phase:?}");
        }
        assert!(jury_figures_public(Phase::Programme));
        assert!(jury_figures_public(Phase::PublicLaunch));
    }

    #[test]
    fn figures_are_counted_from_the_records() {
        let entries = [
            Entry { id: 1, status: Status::Draft, carrier: Some(CarrierKind::Individual) },
            Entry { id: 2, status: Status::Ineligible, carrier: Some(CarrierKind::Association) },
            Entry { id: 3, status: Status::NotSelected, carrier: Some(CarrierKind::Association) },
            Entry { id: 4, status: Status::Launched, carrier: Some(CarrierKind::Company) },
            Entry { id: 5, status: Status::Withdrawn, carrier: Some(CarrierKind::Company) },
        ];
        let scores = [(3, Criterion::PublicInterest, 2), (4, Criterion::PublicInterest, 4), (4, Criterion::PublicInterest, 3)];
        let f = figures(7, "Cohorte 7", &entries, &scores, vec![(SupportKind::Coaching, 2)]);
        assert_eq!((f.candidatures, f.eligible, f.selected), (3, 2, 1));
        assert!(f.by_carrier.contains(&(CarrierKind::Association, 2)) && f.by_carrier.contains(&(CarrierKind::Individual, 0)));
        assert_eq!(f.averages[0], (Criterion::PublicInterest, Some(3.5), Some(3.0)));
        assert_eq!(f.averages[1], (Criterion::ImpactForAll, None, None));
    }
}
