//! The one error type of the application. Each variant carries what the user needs
//! (never internal details) and renders in French or English.

use super::i18n::Locale;
use super::mail::TokenProblem;
use super::validate::FormErrors;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("login required")]
    Unauthenticated,
    #[error("forbidden")]
    Forbidden,
    #[error("not found")]
    NotFound,
    #[error("invalid form")]
    Invalid(FormErrors),
    #[error("bad credentials")]
    BadCredentials,
    #[error("too many attempts")]
    TooManyAttempts { wait_minutes: i64 },
    #[error("cross-site request refused")]
    CrossSite,
    /// No cohort's call for applications is open today.
    #[error("call not open")]
    CallNotOpen,
    /// The record changed since the caller read it (another tab, another person).
    #[error("stale version")]
    Conflict,
    /// The action does not apply to the candidature in its current status.
    #[error("not for this candidature's status")]
    CandidatureState,
    /// The cohort's calendar does not allow the action in its current phase.
    #[error("not in this phase")]
    WrongPhase,
    /// The jury's settings are fixed once the first reviews exist.
    #[error("jury settings locked")]
    JurySettingsLocked,
    /// A review the juror has begun stays with them.
    #[error("review started")]
    ReviewStarted,
    /// A submitted review cannot change unless staff reopen it.
    #[error("review submitted")]
    ReviewSubmitted,
    /// Only a submitted review can be reopened.
    #[error("review not submitted")]
    ReviewNotSubmitted,
    /// Applicant (holder or co-applicant) and juror in the same cohort: never both.
    #[error("conflict of interest")]
    ConflictOfInterest,
    /// A juror signs the juror charter before anything else.
    #[error("juror charter first")]
    JurorCharterFirst,
    /// Peers' scores are shown once all of one's own reviews are submitted.
    #[error("own reviews first")]
    OwnReviewsFirst,
    /// Only a mail whose sending failed can be sent again.
    #[error("mail not failed")]
    MailNotFailed,
    /// The cohort already has as many selected projects as it can take.
    #[error("capacity reached")]
    CapacityReached { capacity: u32 },
    /// The automatic assignment cannot meet its constraints; each problem says why.
    #[error("assignment impossible")]
    Assignment(Vec<super::jury::assignment::AssignmentProblem>),
    /// A review cannot go to that juror (conflict of interest, or they already review it).
    #[error("move refused")]
    MoveRefused,
    /// An e-mailed link (address confirmation, password reset) that cannot be used.
    #[error("link refused")]
    Token(super::mail::TokenProblem),
    /// The action needs a confirmed e-mail address.
    #[error("address not confirmed")]
    EmailNotVerified,
    /// The cohort is closed: its records can be read, no longer changed.
    #[error("cohort closed")]
    CohortClosed,
    /// The calendar allows this action from that day on.
    #[error("not before")]
    NotBefore { day: chrono::NaiveDate },
    /// Signed out while sending a form that could not be kept for later: the typed values
    /// come back with it.
    #[error("session expired")]
    SessionExpired(FormErrors),
    /// A staff account logging in with a password where ProConnect is how agents sign in.
    #[error("use ProConnect")]
    UseProConnect,
    /// The only admin cannot delete their account: nobody could manage the accounts after.
    #[error("last admin")]
    LastAdmin,
    #[error("internal error")]
    Internal,
    /// The request did not reach the server function (network, decoding the answer).
    #[error("transport: {0}")]
    Transport(String),
    /// The request's arguments could not be read (missing, of the wrong shape, too large):
    /// the caller's mistake. The detail is for the logs, never shown.
    #[error("malformed request: {0}")]
    Malformed(String),
}

impl AppError {
    /// The HTTP status this error answers with.
    pub fn status(&self) -> u16 {
        match self {
            AppError::Unauthenticated | AppError::SessionExpired(_) => 401,
            AppError::Forbidden | AppError::CrossSite => 403,
            AppError::NotFound => 404,
            AppError::Invalid(_) => 422,
            AppError::CallNotOpen | AppError::Conflict | AppError::CapacityReached { .. } => 409,
            AppError::CandidatureState | AppError::WrongPhase | AppError::JurySettingsLocked => 409,
            AppError::ReviewStarted | AppError::ReviewSubmitted | AppError::ReviewNotSubmitted => 409,
            AppError::JurorCharterFirst | AppError::OwnReviewsFirst | AppError::MailNotFailed => 409,
            AppError::ConflictOfInterest => 403,
            AppError::Assignment(_) | AppError::MoveRefused => 409,
            AppError::CohortClosed | AppError::NotBefore { .. } | AppError::LastAdmin => 409,
            AppError::BadCredentials => 401,
            AppError::Token(_) => 410,
            AppError::EmailNotVerified | AppError::UseProConnect => 403,
            AppError::TooManyAttempts { .. } => 429,
            AppError::Internal => 500,
            AppError::Transport(_) | AppError::Malformed(_) => 400,
        }
    }

