//! Field-level validation results, shared by the browser (instant feedback) and the server
//! (the authority). Messages are rendered in the reader's language.

use super::i18n::Locale;
use serde::{Deserialize, Serialize};

/// Why a field was refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Problem {
    Required,
    TooLong { max: u32 },
    TooShort { min: u32 },
    InvalidEmail,
    ControlCharacters,
    PasswordMismatch,
    EmailTaken,
    WrongCurrentPassword,
    /// The password of the account to link is not this one.
    WrongPassword,
    UnknownChoice,
    InvalidUrl,
    TooMany { max: u32 },
    DuplicateChoice,
    CommitmentRequired,
    /// A commitment of the juror charter left unticked.
    JurorCommitmentRequired,
    /// Not a date (expected as a date field sends it).
    InvalidDate,
    /// A commitment of the charter left unsigned when a selected project starts its programme.
    CharterSignatureRequired,
    /// A step the workflow does not allow from the current state.
    TransitionRefused,
    /// A whole number outside its allowed range.
    NumberOutOfRange { min: i32, max: i32 },
    /// A phase that does not start after the previous one.
    DateNotAfterPrevious,
    /// A public launch sooner than 3 months after the programme starts.
    ProgrammeTooShort,
    /// Another cohort already has this name.
    NameTaken,
    /// A co-applicant who sits on the jury of the candidature's cohort (conflict of interest).
    SitsOnThisJury,
    /// Deleting an account: the box saying the person read what happens is not ticked.
    DeletionNotUnderstood,
    /// Deleting an account: the address typed is not the account's.
    AddressMismatch,
}

impl Problem {
    pub fn message(&self, locale: Locale) -> String {
        match (self, locale) {
            (Problem::Required, Locale::Fr) => "Ce champ est obligatoire.".into(),
            (Problem::Required, Locale::En) => "This field is required.".into(),
            (Problem::TooLong { max }, Locale::Fr) => format!("Ce texte est trop long ({max} caractères maximum)."),
            (Problem::TooLong { max }, Locale::En) => format!("This text is too long ({max} characters maximum)."),
            (Problem::TooShort { min }, Locale::Fr) => {
                format!("Le mot de passe doit contenir au moins {min} caractères.")
            }
            (Problem::TooShort { min }, Locale::En) => {
                format!("The password must be at least {min} characters long.")
            }
            (Problem::InvalidEmail, Locale::Fr) => {
                "Adresse électronique invalide. Exemple : prenom.nom@exemple.fr".into()
            }
            (Problem::InvalidEmail, Locale::En) => "Invalid email address. Example: first.last@example.org".into(),
            (Problem::ControlCharacters, Locale::Fr) => "Ce texte contient des caractères non autorisés.".into(),
            (Problem::ControlCharacters, Locale::En) => "This text contains characters that are not allowed.".into(),
            (Problem::PasswordMismatch, Locale::Fr) => "Les deux mots de passe ne correspondent pas.".into(),
            (Problem::PasswordMismatch, Locale::En) => "The two passwords do not match.".into(),
            (Problem::EmailTaken, Locale::Fr) => "Un compte existe déjà avec cette adresse.".into(),
            (Problem::EmailTaken, Locale::En) => "An account already exists with this address.".into(),
            (Problem::WrongCurrentPassword, Locale::Fr) => "Le mot de passe actuel est incorrect.".into(),
            (Problem::WrongCurrentPassword, Locale::En) => "The current password is incorrect.".into(),
            (Problem::WrongPassword, Locale::Fr) => "Ce mot de passe n'est pas celui du compte. Réessayez, ou utilisez « Mot de passe oublié ? ».".into(),
            (Problem::WrongPassword, Locale::En) => "This is not the account's password. Try again, or use « Forgotten password? ».".into(),
            (Problem::UnknownChoice, Locale::Fr) => "Choisissez une option de la liste.".into(),
            (Problem::UnknownChoice, Locale::En) => "Choose an option from the list.".into(),
            (Problem::InvalidUrl, Locale::Fr) => "Adresse web invalide. Exemple : https://exemple.fr".into(),
            (Problem::InvalidUrl, Locale::En) => "Invalid web address. Example: https://example.org".into(),
            (Problem::TooMany { max }, Locale::Fr) => format!("Trop d'éléments ({max} au maximum)."),
            (Problem::TooMany { max }, Locale::En) => format!("Too many entries ({max} at most)."),
            (Problem::DuplicateChoice, Locale::Fr) => "Cette option est déjà choisie.".into(),
            (Problem::DuplicateChoice, Locale::En) => "This option is already chosen.".into(),
            (Problem::CommitmentRequired, Locale::Fr) => {
                "Acceptez cet engagement de la charte pour déposer votre candidature.".into()
            }
            (Problem::JurorCommitmentRequired, Locale::Fr) => "Acceptez cet engagement de la charte du juré pour siéger au jury.".into(),
            (Problem::JurorCommitmentRequired, Locale::En) => "Accept this commitment of the juror charter to sit on the jury.".into(),
            (Problem::CharterSignatureRequired, Locale::Fr) => {
                "Signez cet engagement de la charte pour commencer le programme d'accélération.".into()
            }
            (Problem::CharterSignatureRequired, Locale::En) => "Sign this commitment of the charter to start the acceleration programme.".into(),
            (Problem::InvalidDate, Locale::Fr) => "Date invalide. Exemple : 2027-01-15 (année-mois-jour).".into(),
            (Problem::InvalidDate, Locale::En) => "Invalid date. Example: 2027-01-15 (year-month-day).".into(),
            (Problem::SitsOnThisJury, Locale::Fr) => {
                "Cette personne siège dans le jury de cette cohorte : elle ne peut pas co-porter une candidature (conflit d'intérêts).".into()
            }
            (Problem::SitsOnThisJury, Locale::En) => {
                "This person sits on this cohort's jury: they cannot be a co-applicant (conflict of interest).".into()
            }
            (Problem::TransitionRefused, Locale::Fr) => {
                "Cette étape n'est pas possible depuis l'état actuel : demandé → attribué → en cours → apporté, ou décliné.".into()
            }
            (Problem::TransitionRefused, Locale::En) => {
                "This step is not possible from the current state: requested → assigned → in progress → delivered, or declined.".into()
            }
            (Problem::NumberOutOfRange { min, max }, Locale::Fr) => format!("Saisissez un nombre entier entre {min} et {max}."),
            (Problem::NumberOutOfRange { min, max }, Locale::En) => format!("Enter a whole number between {min} and {max}."),
            (Problem::DateNotAfterPrevious, Locale::Fr) => "Cette date doit venir après celle de la phase précédente.".into(),
            (Problem::DateNotAfterPrevious, Locale::En) => "This date must come after the previous phase's.".into(),
            (Problem::ProgrammeTooShort, Locale::Fr) => {
                "Le programme d'accélération dure 3 mois : le lancement public vient au plus tôt 3 mois après son début.".into()
            }
            (Problem::ProgrammeTooShort, Locale::En) => {
                "The acceleration programme lasts 3 months: the public launch comes 3 months after it starts at the earliest.".into()
            }
            (Problem::NameTaken, Locale::Fr) => "Une cohorte porte déjà ce nom.".into(),
            (Problem::NameTaken, Locale::En) => "A cohort already has this name.".into(),
            (Problem::DeletionNotUnderstood, Locale::Fr) => {
                "Cochez cette case pour confirmer que vous avez lu ce qui sera supprimé et ce qui sera conservé.".into()
            }
            (Problem::DeletionNotUnderstood, Locale::En) => "Tick this box to confirm you have read what will be deleted and what will be kept.".into(),
            (Problem::AddressMismatch, Locale::Fr) => {
                "Cette adresse n'est pas celle de votre compte. Saisissez-la exactement comme elle est affichée ci-dessus.".into()
            }
            (Problem::AddressMismatch, Locale::En) => "This is not your account's address. Type it exactly as shown above.".into(),
            (Problem::CommitmentRequired, Locale::En) => {
                "Accept this commitment of the charter to submit your application.".into()
            }
        }
    }
}

