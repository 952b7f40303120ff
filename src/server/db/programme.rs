//! The programme of selected projects: charter signatures, support requests, check-ins,
//! milestones and the launch, and what a cohort's dashboard reads.

use crate::domain::ids::{CandidatureId, UserId};
use super::{now, on_pool, on_write_pool, Db};
use crate::domain::charter::Commitment;
use crate::domain::programme::{SupportState, SupportUpdate};
use crate::domain::support::SupportKind;
use chrono::NaiveDate;
use sqlx::FromRow;

const EVENT: &str = "INSERT INTO candidature_events (candidature_id, at, actor_id, from_status, to_status, message) \
                     VALUES ($1, $2, $3, $4, $5, '')";

/// The holder signs the 4 commitments: the selected candidature enters its programme and
/// the supports it asked for in its candidature become requests, in one transaction.
/// Returns false when it was no longer « selected ».
#[tracing::instrument(skip(db, supports))]
pub async fn sign_charter(
    db: &Db,
    candidature_id: CandidatureId,
    user_id: UserId,
    signer_name: &str,
    supports: &[(SupportKind, String)],
) -> Result<bool, sqlx::Error> {
    let t = now();
    let enter = "UPDATE candidatures SET status = 'in_programme', version = version + 1, updated_at = $1 WHERE id = $2 AND status = 'selected'";
    let sign = "INSERT INTO programme_commitments (candidature_id, commitment, signed_by, signer_name, signed_at) VALUES ($1, $2, $3, $4, $5)";
    let request = "INSERT INTO support_requests (candidature_id, kind, need, requested_at, updated_at) VALUES ($1, $2, $3, $4, $4) \
                   ON CONFLICT (candidature_id, kind) DO NOTHING";
    on_write_pool!(db, pool => {
        let mut tx = pool.begin().await?;
        if sqlx::query(enter).bind(t).bind(candidature_id).execute(&mut *tx).await?.rows_affected() != 1 {
            return Ok(false);
        }
        sqlx::query(EVENT).bind(candidature_id).bind(t).bind(user_id).bind("selected").bind("in_programme").execute(&mut *tx).await?;
        for c in Commitment::ALL {
            sqlx::query(sign).bind(candidature_id).bind(c.code()).bind(user_id).bind(signer_name).bind(t).execute(&mut *tx).await?;
        }
        for (kind, need) in supports {
            sqlx::query(request).bind(candidature_id).bind(kind.code()).bind(need).bind(t).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(true)
    })
}

#[derive(Debug, Clone, FromRow)]
pub struct SignatureRow {
    pub commitment: String,
    pub signer_name: String,
    pub signed_at: i64,
}

#[tracing::instrument(skip(db))]
pub async fn signatures(db: &Db, candidature_id: i64) -> Result<Vec<SignatureRow>, sqlx::Error> {
    let sql = "SELECT commitment, signer_name, signed_at FROM programme_commitments WHERE candidature_id = $1";
    on_pool!(db, pool => sqlx::query_as::<_, SignatureRow>(sql).bind(candidature_id).fetch_all(pool).await)
}

#[derive(Debug, Clone, FromRow)]
pub struct SupportRow {
    pub id: i64,
    pub candidature_id: i64,
    pub kind: String,
    pub need: String,
    pub state: String,
    pub owner: String,
    pub due_on: Option<NaiveDate>,
    pub notes: String,
    pub decline_reason: String,
    pub requested_at: i64,
    pub updated_at: i64,
}

impl SupportRow {
    pub fn state(&self) -> SupportState {
        SupportState::from_code(&self.state).unwrap_or(SupportState::Requested)
    }

    pub fn kind(&self) -> Option<SupportKind> {
        SupportKind::from_code(&self.kind)
    }
}

const SUPPORT_COLUMNS: &str =
    "s.id, s.candidature_id, s.kind, s.need, s.state, s.owner, s.due_on, s.notes, s.decline_reason, s.requested_at, s.updated_at";

#[tracing::instrument(skip(db))]
pub async fn supports(db: &Db, candidature_id: i64) -> Result<Vec<SupportRow>, sqlx::Error> {
    let sql = format!("SELECT {SUPPORT_COLUMNS} FROM support_requests s WHERE s.candidature_id = $1 ORDER BY s.id");
    on_pool!(db, pool => sqlx::query_as::<_, SupportRow>(&sql).bind(candidature_id).fetch_all(pool).await)
}

#[tracing::instrument(skip(db))]
pub async fn support(db: &Db, id: i64) -> Result<Option<SupportRow>, sqlx::Error> {
    let sql = format!("SELECT {SUPPORT_COLUMNS} FROM support_requests s WHERE s.id = $1");
    on_pool!(db, pool => sqlx::query_as::<_, SupportRow>(&sql).bind(id).fetch_optional(pool).await)
}

/// Every support request of a cohort's projects.
#[tracing::instrument(skip(db))]
pub async fn cohort_supports(db: &Db, cohort_id: i64) -> Result<Vec<SupportRow>, sqlx::Error> {
    let sql = format!(
        "SELECT {SUPPORT_COLUMNS} FROM support_requests s JOIN candidatures c ON c.id = s.candidature_id \
         WHERE c.cohort_id = $1 ORDER BY s.id"
    );
    on_pool!(db, pool => sqlx::query_as::<_, SupportRow>(&sql).bind(cohort_id).fetch_all(pool).await)
}

/// A new request; false when that kind is already requested for the project.
#[tracing::instrument(skip(db, need))]
pub async fn request_support(db: &Db, candidature_id: i64, kind: SupportKind, need: &str) -> Result<bool, sqlx::Error> {
    let sql = "INSERT INTO support_requests (candidature_id, kind, need, requested_at, updated_at) VALUES ($1, $2, $3, $4, $4) \
               ON CONFLICT (candidature_id, kind) DO NOTHING";
    on_write_pool!(db, pool => sqlx::query(sql).bind(candidature_id).bind(kind.code()).bind(need).bind(now())
        .execute(pool).await.map(|r| r.rows_affected() == 1))
}

/// Staff's update, if the request is still in `expected` (else false: someone moved it).
#[tracing::instrument(skip(db, update))]
pub async fn update_support(db: &Db, id: i64, expected: SupportState, update: &SupportUpdate) -> Result<bool, sqlx::Error> {
    let sql = "UPDATE support_requests SET state = $1, owner = $2, due_on = $3, notes = $4, decline_reason = $5, updated_at = $6 \
               WHERE id = $7 AND state = $8";
    on_write_pool!(db, pool => sqlx::query(sql)
        .bind(update.state.code()).bind(&update.owner).bind(update.due_on).bind(&update.notes).bind(&update.decline_reason)
        .bind(now()).bind(id).bind(expected.code())
        .execute(pool).await.map(|r| r.rows_affected() == 1))
}

#[derive(Debug, Clone, FromRow)]
pub struct CheckInRow {
    pub id: i64,
    pub candidature_id: i64,
    pub author_name: String,
    pub progress: String,
    pub blockers: String,
    pub needs: String,
    pub created_at: i64,
}

#[tracing::instrument(skip(db, progress, blockers, needs))]
pub async fn add_check_in(db: &Db, candidature_id: CandidatureId, author_id: UserId, progress: &str, blockers: &str, needs: &str) -> Result<(), sqlx::Error> {
    let sql = "INSERT INTO check_ins (candidature_id, author_id, progress, blockers, needs, created_at) VALUES ($1, $2, $3, $4, $5, $6)";
    on_write_pool!(db, pool => sqlx::query(sql).bind(candidature_id.0).bind(author_id.0).bind(progress).bind(blockers).bind(needs).bind(now())
        .execute(pool).await.map(|_| ()))
}

/// A project's check-ins, the latest first.
#[tracing::instrument(skip(db))]
pub async fn check_ins(db: &Db, candidature_id: i64) -> Result<Vec<CheckInRow>, sqlx::Error> {
    let sql = "SELECT k.id, k.candidature_id, u.display_name AS author_name, k.progress, k.blockers, k.needs, k.created_at \
               FROM check_ins k JOIN users u ON u.id = k.author_id WHERE k.candidature_id = $1 ORDER BY k.created_at DESC, k.id DESC";
    on_pool!(db, pool => sqlx::query_as::<_, CheckInRow>(sql).bind(candidature_id).fetch_all(pool).await)
}

/// The time of each project's last check-in, for a cohort.
#[tracing::instrument(skip(db))]
pub async fn cohort_last_check_ins(db: &Db, cohort_id: i64) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    let sql = "SELECT k.candidature_id, MAX(k.created_at) FROM check_ins k JOIN candidatures c ON c.id = k.candidature_id \
               WHERE c.cohort_id = $1 GROUP BY k.candidature_id";
    on_pool!(db, pool => sqlx::query_as::<_, (i64, i64)>(sql).bind(cohort_id).fetch_all(pool).await)
}

