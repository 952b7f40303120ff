//! How long the programme keeps what it holds about people, and what happens then. The
//! durations of a cohort's candidatures are set per cohort (staff, within bounds); the
//! rest are fixed here. The privacy page (« Données personnelles ») prints [`table`], the
//! daily task (`server::retention`) applies [`purge_on`], a candidature page shows
//! [`kept_until`]: one source for the three.

use crate::domain::candidature::Status;
use crate::domain::i18n::Label;
use crate::domain::validate::{whole_number, FormErrors};
use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

/// People are told this many days before their records are deleted.
pub const NOTICE_DAYS: i64 = 14;
/// A sent mail's bodies (text and HTML) are erased after this many days; its subject,
/// recipient and date stay as the record that it was sent.
pub const MAIL_BODY_DAYS: i64 = 90;

/// Bounds staff may choose within, in months.
pub const DRAFTS_MONTHS: (i32, i32) = (1, 12);
pub const NOT_SELECTED_MONTHS: (i32, i32) = (6, 60);

/// A cohort's durations, in months.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Policy {
    /// A draft never submitted: this long after the call closes.
    pub drafts_months: i32,
    /// A candidature that ended without selection (not selected, ineligible, withdrawn):
    /// this long after it ended.
    pub not_selected_months: i32,
}

impl Default for Policy {
    fn default() -> Self {
        Policy { drafts_months: 3, not_selected_months: 24 }
    }
}

impl Policy {
    /// Parses the staff form; out-of-bounds values are refused with the bounds, and what was
    /// typed is kept by the form.
    pub fn parse(drafts: &str, not_selected: &str) -> Result<Policy, FormErrors> {
        let mut e = FormErrors::default();
        let d = e.check("keep_drafts_months", whole_number(drafts, DRAFTS_MONTHS.0, DRAFTS_MONTHS.1));
        let n = e.check("keep_not_selected_months", whole_number(not_selected, NOT_SELECTED_MONTHS.0, NOT_SELECTED_MONTHS.1));
        match (d, n) {
            (Some(drafts_months), Some(not_selected_months)) => Ok(Policy { drafts_months, not_selected_months }),
            _ => Err(e),
        }
    }
}

/// What the daily task does to a candidature when its time comes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purge {
    /// A draft never submitted: deleted.
    Draft,
    /// Ended without selection: deleted with its reviews and decision; the audit log keeps
    /// the digests of their entries, not their content.
    Ended,
}

impl Purge {
    pub fn code(self) -> &'static str {
        match self {
            Purge::Draft => "draft",
            Purge::Ended => "ended",
        }
    }
}

/// Statuses after which nothing more happens to a candidature that was not selected.
pub fn ended_without_selection(status: Status) -> bool {
    matches!(status, Status::NotSelected | Status::Ineligible | Status::Withdrawn)
}

fn plus_months(day: NaiveDate, months: i32) -> NaiveDate {
    day.checked_add_months(Months::new(months.clamp(0, 1200) as u32)).unwrap_or(NaiveDate::MAX)
}

/// The day a candidature is purged and how, or `None` while it is kept (in review, in the
/// programme, selected: those are not purged by this task). `ended_on` is the day of its last
/// change of status.
pub fn purge_on(status: Status, call_closes: NaiveDate, ended_on: NaiveDate, policy: Policy) -> Option<(Purge, NaiveDate)> {
    if status == Status::Draft {
        Some((Purge::Draft, plus_months(call_closes, policy.drafts_months)))
    } else if ended_without_selection(status) {
        Some((Purge::Ended, plus_months(ended_on, policy.not_selected_months)))
    } else {
        None
    }
}

/// The day the notice is due for a purge on `day`.
pub fn notice_on(day: NaiveDate) -> NaiveDate {
    day - chrono::Duration::days(NOTICE_DAYS)
}

/// Until when a candidature is kept, as its page says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum KeptUntil {
    /// Deleted on that day.
    Day(NaiveDate),
    /// In review: kept until the decision, then as the decision says.
    Decision,
    /// Selected: part of the programme's record, with no end set by this task.
    Programme,
}

pub fn kept_until(status: Status, call_closes: NaiveDate, ended_on: NaiveDate, policy: Policy) -> KeptUntil {
    match purge_on(status, call_closes, ended_on, policy) {
        Some((_, day)) => KeptUntil::Day(day),
        None if matches!(status, Status::Selected | Status::InProgramme | Status::Launched) => KeptUntil::Programme,
        None => KeptUntil::Decision,
    }
}

/// One line of the retention table: what, how long, what happens then.
pub struct Line {
    pub what: Label,
    pub how_long: Label,
    pub then: Label,
}