/// One refused field: its form name and the problem.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub problem: Problem,
}

/// All the problems of one form submission, plus the non-secret values the user typed,
/// so that a form re-rendered without JavaScript loses nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormErrors {
    pub errors: Vec<FieldError>,
    pub kept: Vec<(String, String)>,
}

impl FormErrors {
    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    pub fn add(&mut self, field: &str, problem: Problem) {
        self.errors.push(FieldError { field: field.to_string(), problem });
    }

    /// Records a result: keeps the value when it is valid, the problem otherwise.
    pub fn check<T>(&mut self, field: &str, result: Result<T, Problem>) -> Option<T> {
        match result {
            Ok(v) => Some(v),
            Err(p) => {
                self.add(field, p);
                None
            }
        }
    }

    pub fn keep(mut self, field: &str, value: &str) -> Self {
        self.kept.push((field.to_string(), value.to_string()));
        self
    }

    pub fn for_field(&self, field: &str) -> Option<&Problem> {
        self.errors.iter().find(|e| e.field == field).map(|e| &e.problem)
    }

    pub fn kept_value(&self, field: &str) -> Option<&str> {
        self.kept.iter().find(|(f, _)| f == field).map(|(_, v)| v.as_str())
    }
}

/// Trims and checks a free-text line: required, at most `max` characters (not bytes),
/// no control characters, and no U+FFFD (the mark of bytes that were not valid UTF-8).
pub fn text_line(raw: &str, max: u32) -> Result<String, Problem> {
    let value = raw.trim();
    if value.is_empty() {
        return Err(Problem::Required);
    }
    if value.chars().count() > max as usize {
        return Err(Problem::TooLong { max });
    }
    if value.chars().any(|c| c.is_control() || c == char::REPLACEMENT_CHARACTER) {
        return Err(Problem::ControlCharacters);
    }
    Ok(value.to_string())
}