#[derive(Debug, Clone, FromRow)]
pub struct MilestoneRow {
    pub id: i64,
    pub candidature_id: i64,
    pub title: String,
    pub due_on: NaiveDate,
    pub done_at: Option<i64>,
}

#[tracing::instrument(skip(db, title))]
pub async fn add_milestone(db: &Db, candidature_id: i64, title: &str, due_on: NaiveDate) -> Result<(), sqlx::Error> {
    let sql = "INSERT INTO milestones (candidature_id, title, due_on, created_at) VALUES ($1, $2, $3, $4)";
    on_write_pool!(db, pool => sqlx::query(sql).bind(candidature_id).bind(title).bind(due_on).bind(now()).execute(pool).await.map(|_| ()))
}

#[tracing::instrument(skip(db))]
pub async fn milestones(db: &Db, candidature_id: i64) -> Result<Vec<MilestoneRow>, sqlx::Error> {
    let sql = "SELECT id, candidature_id, title, due_on, done_at FROM milestones WHERE candidature_id = $1 ORDER BY due_on, id";
    on_pool!(db, pool => sqlx::query_as::<_, MilestoneRow>(sql).bind(candidature_id).fetch_all(pool).await)
}

#[tracing::instrument(skip(db))]
pub async fn milestone(db: &Db, id: i64) -> Result<Option<MilestoneRow>, sqlx::Error> {
    let sql = "SELECT id, candidature_id, title, due_on, done_at FROM milestones WHERE id = $1";
    on_pool!(db, pool => sqlx::query_as::<_, MilestoneRow>(sql).bind(id).fetch_optional(pool).await)
}

