//! Retention: each cohort's durations, the facts that date a candidature's end, the notices
//! sent before a purge, the purges themselves and what each run did.
//!
//! Every write here is safe when several app instances run it at once: a notice is recorded
//! with `ON CONFLICT DO NOTHING` in the transaction that writes its mails (one instance wins),
//! and a purge deletes a row only if it is still in the state that made it due.

use super::audit::erase_audit;
use super::outbox::enqueue_mail;
use super::{now, on_pool, on_write_pool, Db};
use crate::domain::candidature::Status;
use crate::domain::mail::Mail;
use crate::domain::retention::{kept_until, purge_on, KeptUntil, Policy, Purge};
use chrono::NaiveDate;
use sqlx::FromRow;

/// What dates a candidature's end of retention.
#[derive(Debug, Clone, FromRow)]
pub struct KeepFacts {
    pub id: i64,
    pub cohort_id: i64,
    pub holder_id: i64,
    pub project_name: String,
    pub status: String,
    pub call_closes: NaiveDate,
    /// The last change of status (unix seconds), or the last save when there was none.
    pub ended_at: i64,
    pub keep_drafts_months: i32,
    pub keep_not_selected_months: i32,
}

impl KeepFacts {
    pub fn status(&self) -> Status {
        Status::from_code(&self.status).unwrap_or(Status::Draft)
    }

    pub fn policy(&self) -> Policy {
        Policy { drafts_months: self.keep_drafts_months, not_selected_months: self.keep_not_selected_months }
    }

    fn ended_on(&self) -> NaiveDate {
        chrono::DateTime::from_timestamp(self.ended_at, 0).map(|d| d.date_naive()).unwrap_or(self.call_closes)
    }

    pub fn purge(&self) -> Option<(Purge, NaiveDate)> {
        purge_on(self.status(), self.call_closes, self.ended_on(), self.policy())
    }

    pub fn kept_until(&self) -> KeptUntil {
        kept_until(self.status(), self.call_closes, self.ended_on(), self.policy())
    }
}

const FACTS: &str = "SELECT c.id, c.cohort_id, c.holder_id, c.project_name, c.status, h.call_closes, \
     COALESCE((SELECT MAX(e.at) FROM candidature_events e WHERE e.candidature_id = c.id), c.updated_at) AS ended_at, \
     h.keep_drafts_months, h.keep_not_selected_months \
     FROM candidatures c JOIN cohorts h ON h.id = c.cohort_id";

pub async fn facts_of(db: &Db, candidature_id: i64) -> Result<Option<KeepFacts>, sqlx::Error> {
    let sql = format!("{FACTS} WHERE c.id = $1");
    on_pool!(db, pool => sqlx::query_as::<_, KeepFacts>(&sql).bind(candidature_id).fetch_optional(pool).await)
}

/// The candidatures this task may purge one day: drafts, and those that ended without
/// selection. Nothing in review or in the programme is read.
pub async fn candidates(db: &Db) -> Result<Vec<KeepFacts>, sqlx::Error> {
    let sql = format!("{FACTS} WHERE c.status IN ('draft', 'not_selected', 'ineligible', 'withdrawn') ORDER BY c.id");
    on_pool!(db, pool => sqlx::query_as::<_, KeepFacts>(&sql).fetch_all(pool).await)
}

/// The candidatures an account holds or co-applies to (by its address), with their facts.
pub async fn facts_for_person(db: &Db, user_id: i64, email: &str) -> Result<Vec<(KeepFacts, bool)>, sqlx::Error> {
    let sql = format!(
        "{FACTS} WHERE c.holder_id = $1 OR EXISTS (SELECT 1 FROM candidature_members m WHERE m.candidature_id = c.id AND m.email = $2) ORDER BY c.id"
    );
    let rows = on_pool!(db, pool => sqlx::query_as::<_, KeepFacts>(&sql).bind(user_id).bind(email).fetch_all(pool).await)?;
    Ok(rows.into_iter().map(|f| {
        let holds = f.holder_id == user_id;
        (f, holds)
    }).collect())
}

/// The notice already sent for a candidature: the day it announced.
pub async fn notice(db: &Db, candidature_id: i64, kind: Purge) -> Result<Option<NaiveDate>, sqlx::Error> {
    let sql = "SELECT purge_on FROM retention_notices WHERE candidature_id = $1 AND kind = $2";
    on_pool!(db, pool => sqlx::query_scalar(sql).bind(candidature_id).bind(kind.code()).fetch_optional(pool).await)
}