    /// The sentence shown to the user: what happened and what to do.
    pub fn message(&self, locale: Locale) -> String {
        match (self, locale) {
            (AppError::Unauthenticated, Locale::Fr) => "Connectez-vous pour accéder à cette page.".into(),
            (AppError::Unauthenticated, Locale::En) => "Log in to see this page.".into(),
            (AppError::Forbidden, Locale::Fr) => "Votre compte n'a pas accès à cette page.".into(),
            (AppError::Forbidden, Locale::En) => "Your account cannot access this page.".into(),
            (AppError::NotFound, Locale::Fr) => "Cet élément n'existe pas ou plus.".into(),
            (AppError::NotFound, Locale::En) => "This item does not exist (any more).".into(),
            (AppError::Invalid(_), Locale::Fr) => "Le formulaire contient des erreurs. Corrigez les champs signalés.".into(),
            (AppError::Invalid(_), Locale::En) => "The form contains errors. Correct the fields marked below.".into(),
            (AppError::BadCredentials, Locale::Fr) => "Adresse électronique ou mot de passe incorrect.".into(),
            (AppError::BadCredentials, Locale::En) => "Incorrect email address or password.".into(),
            (AppError::LastAdmin, Locale::Fr) => {
                "Vous êtes le seul administrateur : donnez d'abord ce rôle à une autre personne (« Utilisateurs »), puis supprimez votre compte.".into()
            }
            (AppError::LastAdmin, Locale::En) => {
                "You are the only admin: first give this role to someone else (« Users »), then delete your account.".into()
            }
            (AppError::UseProConnect, Locale::Fr) => {
                "Les agents de l'État se connectent avec ProConnect : utilisez le bouton « S'identifier avec ProConnect ».".into()
            }
            (AppError::UseProConnect, Locale::En) => "State agents log in with ProConnect: use the « S'identifier avec ProConnect » button.".into(),
            (AppError::TooManyAttempts { wait_minutes }, Locale::Fr) => {
                format!("Trop de tentatives de connexion. Réessayez dans {wait_minutes} minutes.")
            }
            (AppError::TooManyAttempts { wait_minutes }, Locale::En) => {
                format!("Too many login attempts. Try again in {wait_minutes} minutes.")
            }
            (AppError::CrossSite, Locale::Fr) => {
                "Requête refusée : elle ne vient pas de ce site. Rechargez la page et réessayez.".into()
            }
            (AppError::CrossSite, Locale::En) => "Request refused: it did not come from this site. Reload the page and try again.".into(),
            (AppError::CallNotOpen, Locale::Fr) => {
                "L'appel à candidatures n'est pas ouvert. Consultez le calendrier sur la page d'accueil.".into()
            }
            (AppError::CallNotOpen, Locale::En) => {
                "The call for applications is not open. See the calendar on the home page.".into()
            }
            (AppError::Conflict, Locale::Fr) => {
                "Cette candidature a été modifiée ailleurs (autre onglet ou co-porteur) depuis que vous l'avez ouverte. Rechargez la page avant de continuer : votre saisie n'a pas été enregistrée, copiez-la si besoin.".into()
            }
            (AppError::Conflict, Locale::En) => {
                "This application was changed elsewhere (another tab or a co-applicant) since you opened it. Reload the page before going on: what you typed was not saved, copy it if needed.".into()
            }
            (AppError::CandidatureState, Locale::Fr) => {
                "Cette action n'est pas possible pour cette candidature dans son état actuel.".into()
            }
            (AppError::CandidatureState, Locale::En) => "This action is not possible for this application in its current state.".into(),
            (AppError::WrongPhase, Locale::Fr) => {
                "Le calendrier de la cohorte ne permet pas cette action à l'étape actuelle. Consultez les dates de la cohorte.".into()
            }
            (AppError::WrongPhase, Locale::En) => {
                "The cohort's calendar does not allow this action at its current stage. See the cohort's dates.".into()
            }
            (AppError::JurySettingsLocked, Locale::Fr) => {
                "Les réglages du jury ne peuvent plus changer : des évaluations ont déjà été attribuées.".into()
            }
            (AppError::JurySettingsLocked, Locale::En) => "The jury's settings can no longer change: reviews have already been assigned.".into(),
            (AppError::ReviewStarted, Locale::Fr) => {
                "Ce juré a déjà commencé cette évaluation : elle ne peut plus être déplacée.".into()
            }
            (AppError::ReviewStarted, Locale::En) => "This juror has already started this review: it can no longer be moved.".into(),
            (AppError::ReviewSubmitted, Locale::Fr) => {
                "Cette évaluation est envoyée ou le jury ne note plus : elle ne peut plus être modifiée. L'équipe du programme peut la rouvrir si besoin.".into()
            }
            (AppError::ReviewSubmitted, Locale::En) => {
                "This review is submitted or the jury no longer scores: it can no longer change. The programme team can reopen it if needed.".into()
            }
            (AppError::ReviewNotSubmitted, Locale::Fr) => {
                "Cette évaluation n'a pas été envoyée : il n'y a rien à rouvrir.".into()
            }
            (AppError::ReviewNotSubmitted, Locale::En) => "This review has not been submitted: there is nothing to reopen.".into(),
            (AppError::ConflictOfInterest, Locale::Fr) => {
                "Conflit d'intérêts : vous ne pouvez pas à la fois siéger dans le jury d'une cohorte et y porter ou co-porter une candidature. Vous pourrez tenir l'autre rôle dans une prochaine cohorte.".into()
            }
            (AppError::ConflictOfInterest, Locale::En) => {
                "Conflict of interest: you cannot both sit on a cohort's jury and hold or co-hold an application in it. You can take the other role in a later cohort.".into()
            }
            (AppError::JurorCharterFirst, Locale::Fr) => {
                "Signez d'abord la charte du juré, depuis votre espace juré.".into()
            }
            (AppError::JurorCharterFirst, Locale::En) => "First sign the juror charter, from your juror space.".into(),
            (AppError::OwnReviewsFirst, Locale::Fr) => {
                "Les notes des autres jurés s'affichent une fois toutes vos évaluations envoyées.".into()
            }
            (AppError::OwnReviewsFirst, Locale::En) => "The other jurors' scores are shown once all your reviews are submitted.".into(),
            (AppError::MailNotFailed, Locale::Fr) => {
                "Ce message n'est pas en échec : il n'y a rien à relancer.".into()
            }
            (AppError::MailNotFailed, Locale::En) => "This mail has not failed: there is nothing to send again.".into(),
            (AppError::CohortClosed, Locale::Fr) => {
                "Cette cohorte est clôturée : ses données restent consultables mais ne peuvent plus être modifiées.".into()
            }
            (AppError::CohortClosed, Locale::En) => "This cohort is closed: its records can still be read but no longer changed.".into(),
            (AppError::NotBefore { day }, Locale::Fr) => {
                format!("Le calendrier de la cohorte permet cette action à partir du {}.", day.format("%d/%m/%Y"))
            }
            (AppError::NotBefore { day }, Locale::En) => {
                format!("The cohort's calendar allows this action from {} on.", day.format("%Y-%m-%d"))
            }
            (AppError::CapacityReached { capacity }, Locale::Fr) => format!(
                "La cohorte compte déjà {capacity} projets sélectionnés, son maximum. Placez ce projet sur liste d'attente ou retirez d'abord une autre sélection."
            ),
            (AppError::CapacityReached { capacity }, Locale::En) => format!(
                "The cohort already has {capacity} selected projects, its maximum. Waitlist this project or first withdraw another selection."
            ),
            (AppError::Assignment(_), Locale::Fr) => {
                "L'affectation automatique est impossible avec ces contraintes. Le détail ci-dessous dit lesquelles et pourquoi.".into()
            }
            (AppError::Assignment(_), Locale::En) => {
                "The automatic assignment is impossible with these constraints. The details below say which and why.".into()
            }
            (AppError::MoveRefused, Locale::Fr) => {
                "Ce juré ne peut pas recevoir cette évaluation : il est en conflit d'intérêts avec ce projet ou l'évalue déjà.".into()
            }
            (AppError::MoveRefused, Locale::En) => {
                "This juror cannot take this review: they are in conflict with this project or already review it.".into()
            }
            (AppError::Token(TokenProblem::Unknown), Locale::Fr) => {
                "Ce lien n'est pas valide : il a peut-être été coupé ou modifié. Copiez le lien complet depuis l'e-mail, ou demandez-en un nouveau.".into()
            }
            (AppError::Token(TokenProblem::Unknown), Locale::En) => {
                "This link is not valid: it may have been cut or altered. Copy the whole link from the email, or ask for a new one.".into()
            }
            (AppError::Token(TokenProblem::Expired), Locale::Fr) => {
                "Ce lien a expiré. Demandez-en un nouveau : il vous sera envoyé par e-mail.".into()
            }
            (AppError::Token(TokenProblem::Expired), Locale::En) => "This link has expired. Ask for a new one: it will be sent by email.".into(),
            (AppError::Token(TokenProblem::AlreadyUsed), Locale::Fr) => {
                "Ce lien a déjà servi. Connectez-vous, ou demandez un nouveau lien si besoin.".into()
            }
            (AppError::Token(TokenProblem::AlreadyUsed), Locale::En) => "This link was already used. Log in, or ask for a new link if needed.".into(),
            (AppError::EmailNotVerified, Locale::Fr) => {
                "Confirmez d'abord votre adresse électronique : ouvrez le lien reçu par e-mail, ou demandez un nouveau lien depuis la page « Mon compte ».".into()
            }
            (AppError::EmailNotVerified, Locale::En) => {
                "First confirm your email address: open the link you received by email, or ask for a new link on the “My account” page.".into()
            }
            (AppError::SessionExpired(_), Locale::Fr) => {
                "Votre session a expiré et ce formulaire n'a pas pu être mis de côté. Connectez-vous à nouveau dans un autre onglet, puis renvoyez-le : votre saisie est conservée ci-dessous.".into()
            }
            (AppError::SessionExpired(_), Locale::En) => {
                "Your session expired and this form could not be set aside. Log in again in another tab, then send it again: what you typed is kept below.".into()
            }
            (AppError::Internal, Locale::Fr) => {
                "Une erreur inattendue est survenue de notre côté. Réessayez dans quelques instants ; vos saisies sont conservées.".into()
            }
            (AppError::Internal, Locale::En) => {
                "An unexpected error occurred on our side. Try again in a moment; what you typed is kept.".into()
            }
            (AppError::Transport(_), Locale::Fr) => {
                "Le serveur n'a pas pu être joint. Vérifiez votre connexion et réessayez.".into()
            }
            (AppError::Transport(_), Locale::En) => "The server could not be reached. Check your connection and try again.".into(),
            (AppError::Malformed(_), Locale::Fr) => {
                "La demande n'a pas pu être lue : un champ manque ou n'a pas la forme attendue. Rechargez la page et réessayez.".into()
            }
            (AppError::Malformed(_), Locale::En) => {
                "The request could not be read: a field is missing or does not have the expected form. Reload the page and try again.".into()
            }
        }
    }

