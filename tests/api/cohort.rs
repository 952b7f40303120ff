//! Cohorts on both engines: staff open one (dates of each phase, capacity, jury size, reviews
//! per candidature) and close one once launched; a closed cohort is read only; the calendar
//! refuses a launch before the programme; check-in reminders are mailed once per due
//! check-in; the public pages kept in memory follow every change, on one instance and across
//! instances.

use crate::support;

use accelerateur::api::cohort::CohortView;
use accelerateur::api::programme::{CohortSummary, Dashboard, ProgrammeView};
use accelerateur::domain::account::Role;
use accelerateur::domain::charter::Commitment;
use accelerateur::domain::cohort::{Calendar, CohortForm};
use accelerateur::domain::error::AppError;
use accelerateur::domain::validate::Problem;
use accelerateur::server::db;
use axum::http::StatusCode;
use support::programme::{programme_cohort, selected};
use support::TestApp;

on_both_engines!(
    staff_open_a_cohort_and_each_bad_field_is_explained,
    a_cohort_closes_after_its_launch_and_is_then_read_only,
    the_calendar_refuses_a_launch_before_the_programme,
    the_dashboard_filters_sorts_exports_and_compares_cohorts,
    check_in_reminders_are_mailed_once_per_due_check_in,
    public_pages_are_kept_and_follow_every_change,
);

fn fields(form: &CohortForm) -> Vec<(&'static str, String)> {
    vec![
        ("name", form.name.clone()),
        ("call_opens", form.call_opens.clone()),
        ("call_closes", form.call_closes.clone()),
        ("jury_starts", form.jury_starts.clone()),
        ("deliberation_starts", form.deliberation_starts.clone()),
        ("programme_starts", form.programme_starts.clone()),
        ("launch_on", form.launch_on.clone()),
        ("capacity", form.capacity.clone()),
        ("jury_size", form.jury_size.clone()),
        ("reviews_per_candidature", form.reviews_per_candidature.clone()),
    ]
}

async fn open(app: &TestApp, cookie: &str, form: &CohortForm) -> support::TestResponse {
    let f = fields(form);
    let f: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
    app.call("cohort_open", &f, Some(cookie)).await
}

async fn cohorts(app: &TestApp, cookie: &str) -> Vec<CohortView> {
    let res = app.call("list_cohorts", &[], Some(cookie)).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    serde_json::from_str(&res.body).unwrap()
}

