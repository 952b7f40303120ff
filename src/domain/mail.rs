//! The mails the service sends: what each one says in French and English, and the rules of
//! their delivery (retry delays, last attempt). Pure: the server writes the composed mail to
//! the outbox in the transaction of the change that causes it, and a worker sends it.

use super::paths::Page;
use super::ids::CandidatureId;

use super::i18n::Locale;

/// Attempts before a mail is marked failed (staff can then retry it by hand).
pub const MAX_ATTEMPTS: i32 = 6;

/// How long a worker holds a claimed mail before another worker may take it over (a worker
/// that crashed between claiming and sending loses its claim after this delay).
pub const CLAIM_SECONDS: i64 = 300;

/// How long an address-verification link stays valid.
pub const VERIFY_HOURS: i64 = 48;
/// How long a password-reset link stays valid.
pub const RESET_MINUTES: i64 = 60;

/// The seconds to wait before attempt `attempts + 1`, after `attempts` failed ones:
/// 30 s, 1 min, 2 min, 4 min, … at most one hour.
pub fn retry_delay_seconds(attempts: i32) -> i64 {
    let exponent = attempts.clamp(1, 8) - 1;
    (30_i64 << exponent).min(3_600)
}

/// What a send attempt gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Delivery {
    Sent,
    /// The server or the network may accept later (4xx reply, connection refused, timeout).
    Temporary(String),
    /// It will never be accepted as it is (5xx reply, malformed address).
    Permanent(String),
}

/// What becomes of an outbox entry after an attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AfterAttempt {
    Sent,
    RetryAt { at: i64, error: String },
    Failed { error: String },
}

/// The rule: a temporary failure is retried later until the last attempt; a permanent one
/// fails at once. `attempts` counts the attempt just made.
pub fn after_attempt(delivery: Delivery, attempts: i32, now: i64) -> AfterAttempt {
    match delivery {
        Delivery::Sent => AfterAttempt::Sent,
        Delivery::Temporary(error) if attempts < MAX_ATTEMPTS => {
            AfterAttempt::RetryAt { at: now + retry_delay_seconds(attempts), error }
        }
        Delivery::Temporary(error) | Delivery::Permanent(error) => AfterAttempt::Failed { error },
    }
}

/// Why an e-mailed link was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum TokenProblem {
    /// No such link: mistyped, cut, or altered.
    Unknown,
    Expired,
    AlreadyUsed,
}

/// Checks a stored link's dates: unused and not expired.
pub fn check_token(expires_at: i64, used_at: Option<i64>, now: i64) -> Result<(), TokenProblem> {
    if used_at.is_some() {
        Err(TokenProblem::AlreadyUsed)
    } else if now >= expires_at {
        Err(TokenProblem::Expired)
    } else {
        Ok(())
    }
}

/// Why the service writes to someone. Each notice carries what its text needs and the path
/// of the page it links to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// Confirms the address of a new account (or the new address of an account).
    VerifyAddress { name: String, token: String },
    PasswordReset { token: String },
    JuryInvitation { cohort: String, token: String },
    CandidatureReceived { project: String, reference: String, candidature_id: i64 },
    CorrectionRequested { project: String, note: String, candidature_id: i64 },
    DecisionMade { project: String, candidature_id: i64 },
    /// A new message in a candidature's thread; `to_staff` picks the staff page of the thread.
    NewMessage { project: String, candidature_id: i64, to_staff: bool },
    /// A message staff sent to every applicant of a cohort.
    CohortMessage { cohort: String, body: String, candidature_id: i64 },
    /// A project in its programme owes its fortnightly check-in since `due_on`.
    CheckInDue { project: String, candidature_id: i64, due_on: chrono::NaiveDate },
    /// A candidature reaches the end of its retention on `purge_on` (`draft`: a draft never
    /// submitted; else one that ended without selection).
    RecordsExpiring { project: String, candidature_id: i64, draft: bool, purge_on: chrono::NaiveDate },
}

