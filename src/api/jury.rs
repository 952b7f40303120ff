//! The jury: staff compose it (invitations, settings, conflicts) and run the assignment;
//! citizens accept an invitation, sign the juror charter and declare their conflicts;
//! reviewers (jurors on the jury track, staff on the staff track) score candidatures.
//! A juror never sees a candidature they are in conflict with, nor one not assigned to them.

// A server function takes one argument per form field (the review form has 15), and the
// attribute cannot reach the client stub the `#[server]` macro generates.
#![allow(clippy::too_many_arguments)]

use crate::domain::candidature::Status;
use crate::domain::candidature_form::CandidatureForm;
use crate::domain::cohort::Phase;
use crate::domain::criteria::{ByCriterion, Criterion, Track};
use crate::domain::error::AppError;
use crate::domain::jury::{ReviewForm, ReviewState, TrackSplit};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

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

/// What an invitation link shows before it is accepted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationLanding {
    pub cohort_name: String,
    pub email: String,
    pub accepted: bool,
    /// The visitor is signed in (and may accept).
    pub signed_in: bool,
}

/// One review in a reviewer's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewListItem {
    pub review_id: i64,
    pub reference: String,
    pub project_name: String,
    pub state: ReviewState,
}

/// A juror's seat in a cohort's jury and their reviews there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JurySeat {
    pub cohort_id: i64,
    pub cohort_name: String,
    pub phase: Phase,
    pub charter_accepted_at: Option<i64>,
    pub conflicts_declared_at: Option<i64>,
    pub reviews: Vec<ReviewListItem>,
}

impl JurySeat {
    pub fn submitted(&self) -> usize {
        self.reviews.iter().filter(|r| r.state == ReviewState::Submitted).count()
    }
}

/// The conflict declaration: the cohort's candidatures by project and holder name only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConflictChoices {
    pub cohort_id: i64,
    pub cohort_name: String,
    pub charter_accepted_at: Option<i64>,
    pub candidatures: Vec<(i64, String, String)>,
    pub declared: Vec<i64>,
    pub note: String,
}

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

#[cfg(feature = "ssr")]
pub(crate) mod load {
    use super::super::guard;
    use crate::domain::error::AppError;
    use crate::server::db::{self, account::UserRow, cohort::CohortRow, jury::ReviewRow};


    pub async fn cohort(id: i64) -> Result<CohortRow, AppError> {
        let state = guard::state()?;
        match db::cohort::find(&state.db, id).await.map_err(guard::db("find cohort"))? {
            Some(c) => Ok(c),
            None => Err(AppError::NotFound),
        }
    }

    /// The invitation links of the cohort just created by this browser (`jury_invite`), read
    /// once: the cookie that carried them is cleared.
    pub fn new_links(cohort_id: i64) -> Result<Vec<String>, AppError> {
        let parts = guard::parts()?;
        let Some(value) = crate::server::auth::cookie(&parts.headers, super::NEW_LINKS_COOKIE).filter(|v| !v.is_empty()) else {
            return Ok(Vec::new());
        };
        let Some((_, tokens)) = value.split_once(':').filter(|(c, _)| c.parse() == Ok(cohort_id)) else {
            return Ok(Vec::new());
        };
        guard::set_cookie(&format!("{}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0", super::NEW_LINKS_COOKIE));
        Ok(tokens.split('.').filter(|t| !t.is_empty() && t.bytes().all(|b| b.is_ascii_hexdigit())).map(str::to_string).collect())
    }

    /// A review the caller may open: their own (and not in conflict), or any review for staff.
    pub async fn review(user: &UserRow, id: i64) -> Result<ReviewRow, AppError> {
        let state = guard::state()?;
        let Some(row) = db::jury::review(&state.db, id).await.map_err(guard::db("review"))? else {
            return Err(AppError::NotFound);
        };
        if guard::Staff::try_from_user(user.clone()).is_ok() {
            return Ok(row);
        }
        if row.reviewer_id != user.id
            || db::jury::in_conflict(&state.db, user.id, row.candidature_id).await.map_err(guard::db("conflict"))?
        {
            return Err(AppError::NotFound);
        }
        Ok(row)
    }
}

