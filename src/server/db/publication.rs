//! Publication consent and what public pages read: the selected projects of every cohort,
//! the fields their teams agreed to publish, the supports they received.

use super::candidature::CandidatureRow;
use super::{on_pool, on_write_pool, Db};
use crate::domain::publication::PublicField;
use sqlx::FromRow;

#[tracing::instrument(skip(db))]
pub async fn consents(db: &Db, candidature_id: i64) -> Result<Vec<PublicField>, sqlx::Error> {
    let sql = "SELECT field FROM public_fields WHERE candidature_id = $1";
    let codes: Vec<String> = on_pool!(db, pool => sqlx::query_scalar(sql).bind(candidature_id).fetch_all(pool).await)?;
    Ok(codes.iter().filter_map(|c| PublicField::from_code(c)).collect())
}

/// Replaces the consents of a project, in one transaction.
#[tracing::instrument(skip(db))]
pub async fn set_consents(db: &Db, candidature_id: i64, fields: &[PublicField]) -> Result<(), sqlx::Error> {
    on_write_pool!(db, pool => {
        let mut tx = pool.begin().await?;
        sqlx::query("DELETE FROM public_fields WHERE candidature_id = $1").bind(candidature_id).execute(&mut *tx).await?;
        for f in fields {
            sqlx::query("INSERT INTO public_fields (candidature_id, field) VALUES ($1, $2)")
                .bind(candidature_id).bind(f.code()).execute(&mut *tx).await?;
        }
        tx.commit().await
    })
}

/// A public project: its record, its cohort's name, its launch date, and the codes of the
/// fields its team agreed to publish (comma-separated).
#[derive(Debug, Clone, FromRow)]
pub struct PublicRow {
    #[sqlx(flatten)]
    pub row: CandidatureRow,
    pub cohort_name: String,
    pub launched_on: Option<chrono::NaiveDate>,
    pub consents: Option<String>,
}

impl PublicRow {
    /// The codes of the consented fields.
    pub fn consent_codes(&self) -> impl Iterator<Item = &str> {
        self.consents.as_deref().unwrap_or("").split(',').filter(|c| !c.is_empty())
    }
}

/// Every selected, in-programme or launched project (or only the one with id `only`), by
/// cohort then name. The consents come
/// aggregated in one column: SQLite hands rows over one by one between threads, so one row
/// per project rather than one per consent makes this read several times faster.
#[tracing::instrument(skip(db))]
pub async fn public_projects(db: &Db, only: Option<i64>) -> Result<Vec<PublicRow>, sqlx::Error> {
    let aggregate = if db.engine() == "postgres" { "string_agg(p.field, ',')" } else { "group_concat(p.field, ',')" };
    let sql = format!(
        "SELECT c.id, c.cohort_id, c.holder_id, c.status, c.project_name, c.carrier_kind, c.content, c.current_step, \
         c.version, c.started_at, c.updated_at, c.submitted_at, c.active_seconds, k.name AS cohort_name, c.launched_on, \
         (SELECT {aggregate} FROM public_fields p WHERE p.candidature_id = c.id) AS consents \
         FROM candidatures c JOIN cohorts k ON k.id = c.cohort_id \
         WHERE c.status IN ('selected', 'in_programme', 'launched') {} ORDER BY k.call_opens DESC, c.project_name, c.id",
        if only.is_some() { "AND c.id = $1" } else { "" }
    );
    on_pool!(db, pool => {
        let query = sqlx::query_as::<_, PublicRow>(&sql);
        match only {
            Some(id) => query.bind(id).fetch_all(pool).await,
            None => query.fetch_all(pool).await,
        }
    })
}

/// Supports delivered to public projects: `(candidature_id, kind code, count)`.
#[tracing::instrument(skip(db))]
pub async fn delivered_supports(db: &Db) -> Result<Vec<(i64, String, i64)>, sqlx::Error> {
    let sql = "SELECT s.candidature_id, s.kind, COUNT(*) FROM support_requests s JOIN candidatures c ON c.id = s.candidature_id \
               WHERE s.state = 'delivered' AND c.status IN ('selected', 'in_programme', 'launched') GROUP BY s.candidature_id, s.kind";
    on_pool!(db, pool => sqlx::query_as::<_, (i64, String, i64)>(sql).fetch_all(pool).await)
}