#[tracing::instrument(skip(db))]
pub async fn cohort_milestones(db: &Db, cohort_id: i64) -> Result<Vec<MilestoneRow>, sqlx::Error> {
    let sql = "SELECT m.id, m.candidature_id, m.title, m.due_on, m.done_at FROM milestones m \
               JOIN candidatures c ON c.id = m.candidature_id WHERE c.cohort_id = $1";
    on_pool!(db, pool => sqlx::query_as::<_, MilestoneRow>(sql).bind(cohort_id).fetch_all(pool).await)
}

/// Marks a milestone done (now) or not done.
#[tracing::instrument(skip(db))]
pub async fn set_milestone_done(db: &Db, id: i64, done: bool) -> Result<(), sqlx::Error> {
    let sql = "UPDATE milestones SET done_at = $1 WHERE id = $2";
    on_write_pool!(db, pool => sqlx::query(sql).bind(done.then(now)).bind(id).execute(pool).await.map(|_| ()))
}

/// How many commitments each project of a cohort signed.
#[tracing::instrument(skip(db))]
pub async fn cohort_signatures(db: &Db, cohort_id: i64) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    let sql = "SELECT p.candidature_id, COUNT(*) FROM programme_commitments p JOIN candidatures c ON c.id = p.candidature_id \
               WHERE c.cohort_id = $1 GROUP BY p.candidature_id";
    on_pool!(db, pool => sqlx::query_as::<_, (i64, i64)>(sql).bind(cohort_id).fetch_all(pool).await)
}