/// Scoring is open during the jury phase and the deliberation.
pub fn scoring_open(phase: Phase) -> bool {
    matches!(phase, Phase::JuryReview | Phase::Deliberation)
}

/// Staff: the jury of a cohort, its settings and its work.
/// The cookie that carries the invitation links just created to the staff page
/// (`{cohort}:{token}.{token}…`), and how long it lives.
pub const NEW_LINKS_COOKIE: &str = "acc_invitations";
pub const NEW_LINKS_SECONDS: i64 = 600;

#[server(endpoint = "jury_overview")]
pub async fn jury_overview(cohort_id: i64) -> Result<JuryView, AppError> {
    use super::guard;
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
            reference: reference(cohort_id, c.row.id),
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

/// A candidature the jury can review.
#[cfg(feature = "ssr")]
fn reviewable(status: Status) -> bool {
    matches!(status, Status::Eligible | Status::UnderReview)
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
    use super::guard;
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
        if db::jury::invite(&state.db, cohort_id, email, &hash, staff.id, Some(&mail)).await.map_err(guard::db("invite"))? {
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
    leptos_axum::redirect(&format!("/agent/cohortes/{cohort_id}/jury?ok=invitations"));
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
    use super::guard;
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
    leptos_axum::redirect(&format!("/agent/cohortes/{cohort_id}/jury?ok=reglages"));
    Ok(())
}

/// Staff: assigns every eligible candidature to k jurors (no conflicts, balanced loads).
/// Reviews already started are kept; the candidatures move to « under review ».
#[server(endpoint = "jury_assign")]
pub async fn jury_assign(cohort_id: i64) -> Result<usize, AppError> {
    use super::guard;
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
    db::jury::replace_assignment(db, cohort_id, &assignment.pairs).await.map_err(guard::db("assign"))?;
    for (id, status) in &candidatures {
        if *status == Status::Eligible {
            db::candidature::transition(db, *id, Status::Eligible, Status::UnderReview, Some(staff.id), "")
                .await
                .map_err(guard::db("under review"))?;
        }
    }
    tracing::info!(cohort = cohort_id, reviews = assignment.pairs.len(), "jury assignment stored");
    leptos_axum::redirect(&format!("/agent/cohortes/{cohort_id}/jury?ok=affectation"));
    Ok(assignment.pairs.len())
}

/// Staff: keep an eligible candidature in the shortlist the jury sees, or leave it out (only
/// while it has no review and the cohort uses the shortlist step).
#[server(endpoint = "jury_shortlist")]
pub async fn jury_shortlist(candidature_id: i64, #[server(default)] keep: String) -> Result<(), AppError> {
    use super::guard;
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
    leptos_axum::redirect(&format!("/agent/cohortes/{}/jury?ok=preselection", c.cohort_id));
    Ok(())
}

/// Staff: gives a review not yet started to another juror (never one in conflict, nor one who
/// already reviews the candidature).
#[server(endpoint = "jury_move")]
pub async fn jury_move(review_id: i64, to: i64) -> Result<(), AppError> {
    use super::guard;
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
    if review.state() != ReviewState::ToDo || !db::jury::move_review(db, review_id, to).await.map_err(guard::db("move"))? {
        return Err(AppError::ReviewStarted);
    }
    leptos_axum::redirect(&format!("/agent/cohortes/{}/jury?ok=deplacement", review.cohort_id));
    Ok(())
}

/// Staff: records a conflict between a juror and a candidature (the juror loses a review of it
/// not yet submitted).
#[server(endpoint = "jury_add_conflict")]
pub async fn jury_add_conflict(cohort_id: i64, juror: i64, candidature: i64) -> Result<(), AppError> {
    use super::guard;
    use crate::server::db;
    let staff = guard::staff().await?;
    guard::writable_cohort(cohort_id).await?;
    let state = guard::state()?;
    let db = &state.db;
    let on_jury = db::jury::juror(db, cohort_id, juror).await.map_err(guard::db("juror"))?.is_some();
    let in_cohort = db::candidature::find(db, candidature).await.map_err(guard::db("candidature"))?.is_some_and(|c| c.cohort_id == cohort_id);
    if !on_jury || !in_cohort {
        return Err(AppError::NotFound);
    }
    db::jury::add_conflict(db, juror, candidature, staff.id).await.map_err(guard::db("conflict"))?;
    leptos_axum::redirect(&format!("/agent/cohortes/{cohort_id}/jury?ok=conflit"));
    Ok(())
}

/// Anyone with the link: what the invitation is for.
#[server(endpoint = "jury_invitation")]
pub async fn jury_invitation(token: String) -> Result<InvitationLanding, AppError> {
    use super::guard;
    use crate::server::{auth, db};
    let state = guard::state()?;
    let Some(inv) = db::jury::invitation_by_token(&state.db, &auth::token_hash(&token)).await.map_err(guard::db("invitation"))? else {
        return Err(AppError::NotFound);
    };
    let cohort = load::cohort(inv.cohort_id).await?;
    let signed_in = guard::caller().await?.is_some();
    Ok(InvitationLanding { cohort_name: cohort.name, email: inv.email, accepted: inv.accepted_at.is_some(), signed_in })
}

/// A signed-in citizen accepts an invitation: they join the jury (an applicant account
/// becomes a juror's) and go on to the juror charter.
#[server(endpoint = "jury_accept")]
pub async fn jury_accept(token: String) -> Result<(), AppError> {
    use super::guard;
    use crate::domain::jury::conflict::{may_take_seat, Involvement};
    use crate::server::{auth, db};
    let user = guard::citizen().await?;
    let state = guard::state()?;
    let db = &state.db;
    let Some(inv) = db::jury::invitation_by_token(db, &auth::token_hash(&token)).await.map_err(guard::db("invitation"))? else {
        return Err(AppError::NotFound);
    };
    guard::writable_cohort(inv.cohort_id).await?;
    // A citizen who applies to the cohort (holder or co-applicant, draft included) cannot judge it.
    let applies = db::candidature::applies_in_cohort(db, inv.cohort_id, &user).await.map_err(guard::db("applies in cohort"))?;
    if !may_take_seat(Involvement { applies, sits: false }) {
        return Err(AppError::ConflictOfInterest);
    }
    if !db::jury::accept_invitation(db, inv.id, inv.cohort_id, user.id).await.map_err(guard::db("accept"))? {
        return Err(AppError::NotFound);
    }
    tracing::info!(cohort = inv.cohort_id, user_id = user.id, "jury invitation accepted");
    leptos_axum::redirect(&format!("/jury/cohortes/{}/engagements", inv.cohort_id));
    Ok(())
}

/// A juror's seats and reviews, most recent cohort first.
#[server(endpoint = "jury_seats")]
pub async fn jury_seats() -> Result<Vec<JurySeat>, AppError> {
    use super::guard;
    use crate::domain::candidature::reference;
    use crate::server::db;
    let user = guard::citizen().await?;
    let state = guard::state()?;
    let db = &state.db;
    let today = chrono::Utc::now().date_naive();
    let mut seats = Vec::new();
    for m in db::jury::memberships(db, user.id).await.map_err(guard::db("memberships"))? {
        let cohort = load::cohort(m.cohort_id).await?;
        let reviews = db::jury::reviews_of(db, m.cohort_id, user.id).await.map_err(guard::db("reviews"))?;
        seats.push(JurySeat {
            cohort_id: m.cohort_id,
            cohort_name: cohort.name.clone(),
            phase: cohort.calendar().phase_on(today),
            charter_accepted_at: m.charter_accepted_at,
            conflicts_declared_at: m.conflicts_declared_at,
            reviews: reviews
                .into_iter()
                .map(|r| ReviewListItem {
                    review_id: r.id,
                    reference: reference(r.cohort_id, r.candidature_id),
                    project_name: r.project_name.clone(),
                    state: r.state(),
                })
                .collect(),
        });
    }
    Ok(seats)
}

/// The juror's commitments page: the charter, then the list of the cohort's candidatures
/// (project and holder names only) to declare conflicts.
#[server(endpoint = "jury_conflict_choices")]
pub async fn jury_conflict_choices(cohort_id: i64) -> Result<ConflictChoices, AppError> {
    use super::guard;
    use crate::server::db;
    let guard::Seat { user, juror } = guard::seat(cohort_id).await?;
    let cohort = load::cohort(cohort_id).await?;
    let state = guard::state()?;
    let db = &state.db;
    let candidatures = if juror.charter_accepted_at.is_some() {
        db::candidature::list_for_cohort(db, cohort_id, None, "")
            .await
            .map_err(guard::db("candidatures"))?
            .into_iter()
            .map(|c| (c.row.id, c.row.project_name, c.holder_name))
            .collect()
    } else {
        Vec::new()
    };
    let declared = db::jury::conflicts(db, cohort_id)
        .await
        .map_err(guard::db("conflicts"))?
        .into_iter()
        .filter(|(u, _, by)| *u == user.id && *by == Some(user.id))
        .map(|(_, c, _)| c)
        .collect();
    Ok(ConflictChoices {
        cohort_id,
        cohort_name: cohort.name,
        charter_accepted_at: juror.charter_accepted_at,
        candidatures,
        declared,
        note: juror.conflicts_note,
    })
}

/// The juror accepts the juror charter (each of its commitments ticked).
#[server(endpoint = "jury_charter")]
pub async fn jury_charter(cohort_id: i64, #[server(default)] commitments: Vec<String>) -> Result<(), AppError> {
    use super::guard;
    use crate::domain::jury::charter::{missing, JurorCommitment};
    use crate::domain::validate::FormErrors;
    use crate::server::db;
    let guard::Seat { user, .. } = guard::seat(cohort_id).await?;
    guard::writable_cohort(cohort_id).await?;
    let state = guard::state()?;
    let accepted: Vec<JurorCommitment> = commitments.iter().filter_map(|c| JurorCommitment::from_code(c)).collect();
    let gaps = missing(&accepted);
    if !gaps.is_empty() {
        let mut errors = FormErrors::default();
        for c in gaps {
            errors.add(&format!("commitment_{}", c.code()), crate::domain::validate::Problem::JurorCommitmentRequired);
        }
        // The boxes already ticked stay ticked.
        let ticked: Vec<&str> = accepted.iter().map(|c| c.code()).collect();
        return Err(AppError::Invalid(errors.keep("commitments", &ticked.join(","))));
    }
    db::jury::accept_charter(&state.db, cohort_id, user.id).await.map_err(guard::db("charter"))?;
    leptos_axum::redirect(&format!("/jury/cohortes/{cohort_id}/engagements#conflits"));
    Ok(())
}

/// The juror declares their conflicts of interest (ticked candidatures and a free text; none
/// is a valid answer). Once the charter is accepted.
#[server(endpoint = "jury_declare")]
pub async fn jury_declare(cohort_id: i64, #[server(default)] candidatures: Vec<String>, #[server(default)] note: String) -> Result<(), AppError> {
    use super::guard;
    use crate::domain::validate::{text_block, FormErrors};
    use crate::server::db;
    let guard::Seat { user, juror } = guard::seat(cohort_id).await?;
    guard::writable_cohort(cohort_id).await?;
    if juror.charter_accepted_at.is_none() {
        return Err(AppError::JurorCharterFirst);
    }
    let state = guard::state()?;
    let note = note.trim().to_string();
    let mut errors = FormErrors::default();
    errors.check("note", text_block(&note, crate::domain::jury::COMMENT_MAX));
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors.keep("note", &note)));
    }
    let ids: Vec<i64> = candidatures.iter().filter_map(|c| c.parse().ok()).collect();
    db::jury::declare_conflicts(&state.db, cohort_id, user.id, &ids, &note).await.map_err(guard::db("declare"))?;
    leptos_axum::redirect("/jury?ok=conflits");
    Ok(())
}

