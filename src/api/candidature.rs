//! The applicant's candidature: start (or resume), read, autosave, submit, withdraw.
//! Only the holder reaches their candidature; anyone else gets « not found ».

#[cfg(feature = "ssr")]
use crate::domain::ids::{CandidatureId, CohortId, UserId};
#[cfg(feature = "ssr")]
use crate::domain::paths::Page;

use crate::domain::candidature::Status;
use crate::domain::candidature_form::CandidatureForm;
use crate::domain::charter::Commitment;
use crate::domain::error::AppError;
use chrono::NaiveDate;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CandidatureView {
    pub id: i64,
    pub cohort_id: i64,
    pub status: Status,
    pub reference: String,
    pub form: CandidatureForm,
    /// The version to send back with the next save (optimistic concurrency).
    pub version: i64,
    pub current_step: i32,
    pub accepted: Vec<Commitment>,
    pub call_closes: NaiveDate,
    pub can_edit: bool,
    pub can_submit: bool,
    pub can_withdraw: bool,
    /// The caller holds the candidature (otherwise they are one of its co-applicants, who can
    /// read and edit it; only the holder submits and withdraws).
    pub holder: bool,
    pub updated_at: i64,
    pub submitted_at: Option<i64>,
    /// Status changes and staff messages, oldest first.
    pub history: Vec<EventView>,
    pub attachment: Option<super::attachment::AttachmentView>,
    /// The selection decision with its aggregated feedback, once decided.
    pub decision: Option<super::jury::DecisionView>,
    /// Messages from staff in the candidature's thread the caller has not read.
    pub unread_messages: i64,
    /// Until when the candidature is kept (`domain::retention`).
    pub kept_until: crate::domain::retention::KeptUntil,
}

impl CandidatureView {
    /// The staff's message behind the current status (a correction to make, a reason for
    /// ineligibility), if there is one.
    pub fn staff_message(&self) -> Option<&str> {
        self.history
            .last()
            .filter(|e| e.to == self.status && !e.by_applicant && !e.message.is_empty())
            .map(|e| e.message.as_str())
    }
}

/// One entry of a candidature's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventView {
    pub at: i64,
    pub from: Status,
    pub to: Status,
    /// A staff reason or message (empty when none).
    pub message: String,
    /// The holder acted (submitted, withdrew); otherwise staff did.
    pub by_applicant: bool,
    /// Who acted: shown to staff only; applicants read « l'équipe du programme ».
    pub actor_name: String,
}

#[cfg(feature = "ssr")]
impl EventView {
    pub(crate) fn of(e: crate::server::db::candidature::EventRow, holder_id: i64, for_staff: bool) -> Self {
        let by_applicant = e.actor_id == Some(holder_id);
        EventView {
            at: e.at,
            from: Status::from_code(&e.from_status).unwrap_or(Status::Draft),
            to: Status::from_code(&e.to_status).unwrap_or(Status::Draft),
            message: e.message,
            by_applicant,
            actor_name: if for_staff || by_applicant { e.actor_name } else { String::new() },
        }
    }
}

/// The candidature's attachment, if any.
#[cfg(feature = "ssr")]
pub(crate) async fn attachment_of(
    db: &crate::server::db::Db,
    id: i64,
) -> Result<Option<super::attachment::AttachmentView>, AppError> {
    let row = crate::server::db::attachment::info(db, id).await.map_err(super::guard::db("attachment"))?;
    Ok(row.map(|a| super::attachment::AttachmentView { file_name: a.file_name, size_bytes: a.size_bytes, uploaded_at: a.uploaded_at }))
}

/// A stored form that no longer parses is a bug: log it and show an empty form rather than fail.
#[cfg(feature = "ssr")]
pub(crate) fn form_of(row: &crate::server::db::candidature::CandidatureRow) -> CandidatureForm {
    serde_json::from_str(&row.content).unwrap_or_else(|e| {
        tracing::error!(candidature = row.id, error = %e, "stored candidature content does not parse");
        CandidatureForm::default()
    })
}

