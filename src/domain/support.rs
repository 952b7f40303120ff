//! The 8 kinds of support the State provides (« Un accompagnement sur mesure par l'État »).

use super::i18n::Label;
use serde::{Deserialize, Serialize};

code_enum! {
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
    pub enum SupportKind {
        DataAndTools => "data_and_tools",
        Coaching => "coaching",
        Contacts => "contacts",
        Funding => "funding",
        Compliance => "compliance",
        Networking => "networking",
        LocalExperiments => "local_experiments",
        Promotion => "promotion",
    }
}

impl SupportKind {
    pub fn label(self) -> Label {
        match self {
            SupportKind::DataAndTools => Label::new(
                "Accès aux données et outils numériques de l'État",
                "Access to the State's data and digital tools",
            ),
            SupportKind::Coaching => Label::new(
                "Coaching et stratégie de croissance du projet",
                "Coaching and growth strategy for the project",
            ),
            SupportKind::Contacts => Label::new(
                "Mise en relation avec les bons contacts dans l'administration",
                "Introductions to the right contacts in the administration",
            ),
            SupportKind::Funding => Label::new(
                "Solutions de financement et aide au montage juridique",
                "Funding solutions and help with the legal set-up",
            ),
            SupportKind::Compliance => Label::new(
                "Conformité technique & protection des données",
                "Technical compliance & data protection",
            ),
            SupportKind::Networking => Label::new(
                "Mise en réseau avec les lieux et communautés d'innovation",
                "Networking with innovation places and communities",
            ),
            SupportKind::LocalExperiments => Label::new(
                "Expérimentations locales avec l'aide de l'Etat",
                "Local experiments with the State's help",
            ),
            SupportKind::Promotion => Label::new("Promotion et valorisation du projet", "Promotion and showcasing of the project"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eight_supports_round_trip_through_their_codes() {
        assert_eq!(SupportKind::ALL.len(), 8);
        for s in SupportKind::ALL {
            assert_eq!(SupportKind::from_code(s.code()), Some(s));
        }
    }
}
