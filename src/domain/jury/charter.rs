//! The juror charter: what a citizen commits to before reading any candidature.

use crate::domain::i18n::Label;
use serde::{Deserialize, Serialize};

code_enum! {
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
    pub enum JurorCommitment {
        Confidentiality => "confidentiality",
        Impartiality => "impartiality",
        Conflicts => "conflicts",
    }
}

impl JurorCommitment {
    pub fn label(self) -> Label {
        match self {
            JurorCommitment::Confidentiality => Label::new(
                "Confidentialité : je ne divulgue ni le contenu des candidatures, ni les évaluations, ni les délibérations.",
                "Confidentiality: I disclose neither the applications, nor the reviews, nor the deliberations.",
            ),
            JurorCommitment::Impartiality => Label::new(
                "Impartialité : j'évalue chaque projet sur les seuls critères de sélection, sans autre considération.",
                "Impartiality: I judge each project on the selection criteria alone, with no other consideration.",
            ),
            JurorCommitment::Conflicts => Label::new(
                "Conflits d'intérêts : je déclare tout lien avec un projet ou son porteur, et je n'évalue pas ces projets.",
                "Conflicts of interest: I declare any tie with a project or its holder, and I do not review those projects.",
            ),
        }
    }
}

/// The commitments not ticked, in the charter's order.
pub fn missing(accepted: &[JurorCommitment]) -> Vec<JurorCommitment> {
    JurorCommitment::ALL.into_iter().filter(|c| !accepted.contains(c)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_commitment_must_be_ticked() {
        assert_eq!(missing(&JurorCommitment::ALL), vec![]);
        assert_eq!(missing(&[JurorCommitment::Impartiality]), vec![JurorCommitment::Confidentiality, JurorCommitment::Conflicts]);
        for c in JurorCommitment::ALL {
            assert_eq!(JurorCommitment::from_code(c.code()), Some(c));
        }
    }
}
