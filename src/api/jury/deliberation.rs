//! The deliberation: the ranking (staff, and jurors once their reviews are done), the
//! decisions (staff, within the cohort's capacity) and what the applicant reads of them.

#[cfg(feature = "ssr")]
use crate::domain::paths::Page;

#[cfg(feature = "ssr")]
use crate::domain::done::Done;
use super::*;

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
    use crate::api::guard;
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
        if db::jury::juror(db, CohortId(cohort_id), UserId(user.id)).await.map_err(guard::db("juror"))?.is_none() {
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
                reference: reference(CohortId(cohort_id), CandidatureId(c.row.id)),
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
    use crate::api::guard;
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
    let mails = crate::api::notify::candidature(candidature_id, &notice).await?;
    match db::jury::decide(db, CohortId(c.cohort_id), CandidatureId(candidature_id), from, outcome.status(), &json, capacity as i64, UserId(staff.id), &mails)
        .await
        .map_err(guard::db("decide"))?
    {
        DecideOutcome::Done => {}
        DecideOutcome::Stale => return Err(AppError::Conflict),
        DecideOutcome::Full => return Err(AppError::CapacityReached { capacity: capacity as u32 }),
    }
    tracing::info!(candidature = candidature_id, outcome = outcome.code(), "selection decision recorded");
    leptos_axum::redirect(&Done::JuryDecided.at(&Page::Deliberation { cohort: CohortId(c.cohort_id) }.path()));
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
    use crate::api::guard;
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
