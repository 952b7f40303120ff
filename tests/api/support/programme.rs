//! Selected projects for the programme and publication tests.

use accelerateur::domain::ids::{CandidatureId, CohortId, UserId};
use super::{TestApp, PASSWORD};
use accelerateur::domain::account::Role;
use accelerateur::domain::candidature::Status;
use accelerateur::domain::candidature_form::CandidatureForm;
use accelerateur::domain::cohort::Calendar;
use accelerateur::server::db;

/// A cohort whose programme runs (its call opened 155 days ago).
pub async fn programme_cohort(app: &TestApp) -> i64 {
    let today = chrono::Utc::now().date_naive();
    let cal = Calendar::suggested(today.checked_sub_days(chrono::Days::new(155)).unwrap());
    db::cohort::insert(&app.db, "Cohorte programme", &cal, 10, 15, 3).await.unwrap()
}

/// A selected project of the cohort (asking for access to data and tools); returns its id and
/// its holder's session.
pub async fn selected(app: &TestApp, cohort: i64, email: &str) -> (i64, String) {
    let form = CandidatureForm {
        project_name: format!("Projet de {email}"),
        supports: vec![accelerateur::domain::candidature_form::SupportRequest { kind: "data_and_tools".into(), need: "Les données des communes.".into() }],
        ..Default::default()
    };
    selected_with(app, cohort, email, &form, Status::Selected).await
}

/// A candidature of the cohort with this content, taken up to `status` along the lifecycle.
pub async fn selected_with(app: &TestApp, cohort: i64, email: &str, form: &CandidatureForm, status: Status) -> (i64, String) {
    let holder = app.user(email, Role::Citizen).await;
    let id = taken_to(app, cohort, holder, form, &[], status).await;
    (id, app.login(email, PASSWORD).await.unwrap())
}

/// A candidature of `holder` in the cohort with this content and these co-applicants, taken
/// up to `status` along the lifecycle (draft, submitted, eligible, under review, selected).
pub async fn taken_to(app: &TestApp, cohort: i64, holder: i64, form: &CandidatureForm, team: &[String], status: Status) -> i64 {
    let id = db::candidature::create_draft(&app.db, CohortId(cohort), UserId(holder)).await.unwrap();
    let json = serde_json::to_string(&form).unwrap();
    let content = db::candidature::Content { json: &json, project_name: &form.project_name, carrier_kind: "association", current_step: 6, co_applicants: Some(team) };
    db::candidature::save_content(&app.db, id, 1, &content).await.unwrap().expect("saved");
    for (from, to) in [
        (Status::Draft, Status::Submitted),
        (Status::Submitted, Status::Eligible),
        (Status::Eligible, Status::UnderReview),
        (Status::UnderReview, Status::Selected),
    ] {
        if from == status {
            break;
        }
        assert!(db::candidature::transition(&app.db, CandidatureId(id), from, to, None, "").await.unwrap());
    }
    id
}

