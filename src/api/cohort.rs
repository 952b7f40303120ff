//! Cohorts and their calendar.

use crate::domain::cohort::{Calendar, Phase};
use crate::domain::error::AppError;
use chrono::NaiveDate;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CohortView {
    pub id: i64,
    pub name: String,
    pub calendar: Calendar,
    pub programme_end: NaiveDate,
    /// The phase on the day of the request.
    pub phase: Phase,
    pub capacity: i32,
    pub jury_size: i32,
    pub reviews_per_candidature: i32,
}

#[cfg(feature = "ssr")]
impl CohortView {
    fn from_row(row: crate::server::db::cohort::CohortRow, today: NaiveDate) -> Self {
        let calendar = row.calendar();
        CohortView {
            id: row.id,
            name: row.name,
            programme_end: calendar.programme_end(),
            phase: calendar.phase_on(today),
            calendar,
            capacity: row.capacity,
            jury_size: row.jury_size,
            reviews_per_candidature: row.reviews_per_candidature,
        }
    }
}

/// The cohort the home page presents (public).
#[server(endpoint = "featured_cohort")]
pub async fn featured_cohort() -> Result<Option<CohortView>, AppError> {
    use super::guard;
    let state = guard::state()?;
    let today = chrono::Utc::now().date_naive();
    let row = crate::server::db::cohort::featured(&state.db, today).await.map_err(guard::db("featured cohort"))?;
    Ok(row.map(|r| CohortView::from_row(r, today)))
}

/// Every cohort with its phases (staff and admin).
#[server(endpoint = "list_cohorts")]
pub async fn list_cohorts() -> Result<Vec<CohortView>, AppError> {
    use super::guard;
    use crate::domain::account::Role;
    guard::with_role(Role::is_staff).await?;
    let state = guard::state()?;
    let today = chrono::Utc::now().date_naive();
    let rows = crate::server::db::cohort::list(&state.db).await.map_err(guard::db("list cohorts"))?;
    Ok(rows.into_iter().map(|r| CohortView::from_row(r, today)).collect())
}
