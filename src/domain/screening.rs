//! Eligibility screening by staff. A submitted candidature is found eligible, ineligible
//! (with a reason the applicant reads) or sent back for correction (with a message); the
//! applicant corrects and submits again, and the history keeps every round.

use super::candidature::Status;
use super::error::AppError;
use super::i18n::Label;
use super::validate::{text_block, FormErrors, Problem};
use serde::{Deserialize, Serialize};

/// The longest reason or message, in characters.
pub const MESSAGE_MAX: u32 = 2000;

/// Form names of the decision form.
pub mod field {
    pub const DECISION: &str = "decision";
    pub const MESSAGE: &str = "message";
}

code_enum! {
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
    pub enum Decision {
        Eligible,
        Ineligible,
        CorrectionRequested,
    }
}

impl Decision {
    pub fn code(self) -> &'static str {
        self.status().code()
    }

    pub fn from_code(code: &str) -> Option<Decision> {
        Decision::ALL.into_iter().find(|d| d.code() == code)
    }

    /// The status the candidature takes.
    pub fn status(self) -> Status {
        match self {
            Decision::Eligible => Status::Eligible,
            Decision::Ineligible => Status::Ineligible,
            Decision::CorrectionRequested => Status::CorrectionRequested,
        }
    }

    /// The choice as staff read it in the decision form.
    pub fn label(self) -> Label {
        match self {
            Decision::Eligible => Label::new("Éligible", "Eligible"),
            Decision::Ineligible => Label::new("Non éligible (motif communiqué au candidat)", "Ineligible (reason sent to the applicant)"),
            Decision::CorrectionRequested => {
                Label::new("Correction demandée (message au candidat)", "Correction requested (message to the applicant)")
            }
        }
    }

    /// The applicant must be told why: a reason for ineligibility, what to correct.
    pub fn needs_message(self) -> bool {
        !matches!(self, Decision::Eligible)
    }
}

/// Staff screen a candidature once it is submitted (a resubmission after a correction is
/// screened again); nothing else can be screened.
pub fn can_screen(status: Status) -> bool {
    status == Status::Submitted
}

/// Checks a decision on a candidature in `status`: the candidature must be waiting for
/// screening, the decision a known one and its message present when the applicant needs
/// one. Returns the decision and the trimmed message; a refused form keeps the message.
pub fn check_decision(status: Status, decision: &str, message: &str) -> Result<(Decision, String), AppError> {
    if !can_screen(status) {
        return Err(AppError::CandidatureState);
    }
    let mut errors = FormErrors::default();
    let decision = errors.check(field::DECISION, Decision::from_code(decision).ok_or(Problem::Required));
    let text = message.trim();
    let needs_message = decision.map(Decision::needs_message).unwrap_or(false);
    if needs_message && text.is_empty() {
        errors.add(field::MESSAGE, Problem::Required);
    } else {
        errors.check(field::MESSAGE, text_block(text, MESSAGE_MAX));
    }
    match decision {
        Some(d) if errors.is_empty() => Ok((d, text.to_string())),
        _ => Err(AppError::Invalid(errors.keep(field::MESSAGE, message))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decisions_follow_the_lifecycle() {
        for d in Decision::ALL {
            assert!(Status::Submitted.can_move_to(d.status()), "{d:?}");
            assert_eq!(Decision::from_code(d.code()), Some(d));
        }
        assert_eq!(Decision::from_code("selected"), None);
        assert_eq!(Decision::from_code(""), None);
    }

    #[test]
    fn only_a_submitted_candidature_is_screened() {
        for s in Status::ALL {
            let r = check_decision(s, "eligible", "");
            assert_eq!(r.is_ok(), s == Status::Submitted, "{s:?}");
            if s != Status::Submitted {
                assert_eq!(r, Err(AppError::CandidatureState));
            }
        }
    }

    #[test]
    fn reasons_and_correction_requests_need_a_message() {
        assert_eq!(check_decision(Status::Submitted, "eligible", "  "), Ok((Decision::Eligible, String::new())));
        for code in ["ineligible", "correction_requested"] {
            let Err(AppError::Invalid(e)) = check_decision(Status::Submitted, code, " \n ") else { panic!("{code}") };
            assert_eq!(e.for_field(field::MESSAGE), Some(&Problem::Required));
            let ok = check_decision(Status::Submitted, code, "  Précisez le budget.\n").unwrap();
            assert_eq!(ok.1, "Précisez le budget.");
        }
    }

    #[test]
    fn refused_forms_keep_the_message_and_name_the_fields() {
        let long = "é".repeat(MESSAGE_MAX as usize + 1);
        let Err(AppError::Invalid(e)) = check_decision(Status::Submitted, "correction_requested", &long) else { panic!() };
        assert_eq!(e.for_field(field::MESSAGE), Some(&Problem::TooLong { max: MESSAGE_MAX }));
        assert_eq!(e.kept_value(field::MESSAGE), Some(long.as_str()));
        let Err(AppError::Invalid(e)) = check_decision(Status::Submitted, "peut-être", "texte") else { panic!() };
        assert_eq!(e.for_field(field::DECISION), Some(&Problem::Required));
        assert_eq!(e.kept_value(field::MESSAGE), Some("texte"));
        let Err(AppError::Invalid(e)) = check_decision(Status::Submitted, "ineligible", "a\u{0}b") else { panic!() };
        assert_eq!(e.for_field(field::MESSAGE), Some(&Problem::ControlCharacters));
    }
}