/// A mail ready for the outbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mail {
    pub to: String,
    pub lang: Locale,
    pub kind: &'static str,
    pub subject: String,
    pub text: String,
    pub html: String,
}

pub const SERVICE_FR: &str = "Le service public augmenté : l'accélérateur d'initiatives citoyennes";
pub const SERVICE_EN: &str = "The augmented public service: the citizen initiatives accelerator";

impl Notice {
    /// The code stored with the mail (what staff see in the outbox).
    pub fn kind(&self) -> &'static str {
        match self {
            Notice::VerifyAddress { .. } => "verification",
            Notice::PasswordReset { .. } => "reinitialisation",
            Notice::JuryInvitation { .. } => "invitation-jury",
            Notice::CandidatureReceived { .. } => "accuse-reception",
            Notice::CorrectionRequested { .. } => "correction-demandee",
            Notice::DecisionMade { .. } => "decision",
            Notice::NewMessage { .. } => "message",
            Notice::CohortMessage { .. } => "message-cohorte",
            Notice::CheckInDue { .. } => "rappel-point-etape",
            Notice::RecordsExpiring { .. } => "avis-suppression",
        }
    }

    /// The path of the page the mail links to.
    pub fn path(&self) -> String {
        match self {
            Notice::VerifyAddress { token, .. } => Page::VerifyAddress { token: token.clone() }.path(),
            Notice::PasswordReset { token } => Page::NewPassword { token: token.clone() }.path(),
            Notice::JuryInvitation { token, .. } => Page::Invitation { token: token.clone() }.path(),
            Notice::CandidatureReceived { candidature_id, .. } | Notice::DecisionMade { candidature_id, .. } => {
                Page::Receipt { id: CandidatureId(*candidature_id) }.path()
            }
            Notice::CorrectionRequested { .. } => "/candidatures".to_string(),
            Notice::CheckInDue { candidature_id, .. } => Page::Project { id: CandidatureId(*candidature_id) }.path(),
            Notice::RecordsExpiring { .. } => Page::MyData.path(),
            Notice::NewMessage { candidature_id, to_staff: true, .. } => Page::StaffMessages { id: CandidatureId(*candidature_id) }.path(),
            Notice::NewMessage { candidature_id, .. } | Notice::CohortMessage { candidature_id, .. } => {
                Page::Messages { id: CandidatureId(*candidature_id) }.path()
            }
        }
    }

    /// Subject, paragraphs, and the label of the link, in the recipient's language.
    fn words(&self, l: Locale) -> (String, Vec<String>, &'static str) {
        let fr = l == Locale::Fr;
        match self {
            Notice::VerifyAddress { name, .. } => (
                l.pick("Confirmez votre adresse électronique", "Confirm your email address").into(),
                vec![
                    if fr { format!("Bonjour {name},") } else { format!("Hello {name},") },
                    if fr {
                        format!("Pour confirmer que cette adresse est la vôtre, ouvrez le lien ci-dessous. Il est valable {VERIFY_HOURS} heures et ne sert qu'une fois.")
                    } else {
                        format!("To confirm that this address is yours, open the link below. It is valid for {VERIFY_HOURS} hours and works once.")
                    },
                    l.pick(
                        "Si vous n'avez pas créé de compte, ignorez ce message.",
                        "If you did not create an account, ignore this message.",
                    )
                    .into(),
                ],
                l.pick("Confirmer mon adresse", "Confirm my address"),
            ),
            Notice::PasswordReset { .. } => (
                l.pick("Réinitialisation de votre mot de passe", "Resetting your password").into(),
                vec![
                    if fr {
                        format!("Une réinitialisation du mot de passe de votre compte a été demandée. Le lien ci-dessous est valable {RESET_MINUTES} minutes et ne sert qu'une fois.")
                    } else {
                        format!("A password reset was requested for your account. The link below is valid for {RESET_MINUTES} minutes and works once.")
                    },
                    l.pick(
                        "Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : votre mot de passe reste inchangé.",
                        "If you did not ask for it, ignore this message: your password stays as it is.",
                    )
                    .into(),
                ],
                l.pick("Choisir un nouveau mot de passe", "Choose a new password"),
            ),
            Notice::JuryInvitation { cohort, .. } => (
                if fr { format!("Invitation au jury citoyen — {cohort}") } else { format!("Invitation to the citizen jury — {cohort}") },
                vec![
                    if fr {
                        format!("L'équipe de l'accélérateur vous invite à siéger au jury de 15 citoyens de la cohorte « {cohort} ». Le jury évalue les candidatures sur 5 critères.")
                    } else {
                        format!("The accelerator team invites you to sit on the jury of 15 citizens of the cohort “{cohort}”. The jury scores the applications on 5 criteria.")
                    },
                    l.pick(
                        "Le lien ci-dessous vous permet de vous connecter ou de créer un compte, puis d'accepter l'invitation.",
                        "The link below lets you log in or create an account, then accept the invitation.",
                    )
                    .into(),
                ],
                l.pick("Répondre à l'invitation", "Answer the invitation"),
            ),
            Notice::CandidatureReceived { project, reference, .. } => (
                if fr { format!("Candidature reçue — {project}") } else { format!("Application received — {project}") },
                vec![
                    if fr {
                        format!("Votre candidature « {project} » est bien déposée. Son numéro : {reference}.")
                    } else {
                        format!("Your application “{project}” is submitted. Its number: {reference}.")
                    },
                    l.pick(
                        "L'équipe vérifie son éligibilité, puis le jury citoyen l'évalue. Vous serez informé par e-mail de chaque étape.",
                        "The team checks its eligibility, then the citizen jury scores it. You will be told of each step by email.",
                    )
                    .into(),
                ],
                l.pick("Voir mon récépissé", "See my receipt"),
            ),
            Notice::CorrectionRequested { project, note, .. } => (
                if fr { format!("Correction demandée — {project}") } else { format!("Correction requested — {project}") },
                vec![
                    l.pick(
                        "L'équipe de l'accélérateur vous demande de compléter ou corriger votre candidature :",
                        "The accelerator team asks you to complete or correct your application:",
                    )
                    .into(),
                    note.clone(),
                ],
                l.pick("Modifier ma candidature", "Edit my application"),
            ),
            Notice::DecisionMade { project, .. } => (
                if fr { format!("Décision du jury — {project}") } else { format!("Jury decision — {project}") },
                vec![
                    if fr {
                        format!("La décision concernant votre candidature « {project} » est disponible, avec l'avis du jury critère par critère.")
                    } else {
                        format!("The decision on your application “{project}” is available, with the jury's feedback criterion by criterion.")
                    },
                ],
                l.pick("Voir la décision", "See the decision"),
            ),
            Notice::NewMessage { project, .. } => (
                if fr { format!("Nouveau message — {project}") } else { format!("New message — {project}") },
                vec![if fr {
                    format!("Un nouveau message a été écrit dans le fil de la candidature « {project} ».")
                } else {
                    format!("A new message was written in the thread of the application “{project}”.")
                }],
                l.pick("Lire le message", "Read the message"),
            ),
            Notice::CheckInDue { project, due_on, .. } => (
                if fr { format!("Point d'étape attendu — {project}") } else { format!("Check-in due — {project}") },
                vec![
                    if fr {
                        format!(
                            "Le point d'étape de « {project} » est attendu depuis le {} : un point toutes les deux semaines permet à l'équipe de l'accélérateur d'ajuster son accompagnement.",
                            due_on.format("%d/%m/%Y")
                        )
                    } else {
                        format!(
                            "The check-in of “{project}” has been due since {}: a check-in every two weeks lets the accelerator team adjust its support.",
                            due_on.format("%Y-%m-%d")
                        )
                    },
                    l.pick(
                        "Indiquez vos avancées, vos blocages et vos besoins sur la page de votre projet.",
                        "Give your progress, blockers and needs on your project's page.",
                    )
                    .into(),
                ],
                l.pick("Publier mon point d'étape", "Post my check-in"),
            ),
            Notice::RecordsExpiring { project, draft, purge_on, .. } => {
                let project = if project.trim().is_empty() { l.pick("sans titre", "untitled").to_string() } else { project.clone() };
                let day = if fr { purge_on.format("%d/%m/%Y").to_string() } else { purge_on.format("%Y-%m-%d").to_string() };
                (
                    if fr { format!("Suppression prévue le {day} — {project}") } else { format!("Deletion planned on {day} — {project}") },
                    vec![
                        match (fr, draft) {
                            (true, true) => format!("Le brouillon de candidature « {project} » n'a jamais été déposé et l'appel à candidatures est clos. Comme l'annonce notre politique de données personnelles, il sera supprimé le {day}."),
                            (false, true) => format!("The application draft “{project}” was never submitted and the call for applications is closed. As our personal data policy says, it will be deleted on {day}."),
                            (true, false) => format!("La candidature « {project} » n'a pas été retenue. Comme l'annonce notre politique de données personnelles, elle sera supprimée le {day}, avec ses évaluations et sa décision."),
                            (false, false) => format!("The application “{project}” was not selected. As our personal data policy says, it will be deleted on {day}, with its reviews and decision."),
                        },
                        l.pick(
                            "Avant cette date, vous pouvez télécharger une copie de vos données depuis « Mon compte ».",
                            "Before that day, you can download a copy of your data from « My account ».",
                        )
                        .into(),
                    ],
                    l.pick("Télécharger mes données", "Download my data"),
                )
            }
            Notice::CohortMessage { cohort, body, .. } => (
                if fr { format!("Message de l'équipe — {cohort}") } else { format!("Message from the team — {cohort}") },
                vec![body.clone()],
                l.pick("Voir le fil de ma candidature", "See my application's thread"),
            ),
        }
    }

    /// The mail to `to`, in `lang`, linking to this notice's page under `base_url`.
    pub fn compose(&self, to: &str, lang: Locale, base_url: &str) -> Mail {
        let (subject, paragraphs, link_label) = self.words(lang);
        let link = format!("{}{}", base_url.trim_end_matches('/'), self.path());
        let service = lang.pick(SERVICE_FR, SERVICE_EN);
        let signature = lang.pick("L'équipe de l'accélérateur", "The accelerator team");
        let mut text = String::new();
        for p in &paragraphs {
            text.push_str(p);
            text.push_str("\n\n");
        }
        text.push_str(&format!("{link_label} : {link}\n\n{signature}\n{service}\n"));
        if lang == Locale::En {
            text = text.replace(&format!("{link_label} : "), &format!("{link_label}: "));
        }
        let mut html = format!("<!DOCTYPE html><html lang=\"{}\"><body>", lang.code());
        for p in &paragraphs {
            html.push_str(&format!("<p>{}</p>", escape_html(p).replace('\n', "<br>")));
        }
        html.push_str(&format!(
            "<p><a href=\"{}\">{}</a></p><p>{}<br>{}</p></body></html>",
            escape_html(&link),
            escape_html(link_label),
            escape_html(signature),
            escape_html(service)
        ));
        Mail {
            to: to.to_string(),
            lang,
            kind: self.kind(),
            subject: format!("{subject} — {}", lang.pick("Accélérateur d'initiatives citoyennes", "Citizen initiatives accelerator")),
            text,
            html,
        }
    }
}

