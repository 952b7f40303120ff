//! Charter evidence on both engines: the team publishes addresses and statements; each address
//! is checked against a local HTTP server (never the internet) when given and again a day
//! later; the check state shows on the programme page, the public page, the open data and the
//! dashboard.

mod support;

use accelerateur::api::programme::{Dashboard, ProgrammeView};
use accelerateur::domain::account::Role;
use accelerateur::domain::evidence::{CheckState, RECHECK_SECONDS};
use accelerateur::domain::validate::Problem;
use accelerateur::server::{db, url_check};
use axum::http::StatusCode;
use support::programme::{programme_cohort, selected};
use support::TestApp;

on_both_engines!(evidence_addresses_are_checked_when_given_and_every_day);

/// A local web server: `/ok` answers 200, `/ailleurs` redirects to `/ok`, anything else 404.
async fn local_server() -> String {
    use axum::response::Redirect;
    use axum::routing::get;
    let app = axum::Router::new().route("/ok", get(|| async { "ok" })).route("/ailleurs", get(|| async { Redirect::permanent("/ok") }));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    format!("http://{addr}")
}

async fn view(app: &TestApp, cookie: &str, id: i64) -> ProgrammeView {
    let res = app.call("programme_get", &[("candidature_id", &id.to_string())], Some(cookie)).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    serde_json::from_str(&res.body).unwrap()
}

async fn evidence_addresses_are_checked_when_given_and_every_day(app: TestApp) {
    let server = local_server().await;
    let cohort = programme_cohort(&app).await;
    let (id, holder) = selected(&app, cohort, "preuves@exemple.fr").await;
    let sid = id.to_string();
    let save = |source: String, data: String, cookie: String| {
        let app = &app;
        let sid = sid.clone();
        async move {
            app.call(
                "evidence_save",
                &[("candidature_id", &sid), ("source_url", &source), ("data_url", &data), ("funding", "Dons : 3 000 €."), ("results", "400 dossiers.")],
                Some(&cookie),
            )
            .await
        }
    };
    // Before the programme opens (charter not signed), nothing is published.
    assert_eq!(save(format!("{server}/ok"), String::new(), holder.clone()).await.app_error(), accelerateur::domain::error::AppError::NotAllowedNow);
    let fields: Vec<(String, String)> = accelerateur::domain::charter::Commitment::ALL
        .iter()
        .map(|c| ("commitments[]".to_string(), c.code().to_string()))
        .chain([("candidature_id".to_string(), sid.clone())])
        .collect();
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    assert_eq!(app.call("programme_sign", &fields, Some(&holder)).await.status, StatusCode::OK);

    let res = save("ftp://code.exemple.fr".into(), "pas une adresse".into(), holder.clone()).await;
    let errors = res.app_error().form_errors().cloned().unwrap();
    assert_eq!(errors.for_field("source_url"), Some(&Problem::InvalidUrl));
    assert_eq!(errors.kept_value("data_url"), Some("pas une adresse"));
    let staff = app.signed_in(Role::Staff).await;
    assert_eq!(save(format!("{server}/ok"), String::new(), staff.clone()).await.status, StatusCode::FORBIDDEN);
    assert_eq!(save(format!("{server}/ailleurs"), format!("{server}/absent"), holder.clone()).await.status, StatusCode::OK);
    let v = view(&app, &holder, id).await;
    assert_eq!((v.evidence.source_check.clone(), v.evidence.data_check.clone()), (Some(CheckState::Pending), Some(CheckState::Pending)));

    let client = url_check::client();
    let now = db::now();
    assert_eq!(url_check::check_due(&app.db, &client, now).await.unwrap(), 2);
    let v = view(&app, &holder, id).await;
    assert_eq!(v.evidence.source_check, Some(CheckState::Verified { at: now }), "a redirect to a 200 verifies");
    assert_eq!(v.evidence.data_check, Some(CheckState::Failed { at: now, reason: "HTTP 404 : page introuvable".into() }));
    assert_eq!(url_check::check_due(&app.db, &client, now + 60).await.unwrap(), 0, "checked already today");
    assert_eq!(url_check::check_due(&app.db, &client, now + RECHECK_SECONDS).await.unwrap(), 2, "again a day later");

    // A new address loses the old check; an unreachable server is a failure with its reason.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
    assert_eq!(save(format!("{server}/ailleurs"), format!("http://{closed}/donnees"), holder.clone()).await.status, StatusCode::OK);
    let v = view(&app, &holder, id).await;
    assert!(matches!(v.evidence.source_check, Some(CheckState::Verified { .. })), "unchanged address keeps its check");
    assert_eq!(v.evidence.data_check, Some(CheckState::Pending));
    let later = now + RECHECK_SECONDS + 10;
    assert_eq!(url_check::check_due(&app.db, &client, later).await.unwrap(), 1);
    let v = view(&app, &holder, id).await;
    assert_eq!(v.evidence.data_check, Some(CheckState::Failed { at: later, reason: "connexion impossible au serveur".into() }));

    // The public sees the evidence with its checks; staff see it on the dashboard.
    let page = app.get(&format!("/initiatives/{id}"), None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains(&format!("{server}/ailleurs")) && page.body.contains("vérifié le") && page.body.contains("400 dossiers."));
    let csv = app.get("/donnees/initiatives.csv", None).await.body;
    assert!(csv.contains(&format!("{server}/ailleurs")) && csv.contains("Dons : 3 000 €."));
    let res = app.call("programme_dashboard", &[("cohort_id", &cohort.to_string())], Some(&staff)).await;
    let d: Dashboard = serde_json::from_str(&res.body).unwrap();
    assert_eq!(d.rows[0].evidence, (2, 1, 1));
}