/// A review, for its reviewer (never in conflict) or for staff.
#[server(endpoint = "review_get")]
pub async fn review_get(id: i64) -> Result<ReviewView, AppError> {
    use super::guard;
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
    let list = db::jury::reviews_of(db, row.cohort_id, row.reviewer_id).await.map_err(guard::db("list"))?;
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
        reference: reference(row.cohort_id, row.candidature_id),
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
    use super::guard;
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
    let Some(version) = db::jury::save_review(&state.db, id, version, &form, next, user.id).await.map_err(guard::db("save review"))? else {
        return Err(AppError::Conflict);
    };
    if submitting {
        tracing::info!(review = id, "review submitted");
        leptos_axum::redirect(&format!("/evaluations/{id}?ok=envoyee"));
    } else if guard::plain_form() {
        leptos_axum::redirect(&format!("/evaluations/{id}?ok=enregistree"));
    }
    Ok(crate::api::candidature::Saved { version, saved_at: db::now() })
}

/// Staff open their own review of a candidature on the staff track.
#[server(endpoint = "review_staff_start")]
pub async fn review_staff_start(candidature_id: i64) -> Result<i64, AppError> {
    use super::guard;
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
    let id = db::jury::staff_review(&state.db, candidature_id, staff.id).await.map_err(guard::db("staff review"))?;
    leptos_axum::redirect(&format!("/evaluations/{id}"));
    Ok(id)
}

