//! « Mes données »: everything the service holds about one person (RGPD art. 15, right of
//! access), as one document shared by the JSON download and the readable page. It holds the
//! person's own records only: other people appear as « vous », « l'équipe du programme » or
//! « un autre membre de l'équipe », never by name; a juror's export holds their own reviews,
//! never a peer's.

use super::account::Role;
use super::candidature::Status;
use super::candidature_form::CandidatureForm;
use super::charter::Commitment;
use super::criteria::Criterion;
use super::i18n::Label;
use super::jury::{Opinion, Outcome, ReviewState};
use super::publication::PublicField;
use serde::{Deserialize, Serialize};

/// The whole export. Times are UTC unix seconds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MyDataExport {
    /// When the export was produced.
    pub generated_at: i64,
    pub account: AccountData,
    pub sign_in: SignInData,
    /// The sessions open now (a closed or expired session is deleted).
    pub sessions: Vec<SessionData>,
    /// Where the person is holder or co-applicant (a confirmed address named by the holder).
    pub candidatures: Vec<CandidatureData>,
    /// Messages the person wrote in threads of candidatures they are not on the team of (a
    /// programme agent's answers, a former co-applicant's).
    pub messages_elsewhere: Vec<MessageElsewhere>,
    pub jury: JuryData,
    /// Mails sent (or to be sent) to the account's address: subject, kind, state, date; the
    /// bodies are not repeated here (the person received them).
    pub mails: Vec<MailData>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountData {
    pub email: String,
    pub display_name: String,
    pub role: Role,
    /// The language of the mails (`fr`, `en`).
    pub lang: String,
    pub created_at: i64,
    /// When the address was confirmed, if it is.
    pub email_verified_at: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignInData {
    /// Whether the account has a password (never the password or its hash).
    pub password: bool,
    /// Identities from State providers (FranceConnect, ProConnect) tied to the account.
    pub identities: Vec<IdentityData>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdentityData {
    /// The provider's name (« FranceConnect », « ProConnect »).
    pub provider: String,
    /// The identifier the provider gives the person for this service.
    pub subject: String,
    pub given_name: String,
    pub family_name: String,
    pub created_at: i64,
    pub last_used_at: i64,
}

/// One open session (never its token).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionData {
    /// The browser's description of itself (its user agent), as it sent it.
    pub device: String,
    pub created_at: i64,
    pub last_used_at: i64,
    pub expires_at: i64,
    /// The State provider the session was opened through, if any.
    pub provider: Option<String>,
}

/// The person's place on a candidature's team.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TeamRole {
    Holder,
    CoApplicant,
}

impl TeamRole {
    pub fn label(self) -> Label {
        match self {
            TeamRole::Holder => Label::new("Porteur ou porteuse", "Holder"),
            TeamRole::CoApplicant => Label::new("Co-porteur ou co-porteuse", "Co-applicant"),
        }
    }
}

/// Who did something in a candidature's record, as the person reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Actor {
    /// The person themself.
    You,
    /// A programme agent, or the service itself (an event without an author).
    Programme,
    /// Another person on the candidature's team.
    OtherMember,
}

impl Actor {
    /// Who `author` is for `me`: the person themself, the programme (an agent, or nobody: the
    /// service), or another member of the team. Never a name.
    pub fn of(author: Option<i64>, author_is_staff: bool, me: i64) -> Actor {
        match author {
            Some(id) if id == me => Actor::You,
            Some(_) if !author_is_staff => Actor::OtherMember,
            _ => Actor::Programme,
        }
    }

