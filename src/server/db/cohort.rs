//! Cohorts and their calendar of phases.

use crate::domain::ids::{CohortId, UserId};
use super::{now, on_pool, on_write_pool, Db};
use crate::domain::cohort::Calendar;
use chrono::NaiveDate;
use sqlx::FromRow;

#[derive(Debug, Clone, FromRow)]
pub struct CohortRow {
    pub id: i64,
    pub name: String,
    pub call_opens: NaiveDate,
    pub call_closes: NaiveDate,
    pub jury_starts: NaiveDate,
    pub deliberation_starts: NaiveDate,
    pub programme_starts: NaiveDate,
    pub launch_on: NaiveDate,
    pub capacity: i32,
    pub jury_size: i32,
    pub reviews_per_candidature: i32,
    /// When staff closed the cohort (unix seconds), if they did.
    pub closed_at: Option<i64>,
}

impl CohortRow {
    pub fn calendar(&self) -> Calendar {
        Calendar {
            call_opens: self.call_opens,
            call_closes: self.call_closes,
            jury_starts: self.jury_starts,
            deliberation_starts: self.deliberation_starts,
            programme_starts: self.programme_starts,
            launch_on: self.launch_on,
        }
    }

    pub fn is_closed(&self) -> bool {
        self.closed_at.is_some()
    }
}

const COLUMNS: &str = "id, name, call_opens, call_closes, jury_starts, deliberation_starts, programme_starts, \
                       launch_on, capacity, jury_size, reviews_per_candidature, closed_at";

#[tracing::instrument(skip(db))]
pub async fn list(db: &Db) -> Result<Vec<CohortRow>, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} FROM cohorts ORDER BY call_opens DESC");
    on_pool!(db, pool => sqlx::query_as::<_, CohortRow>(&sql).fetch_all(pool).await)
}

#[tracing::instrument(skip(db))]
pub async fn find(db: &Db, id: i64) -> Result<Option<CohortRow>, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} FROM cohorts WHERE id = $1");
    on_pool!(db, pool => sqlx::query_as::<_, CohortRow>(&sql).bind(id).fetch_optional(pool).await)
}

/// The cohort whose call for applications is open on `today`, if any.
#[tracing::instrument(skip(db))]
pub async fn open_call(db: &Db, today: NaiveDate) -> Result<Option<CohortRow>, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} FROM cohorts WHERE call_opens <= $1 AND call_closes > $1 ORDER BY call_opens LIMIT 1");
    on_pool!(db, pool => sqlx::query_as::<_, CohortRow>(&sql).bind(today).fetch_optional(pool).await)
}

/// The cohort the public should hear about on `today`: the one whose call is open, else the
/// next to open, else the most recent one.
#[tracing::instrument(skip(db))]
pub async fn featured(db: &Db, today: NaiveDate) -> Result<Option<CohortRow>, sqlx::Error> {
    if let Some(open) = open_call(db, today).await? {
        return Ok(Some(open));
    }
    let next = format!("SELECT {COLUMNS} FROM cohorts WHERE call_opens > $1 ORDER BY call_opens LIMIT 1");
    let last = format!("SELECT {COLUMNS} FROM cohorts ORDER BY call_opens DESC LIMIT 1");
    on_pool!(db, pool => {
        if let Some(row) = sqlx::query_as::<_, CohortRow>(&next).bind(today).fetch_optional(pool).await? {
            return Ok(Some(row));
        }
        sqlx::query_as::<_, CohortRow>(&last).fetch_optional(pool).await
    })
}

#[tracing::instrument(skip(db))]
pub async fn insert(db: &Db, name: &str, cal: &Calendar, capacity: i32, jury_size: i32, reviews: i32) -> Result<i64, sqlx::Error> {
    let sql = "INSERT INTO cohorts (name, call_opens, call_closes, jury_starts, deliberation_starts, programme_starts, \
               launch_on, capacity, jury_size, reviews_per_candidature, created_at) \
               VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id";
    on_write_pool!(db, pool => sqlx::query_scalar::<_, i64>(sql)
        .bind(name).bind(cal.call_opens).bind(cal.call_closes).bind(cal.jury_starts)
        .bind(cal.deliberation_starts).bind(cal.programme_starts).bind(cal.launch_on)
        .bind(capacity).bind(jury_size).bind(reviews).bind(now())
        .fetch_one(pool).await)
}

/// Opens a cohort; `Ok(None)` when another cohort has this name.
#[tracing::instrument(skip(db))]
pub async fn open(db: &Db, new: &crate::domain::cohort::NewCohort) -> Result<Option<i64>, sqlx::Error> {
    match insert(db, &new.name, &new.calendar, new.capacity, new.jury_size, new.reviews_per_candidature).await {
        Ok(id) => Ok(Some(id)),
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => Ok(None),
        Err(e) => Err(e),
    }
}

/// Closes a cohort that is still open; false when it was already closed (or is unknown).
#[tracing::instrument(skip(db))]
pub async fn close(db: &Db, id: CohortId, by: UserId) -> Result<bool, sqlx::Error> {
    let sql = "UPDATE cohorts SET closed_at = $1, closed_by = $2 WHERE id = $3 AND closed_at IS NULL";
    let done = on_write_pool!(db, pool => sqlx::query(sql).bind(now()).bind(by.0).bind(id.0).execute(pool).await.map(|r| r.rows_affected()))?;
    Ok(done == 1)
}