/// Staff reopen a submitted review for its reviewer.
#[server(endpoint = "review_reopen")]
pub async fn review_reopen(id: i64) -> Result<(), AppError> {
    use super::guard;
    use crate::server::db;
    let staff = guard::staff().await?;
    let review = load::review(&staff, id).await?;
    guard::writable_cohort(review.cohort_id).await?;
    let state = guard::state()?;
    if !db::jury::reopen_review(&state.db, id, staff.id).await.map_err(guard::db("reopen"))? {
        return Err(AppError::ReviewNotSubmitted);
    }
    leptos_axum::redirect(&format!("/evaluations/{id}?ok=rouverte"));
    Ok(())
}

/// One candidature in the deliberation table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RankingRow {
    pub candidature_id: i64,
    pub reference: String,
    pub project_name: String,
    pub status: Status,
    pub figures: crate::domain::jury::ranking::RankedCandidature,
    /// Favourable, reserved, unfavourable opinions of the jury.
    pub opinions: (usize, usize, usize),
}

/// The deliberation: the ranking, sorted as asked, and the decisions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Deliberation {
    pub cohort_id: i64,
    pub cohort_name: String,
    pub capacity: i32,
    pub selected: usize,
    pub rows: Vec<RankingRow>,
    pub sort: crate::domain::jury::ranking::SortKey,
    pub descending: bool,
    /// Staff record decisions; jurors who finished only read.
    pub can_decide: bool,
}

