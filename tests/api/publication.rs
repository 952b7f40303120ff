//! Publication on both engines: a field the team did not agree to publish never appears in
//! any public output (showcase, public page, CSV, JSON); only selected projects are public;
//! the showcase's filters; who may change the consent.

use crate::support;

use accelerateur::api::publication::Showcase;
use accelerateur::domain::account::Role;
use accelerateur::domain::candidature::Status;
use accelerateur::domain::candidature_form::CandidatureForm;
use accelerateur::domain::validate::Problem;
use accelerateur::server::db;
use axum::http::StatusCode;
use support::programme::{programme_cohort, selected_with};
use support::TestApp;

on_both_engines!(
    a_field_without_consent_never_appears_in_public,
    the_showcase_filters_by_cohort_theme_and_search,
    the_json_api_follows_its_openapi_document,
);

const SECRETS: [&str; 6] = ["PITCH-7Q", "DESCRIPTION-7Q", "https://site-7q.exemple.fr", "STRUCTURE-7Q", "FINANCES-7Q", "EUPL-7Q"];

fn form(name: &str, theme: &str) -> CandidatureForm {
    CandidatureForm {
        project_name: name.into(),
        pitch: SECRETS[0].into(),
        description: SECRETS[1].into(),
        website: SECRETS[2].into(),
        carrier_name: SECRETS[3].into(),
        funding_statement: SECRETS[4].into(),
        licence: SECRETS[5].into(),
        theme: theme.into(),
        carrier_kind: "association".into(),
        ..Default::default()
    }
}

/// A GET as the app's client sends it (JSON accepted): a server function with a GET URL.
async fn get_api(app: &TestApp, path: &str) -> support::TestResponse {
    let req = axum::http::Request::get(path)
        .header(axum::http::header::HOST, "127.0.0.1:3000")
        .header(axum::http::header::ACCEPT, "application/json")
        .body(axum::body::Body::empty())
        .unwrap();
    app.send(req).await
}

/// Everything the public can read, concatenated.
async fn public_outputs(app: &TestApp, id: i64) -> String {
    let mut all = String::new();
    let res = get_api(app, "/api/initiatives").await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    all.push_str(&res.body);
    for path in ["/initiatives".to_string(), format!("/initiatives/{id}"), "/donnees/initiatives.csv".into(), "/donnees/initiatives.json".into()] {
        let res = app.get(&path, None).await;
        assert_eq!(res.status, StatusCode::OK, "{path}: {}", res.body);
        all.push_str(&res.body);
    }
    all
}

async fn a_field_without_consent_never_appears_in_public(app: TestApp) {
    let cohort = programme_cohort(&app).await;
    let (id, holder) = selected_with(&app, cohort, "porteuse.publique@exemple.fr", &form("Projet public", "health"), Status::Selected).await;
    let (hidden, _) = selected_with(&app, cohort, "pas.retenu@exemple.fr", &form("Projet non retenu", "health"), Status::UnderReview).await;

    let before = public_outputs(&app, id).await;
    assert!(before.contains("Projet public"), "the name is public");
    for secret in SECRETS {
        assert!(!before.contains(secret), "{secret} is public without consent");
    }
    assert!(!before.contains("porteuse.publique@exemple.fr"), "never the holder's address");
    assert!(!before.contains("Projet non retenu"), "only selected projects");
    assert_eq!(app.get(&format!("/initiatives/{hidden}"), None).await.status, StatusCode::NOT_FOUND);

    // The team publishes the pitch and the website only.
    let sid = id.to_string();
    let fields = [("candidature_id", sid.as_str()), ("fields[]", "pitch"), ("fields[]", "website")];
    assert_eq!(app.call("publication_set", &fields, None).await.status, StatusCode::UNAUTHORIZED);
    let staff = app.signed_in(Role::Staff).await;
    assert_eq!(app.call("publication_set", &fields, Some(&staff)).await.status, StatusCode::FORBIDDEN, "the team decides");
    let other = app.signed_in(Role::Citizen).await;
    assert_eq!(app.call("publication_set", &fields, Some(&other)).await.status, StatusCode::NOT_FOUND);
    let res = app.call("publication_set", &[("candidature_id", sid.as_str()), ("fields[]", "holder_email")], Some(&holder)).await;
    assert_eq!(res.app_error().form_errors().unwrap().for_field("fields"), Some(&Problem::UnknownChoice));
    assert_eq!(app.call("publication_set", &fields, Some(&holder)).await.status, StatusCode::OK);

    let after = public_outputs(&app, id).await;
    assert!(after.contains(SECRETS[0]) && after.contains(SECRETS[2]));
    for secret in &SECRETS[1..2] {
        assert!(!after.contains(secret), "{secret}");
    }
    for secret in &SECRETS[3..] {
        assert!(!after.contains(secret), "{secret}");
    }
    let csv = app.get("/donnees/initiatives.csv", None).await;
    assert!(csv.body.starts_with("\u{feff}id,nom,cohorte,statut"), "{}", csv.body);
    assert!(csv.headers.get("content-type").unwrap().to_str().unwrap().starts_with("text/csv"));
    let json: serde_json::Value = serde_json::from_str(&app.get("/donnees/initiatives.json", None).await.body).unwrap();
    assert!(json["licence"].as_str().unwrap().contains("Etalab"));
    assert_eq!(json["initiatives"][0]["pitch"], SECRETS[0]);
    assert!(json["initiatives"][0]["description"].is_null());
    // Withdrawing consent takes the field back out.
    assert_eq!(app.call("publication_set", &[("candidature_id", sid.as_str())], Some(&holder)).await.status, StatusCode::OK);
    assert!(!public_outputs(&app, id).await.contains(SECRETS[0]));
    assert!(db::publication::consents(&app.db, id).await.unwrap().is_empty());
}

