//! Helpers for tests that go through the candidature journey.

use super::{TestApp, TestResponse};
use accelerateur::api::candidature::{CandidatureView, Saved};
use accelerateur::domain::charter::Commitment;
use accelerateur::domain::cohort::Calendar;
use accelerateur::server::db::cohort;
use axum::http::StatusCode;

/// A cohort whose call opened `days_ago` days ago (the call lasts 56 days).
pub async fn cohort_opened(app: &TestApp, days_ago: u64) -> i64 {
    let today = chrono::Utc::now().date_naive();
    let cal = Calendar::suggested(today.checked_sub_days(chrono::Days::new(days_ago)).unwrap());
    cohort::insert(&app.db, &format!("Cohorte {days_ago}"), &cal, 10, 15, 3).await.unwrap()
}

pub fn full_form() -> Vec<(String, String)> {
    let mut f: Vec<(String, String)> = [
        ("project_name", "Vite ma dose"),
        ("pitch", "Trouver un créneau de vaccination près de chez soi."),
        ("description", "Un site qui rassemble les créneaux libres."),
        ("stage", "running"),
        ("website", "https://vitemadose.exemple.fr"),
        ("theme", "health"),
        ("public_interest", "Accélérer la vaccination de tous."),
        ("impact", "Des millions de rendez-vous trouvés."),
        ("carrier_kind", "association"),
        ("carrier_name", "CovidTracker"),
        ("licence", "MIT"),
        ("publication_plan", "Code et données publiés chaque semaine."),
        ("funding_statement", "Bénévolat, aucun financement."),
    ]
    .into_iter()
    .map(|(k, v)| (format!("form[{k}]"), v.to_string()))
    .collect();
    f.push(("form[supports][0][kind]".into(), "promotion".into()));
    f.push(("form[supports][0][need]".into(), "Faire connaître le site.".into()));
    f
}

/// Step 3 of an association's candidature naming one co-applicant, Chloé, at `email`.
pub fn team_with_co_applicant(email: &str) -> Vec<(String, String)> {
    vec![
        ("form[carrier_kind]".to_string(), "association".to_string()),
        ("form[co_applicants][0][name]".to_string(), "Chloé Coporteuse".to_string()),
        ("form[co_applicants][0][email]".to_string(), email.to_string()),
        ("form[co_applicants][0][role]".to_string(), "Développeuse".to_string()),
    ]
}

/// Saves `form` as the fields of `step`.
pub async fn save_step(app: &TestApp, cookie: &str, id: i64, version: i64, step: i32, form: &[(String, String)]) -> TestResponse {
    let mut fields: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let (id, version, step) = (id.to_string(), version.to_string(), step.to_string());
    fields.extend([("id", id.as_str()), ("version", version.as_str()), ("step", step.as_str())]);
    app.call("candidature_save", &fields, Some(cookie)).await
}

/// Saves `form` step by step (1 to 5), as the applicant would; returns the last response.
pub async fn save(app: &TestApp, cookie: &str, id: i64, version: i64, form: &[(String, String)]) -> TestResponse {
    let mut version = version;
    let mut last = None;
    for step in 1..=5 {
        let res = save_step(app, cookie, id, version, step, form).await;
        if res.status != StatusCode::OK {
            return res;
        }
        version = serde_json::from_str::<Saved>(&res.body).unwrap().version;
        last = Some(res);
    }
    last.unwrap()
}

pub async fn get(app: &TestApp, cookie: &str, id: i64) -> CandidatureView {
    let res = app.call("candidature_get", &[("id", &id.to_string())], Some(cookie)).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    serde_json::from_str(&res.body).unwrap()
}

pub async fn start(app: &TestApp, cookie: &str) -> i64 {
    let res = app.call("candidature_start", &[], Some(cookie)).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    res.body.parse().unwrap()
}

/// Fills every step and submits with the 4 commitments; returns the candidature's id.
pub async fn submitted(app: &TestApp, cookie: &str) -> i64 {
    let id = start(app, cookie).await;
    assert_eq!(save(app, cookie, id, 1, &full_form()).await.status, StatusCode::OK);
    submit(app, cookie, id).await;
    id
}

/// Submits (or sends back) with the 4 commitments, at the current version.
pub async fn submit(app: &TestApp, cookie: &str, id: i64) -> TestResponse {
    let version = get(app, cookie, id).await.version.to_string();
    let sid = id.to_string();
    let fields: Vec<(&str, &str)> =
        Commitment::ALL.iter().map(|c| ("commitments[]", c.code())).chain([("id", sid.as_str()), ("version", version.as_str())]).collect();
    let res = app.call("candidature_submit", &fields, Some(cookie)).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    res
}
