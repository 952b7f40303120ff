//! The jury: staff compose it (invitations, settings, conflicts) and run the assignment;
//! citizens accept an invitation, sign the juror charter and declare their conflicts;
//! reviewers (jurors on the jury track, staff on the staff track) score candidatures.
//! A juror never sees a candidature they are in conflict with, nor one not assigned to them.//!
//! One module per sub-feature; the reading of records they share (`load`) is here, the rules
//! are in `domain::jury`.

mod composition;
mod deliberation;
mod membership;
mod review;

pub use composition::*;
pub use deliberation::*;
pub use membership::*;
pub use review::*;

use crate::domain::candidature::Status;
use crate::domain::candidature_form::CandidatureForm;
use crate::domain::cohort::Phase;
use crate::domain::criteria::{ByCriterion, Criterion, Track};
use crate::domain::error::AppError;
use crate::domain::jury::{ReviewForm, ReviewState, TrackSplit};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use crate::domain::ids::{CandidatureId, CohortId, UserId};
pub use crate::domain::jury::{reviewable, scoring_open};

#[cfg(feature = "ssr")]
pub(crate) mod load {
    use crate::domain::ids::{CandidatureId, UserId};
    use super::super::guard;
    use crate::domain::error::AppError;
    use crate::server::db::{self, account::UserRow, cohort::CohortRow, jury::ReviewRow};


    pub async fn cohort(id: i64) -> Result<CohortRow, AppError> {
        let state = guard::state()?;
        match db::cohort::find(&state.db, id).await.map_err(guard::db("find cohort"))? {
            Some(c) => Ok(c),
            None => Err(AppError::NotFound),
        }
    }

    /// The invitation links of the cohort just created by this browser (`jury_invite`), read
    /// once: the cookie that carried them is cleared.
    pub fn new_links(cohort_id: i64) -> Result<Vec<String>, AppError> {
        let parts = guard::parts()?;
        let Some(value) = crate::server::auth::cookie(&parts.headers, super::NEW_LINKS_COOKIE).filter(|v| !v.is_empty()) else {
            return Ok(Vec::new());
        };
        let Some((_, tokens)) = value.split_once(':').filter(|(c, _)| c.parse() == Ok(cohort_id)) else {
            return Ok(Vec::new());
        };
        guard::set_cookie(&format!("{}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0", super::NEW_LINKS_COOKIE));
        Ok(tokens.split('.').filter(|t| !t.is_empty() && t.bytes().all(|b| b.is_ascii_hexdigit())).map(str::to_string).collect())
    }

    /// A review the caller may open: their own (and not in conflict), or any review for staff.
    pub async fn review(user: &UserRow, id: i64) -> Result<ReviewRow, AppError> {
        let state = guard::state()?;
        let Some(row) = db::jury::review(&state.db, id).await.map_err(guard::db("review"))? else {
            return Err(AppError::NotFound);
        };
        if user.role().is_staff() {
            return Ok(row);
        }
        if row.reviewer_id != user.id
            || db::jury::in_conflict(&state.db, UserId(user.id), CandidatureId(row.candidature_id)).await.map_err(guard::db("conflict"))?
        {
            return Err(AppError::NotFound);
        }
        Ok(row)
    }
}