/// What a save answers: the new version and when it was saved (UTC unix seconds).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Saved {
    pub version: i64,
    pub saved_at: i64,
}

#[cfg(feature = "ssr")]
mod load {
    use crate::domain::ids::{CandidatureId, CohortId, UserId};
    use super::super::guard;
    use super::CandidatureView;
    use crate::domain::candidature::{applicant_can_edit, applicant_can_submit, applicant_can_withdraw, reference};
    use crate::domain::error::AppError;
    use crate::server::db::{self, account::UserRow, candidature::CandidatureRow, cohort::CohortRow};

    /// The caller (an applicant), a candidature they hold or co-apply to, and its cohort;
    /// `NotFound` when it is someone else's, so that its existence does not leak.
    pub async fn own(id: i64) -> Result<(UserRow, CandidatureRow, CohortRow), AppError> {
        let user = guard::citizen().await?.into_user();
        let state = guard::state()?;
        let row = db::candidature::find(&state.db, id).await.map_err(guard::db("find candidature"))?;
        let Some(row) = row else { return Err(AppError::NotFound) };
        let guard::Member { user, candidature: row, .. } = guard::member(user, row).await?;
        let cohort = db::cohort::find(&state.db, row.cohort_id).await.map_err(guard::db("find cohort"))?;
        let Some(cohort) = cohort else { return Err(AppError::NotFound) };
        Ok((user, row, cohort))
    }

    /// Submitting and withdrawing belong to the holder alone.
    pub fn holder_only(user: &UserRow, row: &CandidatureRow) -> Result<(), AppError> {
        if row.holder_id == user.id {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }

    pub async fn view(caller: &UserRow, row: CandidatureRow, cohort: &CohortRow) -> Result<CandidatureView, AppError> {
        let state = guard::state()?;
        let accepted = db::candidature::accepted_commitments(&state.db, row.id).await.map_err(guard::db("commitments"))?;
        let events = db::candidature::events(&state.db, row.id).await.map_err(guard::db("events"))?;
        let attachment = super::attachment_of(&state.db, row.id).await?;
        let decision = crate::api::jury::decision_of(&state.db, row.id).await?;
        let unread_messages = db::messages::unread_counts(&state.db, UserId(caller.id), &[CandidatureId(row.id)])
            .await
            .map_err(guard::db("unread messages"))?
            .first()
            .map(|(_, n)| *n)
            .unwrap_or(0);
        let kept_until = db::retention::facts_of(&state.db, row.id)
            .await
            .map_err(guard::db("keep facts"))?
            .map(|f| f.kept_until())
            .unwrap_or(crate::domain::retention::KeptUntil::Decision);
        let phase = cohort.calendar().phase_on(chrono::Utc::now().date_naive());
        let status = row.status();
        let holder = row.holder_id == caller.id;
        Ok(CandidatureView {
            id: row.id,
            cohort_id: row.cohort_id,
            status,
            reference: reference(CohortId(row.cohort_id), CandidatureId(row.id)),
            form: super::form_of(&row),
            version: row.version,
            current_step: row.current_step,
            accepted: accepted.into_iter().map(|(c, _)| c).collect(),
            call_closes: cohort.call_closes,
            can_edit: applicant_can_edit(status, phase),
            can_submit: holder && applicant_can_submit(status, phase),
            can_withdraw: holder && applicant_can_withdraw(status),
            holder,
            updated_at: row.updated_at,
            submitted_at: row.submitted_at,
            history: events.into_iter().map(|e| super::EventView::of(e, row.holder_id, false)).collect(),
            attachment,
            decision,
            unread_messages,
            kept_until,
        })
    }
}

/// Starts a candidature in the cohort whose call is open, or resumes the caller's draft there.
#[server(endpoint = "candidature_start")]
pub async fn start_candidature() -> Result<i64, AppError> {
    use super::guard;
    use crate::domain::jury::conflict::{may_apply, Involvement};
    use crate::server::db;
    let user = guard::citizen().await?;
    let state = guard::state()?;
    let today = chrono::Utc::now().date_naive();
    let Some(cohort) = db::cohort::open_call(&state.db, today).await.map_err(guard::db("open call"))? else {
        return Err(AppError::CallNotOpen);
    };
    let mine = db::candidature::list_for_holder(&state.db, user.id).await.map_err(guard::db("my candidatures"))?;
    // A member of the cohort's jury cannot apply to it.
    let sits = db::jury::juror(&state.db, CohortId(cohort.id), UserId(user.id)).await.map_err(guard::db("juror seat"))?.is_some();
    if !may_apply(Involvement { applies: false, sits }) {
        return Err(AppError::ConflictOfInterest);
    }
    let id = match mine.iter().find(|c| c.cohort_id == cohort.id && c.status() == Status::Draft) {
        Some(draft) => draft.id,
        None => {
            let id = db::candidature::create_draft(&state.db, CohortId(cohort.id), UserId(user.id)).await.map_err(guard::db("create draft"))?;
            tracing::info!(candidature = id, user_id = user.id, "candidature started");
            id
        }
    };
    let step = mine.iter().find(|c| c.id == id).map(|c| c.current_step).unwrap_or(1);
    leptos_axum::redirect(&Page::Step { id: CandidatureId(id), step }.path());
    Ok(id)
}

/// The caller's candidature, with what they may do with it now.
#[server(endpoint = "candidature_get")]
pub async fn get_candidature(id: i64) -> Result<CandidatureView, AppError> {
    let (user, row, cohort) = load::own(id).await?;
    // Back after logging in again: the step posted when the session had expired is saved now.
    if store::restore_pending(&user, &row, &cohort).await.unwrap_or(false) {
        let (user, row, cohort) = load::own(id).await?;
        return load::view(&user, row, &cohort).await;
    }
    load::view(&user, row, &cohort).await
}

/// « Mes candidatures »: what the caller holds or co-applies to, and how many candidatures
/// name their address as co-applicant but wait for the address to be confirmed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CandidatureList {
    pub list: Vec<CandidatureView>,
    pub waiting_for_confirmation: i64,
}