async fn staff_open_a_cohort_and_each_bad_field_is_explained(app: TestApp) {
    let staff = app.signed_in(Role::Staff).await;
    let applicant = app.signed_in(Role::Citizen).await;
    let juror = app.signed_in(Role::Citizen).await;
    let today = chrono::Utc::now().date_naive();
    db::cohort::insert(&app.db, "Cohorte 1", &Calendar::suggested(today), 10, 15, 3).await.unwrap();

    let res = app.call("cohort_suggestion", &[], Some(&staff)).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let suggested: CohortForm = serde_json::from_str(&res.body).unwrap();
    assert_eq!(suggested.name, "Cohorte 2");
    let expected_opening = today.checked_add_months(chrono::Months::new(3)).unwrap();
    assert_eq!(suggested.call_opens, expected_opening.format("%Y-%m-%d").to_string(), "3 months after the latest");
    assert_eq!((suggested.capacity.as_str(), suggested.jury_size.as_str(), suggested.reviews_per_candidature.as_str()), ("10", "15", "3"));

    for cookie in [&applicant, &juror] {
        assert_eq!(open(&app, cookie, &suggested).await.status, StatusCode::FORBIDDEN);
        assert_eq!(app.call("cohort_suggestion", &[], Some(cookie)).await.status, StatusCode::FORBIDDEN);
    }
    assert_eq!(app.call("cohort_open", &[("name", "X")], None).await.status, StatusCode::UNAUTHORIZED);

    let mut bad = suggested.clone();
    bad.capacity = "12".into();
    bad.deliberation_starts = bad.call_opens.clone();
    bad.reviews_per_candidature = "trois".into();
    let res = open(&app, &staff, &bad).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    let AppError::Invalid(errors) = res.app_error() else { panic!("{}", res.body) };
    assert_eq!(errors.for_field("capacity"), Some(&Problem::NumberOutOfRange { min: 1, max: 10 }));
    assert_eq!(errors.for_field("deliberation_starts"), Some(&Problem::DateNotAfterPrevious));
    assert_eq!(errors.for_field("reviews_per_candidature"), Some(&Problem::NumberOutOfRange { min: 1, max: 15 }));
    assert_eq!(errors.kept_value("reviews_per_candidature"), Some("trois"), "what was typed is kept");
    assert_eq!(cohorts(&app, &staff).await.len(), 1, "nothing opened");

    let mut taken = suggested.clone();
    taken.name = "Cohorte 1".into();
    let AppError::Invalid(errors) = open(&app, &staff, &taken).await.app_error() else { panic!() };
    assert_eq!(errors.for_field("name"), Some(&Problem::NameTaken));
    assert_eq!(errors.kept_value("launch_on"), Some(taken.launch_on.as_str()));

    let mut good = suggested.clone();
    good.capacity = "8".into();
    let res = open(&app, &staff, &good).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let list = cohorts(&app, &staff).await;
    let opened = list.iter().find(|c| c.name == "Cohorte 2").expect("listed");
    assert_eq!((opened.capacity, opened.jury_size, opened.reviews_per_candidature), (8, 15, 3));
    assert_eq!(opened.calendar.call_opens, expected_opening);
    assert!(!opened.closed && !opened.closable, "not closable before its launch");

    // Without JavaScript: the page's form posts and comes back to the list.
    let mut third = suggested.clone();
    third.name = "Cohorte 3".into();
    let f = fields(&third);
    let f: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let res = app.post_html_form("cohort_open", &f, "/agent/cohortes/nouvelle", Some(&staff)).await;
    assert!(res.status.is_redirection(), "{}", res.status);
    assert_eq!(res.location().as_deref(), Some("/agent/cohortes?ok=ouverte"));
    let page = app.get("/agent/cohortes/nouvelle", Some(&staff)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Cohorte 4"), "the next suggestion follows");
}

/// A cohort whose public launch has come (its call opened 400 days ago).
async fn launched_cohort(app: &TestApp) -> i64 {
    let today = chrono::Utc::now().date_naive();
    let cal = Calendar::suggested(today.checked_sub_days(chrono::Days::new(400)).unwrap());
    db::cohort::insert(&app.db, "Cohorte lancée", &cal, 10, 15, 3).await.unwrap()
}

async fn sign(app: &TestApp, cookie: &str, id: i64) {
    let mut f: Vec<(&str, String)> = Commitment::ALL.iter().map(|c| ("commitments[]", c.code().to_string())).collect();
    f.push(("candidature_id", id.to_string()));
    let f: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let res = app.call("programme_sign", &f, Some(cookie)).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
}

async fn a_cohort_closes_after_its_launch_and_is_then_read_only(app: TestApp) {
    let staff = app.signed_in(Role::Staff).await;
    let applicant = app.signed_in(Role::Citizen).await;
    let running = programme_cohort(&app).await;
    let launched = launched_cohort(&app).await;
    let (id, holder) = selected(&app, launched, "equipe@exemple.fr").await;
    sign(&app, &holder, id).await;
    let sid = id.to_string();

    let res = app.call("cohort_close", &[("cohort_id", &running.to_string())], Some(&staff)).await;
    assert_eq!(res.status, StatusCode::CONFLICT);
    assert!(matches!(res.app_error(), AppError::NotBefore { .. }), "{}", res.body);
    assert_eq!(app.call("cohort_close", &[("cohort_id", &launched.to_string())], Some(&applicant)).await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.call("cohort_close", &[("cohort_id", "999999")], Some(&staff)).await.status, StatusCode::NOT_FOUND);
    let view = cohorts(&app, &staff).await.into_iter().find(|c| c.id == launched).unwrap();
    assert!(view.closable && !view.closed);

    let res = app.call("cohort_close", &[("cohort_id", &launched.to_string())], Some(&staff)).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let res = app.call("cohort_close", &[("cohort_id", &launched.to_string())], Some(&staff)).await;
    assert_eq!((res.status, res.app_error()), (StatusCode::CONFLICT, AppError::CohortClosed), "once only");
    assert!(cohorts(&app, &staff).await.into_iter().find(|c| c.id == launched).unwrap().closed);

    // Read only: the team and staff still read the project; no change goes through.
    let res = app.call("programme_get", &[("candidature_id", &sid)], Some(&holder)).await;
    let view: ProgrammeView = serde_json::from_str(&res.body).unwrap();
    assert!(view.cohort_closed);
    for (endpoint, fields, cookie) in [
        ("checkin_post", vec![("candidature_id", sid.as_str()), ("progress", "Encore")], &holder),
        ("milestone_add", vec![("candidature_id", sid.as_str()), ("title", "Jalon"), ("due_on", "2030-01-01")], &holder),
        ("support_request", vec![("candidature_id", sid.as_str()), ("kind", "legal"), ("need", "Un avis")], &holder),
        ("evidence_save", vec![("candidature_id", sid.as_str()), ("funding", "Fonds propres")], &holder),
        ("programme_launch", vec![("candidature_id", sid.as_str()), ("launched_on", "2026-01-01")], &staff),
    ] {
        let res = app.call(endpoint, &fields, Some(cookie)).await;
        assert_eq!((res.status, res.app_error()), (StatusCode::CONFLICT, AppError::CohortClosed), "{endpoint}");
    }
    let support = db::programme::supports(&app.db, id).await.unwrap().remove(0);
    let res = app
        .call("support_update", &[("id", &support.id.to_string()), ("from", "requested"), ("state", "assigned"), ("owner", "DINUM")], Some(&staff))
        .await;
    assert_eq!((res.status, res.app_error()), (StatusCode::CONFLICT, AppError::CohortClosed));
}

async fn the_calendar_refuses_a_launch_before_the_programme(app: TestApp) {
    let staff = app.signed_in(Role::Staff).await;
    let today = chrono::Utc::now().date_naive();
    // In deliberation: the programme starts in 3 days.
    let cal = Calendar::suggested(today.checked_sub_days(chrono::Days::new(95)).unwrap());
    let cohort = db::cohort::insert(&app.db, "Cohorte en délibération", &cal, 10, 15, 3).await.unwrap();
    let (id, holder) = selected(&app, cohort, "tot@exemple.fr").await;
    sign(&app, &holder, id).await;
    let res = app.call("programme_launch", &[("candidature_id", &id.to_string()), ("launched_on", &today.to_string())], Some(&staff)).await;
    assert_eq!((res.status, res.app_error()), (StatusCode::CONFLICT, AppError::NotBefore { day: cal.programme_starts }));
    assert!(res.app_error().message(accelerateur::domain::i18n::Locale::Fr).contains(&cal.programme_starts.format("%d/%m/%Y").to_string()));
}

async fn the_dashboard_filters_sorts_exports_and_compares_cohorts(app: TestApp) {
    let staff = app.signed_in(Role::Staff).await;
    let applicant = app.signed_in(Role::Citizen).await;
    let cohort = programme_cohort(&app).await;
    let (signed, holder) = selected(&app, cohort, "alpha@exemple.fr").await;
    sign(&app, &holder, signed).await;
    app.call("checkin_post", &[("candidature_id", &signed.to_string()), ("progress", "Bien")], Some(&holder)).await;
    let (unsigned, _) = selected(&app, cohort, "beta@exemple.fr").await;
    let c = cohort.to_string();
    let dashboard = |risk: &'static str, state: &'static str, sort: &'static str| {
        let (app, staff, c) = (&app, staff.clone(), c.clone());
        async move {
            let res = app.call("programme_dashboard", &[("cohort_id", &c), ("risk", risk), ("state", state), ("sort", sort)], Some(&staff)).await;
            assert_eq!(res.status, StatusCode::OK, "{}", res.body);
            serde_json::from_str::<Dashboard>(&res.body).unwrap()
        }
    };
    let all = dashboard("", "", "").await;
    assert_eq!(all.rows.iter().map(|r| r.candidature_id).collect::<Vec<_>>(), [signed, unsigned]);
    let at_risk = dashboard("1", "", "").await;
    assert_eq!(at_risk.rows.iter().map(|r| r.candidature_id).collect::<Vec<_>>(), [unsigned], "the unsigned charter is a risk");
    assert_eq!(at_risk.summary.projects, 2, "the summary counts the whole cohort");
    let selected_only = dashboard("", "selected", "").await;
    assert_eq!(selected_only.rows.len(), 1);
    let by_risk = dashboard("", "", "risques").await;
    assert_eq!(by_risk.rows[0].candidature_id, unsigned);

    let csv = app.get(&format!("/agent/cohortes/{cohort}/programme.csv?risque=1"), Some(&staff)).await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.headers[axum::http::header::CONTENT_TYPE].to_str().unwrap().starts_with("text/csv"));
    let lines: Vec<&str> = csv.body.trim_start_matches('\u{feff}').lines().collect();
    assert!(lines[0].starts_with("reference,projet,etat,charte_signee"));
    assert_eq!(lines.len(), 2, "the filter applies: {lines:?}");
    assert!(lines[1].contains("Projet de beta@exemple.fr") && lines[1].contains("charte non signée"));
    assert_eq!(app.get(&format!("/agent/cohortes/{cohort}/programme.csv"), Some(&applicant)).await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.get(&format!("/agent/cohortes/{cohort}/programme.csv"), None).await.status, StatusCode::UNAUTHORIZED);

    let launched = launched_cohort(&app).await;
    let (other, other_holder) = selected(&app, launched, "gamma@exemple.fr").await;
    sign(&app, &other_holder, other).await;
    let res = app.call("programme_comparison", &[], Some(&staff)).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let rows: Vec<CohortSummary> = serde_json::from_str(&res.body).unwrap();
    let find = |id: i64| rows.iter().find(|r| r.cohort_id == id).unwrap();
    assert_eq!((find(cohort).projects, find(cohort).charter_signed), (2, 1));
    assert_eq!((find(launched).projects, find(launched).supports), (1, (0, 1)));
    assert_eq!(app.call("programme_comparison", &[], Some(&applicant)).await.status, StatusCode::FORBIDDEN);
    let page = app.get("/agent/programme", Some(&staff)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Cohorte lancée") && page.body.contains("Cohorte programme"));
}

