//! What the public sees of a selected project: its name, its cohort and state, the supports
//! it received in aggregate, and only the fields its team agreed to publish, one by one.
//! Every public output (showcase, public page, open data) is built by `PublicInitiative::of`,
//! so a field without consent cannot reach any of them.

use super::candidature::{CarrierKind, Status, Theme};
use super::candidature_form::CandidatureForm;
use super::i18n::Label;
use super::evidence::{CheckState, EvidenceLink};
use super::support::SupportKind;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

code_enum! {
    /// A field the team may publish. Nothing is published without its consent; the holder's name
    /// and the team's contacts are never publishable.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
    pub enum PublicField {
        Pitch => "pitch",
        Description => "description",
        Theme => "theme",
        Website => "website",
        Repository => "repository",
        CarrierKind => "carrier_kind",
        CarrierName => "carrier_name",
        Licence => "licence",
        FundingStatement => "funding_statement",
    }
}

impl PublicField {
    pub fn label(self) -> Label {
        match self {
            PublicField::Pitch => Label::new("Le projet en une phrase", "The project in one sentence"),
            PublicField::Description => Label::new("Description du projet", "Project description"),
            PublicField::Theme => Label::new("Thématique", "Theme"),
            PublicField::Website => Label::new("Site web", "Website"),
            PublicField::Repository => Label::new("Code source", "Source code"),
            PublicField::CarrierKind => Label::new("Type de porteur", "Kind of carrier"),
            PublicField::CarrierName => Label::new("Nom de la structure", "Name of the organisation"),
            PublicField::Licence => Label::new("Licence", "Licence"),
            PublicField::FundingStatement => Label::new("Financements et ressources", "Funding and resources"),
        }
    }
}

/// The statuses that appear in public: selected, in programme, launched.
pub fn is_public(status: Status) -> bool {
    matches!(status, Status::Selected | Status::InProgramme | Status::Launched)
}

/// Whether the team may publish `chosen` where `current` is published. Once the cohort is
/// closed its records stay as they were, but withdrawing a consent stays possible (it is a
/// right of the people concerned): then only fewer fields, never new ones.
pub fn consent_change_allowed(cohort_closed: bool, current: &[PublicField], chosen: &[PublicField]) -> bool {
    !cohort_closed || chosen.iter().all(|f| current.contains(f))
}

/// One initiative as the public sees it. Optional fields are `None` without consent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicInitiative {
    pub id: i64,
    pub name: String,
    pub cohort_id: i64,
    pub cohort: String,
    pub status: Status,
    pub launched_on: Option<NaiveDate>,
    pub pitch: Option<String>,
    pub description: Option<String>,
    pub theme: Option<Theme>,
    pub website: Option<String>,
    pub repository: Option<String>,
    pub carrier_kind: Option<CarrierKind>,
    pub carrier_name: Option<String>,
    pub licence: Option<String>,
    pub funding_statement: Option<String>,
    /// Supports delivered by the State, by kind (aggregate: never who or when).
    pub supports_received: Vec<(SupportKind, u32)>,
    /// Charter evidence, published by nature (the charter commits to it): addresses with the
    /// state of their check, funding statement, results.
    pub evidence: PublishedEvidence,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishedEvidence {
    pub links: Vec<(EvidenceLink, String, CheckState)>,
    pub funding: Option<String>,
    pub results: Option<String>,
}

/// What one initiative's record holds, for `PublicInitiative::of`.
pub struct Record<'a> {
    pub id: i64,
    pub cohort_id: i64,
    pub cohort: &'a str,
    pub status: Status,
    pub launched_on: Option<NaiveDate>,
    pub form: &'a CandidatureForm,
    pub consents: &'a [PublicField],
    pub supports_received: Vec<(SupportKind, u32)>,
    pub evidence: PublishedEvidence,
}

impl PublicInitiative {
    /// The public view of a record: consented, non-empty fields only. `None` when the record
    /// is not public (not selected).
    pub fn of(r: Record<'_>) -> Option<PublicInitiative> {
        if !is_public(r.status) {
            return None;
        }
        let f = r.form;
        let allowed = |field: PublicField, value: &str| {
            (r.consents.contains(&field) && !value.trim().is_empty()).then(|| value.trim().to_string())
        };
        Some(PublicInitiative {
            id: r.id,
            name: f.project_name.trim().to_string(),
            cohort_id: r.cohort_id,
            cohort: r.cohort.to_string(),
            status: r.status,
            launched_on: r.launched_on,
            pitch: allowed(PublicField::Pitch, &f.pitch),
            description: allowed(PublicField::Description, &f.description),
            theme: allowed(PublicField::Theme, &f.theme).and_then(|t| Theme::from_code(&t)),
            website: allowed(PublicField::Website, &f.website),
            repository: allowed(PublicField::Repository, &f.repository),
            carrier_kind: allowed(PublicField::CarrierKind, &f.carrier_kind).and_then(|k| CarrierKind::from_code(&k)),
            carrier_name: allowed(PublicField::CarrierName, &f.carrier_name),
            licence: allowed(PublicField::Licence, &f.licence),
            funding_statement: allowed(PublicField::FundingStatement, &f.funding_statement),
            supports_received: r.supports_received,
            evidence: r.evidence,
        })
    }

    /// Matches the showcase's filters: cohort, theme code, and a search in the name and the
    /// published pitch (case-insensitive).
    pub fn matches(&self, cohort: Option<i64>, theme: Option<Theme>, search: &str) -> bool {
        let q = search.trim().to_lowercase();
        cohort.is_none_or(|c| c == self.cohort_id)
            && theme.is_none_or(|t| self.theme == Some(t))
            && (q.is_empty()
                || self.name.to_lowercase().contains(&q)
                || self.pitch.as_deref().is_some_and(|p| p.to_lowercase().contains(&q)))
    }
}

