//! A citizen's seat: the invitation link, accepting it (never in a cohort where they
//! apply), the juror's space, the juror charter and the declaration of conflicts.

#[cfg(feature = "ssr")]
use crate::domain::paths::Page;

#[cfg(feature = "ssr")]
use crate::domain::done::Done;
use super::*;

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

/// Anyone with the link: what the invitation is for.
#[server(endpoint = "jury_invitation")]
pub async fn jury_invitation(token: String) -> Result<InvitationLanding, AppError> {
    use crate::api::guard;
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
    use crate::api::guard;
    use crate::server::db::jury::Seating;
    use crate::server::{auth, db};
    let user = guard::citizen().await?;
    let state = guard::state()?;
    let db = &state.db;
    let Some(inv) = db::jury::invitation_by_token(db, &auth::token_hash(&token)).await.map_err(guard::db("invitation"))? else {
        return Err(AppError::NotFound);
    };
    guard::writable_cohort(inv.cohort_id).await?;
    // A citizen who applies to the cohort (holder or co-applicant, draft included) cannot
    // judge it (`domain::jury::conflict::may_take_seat`): checked in the transaction that
    // takes the seat.
    match db::jury::accept_invitation(db, inv.id, CohortId(inv.cohort_id), UserId(user.id), &user.email).await.map_err(guard::db("accept"))? {
        Seating::Seated => {}
        Seating::Applies => return Err(AppError::ConflictOfInterest),
        Seating::Taken => return Err(AppError::NotFound),
    }
    tracing::info!(cohort = inv.cohort_id, user_id = user.id, "jury invitation accepted");
    leptos_axum::redirect(&Page::Commitments { cohort: CohortId(inv.cohort_id) }.path());
    Ok(())
}

/// A juror's seats and reviews, most recent cohort first.
#[server(endpoint = "jury_seats")]
pub async fn jury_seats() -> Result<Vec<JurySeat>, AppError> {
    use crate::api::guard;
    use crate::domain::candidature::reference;
    use crate::server::db;
    let user = guard::citizen().await?;
    let state = guard::state()?;
    let db = &state.db;
    let today = chrono::Utc::now().date_naive();
    let mut seats = Vec::new();
    for m in db::jury::memberships(db, user.id).await.map_err(guard::db("memberships"))? {
        let cohort = load::cohort(m.cohort_id).await?;
        let reviews = db::jury::reviews_of(db, CohortId(m.cohort_id), UserId(user.id)).await.map_err(guard::db("reviews"))?;
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
                    reference: reference(CohortId(r.cohort_id), CandidatureId(r.candidature_id)),
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
    use crate::api::guard;
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
    use crate::api::guard;
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
    db::jury::accept_charter(&state.db, CohortId(cohort_id), UserId(user.id)).await.map_err(guard::db("charter"))?;
    leptos_axum::redirect(&format!("{}#conflits", Page::Commitments { cohort: CohortId(cohort_id) }));
    Ok(())
}

/// The juror declares their conflicts of interest (ticked candidatures and a free text; none
/// is a valid answer). Once the charter is accepted.
#[server(endpoint = "jury_declare")]
pub async fn jury_declare(cohort_id: i64, #[server(default)] candidatures: Vec<String>, #[server(default)] note: String) -> Result<(), AppError> {
    use crate::api::guard;
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
    db::jury::declare_conflicts(&state.db, CohortId(cohort_id), UserId(user.id), &ids, &note).await.map_err(guard::db("declare"))?;
    leptos_axum::redirect(&Done::ConflictsDeclared.at(&Page::Seats.path()));
    Ok(())
}