/// The retention table with the default durations (a cohort may set others within
/// [`DRAFTS_MONTHS`] and [`NOT_SELECTED_MONTHS`]; the candidature's page says its own).
pub fn table() -> [Line; 9] {
    [
        Line {
            what: Label::new("Brouillon de candidature jamais déposé", "Application draft never submitted"),
            how_long: Label::new("3 mois après la clôture de l'appel à candidatures", "3 months after the call for applications closes"),
            then: Label::new("Supprimé, après un avis envoyé 2 semaines avant", "Deleted, after a notice sent 2 weeks before"),
        },
        Line {
            what: Label::new(
                "Candidature non retenue, irrecevable ou retirée, avec ses évaluations et sa décision",
                "Application not selected, ineligible or withdrawn, with its reviews and decision",
            ),
            how_long: Label::new("2 ans après la décision", "2 years after the decision"),
            then: Label::new(
                "Supprimée, après un avis envoyé 2 semaines avant ; le journal d'audit n'en garde qu'une empreinte",
                "Deleted, after a notice sent 2 weeks before; the audit log keeps only a digest of it",
            ),
        },
        Line {
            what: Label::new("Candidature en cours d'examen", "Application under review"),
            how_long: Label::new("Jusqu'à la décision, puis selon la décision", "Until the decision, then as the decision says"),
            then: Label::new("—", "—"),
        },
        Line {
            what: Label::new(
                "Projet lauréat : candidature, engagements signés, suivi du programme",
                "Selected project: application, signed commitments, programme follow-up",
            ),
            how_long: Label::new(
                "Pendant le programme, puis comme archive du programme",
                "During the programme, then as the programme's archive",
            ),
            then: Label::new(
                "Ce que l'équipe a accepté de publier reste dans la vitrine publique",
                "What the team agreed to publish stays in the public showcase",
            ),
        },
        Line {
            what: Label::new("Contenu des courriels envoyés", "Body of the emails sent"),
            how_long: Label::new("3 mois après l'envoi", "3 months after sending"),
            then: Label::new("Effacé ; l'objet, le destinataire et la date restent", "Erased; the subject, recipient and date stay"),
        },
        Line {
            what: Label::new("Sessions de connexion", "Sign-in sessions"),
            how_long: Label::new(
                "Jusqu'à la déconnexion, ou 14 jours sans activité",
                "Until logout, or 14 days without activity",
            ),
            then: Label::new("Supprimées", "Deleted"),
        },
        Line {
            what: Label::new(
                "Liens à usage unique (confirmation d'adresse, mot de passe, connexion)",
                "Single-use links (address confirmation, password, sign-in)",
            ),
            how_long: Label::new("Jusqu'à leur expiration (de 15 minutes à 7 jours)", "Until they expire (15 minutes to 7 days)"),
            then: Label::new("Supprimés", "Deleted"),
        },
        Line {
            what: Label::new("Compte", "Account"),
            how_long: Label::new("Jusqu'à sa suppression par la personne", "Until the person deletes it"),
            then: Label::new(
                "Identité effacée ; les dossiers à conserver restent, pseudonymisés, jusqu'à la fin de leur durée",
                "Identity erased; the records to be kept stay, pseudonymised, until their time ends",
            ),
        },
        Line {
            what: Label::new("Journal d'audit des notes et des décisions", "Audit log of scores and decisions"),
            how_long: Label::new("Sans limite, pour prouver l'intégrité des décisions", "Without limit, to prove the decisions' integrity"),
            then: Label::new(
                "Le contenu d'une entrée est effacé avec le dossier qu'elle concerne ; son empreinte reste",
                "An entry's content is erased with the record it concerns; its digest stays",
            ),
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::validate::Problem;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn drafts_go_after_the_call_and_ended_candidatures_after_their_end() {
        let p = Policy::default();
        assert_eq!(purge_on(Status::Draft, d("2026-03-31"), d("2026-01-10"), p), Some((Purge::Draft, d("2026-06-30"))));
        assert_eq!(purge_on(Status::NotSelected, d("2026-03-31"), d("2026-05-20"), p), Some((Purge::Ended, d("2028-05-20"))));
        assert_eq!(purge_on(Status::Withdrawn, d("2026-03-31"), d("2026-02-01"), p), Some((Purge::Ended, d("2028-02-01"))));
        for kept in [Status::Submitted, Status::UnderReview, Status::Eligible, Status::Waitlisted, Status::Selected, Status::InProgramme, Status::Launched] {
            assert_eq!(purge_on(kept, d("2026-03-31"), d("2026-05-20"), p), None, "{kept:?}");
        }
        assert_eq!(notice_on(d("2026-06-30")), d("2026-06-16"));
    }

    #[test]
    fn the_page_says_until_when() {
        let p = Policy { drafts_months: 1, not_selected_months: 12 };
        assert_eq!(kept_until(Status::Draft, d("2026-03-31"), d("2026-03-01"), p), KeptUntil::Day(d("2026-04-30")));
        assert_eq!(kept_until(Status::UnderReview, d("2026-03-31"), d("2026-03-01"), p), KeptUntil::Decision);
        assert_eq!(kept_until(Status::Launched, d("2026-03-31"), d("2026-03-01"), p), KeptUntil::Programme);
    }

    #[test]
    fn staff_choose_within_bounds() {
        assert_eq!(Policy::parse("3", "24"), Ok(Policy::default()));
        let e = Policy::parse("0", "61").unwrap_err();
        assert_eq!(e.for_field("keep_drafts_months"), Some(&Problem::NumberOutOfRange { min: 1, max: 12 }));
        assert_eq!(e.for_field("keep_not_selected_months"), Some(&Problem::NumberOutOfRange { min: 6, max: 60 }));
        assert!(Policy::parse("trois", "24").is_err());
    }
}
