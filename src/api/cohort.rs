//! Cohorts and their calendar.

// The opening form's ten fields are the server function's arguments (one per form field, so
// that it works without JavaScript); the client stub the macro writes cannot carry an allow.
#![allow(clippy::too_many_arguments)]

#[cfg(feature = "ssr")]
use crate::domain::paths::Page;

#[cfg(feature = "ssr")]
use crate::domain::done::Done;
#[cfg(feature = "ssr")]
use crate::domain::ids::{CohortId, UserId};
use crate::domain::cohort::{Calendar, CohortForm, Phase};
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
    /// Closed by staff once launched: read only.
    pub closed: bool,
    /// Staff may close it today.
    pub closable: bool,
}

#[cfg(feature = "ssr")]
impl CohortView {
    fn from_row(row: crate::server::db::cohort::CohortRow, today: NaiveDate) -> Self {
        let calendar = row.calendar();
        let closed = row.is_closed();
        CohortView {
            id: row.id,
            name: row.name,
            programme_end: calendar.programme_end(),
            phase: calendar.phase_on(today),
            closable: crate::domain::cohort::check_close(&calendar, closed, today).is_ok(),
            calendar,
            capacity: row.capacity,
            jury_size: row.jury_size,
            reviews_per_candidature: row.reviews_per_candidature,
            closed,
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
    guard::staff().await?;
    let state = guard::state()?;
    let today = chrono::Utc::now().date_naive();
    let rows = crate::server::db::cohort::list(&state.db).await.map_err(guard::db("list cohorts"))?;
    Ok(rows.into_iter().map(|r| CohortView::from_row(r, today)).collect())
}

/// Staff: the opening form as first shown — the next cohort's number and the seed's rhythm
/// (its call opens 3 months after the latest one's), capacity 10, jury of 15, 3 reviews.
#[server(endpoint = "cohort_suggestion")]
pub async fn cohort_suggestion() -> Result<CohortForm, AppError> {
    use super::guard;
    use crate::domain::cohort::next_call_opens;
    guard::staff().await?;
    let state = guard::state()?;
    let rows = crate::server::db::cohort::list(&state.db).await.map_err(guard::db("list cohorts"))?;
    let today = chrono::Utc::now().date_naive();
    let latest = rows.iter().map(|r| r.call_opens).max();
    let number = (rows.len() + 1..).find(|n| !rows.iter().any(|r| r.name == format!("Cohorte {n}"))).unwrap_or(rows.len() + 1);
    Ok(CohortForm::suggested(format!("Cohorte {number}"), next_call_opens(latest, today)))
}

/// Staff open a new cohort with the dates of each phase, its capacity, the jury's size and
/// the number of reviews per candidature.
#[server(endpoint = "cohort_open")]
pub async fn cohort_open(
    #[server(default)] name: String,
    #[server(default)] call_opens: String,
    #[server(default)] call_closes: String,
    #[server(default)] jury_starts: String,
    #[server(default)] deliberation_starts: String,
    #[server(default)] programme_starts: String,
    #[server(default)] launch_on: String,
    #[server(default)] capacity: String,
    #[server(default)] jury_size: String,
    #[server(default)] reviews_per_candidature: String,
) -> Result<(), AppError> {
    use super::guard;
    use crate::domain::validate::{FormErrors, Problem};
    let staff = guard::staff().await?;
    let form = CohortForm {
        name,
        call_opens,
        call_closes,
        jury_starts,
        deliberation_starts,
        programme_starts,
        launch_on,
        capacity,
        jury_size,
        reviews_per_candidature,
    };
    let new = match form.check() {
        Ok(new) => new,
        Err(errors) => return Err(AppError::Invalid(errors)),
    };
    let state = guard::state()?;
    let Some(id) = crate::server::db::cohort::open(&state.db, &new).await.map_err(guard::db("open cohort"))? else {
        let mut errors = FormErrors::default();
        errors.add("name", Problem::NameTaken);
        return Err(AppError::Invalid(form.keep_all(errors)));
    };
    tracing::info!(cohort = id, by = staff.id, name = %new.name, "cohort opened");
    leptos_axum::redirect(&Done::CohortOpened.at(&Page::Cohorts.path()));
    Ok(())
}

/// Staff close a cohort once its public launch has come: its records stay, read only.
#[server(endpoint = "cohort_close")]
pub async fn cohort_close(cohort_id: i64) -> Result<(), AppError> {
    use super::guard;
    let staff = guard::staff().await?;
    let state = guard::state()?;
    let Some(row) = crate::server::db::cohort::find(&state.db, cohort_id).await.map_err(guard::db("cohort"))? else {
        return Err(AppError::NotFound);
    };
    crate::domain::cohort::check_close(&row.calendar(), row.is_closed(), chrono::Utc::now().date_naive())?;
    if !crate::server::db::cohort::close(&state.db, CohortId(cohort_id), UserId(staff.id)).await.map_err(guard::db("close cohort"))? {
        return Err(AppError::CohortClosed);
    }
    tracing::info!(cohort = cohort_id, by = staff.id, "cohort closed");
    leptos_axum::redirect(&Done::CohortClosed.at(&Page::Cohorts.path()));
    Ok(())
}
