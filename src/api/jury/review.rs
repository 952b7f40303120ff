//! Reviews: reading one (its reviewer, never in conflict, or staff), saving and submitting
//! it (its reviewer, while scoring is open), a staff review, reopening one.

#[cfg(feature = "ssr")]
use crate::domain::paths::Page;

#[cfg(feature = "ssr")]
use crate::domain::done::Done;
use super::*;

/// Another reviewer's submitted review, shown once the caller's own is submitted; jurors
/// read it without the reviewer's name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeerReview {
    pub reviewer: String,
    pub track: Track,
    pub form: ReviewForm,
}

/// The review screen: the candidature in full (without the applicant's contact data), the
/// criteria of the reviewer's track, the review, and the next review to do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewView {
    pub id: i64,
    pub cohort_id: i64,
    pub cohort_name: String,
    pub candidature_id: i64,
    pub reference: String,
    pub candidature: CandidatureForm,
    pub track: Track,
    pub criteria: Vec<Criterion>,
    pub form: ReviewForm,
    pub state: ReviewState,
    pub version: i64,
    pub updated_at: i64,
    /// Whether scores can be changed now (phase and state).
    pub can_edit: bool,
    pub peers: Option<Vec<PeerReview>>,
    pub next_review: Option<i64>,
    /// Staff may reopen a submitted review.
    pub can_reopen: bool,
    /// The position of this review in the reviewer's list and its length.
    pub position: (usize, usize),
}
/// A review, for its reviewer (never in conflict) or for staff.
#[server(endpoint = "review_get")]
pub async fn review_get(id: i64) -> Result<ReviewView, AppError> {
    use crate::api::guard;
    use crate::domain::candidature::reference;
    use crate::domain::jury::may_see_peer_scores;
    use crate::server::db;
    let user = guard::signed_in().await?;
    let row = load::review(&user, id).await?;
    let cohort = load::cohort(row.cohort_id).await?;
    let state = guard::state()?;
    let db = &state.db;
    let Some(candidature) = db::candidature::find(db, row.candidature_id).await.map_err(guard::db("candidature"))? else {
        return Err(AppError::NotFound);
    };
    let split = db::jury::track_split(db, row.cohort_id).await.map_err(guard::db("split"))?;
    let track = row.track();
    let all = db::jury::reviews_for(db, row.candidature_id).await.map_err(guard::db("reviews"))?;
    let ids: Vec<i64> = all.iter().map(|r| r.id).collect();
    let scores = db::jury::scores(db, &ids).await.map_err(guard::db("scores"))?;
    let mine = row.reviewer_id == user.id;
    let staff = user.role().is_staff();
    let peers = (staff || may_see_peer_scores(row.state())).then(|| {
        all.iter()
            .filter(|r| r.id != row.id && r.state() == ReviewState::Submitted)
            .map(|r| PeerReview {
                reviewer: if staff { r.reviewer_name.clone() } else { String::new() },
                track: r.track(),
                form: db::jury::form_of(r, &scores),
            })
            .collect()
    });
    let list = db::jury::reviews_of(db, CohortId(row.cohort_id), UserId(row.reviewer_id)).await.map_err(guard::db("list"))?;
    let index = list.iter().position(|r| r.id == row.id).unwrap_or(0);
    let next_review = list.iter().cycle().skip(index + 1).take(list.len().saturating_sub(1)).find(|r| r.state() != ReviewState::Submitted).map(|r| r.id);
    let phase = cohort.calendar().phase_on(chrono::Utc::now().date_naive());
    let mut form = crate::api::candidature::form_of(&candidature);
    // The applicant's private contact data stays with staff.
    for c in &mut form.co_applicants {
        c.email.clear();
    }
    Ok(ReviewView {
        id: row.id,
        cohort_id: row.cohort_id,
        cohort_name: cohort.name.clone(),
        candidature_id: row.candidature_id,
        reference: reference(CohortId(row.cohort_id), CandidatureId(row.candidature_id)),
        candidature: form,
        track,
        criteria: split.criteria_for(track),
        form: db::jury::form_of(&row, &scores),
        state: row.state(),
        version: row.version,
        updated_at: row.updated_at,
        can_edit: mine && row.state().editable() && scoring_open(phase),
        peers,
        next_review,
        can_reopen: staff && row.state() == ReviewState::Submitted,
        position: (index + 1, list.len()),
    })
}

