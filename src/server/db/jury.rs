//! The jury of a cohort: invitations, jurors and their conflicts, reviews and scores,
//! selection decisions, written to the audit log (`audit.rs`).

use crate::domain::ids::{CandidatureId, CohortId, UserId};
use super::{now, on_pool, on_write_pool, Db};
use crate::domain::candidature::Status;
use crate::domain::criteria::Criterion;
use crate::domain::jury::{CriterionScore, ReviewForm, ReviewState, Scorers, TrackSplit};
use super::audit::append_audit;
use sqlx::FromRow;

// ---- the cohort's split of criteria ----

#[tracing::instrument(skip(db))]
pub async fn track_split(db: &Db, cohort_id: i64) -> Result<TrackSplit, sqlx::Error> {
    let sql = "SELECT criterion, scorers FROM cohort_criteria WHERE cohort_id = $1";
    let rows: Vec<(String, String)> = on_pool!(db, pool => sqlx::query_as(sql).bind(cohort_id).fetch_all(pool).await)?;
    let set: Vec<(Criterion, Scorers)> =
        rows.iter().filter_map(|(c, s)| Some((Criterion::from_code(c)?, Scorers::from_code(s)?))).collect();
    Ok(TrackSplit(Criterion::ALL.into_iter().map(|c| (c, set.iter().find(|(k, _)| *k == c).map(|(_, s)| *s).unwrap_or(Scorers::default_for(c)))).collect()))
}

#[tracing::instrument(skip(db))]
pub async fn set_track_split(db: &Db, cohort_id: i64, split: &TrackSplit, reviews_per_candidature: i32, staff_shortlist: bool) -> Result<(), sqlx::Error> {
    let upsert = "INSERT INTO cohort_criteria (cohort_id, criterion, scorers) VALUES ($1, $2, $3) \
                  ON CONFLICT (cohort_id, criterion) DO UPDATE SET scorers = excluded.scorers";
    let cohort = "UPDATE cohorts SET reviews_per_candidature = $1, staff_shortlist = $2 WHERE id = $3";
    on_write_pool!(db, pool => {
        let mut tx = pool.begin().await?;
        for (c, s) in &split.0 {
            sqlx::query(upsert).bind(cohort_id).bind(c.code()).bind(s.code()).execute(&mut *tx).await?;
        }
        sqlx::query(cohort).bind(reviews_per_candidature).bind(staff_shortlist).bind(cohort_id).execute(&mut *tx).await?;
        tx.commit().await
    })
}

#[tracing::instrument(skip(db))]
pub async fn staff_shortlist(db: &Db, cohort_id: i64) -> Result<bool, sqlx::Error> {
    let sql = "SELECT staff_shortlist FROM cohorts WHERE id = $1";
    on_pool!(db, pool => sqlx::query_scalar::<_, bool>(sql).bind(cohort_id).fetch_optional(pool).await.map(|v| v.unwrap_or(false)))
}

/// The candidatures of a cohort that staff left out of the shortlist.
#[tracing::instrument(skip(db))]
pub async fn left_out(db: &Db, cohort_id: i64) -> Result<Vec<i64>, sqlx::Error> {
    let sql = "SELECT id FROM candidatures WHERE cohort_id = $1 AND shortlisted = FALSE ORDER BY id";
    on_pool!(db, pool => sqlx::query_scalar::<_, i64>(sql).bind(cohort_id).fetch_all(pool).await)
}

#[tracing::instrument(skip(db))]
pub async fn set_shortlisted(db: &Db, candidature_id: i64, shortlisted: bool) -> Result<(), sqlx::Error> {
    let sql = "UPDATE candidatures SET shortlisted = $1 WHERE id = $2";
    on_write_pool!(db, pool => sqlx::query(sql).bind(shortlisted).bind(candidature_id).execute(pool).await.map(|_| ()))
}

// ---- invitations and jurors ----