/// Escapes text for HTML element content and attribute values.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The longest message in a thread, in characters.
pub const MESSAGE_MAX: u32 = 5_000;

/// A message of a thread: not blank, at most `MESSAGE_MAX` characters, no control characters;
/// returned trimmed.
pub fn check_message(raw: &str) -> Result<String, super::validate::Problem> {
    let body = raw.trim();
    if body.is_empty() {
        return Err(super::validate::Problem::Required);
    }
    super::validate::text_block(body, MESSAGE_MAX)?;
    Ok(body.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_back_off_up_to_an_hour_then_fail_at_the_last_attempt() {
        assert_eq!(retry_delay_seconds(1), 30);
        assert_eq!(retry_delay_seconds(2), 60);
        assert_eq!(retry_delay_seconds(5), 480);
        assert_eq!(retry_delay_seconds(8), 3_600);
        assert_eq!(retry_delay_seconds(50), 3_600);
        assert_eq!(after_attempt(Delivery::Temporary("451".into()), 1, 1_000), AfterAttempt::RetryAt { at: 1_030, error: "451".into() });
        assert_eq!(after_attempt(Delivery::Temporary("451".into()), MAX_ATTEMPTS, 0), AfterAttempt::Failed { error: "451".into() });
        assert_eq!(after_attempt(Delivery::Permanent("550".into()), 1, 0), AfterAttempt::Failed { error: "550".into() });
        assert_eq!(after_attempt(Delivery::Sent, 3, 0), AfterAttempt::Sent);
    }

    #[test]
    fn links_are_single_use_and_expire() {
        assert_eq!(check_token(100, None, 99), Ok(()));
        assert_eq!(check_token(100, None, 100), Err(TokenProblem::Expired));
        assert_eq!(check_token(100, Some(50), 60), Err(TokenProblem::AlreadyUsed));
    }

    #[test]
    fn mails_speak_the_recipients_language_and_link_back_to_the_page() {
        let n = Notice::JuryInvitation { cohort: "Cohorte <1>".into(), token: "abc".into() };
        let fr = n.compose("a@b.fr", Locale::Fr, "https://acc.exemple.fr/");
        assert!(fr.subject.starts_with("Invitation au jury citoyen — Cohorte <1>"));
        assert!(fr.text.contains("Répondre à l'invitation : https://acc.exemple.fr/jury/invitation/abc"));
        assert!(fr.html.contains("Cohorte &lt;1&gt;") && !fr.html.contains("<1>"));
        assert!(fr.html.contains("<a href=\"https://acc.exemple.fr/jury/invitation/abc\">"));
        assert!(fr.text.contains(SERVICE_FR));
        let en = n.compose("a@b.fr", Locale::En, "https://acc.exemple.fr");
        assert!(en.subject.starts_with("Invitation to the citizen jury"));
        assert!(en.text.contains("Answer the invitation: https://acc.exemple.fr/jury/invitation/abc"));
        assert!(en.html.starts_with("<!DOCTYPE html><html lang=\"en\">"));
        assert_eq!(en.kind, "invitation-jury");
    }

    #[test]
    fn messages_are_trimmed_and_bounded() {
        use crate::domain::validate::Problem;
        assert_eq!(check_message("  Bonjour \n"), Ok("Bonjour".to_string()));
        assert_eq!(check_message(" \n "), Err(Problem::Required));
        assert_eq!(check_message(&"é".repeat(5_001)), Err(Problem::TooLong { max: MESSAGE_MAX }));
        assert_eq!(check_message("a\u{0}b"), Err(Problem::ControlCharacters));
    }

    #[test]
    fn message_notices_link_to_each_sides_page() {
        let to_staff = Notice::NewMessage { project: "P".into(), candidature_id: 7, to_staff: true };
        let to_applicant = Notice::NewMessage { project: "P".into(), candidature_id: 7, to_staff: false };
        assert_eq!(to_staff.path(), "/agent/candidatures/7/messages");
        assert_eq!(to_applicant.path(), "/candidatures/7/messages");
        assert_eq!(Notice::PasswordReset { token: "t".into() }.path(), "/mot-de-passe/nouveau/t");
    }
}
