//! The 5 selection criteria of the jury (seed: « 5 critères de sélection »).

use super::i18n::Label;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Criterion {
    PublicInterest,
    ImpactForAll,
    ProjectQuality,
    Openness,
    SupportValue,
}

/// Who scores a criterion by default (the 2022 cohort: the jury judged the public-interest
/// dimension, the administration's team the technical grounds).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Track {
    Jury,
    Staff,
}

impl Criterion {
    pub const ALL: [Criterion; 5] = [
        Criterion::PublicInterest,
        Criterion::ImpactForAll,
        Criterion::ProjectQuality,
        Criterion::Openness,
        Criterion::SupportValue,
    ];

    pub fn label(self) -> Label {
        match self {
            Criterion::PublicInterest => Label::new("L'objectif d'intérêt général", "The public-interest goal"),
            Criterion::ImpactForAll => Label::new("L'impact pour tous les Français", "The impact for all French people"),
            Criterion::ProjectQuality => Label::new("La qualité du projet", "The quality of the project"),
            Criterion::Openness => Label::new("L'ouverture et la transparence", "Openness and transparency"),
            Criterion::SupportValue => Label::new(
                "L'intérêt de l'accompagnement par l'administration",
                "The value of the administration's support",
            ),
        }
    }

    /// Stable identifier used in the database and in exports.
    pub fn code(self) -> &'static str {
        match self {
            Criterion::PublicInterest => "public_interest",
            Criterion::ImpactForAll => "impact_for_all",
            Criterion::ProjectQuality => "project_quality",
            Criterion::Openness => "openness",
            Criterion::SupportValue => "support_value",
        }
    }

    pub fn from_code(code: &str) -> Option<Criterion> {
        Criterion::ALL.into_iter().find(|c| c.code() == code)
    }

    pub fn default_track(self) -> Track {
        match self {
            Criterion::PublicInterest | Criterion::ImpactForAll => Track::Jury,
            _ => Track::Staff,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_criteria_with_distinct_codes_that_round_trip() {
        assert_eq!(Criterion::ALL.len(), 5);
        for c in Criterion::ALL {
            assert_eq!(Criterion::from_code(c.code()), Some(c));
        }
        assert_eq!(Criterion::from_code("nope"), None);
    }

    #[test]
    fn jury_scores_public_interest_and_impact_by_default() {
        let jury: Vec<_> = Criterion::ALL.into_iter().filter(|c| c.default_track() == Track::Jury).collect();
        assert_eq!(jury, vec![Criterion::PublicInterest, Criterion::ImpactForAll]);
    }
}
