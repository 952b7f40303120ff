//! Retention for staff: a cohort's durations (within bounds), the purges coming, and the
//! cohort's archive to export before them. Until when one candidature is kept is part of the
//! candidature's view (`api::candidature`).

use crate::domain::error::AppError;
use crate::domain::retention::Policy;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A purge the daily task will make in the cohort. A draft is never shown to staff: its id
/// and project name are `None`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComingPurge {
    pub candidature_id: Option<i64>,
    pub project_name: Option<String>,
    pub status: crate::domain::candidature::Status,
    pub purge_on: chrono::NaiveDate,
    /// The day the people concerned were told of (`None`: not told yet).
    pub announced: Option<chrono::NaiveDate>,
}

/// A cohort's retention, as staff see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RetentionView {
    pub cohort_id: i64,
    pub policy: Policy,
    pub coming: Vec<ComingPurge>,
}

#[server(endpoint = "cohort_retention", input = server_fn::codec::GetUrl)]
pub async fn cohort_retention(cohort_id: i64) -> Result<RetentionView, AppError> {
    use super::guard;
    use crate::server::db;

    guard::staff().await?;
    let state = guard::state()?;
    let Some(policy) = db::retention::policy(&state.db, cohort_id).await.map_err(guard::db("retention policy"))? else {
        return Err(AppError::NotFound);
    };
    let coming = db::retention::coming_purges(&state.db, cohort_id)
        .await
        .map_err(guard::db("coming purges"))?
        .into_iter()
        .filter_map(|(f, announced)| {
            let (_, due) = f.purge()?;
            let shown = f.status() != crate::domain::candidature::Status::Draft;
            Some(ComingPurge {
                candidature_id: shown.then_some(f.id),
                project_name: shown.then(|| f.project_name.clone()),
                status: f.status(),
                purge_on: announced.map_or(due, |a| a.max(due)),
                announced,
            })
        })
        .collect();
    Ok(RetentionView { cohort_id, policy, coming })
}

/// Sets a cohort's durations, within the bounds of `domain::retention`. Allowed on a closed
/// cohort: retention concerns its records after the programme too.
#[server(endpoint = "set_cohort_retention")]
pub async fn set_cohort_retention(
    cohort_id: i64,
    #[server(default)] keep_drafts_months: String,
    #[server(default)] keep_not_selected_months: String,
) -> Result<(), AppError> {
    use super::guard;
    use crate::domain::done::Done;
    use crate::domain::ids::CohortId;
    use crate::domain::paths::Page;
    use crate::server::db;

    let staff = guard::staff().await?;
    let state = guard::state()?;
    let policy = Policy::parse(&keep_drafts_months, &keep_not_selected_months).map_err(|e| {
        AppError::Invalid(e.keep("keep_drafts_months", &keep_drafts_months).keep("keep_not_selected_months", &keep_not_selected_months))
    })?;
    if !db::retention::set_policy(&state.db, cohort_id, policy).await.map_err(guard::db("set retention"))? {
        return Err(AppError::NotFound);
    }
    tracing::info!(staff_id = staff.id, cohort_id, ?policy, "retention durations changed");
    leptos_axum::redirect(&Done::RetentionSaved.at(&Page::Screening { cohort: CohortId(cohort_id) }.path()));
    Ok(())
}

/// `GET /agent/cohortes/{id}/archive.json`: the cohort's candidatures (drafts excluded, as
/// everywhere staff look) with their content, history, reviews, scores and decisions, for
/// staff to keep before the purge.
#[cfg(feature = "ssr")]
pub async fn archive(
    axum::extract::State(state): axum::extract::State<crate::server::state::AppState>,
    axum::extract::Path(cohort): axum::extract::Path<String>,
    headers: http::HeaderMap,
) -> axum::response::Response {
    use super::staff_csv::{cohort_file, Format};
    use crate::server::db;
    let db = &state.db;
    cohort_file(db, &headers, &cohort, "archive", Format::Json, |cohort| async move {
        let (candidatures, reviews, scores, decisions) = db::retention::archive(db, cohort.id).await?;
        let policy = db::retention::policy(db, cohort.id).await?.unwrap_or_default();
        let mut out = Vec::with_capacity(candidatures.len());
        for c in candidatures {
            let events = db::candidature::events(db, c.id).await?;
            let facts = db::retention::facts_of(db, c.id).await?;
            let content: serde_json::Value = serde_json::from_str(&c.content).unwrap_or(serde_json::Value::Null);
            let reviews: Vec<_> = reviews
                .iter()
                .filter(|r| r.candidature_id == c.id)
                .map(|r| {
                    serde_json::json!({
                        "reviewer": r.reviewer, "track": r.track, "state": r.state, "opinion": r.opinion,
                        "overall": r.overall, "submitted_at": r.submitted_at,
                        "scores": scores.iter().filter(|s| s.review_id == r.id).collect::<Vec<_>>(),
                    })
                })
                .collect();
            out.push(serde_json::json!({
                "id": c.id,
                "reference": crate::domain::candidature::reference(crate::domain::ids::CohortId(cohort.id), crate::domain::ids::CandidatureId(c.id)),
                "project_name": c.project_name,
                "status": c.status,
                "holder": c.holder,
                "started_at": c.started_at,
                "submitted_at": c.submitted_at,
                "kept_until": facts.map(|f| f.kept_until()),
                "content": content,
                "history": events.iter().map(|e| serde_json::json!({
                    "at": e.at, "by": e.actor_name, "from": e.from_status, "to": e.to_status, "message": e.message,
                })).collect::<Vec<_>>(),
                "reviews": reviews,
                "decision": decisions.iter().find(|d| d.candidature_id == c.id),
            }));
        }
        let archive = serde_json::json!({
            "cohort": {
                "id": cohort.id, "name": cohort.name, "call_opens": cohort.call_opens, "call_closes": cohort.call_closes,
                "programme_starts": cohort.programme_starts, "launch_on": cohort.launch_on, "closed_at": cohort.closed_at,
                "retention": policy,
            },
            "generated_at": chrono::Utc::now().to_rfc3339(),
            "candidatures": out,
        });
        Ok(serde_json::to_string_pretty(&archive).unwrap_or_default())
    })
    .await
}