/// Records the notice announcing a purge on `purge_on` and writes its mails, in one
/// transaction; false when it was already recorded (another instance, an earlier run) or the
/// candidature is gone (another instance purged it meanwhile: its notice went with it).
pub async fn record_notice(db: &Db, candidature_id: i64, kind: Purge, purge_on: NaiveDate, mails: &[Mail]) -> Result<bool, sqlx::Error> {
    let sql = "INSERT INTO retention_notices (candidature_id, kind, purge_on, sent_at) \
               SELECT $1, $2, $3, $4 WHERE EXISTS (SELECT 1 FROM candidatures WHERE id = $1) ON CONFLICT DO NOTHING";
    on_write_pool!(db, pool => {
        let mut tx = pool.begin().await?;
        let inserted = match sqlx::query(sql).bind(candidature_id).bind(kind.code()).bind(purge_on).bind(now()).execute(&mut *tx).await {
            Ok(done) => done.rows_affected() == 1,
            // Deleted between the check and the insert, by another instance.
            Err(sqlx::Error::Database(e)) if e.is_foreign_key_violation() => false,
            Err(e) => return Err(e),
        };
        if inserted {
            for mail in mails {
                enqueue_mail!(tx, mail);
            }
            tx.commit().await?;
        }
        Ok(inserted)
    })
}

/// Deletes a candidature whose time has come, if it is still in the status that made it due:
/// with it go its history, team, attachment, reviews and decision (the foreign keys cascade);
/// the audit entries about its reviews and decision lose their content, not their digest.
/// False when another instance did it first or the candidature changed.
pub async fn purge(db: &Db, candidature_id: i64, status: Status) -> Result<bool, sqlx::Error> {
    on_write_pool!(db, pool => {
        let mut tx = pool.begin().await?;
        let reviews: Vec<i64> = sqlx::query_scalar("SELECT id FROM reviews WHERE candidature_id = $1").bind(candidature_id).fetch_all(&mut *tx).await?;
        let deleted = sqlx::query("DELETE FROM candidatures WHERE id = $1 AND status = $2")
            .bind(candidature_id).bind(status.code())
            .execute(&mut *tx).await?.rows_affected() == 1;
        if deleted {
            erase_audit!(tx, "review", reviews);
            erase_audit!(tx, "decision", [candidature_id]);
        }
        tx.commit().await?;
        Ok(deleted)
    })
}

/// Erases the bodies of mails sent before `before` (their subject, recipient and date stay).
pub async fn erase_old_mail_bodies(db: &Db, before: i64) -> Result<u64, sqlx::Error> {
    let sql = "UPDATE outbox SET text_body = '', html_body = '', bodies_erased_at = $1 \
               WHERE state = 'sent' AND sent_at < $2 AND bodies_erased_at IS NULL";
    on_write_pool!(db, pool => Ok(sqlx::query(sql).bind(now()).bind(before).execute(pool).await?.rows_affected()))
}

/// Deletes the single-use links and sign-in records past their expiry.
pub async fn delete_expired_links(db: &Db, at: i64) -> Result<u64, sqlx::Error> {
    on_write_pool!(db, pool => {
        let mut n = 0;
        for sql in [
            "DELETE FROM email_tokens WHERE expires_at <= $1",
            "DELETE FROM sign_in_requests WHERE expires_at <= $1",
            "DELETE FROM pending_links WHERE expires_at <= $1",
            "DELETE FROM sessions WHERE expires_at <= $1",
        ] {
            n += sqlx::query(sql).bind(at).execute(pool).await?.rows_affected();
        }
        Ok(n)
    })
}

/// Notes what a run did.
pub async fn record_run(db: &Db, instance: &str, kind: &str, count: i64) -> Result<(), sqlx::Error> {
    let sql = "INSERT INTO retention_runs (at, instance, kind, count) VALUES ($1, $2, $3, $4)";
    on_write_pool!(db, pool => sqlx::query(sql).bind(now()).bind(instance).bind(kind).bind(count).execute(pool).await.map(|_| ()))
}

/// A cohort's durations.
pub async fn policy(db: &Db, cohort_id: i64) -> Result<Option<Policy>, sqlx::Error> {
    let sql = "SELECT keep_drafts_months, keep_not_selected_months FROM cohorts WHERE id = $1";
    let row: Option<(i32, i32)> = on_pool!(db, pool => sqlx::query_as(sql).bind(cohort_id).fetch_optional(pool).await)?;
    Ok(row.map(|(drafts_months, not_selected_months)| Policy { drafts_months, not_selected_months }))
}