/// The candidatures the caller holds or co-applies to, most recent first.
#[server(endpoint = "candidature_mine")]
pub async fn my_candidatures() -> Result<CandidatureList, AppError> {
    use super::guard;
    use crate::server::db;
    let user = guard::citizen().await?;
    let state = guard::state()?;
    let waiting_for_confirmation =
        db::candidature::waiting_for_confirmation(&state.db, &user).await.map_err(guard::db("waiting invitations"))?;
    let rows = db::candidature::list_for_account(&state.db, &user).await.map_err(guard::db("my candidatures"))?;
    let cohorts = db::cohort::list(&state.db).await.map_err(guard::db("cohorts"))?;
    let mut views = Vec::with_capacity(rows.len());
    for row in rows {
        let Some(cohort) = cohorts.iter().find(|c| c.id == row.cohort_id) else { continue };
        views.push(load::view(&user, row, cohort).await?);
    }
    Ok(CandidatureList { list: views, waiting_for_confirmation })
}

/// The cookie holding the token of a step posted after the session expired.
pub const PENDING_COOKIE: &str = "acc_brouillon";

/// Saves the fields of one step (`step`, 1 to 5) if the result respects the draft limits and
/// nobody saved since `version`. A submitted candidature must stay complete. With `go` set
/// (a step number), that step is where the applicant resumes and the browser is sent there; an
/// autosave while typing leaves it at 0. A form posted without JavaScript after the session
/// expired is kept aside and saved once its author logs in again (see `get_candidature`).
#[server(endpoint = "candidature_save")]
pub async fn save_candidature(
    id: i64,
    version: i64,
    step: i32,
    #[server(default)] form: CandidatureForm,
    #[server(default)] go: i32,
) -> Result<Saved, AppError> {
    use super::guard;
    if guard::plain_form() && guard::caller().await?.is_none() {
        return store::keep_until_login(id, version, step, form).await;
    }
    let (user, row, cohort) = load::own(id).await?;
    let cohort = guard::writable(cohort)?;
    let saved = store::step(&user, &row, &cohort, version, step, form, go).await?;
    if let Some(next) = crate::domain::candidature_form::Step::from_number(go) {
        leptos_axum::redirect(&Page::Step { id: CandidatureId(id), step: next.number() }.path());
    }
    Ok(saved)
}

