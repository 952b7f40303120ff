//! Candidatures, their charter acceptances and their append-only history.

use super::{now, on_pool, on_write_pool, Db};
use crate::domain::candidature::Status;
use crate::domain::charter::Commitment;
use crate::domain::ids::{CandidatureId, CohortId, UserId};
use sqlx::FromRow;

#[derive(Debug, Clone, FromRow)]
pub struct CandidatureRow {
    pub id: i64,
    pub cohort_id: i64,
    pub holder_id: i64,
    pub status: String,
    pub project_name: String,
    pub carrier_kind: String,
    pub content: String,
    pub current_step: i32,
    pub version: i64,
    pub started_at: i64,
    pub updated_at: i64,
    pub submitted_at: Option<i64>,
    pub active_seconds: i64,
}

impl CandidatureRow {
    /// The status column only ever holds codes written by `transition`; an unknown one reads
    /// as a draft, the state with the fewest rights attached.
    pub fn status(&self) -> Status {
        Status::from_code(&self.status).unwrap_or(Status::Draft)
    }
}

#[derive(Debug, Clone, FromRow)]
pub struct EventRow {
    pub at: i64,
    pub actor_id: Option<i64>,
    /// The actor's display name (empty for an event without an actor).
    pub actor_name: String,
    pub from_status: String,
    pub to_status: String,
    pub message: String,
}

const COLUMNS: &str = "id, cohort_id, holder_id, status, project_name, carrier_kind, content, current_step, version, \
                       started_at, updated_at, submitted_at, active_seconds";

/// Autosaves further apart than this are not counted as editing time.
pub const IDLE_GAP_SECONDS: i64 = 300;

#[tracing::instrument(skip(db))]
pub async fn create_draft(db: &Db, cohort_id: CohortId, holder_id: UserId) -> Result<i64, sqlx::Error> {
    let t = now();
    let sql = "INSERT INTO candidatures (cohort_id, holder_id, status, started_at, updated_at) \
               VALUES ($1, $2, 'draft', $3, $3) RETURNING id";
    on_write_pool!(db, pool => sqlx::query_scalar::<_, i64>(sql).bind(cohort_id).bind(holder_id).bind(t).fetch_one(pool).await)
}

#[tracing::instrument(skip(db))]
pub async fn find(db: &Db, id: i64) -> Result<Option<CandidatureRow>, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} FROM candidatures WHERE id = $1");
    on_pool!(db, pool => sqlx::query_as::<_, CandidatureRow>(&sql).bind(id).fetch_optional(pool).await)
}

#[tracing::instrument(skip(db))]
pub async fn list_for_holder(db: &Db, holder_id: i64) -> Result<Vec<CandidatureRow>, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} FROM candidatures WHERE holder_id = $1 ORDER BY started_at DESC, id DESC");
    on_pool!(db, pool => sqlx::query_as::<_, CandidatureRow>(&sql).bind(holder_id).fetch_all(pool).await)
}

/// A candidature as staff list it: the row and its holder.
#[derive(Debug, Clone, FromRow)]
pub struct ListedRow {
    #[sqlx(flatten)]
    pub row: CandidatureRow,
    pub holder_name: String,
    pub holder_email: String,
}

/// Candidatures of a cohort, optionally filtered by status and by a search on the project
/// name or the holder's name or email (case-insensitive, `%` and `_` taken literally).
/// Drafts are the applicant's own work in progress: never listed, whatever the status asked.
#[tracing::instrument(skip(db))]
pub async fn list_for_cohort(db: &Db, cohort_id: i64, status: Option<Status>, search: &str) -> Result<Vec<ListedRow>, sqlx::Error> {
    let sql = "SELECT c.id, c.cohort_id, c.holder_id, c.status, c.project_name, c.carrier_kind, c.content, c.current_step, \
               c.version, c.started_at, c.updated_at, c.submitted_at, c.active_seconds, \
               u.display_name AS holder_name, u.email AS holder_email \
               FROM candidatures c JOIN users u ON u.id = c.holder_id \
               WHERE c.cohort_id = $1 AND c.status <> 'draft' AND (c.status = $2 OR $2 = '') \
               AND ($3 = '' OR LOWER(c.project_name) LIKE $3 ESCAPE '\\' OR LOWER(u.display_name) LIKE $3 ESCAPE '\\' \
                    OR u.email LIKE $3 ESCAPE '\\') \
               ORDER BY c.project_name, c.id";
    let pattern = if search.trim().is_empty() { String::new() } else { format!("%{}%", escape_like(&search.trim().to_lowercase())) };
    let status = status.map(|s| s.code()).unwrap_or("");
    on_pool!(db, pool => sqlx::query_as::<_, ListedRow>(sql).bind(cohort_id).bind(status).bind(&pattern).fetch_all(pool).await)
}

