//! Charter evidence a project in its programme publishes (commitments 2 and 3 of the
//! charter): where its source code and its open data are, a statement of its funding and
//! resources, its results. Each address is checked (HTTP status, short timeout) when it is
//! given and again every day; the page shows « vérifié le … » or the failure.

use super::i18n::Label;
use super::validate::{text_block, FormErrors};
use serde::{Deserialize, Serialize};

/// How long a check stays valid before the address is checked again.
pub const RECHECK_SECONDS: i64 = 24 * 3_600;
/// How long a check may wait for the server.
pub const CHECK_TIMEOUT_SECONDS: u64 = 5;
pub const URL_MAX: u32 = 300;
pub const TEXT_MAX: u32 = 2_000;

/// The two addresses the charter asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum EvidenceLink {
    SourceCode,
    OpenData,
}

impl EvidenceLink {
    pub const ALL: [EvidenceLink; 2] = [EvidenceLink::SourceCode, EvidenceLink::OpenData];

    pub fn code(self) -> &'static str {
        match self {
            EvidenceLink::SourceCode => "source",
            EvidenceLink::OpenData => "data",
        }
    }

    pub fn label(self) -> Label {
        match self {
            EvidenceLink::SourceCode => Label::new("Code source publié", "Published source code"),
            EvidenceLink::OpenData => Label::new("Données ouvertes publiées", "Published open data"),
        }
    }
}

/// What the team publishes, checked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    pub source_url: String,
    pub data_url: String,
    pub funding: String,
    pub results: String,
}

/// Checks the form: each address empty or a web address; texts within limits. Field names:
/// `source_url`, `data_url`, `funding`, `results`.
pub fn check_evidence(source_url: &str, data_url: &str, funding: &str, results: &str) -> Result<Evidence, FormErrors> {
    let mut errors = FormErrors::default();
    for (name, value) in [("source_url", source_url), ("data_url", data_url)] {
        if !value.trim().is_empty() {
            if let Err(p) = super::candidature_form::web_address(value.trim(), URL_MAX) {
                errors.add(name, p);
            }
        }
    }
    for (name, value) in [("funding", funding), ("results", results)] {
        if let Err(p) = text_block(value, TEXT_MAX) {
            errors.add(name, p);
        }
    }
    if errors.is_empty() {
        Ok(Evidence {
            source_url: source_url.trim().to_string(),
            data_url: data_url.trim().to_string(),
            funding: funding.trim().to_string(),
            results: results.trim().to_string(),
        })
    } else {
        Err(errors
            .keep("source_url", source_url)
            .keep("data_url", data_url)
            .keep("funding", funding)
            .keep("results", results))
    }
}

/// Where the check of an address stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum CheckState {
    /// Given, not checked yet (checked within a minute).
    Pending,
    Verified { at: i64 },
    Failed { at: i64, reason: String },
}

impl CheckState {
    /// From what is stored: when it was checked, whether it answered well, and why not.
    pub fn of(checked_at: Option<i64>, ok: bool, error: &str) -> CheckState {
        match checked_at {
            None => CheckState::Pending,
            Some(at) if ok => CheckState::Verified { at },
            Some(at) => CheckState::Failed { at, reason: error.to_string() },
        }
    }
}

/// The outcome of one request: a status below 400 verifies the address (redirects are followed
/// first); any other status, or no answer, fails it with a reason a person can act on.
pub fn outcome(answer: Result<u16, String>) -> (bool, String) {
    match answer {
        Ok(status) if (200..400).contains(&status) => (true, String::new()),
        Ok(404) => (false, "HTTP 404 : page introuvable".into()),
        Ok(status) => (false, format!("HTTP {status}")),
        Err(reason) => (false, reason),
    }
}

/// An address is checked when never checked, or when its last check is a day old.
pub fn is_due(checked_at: Option<i64>, now: i64) -> bool {
    checked_at.is_none_or(|at| now - at >= RECHECK_SECONDS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::validate::Problem;

    #[test]
    fn addresses_are_web_addresses_and_texts_are_bounded() {
        let ok = check_evidence(" https://code.exemple.fr/projet ", "", "Dons : 3 000 €", "").unwrap();
        assert_eq!(ok.source_url, "https://code.exemple.fr/projet");
        let e = check_evidence("ftp://x.fr", "pas une adresse", &"x".repeat(2_001), "").unwrap_err();
        assert_eq!(e.for_field("source_url"), Some(&Problem::InvalidUrl));
        assert_eq!(e.for_field("data_url"), Some(&Problem::InvalidUrl));
        assert_eq!(e.for_field("funding"), Some(&Problem::TooLong { max: TEXT_MAX }));
        assert_eq!(e.kept_value("data_url"), Some("pas une adresse"));
    }

    #[test]
    fn checks_read_the_status_and_expire_after_a_day() {
        assert_eq!(outcome(Ok(200)), (true, String::new()));
        assert!(outcome(Ok(301)).0);
        assert_eq!(outcome(Ok(404)), (false, "HTTP 404 : page introuvable".into()));
        assert_eq!(outcome(Ok(500)), (false, "HTTP 500".into()));
        assert_eq!(outcome(Err("délai dépassé".into())), (false, "délai dépassé".into()));
        assert!(is_due(None, 0));
        assert!(!is_due(Some(1_000), 1_000 + RECHECK_SECONDS - 1));
        assert!(is_due(Some(1_000), 1_000 + RECHECK_SECONDS));
        assert_eq!(CheckState::of(None, false, ""), CheckState::Pending);
        assert_eq!(CheckState::of(Some(5), true, ""), CheckState::Verified { at: 5 });
        assert_eq!(CheckState::of(Some(5), false, "HTTP 500"), CheckState::Failed { at: 5, reason: "HTTP 500".into() });
    }
}
