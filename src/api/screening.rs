//! Eligibility screening (staff): the cohort's candidatures with search, filters and
//! completion-time statistics, one candidature in full with its history, the decision,
//! and the CSV export. Drafts stay the applicant's own: staff never read them.

#[cfg(feature = "ssr")]
use crate::domain::ids::{CandidatureId, CohortId, UserId};
#[cfg(feature = "ssr")]
use crate::domain::paths::Page;

#[cfg(feature = "ssr")]
use crate::domain::done::Done;
use crate::api::candidature::EventView;
use crate::domain::candidature::{CarrierKind, CompletionStats, Status};
use crate::domain::candidature_form::CandidatureForm;
use crate::domain::charter::Commitment;
use crate::domain::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScreeningRow {
    pub id: i64,
    pub reference: String,
    pub project_name: String,
    pub holder_name: String,
    pub carrier_kind: Option<CarrierKind>,
    pub status: Status,
    pub submitted_at: Option<i64>,
    pub active_seconds: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CohortScreening {
    pub cohort_id: i64,
    pub cohort_name: String,
    pub rows: Vec<ScreeningRow>,
    /// Every status with its number of candidatures in the cohort (drafts included).
    pub counts: Vec<(Status, i64)>,
    pub completion: CompletionStats,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScreeningView {
    pub id: i64,
    pub reference: String,
    pub cohort_id: i64,
    pub cohort_name: String,
    pub status: Status,
    pub version: i64,
    pub holder_name: String,
    pub holder_email: String,
    pub form: CandidatureForm,
    /// Each accepted commitment with its acceptance time.
    pub accepted: Vec<(Commitment, i64)>,
    pub started_at: i64,
    pub submitted_at: Option<i64>,
    pub active_seconds: i64,
    pub history: Vec<EventView>,
    pub attachment: Option<crate::api::attachment::AttachmentView>,
    pub can_decide: bool,
}

#[cfg(feature = "ssr")]
mod load {
    use super::super::guard;
    use crate::domain::error::AppError;
    use crate::server::db::{self, cohort::CohortRow};


    pub async fn cohort(db: &db::Db, id: i64) -> Result<CohortRow, AppError> {
        match db::cohort::find(db, id).await.map_err(guard::db("find cohort"))? {
            Some(c) => Ok(c),
            None => Err(AppError::NotFound),
        }
    }
}

/// The cohort's candidatures (never drafts), filtered by status
/// code and searched by project, holder name or email.
#[server(endpoint = "screening_list")]
pub async fn screening_list(
    cohort_id: i64,
    #[server(default)] status: String,
    #[server(default)] q: String,
) -> Result<CohortScreening, AppError> {
    use super::guard;
    use crate::domain::candidature::{completion_stats, reference};
    use crate::server::db;
    guard::staff().await?;
    let q = match crate::domain::validate::search(&q) {
        Ok(q) => q,
        Err(problem) => {
            let mut errors = crate::domain::validate::FormErrors::default();
            errors.add("q", problem);
            return Err(AppError::Invalid(errors));
        }
    };
    let state = guard::state()?;
    let cohort = load::cohort(&state.db, cohort_id).await?;
    let status = Status::from_code(&status);
    let listed = db::candidature::list_for_cohort(&state.db, cohort_id, status, &q).await.map_err(guard::db("list"))?;
    let counts = db::candidature::count_by_status(&state.db, cohort_id).await.map_err(guard::db("counts"))?;
    let times = db::candidature::completion_times(&state.db, cohort_id).await.map_err(guard::db("times"))?;
    let rows = listed
        .into_iter()
        .map(|l| ScreeningRow {
            id: l.row.id,
            reference: reference(CohortId(l.row.cohort_id), CandidatureId(l.row.id)),
            project_name: l.row.project_name.clone(),
            holder_name: l.holder_name,
            carrier_kind: CarrierKind::from_code(&l.row.carrier_kind),
            status: l.row.status(),
            submitted_at: l.row.submitted_at,
            active_seconds: l.row.active_seconds,
        })
        .collect();
    let counts = Status::ALL
        .into_iter()
        .map(|s| (s, counts.iter().find(|(code, _)| code == s.code()).map(|(_, n)| *n).unwrap_or(0)))
        .collect();
    Ok(CohortScreening { cohort_id, cohort_name: cohort.name, rows, counts, completion: completion_stats(&times) })
}

/// One candidature in full, for screening.
#[server(endpoint = "screening_get")]
pub async fn screening_get(id: i64) -> Result<ScreeningView, AppError> {
    use super::guard;
    use crate::domain::candidature::reference;
    use crate::domain::screening::can_screen;
    use crate::server::db;
    guard::staff().await?;
    let state = guard::state()?;
    let row = db::candidature::find(&state.db, id).await.map_err(guard::db("find"))?;
    let Some(row) = row.filter(|r| r.status() != Status::Draft) else {
        return Err(AppError::NotFound);
    };
    let cohort = load::cohort(&state.db, row.cohort_id).await?;
    let holder = db::account::find_by_id(&state.db, row.holder_id).await.map_err(guard::db("holder"))?;
    let (holder_name, holder_email) = holder.map(|h| (h.display_name, h.email)).unwrap_or_default();
    let accepted = db::candidature::accepted_commitments(&state.db, id).await.map_err(guard::db("commitments"))?;
    let events = db::candidature::events(&state.db, id).await.map_err(guard::db("events"))?;
    let attachment = super::candidature::attachment_of(&state.db, id).await?;
    let status = row.status();
    Ok(ScreeningView {
        id,
        reference: reference(CohortId(row.cohort_id), CandidatureId(id)),
        cohort_id: row.cohort_id,
        cohort_name: cohort.name,
        status,
        version: row.version,
        holder_name,
        holder_email,
        form: super::candidature::form_of(&row),
        accepted,
        started_at: row.started_at,
        submitted_at: row.submitted_at,
        active_seconds: row.active_seconds,
        history: events.into_iter().map(|e| EventView::of(e, row.holder_id, true)).collect(),
        attachment,
        can_decide: can_screen(status),
    })
}

/// Records a screening decision (`decision` is a `Decision` code) with its message, if the
/// candidature is still as the caller read it.
#[server(endpoint = "screening_decide")]
pub async fn screening_decide(
    id: i64,
    version: i64,
    #[server(default)] decision: String,
    #[server(default)] message: String,
) -> Result<(), AppError> {
    use super::guard;
    use crate::domain::screening::check_decision;
    use crate::server::db;
    let staff = guard::staff().await?;
    let state = guard::state()?;
    let row = db::candidature::find(&state.db, id).await.map_err(guard::db("find"))?;
    let Some(row) = row.filter(|r| r.status() != Status::Draft) else {
        return Err(AppError::NotFound);
    };
    guard::writable_cohort(row.cohort_id).await?;
    if row.version != version {
        return Err(AppError::Conflict);
    }
    let (decision, message) = check_decision(row.status(), &decision, &message)?;
    // Only a correction request needs the applicant to act now; the jury's decision comes later.
    let mails = if decision.status() == Status::CorrectionRequested {
        let notice = crate::domain::mail::Notice::CorrectionRequested {
            project: row.project_name.clone(),
            note: message.clone(),
            candidature_id: id,
        };
        super::notify::candidature(id, &notice).await?
    } else {
        Vec::new()
    };
    let moved = db::candidature::transition_notifying(&state.db, CandidatureId(id), row.status(), decision.status(), Some(UserId(staff.id)), &message, &mails)
        .await
        .map_err(guard::db("screening decision"))?;
    if !moved {
        return Err(AppError::Conflict);
    }
    tracing::info!(candidature = id, decision = decision.code(), "screening decision");
    leptos_axum::redirect(&Done::ScreeningDecided.at(&Page::StaffCandidature { id: CandidatureId(id) }.path()));
    Ok(())
}

/// The stable columns of the CSV export, in order.
pub const CSV_COLUMNS: [&str; 22] = [
    "reference",
    "status",
    "project_name",
    "pitch",
    "stage",
    "theme",
    "website",
    "repository",
    "carrier_kind",
    "carrier_name",
    "holder_name",
    "holder_email",
    "co_applicants",
    "licence",
    "supports",
    "commitments_accepted",
    "started_at",
    "submitted_at",
    "active_minutes",
    "public_interest",
    "impact",
    "funding_statement",
];

/// `GET /agent/cohortes/{id}/candidatures.csv`: the cohort's candidatures (drafts excluded),
/// one row each, UTF-8 with a byte-order mark. Staff only.
#[cfg(feature = "ssr")]
pub async fn export_csv(
    axum::extract::State(state): axum::extract::State<crate::server::state::AppState>,
    axum::extract::Path(cohort): axum::extract::Path<String>,
    headers: http::HeaderMap,
) -> axum::response::Response {
    use crate::server::db;
    let db = &state.db;
    super::staff_csv::cohort(db, &headers, &cohort, "candidatures", |cohort| async move {
        let rows = db::candidature::list_for_cohort(db, cohort.id, None, "").await?;
        let accepted = db::candidature::commitment_counts(db, cohort.id).await?;
        Ok(lines(rows, &accepted))
    })
    .await
}

/// The export's lines: the header, then one per candidature.
#[cfg(feature = "ssr")]
fn lines(rows: Vec<crate::server::db::candidature::ListedRow>, accepted: &[(i64, i64)]) -> String {
    use crate::domain::candidature::reference;
    use crate::domain::csv;
    let iso = |t: i64| chrono::DateTime::from_timestamp(t, 0).map(|d| d.to_rfc3339()).unwrap_or_default();
    let mut out = csv::line(&CSV_COLUMNS);
    for l in rows {
        let accepted = accepted.iter().find(|(id, _)| *id == l.row.id).map(|(_, n)| *n).unwrap_or(0);
        let f = super::candidature::form_of(&l.row);
        let co = f.co_applicants.iter().map(|c| format!("{} <{}> ({})", c.name, c.email, c.role)).collect::<Vec<_>>();
        let supports = f.supports.iter().map(|s| s.kind.clone()).collect::<Vec<_>>();
        out.push_str(&csv::line(&[
            reference(CohortId(l.row.cohort_id), CandidatureId(l.row.id)),
            l.row.status.clone(),
            f.project_name.clone(),
            f.pitch.clone(),
            f.stage.clone(),
            f.theme.clone(),
            f.website.clone(),
            f.repository.clone(),
            f.carrier_kind.clone(),
            f.carrier_name.clone(),
            l.holder_name.clone(),
            l.holder_email.clone(),
            co.join(" | "),
            f.licence.clone(),
            supports.join(" | "),
            accepted.to_string(),
            iso(l.row.started_at),
            l.row.submitted_at.map(iso).unwrap_or_default(),
            (l.row.active_seconds / 60).to_string(),
            f.public_interest.clone(),
            f.impact.clone(),
            f.funding_statement.clone(),
        ]));
    }
    out
}