#[cfg(feature = "ssr")]
mod store {
    use super::super::guard;
    use super::{form_of, CandidatureForm, Saved, Status, PENDING_COOKIE};
    use crate::domain::candidature::applicant_can_edit;
    use crate::domain::candidature_form::{field, Step};
    use crate::domain::charter::Commitment;
    use crate::domain::error::AppError;
    use crate::domain::ids::CandidatureId;
    use crate::domain::jury::conflict::{may_apply, Involvement};
    use crate::domain::paths::Page;
    use crate::domain::validate::Problem;
    use crate::server::db::{self, account::UserRow, candidature::CandidatureRow, cohort::CohortRow};

    /// Merges one step into the stored form and saves it if nobody saved since `version`. The caller
    /// gives the error its status (or not: see `restore_pending`).
    pub async fn step(
        user: &UserRow,
        row: &CandidatureRow,
        cohort: &CohortRow,
        version: i64,
        step: i32,
        posted: CandidatureForm,
        go: i32,
    ) -> Result<Saved, AppError> {
        let state = guard::state()?;
        let id = row.id;
        let phase = cohort.calendar().phase_on(chrono::Utc::now().date_naive());
        if !applicant_can_edit(row.status(), phase) {
            return Err(AppError::CandidatureState);
        }
        let Some(step) = Step::from_number(step) else {
            return Err(AppError::NotFound);
        };
        let before = form_of(row);
        let form = before.clone().merge_step(step, posted).normalised();
        let mut errors = form.check_limits();
        if row.status() == Status::Submitted && errors.is_empty() {
            let accepted = db::candidature::accepted_commitments(&state.db, id).await.map_err(guard::db("commitments"))?;
            let accepted: Vec<Commitment> = accepted.into_iter().map(|(c, _)| c).collect();
            errors = form.check_for_submission(&accepted);
        }
        if !errors.is_empty() {
            errors.kept = form.as_fields();
            return Err(AppError::Invalid(errors));
        }
        let content = serde_json::to_string(&form).map_err(|e| crate::server::auth::internal("encode form", e))?;
        // The holder is not their own co-applicant.
        let holder_email = if row.holder_id == user.id {
            user.email.clone()
        } else {
            db::account::find_by_id(&state.db, row.holder_id).await.map_err(guard::db("holder"))?.map(|h| h.email).unwrap_or_default()
        };
        let members = |f: &CandidatureForm| -> Vec<String> {
            f.co_applicants.iter().map(|c| c.email.clone()).filter(|e| !e.is_empty() && *e != holder_email).collect()
        };
        let co_applicants = members(&form);
        let members_changed = co_applicants != members(&before);
        if members_changed {
            // Nobody who sits on the cohort's jury joins one of its teams.
            let jurors = db::jury::jurors(&state.db, row.cohort_id).await.map_err(guard::db("jurors"))?;
            for (i, c) in form.co_applicants.iter().enumerate() {
                let sits = jurors.iter().any(|j| j.email == c.email);
                if !c.email.is_empty() && !may_apply(Involvement { applies: false, sits }) {
                    errors.add(&field::co_applicant_email(i), Problem::SitsOnThisJury);
                }
            }
            if !errors.is_empty() {
                errors.kept = form.as_fields();
                return Err(AppError::Invalid(errors));
            }
        }
        let stored = db::candidature::Content {
            json: &content,
            project_name: &form.project_name,
            carrier_kind: form.carrier_kind().map(|k| k.code()).unwrap_or(""),
            // Where the applicant resumes: the step they go on to, else the one saved.
            current_step: Step::from_number(go).unwrap_or(step).number(),
            co_applicants: members_changed.then_some(co_applicants.as_slice()),
        };
        match db::candidature::save_content(&state.db, id, version, &stored).await.map_err(guard::db("save candidature"))? {
            Some(version) => Ok(Saved { version, saved_at: db::now() }),
            None => Err(AppError::Conflict),
        }
    }