/// The ranking of a cohort, for staff and for jurors of the cohort who submitted all their
/// reviews (jurors never see candidatures they are in conflict with).
#[server(endpoint = "jury_ranking")]
pub async fn jury_ranking(cohort_id: i64, #[server(default)] tri: String, #[server(default)] ordre: String) -> Result<Deliberation, AppError> {
    use super::guard;
    use crate::domain::candidature::reference;
    use crate::domain::jury::ranking::{rank, sort, ReviewScores, SortKey};
    use crate::domain::jury::Opinion;
    use crate::server::db;
    let user = guard::signed_in().await?;
    let cohort = load::cohort(cohort_id).await?;
    let state = guard::state()?;
    let db = &state.db;
    let reviews = db::jury::cohort_reviews(db, cohort_id).await.map_err(guard::db("reviews"))?;
    let staff = user.role().is_staff();
    let mut hidden = Vec::new();
    if !staff {
        if db::jury::juror(db, cohort_id, user.id).await.map_err(guard::db("juror"))?.is_none() {
            return Err(AppError::NotFound);
        }
        let mine: Vec<_> = reviews.iter().filter(|r| r.reviewer_id == user.id).collect();
        if mine.is_empty() || mine.iter().any(|r| r.state() != ReviewState::Submitted) {
            return Err(AppError::OwnReviewsFirst);
        }
        hidden = db::jury::conflicts(db, cohort_id)
            .await
            .map_err(guard::db("conflicts"))?
            .into_iter()
            .filter(|(u, ..)| *u == user.id)
            .map(|(_, c, _)| c)
            .collect();
    }
    let submitted: Vec<_> = reviews.iter().filter(|r| r.state() == ReviewState::Submitted && !hidden.contains(&r.candidature_id)).collect();
    let ids: Vec<i64> = submitted.iter().map(|r| r.id).collect();
    let scores = db::jury::scores(db, &ids).await.map_err(guard::db("scores"))?;
    let index = |c: Criterion| Criterion::ALL.iter().position(|k| *k == c).unwrap_or(0) as u8;
    let scored: Vec<ReviewScores> = submitted
        .iter()
        .map(|r| ReviewScores {
            reviewer: r.reviewer_id,
            candidature: r.candidature_id,
            scores: db::jury::form_of(r, &scores).scores.iter().filter_map(|s| Some((index(s.criterion), s.score?))).collect(),
        })
        .collect();
    let listed = db::candidature::list_for_cohort(db, cohort_id, None, "").await.map_err(guard::db("candidatures"))?;
    let in_deliberation: Vec<_> = listed
        .iter()
        .filter(|c| !hidden.contains(&c.row.id))
        .filter(|c| matches!(c.row.status(), Status::UnderReview | Status::Selected | Status::Waitlisted | Status::NotSelected))
        .collect();
    let expected: Vec<(i64, usize)> = in_deliberation
        .iter()
        .map(|c| (c.row.id, reviews.iter().filter(|r| r.candidature_id == c.row.id && r.track() == Track::Jury).count()))
        .collect();
    let mut figures = rank(&scored, &expected);
    let key = SortKey::from_code(&tri).unwrap_or(SortKey::Normalised);
    let descending = ordre != "asc";
    sort(&mut figures, key, descending);
    let opinions = |id: i64| {
        let of = |o: Opinion| submitted.iter().filter(|r| r.candidature_id == id && r.opinion.as_deref() == Some(o.code())).count();
        (of(Opinion::Favourable), of(Opinion::Reserved), of(Opinion::Unfavourable))
    };
    let rows = figures
        .into_iter()
        .filter_map(|f| {
            let c = in_deliberation.iter().find(|c| c.row.id == f.candidature)?;
            Some(RankingRow {
                candidature_id: c.row.id,
                reference: reference(cohort_id, c.row.id),
                project_name: c.row.project_name.clone(),
                status: c.row.status(),
                opinions: opinions(c.row.id),
                figures: f,
            })
        })
        .collect::<Vec<_>>();
    Ok(Deliberation {
        cohort_id,
        cohort_name: cohort.name.clone(),
        capacity: cohort.capacity,
        selected: listed.iter().filter(|c| c.row.status() == Status::Selected).count(),
        rows,
        sort: key,
        descending,
        can_decide: staff,
    })
}