pub async fn set_policy(db: &Db, cohort_id: i64, p: Policy) -> Result<bool, sqlx::Error> {
    let sql = "UPDATE cohorts SET keep_drafts_months = $1, keep_not_selected_months = $2 WHERE id = $3";
    on_write_pool!(db, pool => Ok(sqlx::query(sql).bind(p.drafts_months).bind(p.not_selected_months).bind(cohort_id).execute(pool).await?.rows_affected() == 1))
}

// ---- the cohort's archive (staff export before the purge) ----

#[derive(Debug, Clone, FromRow, serde::Serialize)]
pub struct ArchivedCandidature {
    pub id: i64,
    pub project_name: String,
    pub status: String,
    pub holder: String,
    pub started_at: i64,
    pub submitted_at: Option<i64>,
    pub content: String,
}

#[derive(Debug, Clone, FromRow, serde::Serialize)]
pub struct ArchivedReview {
    pub id: i64,
    pub candidature_id: i64,
    pub reviewer: String,
    pub track: String,
    pub state: String,
    pub opinion: Option<String>,
    pub overall: String,
    pub submitted_at: Option<i64>,
}

#[derive(Debug, Clone, FromRow, serde::Serialize)]
pub struct ArchivedScore {
    pub review_id: i64,
    pub criterion: String,
    pub score: Option<i32>,
    pub comment: String,
}

#[derive(Debug, Clone, FromRow, serde::Serialize)]
pub struct ArchivedDecision {
    pub candidature_id: i64,
    pub outcome: String,
    pub reasons: String,
    pub decided_at: i64,
}

/// Everything the archive of a cohort holds, read in four queries. Drafts are not part of it
/// (staff never see them; reviews and decisions only exist for submitted candidatures).
pub async fn archive(db: &Db, cohort_id: i64) -> Result<(Vec<ArchivedCandidature>, Vec<ArchivedReview>, Vec<ArchivedScore>, Vec<ArchivedDecision>), sqlx::Error> {
    let candidatures = "SELECT c.id, c.project_name, c.status, u.display_name AS holder, c.started_at, c.submitted_at, c.content \
                        FROM candidatures c JOIN users u ON u.id = c.holder_id WHERE c.cohort_id = $1 AND c.status <> 'draft' ORDER BY c.id";
    let reviews = "SELECT r.id, r.candidature_id, u.display_name AS reviewer, r.track, r.state, r.opinion, r.overall, r.submitted_at \
                   FROM reviews r JOIN users u ON u.id = r.reviewer_id JOIN candidatures c ON c.id = r.candidature_id \
                   WHERE c.cohort_id = $1 ORDER BY r.id";
    let scores = "SELECT s.review_id, s.criterion, s.score, s.comment FROM review_scores s JOIN reviews r ON r.id = s.review_id \
                  JOIN candidatures c ON c.id = r.candidature_id WHERE c.cohort_id = $1 ORDER BY s.review_id, s.criterion";
    let decisions = "SELECT d.candidature_id, d.outcome, d.reasons, d.decided_at FROM decisions d \
                     JOIN candidatures c ON c.id = d.candidature_id WHERE c.cohort_id = $1 ORDER BY d.candidature_id";
    on_pool!(db, pool => {
        Ok((
            sqlx::query_as(candidatures).bind(cohort_id).fetch_all(pool).await?,
            sqlx::query_as(reviews).bind(cohort_id).fetch_all(pool).await?,
            sqlx::query_as(scores).bind(cohort_id).fetch_all(pool).await?,
            sqlx::query_as(decisions).bind(cohort_id).fetch_all(pool).await?,
        ))
    })
}

/// The cohort's candidatures that the task will purge, with the day and whether their people
/// were told.
pub async fn coming_purges(db: &Db, cohort_id: i64) -> Result<Vec<(KeepFacts, Option<NaiveDate>)>, sqlx::Error> {
    let mut out = Vec::new();
    let sql = format!("{FACTS} WHERE c.cohort_id = $1 AND c.status IN ('draft', 'not_selected', 'ineligible', 'withdrawn') ORDER BY c.id");
    let rows = on_pool!(db, pool => sqlx::query_as::<_, KeepFacts>(&sql).bind(cohort_id).fetch_all(pool).await)?;
    for f in rows {
        let told = match f.purge() {
            Some((kind, _)) => notice(db, f.id, kind).await?,
            None => None,
        };
        out.push((f, told));
    }
    Ok(out)
}