    /// A step posted without JavaScript once the session has expired: kept aside under a
    /// random token (cookie), then the browser is sent to the login page, which brings the
    /// person back to this step, where the text is saved. Kept only when the step passes its
    /// own limits, the candidature exists and can still be edited in its open call, and the
    /// network address has kept fewer than a few steps within the hour; otherwise the person
    /// is told to log in again and the typed text comes back in the page.
    pub async fn keep_until_login(id: i64, version: i64, step: i32, posted: CandidatureForm) -> Result<Saved, AppError> {
        use crate::domain::candidature::{may_keep_until_login, PENDING_WINDOW_SECONDS};
        let state = guard::state()?;
        let client = crate::server::auth::client_address(&guard::parts()?, state.config.trust_proxy);
        let refused = AppError::SessionExpired(crate::domain::validate::FormErrors { kept: posted.as_fields(), ..Default::default() });
        let Some(step_of) = Step::from_number(step) else { return Err(refused) };
        let within_limits = CandidatureForm::default().merge_step(step_of, posted.clone()).normalised().check_limits().is_empty();
        let editable = match db::candidature::find(&state.db, id).await.map_err(guard::db("pending: candidature"))? {
            Some(row) => match db::cohort::find(&state.db, row.cohort_id).await.map_err(guard::db("pending: cohort"))? {
                Some(cohort) => {
                    let phase = cohort.calendar().phase_on(chrono::Utc::now().date_naive());
                    phase == crate::domain::cohort::Phase::CallOpen && cohort.closed_at.is_none() && applicant_can_edit(row.status(), phase)
                }
                None => false,
            },
            None => false,
        };
        let recent = db::candidature::pending_count_from(&state.db, &client, db::now() - PENDING_WINDOW_SECONDS)
            .await
            .map_err(guard::db("pending: count"))?;
        if !within_limits || !editable || !may_keep_until_login(recent) {
            tracing::info!(candidature = id, within_limits, editable, recent, "step not kept until login");
            return Err(refused);
        }
        let fields = serde_json::to_string(&posted).map_err(|e| crate::server::auth::internal("encode pending step", e))?;
        let (token, hash) = crate::server::auth::new_session_token();
        db::candidature::put_pending(&state.db, &hash, id, step, &fields, &client).await.map_err(guard::db("pending step"))?;
        let secure = if state.config.secure_cookies { "; Secure" } else { "" };
        guard::set_cookie(&format!("{PENDING_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{secure}", db::candidature::PENDING_SECONDS));
        let back = Page::Step { id: CandidatureId(id), step }.path();
        leptos_axum::redirect(&Page::Login.then(&back));
        tracing::info!(candidature = id, "step kept until its author logs in again");
        Ok(Saved { version, saved_at: db::now() })
    }

