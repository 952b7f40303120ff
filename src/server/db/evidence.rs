//! Charter evidence and the checks of its addresses.

use super::{now, on_pool, on_write_pool, Db};
use crate::domain::evidence::{Evidence, EvidenceLink};
use sqlx::FromRow;

#[derive(Debug, Clone, FromRow)]
pub struct EvidenceRow {
    pub candidature_id: i64,
    pub source_url: String,
    pub source_checked_at: Option<i64>,
    pub source_ok: bool,
    pub source_error: String,
    pub data_url: String,
    pub data_checked_at: Option<i64>,
    pub data_ok: bool,
    pub data_error: String,
    pub funding: String,
    pub results: String,
    pub updated_at: i64,
}

const COLUMNS: &str = "candidature_id, source_url, source_checked_at, source_ok, source_error, data_url, data_checked_at, \
                       data_ok, data_error, funding, results, updated_at";

#[tracing::instrument(skip(db))]
pub async fn find(db: &Db, candidature_id: i64) -> Result<Option<EvidenceRow>, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} FROM evidence WHERE candidature_id = $1");
    on_pool!(db, pool => sqlx::query_as::<_, EvidenceRow>(&sql).bind(candidature_id).fetch_optional(pool).await)
}

/// Every project's evidence (for the public pages and the dashboard).
#[tracing::instrument(skip(db))]
pub async fn all(db: &Db) -> Result<Vec<EvidenceRow>, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} FROM evidence");
    on_pool!(db, pool => sqlx::query_as::<_, EvidenceRow>(&sql).fetch_all(pool).await)
}

/// Saves the evidence; an address that changed loses its check (it is checked again soon).
#[tracing::instrument(skip(db, e))]
pub async fn save(db: &Db, candidature_id: i64, e: &Evidence) -> Result<(), sqlx::Error> {
    let sql = "INSERT INTO evidence (candidature_id, source_url, data_url, funding, results, updated_at) VALUES ($1, $2, $3, $4, $5, $6) \
               ON CONFLICT (candidature_id) DO UPDATE SET \
               source_checked_at = CASE WHEN evidence.source_url = excluded.source_url THEN evidence.source_checked_at ELSE NULL END, \
               data_checked_at = CASE WHEN evidence.data_url = excluded.data_url THEN evidence.data_checked_at ELSE NULL END, \
               source_url = excluded.source_url, data_url = excluded.data_url, funding = excluded.funding, \
               results = excluded.results, updated_at = excluded.updated_at";
    on_write_pool!(db, pool => sqlx::query(sql).bind(candidature_id).bind(&e.source_url).bind(&e.data_url).bind(&e.funding)
        .bind(&e.results).bind(now()).execute(pool).await.map(|_| ()))
}

/// The addresses to check at `now`: never checked, or checked a day ago or more.
#[tracing::instrument(skip(db))]
pub async fn due(db: &Db, now: i64) -> Result<Vec<(i64, EvidenceLink, String)>, sqlx::Error> {
    let since = now - crate::domain::evidence::RECHECK_SECONDS;
    let sql = "SELECT candidature_id, 'source', source_url FROM evidence WHERE source_url <> '' AND (source_checked_at IS NULL OR source_checked_at <= $1) \
               UNION ALL \
               SELECT candidature_id, 'data', data_url FROM evidence WHERE data_url <> '' AND (data_checked_at IS NULL OR data_checked_at <= $1)";
    let rows: Vec<(i64, String, String)> = on_pool!(db, pool => sqlx::query_as(sql).bind(since).fetch_all(pool).await)?;
    Ok(rows
        .into_iter()
        .map(|(id, which, url)| (id, if which == "source" { EvidenceLink::SourceCode } else { EvidenceLink::OpenData }, url))
        .collect())
}

/// Records a check of `url`, if it is still the address given.
#[tracing::instrument(skip(db))]
pub async fn record_check(db: &Db, candidature_id: i64, link: EvidenceLink, url: &str, at: i64, ok: bool, error: &str) -> Result<(), sqlx::Error> {
    let sql = match link {
        EvidenceLink::SourceCode => {
            "UPDATE evidence SET source_checked_at = $1, source_ok = $2, source_error = $3 WHERE candidature_id = $4 AND source_url = $5"
        }
        EvidenceLink::OpenData => {
            "UPDATE evidence SET data_checked_at = $1, data_ok = $2, data_error = $3 WHERE candidature_id = $4 AND data_url = $5"
        }
    };
    let error: String = error.chars().take(300).collect();
    on_write_pool!(db, pool => sqlx::query(sql).bind(at).bind(ok).bind(&error).bind(candidature_id).bind(url).execute(pool).await.map(|_| ()))
}