#[derive(Debug, Clone, FromRow)]
pub struct InvitationRow {
    pub id: i64,
    pub cohort_id: i64,
    pub email: String,
    pub invited_at: i64,
    pub accepted_at: Option<i64>,
    pub user_id: Option<i64>,
}

const INVITATION_COLUMNS: &str = "id, cohort_id, email, invited_at, accepted_at, user_id";

/// Invites an address (again: a new link replaces the old one while it is not accepted) and
/// writes the invitation mail, if any, in the same transaction. Returns false (and sends
/// nothing) when the address already accepted.
#[tracing::instrument(skip(db, token_hash, mail))]
pub async fn invite(db: &Db, cohort_id: CohortId, email: &str, token_hash: &str, by: UserId, mail: Option<&crate::domain::mail::Mail>) -> Result<bool, sqlx::Error> {
    let sql = "INSERT INTO jury_invitations (cohort_id, email, token_hash, invited_by, invited_at) VALUES ($1, $2, $3, $4, $5) \
               ON CONFLICT (cohort_id, email) DO UPDATE SET token_hash = excluded.token_hash, invited_by = excluded.invited_by, \
               invited_at = excluded.invited_at WHERE jury_invitations.accepted_at IS NULL RETURNING id";
    on_write_pool!(db, pool => {
        let mut tx = pool.begin().await?;
        let invited = sqlx::query_scalar::<_, i64>(sql).bind(cohort_id.0).bind(email).bind(token_hash).bind(by.0).bind(now())
            .fetch_optional(&mut *tx).await?.is_some();
        if let (true, Some(mail)) = (invited, mail) {
            super::outbox::enqueue_mail!(tx, mail);
        }
        tx.commit().await?;
        Ok(invited)
    })
}

#[tracing::instrument(skip(db))]
pub async fn invitations(db: &Db, cohort_id: i64) -> Result<Vec<InvitationRow>, sqlx::Error> {
    let sql = format!("SELECT {INVITATION_COLUMNS} FROM jury_invitations WHERE cohort_id = $1 ORDER BY invited_at, id");
    on_pool!(db, pool => sqlx::query_as::<_, InvitationRow>(&sql).bind(cohort_id).fetch_all(pool).await)
}

#[tracing::instrument(skip(db, token_hash))]
pub async fn invitation_by_token(db: &Db, token_hash: &str) -> Result<Option<InvitationRow>, sqlx::Error> {
    let sql = format!("SELECT {INVITATION_COLUMNS} FROM jury_invitations WHERE token_hash = $1");
    on_pool!(db, pool => sqlx::query_as::<_, InvitationRow>(&sql).bind(token_hash).fetch_optional(pool).await)
}

/// What accepting an invitation did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seating {
    /// The account has its seat (its authority does not change: being a juror is having a seat).
    Seated,
    /// The invitation was accepted meanwhile by another account.
    Taken,
    /// The account applies in the cohort (holder of any of its candidatures, a draft included,
    /// or named co-applicant): a conflict of interest, nothing written.
    Applies,
}

