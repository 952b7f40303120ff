//! The optional PDF of a candidature, stored in the database (one per candidature).

use crate::domain::ids::{CandidatureId, UserId};
use super::{now, on_pool, on_write_pool, Db};
use sqlx::FromRow;

#[derive(Debug, Clone, FromRow)]
pub struct AttachmentRow {
    pub file_name: String,
    pub size_bytes: i64,
    pub uploaded_at: i64,
}

#[tracing::instrument(skip(db))]
pub async fn info(db: &Db, candidature_id: i64) -> Result<Option<AttachmentRow>, sqlx::Error> {
    let sql = "SELECT file_name, size_bytes, uploaded_at FROM candidature_attachments WHERE candidature_id = $1";
    on_pool!(db, pool => sqlx::query_as::<_, AttachmentRow>(sql).bind(candidature_id).fetch_optional(pool).await)
}

/// The file name and bytes.
#[tracing::instrument(skip(db))]
pub async fn content(db: &Db, candidature_id: i64) -> Result<Option<(String, Vec<u8>)>, sqlx::Error> {
    let sql = "SELECT file_name, content FROM candidature_attachments WHERE candidature_id = $1";
    on_pool!(db, pool => sqlx::query_as::<_, (String, Vec<u8>)>(sql).bind(candidature_id).fetch_optional(pool).await)
}

/// Stores the file, replacing any previous one.
#[tracing::instrument(skip(db, bytes))]
pub async fn put(db: &Db, candidature_id: CandidatureId, file_name: &str, bytes: &[u8], by: UserId) -> Result<(), sqlx::Error> {
    let sql = "INSERT INTO candidature_attachments (candidature_id, file_name, size_bytes, content, uploaded_at, uploaded_by) \
               VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (candidature_id) DO UPDATE SET file_name = excluded.file_name, \
               size_bytes = excluded.size_bytes, content = excluded.content, uploaded_at = excluded.uploaded_at, \
               uploaded_by = excluded.uploaded_by";
    let size = i64::try_from(bytes.len()).unwrap_or(i64::MAX);
    on_write_pool!(db, pool => sqlx::query(sql).bind(candidature_id.0).bind(file_name).bind(size).bind(bytes).bind(now()).bind(by.0)
        .execute(pool).await.map(|_| ()))
}

#[tracing::instrument(skip(db))]
pub async fn remove(db: &Db, candidature_id: i64) -> Result<(), sqlx::Error> {
    let sql = "DELETE FROM candidature_attachments WHERE candidature_id = $1";
    on_write_pool!(db, pool => sqlx::query(sql).bind(candidature_id).execute(pool).await.map(|_| ()))
}
