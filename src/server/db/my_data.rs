//! « Mes données »: every record held about one account, read in a fixed number of queries
//! (one per kind of record, whatever the number of candidatures or reviews), each scoped to
//! the account by its id or its confirmed address.

use super::account::UserRow;
use super::{now, on_pool, Db};
use crate::domain::candidature::{reference, Status};
use crate::domain::candidature_form::CandidatureForm;
use crate::domain::charter::Commitment;
use crate::domain::criteria::Criterion;
use crate::domain::ids::{CandidatureId, CohortId};
use crate::domain::jury::{Opinion, Outcome, ReviewState};
use crate::domain::my_data::*;
use crate::domain::publication::PublicField;
use sqlx::FromRow;
use std::collections::HashMap;

/// The candidatures of account `$1` with confirmed address `$2` (`''` when unconfirmed: no
/// address matches it): those it holds and those whose holder named its address as
/// co-applicant (as `candidature::list_for_account`).
const MINE: &str = "SELECT id FROM candidatures WHERE holder_id = $1 \
                    OR id IN (SELECT candidature_id FROM candidature_members WHERE email = $2)";

/// Whether the author joined as `u` is a programme agent.
const IS_STAFF: &str = "CASE WHEN u.role IN ('staff', 'admin') THEN TRUE ELSE FALSE END";

#[derive(FromRow)]
struct AccountRow {
    email: String,
    display_name: String,
    lang: String,
    created_at: i64,
    email_verified_at: Option<i64>,
    has_password: bool,
}

#[derive(FromRow)]
struct IdentityRow {
    provider: String,
    subject: String,
    given_name: String,
    family_name: String,
    created_at: i64,
    last_used_at: i64,
}

#[derive(FromRow)]
struct SessionRow {
    user_agent: String,
    created_at: i64,
    last_used_at: i64,
    expires_at: i64,
    provider: Option<String>,
}

#[derive(FromRow)]
struct CandidatureRow {
    id: i64,
    cohort_id: i64,
    cohort_name: String,
    holder_id: i64,
    status: String,
    project_name: String,
    content: String,
    started_at: i64,
    updated_at: i64,
    submitted_at: Option<i64>,
}

#[derive(FromRow)]
struct EventRow {
    candidature_id: i64,
    at: i64,
    actor_id: Option<i64>,
    actor_is_staff: bool,
    from_status: String,
    to_status: String,
    message: String,
}

#[derive(FromRow)]
struct AttachmentRow {
    candidature_id: i64,
    file_name: String,
    size_bytes: i64,
    uploaded_at: i64,
}

#[derive(FromRow)]
struct SignatureRow {
    candidature_id: i64,
    commitment: String,
    signed_by: i64,
    signer_name: String,
    signed_at: i64,
}

#[derive(FromRow)]
struct CheckInRow {
    candidature_id: i64,
    created_at: i64,
    author_id: i64,
    author_is_staff: bool,
    progress: String,
    blockers: String,
    needs: String,
}

#[derive(FromRow)]
struct DecisionRow {
    candidature_id: i64,
    outcome: String,
    reasons: String,
    decided_at: i64,
}

#[derive(FromRow)]
struct MessageRow {
    candidature_id: i64,
    created_at: i64,
    author_id: i64,
    from_staff: bool,
    body: String,
}

#[derive(FromRow)]
struct ElsewhereRow {
    candidature_id: i64,
    cohort_id: i64,
    created_at: i64,
    body: String,
}

#[derive(FromRow)]
struct InvitationRow {
    cohort: String,
    invited_at: i64,
    accepted_at: Option<i64>,
}

#[derive(FromRow)]
struct SeatRow {
    cohort: String,
    joined_at: i64,
    charter_accepted_at: Option<i64>,
    conflicts_declared_at: Option<i64>,
    conflicts_note: String,
}