/// Takes up a seat on the cohort's jury with an invitation, unless the account applies in the
/// cohort. The check and the seat are one transaction, and on PostgreSQL the cohort's row is
/// locked as when co-applicants are named (`candidature::save_content`), so that naming a
/// juror co-applicant and seating a co-applicant cannot both pass at the same time (SQLite
/// has one writer).
#[tracing::instrument(skip(db, email))]
pub async fn accept_invitation(db: &Db, invitation_id: i64, cohort_id: CohortId, user_id: UserId, email: &str) -> Result<Seating, sqlx::Error> {
    let t = now();
    let lock = db.engine() == "postgres";
    let accept = "UPDATE jury_invitations SET accepted_at = $1, user_id = $2 WHERE id = $3 AND (user_id IS NULL OR user_id = $2)";
    let join = "INSERT INTO jurors (cohort_id, user_id, joined_at) VALUES ($1, $2, $3) ON CONFLICT (cohort_id, user_id) DO NOTHING";
    on_write_pool!(db, pool => {
        let mut tx = pool.begin().await?;
        if lock {
            sqlx::query(super::candidature::LOCK_COHORT).bind(cohort_id.0).execute(&mut *tx).await?;
        }
        let applies = sqlx::query_scalar::<_, i64>(super::candidature::APPLIES_IN_COHORT)
            .bind(cohort_id.0).bind(user_id.0).bind(email).fetch_one(&mut *tx).await? > 0;
        if applies {
            tx.rollback().await?;
            return Ok(Seating::Applies);
        }
        let done = sqlx::query(accept).bind(t).bind(user_id.0).bind(invitation_id).execute(&mut *tx).await?.rows_affected() == 1;
        if done {
            sqlx::query(join).bind(cohort_id.0).bind(user_id.0).bind(t).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(if done { Seating::Seated } else { Seating::Taken })
    })
}

#[derive(Debug, Clone, FromRow)]
pub struct JurorRow {
    pub cohort_id: i64,
    pub user_id: i64,
    pub display_name: String,
    pub email: String,
    pub joined_at: i64,
    pub charter_accepted_at: Option<i64>,
    pub conflicts_declared_at: Option<i64>,
    pub conflicts_note: String,
}

const JUROR_SELECT: &str = "SELECT j.cohort_id, j.user_id, u.display_name, u.email, j.joined_at, j.charter_accepted_at, \
                            j.conflicts_declared_at, j.conflicts_note FROM jurors j JOIN users u ON u.id = j.user_id";

#[tracing::instrument(skip(db))]
pub async fn jurors(db: &Db, cohort_id: i64) -> Result<Vec<JurorRow>, sqlx::Error> {
    let sql = format!("{JUROR_SELECT} WHERE j.cohort_id = $1 ORDER BY u.display_name, u.id");
    on_pool!(db, pool => sqlx::query_as::<_, JurorRow>(&sql).bind(cohort_id).fetch_all(pool).await)
}

/// Whether the account sits on at least one cohort's jury (its juror space).
#[tracing::instrument(skip(db))]
pub async fn has_a_seat(db: &Db, user_id: i64) -> Result<bool, sqlx::Error> {
    let sql = "SELECT COUNT(*) FROM jurors WHERE user_id = $1";
    on_pool!(db, pool => sqlx::query_scalar::<_, i64>(sql).bind(user_id).fetch_one(pool).await.map(|n| n > 0))
}

/// The cohorts an account sits on the jury of, most recent first.
#[tracing::instrument(skip(db))]
pub async fn memberships(db: &Db, user_id: i64) -> Result<Vec<JurorRow>, sqlx::Error> {
    let sql = format!("{JUROR_SELECT} WHERE j.user_id = $1 ORDER BY j.cohort_id DESC");
    on_pool!(db, pool => sqlx::query_as::<_, JurorRow>(&sql).bind(user_id).fetch_all(pool).await)
}

#[tracing::instrument(skip(db))]
pub async fn juror(db: &Db, cohort_id: CohortId, user_id: UserId) -> Result<Option<JurorRow>, sqlx::Error> {
    let sql = format!("{JUROR_SELECT} WHERE j.cohort_id = $1 AND j.user_id = $2");
    on_pool!(db, pool => sqlx::query_as::<_, JurorRow>(&sql).bind(cohort_id.0).bind(user_id.0).fetch_optional(pool).await)
}

#[tracing::instrument(skip(db))]
pub async fn accept_charter(db: &Db, cohort_id: CohortId, user_id: UserId) -> Result<(), sqlx::Error> {
    let sql = "UPDATE jurors SET charter_accepted_at = COALESCE(charter_accepted_at, $1) WHERE cohort_id = $2 AND user_id = $3";
    on_write_pool!(db, pool => sqlx::query(sql).bind(now()).bind(cohort_id.0).bind(user_id.0).execute(pool).await.map(|_| ()))
}

/// Replaces the conflicts a juror declared in a cohort (those staff added stay) and records
/// the free-text note and the declaration time.
#[tracing::instrument(skip(db, note))]
pub async fn declare_conflicts(db: &Db, cohort_id: CohortId, user_id: UserId, candidatures: &[i64], note: &str) -> Result<(), sqlx::Error> {
    let t = now();
    let clear = "DELETE FROM conflicts WHERE user_id = $1 AND declared_by = $1 \
                 AND candidature_id IN (SELECT id FROM candidatures WHERE cohort_id = $2)";
    let add = "INSERT INTO conflicts (user_id, candidature_id, declared_by, declared_at) \
               SELECT $1, id, $1, $3 FROM candidatures WHERE id = $2 AND cohort_id = $4 ON CONFLICT (user_id, candidature_id) DO NOTHING";
    let juror = "UPDATE jurors SET conflicts_declared_at = $1, conflicts_note = $2 WHERE cohort_id = $3 AND user_id = $4";
    on_write_pool!(db, pool => {
        let mut tx = pool.begin().await?;
        sqlx::query(clear).bind(user_id.0).bind(cohort_id.0).execute(&mut *tx).await?;
        for id in candidatures {
            sqlx::query(add).bind(user_id.0).bind(id).bind(t).bind(cohort_id.0).execute(&mut *tx).await?;
        }
        sqlx::query(juror).bind(t).bind(note).bind(cohort_id.0).bind(user_id.0).execute(&mut *tx).await?;
        tx.commit().await
    })
}

/// Staff record a conflict the juror did not declare; any review of it not yet submitted is
/// taken away from the juror.
#[tracing::instrument(skip(db))]
pub async fn add_conflict(db: &Db, user_id: UserId, candidature_id: CandidatureId, by: UserId) -> Result<(), sqlx::Error> {
    let add = "INSERT INTO conflicts (user_id, candidature_id, declared_by, declared_at) VALUES ($1, $2, $3, $4) \
               ON CONFLICT (user_id, candidature_id) DO NOTHING";
    let drop = "DELETE FROM reviews WHERE reviewer_id = $1 AND candidature_id = $2 AND state <> 'submitted'";
    on_write_pool!(db, pool => {
        let mut tx = pool.begin().await?;
        sqlx::query(add).bind(user_id.0).bind(candidature_id.0).bind(by.0).bind(now()).execute(&mut *tx).await?;
        sqlx::query(drop).bind(user_id.0).bind(candidature_id.0).execute(&mut *tx).await?;
        tx.commit().await
    })
}

/// Every (juror, candidature) conflict of the cohort, with who declared it.
#[tracing::instrument(skip(db))]
pub async fn conflicts(db: &Db, cohort_id: i64) -> Result<Vec<(i64, i64, Option<i64>)>, sqlx::Error> {
    let sql = "SELECT c.user_id, c.candidature_id, c.declared_by FROM conflicts c JOIN candidatures k ON k.id = c.candidature_id \
               WHERE k.cohort_id = $1 ORDER BY c.user_id, c.candidature_id";
    on_pool!(db, pool => sqlx::query_as::<_, (i64, i64, Option<i64>)>(sql).bind(cohort_id).fetch_all(pool).await)
}

#[tracing::instrument(skip(db))]
pub async fn in_conflict(db: &Db, user_id: UserId, candidature_id: CandidatureId) -> Result<bool, sqlx::Error> {
    let sql = "SELECT COUNT(*) FROM conflicts WHERE user_id = $1 AND candidature_id = $2";
    on_pool!(db, pool => sqlx::query_scalar::<_, i64>(sql).bind(user_id.0).bind(candidature_id.0).fetch_one(pool).await.map(|n| n > 0))
}

// ---- reviews ----

#[derive(Debug, Clone, FromRow)]
pub struct ReviewRow {
    pub id: i64,
    pub candidature_id: i64,
    pub reviewer_id: i64,
    pub reviewer_name: String,
    pub track: String,
    pub state: String,
    pub overall: String,
    pub opinion: Option<String>,
    pub version: i64,
    pub updated_at: i64,
    pub submitted_at: Option<i64>,
    pub project_name: String,
    pub cohort_id: i64,
}

impl ReviewRow {
    pub fn state(&self) -> ReviewState {
        ReviewState::from_code(&self.state).unwrap_or(ReviewState::Submitted)
    }

    /// Only `staff` and `jury` are ever written.
    pub fn track(&self) -> crate::domain::criteria::Track {
        if self.track == "staff" { crate::domain::criteria::Track::Staff } else { crate::domain::criteria::Track::Jury }
    }
}

const REVIEW_SELECT: &str = "SELECT r.id, r.candidature_id, r.reviewer_id, u.display_name AS reviewer_name, r.track, r.state, \
                             r.overall, r.opinion, r.version, r.updated_at, r.submitted_at, k.project_name, k.cohort_id \
                             FROM reviews r JOIN users u ON u.id = r.reviewer_id JOIN candidatures k ON k.id = r.candidature_id";

#[tracing::instrument(skip(db))]
pub async fn review(db: &Db, id: i64) -> Result<Option<ReviewRow>, sqlx::Error> {
    let sql = format!("{REVIEW_SELECT} WHERE r.id = $1");
    on_pool!(db, pool => sqlx::query_as::<_, ReviewRow>(&sql).bind(id).fetch_optional(pool).await)
}

/// A reviewer's reviews in a cohort, in the order of the candidatures.
#[tracing::instrument(skip(db))]
pub async fn reviews_of(db: &Db, cohort_id: CohortId, reviewer_id: UserId) -> Result<Vec<ReviewRow>, sqlx::Error> {
    let sql = format!("{REVIEW_SELECT} WHERE k.cohort_id = $1 AND r.reviewer_id = $2 ORDER BY k.id");
    on_pool!(db, pool => sqlx::query_as::<_, ReviewRow>(&sql).bind(cohort_id.0).bind(reviewer_id.0).fetch_all(pool).await)
}

/// Every review of a cohort (one track or both).
#[tracing::instrument(skip(db))]
pub async fn cohort_reviews(db: &Db, cohort_id: i64) -> Result<Vec<ReviewRow>, sqlx::Error> {
    let sql = format!("{REVIEW_SELECT} WHERE k.cohort_id = $1 ORDER BY k.id, u.display_name");
    on_pool!(db, pool => sqlx::query_as::<_, ReviewRow>(&sql).bind(cohort_id).fetch_all(pool).await)
}

/// The reviews of one candidature.
#[tracing::instrument(skip(db))]
pub async fn reviews_for(db: &Db, candidature_id: i64) -> Result<Vec<ReviewRow>, sqlx::Error> {
    let sql = format!("{REVIEW_SELECT} WHERE r.candidature_id = $1 ORDER BY u.display_name, r.id");
    on_pool!(db, pool => sqlx::query_as::<_, ReviewRow>(&sql).bind(candidature_id).fetch_all(pool).await)
}

/// One stored score: (review id, criterion code, score, comment).
pub type ScoreRow = (i64, String, Option<i32>, String);

/// The scores of the given reviews.
#[tracing::instrument(skip(db, review_ids))]
pub async fn scores(db: &Db, review_ids: &[i64]) -> Result<Vec<ScoreRow>, sqlx::Error> {
    if review_ids.is_empty() {
        return Ok(Vec::new());
    }
    let list = review_ids.iter().map(|id| id.to_string()).collect::<Vec<_>>().join(",");
    let sql = format!("SELECT review_id, criterion, score, comment FROM review_scores WHERE review_id IN ({list}) ORDER BY review_id");
    on_pool!(db, pool => sqlx::query_as::<_, ScoreRow>(&sql).fetch_all(pool).await)
}

/// The form of a review from its row and score rows.
pub fn form_of(row: &ReviewRow, scores: &[ScoreRow]) -> ReviewForm {
    let scores = scores
        .iter()
        .filter(|(id, ..)| *id == row.id)
        .filter_map(|(_, c, s, comment)| {
            Some(CriterionScore { criterion: Criterion::from_code(c)?, score: s.and_then(|v| u8::try_from(v).ok()), comment: comment.clone() })
        })
        .collect();
    ReviewForm {
        scores,
        overall: row.overall.clone(),
        opinion: row.opinion.as_deref().and_then(crate::domain::jury::Opinion::from_code),
    }
}

/// Replaces the jury-track assignment of a cohort with `pairs` (juror, candidature): new pairs
/// get a review to do, pairs no longer wanted lose their review if it was not started.
#[tracing::instrument(skip(db, pairs))]
pub async fn replace_assignment(db: &Db, cohort_id: i64, pairs: &[(UserId, CandidatureId)]) -> Result<(), sqlx::Error> {
    let t = now();
    let current = "SELECT r.id, r.reviewer_id, r.candidature_id FROM reviews r JOIN candidatures k ON k.id = r.candidature_id \
                   WHERE k.cohort_id = $1 AND r.track = 'jury' AND r.state = 'todo'";
    let remove = "DELETE FROM reviews WHERE id = $1";
    let add = "INSERT INTO reviews (candidature_id, reviewer_id, track, state, assigned_at, updated_at) VALUES ($1, $2, 'jury', 'todo', $3, $3) \
               ON CONFLICT (candidature_id, reviewer_id) DO NOTHING";
    on_write_pool!(db, pool => {
        let mut tx = pool.begin().await?;
        let existing: Vec<(i64, i64, i64)> = sqlx::query_as(current).bind(cohort_id).fetch_all(&mut *tx).await?;
        for (id, reviewer, candidature) in &existing {
            if !pairs.contains(&(UserId(*reviewer), CandidatureId(*candidature))) {
                sqlx::query(remove).bind(id).execute(&mut *tx).await?;
            }
        }
        for (reviewer, candidature) in pairs {
            sqlx::query(add).bind(candidature.0).bind(reviewer.0).bind(t).execute(&mut *tx).await?;
        }
        tx.commit().await
    })
}

/// Moves a review not yet started to another reviewer; false if it was started meanwhile.
#[tracing::instrument(skip(db))]
pub async fn move_review(db: &Db, review_id: i64, to: UserId) -> Result<bool, sqlx::Error> {
    let sql = "UPDATE reviews SET reviewer_id = $1, updated_at = $2, version = version + 1 WHERE id = $3 AND state = 'todo'";
    on_write_pool!(db, pool => sqlx::query(sql).bind(to.0).bind(now()).bind(review_id).execute(pool).await.map(|r| r.rows_affected() == 1))
}

/// A staff-track review of a candidature by a staff member (created on first opening).
#[tracing::instrument(skip(db))]
pub async fn staff_review(db: &Db, candidature_id: CandidatureId, reviewer_id: UserId) -> Result<i64, sqlx::Error> {
    let t = now();
    let add = "INSERT INTO reviews (candidature_id, reviewer_id, track, state, assigned_at, updated_at) VALUES ($1, $2, 'staff', 'todo', $3, $3) \
               ON CONFLICT (candidature_id, reviewer_id) DO NOTHING";
    let find = "SELECT id FROM reviews WHERE candidature_id = $1 AND reviewer_id = $2";
    on_write_pool!(db, pool => {
        sqlx::query(add).bind(candidature_id.0).bind(reviewer_id.0).bind(t).execute(pool).await?;
        sqlx::query_scalar::<_, i64>(find).bind(candidature_id.0).bind(reviewer_id.0).fetch_one(pool).await
    })
}

/// Saves a review's content at `expected_version` and moves it to `state`; every changed
/// score goes to the audit log in the same transaction. Returns the new version, or `None`
/// when the review changed in between or is locked.
#[tracing::instrument(skip(db, form))]
pub async fn save_review(
    db: &Db,
    review_id: i64,
    expected_version: i64,
    form: &ReviewForm,
    state: ReviewState,
    actor_id: UserId,
) -> Result<Option<i64>, sqlx::Error> {
    let t = now();
    let submitted = if state == ReviewState::Submitted { Some(t) } else { None };
    let update = "UPDATE reviews SET overall = $1, opinion = $2, state = $3, version = version + 1, updated_at = $4, \
                  submitted_at = $5 WHERE id = $6 AND version = $7 AND state <> 'submitted' RETURNING version";
    let old = "SELECT criterion, score, comment FROM review_scores WHERE review_id = $1";
    let upsert = "INSERT INTO review_scores (review_id, criterion, score, comment) VALUES ($1, $2, $3, $4) \
                  ON CONFLICT (review_id, criterion) DO UPDATE SET score = excluded.score, comment = excluded.comment";
    on_write_pool!(db, pool => {
        let mut tx = pool.begin().await?;
        let version = sqlx::query_scalar::<_, i64>(update)
            .bind(&form.overall).bind(form.opinion.map(|o| o.code())).bind(state.code()).bind(t).bind(submitted)
            .bind(review_id).bind(expected_version)
            .fetch_optional(&mut *tx).await?;
        let Some(version) = version else {
            tx.rollback().await?;
            return Ok(None);
        };
        let before: Vec<(String, Option<i32>, String)> = sqlx::query_as(old).bind(review_id).fetch_all(&mut *tx).await?;
        for s in &form.scores {
            let was = before.iter().find(|(c, ..)| c == s.criterion.code());
            let now_score = s.score.map(i32::from);
            if was.map(|(_, score, comment)| (*score, comment.as_str())) == Some((now_score, s.comment.as_str())) {
                continue;
            }
            sqlx::query(upsert).bind(review_id).bind(s.criterion.code()).bind(now_score).bind(&s.comment).execute(&mut *tx).await?;
            let before_value = was.and_then(|(_, score, _)| *score).map(|v| v.to_string()).unwrap_or_default();
            let after_value = now_score.map(|v| v.to_string()).unwrap_or_default();
            if before_value != after_value {
                let action = format!("score:{}", s.criterion.code());
                append_audit!(db, tx, t, Some(actor_id.0), "review", review_id, &action, &before_value, &after_value);
            }
        }
        if state == ReviewState::Submitted {
            append_audit!(db, tx, t, Some(actor_id.0), "review", review_id, "submit", "", form.opinion.map(|o| o.code()).unwrap_or(""));
        }
        tx.commit().await?;
        Ok(Some(version))
    })
}

/// Staff reopen a submitted review so that its reviewer can change it.
#[tracing::instrument(skip(db))]
pub async fn reopen_review(db: &Db, review_id: i64, actor_id: UserId) -> Result<bool, sqlx::Error> {
    let t = now();
    let sql = "UPDATE reviews SET state = 'draft', submitted_at = NULL, version = version + 1, updated_at = $1 \
               WHERE id = $2 AND state = 'submitted'";
    on_write_pool!(db, pool => {
        let mut tx = pool.begin().await?;
        let done = sqlx::query(sql).bind(t).bind(review_id).execute(&mut *tx).await?.rows_affected() == 1;
        if done {
            append_audit!(db, tx, t, Some(actor_id.0), "review", review_id, "reopen", "submitted", "draft");
        }
        tx.commit().await?;
        Ok(done)
    })
}

// ---- decisions ----

#[derive(Debug, Clone, FromRow)]
pub struct DecisionRow {
    pub candidature_id: i64,
    pub outcome: String,
    pub reasons: String,
    pub decided_at: i64,
}

#[tracing::instrument(skip(db))]
pub async fn decisions(db: &Db, cohort_id: i64) -> Result<Vec<DecisionRow>, sqlx::Error> {
    let sql = "SELECT d.candidature_id, d.outcome, d.reasons, d.decided_at FROM decisions d \
               JOIN candidatures k ON k.id = d.candidature_id WHERE k.cohort_id = $1";
    on_pool!(db, pool => sqlx::query_as::<_, DecisionRow>(sql).bind(cohort_id).fetch_all(pool).await)
}

#[tracing::instrument(skip(db))]
pub async fn decision(db: &Db, candidature_id: i64) -> Result<Option<DecisionRow>, sqlx::Error> {
    let sql = "SELECT candidature_id, outcome, reasons, decided_at FROM decisions WHERE candidature_id = $1";
    on_pool!(db, pool => sqlx::query_as::<_, DecisionRow>(sql).bind(candidature_id).fetch_optional(pool).await)
}

/// Records a decision: the candidature takes the outcome's status (from `from`), the
/// decision and its reasons are stored, the event and the audit entry written, all in one
/// transaction. Selecting re-counts the cohort's selected candidatures inside the
/// transaction, so that two staff members cannot both take the last place. Returns
/// `Ok(false)` when the status changed meanwhile, `Err(RowNotFound)` never.
#[allow(clippy::too_many_arguments)]
#[tracing::instrument(skip(db, reasons_json, mails))]
pub async fn decide(
    db: &Db,
    cohort_id: CohortId,
    candidature_id: CandidatureId,
    from: Status,
    to: Status,
    reasons_json: &str,
    capacity: i64,
    actor_id: UserId,
    mails: &[crate::domain::mail::Mail],
) -> Result<DecideOutcome, sqlx::Error> {
    let t = now();
    let lock_pg = "SELECT pg_advisory_xact_lock(4242, $1::int)";
    let count = "SELECT COUNT(*) FROM candidatures WHERE cohort_id = $1 AND status = 'selected' AND id <> $2";
    let update = "UPDATE candidatures SET status = $1, version = version + 1, updated_at = $2 WHERE id = $3 AND status = $4";
    let event = "INSERT INTO candidature_events (candidature_id, at, actor_id, from_status, to_status, message) VALUES ($1, $2, $3, $4, $5, '')";
    let store = "INSERT INTO decisions (candidature_id, outcome, reasons, decided_by, decided_at) VALUES ($1, $2, $3, $4, $5) \
                 ON CONFLICT (candidature_id) DO UPDATE SET outcome = excluded.outcome, reasons = excluded.reasons, \
                 decided_by = excluded.decided_by, decided_at = excluded.decided_at";
    let previous = "SELECT outcome FROM decisions WHERE candidature_id = $1";
    on_write_pool!(db, pool => {
        let mut tx = pool.begin().await?;
        if db.engine() == "postgres" {
            sqlx::query(lock_pg).bind(cohort_id.0 as i32).execute(&mut *tx).await?;
        }
        if to == Status::Selected {
            let selected = sqlx::query_scalar::<_, i64>(count).bind(cohort_id.0).bind(candidature_id.0).fetch_one(&mut *tx).await?;
            if selected >= capacity {
                tx.rollback().await?;
                return Ok(DecideOutcome::Full);
            }
        }
        let moved = sqlx::query(update).bind(to.code()).bind(t).bind(candidature_id.0).bind(from.code()).execute(&mut *tx).await?.rows_affected() == 1;
        if !moved {
            tx.rollback().await?;
            return Ok(DecideOutcome::Stale);
        }
        sqlx::query(event).bind(candidature_id.0).bind(t).bind(actor_id.0).bind(from.code()).bind(to.code()).execute(&mut *tx).await?;
        let before: Option<String> = sqlx::query_scalar(previous).bind(candidature_id.0).fetch_optional(&mut *tx).await?;
        sqlx::query(store).bind(candidature_id.0).bind(to.code()).bind(reasons_json).bind(actor_id.0).bind(t).execute(&mut *tx).await?;
        let before = before.unwrap_or_default();
        append_audit!(db, tx, t, Some(actor_id.0), "decision", candidature_id.0, "decide", &before, to.code());
        for mail in mails {
            super::outbox::enqueue_mail!(tx, mail);
        }
        tx.commit().await?;
        Ok(DecideOutcome::Done)
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecideOutcome {
    Done,
    /// The candidature's status changed since it was read.
    Stale,
    /// The cohort has no room left for another selection.
    Full,
}

