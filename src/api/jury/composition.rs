//! Composing the jury (staff): the jury page, invitations, settings, the assignment of the
//! reviews, the shortlist, moving a review, adding a conflict.

#[cfg(feature = "ssr")]
use crate::domain::paths::Page;

#[cfg(feature = "ssr")]
use crate::domain::done::Done;
use super::*;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationView {
    pub email: String,
    pub invited_at: i64,
    pub accepted_at: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JurorView {
    pub user_id: i64,
    pub name: String,
    pub email: String,
    pub charter_accepted_at: Option<i64>,
    pub conflicts_declared_at: Option<i64>,
    pub conflicts_note: String,
    /// Project names of the candidatures the juror is in conflict with.
    pub conflicts: Vec<String>,
    pub assigned: usize,
    pub submitted: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewSlot {
    pub review_id: i64,
    pub reviewer_id: i64,
    pub reviewer_name: String,
    pub track: Track,
    pub state: ReviewState,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewableView {
    pub id: i64,
    pub reference: String,
    pub project_name: String,
    pub holder_name: String,
    pub status: Status,
    pub reviews: Vec<ReviewSlot>,
    /// Kept by staff for the jury (always, without the shortlist step).
    pub shortlisted: bool,
}

/// Everything staff need to compose a cohort's jury and follow its work.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JuryView {
    pub cohort_id: i64,
    pub cohort_name: String,
    pub phase: Phase,
    /// The seed's target: 15 citizens.
    pub jury_size: i32,
    pub reviews_per_candidature: i32,
    pub split: TrackSplit,
    /// Staff shortlist the eligible candidatures before the jury sees them.
    pub staff_shortlist: bool,
    pub invitations: Vec<InvitationView>,
    /// The invitation links this browser just created (shown once, then forgotten).
    pub new_links: Vec<String>,
    pub jurors: Vec<JurorView>,
    /// Eligible candidatures (and those already under review), with their reviews.
    pub candidatures: Vec<ReviewableView>,
}

impl JuryView {
    pub fn accepted(&self) -> usize {
        self.jurors.len()
    }

    /// Jury-track reviews submitted / assigned.
    pub fn progress(&self) -> (usize, usize) {
        let jury = self.candidatures.iter().flat_map(|c| &c.reviews).filter(|r| r.track == Track::Jury);
        let (mut done, mut total) = (0, 0);
        for r in jury {
            total += 1;
            done += usize::from(r.state == ReviewState::Submitted);
        }
        (done, total)
    }
}

/// The cookie that carries the invitation links just created to the staff page
/// (`{cohort}:{token}.{token}…`), and how long it lives.
pub const NEW_LINKS_COOKIE: &str = "acc_invitations";
pub const NEW_LINKS_SECONDS: i64 = 600;

/// Staff: the jury of a cohort, its settings and its work.
#[server(endpoint = "jury_overview")]
pub async fn jury_overview(cohort_id: i64) -> Result<JuryView, AppError> {
    use crate::api::guard;
    use crate::domain::candidature::reference;
    use crate::server::db;
    guard::staff().await?;
    let cohort = load::cohort(cohort_id).await?;
    let state = guard::state()?;
    let db = &state.db;
    let new_links = load::new_links(cohort_id)?;
    let split = db::jury::track_split(db, cohort_id).await.map_err(guard::db("split"))?;
    let invitations = db::jury::invitations(db, cohort_id).await.map_err(guard::db("invitations"))?;
    let jurors = db::jury::jurors(db, cohort_id).await.map_err(guard::db("jurors"))?;
    let conflicts = db::jury::conflicts(db, cohort_id).await.map_err(guard::db("conflicts"))?;
    let reviews = db::jury::cohort_reviews(db, cohort_id).await.map_err(guard::db("reviews"))?;
    let staff_shortlist = db::jury::staff_shortlist(db, cohort_id).await.map_err(guard::db("shortlist"))?;
    let left_out = db::jury::left_out(db, cohort_id).await.map_err(guard::db("shortlist"))?;
    let listed = db::candidature::list_for_cohort(db, cohort_id, None, "").await.map_err(guard::db("candidatures"))?;
    let reviewable: Vec<_> = listed.iter().filter(|c| reviewable(c.row.status()) || reviews.iter().any(|r| r.candidature_id == c.row.id)).collect();
    let name_of = |id: i64| listed.iter().find(|c| c.row.id == id).map(|c| c.row.project_name.clone()).unwrap_or_else(|| format!("#{id}"));
    let jurors = jurors
        .into_iter()
        .map(|j| {
            let mine: Vec<_> = reviews.iter().filter(|r| r.reviewer_id == j.user_id && r.track() == Track::Jury).collect();
            JurorView {
                user_id: j.user_id,
                name: j.display_name,
                email: j.email,
                charter_accepted_at: j.charter_accepted_at,
                conflicts_declared_at: j.conflicts_declared_at,
                conflicts_note: j.conflicts_note,
                conflicts: conflicts.iter().filter(|(u, ..)| *u == j.user_id).map(|(_, c, _)| name_of(*c)).collect(),
                assigned: mine.len(),
                submitted: mine.iter().filter(|r| r.state() == ReviewState::Submitted).count(),
            }
        })
        .collect();
    let candidatures = reviewable
        .iter()
        .map(|c| ReviewableView {
            id: c.row.id,
            reference: reference(CohortId(cohort_id), CandidatureId(c.row.id)),
            project_name: c.row.project_name.clone(),
            holder_name: c.holder_name.clone(),
            status: c.row.status(),
            reviews: reviews.iter().filter(|r| r.candidature_id == c.row.id).map(slot).collect(),
            shortlisted: !staff_shortlist || !left_out.contains(&c.row.id),
        })
        .collect();
    Ok(JuryView {
        cohort_id,
        cohort_name: cohort.name.clone(),
        phase: cohort.calendar().phase_on(chrono::Utc::now().date_naive()),
        jury_size: cohort.jury_size,
        reviews_per_candidature: cohort.reviews_per_candidature,
        split,
        staff_shortlist,
        invitations: invitations
            .into_iter()
            .map(|i| InvitationView { email: i.email, invited_at: i.invited_at, accepted_at: i.accepted_at })
            .collect(),
        new_links,
        jurors,
        candidatures,
    })
}

#[cfg(feature = "ssr")]
fn slot(r: &crate::server::db::jury::ReviewRow) -> ReviewSlot {
    ReviewSlot {
        review_id: r.id,
        reviewer_id: r.reviewer_id,
        reviewer_name: r.reviewer_name.clone(),
        track: r.track(),
        state: r.state(),
    }
}

/// Staff: invites the addresses given (one per line, or separated by commas or spaces) to the
/// cohort's jury. The page then shows each new invitation link to send.
#[server(endpoint = "jury_invite")]
pub async fn jury_invite(cohort_id: i64, emails: String) -> Result<usize, AppError> {
    use crate::api::guard;
    use crate::domain::account::Email;
    use crate::domain::validate::{FormErrors, Problem};
    use crate::server::{auth, db};
    let staff = guard::staff().await?;
    let cohort = guard::writable_cohort(cohort_id).await?;
    let state = guard::state()?;
    let mut parsed = Vec::new();
    for raw in emails.split(|c: char| c == ',' || c == ';' || c.is_whitespace()).filter(|s| !s.is_empty()) {
        match Email::parse(raw) {
            Ok(e) => parsed.push(e.as_str().to_string()),
            Err(_) => {
                let mut errors = FormErrors::default();
                errors.add("emails", Problem::InvalidEmail);
                return Err(AppError::Invalid(errors.keep("emails", &emails)));
            }
        }
    }
    if parsed.is_empty() {
        let mut errors = FormErrors::default();
        errors.add("emails", Problem::Required);
        return Err(AppError::Invalid(errors));
    }
    parsed.dedup();
    let mut tokens = Vec::new();
    for email in &parsed {
        let (token, hash) = auth::new_session_token();
        // Written in the invitee's language when they have an account, else in French.
        let lang = db::account::find_by_email(&state.db, email).await.map_err(guard::db("invitee"))?.map(|u| u.locale()).unwrap_or_default();
        let notice = crate::domain::mail::Notice::JuryInvitation { cohort: cohort.name.clone(), token: token.clone() };
        let mail = notice.compose(email, lang, &state.config.mail.base_url);
        if db::jury::invite(&state.db, CohortId(cohort_id), email, &hash, UserId(staff.id), Some(&mail)).await.map_err(guard::db("invite"))? {
            tokens.push(token);
        }
    }
    tracing::info!(cohort = cohort_id, count = tokens.len(), "jury invitations created");
    // The links go to the staff page in a short-lived cookie, never in an address (browser
    // history and proxy logs would keep them): the page shows them once and clears it.
    let secure = if state.config.secure_cookies { "; Secure" } else { "" };
    guard::set_cookie(&format!(
        "{NEW_LINKS_COOKIE}={cohort_id}:{}; Path=/; HttpOnly; SameSite=Strict; Max-Age={NEW_LINKS_SECONDS}{secure}",
        tokens.join(".")
    ));
    leptos_axum::redirect(&Done::JuryInvited.at(&Page::StaffJury { cohort: CohortId(cohort_id) }.path()));
    Ok(tokens.len())
}

/// Staff: who scores each criterion, how many reviews per candidature, and whether staff
/// shortlist candidatures before the jury sees them. Fixed once the assignment has run.
#[server(endpoint = "jury_settings")]
pub async fn jury_settings(
    cohort_id: i64,
    reviews_per_candidature: i32,
    #[server(default)] scorers: ByCriterion<String>,
    #[server(default)] staff_shortlist: String,
) -> Result<(), AppError> {
    use crate::api::guard;
    use crate::domain::jury::Scorers;
    use crate::domain::validate::{FormErrors, Problem};
    use crate::server::db;
    guard::staff().await?;
    guard::writable_cohort(cohort_id).await?;
    let state = guard::state()?;
    let mut errors = FormErrors::default();
    if !(1..=15).contains(&reviews_per_candidature) {
        errors.add("reviews_per_candidature", Problem::UnknownChoice);
    }
    let mut split = Vec::new();
    for (c, code) in scorers.iter() {
        match Scorers::from_code(code) {
            Some(s) => split.push((c, s)),
            None => errors.add(&crate::domain::jury::field::scorers(c), Problem::Required),
        }
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let started = db::jury::cohort_reviews(&state.db, cohort_id).await.map_err(guard::db("reviews"))?;
    if !started.is_empty() {
        return Err(AppError::JurySettingsLocked);
    }
    db::jury::set_track_split(&state.db, cohort_id, &TrackSplit(split), reviews_per_candidature, !staff_shortlist.is_empty())
        .await
        .map_err(guard::db("settings"))?;
    leptos_axum::redirect(&Done::JurySettingsSaved.at(&Page::StaffJury { cohort: CohortId(cohort_id) }.path()));
    Ok(())
}

/// Staff: assigns every eligible candidature to k jurors (no conflicts, balanced loads).
/// Reviews already started are kept; the candidatures move to « under review ».
#[server(endpoint = "jury_assign")]
pub async fn jury_assign(cohort_id: i64) -> Result<usize, AppError> {
    use crate::api::guard;
    use crate::domain::jury::assignment::{assign, AssignmentInput};
    use crate::server::db;
    let staff = guard::staff().await?;
    let cohort = guard::writable_cohort(cohort_id).await?;
    let state = guard::state()?;
    let db = &state.db;
    let phase = cohort.calendar().phase_on(chrono::Utc::now().date_naive());
    if phase < Phase::CallClosed || phase > Phase::Deliberation {
        return Err(AppError::WrongPhase);
    }
    let listed = db::candidature::list_for_cohort(db, cohort_id, None, "").await.map_err(guard::db("candidatures"))?;
    // With the shortlist step, the jury sees only what staff kept.
    let left_out = if db::jury::staff_shortlist(db, cohort_id).await.map_err(guard::db("shortlist"))? {
        db::jury::left_out(db, cohort_id).await.map_err(guard::db("shortlist"))?
    } else {
        Vec::new()
    };
    let candidatures: Vec<(i64, Status)> = listed
        .iter()
        .filter(|c| reviewable(c.row.status()) && !left_out.contains(&c.row.id))
        .map(|c| (c.row.id, c.row.status()))
        .collect();
    let ids: Vec<i64> = candidatures.iter().map(|(id, _)| *id).collect();
    // Only jurors who signed the charter and declared their conflicts are assigned.
    let jurors: Vec<i64> = db::jury::jurors(db, cohort_id)
        .await
        .map_err(guard::db("jurors"))?
        .into_iter()
        .filter(|j| j.charter_accepted_at.is_some() && j.conflicts_declared_at.is_some())
        .map(|j| j.user_id)
        .collect();
    let conflicts: Vec<(i64, i64)> =
        db::jury::conflicts(db, cohort_id).await.map_err(guard::db("conflicts"))?.into_iter().map(|(u, c, _)| (u, c)).collect();
    let fixed: Vec<(i64, i64)> = db::jury::cohort_reviews(db, cohort_id)
        .await
        .map_err(guard::db("reviews"))?
        .into_iter()
        .filter(|r| r.track() == Track::Jury && r.state() != ReviewState::ToDo && ids.contains(&r.candidature_id))
        .map(|r| (r.reviewer_id, r.candidature_id))
        .collect();
    let k = usize::try_from(cohort.reviews_per_candidature).unwrap_or(0);
    let input = AssignmentInput { jurors: &jurors, candidatures: &ids, reviews_per_candidature: k, conflicts: &conflicts, fixed: &fixed };
    let assignment = match assign(&input) {
        Ok(a) => a,
        Err(problems) => return Err(AppError::Assignment(problems)),
    };
    db::jury::replace_assignment(db, cohort_id, &assignment.pairs.iter().map(|(j, c)| (UserId(*j), CandidatureId(*c))).collect::<Vec<_>>()).await.map_err(guard::db("assign"))?;
    for (id, status) in &candidatures {
        if *status == Status::Eligible {
            db::candidature::transition(db, CandidatureId(*id), Status::Eligible, Status::UnderReview, Some(UserId(staff.id)), "")
                .await
                .map_err(guard::db("under review"))?;
        }
    }
    tracing::info!(cohort = cohort_id, reviews = assignment.pairs.len(), "jury assignment stored");
    leptos_axum::redirect(&Done::JuryAssigned.at(&Page::StaffJury { cohort: CohortId(cohort_id) }.path()));
    Ok(assignment.pairs.len())
}

/// Staff: keep an eligible candidature in the shortlist the jury sees, or leave it out (only
/// while it has no review and the cohort uses the shortlist step).
#[server(endpoint = "jury_shortlist")]
pub async fn jury_shortlist(candidature_id: i64, #[server(default)] keep: String) -> Result<(), AppError> {
    use crate::api::guard;
    use crate::server::db;
    guard::staff().await?;
    let state = guard::state()?;
    let db = &state.db;
    let Some(c) = db::candidature::find(db, candidature_id).await.map_err(guard::db("candidature"))? else {
        return Err(AppError::NotFound);
    };
    guard::writable_cohort(c.cohort_id).await?;
    let uses_shortlist = db::jury::staff_shortlist(db, c.cohort_id).await.map_err(guard::db("shortlist"))?;
    let reviewed = !db::jury::reviews_for(db, candidature_id).await.map_err(guard::db("reviews"))?.is_empty();
    if !uses_shortlist || c.status() != Status::Eligible || reviewed {
        return Err(AppError::CandidatureState);
    }
    db::jury::set_shortlisted(db, candidature_id, !keep.is_empty()).await.map_err(guard::db("shortlist"))?;
    leptos_axum::redirect(&Done::ShortlistUpdated.at(&Page::StaffJury { cohort: CohortId(c.cohort_id) }.path()));
    Ok(())
}

/// Staff: gives a review not yet started to another juror (never one in conflict, nor one who
/// already reviews the candidature).
#[server(endpoint = "jury_move")]
pub async fn jury_move(review_id: i64, to: i64) -> Result<(), AppError> {
    use crate::api::guard;
    use crate::domain::jury::assignment::{check_move, MoveProblem};
    use crate::server::db;
    let staff = guard::staff().await?;
    let state = guard::state()?;
    let db = &state.db;
    let review = load::review(&staff, review_id).await?;
    guard::writable_cohort(review.cohort_id).await?;
    let jurors = db::jury::jurors(db, review.cohort_id).await.map_err(guard::db("jurors"))?;
    if !jurors.iter().any(|j| j.user_id == to) || review.track() != Track::Jury {
        return Err(AppError::NotFound);
    }
    let pairs: Vec<(i64, i64)> =
        db::jury::cohort_reviews(db, review.cohort_id).await.map_err(guard::db("reviews"))?.iter().map(|r| (r.reviewer_id, r.candidature_id)).collect();
    let conflicts: Vec<(i64, i64)> =
        db::jury::conflicts(db, review.cohort_id).await.map_err(guard::db("conflicts"))?.into_iter().map(|(u, c, _)| (u, c)).collect();
    if let Err(problem) = check_move(&pairs, &conflicts, review.candidature_id, review.reviewer_id, to) {
        return Err(match problem {
            MoveProblem::NotAssigned => AppError::NotFound,
            MoveProblem::InConflict | MoveProblem::AlreadyReviews => AppError::MoveRefused,
        });
    }
    if review.state() != ReviewState::ToDo || !db::jury::move_review(db, review_id, UserId(to)).await.map_err(guard::db("move"))? {
        return Err(AppError::ReviewStarted);
    }
    leptos_axum::redirect(&Done::ReviewMoved.at(&Page::StaffJury { cohort: CohortId(review.cohort_id) }.path()));
    Ok(())
}

/// Staff: records a conflict between a juror and a candidature (the juror loses a review of it
/// not yet submitted).
#[server(endpoint = "jury_add_conflict")]
pub async fn jury_add_conflict(cohort_id: CohortId, juror: UserId, candidature: CandidatureId) -> Result<(), AppError> {
    use crate::api::guard;
    use crate::server::db;
    let staff = guard::staff().await?;
    guard::writable_cohort(cohort_id.0).await?;
    let state = guard::state()?;
    let db = &state.db;
    let on_jury = db::jury::juror(db, cohort_id, juror).await.map_err(guard::db("juror"))?.is_some();
    let in_cohort = db::candidature::find(db, candidature.0).await.map_err(guard::db("candidature"))?.is_some_and(|c| c.cohort_id == cohort_id.0);
    if !on_jury || !in_cohort {
        return Err(AppError::NotFound);
    }
    db::jury::add_conflict(db, juror, candidature, UserId(staff.id)).await.map_err(guard::db("conflict"))?;
    leptos_axum::redirect(&Done::ConflictAdded.at(&Page::StaffJury { cohort: cohort_id }.path()));
    Ok(())
}