async fn outbox_reminders(app: &TestApp) -> Vec<db::outbox::OutboxRow> {
    db::outbox::list(&app.db, 500).await.unwrap().into_iter().filter(|m| m.kind == "rappel-point-etape").collect()
}

async fn check_in_reminders_are_mailed_once_per_due_check_in(app: TestApp) {
    use accelerateur::server::reminders::send_due;
    let cohort = programme_cohort(&app).await;
    let (id, holder) = selected(&app, cohort, "rappel@exemple.fr").await;
    let today = chrono::Utc::now().date_naive();
    let day = |n: u64| today.checked_add_days(chrono::Days::new(n)).unwrap();
    assert_eq!(send_due(&app.db, "http://x", day(30)).await.unwrap(), 0, "not in its programme yet: nothing");
    sign(&app, &holder, id).await;
    assert_eq!(send_due(&app.db, "http://x", day(13)).await.unwrap(), 0, "13 days after the signature");
    assert_eq!(send_due(&app.db, "http://x", day(14)).await.unwrap(), 1);
    assert_eq!(send_due(&app.db, "http://x", day(20)).await.unwrap(), 0, "one reminder per due check-in");
    let mails = outbox_reminders(&app).await;
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].recipient, "rappel@exemple.fr");
    assert!(mails[0].subject.starts_with("Point d'étape attendu"), "{}", mails[0].subject);

    // A check-in moves the next due day: 14 days after it.
    let res = app.call("checkin_post", &[("candidature_id", &id.to_string()), ("progress", "Avancé")], Some(&holder)).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    db::programme::backdate_last_check_in(&app.db, id, db::now() - 20 * 86_400).await.unwrap();
    assert_eq!(send_due(&app.db, "http://x", today).await.unwrap(), 1, "20 days of silence");
    assert_eq!(send_due(&app.db, "http://x", today).await.unwrap(), 0);
    assert_eq!(outbox_reminders(&app).await.len(), 2);

    // Two instances noticing the same due check-in write one reminder.
    db::programme::backdate_last_check_in(&app.db, id, db::now() - 40 * 86_400).await.unwrap();
    let (a, b) = tokio::join!(send_due(&app.db, "http://x", today), send_due(&app.db, "http://x", today));
    assert_eq!(a.unwrap() + b.unwrap(), 1);
    assert_eq!(outbox_reminders(&app).await.len(), 3);
}