/// Saves a review (autosave, or the « save » button), or submits it when `submit` is set:
/// a submitted review is complete and locked. Only its reviewer, while scoring is open.
#[server(endpoint = "review_save")]
pub async fn review_save(
    id: i64,
    version: i64,
    #[server(default)] score: ByCriterion<String>,
    #[server(default)] comment: ByCriterion<String>,
    #[server(default)] opinion: String,
    #[server(default)] overall: String,
    #[server(default)] submit: String,
) -> Result<crate::api::candidature::Saved, AppError> {
    use crate::api::guard;
    use crate::domain::jury::field;
    use crate::server::db;
    let user = guard::signed_in().await?;
    let row = load::review(&user, id).await?;
    if row.reviewer_id != user.id {
        return Err(AppError::Forbidden);
    }
    let cohort = guard::writable_cohort(row.cohort_id).await?;
    if !scoring_open(cohort.calendar().phase_on(chrono::Utc::now().date_naive())) {
        return Err(AppError::WrongPhase);
    }
    if !row.state().editable() {
        return Err(AppError::ReviewSubmitted);
    }
    let state = guard::state()?;
    let split = db::jury::track_split(&state.db, row.cohort_id).await.map_err(guard::db("split"))?;
    let track = row.track();
    let criteria = split.criteria_for(track);
    let posted: Vec<(String, String)> = score
        .iter()
        .map(|(c, v)| (field::score(c), v.clone()))
        .chain(comment.iter().map(|(c, v)| (field::comment(c), v.clone())))
        .chain([(field::OPINION.to_string(), opinion), (field::OVERALL.to_string(), overall)])
        .collect();
    let get = |name: &str| posted.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
    let (mut form, mut errors) = ReviewForm::from_fields(&criteria, get);
    if track == Track::Staff {
        form.opinion = None;
    }
    let submitting = !submit.is_empty();
    let checked = if submitting { form.check_submission(&criteria, track) } else { form.check_draft() };
    for e in checked.errors {
        if errors.for_field(&e.field).is_none() {
            errors.add(&e.field, e.problem);
        }
    }
    if !errors.is_empty() {
        let mut kept = errors;
        for (name, value) in &posted {
            kept = kept.keep(name, value);
        }
        return Err(AppError::Invalid(kept));
    }
    let next = if submitting { ReviewState::Submitted } else { ReviewState::Draft };
    let Some(version) = db::jury::save_review(&state.db, id, version, &form, next, UserId(user.id)).await.map_err(guard::db("save review"))? else {
        return Err(AppError::Conflict);
    };
    if submitting {
        tracing::info!(review = id, "review submitted");
        leptos_axum::redirect(&Done::ReviewSubmitted.at(&Page::Review { id }.path()));
    } else if guard::plain_form() {
        leptos_axum::redirect(&Done::ReviewSaved.at(&Page::Review { id }.path()));
    }
    Ok(crate::api::candidature::Saved { version, saved_at: db::now() })
}

/// Staff open their own review of a candidature on the staff track.
#[server(endpoint = "review_staff_start")]
pub async fn review_staff_start(candidature_id: i64) -> Result<i64, AppError> {
    use crate::api::guard;
    use crate::server::db;
    let staff = guard::staff().await?;
    let state = guard::state()?;
    let Some(c) = db::candidature::find(&state.db, candidature_id).await.map_err(guard::db("candidature"))? else {
        return Err(AppError::NotFound);
    };
    guard::writable_cohort(c.cohort_id).await?;
    if !reviewable(c.status()) {
        return Err(AppError::CandidatureState);
    }
    let id = db::jury::staff_review(&state.db, CandidatureId(candidature_id), UserId(staff.id)).await.map_err(guard::db("staff review"))?;
    leptos_axum::redirect(&Page::Review { id }.path());
    Ok(id)
}

/// Staff reopen a submitted review for its reviewer.
#[server(endpoint = "review_reopen")]
pub async fn review_reopen(id: i64) -> Result<(), AppError> {
    use crate::api::guard;
    use crate::server::db;
    let staff = guard::staff().await?;
    let review = load::review(&staff, id).await?;
    guard::writable_cohort(review.cohort_id).await?;
    let state = guard::state()?;
    if !db::jury::reopen_review(&state.db, id, UserId(staff.id)).await.map_err(guard::db("reopen"))? {
        return Err(AppError::ReviewNotSubmitted);
    }
    leptos_axum::redirect(&Done::ReviewReopened.at(&Page::Review { id }.path()));
    Ok(())
}