/// Staff decide: selected (within the cohort's capacity), waitlisted or not selected, with a
/// reason per criterion that the applicant reads with the averaged scores (never names).
#[server(endpoint = "jury_decide")]
pub async fn jury_decide(
    candidature_id: i64,
    #[server(default)] outcome: String,
    #[server(default)] reason: ByCriterion<String>,
) -> Result<(), AppError> {
    use super::guard;
    use crate::domain::jury::check_decision;
    use crate::server::db;
    use crate::server::db::jury::DecideOutcome;
    let staff = guard::staff().await?;
    let state = guard::state()?;
    let db = &state.db;
    let Some(c) = db::candidature::find(db, candidature_id).await.map_err(guard::db("candidature"))? else {
        return Err(AppError::NotFound);
    };
    let cohort = guard::writable_cohort(c.cohort_id).await?;
    let from = c.status();
    let phase = cohort.calendar().phase_on(chrono::Utc::now().date_naive());
    if !scoring_open(phase) {
        return Err(AppError::WrongPhase);
    }
    if !matches!(from, Status::UnderReview | Status::Waitlisted) {
        return Err(AppError::CandidatureState);
    }
    let reasons: Vec<(Criterion, String)> = reason.iter().map(|(c, r)| (c, r.clone())).collect();
    let capacity = usize::try_from(cohort.capacity).unwrap_or(0);
    // The capacity is checked again inside the transaction; this gives the message early.
    let listed = db::candidature::list_for_cohort(db, c.cohort_id, Some(Status::Selected), "").await.map_err(guard::db("selected"))?;
    let (outcome, reasons) = check_decision(&outcome, &reasons, listed.len(), capacity)?;
    if !from.can_move_to(outcome.status()) {
        return Err(AppError::CandidatureState);
    }
    let json: Vec<(&str, &str)> = reasons.iter().map(|(c, r)| (c.code(), r.as_str())).collect();
    let json = serde_json::to_string(&json).map_err(|e| crate::server::auth::internal("encode reasons", e))?;
    let notice = crate::domain::mail::Notice::DecisionMade { project: c.project_name.clone(), candidature_id };
    let mails = super::notify::candidature(candidature_id, &notice).await?;
    match db::jury::decide(db, c.cohort_id, candidature_id, from, outcome.status(), &json, capacity as i64, staff.id, &mails)
        .await
        .map_err(guard::db("decide"))?
    {
        DecideOutcome::Done => {}
        DecideOutcome::Stale => return Err(AppError::Conflict),
        DecideOutcome::Full => return Err(AppError::CapacityReached { capacity: capacity as u32 }),
    }
    tracing::info!(candidature = candidature_id, outcome = outcome.code(), "selection decision recorded");
    leptos_axum::redirect(&format!("/cohortes/{}/deliberation?ok=decision", c.cohort_id));
    Ok(())
}

