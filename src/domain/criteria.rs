//! The 5 selection criteria of the jury (seed: « 5 critères de sélection »).

use super::i18n::Label;
use serde::{Deserialize, Serialize};

code_enum! {
    /// The 5 selection criteria of the jury; the code is their stable name in the database,
    /// in forms and in exports.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
    pub enum Criterion {
        PublicInterest => "public_interest",
        ImpactForAll => "impact_for_all",
        ProjectQuality => "project_quality",
        Openness => "openness",
        SupportValue => "support_value",
    }
}

/// Who scores a criterion by default (the 2022 cohort: the jury judged the public-interest
/// dimension, the administration's team the technical grounds).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Track {
    Jury,
    Staff,
}

impl Criterion {
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

    pub fn default_track(self) -> Track {
        match self {
            Criterion::PublicInterest | Criterion::ImpactForAll => Track::Jury,
            _ => Track::Staff,
        }
    }
}

/// One value per criterion, named by the criterion's code: the payloads of the review, jury
/// settings and decision forms (`score[public_interest]=4`). Its fields are the criteria, so a
/// new criterion does not compile until [`ByCriterion::get`] and [`ByCriterion::from_fn`]
/// handle it; a criterion left out of a posted form keeps the default value.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ByCriterion<T> {
    pub public_interest: T,
    pub impact_for_all: T,
    pub project_quality: T,
    pub openness: T,
    pub support_value: T,
}

impl<T> ByCriterion<T> {
    pub fn get(&self, c: Criterion) -> &T {
        match c {
            Criterion::PublicInterest => &self.public_interest,
            Criterion::ImpactForAll => &self.impact_for_all,
            Criterion::ProjectQuality => &self.project_quality,
            Criterion::Openness => &self.openness,
            Criterion::SupportValue => &self.support_value,
        }
    }

    pub fn from_fn(mut value: impl FnMut(Criterion) -> T) -> ByCriterion<T> {
        ByCriterion {
            public_interest: value(Criterion::PublicInterest),
            impact_for_all: value(Criterion::ImpactForAll),
            project_quality: value(Criterion::ProjectQuality),
            openness: value(Criterion::Openness),
            support_value: value(Criterion::SupportValue),
        }
    }

    /// Each criterion with its value, in the order of [`Criterion::ALL`].
    pub fn iter(&self) -> impl Iterator<Item = (Criterion, &T)> {
        Criterion::ALL.into_iter().map(move |c| (c, self.get(c)))
    }
}

/// The form name of a criterion's value in a [`ByCriterion`] field: `score[public_interest]`.
pub fn form_name(field: &str, c: Criterion) -> String {
    format!("{field}[{}]", c.code())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_per_criterion_is_read_back_by_criterion_and_named_by_its_code() {
        let codes = ByCriterion::from_fn(|c| c.code().to_string());
        for (c, code) in codes.iter() {
            assert_eq!(code, c.code());
            assert_eq!(codes.get(c), c.code());
        }
        let json = serde_json::to_value(&codes).unwrap();
        for c in Criterion::ALL {
            assert_eq!(json[c.code()], c.code(), "the field is named by the code");
        }
        let partial: ByCriterion<String> = serde_json::from_str(r#"{"openness":"3"}"#).unwrap();
        assert_eq!((partial.get(Criterion::Openness).as_str(), partial.get(Criterion::PublicInterest).as_str()), ("3", ""));
        assert_eq!(form_name("score", Criterion::ImpactForAll), "score[impact_for_all]");
    }

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