    pub fn form_errors(&self) -> Option<&FormErrors> {
        match self {
            AppError::Invalid(e) | AppError::SessionExpired(e) => Some(e),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_and_messages() {
        assert_eq!(AppError::Forbidden.status(), 403);
        assert_eq!(AppError::Invalid(FormErrors::default()).status(), 422);
        assert!(AppError::TooManyAttempts { wait_minutes: 7 }.message(Locale::Fr).contains("7 minutes"));
        assert_eq!(AppError::BadCredentials.message(Locale::En), "Incorrect email address or password.");
    }

    #[test]
    fn each_refusal_of_a_state_says_its_own_sentence() {
        use std::collections::HashSet;
        let refusals = [
            AppError::CandidatureState,
            AppError::WrongPhase,
            AppError::JurySettingsLocked,
            AppError::ReviewStarted,
            AppError::ReviewSubmitted,
            AppError::ReviewNotSubmitted,
            AppError::ConflictOfInterest,
            AppError::JurorCharterFirst,
            AppError::OwnReviewsFirst,
            AppError::MailNotFailed,
            AppError::CohortClosed,
        ];
        for locale in [Locale::Fr, Locale::En] {
            let sentences: HashSet<String> = refusals.iter().map(|e| e.message(locale)).collect();
            assert_eq!(sentences.len(), refusals.len(), "{locale:?}: two refusals share a sentence");
        }
        for e in &refusals {
            assert!((400..500).contains(&e.status()), "{e:?} is a refusal, not a failure");
        }
    }
}