/// What the applicant reads of the selection: the decision, the reason per criterion and
/// the average score per criterion (never a juror's name or individual score).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DecisionView {
    pub outcome: crate::domain::jury::Outcome,
    pub decided_at: i64,
    pub reasons: Vec<(Criterion, String)>,
    pub averages: Vec<(Criterion, f64)>,
}

/// The decision on a candidature and its aggregated feedback, if decided.
#[cfg(feature = "ssr")]
pub(crate) async fn decision_of(db: &crate::server::db::Db, candidature_id: i64) -> Result<Option<DecisionView>, AppError> {
    use super::guard;
    use crate::domain::jury::Outcome;
    use crate::server::db;
    let Some(d) = db::jury::decision(db, candidature_id).await.map_err(guard::db("decision"))? else { return Ok(None) };
    let Some(outcome) = Outcome::from_code(&d.outcome) else { return Ok(None) };
    let pairs: Vec<(String, String)> = serde_json::from_str(&d.reasons).unwrap_or_default();
    let reasons = pairs.into_iter().filter_map(|(c, r)| Some((Criterion::from_code(&c)?, r))).collect();
    let reviews: Vec<_> = db::jury::reviews_for(db, candidature_id)
        .await
        .map_err(guard::db("reviews"))?
        .into_iter()
        .filter(|r| r.state() == ReviewState::Submitted)
        .collect();
    let ids: Vec<i64> = reviews.iter().map(|r| r.id).collect();
    let scores = db::jury::scores(db, &ids).await.map_err(guard::db("scores"))?;
    let averages = Criterion::ALL
        .into_iter()
        .filter_map(|c| {
            let values: Vec<f64> = scores.iter().filter(|(_, k, ..)| k == c.code()).filter_map(|(_, _, s, _)| s.map(f64::from)).collect();
            crate::domain::jury::ranking::mean(&values).map(|m| (c, (m * 10.0).round() / 10.0))
        })
        .collect();
    Ok(Some(DecisionView { outcome, decided_at: d.decided_at, reasons, averages }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scoring_is_open_in_the_jury_phase_and_the_deliberation_only() {
        let open: Vec<Phase> = [Phase::Upcoming, Phase::CallOpen, Phase::CallClosed, Phase::JuryReview, Phase::Deliberation, Phase::Programme, Phase::PublicLaunch]
            .into_iter()
            .filter(|p| scoring_open(*p))
            .collect();
        assert_eq!(open, vec![Phase::JuryReview, Phase::Deliberation]);
    }
}
