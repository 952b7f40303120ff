//! The public side of selected projects: the showcase, each initiative's public page, the
//! open data (CSV and JSON), and the team's choice of what is published. Everything public is
//! built by `PublicInitiative::of` from the consented fields only.

#[cfg(feature = "ssr")]
use crate::domain::ids::CandidatureId;
#[cfg(feature = "ssr")]
use crate::domain::paths::Page;

#[cfg(feature = "ssr")]
use crate::domain::done::Done;
use crate::domain::error::AppError;
use crate::domain::publication::PublicInitiative;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Showcase {
    /// Cohorts that have public initiatives: `(id, name)`.
    pub cohorts: Vec<(i64, String)>,
    pub initiatives: Vec<PublicInitiative>,
    /// How many before the filters.
    pub total: usize,
}

#[cfg(feature = "ssr")]
pub(crate) mod load {
    use super::super::guard;
    use crate::domain::error::AppError;
    use crate::domain::evidence::{CheckState, EvidenceLink};
    use crate::domain::publication::{PublicField, PublicInitiative, PublishedEvidence, Record};
    use crate::domain::support::SupportKind;
    use crate::server::db::{self, Db};

    fn published(e: &db::evidence::EvidenceRow) -> PublishedEvidence {
        let link = |kind, url: &str, at, ok, error: &str| (!url.is_empty()).then(|| (kind, url.to_string(), CheckState::of(at, ok, error)));
        let text = |t: &str| (!t.is_empty()).then(|| t.to_string());
        PublishedEvidence {
            links: [
                link(EvidenceLink::SourceCode, &e.source_url, e.source_checked_at, e.source_ok, &e.source_error),
                link(EvidenceLink::OpenData, &e.data_url, e.data_checked_at, e.data_ok, &e.data_error),
            ]
            .into_iter()
            .flatten()
            .collect(),
            funding: text(&e.funding),
            results: text(&e.results),
        }
    }

    /// Every public initiative, as the public sees it.
    pub async fn all(db: &Db) -> Result<Vec<PublicInitiative>, AppError> {
        public(db, None).await
    }

    /// One public initiative, if it is one.
    pub async fn one(db: &Db, id: i64) -> Result<Option<PublicInitiative>, AppError> {
        Ok(public(db, Some(id)).await?.pop())
    }

    async fn public(db: &Db, only: Option<i64>) -> Result<Vec<PublicInitiative>, AppError> {
        let rows = db::publication::public_projects(db, only).await.map_err(guard::db("public projects"))?;
        let delivered = db::publication::delivered_supports(db).await.map_err(guard::db("delivered supports"))?;
        let evidence = db::evidence::all(db).await.map_err(guard::db("evidence"))?;
        Ok(rows
            .into_iter()
            .filter_map(|p| {
                let id = p.row.id;
                let fields: Vec<PublicField> = p.consent_codes().filter_map(PublicField::from_code).collect();
                let form = crate::api::candidature::form_of(&p.row);
                let supports_received = delivered
                    .iter()
                    .filter(|(c, ..)| *c == id)
                    .filter_map(|(_, kind, n)| Some((SupportKind::from_code(kind)?, u32::try_from(*n).ok()?)))
                    .collect();
                PublicInitiative::of(Record {
                    id,
                    cohort_id: p.row.cohort_id,
                    cohort: &p.cohort_name,
                    status: p.row.status(),
                    launched_on: p.launched_on,
                    form: &form,
                    consents: &fields,
                    supports_received,
                    evidence: evidence.iter().find(|e| e.candidature_id == id).map(published).unwrap_or_default(),
                })
            })
            .collect())
    }
}

/// The showcase, filtered by cohort id, theme code and a search (each may be empty).
#[server(endpoint = "initiatives", input = server_fn::codec::GetUrl)]
pub async fn initiatives(
    #[server(default)] cohorte: String,
    #[server(default)] theme: String,
    #[server(default)] q: String,
) -> Result<Showcase, AppError> {
    use super::guard;
    use crate::domain::candidature::Theme;
    let state = guard::state()?;
    let all = load::all(&state.db).await?;
    let mut cohorts: Vec<(i64, String)> = Vec::new();
    for i in &all {
        if !cohorts.iter().any(|(id, _)| *id == i.cohort_id) {
            cohorts.push((i.cohort_id, i.cohort.clone()));
        }
    }
    let total = all.len();
    let cohort = cohorte.trim().parse::<i64>().ok();
    let theme = Theme::from_code(theme.trim());
    let q: String = q.chars().take(100).collect();
    Ok(Showcase { cohorts, total, initiatives: all.into_iter().filter(|i| i.matches(cohort, theme, &q)).collect() })
}

