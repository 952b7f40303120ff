//! The 4 commitments of the charter of the augmented public service.

use super::i18n::Label;
use serde::{Deserialize, Serialize};

code_enum! {
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
    pub enum Commitment {
        PublicServiceValues => "public_service_values",
        FundingTransparency => "funding_transparency",
        OpenPublication => "open_publication",
        EcosystemParticipation => "ecosystem_participation",
    }
}

impl Commitment {
    pub fn label(self) -> Label {
        match self {
            Commitment::PublicServiceValues => {
                Label::new("Le respect des valeurs du service public", "Respect for the values of the public service")
            }
            Commitment::FundingTransparency => Label::new(
                "La transparence sur les dispositifs de financement et les ressources",
                "Transparency on funding arrangements and resources",
            ),
            Commitment::OpenPublication => Label::new(
                "La publication des résultats, données et codes sources",
                "Publication of results, data and source code",
            ),
            Commitment::EcosystemParticipation => Label::new(
                "La participation à l'écosystème du service public augmenté",
                "Taking part in the ecosystem of the augmented public service",
            ),
        }
    }
}

/// The charter is signed only when every one of the 4 commitments is accepted.
pub fn charter_fully_accepted(accepted: &[Commitment]) -> bool {
    Commitment::ALL.iter().all(|c| accepted.contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charter_needs_all_four_commitments() {
        assert!(charter_fully_accepted(&Commitment::ALL));
        assert!(!charter_fully_accepted(&Commitment::ALL[..3]));
        assert!(!charter_fully_accepted(&[]));
        for c in Commitment::ALL {
            assert_eq!(Commitment::from_code(c.code()), Some(c));
        }
    }
}