/// The open-data CSV columns, in order (documented on /donnees).
pub const CSV_COLUMNS: [&str; 19] = [
    "id",
    "nom",
    "cohorte",
    "statut",
    "date_lancement",
    "resume",
    "description",
    "thematique",
    "site_web",
    "code_source",
    "type_porteur",
    "structure",
    "licence",
    "financements",
    "accompagnements_recus",
    "preuve_code_source",
    "preuve_donnees_ouvertes",
    "preuve_financements",
    "resultats",
];

impl PublicInitiative {
    /// The CSV row, in `CSV_COLUMNS` order (codes, not labels, for reuse).
    pub fn csv_row(&self) -> Vec<String> {
        let opt = |v: &Option<String>| v.clone().unwrap_or_default();
        vec![
            self.id.to_string(),
            self.name.clone(),
            self.cohort.clone(),
            self.status.code().to_string(),
            self.launched_on.map(|d| d.to_string()).unwrap_or_default(),
            opt(&self.pitch),
            opt(&self.description),
            self.theme.map(|t| t.code().to_string()).unwrap_or_default(),
            opt(&self.website),
            opt(&self.repository),
            self.carrier_kind.map(|k| k.code().to_string()).unwrap_or_default(),
            opt(&self.carrier_name),
            opt(&self.licence),
            opt(&self.funding_statement),
            self.supports_received.iter().map(|(k, n)| format!("{}:{n}", k.code())).collect::<Vec<_>>().join(" "),
            self.evidence_url(EvidenceLink::SourceCode),
            self.evidence_url(EvidenceLink::OpenData),
            self.evidence.funding.clone().unwrap_or_default(),
            self.evidence.results.clone().unwrap_or_default(),
        ]
    }

    fn evidence_url(&self, link: EvidenceLink) -> String {
        self.evidence.links.iter().find(|(l, ..)| *l == link).map(|(_, url, _)| url.clone()).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> CandidatureForm {
        CandidatureForm {
            project_name: "Eau claire".into(),
            pitch: "La qualité de l'eau expliquée.".into(),
            description: "Longue description".into(),
            theme: "health".into(),
            website: "https://eau.exemple.fr".into(),
            carrier_kind: "company".into(),
            carrier_name: "SAS Eau".into(),
            funding_statement: "Fonds propres".into(),
            ..Default::default()
        }
    }

    fn record<'a>(form: &'a CandidatureForm, consents: &'a [PublicField], status: Status) -> Record<'a> {
        Record { id: 1, cohort_id: 2, cohort: "Cohorte 2", status, launched_on: None, form, consents, supports_received: vec![], evidence: Default::default() }
    }

    #[test]
    fn only_consented_fields_are_public() {
        let f = form();
        let none = PublicInitiative::of(record(&f, &[], Status::InProgramme)).unwrap();
        assert_eq!(none.name, "Eau claire");
        assert!(none.pitch.is_none() && none.description.is_none() && none.website.is_none() && none.carrier_name.is_none());
        assert!(none.theme.is_none() && none.carrier_kind.is_none() && none.funding_statement.is_none());
        let some = PublicInitiative::of(record(&f, &[PublicField::Pitch, PublicField::Theme, PublicField::Repository], Status::Launched)).unwrap();
        assert_eq!(some.pitch.as_deref(), Some("La qualité de l'eau expliquée."));
        assert_eq!(some.theme, Some(Theme::Health));
        assert!(some.repository.is_none(), "consented but empty");
        assert!(some.description.is_none() && some.carrier_name.is_none());
        let row = some.csv_row().join("|");
        assert!(!row.contains("Longue description") && !row.contains("SAS Eau") && !row.contains("Fonds propres"));
        assert_eq!(some.csv_row().len(), CSV_COLUMNS.len());
    }

    #[test]
    fn only_selected_projects_are_public() {
        let f = form();
        for s in [Status::Draft, Status::Submitted, Status::Eligible, Status::UnderReview, Status::Waitlisted, Status::NotSelected, Status::Withdrawn] {
            assert!(PublicInitiative::of(record(&f, &PublicField::ALL, s)).is_none(), "{s:?}");
        }
        for s in [Status::Selected, Status::InProgramme, Status::Launched] {
            assert!(PublicInitiative::of(record(&f, &[], s)).is_some());
        }
    }

    #[test]
    fn filters_by_cohort_theme_and_search() {
        let f = form();
        let i = PublicInitiative::of(record(&f, &[PublicField::Pitch, PublicField::Theme], Status::Launched)).unwrap();
        assert!(i.matches(None, None, ""));
        assert!(i.matches(Some(2), Some(Theme::Health), "QUALITÉ"));
        assert!(!i.matches(Some(3), None, ""));
        assert!(!i.matches(None, Some(Theme::Transport), ""));
        assert!(!i.matches(None, None, "transport"));
        for f in PublicField::ALL {
            assert_eq!(PublicField::from_code(f.code()), Some(f));
        }
    }

    #[test]
    fn a_closed_cohort_allows_withdrawing_consent_only() {
        let current = [PublicField::ALL[0], PublicField::ALL[1]];
        assert!(consent_change_allowed(false, &current, &PublicField::ALL), "open: anything");
        assert!(consent_change_allowed(true, &current, &current[..1]), "closed: withdraw one");
        assert!(consent_change_allowed(true, &current, &[]), "closed: withdraw all");
        assert!(!consent_change_allowed(true, &current, &PublicField::ALL[..3]), "closed: never a new field");
    }
}