    /// Saves a step kept aside before the login, if the browser carries one for this
    /// candidature; the cookie is cleared either way.
    pub async fn restore_pending(user: &UserRow, row: &CandidatureRow, cohort: &CohortRow) -> Result<bool, AppError> {
        let state = guard::state()?;
        let parts = guard::parts()?;
        let Some(token) = crate::server::auth::cookie(&parts.headers, PENDING_COOKIE).filter(|t| !t.is_empty()) else {
            return Ok(false);
        };
        let hash = crate::server::auth::token_hash(token);
        guard::set_cookie(&format!("{PENDING_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0"));
        let Some((id, step_number, fields)) = db::candidature::take_pending(&state.db, &hash).await.map_err(guard::db("pending step"))? else {
            return Ok(false);
        };
        if id != row.id {
            return Ok(false);
        }
        let posted: CandidatureForm = serde_json::from_str(&fields).unwrap_or_default();
        match step(user, row, cohort, row.version, step_number, posted, 0).await {
            Ok(_) => Ok(true),
            Err(e) => {
                tracing::warn!(candidature = id, error = ?e, "a step kept during the login could not be saved");
                Ok(false)
            }
        }
    }
}

/// Submits (or sends back after a correction request): everything is validated again and
/// each of the 4 charter commitments must be accepted; their acceptance time is recorded.
#[server(endpoint = "candidature_submit")]
pub async fn submit_candidature(
    id: i64,
    version: i64,
    // Unticked boxes send nothing: no commitment at all is an empty list.
    #[server(default)]
    commitments: Vec<String>,
) -> Result<String, AppError> {
    use super::guard;
    use crate::domain::candidature::{applicant_can_submit, reference};
    use crate::domain::mail::Notice;
    use crate::server::db;
    let (user, row, cohort) = load::own(id).await?;
    load::holder_only(&user, &row)?;
    let cohort = guard::writable(cohort)?;
    let state = guard::state()?;
    // The State must be able to reach the holder: the address is confirmed first.
    if user.email_verified_at.is_none() {
        return Err(AppError::EmailNotVerified);
    }
    if row.version != version {
        return Err(AppError::Conflict);
    }
    let phase = cohort.calendar().phase_on(chrono::Utc::now().date_naive());
    if !applicant_can_submit(row.status(), phase) {
        return Err(AppError::CandidatureState);
    }
    let accepted: Vec<Commitment> = commitments.iter().filter_map(|c| Commitment::from_code(c)).collect();
    let errors = form_of(&row).check_for_submission(&accepted);
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    db::candidature::accept_commitments(&state.db, id, &accepted).await.map_err(guard::db("commitments"))?;
    let notice = Notice::CandidatureReceived {
        project: row.project_name.clone(),
        reference: reference(CohortId(row.cohort_id), CandidatureId(id)),
        candidature_id: id,
    };
    let mails = super::notify::candidature(id, &notice).await?;
    if !db::candidature::transition_notifying(&state.db, CandidatureId(id), row.status(), Status::Submitted, Some(UserId(user.id)), "", &mails)
        .await
        .map_err(guard::db("submit"))?
    {
        return Err(AppError::Conflict);
    }
    tracing::info!(candidature = id, "candidature submitted");
    leptos_axum::redirect(&Page::Receipt { id: CandidatureId(id) }.path());
    Ok(reference(CohortId(row.cohort_id), CandidatureId(id)))
}

/// Withdraws the candidature (until the decision).
#[server(endpoint = "candidature_withdraw")]
pub async fn withdraw_candidature(id: i64) -> Result<(), AppError> {
    use super::guard;
    use crate::domain::candidature::applicant_can_withdraw;
    use crate::server::db;
    let (user, row, cohort) = load::own(id).await?;
    load::holder_only(&user, &row)?;
    guard::writable(cohort)?;
    let state = guard::state()?;
    if !applicant_can_withdraw(row.status()) {
        return Err(AppError::CandidatureState);
    }
    if !db::candidature::transition(&state.db, CandidatureId(id), row.status(), Status::Withdrawn, Some(UserId(user.id)), "")
        .await
        .map_err(guard::db("withdraw"))?
    {
        return Err(AppError::Conflict);
    }
    tracing::info!(candidature = id, "candidature withdrawn");
    leptos_axum::redirect(&Page::Candidatures.path());
    Ok(())
}
