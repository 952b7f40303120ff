//! The legal pages a French public service publishes: who publishes it (« Mentions
//! légales »), who protects the personal data (« Données personnelles »), and the
//! accessibility statement's facts. The values come from the
//! configuration (`LEGAL_*`, see the README); the demo's are given here.

use serde::{Deserialize, Serialize};

/// Who answers for the service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LegalNotice {
    /// The publisher (« éditeur »).
    pub publisher: String,
    /// Its postal address (not shown when empty).
    pub address: String,
    /// The director of publication.
    pub director: String,
    /// The host: name and address.
    pub host: String,
    /// The address people write to (accessibility problems, questions).
    pub contact: String,
    /// The data protection officer's address (« délégué à la protection des données »), named
    /// by the privacy notice.
    pub dpo: String,
}

impl LegalNotice {
    /// The demonstration's values: the ministry that runs the programme (from the programme's
    /// press kit), and a host that says what a demo instance is.
    pub fn demo() -> LegalNotice {
        LegalNotice {
            publisher: "Ministère de la Transformation et de la Fonction publiques".into(),
            address: String::new(),
            director: "Le ministre de la Transformation et de la Fonction publiques".into(),
            host: "Instance de démonstration, hébergée par la personne qui l'exécute".into(),
            contact: "ne-pas-repondre@accelerateur.localhost".into(),
            dpo: "dpd@accelerateur.localhost".into(),
        }
    }
}

/// The accessibility statement's compliance state (RGAA 4.1). Without a full audit against
/// the RGAA's criteria, a service is « non conforme », whatever automated checks find.
pub const COMPLIANCE_FR: &str = "non conforme";
pub const COMPLIANCE_EN: &str = "not compliant";

/// The day the statement was written.
pub const STATEMENT_DATE_FR: &str = "1er décembre 2026";
pub const STATEMENT_DATE_EN: &str = "1 December 2026";