#[derive(FromRow)]
struct ConflictRow {
    cohort: String,
    project_name: String,
    declared_at: i64,
    declared_by: Option<i64>,
}

#[derive(FromRow)]
struct ReviewRow {
    id: i64,
    cohort: String,
    project_name: String,
    state: String,
    opinion: Option<String>,
    overall: String,
    assigned_at: i64,
    updated_at: i64,
    submitted_at: Option<i64>,
}

#[derive(FromRow)]
struct ScoreRow {
    review_id: i64,
    criterion: String,
    score: Option<i32>,
    comment: String,
}

#[derive(FromRow)]
struct MailRow {
    created_at: i64,
    sent_at: Option<i64>,
    subject: String,
    kind: String,
    state: String,
}

/// Runs `$sql` (a `&str`) as `query_as` into `$row`, binding the listed values, on the read pool.
macro_rules! rows {
    ($db:expr, $row:ty, $sql:expr $(, $bind:expr)*) => {
        on_pool!($db, pool => sqlx::query_as::<_, $row>($sql)$(.bind($bind))*.fetch_all(pool).await)
    };
}

/// Everything held about `user`, read now. Only the records of the account: its candidatures
/// (held, or co-applied to with its confirmed address), its jury seats and its own reviews,
/// the mails sent to its confirmed address; other people appear as [`Actor`]s, never by name.
#[tracing::instrument(skip(db, user), fields(user_id = user.id))]
pub async fn collect(db: &Db, user: &UserRow) -> Result<MyDataExport, sqlx::Error> {
    let me = user.id;
    // An unconfirmed address proves nothing: it reaches no candidature, invitation nor mail.
    let email = user.confirmed_email().unwrap_or("").to_string();
    let email = email.as_str();

    let account_sql = "SELECT email, display_name, lang, created_at, email_verified_at, \
                       CASE WHEN password_hash <> '' THEN TRUE ELSE FALSE END AS has_password FROM users WHERE id = $1";
    let account: AccountRow = on_pool!(db, pool => sqlx::query_as::<_, AccountRow>(account_sql).bind(me).fetch_one(pool).await)?;
    let identities = rows!(db, IdentityRow,
        "SELECT provider, subject, given_name, family_name, created_at, last_used_at FROM identities WHERE user_id = $1 ORDER BY provider", me)?;
    let sessions = rows!(db, SessionRow,
        "SELECT user_agent, created_at, last_used_at, expires_at, provider FROM sessions WHERE user_id = $1 ORDER BY last_used_at DESC, created_at DESC", me)?;

    let sql = format!(
        "SELECT c.id, c.cohort_id, h.name AS cohort_name, c.holder_id, c.status, c.project_name, c.content, c.started_at, \
         c.updated_at, c.submitted_at FROM candidatures c JOIN cohorts h ON h.id = c.cohort_id \
         WHERE c.id IN ({MINE}) ORDER BY c.started_at DESC, c.id DESC"
    );
    let candidatures = rows!(db, CandidatureRow, &sql, me, email)?;
    let sql = format!(
        "SELECT e.candidature_id, e.at, e.actor_id, {IS_STAFF} AS actor_is_staff, e.from_status, e.to_status, e.message \
         FROM candidature_events e LEFT JOIN users u ON u.id = e.actor_id WHERE e.candidature_id IN ({MINE}) ORDER BY e.id"
    );
    let events = rows!(db, EventRow, &sql, me, email)?;
    let sql = format!("SELECT candidature_id, file_name, size_bytes, uploaded_at FROM candidature_attachments WHERE candidature_id IN ({MINE})");
    let attachments = rows!(db, AttachmentRow, &sql, me, email)?;
    let sql = format!("SELECT candidature_id, commitment, accepted_at FROM candidature_commitments WHERE candidature_id IN ({MINE}) ORDER BY accepted_at, commitment");
    let commitments = rows!(db, (i64, String, i64), &sql, me, email)?;
    let sql = format!("SELECT candidature_id, field FROM public_fields WHERE candidature_id IN ({MINE}) ORDER BY field");
    let consents = rows!(db, (i64, String), &sql, me, email)?;
    let sql = format!(
        "SELECT candidature_id, commitment, signed_by, signer_name, signed_at FROM programme_commitments \
         WHERE candidature_id IN ({MINE}) ORDER BY signed_at, commitment"
    );
    let signatures = rows!(db, SignatureRow, &sql, me, email)?;
    let sql = format!(
        "SELECT k.candidature_id, k.created_at, k.author_id, {IS_STAFF} AS author_is_staff, k.progress, k.blockers, k.needs \
         FROM check_ins k JOIN users u ON u.id = k.author_id WHERE k.candidature_id IN ({MINE}) ORDER BY k.created_at, k.id"
    );
    let check_ins = rows!(db, CheckInRow, &sql, me, email)?;
    let sql = format!("SELECT candidature_id, outcome, reasons, decided_at FROM decisions WHERE candidature_id IN ({MINE})");
    let decisions = rows!(db, DecisionRow, &sql, me, email)?;
    let sql = format!(
        "SELECT candidature_id, created_at, author_id, from_staff, body FROM messages WHERE candidature_id IN ({MINE}) ORDER BY id"
    );
    let messages = rows!(db, MessageRow, &sql, me, email)?;
    let sql = format!(
        "SELECT m.candidature_id, c.cohort_id, m.created_at, m.body FROM messages m JOIN candidatures c ON c.id = m.candidature_id \
         WHERE m.author_id = $1 AND m.candidature_id NOT IN ({MINE}) ORDER BY m.id"
    );
    let elsewhere = rows!(db, ElsewhereRow, &sql, me, email)?;

    let invitations = rows!(db, InvitationRow,
        "SELECT h.name AS cohort, i.invited_at, i.accepted_at FROM jury_invitations i JOIN cohorts h ON h.id = i.cohort_id \
         WHERE i.user_id = $1 OR i.email = $2 ORDER BY i.invited_at, i.id", me, email)?;
    let seats = rows!(db, SeatRow,
        "SELECT h.name AS cohort, j.joined_at, j.charter_accepted_at, j.conflicts_declared_at, j.conflicts_note \
         FROM jurors j JOIN cohorts h ON h.id = j.cohort_id WHERE j.user_id = $1 ORDER BY j.joined_at, j.cohort_id", me)?;
    let conflicts = rows!(db, ConflictRow,
        "SELECT h.name AS cohort, c.project_name, f.declared_at, f.declared_by FROM conflicts f \
         JOIN candidatures c ON c.id = f.candidature_id JOIN cohorts h ON h.id = c.cohort_id \
         WHERE f.user_id = $1 ORDER BY f.declared_at, c.id", me)?;
    let reviews = rows!(db, ReviewRow,
        "SELECT r.id, h.name AS cohort, c.project_name, r.state, r.opinion, r.overall, r.assigned_at, r.updated_at, r.submitted_at \
         FROM reviews r JOIN candidatures c ON c.id = r.candidature_id JOIN cohorts h ON h.id = c.cohort_id \
         WHERE r.reviewer_id = $1 ORDER BY r.assigned_at, r.id", me)?;
    let scores = rows!(db, ScoreRow,
        "SELECT s.review_id, s.criterion, s.score, s.comment FROM review_scores s JOIN reviews r ON r.id = s.review_id \
         WHERE r.reviewer_id = $1 ORDER BY s.review_id, s.criterion", me)?;
    let mails = rows!(db, MailRow,
        "SELECT created_at, sent_at, subject, kind, state FROM outbox WHERE recipient = $1 ORDER BY created_at DESC, id DESC", email)?;

    // Group the per-candidature records by candidature, keeping each list's order.
    fn by_candidature<T>(rows: Vec<T>, key: impl Fn(&T) -> i64) -> HashMap<i64, Vec<T>> {
        let mut map: HashMap<i64, Vec<T>> = HashMap::new();
        for row in rows {
            map.entry(key(&row)).or_default().push(row);
        }
        map
    }
    let mut events = by_candidature(events, |r| r.candidature_id);
    let mut attachments = by_candidature(attachments, |r| r.candidature_id);
    let mut commitments = by_candidature(commitments, |r| r.0);
    let mut consents = by_candidature(consents, |r| r.0);
    let mut signatures = by_candidature(signatures, |r| r.candidature_id);
    let mut check_ins = by_candidature(check_ins, |r| r.candidature_id);
    let mut decisions = by_candidature(decisions, |r| r.candidature_id);
    let mut messages = by_candidature(messages, |r| r.candidature_id);
    let mut scores = by_candidature(scores, |r| r.review_id);
    let status = |code: &str| Status::from_code(code).unwrap_or(Status::Draft);

    let candidatures = candidatures
        .into_iter()
        .map(|c| {
            let id = c.id;
            let content = serde_json::from_str::<CandidatureForm>(&c.content).unwrap_or_else(|e| {
                tracing::error!(candidature = id, error = %e, "stored candidature content does not parse");
                CandidatureForm::default()
            });
            CandidatureData {
                id,
                reference: reference(CohortId(c.cohort_id), CandidatureId(id)),
                role: if c.holder_id == me { TeamRole::Holder } else { TeamRole::CoApplicant },
                cohort: c.cohort_name,
                status: status(&c.status),
                project_name: c.project_name,
                started_at: c.started_at,
                updated_at: c.updated_at,
                submitted_at: c.submitted_at,
                content,
                history: events
                    .remove(&id)
                    .unwrap_or_default()
                    .into_iter()
                    .map(|e| HistoryEntry {
                        at: e.at,
                        from: status(&e.from_status),
                        to: status(&e.to_status),
                        by: Actor::of(e.actor_id, e.actor_is_staff, me),
                        message: e.message,
                    })
                    .collect(),
                attachment: attachments
                    .remove(&id)
                    .and_then(|a| a.into_iter().next())
                    .map(|a| AttachmentData { file_name: a.file_name, size_bytes: a.size_bytes, uploaded_at: a.uploaded_at }),
                commitments: commitments
                    .remove(&id)
                    .unwrap_or_default()
                    .into_iter()
                    .filter_map(|(_, code, at)| Some(CommitmentData { commitment: Commitment::from_code(&code)?, accepted_at: at }))
                    .collect(),
                publication_consents: consents.remove(&id).unwrap_or_default().into_iter().filter_map(|(_, f)| PublicField::from_code(&f)).collect(),
                programme_signatures: signatures
                    .remove(&id)
                    .unwrap_or_default()
                    .into_iter()
                    .filter_map(|s| {
                        let by = Actor::of(Some(s.signed_by), false, me);
                        Some(SignatureData {
                            commitment: Commitment::from_code(&s.commitment)?,
                            by,
                            signer_name: (by == Actor::You).then_some(s.signer_name),
                            signed_at: s.signed_at,
                        })
                    })
                    .collect(),
                check_ins: check_ins
                    .remove(&id)
                    .unwrap_or_default()
                    .into_iter()
                    .map(|k| CheckInData {
                        at: k.created_at,
                        by: Actor::of(Some(k.author_id), k.author_is_staff, me),
                        progress: k.progress,
                        blockers: k.blockers,
                        needs: k.needs,
                    })
                    .collect(),
                decision: decisions.remove(&id).and_then(|d| d.into_iter().next()).and_then(|d| {
                    let pairs: Vec<(String, String)> = serde_json::from_str(&d.reasons).unwrap_or_default();
                    Some(DecisionData {
                        outcome: Outcome::from_code(&d.outcome)?,
                        decided_at: d.decided_at,
                        reasons: pairs.into_iter().filter_map(|(c, r)| Some((Criterion::from_code(&c)?, r))).collect(),
                    })
                }),
                messages: messages
                    .remove(&id)
                    .unwrap_or_default()
                    .into_iter()
                    .map(|m| MessageData { at: m.created_at, by: Actor::of(Some(m.author_id), m.from_staff, me), body: m.body })
                    .collect(),
            }
        })
        .collect();

    Ok(MyDataExport {
        generated_at: now(),
        account: AccountData {
            email: account.email,
            display_name: account.display_name,
            role: user.role(),
            lang: account.lang,
            created_at: account.created_at,
            email_verified_at: account.email_verified_at,
        },
        sign_in: SignInData {
            password: account.has_password,
            identities: identities
                .into_iter()
                .map(|i| IdentityData {
                    provider: crate::domain::state_sign_in::Provider::from_code(&i.provider).map(|p| p.name().to_string()).unwrap_or(i.provider),
                    subject: i.subject,
                    given_name: i.given_name,
                    family_name: i.family_name,
                    created_at: i.created_at,
                    last_used_at: i.last_used_at,
                })
                .collect(),
        },
        sessions: sessions
            .into_iter()
            .map(|s| SessionData {
                device: s.user_agent,
                created_at: s.created_at,
                last_used_at: s.last_used_at,
                expires_at: s.expires_at,
                provider: s.provider.map(|p| crate::domain::state_sign_in::Provider::from_code(&p).map(|p| p.name().to_string()).unwrap_or(p)),
            })
            .collect(),
        candidatures,
        messages_elsewhere: elsewhere
            .into_iter()
            .map(|m| MessageElsewhere {
                at: m.created_at,
                candidature: reference(CohortId(m.cohort_id), CandidatureId(m.candidature_id)),
                body: m.body,
            })
            .collect(),
        jury: JuryData {
            invitations: invitations
                .into_iter()
                .map(|i| InvitationData { cohort: i.cohort, invited_at: i.invited_at, accepted_at: i.accepted_at })
                .collect(),
            seats: seats
                .into_iter()
                .map(|s| SeatData {
                    cohort: s.cohort,
                    joined_at: s.joined_at,
                    charter_accepted_at: s.charter_accepted_at,
                    conflicts_declared_at: s.conflicts_declared_at,
                    conflicts_note: s.conflicts_note,
                })
                .collect(),
            conflicts: conflicts
                .into_iter()
                .map(|f| ConflictData {
                    cohort: f.cohort,
                    project_name: f.project_name,
                    declared_at: f.declared_at,
                    by: Actor::of(f.declared_by, true, me),
                })
                .collect(),
            reviews: reviews
                .into_iter()
                .map(|r| ReviewData {
                    scores: {
                        let mut list: Vec<ScoreData> = scores
                            .remove(&r.id)
                            .unwrap_or_default()
                            .into_iter()
                            .filter_map(|s| {
                                Some(ScoreData {
                                    criterion: Criterion::from_code(&s.criterion)?,
                                    score: s.score.and_then(|v| u8::try_from(v).ok()),
                                    comment: s.comment,
                                })
                            })
                            .collect();
                        list.sort_by_key(|s| s.criterion);
                        list
                    },
                    cohort: r.cohort,
                    project_name: r.project_name,
                    state: ReviewState::from_code(&r.state).unwrap_or(ReviewState::Submitted),
                    opinion: r.opinion.as_deref().and_then(Opinion::from_code),
                    overall: r.overall,
                    assigned_at: r.assigned_at,
                    updated_at: r.updated_at,
                    submitted_at: r.submitted_at,
                })
                .collect(),
        },
        mails: mails
            .into_iter()
            .map(|m| MailData { created_at: m.created_at, sent_at: m.sent_at, subject: m.subject, kind: m.kind, state: m.state })
            .collect(),
    })
}