/// The candidatures a cohort message reaches: drafts included (their holders are preparing
/// one), withdrawn ones left out. Only ids: staff never read the drafts themselves.
#[tracing::instrument(skip(db))]
pub async fn reached_by_cohort_message(db: &Db, cohort_id: i64) -> Result<Vec<CandidatureId>, sqlx::Error> {
    let sql = "SELECT id FROM candidatures WHERE cohort_id = $1 AND status <> 'withdrawn' ORDER BY id";
    on_pool!(db, pool => sqlx::query_scalar::<_, CandidatureId>(sql).bind(cohort_id).fetch_all(pool).await)
}

/// `%`, `_` and `\` typed by a person are searched for literally.
fn escape_like(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// How many candidatures of a cohort are in each status (drafts included).
#[tracing::instrument(skip(db))]
pub async fn count_by_status(db: &Db, cohort_id: i64) -> Result<Vec<(String, i64)>, sqlx::Error> {
    let sql = "SELECT status, COUNT(*) FROM candidatures WHERE cohort_id = $1 GROUP BY status";
    on_pool!(db, pool => sqlx::query_as::<_, (String, i64)>(sql).bind(cohort_id).fetch_all(pool).await)
}

/// For each candidature of a cohort with accepted commitments: (candidature id, how many).
#[tracing::instrument(skip(db))]
pub async fn commitment_counts(db: &Db, cohort_id: i64) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    let sql = "SELECT k.candidature_id, COUNT(*) FROM candidature_commitments k \
               JOIN candidatures c ON c.id = k.candidature_id WHERE c.cohort_id = $1 GROUP BY k.candidature_id";
    on_pool!(db, pool => sqlx::query_as::<_, (i64, i64)>(sql).bind(cohort_id).fetch_all(pool).await)
}

/// For each submitted candidature of a cohort: (started_at, submitted_at, active_seconds).
#[tracing::instrument(skip(db))]
pub async fn completion_times(db: &Db, cohort_id: i64) -> Result<Vec<(i64, i64, i64)>, sqlx::Error> {
    let sql = "SELECT started_at, submitted_at, active_seconds FROM candidatures \
               WHERE cohort_id = $1 AND submitted_at IS NOT NULL";
    on_pool!(db, pool => sqlx::query_as::<_, (i64, i64, i64)>(sql).bind(cohort_id).fetch_all(pool).await)
}

/// What a save of the content writes.
#[derive(Debug, Clone, Copy)]
pub struct Content<'a> {
    /// The form, as JSON.
    pub json: &'a str,
    pub project_name: &'a str,
    pub carrier_kind: &'a str,
    pub current_step: i32,
    /// The co-applicants' addresses (lower case), who get access to the candidature; `None`
    /// when they are unchanged.
    pub co_applicants: Option<&'a [String]>,
}