fn cache_state(res: &support::TestResponse) -> Option<&str> {
    res.headers.get("x-cache").and_then(|v| v.to_str().ok())
}

async fn public_pages_are_kept_and_follow_every_change(app: TestApp) {
    let cohort = launched_cohort(&app).await;
    let (id, holder) = selected(&app, cohort, "vitrine@exemple.fr").await;
    sign(&app, &holder, id).await;
    app.until_listening().await;
    let first = app.get("/initiatives", None).await;
    assert_eq!((first.status, cache_state(&first)), (StatusCode::OK, Some("miss")));
    let again = app.get("/initiatives", None).await;
    assert_eq!(cache_state(&again), Some("hit"));
    // The same bytes but for the Content-Security-Policy nonce, drawn anew for each answer.
    let nonce = |res: &support::TestResponse| {
        let policy = res.headers.get("content-security-policy").and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
        policy.split("'nonce-").nth(1).and_then(|rest| rest.split('\'').next()).unwrap_or_default().to_string()
    };
    let (n1, n2) = (nonce(&first), nonce(&again));
    assert!(!n1.is_empty() && n1 != n2, "a fresh nonce: {n1} / {n2}");
    assert_eq!(again.body.replace(&n2, &n1), first.body, "the same bytes, but the nonce");
    assert_eq!(cache_state(&app.get("/initiatives", Some(&holder)).await), None, "signed-in pages are never kept");
    assert!(!first.body.contains("Un pitch public"));

    // A change through the app: the next visitor sees it.
    let pitch = "Un pitch public";
    let mut form = accelerateur::domain::candidature_form::CandidatureForm { project_name: "Projet de vitrine@exemple.fr".into(), pitch: pitch.into(), ..Default::default() };
    form.supports.clear();
    let json = serde_json::to_string(&form).unwrap();
    sqlx_update_json(&app, id, &json).await;
    let res = app.call("publication_set", &[("candidature_id", &id.to_string()), ("fields[]", "pitch")], Some(&holder)).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let after = app.get("/initiatives", None).await;
    assert_eq!(cache_state(&after), Some("miss"));
    assert!(after.body.contains(pitch), "consent given: shown at once");

    // Another instance behind the same load balancer, with its own memory.
    let other = app.another_instance();
    // It keeps nothing until it listens to the others' announcements.
    other.until_listening().await;
    assert_eq!(cache_state(&other.get("/initiatives", None).await), Some("miss"));
    assert_eq!(cache_state(&other.get("/initiatives", None).await), Some("hit"), "the other instance keeps its own pages");
    let res = app.call("publication_set", &[("candidature_id", &id.to_string())], Some(&holder)).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    if app.database_url().is_none() {
        // PostgreSQL: the other instance hears of the change (NOTIFY) within moments.
        let mut seen = false;
        for _ in 0..50 {
            let page = other.get("/initiatives", None).await;
            if !page.body.contains(pitch) {
                seen = true;
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        assert!(seen, "consent withdrawn: the other instance stops showing the pitch");
    }
    assert!(!app.get("/initiatives", None).await.body.contains(pitch), "consent withdrawn: gone at once here");
}

/// Puts this content in the candidature (as the applicant typed it before submitting).
async fn sqlx_update_json(app: &TestApp, id: i64, json: &str) {
    let row = db::candidature::find(&app.db, id).await.unwrap().unwrap();
    let content = db::candidature::Content { json, project_name: &row.project_name, carrier_kind: "association", current_step: 6, co_applicants: None };
    db::candidature::save_content(&app.db, id, row.version, &content).await.unwrap();
}
