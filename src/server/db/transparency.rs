//! What the transparency figures are computed from, for every cohort at once.

use super::{on_pool, Db};

/// Every candidature but drafts: `(cohort_id, id, status, carrier_kind)`.
#[tracing::instrument(skip(db))]
pub async fn entries(db: &Db) -> Result<Vec<(i64, i64, String, String)>, sqlx::Error> {
    let sql = "SELECT cohort_id, id, status, carrier_kind FROM candidatures WHERE status <> 'draft'";
    on_pool!(db, pool => sqlx::query_as(sql).fetch_all(pool).await)
}

/// Every score of a submitted review: `(cohort_id, candidature_id, criterion, score)`.
#[tracing::instrument(skip(db))]
pub async fn scores(db: &Db) -> Result<Vec<(i64, i64, String, i32)>, sqlx::Error> {
    let sql = "SELECT c.cohort_id, r.candidature_id, s.criterion, s.score FROM review_scores s \
               JOIN reviews r ON r.id = s.review_id JOIN candidatures c ON c.id = r.candidature_id \
               WHERE r.state = 'submitted' AND s.score IS NOT NULL";
    on_pool!(db, pool => sqlx::query_as(sql).fetch_all(pool).await)
}

/// Supports delivered: `(cohort_id, kind, count)`.
#[tracing::instrument(skip(db))]
pub async fn supports_delivered(db: &Db) -> Result<Vec<(i64, String, i64)>, sqlx::Error> {
    let sql = "SELECT c.cohort_id, s.kind, COUNT(*) FROM support_requests s JOIN candidatures c ON c.id = s.candidature_id \
               WHERE s.state = 'delivered' GROUP BY c.cohort_id, s.kind";
    on_pool!(db, pool => sqlx::query_as(sql).fetch_all(pool).await)
}
