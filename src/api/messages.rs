//! Messages: the thread of each candidature between staff and its applicants (holder and
//! co-applicants), with read / unread marks, and staff messages to a whole cohort. Each new
//! message is mailed to the other side.

use crate::domain::ids::CandidatureId;
use crate::domain::paths::Page;
#[cfg(feature = "ssr")]
use crate::domain::ids::CohortId;

#[cfg(feature = "ssr")]
use crate::domain::done::Done;
#[cfg(feature = "ssr")]
use crate::domain::ids::UserId;
use crate::domain::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageView {
    pub id: i64,
    pub author: String,
    pub from_staff: bool,
    pub body: String,
    pub at: i64,
    /// Written by the other side and not read by the viewer before this visit.
    pub unread: bool,
    /// Written by the viewer's side and read by someone of the other side.
    pub read_by_other_side: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThreadView {
    pub candidature_id: i64,
    pub cohort_id: i64,
    pub project_name: String,
    pub reference: String,
    /// The viewer is staff (the staff page of the thread).
    pub staff_side: bool,
    /// Still a draft (staff have no page for it but its thread).
    pub is_draft: bool,
    pub messages: Vec<MessageView>,
}

#[cfg(feature = "ssr")]
mod load {
    use super::super::guard;
    use crate::domain::error::AppError;
    use crate::server::db::{self, account::UserRow, candidature::CandidatureRow};

    /// The caller and a candidature whose thread they may read and write: staff for every
    /// candidature, an applicant for the ones they hold or co-apply to (others: `NotFound`).
    pub async fn thread(candidature_id: i64) -> Result<(UserRow, CandidatureRow, bool), AppError> {
        let user = guard::signed_in().await?;
        let state = guard::state()?;
        let row = db::candidature::find(&state.db, candidature_id).await.map_err(guard::db("find candidature"))?;
        let Some(row) = row else { return Err(AppError::NotFound) };
        match guard::Staff::try_from_user(user) {
            Ok(staff) => Ok((staff.into_user(), row, true)),
            Err(user) => {
                let guard::Member { user, candidature: row } = guard::member(user, row).await?;
                Ok((user, row, false))
            }
        }
    }

    /// A message's text, trimmed, or the form's error (what was typed kept).
    pub fn body(raw: &str) -> Result<String, AppError> {
        match crate::domain::mail::check_message(raw) {
            Ok(body) => Ok(body),
            Err(problem) => {
                let mut errors = crate::domain::validate::FormErrors::default();
                errors.add("body", problem);
                Err(AppError::Invalid(errors.keep("body", raw)))
            }
        }
    }
}

/// The thread of a candidature; reading it marks it read.
#[server(endpoint = "thread_get")]
pub async fn thread_get(candidature_id: i64) -> Result<ThreadView, AppError> {
    use super::guard;
    use crate::server::db;
    let (user, row, staff_side) = load::thread(candidature_id).await?;
    let state = guard::state()?;
    let messages = db::messages::thread(&state.db, candidature_id).await.map_err(guard::db("thread"))?;
    let readers = db::messages::readers(&state.db, candidature_id).await.map_err(guard::db("readers"))?;
    let mine = readers.iter().find(|(id, _, _)| *id == user.id).map(|(_, _, last)| *last).unwrap_or(0);
    let other_side_read = readers.iter().filter(|(_, is_staff, _)| *is_staff != staff_side).map(|(_, _, last)| *last).max().unwrap_or(0);
    let views: Vec<MessageView> = messages
        .into_iter()
        .map(|m| MessageView {
            unread: m.from_staff != staff_side && m.id > mine,
            read_by_other_side: m.from_staff == staff_side && m.id <= other_side_read,
            id: m.id,
            author: m.author_name,
            from_staff: m.from_staff,
            body: m.body,
            at: m.created_at,
        })
        .collect();
    if let Some(last) = views.last().map(|m| m.id).filter(|last| *last > mine) {
        db::messages::mark_read(&state.db, UserId(user.id), CandidatureId(candidature_id), last).await.map_err(guard::db("mark read"))?;
    }
    let is_draft = row.status() == crate::domain::candidature::Status::Draft;
    Ok(ThreadView {
        candidature_id,
        cohort_id: row.cohort_id,
        reference: crate::domain::candidature::reference(CohortId(row.cohort_id), CandidatureId(row.id)),
        project_name: row.project_name,
        staff_side,
        is_draft,
        messages: views,
    })
}

/// The path of a thread's page for one side.
pub fn thread_path(candidature_id: i64, staff_side: bool) -> String {
    if staff_side {
        Page::StaffMessages { id: CandidatureId(candidature_id) }.path()
    } else {
        Page::Messages { id: CandidatureId(candidature_id) }.path()
    }
}

/// Writes in a thread. Staff messages are mailed to the holder and co-applicants; applicant
/// messages to the staff members who wrote in the thread.
#[server(endpoint = "message_post")]
pub async fn message_post(candidature_id: i64, body: String) -> Result<(), AppError> {
    use super::guard;
    use crate::domain::mail::Notice;
    use crate::server::db;
    let (user, row, staff_side) = load::thread(candidature_id).await?;
    guard::writable_cohort(row.cohort_id).await?;
    let state = guard::state()?;
    let body = load::body(&body)?;
    let notice = Notice::NewMessage { project: row.project_name.clone(), candidature_id, to_staff: !staff_side };
    let mails = if staff_side {
        super::notify::candidature(candidature_id, &notice).await?
    } else {
        let writers = db::messages::staff_writers(&state.db, candidature_id).await.map_err(guard::db("staff writers"))?;
        super::notify::compose(&notice, &writers, &state.config.mail.base_url)
    };
    db::messages::post(&state.db, CandidatureId(candidature_id), UserId(user.id), staff_side, &body, &mails)
        .await
        .map_err(guard::db("post message"))?;
    tracing::info!(candidature = candidature_id, staff_side, mails = mails.len(), "message posted");
    leptos_axum::redirect(&Done::MessageSent.at(&thread_path(candidature_id, staff_side)));
    Ok(())
}

/// Staff: the same message in the thread of every candidature of a cohort (drafts included:
/// e.g. « l'appel ferme dans 3 jours »; withdrawn ones left out), mailed to each applicant.
/// Returns how many candidatures it reached.
#[server(endpoint = "cohort_message")]
pub async fn cohort_message(cohort_id: i64, body: String) -> Result<usize, AppError> {
    use super::guard;
    use crate::domain::mail::Notice;
    use crate::server::db;
    let staff = guard::staff().await?;
    let state = guard::state()?;
    let cohort = guard::writable_cohort(cohort_id).await?;
    let body = load::body(&body)?;
    let ids = db::candidature::reached_by_cohort_message(&state.db, cohort_id).await.map_err(guard::db("candidatures"))?;
    let mut mails = Vec::new();
    for id in &ids {
        let notice = Notice::CohortMessage { cohort: cohort.name.clone(), body: body.clone(), candidature_id: id.0 };
        mails.extend(super::notify::candidature(id.0, &notice).await?);
    }
    db::messages::broadcast(&state.db, &ids, UserId(staff.id), &body, &mails).await.map_err(guard::db("broadcast"))?;
    tracing::info!(cohort = cohort_id, threads = ids.len(), mails = mails.len(), "cohort message sent");
    leptos_axum::redirect(&format!("{}&n={}", Done::CohortMessageSent.at(&Page::Screening { cohort: CohortId(cohort_id) }.path()), ids.len()));
    Ok(ids.len())
}