/// One initiative's public page (`NotFound` for anything not selected).
#[server(endpoint = "initiative_get", input = server_fn::codec::GetUrl)]
pub async fn initiative_get(id: i64) -> Result<PublicInitiative, AppError> {
    use super::guard;
    let state = guard::state()?;
    match load::one(&state.db, id).await? {
        Some(i) => Ok(i),
        None => Err(AppError::NotFound),
    }
}

/// The team (holder or co-applicant) chooses the fields its public page shows.
#[server(endpoint = "publication_set")]
pub async fn publication_set(candidature_id: i64, #[server(default)] fields: Vec<String>) -> Result<(), AppError> {
    use super::guard;
    use crate::domain::publication::{consent_change_allowed, is_public, PublicField};
    use crate::domain::validate::{FormErrors, Problem};
    use crate::server::db;
    let user = guard::citizen().await?.into_user();
    let state = guard::state()?;
    let row = db::candidature::find(&state.db, candidature_id).await.map_err(guard::db("find candidature"))?;
    let Some(row) = row.filter(|r| is_public(r.status())) else { return Err(AppError::NotFound) };
    let guard::Member { candidature: row, .. } = guard::member(user, row).await?;
    let mut chosen = Vec::new();
    for code in &fields {
        match PublicField::from_code(code) {
            Some(f) if !chosen.contains(&f) => chosen.push(f),
            Some(_) => {}
            None => {
                let mut errors = FormErrors::default();
                errors.add("fields", Problem::UnknownChoice);
                return Err(AppError::Invalid(errors));
            }
        }
    }
    let closed = db::cohort::find(&state.db, row.cohort_id).await.map_err(guard::db("cohort"))?.is_some_and(|c| c.is_closed());
    let current = db::publication::consents(&state.db, candidature_id).await.map_err(guard::db("consents"))?;
    if !consent_change_allowed(closed, &current, &chosen) {
        return Err(AppError::CohortClosed);
    }
    db::publication::set_consents(&state.db, candidature_id, &chosen).await.map_err(guard::db("consents"))?;
    tracing::info!(candidature = candidature_id, fields = chosen.len(), "publication consent updated");
    leptos_axum::redirect(&Done::PublicationSaved.at(&Page::Project { id: CandidatureId(candidature_id) }.path()));
    Ok(())
}

#[cfg(feature = "ssr")]
pub mod open_data {
    //! `GET /donnees/initiatives.csv` and `GET /donnees/initiatives.json`: the public
    //! initiatives under the Etalab 2.0 licence, with the columns documented on /donnees.

    use crate::domain::publication::CSV_COLUMNS;
    use crate::server::state::AppState;
    use axum::extract::State;
    use axum::http::{header, StatusCode};
    use axum::response::{IntoResponse, Response};

    pub async fn csv(State(state): State<AppState>) -> Response {
        match super::load::all(&state.db).await {
            Ok(all) => {
                let mut out = String::from(crate::domain::csv::BOM);
                out.push_str(&crate::domain::csv::line(&CSV_COLUMNS));
                for i in &all {
                    out.push_str(&crate::domain::csv::line(&i.csv_row()));
                }
                (
                    [
                        (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
                        (header::CONTENT_DISPOSITION, "attachment; filename=\"initiatives.csv\""),
                    ],
                    out,
                )
                    .into_response()
            }
            Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
        }
    }

    pub async fn json(State(state): State<AppState>) -> Response {
        match super::load::all(&state.db).await {
            Ok(all) => {
                let body = serde_json::json!({
                    "licence": "Licence Ouverte / Open Licence version 2.0 (Etalab)",
                    "source": "Le service public augmenté : l'accélérateur d'initiatives citoyennes",
                    "initiatives": all,
                });
                ([(header::CONTENT_TYPE, "application/json")], body.to_string()).into_response()
            }
            Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
        }
    }
}
