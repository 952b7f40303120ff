//! The hash-chained audit log of scores and decisions.
//!
//! Each entry's hash covers the previous entry's hash, its own facts (when, who, what, which
//! action) and a digest of its content (the values before and after). The content can be
//! erased when the record it concerns reaches the end of its retention or its author deletes
//! their account: the digest stays, so the chain still verifies, and an entry whose content is
//! still there must match its digest.

use super::{on_pool, on_write_pool, Db};
use sha2::{Digest, Sha256};
use sqlx::FromRow;

/// Appends an entry chained to the last one, inside the caller's transaction `$tx` on `$db`.
/// On PostgreSQL an advisory lock held until the transaction ends makes appends from several
/// app instances wait for each other; SQLite has one writer anyway. (A macro: the body is
/// compiled for each engine's transaction type.)
macro_rules! append_audit {
    ($db:expr, $tx:expr, $at:expr, $actor:expr, $entity:expr, $entity_id:expr, $action:expr, $before:expr, $after:expr) => {{
        let (at, actor, entity, entity_id, action, before, after): (i64, Option<i64>, &str, i64, &str, &str, &str) =
            ($at, $actor, $entity, $entity_id, $action, $before, $after);
        if $db.engine() == "postgres" {
            sqlx::query("SELECT pg_advisory_xact_lock(4243)").execute(&mut *$tx).await?;
        }
        let last: Option<String> =
            sqlx::query_scalar("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1").fetch_optional(&mut *$tx).await?;
        let prev = last.unwrap_or_default();
        let digest = $crate::server::db::audit::content_digest(before, after);
        let hash = $crate::server::db::audit::entry_hash(&prev, at, actor, entity, entity_id, action, &digest);
        sqlx::query(
            "INSERT INTO audit_log (at, actor_id, entity, entity_id, action, before_value, after_value, digest, prev_hash, hash) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(at).bind(actor).bind(entity).bind(entity_id).bind(action).bind(before).bind(after).bind(&digest).bind(&prev).bind(&hash)
        .execute(&mut *$tx)
        .await?;
    }};
}
pub(crate) use append_audit;

/// Erases the content of the entries about these records, inside the caller's transaction:
/// the digests and the chain stay.
macro_rules! erase_audit {
    ($tx:expr, $entity:expr, $ids:expr) => {{
        let at = $crate::server::db::now();
        for id in $ids {
            sqlx::query(
                "UPDATE audit_log SET before_value = '', after_value = '', erased_at = $1 \
                 WHERE entity = $2 AND entity_id = $3 AND erased_at IS NULL",
            )
            .bind(at).bind($entity).bind(id)
            .execute(&mut *$tx)
            .await?;
        }
    }};
}
pub(crate) use erase_audit;

#[derive(Debug, Clone, FromRow)]
pub struct AuditRow {
    pub id: i64,
    pub at: i64,
    pub actor_id: Option<i64>,
    pub entity: String,
    pub entity_id: i64,
    pub action: String,
    pub before_value: String,
    pub after_value: String,
    /// `None` only before [`upgrade`] ran on an entry written before digests existed.
    pub digest: Option<String>,
    pub erased_at: Option<i64>,
    pub prev_hash: String,
    pub hash: String,
}

fn sha256_of(parts: &[&str]) -> String {
    let mut h = Sha256::new();
    for part in parts {
        h.update((part.len() as u64).to_be_bytes());
        h.update(part.as_bytes());
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// The digest of an entry's content. Each part is length-prefixed, so that no two different
/// contents give the same input.
pub fn content_digest(before: &str, after: &str) -> String {
    sha256_of(&[before, after])
}

/// The hash of an entry: over the previous hash, the entry's facts and its content's digest.
pub fn entry_hash(prev_hash: &str, at: i64, actor_id: Option<i64>, entity: &str, entity_id: i64, action: &str, digest: &str) -> String {
    sha256_of(&[prev_hash, &at.to_string(), &actor_id.map(|a| a.to_string()).unwrap_or_default(), entity, &entity_id.to_string(), action, digest])
}

/// The hash entries had before digests (content hashed directly): only [`upgrade`] uses it,
/// to verify the old chain before converting it.
#[allow(clippy::too_many_arguments)]
fn legacy_hash(prev_hash: &str, at: i64, actor_id: Option<i64>, entity: &str, entity_id: i64, action: &str, before: &str, after: &str) -> String {
    sha256_of(&[prev_hash, &at.to_string(), &actor_id.map(|a| a.to_string()).unwrap_or_default(), entity, &entity_id.to_string(), action, before, after])
}

const SELECT: &str =
    "SELECT id, at, actor_id, entity, entity_id, action, before_value, after_value, digest, erased_at, prev_hash, hash FROM audit_log ORDER BY id";

/// Reads the whole log, oldest first.
#[tracing::instrument(skip(db))]
pub async fn audit_log(db: &Db) -> Result<Vec<AuditRow>, sqlx::Error> {
    on_pool!(db, pool => sqlx::query_as::<_, AuditRow>(SELECT).fetch_all(pool).await)
}

/// Checks the chain: each entry must point at the previous one, its hash must match its facts
/// and digest, and its content, unless erased, must match its digest. Returns the id of the
/// first broken entry, if any.
pub fn first_broken(entries: &[AuditRow]) -> Option<i64> {
    let mut prev = String::new();
    for e in entries {
        let Some(digest) = e.digest.as_deref() else { return Some(e.id) };
        let content_ok = e.erased_at.is_some() || content_digest(&e.before_value, &e.after_value) == digest;
        let expected = entry_hash(&prev, e.at, e.actor_id, &e.entity, e.entity_id, &e.action, digest);
        if !content_ok || e.prev_hash != prev || e.hash != expected {
            return Some(e.id);
        }
        prev = e.hash.clone();
    }
    None
}

/// Gives the entries written before digests existed their digest and the new chain, once:
/// the old chain is verified first, and left as it is (`audit-check` then reports it) if it
/// is broken. Runs at start-up; several instances starting together wait for each other.
pub async fn upgrade(db: &Db) -> Result<(), sqlx::Error> {
    let pending: i64 = on_pool!(db, pool => sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE digest IS NULL").fetch_one(pool).await)?;
    if pending == 0 {
        return Ok(());
    }
    on_write_pool!(db, pool => {
        let mut tx = pool.begin().await?;
        if db.engine() == "postgres" {
            sqlx::query("SELECT pg_advisory_xact_lock(4243)").execute(&mut *tx).await?;
        }
        let rows: Vec<AuditRow> = sqlx::query_as(SELECT).fetch_all(&mut *tx).await?;
        let mut old_prev = String::new();
        for e in rows.iter().filter(|e| e.digest.is_none()) {
            let expected = legacy_hash(&old_prev, e.at, e.actor_id, &e.entity, e.entity_id, &e.action, &e.before_value, &e.after_value);
            if e.prev_hash != old_prev || e.hash != expected {
                tracing::error!(entry = e.id, "audit log: the chain written before digests is broken; left unconverted");
                return Ok(());
            }
            old_prev = e.hash.clone();
        }
        let mut prev = String::new();
        for e in &rows {
            let digest = e.digest.clone().unwrap_or_else(|| content_digest(&e.before_value, &e.after_value));
            let hash = entry_hash(&prev, e.at, e.actor_id, &e.entity, e.entity_id, &e.action, &digest);
            sqlx::query("UPDATE audit_log SET digest = $1, prev_hash = $2, hash = $3 WHERE id = $4")
                .bind(&digest).bind(&prev).bind(&hash).bind(e.id)
                .execute(&mut *tx).await?;
            prev = hash;
        }
        tx.commit().await?;
        tracing::info!(entries = rows.len(), converted = pending, "audit log: entries given their digest, chain verified and rewritten");
        Ok(())
    })
}

/// How many entries have had their content erased.
pub async fn erased_count(db: &Db) -> Result<i64, sqlx::Error> {
    on_pool!(db, pool => sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE erased_at IS NOT NULL").fetch_one(pool).await)
}