/// Saves the content if the record is still at `expected_version`; returns the new version,
/// or `None` when it changed in between (another tab, another person, a status change: every
/// write bumps the version, so the caller's check of the status it read still holds).
/// The co-applicants' access is rewritten in the same transaction.
#[tracing::instrument(skip(db, content))]
pub async fn save_content(db: &Db, id: i64, expected_version: i64, content: &Content<'_>) -> Result<Option<i64>, sqlx::Error> {
    let t = now();
    // Editing time grows by the gap since the last save when the person was active.
    let sql = "UPDATE candidatures SET content = $1, project_name = $2, carrier_kind = $3, current_step = $4, \
               version = version + 1, \
               active_seconds = active_seconds + CASE WHEN $5 - updated_at BETWEEN 0 AND $6 THEN $5 - updated_at ELSE 0 END, \
               updated_at = $5 \
               WHERE id = $7 AND version = $8 RETURNING version";
    let lock = db.engine() == "postgres";
    on_write_pool!(db, pool => {
        let update = sqlx::query_scalar::<_, i64>(sql)
            .bind(content.json).bind(content.project_name).bind(content.carrier_kind).bind(content.current_step)
            .bind(t).bind(IDLE_GAP_SECONDS).bind(id).bind(expected_version);
        // Most saves (typing) leave the co-applicants alone: one statement, no transaction.
        let Some(co_applicants) = content.co_applicants else {
            return update.fetch_optional(pool).await;
        };
        let mut tx = pool.begin().await?;
        if lock {
            sqlx::query(LOCK_COHORT_OF).bind(id).execute(&mut *tx).await?;
        }
        // Nobody who sits on the cohort's jury joins one of its teams: checked by the caller
        // with its message, and again here, after the lock, against a seat taken meanwhile
        // (then nothing is written and the caller, told the record changed, checks again).
        for email in co_applicants {
            let sits = sqlx::query_scalar::<_, i64>(SITS_ON_THE_JURY).bind(id).bind(email).fetch_one(&mut *tx).await? > 0;
            if sits {
                tx.rollback().await?;
                return Ok(None);
            }
        }
        let version = update.fetch_optional(&mut *tx).await?;
        if version.is_some() {
            sqlx::query("DELETE FROM candidature_members WHERE candidature_id = $1").bind(id).execute(&mut *tx).await?;
            for email in co_applicants {
                sqlx::query("INSERT INTO candidature_members (candidature_id, email) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                    .bind(id).bind(email).execute(&mut *tx).await?;
            }
        }
        tx.commit().await?;
        Ok(version)
    })
}

/// Whether the account is a co-applicant of the candidature: named by the holder, with an
/// address its owner has confirmed (an unconfirmed account with that address is not).
#[tracing::instrument(skip(db, user), fields(user_id = user.id))]
pub async fn is_co_applicant(db: &Db, id: i64, user: &super::account::UserRow) -> Result<bool, sqlx::Error> {
    let Some(email) = user.confirmed_email() else { return Ok(false) };
    let sql = "SELECT COUNT(*) FROM candidature_members WHERE candidature_id = $1 AND email = $2";
    on_pool!(db, pool => sqlx::query_scalar::<_, i64>(sql).bind(id).bind(email).fetch_one(pool).await.map(|n| n > 0))
}

/// Whether the account is on the candidature's team: a citizen who holds it, or a co-applicant
/// with its address confirmed. Every access by the team goes through here.
pub async fn on_team(db: &Db, user: &super::account::UserRow, row: &CandidatureRow) -> Result<bool, sqlx::Error> {
    if !user.role().is_citizen() {
        return Ok(false);
    }
    if row.holder_id == user.id {
        return Ok(true);
    }
    is_co_applicant(db, row.id, user).await
}

/// How many candidatures of cohort `$1` the account `$2` (address `$3`) applies to.
pub(super) const APPLIES_IN_COHORT: &str = "SELECT COUNT(*) FROM candidatures c WHERE c.cohort_id = $1 AND (c.holder_id = $2 \
     OR EXISTS (SELECT 1 FROM candidature_members m WHERE m.candidature_id = c.id AND m.email = $3))";

/// Locks cohort `$1`'s row until the transaction ends (PostgreSQL): the writes that must see
/// each other's result about one cohort (a seat on its jury, co-applicants named in it) queue.
pub(super) const LOCK_COHORT: &str = "SELECT id FROM cohorts WHERE id = $1 FOR UPDATE";

/// [`LOCK_COHORT`] for the cohort of candidature `$1`.
const LOCK_COHORT_OF: &str = "SELECT id FROM cohorts WHERE id = (SELECT cohort_id FROM candidatures WHERE id = $1) FOR UPDATE";

/// Whether address `$2` sits on the jury of candidature `$1`'s cohort.
const SITS_ON_THE_JURY: &str = "SELECT COUNT(*) FROM jurors j JOIN users u ON u.id = j.user_id \
     WHERE j.cohort_id = (SELECT cohort_id FROM candidatures WHERE id = $1) AND u.email = $2";

/// Whether the account applies in the cohort (conflicts of interest): holder of any of its
/// candidatures, a draft included, or named co-applicant by its address, confirmed or not.
#[tracing::instrument(skip(db, user), fields(user_id = user.id))]
pub async fn applies_in_cohort(db: &Db, cohort_id: i64, user: &super::account::UserRow) -> Result<bool, sqlx::Error> {
    on_pool!(db, pool => sqlx::query_scalar::<_, i64>(APPLIES_IN_COHORT).bind(cohort_id).bind(user.id).bind(&user.email).fetch_one(pool).await.map(|n| n > 0))
}

/// The candidatures the account holds or is a co-applicant of (confirmed address only),
/// most recent first.
#[tracing::instrument(skip(db, user), fields(user_id = user.id))]
pub async fn list_for_account(db: &Db, user: &super::account::UserRow) -> Result<Vec<CandidatureRow>, sqlx::Error> {
    let sql = format!(
        "SELECT {COLUMNS} FROM candidatures WHERE holder_id = $1 \
         OR id IN (SELECT candidature_id FROM candidature_members WHERE email = $2) ORDER BY started_at DESC, id DESC"
    );
    // No address matches the empty string: an unconfirmed account sees what it holds.
    let email = user.confirmed_email().unwrap_or("");
    on_pool!(db, pool => sqlx::query_as::<_, CandidatureRow>(&sql).bind(user.id).bind(email).fetch_all(pool).await)
}

/// How many candidatures name this address as co-applicant while its owner has not
/// confirmed it yet (they wait for the confirmation).
#[tracing::instrument(skip(db, user), fields(user_id = user.id))]
pub async fn waiting_for_confirmation(db: &Db, user: &super::account::UserRow) -> Result<i64, sqlx::Error> {
    if user.confirmed_email().is_some() {
        return Ok(0);
    }
    let sql = "SELECT COUNT(*) FROM candidature_members m JOIN candidatures c ON c.id = m.candidature_id \
               WHERE m.email = $1 AND c.holder_id <> $2";
    on_pool!(db, pool => sqlx::query_scalar::<_, i64>(sql).bind(&user.email).bind(user.id).fetch_one(pool).await)
}

/// Demo data only: gives a seeded candidature a start time and an editing time that a real
/// person would have taken (seeding itself takes no time).
#[tracing::instrument(skip(db))]
pub async fn set_demo_times(db: &Db, id: i64, started_at: i64, active_seconds: i64) -> Result<(), sqlx::Error> {
    let sql = "UPDATE candidatures SET started_at = $1, active_seconds = $2 WHERE id = $3";
    on_write_pool!(db, pool => sqlx::query(sql).bind(started_at).bind(active_seconds).bind(id).execute(pool).await.map(|_| ()))
}

/// Moves a candidature from `from` to `to` (the caller checked the rule) and records the
/// event, in one transaction; returns false when the status was no longer `from`.
#[tracing::instrument(skip(db, message))]
pub async fn transition(db: &Db, id: CandidatureId, from: Status, to: Status, actor_id: Option<UserId>, message: &str) -> Result<bool, sqlx::Error> {
    transition_notifying(db, id, from, to, actor_id, message, &[]).await
}

/// `transition`, with the mails that tell people about it written in the same transaction
/// (none if the status was no longer `from`).
#[tracing::instrument(skip(db, message, mails))]
pub async fn transition_notifying(
    db: &Db,
    id: CandidatureId,
    from: Status,
    to: Status,
    actor_id: Option<UserId>,
    message: &str,
    mails: &[crate::domain::mail::Mail],
) -> Result<bool, sqlx::Error> {
    let t = now();
    let submitted = if to == Status::Submitted { Some(t) } else { None };
    let update = "UPDATE candidatures SET status = $1, version = version + 1, updated_at = $2, \
                  submitted_at = COALESCE($3, submitted_at) WHERE id = $4 AND status = $5";
    let event = "INSERT INTO candidature_events (candidature_id, at, actor_id, from_status, to_status, message) \
                 VALUES ($1, $2, $3, $4, $5, $6)";
    on_write_pool!(db, pool => {
        let mut tx = pool.begin().await?;
        let changed = sqlx::query(update).bind(to.code()).bind(t).bind(submitted).bind(id).bind(from.code())
            .execute(&mut *tx).await?.rows_affected() == 1;
        if changed {
            sqlx::query(event).bind(id).bind(t).bind(actor_id).bind(from.code()).bind(to.code()).bind(message)
                .execute(&mut *tx).await?;
            for mail in mails {
                super::outbox::enqueue_mail!(tx, mail);
            }
        }
        tx.commit().await?;
        Ok(changed)
    })
}

#[tracing::instrument(skip(db))]
pub async fn events(db: &Db, id: i64) -> Result<Vec<EventRow>, sqlx::Error> {
    let sql = "SELECT e.at, e.actor_id, COALESCE(u.display_name, '') AS actor_name, e.from_status, e.to_status, e.message \
               FROM candidature_events e LEFT JOIN users u ON u.id = e.actor_id WHERE e.candidature_id = $1 ORDER BY e.id";
    on_pool!(db, pool => sqlx::query_as::<_, EventRow>(sql).bind(id).fetch_all(pool).await)
}

/// Records the acceptance of charter commitments (the first acceptance time is kept).
#[tracing::instrument(skip(db))]
pub async fn accept_commitments(db: &Db, id: i64, accepted: &[Commitment]) -> Result<(), sqlx::Error> {
    let t = now();
    let sql = "INSERT INTO candidature_commitments (candidature_id, commitment, accepted_at) VALUES ($1, $2, $3) \
               ON CONFLICT (candidature_id, commitment) DO NOTHING";
    on_write_pool!(db, pool => {
        let mut tx = pool.begin().await?;
        for c in accepted {
            sqlx::query(sql).bind(id).bind(c.code()).bind(t).execute(&mut *tx).await?;
        }
        tx.commit().await
    })
}

#[tracing::instrument(skip(db))]
pub async fn accepted_commitments(db: &Db, id: i64) -> Result<Vec<(Commitment, i64)>, sqlx::Error> {
    let sql = "SELECT commitment, accepted_at FROM candidature_commitments WHERE candidature_id = $1";
    let rows: Vec<(String, i64)> =
        on_pool!(db, pool => sqlx::query_as::<_, (String, i64)>(sql).bind(id).fetch_all(pool).await)?;
    Ok(rows.into_iter().filter_map(|(code, at)| Commitment::from_code(&code).map(|c| (c, at))).collect())
}

// ---- steps posted after the session expired ----

/// How long a step posted without a session waits for its author to log in again.
pub const PENDING_SECONDS: i64 = 86_400;

/// Keeps a step posted without a session (the form fields, as JSON) under a token's hash,
/// with the network address that posted it; steps past their day are purged first.
#[tracing::instrument(skip(db, token_hash, fields))]
pub async fn put_pending(db: &Db, token_hash: &str, candidature_id: i64, step: i32, fields: &str, client: &str) -> Result<(), sqlx::Error> {
    let t = now();
    let add = "INSERT INTO pending_saves (token_hash, candidature_id, step, fields, created_at, client) VALUES ($1, $2, $3, $4, $5, $6)";
    purge_pending(db).await?;
    on_write_pool!(db, pool => {
        sqlx::query(add).bind(token_hash).bind(candidature_id).bind(step).bind(fields).bind(t).bind(client).execute(pool).await.map(|_| ())
    })
}

/// Deletes the kept steps whose day has passed.
#[tracing::instrument(skip(db))]
pub async fn purge_pending(db: &Db) -> Result<(), sqlx::Error> {
    let purge = "DELETE FROM pending_saves WHERE created_at < $1";
    on_write_pool!(db, pool => sqlx::query(purge).bind(now() - PENDING_SECONDS).execute(pool).await.map(|_| ()))
}

/// How many steps this network address had kept since `since`.
#[tracing::instrument(skip(db))]
pub async fn pending_count_from(db: &Db, client: &str, since: i64) -> Result<i64, sqlx::Error> {
    let sql = "SELECT COUNT(*) FROM pending_saves WHERE client = $1 AND created_at >= $2";
    on_pool!(db, pool => sqlx::query_scalar::<_, i64>(sql).bind(client).bind(since).fetch_one(pool).await)
}

/// Takes (reads and deletes) a pending step: (candidature id, step, fields), if still fresh.
#[tracing::instrument(skip(db, token_hash))]
pub async fn take_pending(db: &Db, token_hash: &str) -> Result<Option<(i64, i32, String)>, sqlx::Error> {
    let find = "SELECT candidature_id, step, fields, created_at FROM pending_saves WHERE token_hash = $1";
    let delete = "DELETE FROM pending_saves WHERE token_hash = $1";
    on_write_pool!(db, pool => {
        let row: Option<(i64, i32, String, i64)> = sqlx::query_as(find).bind(token_hash).fetch_optional(pool).await?;
        sqlx::query(delete).bind(token_hash).execute(pool).await?;
        Ok(row.filter(|r| r.3 >= now() - PENDING_SECONDS).map(|(id, step, fields, _)| (id, step, fields)))
    })
}

/// Who hears about a candidature: its holder and its co-applicants, each with the language of
/// their account (a co-applicant without an account gets the holder's).
#[tracing::instrument(skip(db))]
pub async fn recipients(db: &Db, id: i64) -> Result<Vec<(String, String)>, sqlx::Error> {
    let sql = "SELECT u.email, u.lang FROM candidatures c JOIN users u ON u.id = c.holder_id WHERE c.id = $1 \
               UNION ALL \
               SELECT m.email, COALESCE(a.lang, h.lang) FROM candidature_members m \
               JOIN candidatures c ON c.id = m.candidature_id JOIN users h ON h.id = c.holder_id \
               LEFT JOIN users a ON a.email = m.email WHERE m.candidature_id = $1";
    on_pool!(db, pool => sqlx::query_as::<_, (String, String)>(sql).bind(id).fetch_all(pool).await)
}
