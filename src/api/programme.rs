//! The programme of a selected project, same record as its candidature: the holder signs
//! the charter (which opens the programme and turns the supports asked in the candidature
//! into requests), requests more supports, posts check-ins and keeps milestones; staff handle
//! each support request, follow the cohort on a dashboard and mark the public launch.

#[cfg(feature = "ssr")]
use crate::domain::paths::Page;

#[cfg(feature = "ssr")]
use crate::domain::done::Done;
#[cfg(feature = "ssr")]
use crate::domain::ids::{CandidatureId, CohortId, UserId};
use crate::domain::candidature::Status;
use crate::domain::charter::Commitment;
use crate::domain::error::AppError;
use crate::domain::programme::{ProgrammeDates, SupportState};
use crate::domain::support::SupportKind;
use chrono::NaiveDate;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupportView {
    pub id: i64,
    pub kind: SupportKind,
    pub need: String,
    pub state: SupportState,
    pub owner: String,
    pub due_on: Option<NaiveDate>,
    pub notes: String,
    pub decline_reason: String,
    pub overdue: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckInView {
    pub author: String,
    pub progress: String,
    pub blockers: String,
    pub needs: String,
    pub at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MilestoneView {
    pub id: i64,
    pub title: String,
    pub due_on: NaiveDate,
    pub done: bool,
    pub late: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgrammeView {
    pub candidature_id: i64,
    pub cohort_id: i64,
    pub cohort_name: String,
    pub project_name: String,
    pub reference: String,
    pub status: Status,
    pub dates: ProgrammeDates,
    /// The viewer is staff (support handling, launch).
    pub staff: bool,
    /// The viewer holds the project (signs the charter).
    pub holder: bool,
    pub signatures: Vec<(Commitment, String, i64)>,
    pub supports: Vec<SupportView>,
    /// Kinds not requested yet.
    pub requestable: Vec<SupportKind>,
    pub check_ins: Vec<CheckInView>,
    pub check_in_due: bool,
    pub milestones: Vec<MilestoneView>,
    pub launched_on: Option<NaiveDate>,
    /// The fields the team agreed to publish.
    pub public_fields: Vec<crate::domain::publication::PublicField>,
    pub evidence: EvidenceView,
    /// The cohort is closed: the page is read only.
    pub cohort_closed: bool,
}

/// Charter evidence with the state of each address's check.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct EvidenceView {
    pub evidence: crate::domain::evidence::Evidence,
    pub source_check: Option<crate::domain::evidence::CheckState>,
    pub data_check: Option<crate::domain::evidence::CheckState>,
}

#[cfg(feature = "ssr")]
impl From<crate::server::db::evidence::EvidenceRow> for EvidenceView {
    fn from(r: crate::server::db::evidence::EvidenceRow) -> Self {
        use crate::domain::evidence::CheckState;
        EvidenceView {
            source_check: (!r.source_url.is_empty()).then(|| CheckState::of(r.source_checked_at, r.source_ok, &r.source_error)),
            data_check: (!r.data_url.is_empty()).then(|| CheckState::of(r.data_checked_at, r.data_ok, &r.data_error)),
            evidence: crate::domain::evidence::Evidence { source_url: r.source_url, data_url: r.data_url, funding: r.funding, results: r.results },
        }
    }
}

#[cfg(feature = "ssr")]
mod load {
    use super::super::guard;
    use crate::domain::candidature::Status;
    use crate::domain::error::AppError;
    use crate::server::db::{self, account::UserRow, candidature::CandidatureRow, cohort::CohortRow};

    /// The caller and a selected project they may see: staff for every one, an applicant for
    /// the ones they hold or co-apply to (others: `NotFound`). Returns whether it is staff.
    pub async fn project(candidature_id: i64) -> Result<(UserRow, CandidatureRow, CohortRow, bool), AppError> {
        let user = guard::signed_in().await?;
        let state = guard::state()?;
        let row = db::candidature::find(&state.db, candidature_id).await.map_err(guard::db("find candidature"))?;
        let Some(row) = row.filter(|r| matches!(r.status(), Status::Selected | Status::InProgramme | Status::Launched)) else {
            return Err(AppError::NotFound);
        };
        let (user, staff) = match guard::Staff::try_from_user(user) {
            Ok(staff) => (staff.into_user(), true),
            Err(user) => (guard::member(user, row.clone()).await?.user, false),
        };
        let Some(cohort) = db::cohort::find(&state.db, row.cohort_id).await.map_err(guard::db("cohort"))? else {
            return Err(AppError::NotFound);
        };
        Ok((user, row, cohort, staff))
    }

    /// `project`, for a change: refused once the cohort is closed (its records are kept as
    /// they were, for comparison with later cohorts).
    pub async fn open_project(candidature_id: i64) -> Result<(UserRow, CandidatureRow, CohortRow, bool), AppError> {
        let found = project(candidature_id).await?;
        if found.2.is_closed() {
            return Err(AppError::CohortClosed);
        }
        Ok(found)
    }

    /// The project's team, for a change: agents are refused first (`Forbidden`: they do not
    /// write in a team's programme), then a closed cohort (`CohortClosed`).
    pub async fn team_change(candidature_id: i64) -> Result<(UserRow, CandidatureRow), AppError> {
        let (user, row, cohort, staff) = project(candidature_id).await?;
        if staff {
            return Err(AppError::Forbidden);
        }
        guard::writable(cohort)?;
        Ok((user, row))
    }

    /// The project's team (not staff) while its programme runs.
    pub async fn team_in_programme(candidature_id: i64) -> Result<(UserRow, CandidatureRow), AppError> {
        let (user, row) = team_change(candidature_id).await?;
        if row.status() != Status::InProgramme {
            return Err(AppError::CandidatureState);
        }
        Ok((user, row))
    }

    /// The form's errors as the error of the call.
    pub fn invalid<T>(errors: crate::domain::validate::FormErrors) -> Result<T, AppError> {
        Err(AppError::Invalid(errors))
    }
}

/// The programme page of a project.
#[server(endpoint = "programme_get")]
pub async fn programme_get(candidature_id: i64) -> Result<ProgrammeView, AppError> {
    use super::guard;
    use crate::domain::programme::{check_in_due, is_overdue};
    use crate::server::db;
    let (user, row, cohort, staff) = load::project(candidature_id).await?;
    let state = guard::state()?;
    let db = &state.db;
    let today = chrono::Utc::now().date_naive();
    let signatures = db::programme::signatures(db, candidature_id).await.map_err(guard::db("signatures"))?;
    let supports = db::programme::supports(db, candidature_id).await.map_err(guard::db("supports"))?;
    let check_ins = db::programme::check_ins(db, candidature_id).await.map_err(guard::db("check-ins"))?;
    let milestones = db::programme::milestones(db, candidature_id).await.map_err(guard::db("milestones"))?;
    let launched_on = db::programme::launched_on(db, candidature_id).await.map_err(guard::db("launch"))?;
    let public_fields = db::publication::consents(db, candidature_id).await.map_err(guard::db("consents"))?;
    let evidence = db::evidence::find(db, candidature_id).await.map_err(guard::db("evidence"))?.map(EvidenceView::from).unwrap_or_default();
    let supports: Vec<SupportView> = supports
        .into_iter()
        .filter_map(|s| {
            Some(SupportView {
                kind: s.kind()?,
                state: s.state(),
                overdue: is_overdue(s.state(), s.due_on, today),
                id: s.id,
                need: s.need,
                owner: s.owner,
                due_on: s.due_on,
                notes: s.notes,
                decline_reason: s.decline_reason,
            })
        })
        .collect();
    let days_since = check_ins.first().map(|k| (db::now() - k.created_at) / 86_400);
    Ok(ProgrammeView {
        candidature_id,
        cohort_id: cohort.id,
        cohort_name: cohort.name.clone(),
        reference: crate::domain::candidature::reference(CohortId(row.cohort_id), CandidatureId(row.id)),
        status: row.status(),
        dates: ProgrammeDates::new(cohort.programme_starts, cohort.launch_on),
        staff,
        holder: row.holder_id == user.id,
        signatures: signatures
            .into_iter()
            .filter_map(|s| Some((Commitment::from_code(&s.commitment)?, s.signer_name, s.signed_at)))
            .collect(),
        requestable: SupportKind::ALL.into_iter().filter(|k| !supports.iter().any(|s| s.kind == *k)).collect(),
        supports,
        check_in_due: row.status() == Status::InProgramme && check_in_due(days_since),
        check_ins: check_ins
            .into_iter()
            .map(|k| CheckInView { author: k.author_name, progress: k.progress, blockers: k.blockers, needs: k.needs, at: k.created_at })
            .collect(),
        milestones: milestones
            .into_iter()
            .map(|m| MilestoneView { id: m.id, late: m.done_at.is_none() && m.due_on < today, done: m.done_at.is_some(), title: m.title, due_on: m.due_on })
            .collect(),
        launched_on,
        public_fields,
        evidence,
        cohort_closed: cohort.is_closed(),
        project_name: row.project_name,
    })
}

/// The holder signs the 4 commitments of the charter (each one ticked): the programme opens,
/// with the supports asked in the candidature as requests.
#[server(endpoint = "programme_sign")]
pub async fn programme_sign(
    candidature_id: i64,
    #[server(default)] commitments: Vec<String>,
) -> Result<(), AppError> {
    use super::guard;
    use crate::domain::validate::{FormErrors, Problem};
    use crate::server::db;
    // Only the holder signs; who may is checked before whether the cohort still changes.
    let (user, row, cohort, staff) = load::project(candidature_id).await?;
    if staff || row.holder_id != user.id {
        return Err(AppError::Forbidden);
    }
    guard::writable(cohort)?;
    if row.status() != Status::Selected {
        return Err(AppError::CandidatureState);
    }
    let mut errors = FormErrors::default();
    for c in Commitment::ALL {
        if !commitments.iter().any(|code| code == c.code()) {
            errors.add(&format!("commitment_{}", c.code()), Problem::CharterSignatureRequired);
        }
    }
    if !errors.is_empty() {
        let ticked = commitments.join(",");
        return load::invalid(errors.keep("commitments", &ticked));
    }
    let state = guard::state()?;
    let supports: Vec<(SupportKind, String)> = super::candidature::form_of(&row)
        .supports
        .iter()
        .filter_map(|s| Some((SupportKind::from_code(&s.kind)?, s.need.clone())))
        .collect();
    if !db::programme::sign_charter(&state.db, CandidatureId(candidature_id), UserId(user.id), &user.display_name, &supports)
        .await
        .map_err(guard::db("sign charter"))?
    {
        return Err(AppError::Conflict);
    }
    tracing::info!(candidature = candidature_id, "charter signed, programme open");
    leptos_axum::redirect(&Done::CharterSigned.at(&Page::Project { id: CandidatureId(candidature_id) }.path()));
    Ok(())
}

/// The team asks for one more kind of support, saying what it needs.
#[server(endpoint = "support_request")]
pub async fn support_request(candidature_id: i64, #[server(default)] kind: String, #[server(default)] need: String) -> Result<(), AppError> {
    use super::guard;
    use crate::domain::programme::TEXT_MAX;
    use crate::domain::validate::{text_block, FormErrors, Problem};
    use crate::server::db;
    load::team_in_programme(candidature_id).await?;
    let state = guard::state()?;
    let mut errors = FormErrors::default();
    let kind_ok = SupportKind::from_code(&kind);
    if kind_ok.is_none() {
        errors.add("kind", Problem::UnknownChoice);
    }
    if need.trim().is_empty() {
        errors.add("need", Problem::Required);
    } else if let Err(p) = text_block(&need, TEXT_MAX) {
        errors.add("need", p);
    }
    let Some(kind_ok) = kind_ok.filter(|_| errors.is_empty()) else {
        return load::invalid(errors.keep("kind", &kind).keep("need", &need));
    };
    if !db::programme::request_support(&state.db, candidature_id, kind_ok, need.trim()).await.map_err(guard::db("request support"))? {
        errors.add("kind", Problem::DuplicateChoice);
        return load::invalid(errors.keep("kind", &kind).keep("need", &need));
    }
    leptos_axum::redirect(&Done::SupportRequested.at(&Page::Project { id: CandidatureId(candidature_id) }.path()));
    Ok(())
}

/// Staff: owner, due date, notes and the next state of a support request (declining needs a
/// reason). `from` is the state the page showed: a request moved meanwhile is refused.
#[server(endpoint = "support_update")]
pub async fn support_update(
    id: i64,
    #[server(default)] from: String,
    #[server(default)] state: String,
    #[server(default)] owner: String,
    #[server(default)] due_on: String,
    #[server(default)] notes: String,
    #[server(default)] reason: String,
) -> Result<(), AppError> {
    use super::guard;
    use crate::domain::programme::check_support_update;
    use crate::server::db;
    guard::staff().await?;
    let app = guard::state()?;
    let Some(row) = db::programme::support(&app.db, id).await.map_err(guard::db("support"))? else {
        return Err(AppError::NotFound);
    };
    load::open_project(row.candidature_id).await?;
    if SupportState::from_code(&from) != Some(row.state()) {
        return Err(AppError::Conflict);
    }
    let update = match check_support_update(row.state(), &state, &owner, &due_on, &notes, &reason) {
        Ok(u) => u,
        Err(errors) => return load::invalid(errors.keep("support", &id.to_string())),
    };
    if !db::programme::update_support(&app.db, id, row.state(), &update).await.map_err(guard::db("update support"))? {
        return Err(AppError::Conflict);
    }
    tracing::info!(support = id, state = update.state.code(), "support request updated");
    leptos_axum::redirect(&Done::SupportUpdated.at(&Page::Project { id: CandidatureId(row.candidature_id) }.path()));
    Ok(())
}

/// The team publishes its charter evidence (addresses checked soon after, then daily).
#[server(endpoint = "evidence_save")]
pub async fn evidence_save(
    candidature_id: i64,
    #[server(default)] source_url: String,
    #[server(default)] data_url: String,
    #[server(default)] funding: String,
    #[server(default)] results: String,
) -> Result<(), AppError> {
    use super::guard;
    use crate::domain::evidence::check_evidence;
    use crate::server::db;
    let (_, row) = load::team_change(candidature_id).await?;
    if !matches!(row.status(), Status::InProgramme | Status::Launched) {
        return Err(AppError::CandidatureState);
    }
    let evidence = match check_evidence(&source_url, &data_url, &funding, &results) {
        Ok(e) => e,
        Err(errors) => return load::invalid(errors),
    };
    let state = guard::state()?;
    db::evidence::save(&state.db, candidature_id, &evidence).await.map_err(guard::db("evidence"))?;
    leptos_axum::redirect(&Done::EvidenceSaved.at(&Page::Project { id: CandidatureId(candidature_id) }.path()));
    Ok(())
}

/// The team's fortnightly check-in.
#[server(endpoint = "checkin_post")]
pub async fn checkin_post(
    candidature_id: i64,
    #[server(default)] progress: String,
    #[server(default)] blockers: String,
    #[server(default)] needs: String,
) -> Result<(), AppError> {
    use super::guard;
    use crate::domain::programme::check_check_in;
    use crate::server::db;
    let (user, _) = load::team_in_programme(candidature_id).await?;
    if let Err(errors) = check_check_in(&progress, &blockers, &needs) {
        return load::invalid(errors);
    }
    let state = guard::state()?;
    db::programme::add_check_in(&state.db, CandidatureId(candidature_id), UserId(user.id), progress.trim(), blockers.trim(), needs.trim())
        .await
        .map_err(guard::db("check-in"))?;
    leptos_axum::redirect(&Done::CheckInPosted.at(&Page::Project { id: CandidatureId(candidature_id) }.path()));
    Ok(())
}

/// The team adds a milestone.
#[server(endpoint = "milestone_add")]
pub async fn milestone_add(candidature_id: i64, #[server(default)] title: String, #[server(default)] due_on: String) -> Result<(), AppError> {
    use super::guard;
    use crate::domain::programme::check_milestone;
    use crate::server::db;
    load::team_in_programme(candidature_id).await?;
    let (title, due) = match check_milestone(&title, &due_on) {
        Ok(ok) => ok,
        Err(errors) => return load::invalid(errors),
    };
    let state = guard::state()?;
    db::programme::add_milestone(&state.db, candidature_id, &title, due).await.map_err(guard::db("milestone"))?;
    leptos_axum::redirect(&Done::MilestonesUpdated.at(&Page::Project { id: CandidatureId(candidature_id) }.path()));
    Ok(())
}

/// The team marks a milestone done (`done` set) or not done.
#[server(endpoint = "milestone_done")]
pub async fn milestone_done(id: i64, #[server(default)] done: String) -> Result<(), AppError> {
    use super::guard;
    use crate::server::db;
    let state = guard::state()?;
    let Some(m) = db::programme::milestone(&state.db, id).await.map_err(guard::db("milestone"))? else {
        return Err(AppError::NotFound);
    };
    load::team_in_programme(m.candidature_id).await?;
    db::programme::set_milestone_done(&state.db, id, !done.is_empty()).await.map_err(guard::db("milestone done"))?;
    leptos_axum::redirect(&Done::MilestonesUpdated.at(&Page::Project { id: CandidatureId(m.candidature_id) }.path()));
    Ok(())
}

/// Staff: the project was launched publicly on `launched_on` (`YYYY-MM-DD`).
#[server(endpoint = "programme_launch")]
pub async fn programme_launch(candidature_id: i64, #[server(default)] launched_on: String) -> Result<(), AppError> {
    use super::guard;
    use crate::domain::validate::{FormErrors, Problem};
    use crate::server::db;
    let staff = guard::staff().await?;
    let (_, row, cohort, _) = load::open_project(candidature_id).await?;
    if row.status() != Status::InProgramme {
        return Err(AppError::CandidatureState);
    }
    if chrono::Utc::now().date_naive() < cohort.programme_starts {
        return Err(AppError::NotBefore { day: cohort.programme_starts });
    }
    let Ok(on) = NaiveDate::parse_from_str(launched_on.trim(), "%Y-%m-%d") else {
        let mut errors = FormErrors::default();
        errors.add("launched_on", if launched_on.trim().is_empty() { Problem::Required } else { Problem::InvalidDate });
        return load::invalid(errors.keep("launched_on", &launched_on));
    };
    let state = guard::state()?;
    if !db::programme::launch(&state.db, CandidatureId(candidature_id), on, UserId(staff.id)).await.map_err(guard::db("launch"))? {
        return Err(AppError::Conflict);
    }
    tracing::info!(candidature = candidature_id, %on, "project launched");
    leptos_axum::redirect(&Done::LaunchRecorded.at(&Page::Project { id: CandidatureId(candidature_id) }.path()));
    Ok(())
}

pub use crate::domain::programme::{CohortSummary, Dashboard, DashboardFilter, DashboardRow};

/// Staff: every selected project of a cohort with its progress and risks, filtered and sorted
/// as the page's query says (`risque`, `etat`, `tri`).
#[server(endpoint = "programme_dashboard")]
pub async fn programme_dashboard(
    cohort_id: i64,
    #[server(default)] risk: String,
    #[server(default)] state: String,
    #[server(default)] sort: String,
) -> Result<Dashboard, AppError> {
    use super::guard;
    guard::staff().await?;
    let app = guard::state()?;
    let Some(cohort) = crate::server::db::cohort::find(&app.db, cohort_id).await.map_err(guard::db("cohort"))? else {
        return Err(AppError::NotFound);
    };
    let mut d = dashboard::build(&app.db, &cohort).await.map_err(guard::db("dashboard"))?;
    d.rows = DashboardFilter::from_query(&risk, &state, &sort).apply(d.rows);
    Ok(d)
}

/// Staff: each cohort whose programme has started, in figures, side by side (latest first).
#[server(endpoint = "programme_comparison")]
pub async fn programme_comparison() -> Result<Vec<CohortSummary>, AppError> {
    use super::guard;
    guard::staff().await?;
    let app = guard::state()?;
    let today = chrono::Utc::now().date_naive();
    let cohorts = crate::server::db::cohort::list(&app.db).await.map_err(guard::db("cohorts"))?;
    let mut out = Vec::new();
    for cohort in cohorts.iter().filter(|c| c.programme_starts <= today) {
        out.push(dashboard::build(&app.db, cohort).await.map_err(guard::db("dashboard"))?.summary);
    }
    Ok(out)
}

/// `GET /agent/cohortes/{id}/programme.csv` (staff): the dashboard's rows as the page shows
/// them with the same query, one line per project.
#[cfg(feature = "ssr")]
pub async fn export_csv(
    axum::extract::State(state): axum::extract::State<crate::server::state::AppState>,
    axum::extract::Path(cohort): axum::extract::Path<String>,
    axum::extract::Query(query): axum::extract::Query<std::collections::HashMap<String, String>>,
    headers: http::HeaderMap,
) -> axum::response::Response {
    use crate::domain::csv;
    use crate::domain::programme::{dashboard_csv_record, DASHBOARD_CSV_COLUMNS};
    let q = |k: &str| query.get(k).map(String::as_str).unwrap_or("");
    let filter = DashboardFilter::from_query(q("risque"), q("etat"), q("tri"));
    let db = &state.db;
    super::staff_csv::cohort(db, &headers, &cohort, "suivi", |cohort| async move {
        let d = dashboard::build(db, &cohort).await?;
        let mut out = csv::line(&DASHBOARD_CSV_COLUMNS);
        for r in &filter.apply(d.rows) {
            out.push_str(&csv::line(&dashboard_csv_record(r)));
        }
        Ok(out)
    })
    .await
}

#[cfg(feature = "ssr")]
mod dashboard {
    use crate::domain::ids::CohortId;
    use super::*;
    use crate::domain::programme::{is_overdue, risks, Progress};
    use crate::server::db::{self, cohort::CohortRow, Db};

    /// Every selected project of the cohort with its progress, risks and evidence checks.
    pub async fn build(db: &Db, cohort: &CohortRow) -> Result<Dashboard, sqlx::Error> {
        let cohort_id = cohort.id;
        let mut projects = Vec::new();
        for status in crate::domain::programme::DASHBOARD_STATES {
            projects.extend(db::candidature::list_for_cohort(db, cohort_id, Some(status), "").await?);
        }
        projects.sort_by(|a, b| a.row.project_name.cmp(&b.row.project_name));
        let supports = db::programme::cohort_supports(db, cohort_id).await?;
        let check_ins = db::programme::cohort_last_check_ins(db, cohort_id).await?;
        let milestones = db::programme::cohort_milestones(db, cohort_id).await?;
        let signed = db::programme::cohort_signatures(db, cohort_id).await?;
        let evidence = db::evidence::all(db).await?;
        let today = chrono::Utc::now().date_naive();
        let now = db::now();
        let days_in_programme = (today - cohort.programme_starts).num_days();
        let rows = projects
            .into_iter()
            .map(|p| {
                let id = p.row.id;
                let own_supports: Vec<_> = supports.iter().filter(|s| s.candidature_id == id).collect();
                let own_milestones: Vec<_> = milestones.iter().filter(|m| m.candidature_id == id).collect();
                let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
                let progress = Progress {
                    charter_signed: signed.iter().any(|(c, n)| *c == id && *n >= Commitment::ALL.len() as i64),
                    milestones_done: count(own_milestones.iter().filter(|m| m.done_at.is_some()).count()),
                    milestones_total: count(own_milestones.len()),
                    milestones_late: count(own_milestones.iter().filter(|m| m.done_at.is_none() && m.due_on < today).count()),
                    days_since_check_in: check_ins.iter().find(|(c, _)| *c == id).map(|(_, at)| (now - at) / 86_400),
                    supports_delivered: count(own_supports.iter().filter(|s| s.state() == SupportState::Delivered).count()),
                    supports_requested: count(own_supports.iter().filter(|s| s.state() != SupportState::Declined).count()),
                    supports_overdue: count(own_supports.iter().filter(|s| is_overdue(s.state(), s.due_on, today)).count()),
                };
                let status = p.row.status();
                let risks = if status == Status::Launched { Vec::new() } else { risks(&progress, days_in_programme) };
                let checks = evidence
                    .iter()
                    .filter(|e| e.candidature_id == id)
                    .flat_map(|e| [(&e.source_url, e.source_checked_at, e.source_ok), (&e.data_url, e.data_checked_at, e.data_ok)])
                    .filter(|(url, ..)| !url.is_empty())
                    .collect::<Vec<_>>();
                let evidence = (
                    count(checks.len()),
                    count(checks.iter().filter(|(_, at, ok)| at.is_some() && *ok).count()),
                    count(checks.iter().filter(|(_, at, ok)| at.is_some() && !*ok).count()),
                );
                DashboardRow {
                    evidence,
                    candidature_id: id,
                    reference: crate::domain::candidature::reference(CohortId(p.row.cohort_id), CandidatureId(id)),
                    project_name: p.row.project_name,
                    status,
                    progress,
                    risks,
                }
            })
            .collect();
        Ok(Dashboard::new(
            cohort_id,
            cohort.name.clone(),
            ProgrammeDates::new(cohort.programme_starts, cohort.launch_on),
            cohort.is_closed(),
            rows,
        ))
    }
}