/// The public launch: the project in its programme becomes « launched » on `on`. False when
/// it was no longer in its programme.
#[tracing::instrument(skip(db))]
pub async fn launch(db: &Db, candidature_id: CandidatureId, on: NaiveDate, actor_id: UserId) -> Result<bool, sqlx::Error> {
    let t = now();
    let update = "UPDATE candidatures SET status = 'launched', launched_on = $1, version = version + 1, updated_at = $2 \
                  WHERE id = $3 AND status = 'in_programme'";
    on_write_pool!(db, pool => {
        let mut tx = pool.begin().await?;
        if sqlx::query(update).bind(on).bind(t).bind(candidature_id.0).execute(&mut *tx).await?.rows_affected() != 1 {
            return Ok(false);
        }
        sqlx::query(EVENT).bind(candidature_id.0).bind(t).bind(actor_id.0).bind("in_programme").bind("launched").execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(true)
    })
}

/// The launch date of a launched project.
#[tracing::instrument(skip(db))]
pub async fn launched_on(db: &Db, candidature_id: i64) -> Result<Option<NaiveDate>, sqlx::Error> {
    let sql = "SELECT launched_on FROM candidatures WHERE id = $1";
    on_pool!(db, pool => sqlx::query_scalar::<_, Option<NaiveDate>>(sql).bind(candidature_id).fetch_optional(pool).await.map(Option::flatten))
}

/// Demo data: dates the project's latest check-in at `at`.
#[tracing::instrument(skip(db))]
pub async fn backdate_last_check_in(db: &Db, candidature_id: i64, at: i64) -> Result<(), sqlx::Error> {
    let sql = "UPDATE check_ins SET created_at = $1 WHERE id = (SELECT MAX(id) FROM check_ins WHERE candidature_id = $2)";
    on_write_pool!(db, pool => sqlx::query(sql).bind(at).bind(candidature_id).execute(pool).await.map(|_| ()))
}

/// A project in its programme (cohort not closed), with what its check-in reminder needs.
#[derive(Debug, Clone, FromRow)]
pub struct ReminderCandidate {
    pub candidature_id: i64,
    pub project_name: String,
    pub programme_starts: NaiveDate,
    /// When the charter was signed (the programme opened for the project).
    pub signed_at: Option<i64>,
    pub last_check_in: Option<i64>,
}

#[tracing::instrument(skip(db))]
pub async fn reminder_candidates(db: &Db) -> Result<Vec<ReminderCandidate>, sqlx::Error> {
    let sql = "SELECT c.id AS candidature_id, c.project_name, h.programme_starts,                       (SELECT MIN(s.signed_at) FROM programme_commitments s WHERE s.candidature_id = c.id) AS signed_at,                       (SELECT MAX(k.created_at) FROM check_ins k WHERE k.candidature_id = c.id) AS last_check_in                FROM candidatures c JOIN cohorts h ON h.id = c.cohort_id                WHERE c.status = 'in_programme' AND h.closed_at IS NULL ORDER BY c.id";
    on_pool!(db, pool => sqlx::query_as::<_, ReminderCandidate>(sql).fetch_all(pool).await)
}

/// Records the reminder owed for `due_on` and writes its mails, in one transaction; false
/// when it was already recorded (another instance, an earlier run): nothing is written twice.
#[tracing::instrument(skip(db, mails))]
pub async fn remind(db: &Db, candidature_id: i64, due_on: NaiveDate, mails: &[crate::domain::mail::Mail]) -> Result<bool, sqlx::Error> {
    use super::outbox::enqueue_mail;
    let sql = "INSERT INTO check_in_reminders (candidature_id, due_on, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING";
    on_write_pool!(db, pool => {
        let mut tx = pool.begin().await?;
        let inserted = sqlx::query(sql).bind(candidature_id).bind(due_on).bind(now()).execute(&mut *tx).await?.rows_affected() == 1;
        if inserted {
            for mail in mails {
                enqueue_mail!(tx, mail);
            }
        }
        tx.commit().await?;
        Ok(inserted)
    })
}
