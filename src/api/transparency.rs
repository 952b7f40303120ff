//! The transparency figures of every cohort (public), and their open-data downloads.

use crate::domain::error::AppError;
use crate::domain::transparency::CohortFigures;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
pub(crate) async fn compute(db: &crate::server::db::Db) -> Result<Vec<CohortFigures>, AppError> {
    use super::guard;
    use crate::domain::candidature::{CarrierKind, Status};
    use crate::domain::criteria::Criterion;
    use crate::domain::support::SupportKind;
    use crate::domain::transparency::{figures, jury_figures_public, Entry};
    use crate::server::db;
    let today = chrono::Utc::now().date_naive();
    let cohorts = db::cohort::list(db).await.map_err(guard::db("cohorts"))?;
    let entries = db::transparency::entries(db).await.map_err(guard::db("entries"))?;
    let scores = db::transparency::scores(db).await.map_err(guard::db("scores"))?;
    let supports = db::transparency::supports_delivered(db).await.map_err(guard::db("supports"))?;
    Ok(cohorts
        .iter()
        .map(|c| {
            let own: Vec<Entry> = entries
                .iter()
                .filter(|(k, ..)| *k == c.id)
                .filter_map(|(_, id, status, carrier)| Some(Entry { id: *id, status: Status::from_code(status)?, carrier: CarrierKind::from_code(carrier) }))
                .collect();
            // No average while the jury scores or deliberates.
            let jury_public = jury_figures_public(c.calendar().phase_on(today));
            let own_scores: Vec<(i64, Criterion, u8)> = scores
                .iter()
                .filter(|(k, ..)| jury_public && *k == c.id)
                .filter_map(|(_, id, criterion, score)| Some((*id, Criterion::from_code(criterion)?, u8::try_from(*score).ok()?)))
                .collect();
            let delivered = supports
                .iter()
                .filter(|(k, ..)| *k == c.id)
                .filter_map(|(_, kind, n)| Some((SupportKind::from_code(kind)?, u32::try_from(*n).ok()?)))
                .collect();
            figures(c.id, &c.name, &own, &own_scores, delivered)
        })
        .collect())
}

/// Every cohort's figures, the latest cohort first.
#[server(endpoint = "transparency", input = server_fn::codec::GetUrl)]
pub async fn transparency() -> Result<Vec<CohortFigures>, AppError> {
    let state = super::guard::state()?;
    compute(&state.db).await
}

#[cfg(feature = "ssr")]
pub mod open_data {
    //! `GET /donnees/transparence.csv` (one row per cohort and figure) and `.json`.

    use crate::server::state::AppState;
    use axum::extract::State;
    use axum::http::{header, StatusCode};
    use axum::response::{IntoResponse, Response};

    pub const CSV_COLUMNS: [&str; 4] = ["cohorte", "indicateur", "detail", "valeur"];

    pub async fn csv(State(state): State<AppState>) -> Response {
        let Ok(all) = super::compute(&state.db).await else { return StatusCode::INTERNAL_SERVER_ERROR.into_response() };
        let mut out = String::from(crate::domain::csv::BOM);
        out.push_str(&crate::domain::csv::line(&CSV_COLUMNS));
        let mut row = |cohort: &str, figure: &str, detail: &str, value: String| {
            out.push_str(&crate::domain::csv::line(&[cohort, figure, detail, value.as_str()]));
        };
        for f in &all {
            row(&f.cohort, "candidatures", "", f.candidatures.to_string());
            for (kind, n) in &f.by_carrier {
                row(&f.cohort, "candidatures_par_porteur", kind.code(), n.to_string());
            }
            row(&f.cohort, "eligibles", "", f.eligible.to_string());
            row(&f.cohort, "selectionnees", "", f.selected.to_string());
            for (c, selected, everyone) in &f.averages {
                let v = |x: &Option<f64>| x.map(|v| format!("{v:.1}")).unwrap_or_default();
                row(&f.cohort, "note_moyenne_selectionnees", c.code(), v(selected));
                row(&f.cohort, "note_moyenne_toutes", c.code(), v(everyone));
            }
            for (kind, n) in &f.supports_delivered {
                row(&f.cohort, "accompagnements_apportes", kind.code(), n.to_string());
            }
        }
        ([(header::CONTENT_TYPE, "text/csv; charset=utf-8"), (header::CONTENT_DISPOSITION, "attachment; filename=\"transparence.csv\"")], out)
            .into_response()
    }

    pub async fn json(State(state): State<AppState>) -> Response {
        let Ok(all) = super::compute(&state.db).await else { return StatusCode::INTERNAL_SERVER_ERROR.into_response() };
        let body = serde_json::json!({ "licence": "Licence Ouverte / Open Licence version 2.0 (Etalab)", "cohortes": all });
        ([(header::CONTENT_TYPE, "application/json")], body.to_string()).into_response()
    }
}