    pub fn label(self) -> Label {
        match self {
            Actor::You => Label::new("vous", "you"),
            Actor::Programme => Label::new("l'équipe du programme", "the programme's team"),
            Actor::OtherMember => Label::new("un autre membre de l'équipe", "another member of the team"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CandidatureData {
    /// The candidature's number (its pages' addresses: `/candidatures/<id>/recepisse`).
    pub id: i64,
    /// The reference shown on the receipt (`C3-00012`).
    pub reference: String,
    pub role: TeamRole,
    pub cohort: String,
    pub status: Status,
    pub project_name: String,
    pub started_at: i64,
    pub updated_at: i64,
    pub submitted_at: Option<i64>,
    /// The content, as the form holds it (co-applicants named by the holder included).
    pub content: CandidatureForm,
    /// Status changes with their messages, oldest first.
    pub history: Vec<HistoryEntry>,
    /// The attached document's description (the file itself is downloaded from the
    /// candidature's summary).
    pub attachment: Option<AttachmentData>,
    /// The charter commitments accepted when submitting.
    pub commitments: Vec<CommitmentData>,
    /// The fields the team agreed to publish (selected projects).
    pub publication_consents: Vec<PublicField>,
    /// The programme's charter, as signed by the holder (selected projects).
    pub programme_signatures: Vec<SignatureData>,
    /// Fortnightly check-ins of the programme.
    pub check_ins: Vec<CheckInData>,
    /// The selection decision, as the receipt shows it once it is taken.
    pub decision: Option<DecisionData>,
    /// The candidature's message thread, oldest first.
    pub messages: Vec<MessageData>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryEntry {
    pub at: i64,
    pub from: Status,
    pub to: Status,
    pub by: Actor,
    /// The reason or message given with the change (empty when none).
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachmentData {
    pub file_name: String,
    pub size_bytes: i64,
    pub uploaded_at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommitmentData {
    pub commitment: Commitment,
    pub accepted_at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignatureData {
    pub commitment: Commitment,
    pub by: Actor,
    /// The name the person typed when they signed (`None`: another member signed; their
    /// name is theirs).
    pub signer_name: Option<String>,
    pub signed_at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckInData {
    pub at: i64,
    pub by: Actor,
    pub progress: String,
    pub blockers: String,
    pub needs: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionData {
    pub outcome: Outcome,
    pub decided_at: i64,
    /// The reason given for each criterion.
    pub reasons: Vec<(Criterion, String)>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageData {
    pub at: i64,
    pub by: Actor,
    pub body: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageElsewhere {
    pub at: i64,
    /// The reference of the candidature whose thread it is in.
    pub candidature: String,
    pub body: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct JuryData {
    /// Invitations to a jury sent to the account's address or accepted by the account.
    pub invitations: Vec<InvitationData>,
    pub seats: Vec<SeatData>,
    /// Candidatures the person may not review (declared by them or recorded by the programme).
    pub conflicts: Vec<ConflictData>,
    /// The person's own reviews; never another juror's.
    pub reviews: Vec<ReviewData>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationData {
    pub cohort: String,
    pub invited_at: i64,
    pub accepted_at: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeatData {
    pub cohort: String,
    pub joined_at: i64,
    pub charter_accepted_at: Option<i64>,
    pub conflicts_declared_at: Option<i64>,
    /// The free-text note given with the declaration of conflicts.
    pub conflicts_note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConflictData {
    pub cohort: String,
    pub project_name: String,
    pub declared_at: i64,
    /// `You` when the person declared it, `Programme` when an agent recorded it.
    pub by: Actor,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewData {
    pub cohort: String,
    pub project_name: String,
    pub state: ReviewState,
    pub opinion: Option<Opinion>,
    pub overall: String,
    pub assigned_at: i64,
    pub updated_at: i64,
    pub submitted_at: Option<i64>,
    pub scores: Vec<ScoreData>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScoreData {
    pub criterion: Criterion,
    pub score: Option<u8>,
    pub comment: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailData {
    pub created_at: i64,
    pub sent_at: Option<i64>,
    pub subject: String,
    /// What the mail is about (its kind's code).
    pub kind: String,
    /// `pending`, `sent` or `failed`.
    pub state: String,
}

impl MailData {
    pub fn state_label(&self) -> Label {
        match self.state.as_str() {
            "sent" => Label::new("envoyé", "sent"),
            "failed" => Label::new("non distribué", "not delivered"),
            _ => Label::new("en attente d'envoi", "waiting to be sent"),
        }
    }
}

/// The file name of the download produced on `date` (`mes-donnees-2026-12-01.json`).
pub fn file_name(date: chrono::NaiveDate) -> String {
    format!("mes-donnees-{date}.json")
}

/// A file size as people read it (« 512 octets », « 1,2 Mo »).
pub fn size_label(bytes: i64, fr: bool) -> String {
    let (kb, mb) = (1024.0, 1024.0 * 1024.0);
    let b = bytes as f64;
    let text = if b < kb {
        format!("{bytes} {}", if fr { "octets" } else { "bytes" })
    } else if b < mb {
        format!("{:.1} {}", b / kb, if fr { "Ko" } else { "KB" })
    } else {
        format!("{:.1} {}", b / mb, if fr { "Mo" } else { "MB" })
    };
    if fr { text.replace('.', ",") } else { text }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn authors_are_you_the_programme_or_another_member_never_a_name() {
        let me = 7;
        assert_eq!(Actor::of(Some(7), false, me), Actor::You);
        // An agent who is also the person (a staff account's own message) is still « vous ».
        assert_eq!(Actor::of(Some(7), true, me), Actor::You);
        assert_eq!(Actor::of(Some(3), true, me), Actor::Programme);
        assert_eq!(Actor::of(None, false, me), Actor::Programme);
        assert_eq!(Actor::of(Some(3), false, me), Actor::OtherMember);
        assert_eq!(Actor::OtherMember.label().get(crate::domain::i18n::Locale::Fr), "un autre membre de l'équipe");
        assert_eq!(Actor::Programme.label().get(crate::domain::i18n::Locale::Fr), "l'équipe du programme");
        assert_eq!(Actor::You.label().get(crate::domain::i18n::Locale::Fr), "vous");
    }

    #[test]
    fn the_file_is_named_by_its_date() {
        let date = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        assert_eq!(file_name(date), "mes-donnees-2026-12-01.json");
    }

    #[test]
    fn sizes_read_in_bytes_kilobytes_or_megabytes() {
        assert_eq!(size_label(512, true), "512 octets");
        assert_eq!(size_label(1536, true), "1,5 Ko");
        assert_eq!(size_label(1536, false), "1.5 KB");
        assert_eq!(size_label(3 * 1024 * 1024, true), "3,0 Mo");
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn the_export_reads_back_as_written() {
        let data = MyDataExport {
            generated_at: 1,
            account: AccountData {
                email: "a@exemple.fr".into(),
                display_name: "A".into(),
                role: Role::Citizen,
                lang: "fr".into(),
                created_at: 1,
                email_verified_at: None,
            },
            sign_in: SignInData { password: true, identities: vec![] },
            sessions: vec![],
            candidatures: vec![],
            messages_elsewhere: vec![],
            jury: JuryData::default(),
            mails: vec![MailData { created_at: 1, sent_at: None, subject: "s".into(), kind: "k".into(), state: "pending".into() }],
        };
        let json = serde_json::to_string(&data).unwrap();
        assert_eq!(serde_json::from_str::<MyDataExport>(&json).unwrap(), data);
    }
}
