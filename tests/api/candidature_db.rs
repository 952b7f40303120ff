//! The candidature storage on both engines: drafts, optimistic concurrency, transitions with
//! their history, charter acceptances, staff search.

use accelerateur::domain::ids::{CandidatureId, CohortId, UserId};
use crate::support;

use accelerateur::domain::account::Role;
use accelerateur::domain::candidature::Status;
use accelerateur::domain::charter::Commitment;
use accelerateur::domain::cohort::Calendar;
use accelerateur::server::db::{candidature, cohort};
use support::TestApp;

on_both_engines!(
    drafts_save_with_optimistic_concurrency,
    transitions_are_recorded_and_refused_when_stale,
    commitments_keep_their_first_acceptance,
    staff_list_filters_by_status_and_searches_names,
);

async fn cohort_id(app: &TestApp) -> i64 {
    let cal = Calendar::suggested(chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap());
    cohort::insert(&app.db, "Cohorte test", &cal, 10, 15, 3).await.unwrap()
}

async fn drafts_save_with_optimistic_concurrency(app: TestApp) {
    let cohort = cohort_id(&app).await;
    let holder = app.user("porteur@exemple.fr", Role::Citizen).await;
    let id = candidature::create_draft(&app.db, CohortId(cohort), UserId(holder)).await.unwrap();
    let row = candidature::find(&app.db, id).await.unwrap().unwrap();
    assert_eq!((row.status(), row.version, row.content.as_str()), (Status::Draft, 1, "{}"));
    let v2 = candidature::save_content(&app.db, id, 1, &content(r#"{"project_name":"Vite ma dose"}"#, "Vite ma dose", "", 1)).await.unwrap();
    assert_eq!(v2, Some(2));
    // A second tab still holding version 1 is refused, and nothing is overwritten.
    let stale = candidature::save_content(&app.db, id, 1, &content(r#"{"project_name":"Autre"}"#, "Autre", "", 1)).await.unwrap();
    assert_eq!(stale, None);
    let row = candidature::find(&app.db, id).await.unwrap().unwrap();
    assert_eq!(row.project_name, "Vite ma dose");
    assert!(row.content.contains("Vite ma dose"));
    assert_eq!(candidature::save_content(&app.db, id, 2, &content("{}", "Vite ma dose", "association", 3)).await.unwrap(), Some(3));
    let mine = candidature::list_for_holder(&app.db, holder).await.unwrap();
    assert_eq!(mine.len(), 1);
    assert_eq!((mine[0].carrier_kind.as_str(), mine[0].current_step), ("association", 3));
    let other = app.user("autre@exemple.fr", Role::Citizen).await;
    assert!(candidature::list_for_holder(&app.db, other).await.unwrap().is_empty());
}

async fn transitions_are_recorded_and_refused_when_stale(app: TestApp) {
    let cohort = cohort_id(&app).await;
    let holder = app.user("porteur@exemple.fr", Role::Citizen).await;
    let staff = app.user("agent@exemple.fr", Role::Staff).await;
    let id = candidature::create_draft(&app.db, CohortId(cohort), UserId(holder)).await.unwrap();
    assert!(candidature::transition(&app.db, CandidatureId(id), Status::Draft, Status::Submitted, Some(UserId(holder)), "").await.unwrap());
    let row = candidature::find(&app.db, id).await.unwrap().unwrap();
    assert_eq!(row.status(), Status::Submitted);
    assert!(row.submitted_at.is_some());
    assert_eq!(row.version, 2, "a transition bumps the version, so stale saves fail");
    // The same transition again finds the status changed.
    assert!(!candidature::transition(&app.db, CandidatureId(id), Status::Draft, Status::Submitted, Some(UserId(holder)), "").await.unwrap());
    assert!(candidature::transition(&app.db, CandidatureId(id), Status::Submitted, Status::CorrectionRequested, Some(UserId(staff)), "Précisez le budget.").await.unwrap());
    assert!(candidature::transition(&app.db, CandidatureId(id), Status::CorrectionRequested, Status::Submitted, Some(UserId(holder)), "").await.unwrap());
    let events = candidature::events(&app.db, id).await.unwrap();
    let path: Vec<_> = events.iter().map(|e| (e.from_status.as_str(), e.to_status.as_str())).collect();
    assert_eq!(path, vec![("draft", "submitted"), ("submitted", "correction_requested"), ("correction_requested", "submitted")]);
    assert_eq!(events[1].message, "Précisez le budget.");
    assert_eq!(events[1].actor_id, Some(staff));
}

async fn commitments_keep_their_first_acceptance(app: TestApp) {
    let cohort = cohort_id(&app).await;
    let holder = app.user("porteur@exemple.fr", Role::Citizen).await;
    let id = candidature::create_draft(&app.db, CohortId(cohort), UserId(holder)).await.unwrap();
    candidature::accept_commitments(&app.db, id, &Commitment::ALL[..2]).await.unwrap();
    candidature::accept_commitments(&app.db, id, &Commitment::ALL).await.unwrap();
    let accepted = candidature::accepted_commitments(&app.db, id).await.unwrap();
    assert_eq!(accepted.len(), 4);
    assert!(accepted.iter().all(|(_, at)| *at > 0));
}

async fn staff_list_filters_by_status_and_searches_names(app: TestApp) {
    let cohort = cohort_id(&app).await;
    let a = app.user("alice@exemple.fr", Role::Citizen).await;
    let b = app.user("bruno@exemple.fr", Role::Citizen).await;
    let ia = candidature::create_draft(&app.db, CohortId(cohort), UserId(a)).await.unwrap();
    let ib = candidature::create_draft(&app.db, CohortId(cohort), UserId(b)).await.unwrap();
    candidature::save_content(&app.db, ia, 1, &content("{}", "Covidliste", "association", 1)).await.unwrap();
    candidature::save_content(&app.db, ib, 1, &content("{}", "Vaccino Quiz 100%", "company", 1)).await.unwrap();
    candidature::transition(&app.db, CandidatureId(ib), Status::Draft, Status::Submitted, Some(UserId(b)), "").await.unwrap();
    let ids = |rows: Vec<candidature::ListedRow>| rows.into_iter().map(|r| r.row.id).collect::<Vec<_>>();
    let list = |status: Option<Status>, q: &'static str| candidature::list_for_cohort(&app.db, cohort, status, q);
    // Drafts are the applicant's own: never listed, even when asked for by status.
    assert_eq!(ids(list(None, "").await.unwrap()), vec![ib]);
    assert!(list(Some(Status::Draft), "").await.unwrap().is_empty());
    assert_eq!(ids(list(Some(Status::Submitted), "").await.unwrap()), vec![ib]);
    assert!(list(Some(Status::Draft), "COVID").await.unwrap().is_empty());
    assert_eq!(ids(list(Some(Status::Submitted), "QUIZ").await.unwrap()), vec![ib]);
    let by_holder = list(None, "bruno@").await.unwrap();
    assert_eq!(by_holder[0].holder_email, "bruno@exemple.fr");
    assert_eq!(ids(by_holder), vec![ib]);
    // Wildcards typed by a person are matched literally.
    assert_eq!(ids(list(None, "100%").await.unwrap()), vec![ib]);
    assert!(list(None, "%%").await.unwrap().is_empty());
    assert!(list(Some(Status::Draft), "_").await.unwrap().is_empty());
    let counts = candidature::count_by_status(&app.db, cohort).await.unwrap();
    assert_eq!(counts.len(), 2);
    assert!(counts.iter().all(|(_, n)| *n == 1));
    assert!(candidature::list_for_cohort(&app.db, cohort, None, "zzz").await.unwrap().is_empty());
}

fn content<'a>(json: &'a str, project_name: &'a str, carrier_kind: &'a str, current_step: i32) -> candidature::Content<'a> {
    candidature::Content { json, project_name, carrier_kind, current_step, co_applicants: None }
}