async fn showcase(app: &TestApp, fields: &[(&str, &str)]) -> Showcase {
    let query: Vec<String> = fields.iter().map(|(k, v)| format!("{k}={v}")).collect();
    let res = get_api(app, &format!("/api/initiatives?{}", query.join("&"))).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    serde_json::from_str(&res.body).unwrap()
}

async fn the_showcase_filters_by_cohort_theme_and_search(app: TestApp) {
    let first = programme_cohort(&app).await;
    let today = chrono::Utc::now().date_naive();
    let cal = accelerateur::domain::cohort::Calendar::suggested(today.checked_sub_days(chrono::Days::new(230)).unwrap());
    let second = db::cohort::insert(&app.db, "Cohorte lancée", &cal, 10, 15, 3).await.unwrap();
    let (a, holder_a) = selected_with(&app, first, "a@exemple.fr", &form("Bus rural", "transport"), Status::Selected).await;
    let (b, holder_b) = selected_with(&app, second, "b@exemple.fr", &form("Eau claire", "health"), Status::Selected).await;
    for (id, holder) in [(a, &holder_a), (b, &holder_b)] {
        let sid = id.to_string();
        let res = app.call("publication_set", &[("candidature_id", sid.as_str()), ("fields[]", "theme"), ("fields[]", "pitch")], Some(holder)).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    }
    let names = |s: &Showcase| s.initiatives.iter().map(|i| i.name.clone()).collect::<Vec<_>>();
    let all = showcase(&app, &[]).await;
    assert_eq!((all.total, all.initiatives.len(), all.cohorts.len()), (2, 2, 2));
    assert_eq!(names(&showcase(&app, &[("cohorte", &second.to_string())]).await), vec!["Eau claire"]);
    assert_eq!(names(&showcase(&app, &[("theme", "transport")]).await), vec!["Bus rural"]);
    assert_eq!(names(&showcase(&app, &[("q", "EAU")]).await), vec!["Eau claire"]);
    let none = showcase(&app, &[("q", "introuvable")]).await;
    assert!(none.initiatives.is_empty() && none.total == 2);
    let page = app.get("/initiatives?theme=health", None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Eau claire") && !page.body.contains("Bus rural"));
}

/// The read-only JSON API answers what the OpenAPI document describes.
async fn the_json_api_follows_its_openapi_document(app: TestApp) {
    let cohort = programme_cohort(&app).await;
    let (id, holder) = selected_with(&app, cohort, "api@exemple.fr", &form("Projet API", "transport"), Status::Selected).await;
    let sid = id.to_string();
    let fields = [("candidature_id", sid.as_str()), ("fields[]", "theme")];
    assert_eq!(app.call("publication_set", &fields, Some(&holder)).await.status, StatusCode::OK);
    let doc: serde_json::Value = serde_json::from_str(&get_api(&app, "/api/v1/openapi.json").await.body).unwrap();
    assert_eq!(doc["openapi"], "3.1.0");
    let paths: Vec<String> = doc["paths"].as_object().unwrap().keys().cloned().collect();
    for path in &paths {
        let concrete = path.replace("{id}", &sid);
        let res = get_api(&app, &concrete).await;
        assert_eq!(res.status, StatusCode::OK, "{concrete}: {}", res.body);
        assert!(serde_json::from_str::<serde_json::Value>(&res.body).is_ok(), "{concrete}");
    }
    let one: serde_json::Value = serde_json::from_str(&get_api(&app, &format!("/api/v1/initiatives/{id}")).await.body).unwrap();
    assert_eq!((one["name"].as_str(), one["theme"].as_str()), (Some("Projet API"), Some("Transport")));
    assert!(one["pitch"].is_null(), "not published");
    let filtered: serde_json::Value = serde_json::from_str(&get_api(&app, "/api/v1/initiatives?theme=health").await.body).unwrap();
    assert_eq!(filtered["initiatives"].as_array().unwrap().len(), 0);
    assert_eq!(get_api(&app, "/api/v1/initiatives/999999").await.status, StatusCode::NOT_FOUND);
    let cohorts: serde_json::Value = serde_json::from_str(&get_api(&app, "/api/v1/cohortes").await.body).unwrap();
    assert_eq!(cohorts["cohortes"][0]["nom"], "Cohorte programme");
}