/// Multi-line text: like `text_line`, but line breaks and tabs are allowed, and `\r` is not
/// counted (the browser's `maxlength` counts a line break as one character). Emptiness is
/// the caller's rule.
pub fn text_block(value: &str, max: u32) -> Result<(), Problem> {
    if value.chars().filter(|c| *c != '\r').count() > max as usize {
        return Err(Problem::TooLong { max });
    }
    let refused = |c: char| (c.is_control() && !matches!(c, '\n' | '\r' | '\t')) || c == char::REPLACEMENT_CHARACTER;
    if value.chars().any(refused) {
        return Err(Problem::ControlCharacters);
    }
    Ok(())
}

/// The longest search a list accepts (characters).
pub const SEARCH_MAX: u32 = 200;

/// A search typed in a list's filter: at most [`SEARCH_MAX`] characters.
pub fn search(raw: &str) -> Result<String, Problem> {
    let value = raw.trim();
    if value.chars().count() > SEARCH_MAX as usize {
        return Err(Problem::TooLong { max: SEARCH_MAX });
    }
    Ok(value.to_string())
}

/// A date as a date field sends it (year-month-day).
pub fn date(raw: &str) -> Result<chrono::NaiveDate, Problem> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(Problem::Required);
    }
    chrono::NaiveDate::parse_from_str(raw, "%Y-%m-%d").map_err(|_| Problem::InvalidDate)
}

/// A whole number within `min..=max`.
pub fn whole_number(raw: &str, min: i32, max: i32) -> Result<i32, Problem> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(Problem::Required);
    }
    raw.parse::<i32>().ok().filter(|n| (min..=max).contains(n)).ok_or(Problem::NumberOutOfRange { min, max })
}

/// A path on this site that a `retour=` parameter may send the browser back to: it starts
/// with one `/` (not `//host`, another site), without backslashes or control characters.
pub fn is_local_path(p: &str) -> bool {
    p.starts_with('/') && !p.starts_with("//") && !p.contains('\\') && !p.chars().any(|c| c.is_control())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_line_trims_and_counts_characters_not_bytes() {
        assert_eq!(text_line("  Élodie  ", 10), Ok("Élodie".to_string()));
        assert_eq!(text_line("éééééééééé", 10).map(|s| s.chars().count()), Ok(10));
        assert_eq!(text_line("ééééééééééé", 10), Err(Problem::TooLong { max: 10 }));
        assert_eq!(text_line("   ", 10), Err(Problem::Required));
        assert_eq!(text_line("a\u{0}b", 10), Err(Problem::ControlCharacters));
        assert_eq!(text_line("a\u{FFFD}b", 10), Err(Problem::ControlCharacters));
    }

    #[test]
    fn messages_exist_in_both_languages() {
        let p = Problem::TooLong { max: 100 };
        assert_eq!(p.message(Locale::Fr), "Ce texte est trop long (100 caractères maximum).");
        assert_eq!(p.message(Locale::En), "This text is too long (100 characters maximum).");
        assert_eq!(Problem::InvalidUrl.message(Locale::Fr), "Adresse web invalide. Exemple : https://exemple.fr");
        assert_eq!(Problem::InvalidUrl.message(Locale::En), "Invalid web address. Example: https://example.org");
        assert_eq!(Problem::TooMany { max: 5 }.message(Locale::Fr), "Trop d'éléments (5 au maximum).");
        assert_eq!(Problem::TooMany { max: 5 }.message(Locale::En), "Too many entries (5 at most).");
        assert_eq!(Problem::DuplicateChoice.message(Locale::Fr), "Cette option est déjà choisie.");
        assert_eq!(Problem::DuplicateChoice.message(Locale::En), "This option is already chosen.");
        assert!(Problem::CommitmentRequired.message(Locale::Fr).starts_with("Acceptez cet engagement de la charte"));
        assert!(Problem::CommitmentRequired.message(Locale::En).starts_with("Accept this commitment of the charter"));
    }

    #[test]
    fn only_local_paths_are_followed_back() {
        assert!(is_local_path("/compte"));
        assert!(is_local_path("/candidatures/3/etape/2"));
        assert!(!is_local_path(""));
        assert!(!is_local_path("//evil.example"));
        assert!(!is_local_path("https://evil.example"));
        assert!(!is_local_path("/\\evil"));
        assert!(!is_local_path("/a\nb"));
    }

    #[test]
    fn form_errors_keep_values_and_find_problems() {
        let mut e = FormErrors::default();
        assert!(e.check::<String>("name", Err(Problem::Required)).is_none());
        let e = e.keep("email", "a@b.fr");
        assert_eq!(e.for_field("name"), Some(&Problem::Required));
        assert_eq!(e.for_field("email"), None);
        assert_eq!(e.kept_value("email"), Some("a@b.fr"));
    }
}
