//! Hostile data stays inert (part of the `api` test binary), on both engines: person-typed
//! text in `<title>` and `<textarea>`, crafted refused-form links, the Content-Security-Policy
//! of every kind of answer, co-applicant access only for a confirmed address, the bounded
//! « kept until login » step, malformed arguments answered 400, drafts invisible to staff,
//! jury figures published only after the decisions, and a public cache that refused posts do
//! not empty.

use crate::support;
use accelerateur::api::candidature::CandidatureList;
use accelerateur::domain::account::Role;
use accelerateur::domain::error::AppError;
use accelerateur::domain::validate::{FormErrors, Problem};
use accelerateur::server::{db, seed};
use axum::http::StatusCode;
use support::candidature::{cohort_opened, full_form, save_step, start, submitted};
use support::{TestApp, TestResponse, PASSWORD};

on_both_engines!(
    person_text_in_titles_and_textareas_is_escaped,
    every_answer_carries_a_strict_policy_with_a_fresh_nonce,
    an_unconfirmed_address_waits_before_co_applicant_access,
    a_step_is_kept_until_login_only_within_bounds,
    malformed_arguments_answer_400_with_a_message,
    drafts_stay_invisible_to_staff,
    jury_figures_wait_for_the_decisions,
    refused_posts_leave_the_public_cache_alone,
);

/// Breaks out of text, both attribute quotes, `<title>`, `<textarea>`, `<style>` and `<script>`.
const PAYLOAD: &str = "</textarea></title></style></script>\"'><img src=x id=xss-img onerror=alert(1)><script id=xss-script>alert(2)</script>";

fn csp(res: &TestResponse) -> String {
    res.headers.get("content-security-policy").and_then(|v| v.to_str().ok()).unwrap_or_default().to_string()
}

fn nonce_of(policy: &str) -> String {
    let start = policy.find("'nonce-").unwrap_or_else(|| panic!("no nonce in {policy:?}")) + "'nonce-".len();
    policy[start..].chars().take_while(|c| *c != '\'').collect()
}

/// Base64 with the URL-safe alphabet and padding, as `server_fn` encodes `__err`.
fn base64_url(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The error a refused no-JavaScript form comes back with, keeping `value` in `field`.
fn refusal_link(page: &str, endpoint: &str, field: &str, value: &str) -> String {
    let mut errors = FormErrors::default();
    errors.add(field, Problem::Required);
    let errors = errors.keep(field, value);
    let json = serde_json::to_vec(&AppError::Invalid(errors)).unwrap();
    let encode = |s: &str| support::form(&[("x", s)]).trim_start_matches("x=").to_string();
    format!("{page}?__path={}&__err={}", encode(&format!("/api/{endpoint}")), encode(&base64_url(&json)))
}

pub(crate) fn assert_inert(body: &str, what: &str) {
    for created in ["<img src=x id=xss-img", "<script id=xss-script>", "</textarea></title>", "</title></style>"] {
        assert!(!body.contains(created), "{what}: the payload became markup ({created})");
    }
}

async fn person_text_in_titles_and_textareas_is_escaped(app: TestApp) {
    cohort_opened(&app, 10).await;
    let applicant = app.signed_in(Role::Citizen).await;
    let id = submitted(&app, &applicant).await;
    let version = support::candidature::get(&app, &applicant, id).await.version;
    // The project name is one line of at most 120 characters: a payload for <title> fits.
    let name = "Projet </title><script id=xss-script>alert(2)</script><img src=x id=xss-img onerror=alert(1)>";
    let named: Vec<(String, String)> =
        full_form().into_iter().map(|(k, v)| if k == "form[project_name]" { (k, name.to_string()) } else { (k, v) }).collect();
    let res = save_step(&app, &applicant, id, version, 1, &named).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let staff = app.signed_in(Role::Staff).await;

    // <title>: staff open the candidature, whose page is titled after the project.
    let page = app.get(&format!("/agent/candidatures/{id}"), Some(&staff)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_inert(&page.body, "screening page");
    let title = &page.body[page.body.find("<title>").unwrap()..page.body.find("</head>").unwrap()];
    assert!(title.starts_with("<title>Projet &lt;/title&gt;&lt;script id=xss-script&gt;"), "escaped in <title>: {}", &title[..120.min(title.len())]);

    // <textarea>: a crafted refused-form link refills the decision message with the payload.
    let link = refusal_link(&format!("/agent/candidatures/{id}"), "screening_decide", "message", PAYLOAD);
    let page = app.get(&link, Some(&staff)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_inert(&page.body, "refilled textarea");
    assert!(page.body.contains("&lt;/textarea&gt;&lt;/title&gt;&lt;/style&gt;"), "the payload is in the field, as text");
    assert!(page.body.contains("Le formulaire contient des erreurs"), "the crafted error was read back");

    // The applicant's own step 2 refilled the same way (the form's TextArea component).
    let link = refusal_link(&format!("/candidatures/{id}/etape/2"), "candidature_save", "form[impact]", PAYLOAD);
    let page = app.get(&link, Some(&applicant)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_inert(&page.body, "candidature step");
}

async fn every_answer_carries_a_strict_policy_with_a_fresh_nonce(app: TestApp) {
    // On PostgreSQL the cache's listener forgets everything once connected: wait for a hit.
    let mut first = app.get("/", None).await;
    let mut again = app.get("/", None).await;
    for _ in 0..50 {
        if cache_state(&again) == Some("hit") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        first = again;
        again = app.get("/", None).await;
    }
    let policy = csp(&first);
    for part in ["script-src 'self' 'nonce-", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'self'"] {
        assert!(policy.contains(part), "{part} in {policy}");
    }
    let nonce = nonce_of(&policy);
    assert!(first.body.contains(&format!("nonce=\"{nonce}\"")), "the hydration script carries the header's nonce");
    // The same page from the cache: a new nonce, in the header and in the page.
    assert_eq!(cache_state(&again), Some("hit"));
    let renewed = nonce_of(&csp(&again));
    assert_ne!(renewed, nonce, "no two answers share a nonce");
    assert!(again.body.contains(&format!("nonce=\"{renewed}\"")) && !again.body.contains(&nonce));
    // Every other kind of answer: pages signed in or not, errors, API, files, server functions.
    let applicant = app.signed_in(Role::Citizen).await;
    let answers = [
        ("/connexion", app.get("/connexion", None).await),
        ("/compte", app.get("/compte", Some(&applicant)).await),
        ("/agent/cohortes (403)", app.get("/agent/cohortes", Some(&applicant)).await),
        ("404", app.get("/nulle-part", None).await),
        ("/api/v1/cohortes", app.get("/api/v1/cohortes", None).await),
        ("/healthz", app.get("/healthz", None).await),
        ("/api/current_user", app.call("current_user", &[], Some(&applicant)).await),
        ("/api/login refused", app.call("login", &[("email", "x@exemple.fr"), ("password", "faux")], None).await),
    ];
    for (what, res) in &answers {
        let policy = csp(res);
        assert!(policy.contains("object-src 'none'") && policy.contains("'nonce-"), "{what}: {policy:?}");
        if res.body.contains("<script") {
            assert!(res.body.contains(&format!("nonce=\"{}\"", nonce_of(&policy))), "{what}: scripts carry the nonce");
        }
    }
}

async fn an_unconfirmed_address_waits_before_co_applicant_access(app: TestApp) {
    cohort_opened(&app, 10).await;
    let holder = app.signed_in(Role::Citizen).await;
    let id = start(&app, &holder).await;
    let team = support::candidature::team_with_co_applicant("chloe@exemple.fr");
    assert_eq!(save_step(&app, &holder, id, 1, 3, &team).await.status, StatusCode::OK);
    // Someone creates an account with that address and does not confirm it.
    let res = app
        .call("signup", &[("name", "Pas Chloé"), ("email", "chloe@exemple.fr"), ("password", PASSWORD), ("password_confirm", PASSWORD)], None)
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let co = res.session_cookie().unwrap();
    let sid = id.to_string();
    let mine: CandidatureList = serde_json::from_str(&app.call("candidature_mine", &[], Some(&co)).await.body).unwrap();
    assert!(mine.list.is_empty(), "nothing before the address is confirmed");
    assert_eq!(mine.waiting_for_confirmation, 1);
    assert!(app.get("/candidatures", Some(&co)).await.body.contains("Confirmez votre adresse électronique pour y accéder"));
    assert_eq!(app.call("candidature_get", &[("id", &sid)], Some(&co)).await.status, StatusCode::NOT_FOUND);
    assert!(!app.call("thread_get", &[("candidature_id", &sid)], Some(&co)).await.status.is_success(), "no thread");
    assert!(!app.get(&format!("/candidatures/{id}/piece-jointe"), Some(&co)).await.status.is_success(), "no attachment");
    let impact = vec![("form[impact]".to_string(), "Écrit par quelqu'un d'autre".to_string())];
    assert!(!save_step(&app, &co, id, 2, 2, &impact).await.status.is_success(), "no edit");

    // The owner of the address confirms it through the mailed link: access opens.
    let user = db::account::find_by_email(&app.db, "chloe@exemple.fr").await.unwrap().unwrap();
    let mail = accelerateur::domain::mail::Notice::PasswordReset { token: "x".into() }.compose(&user.email, user.locale(), "http://127.0.0.1:3000");
    let link = db::account::NewToken {
        token_hash: accelerateur::server::auth::token_hash("lien-de-confirmation"),
        purpose: "verify",
        email: user.email.clone(),
        expires_at: db::now() + 3600,
        mail,
    };
    db::account::new_token(&app.db, user.id, &link).await.unwrap();
    assert_eq!(app.call("confirm_address", &[("token", "lien-de-confirmation")], Some(&co)).await.status, StatusCode::OK);
    let mine: CandidatureList = serde_json::from_str(&app.call("candidature_mine", &[], Some(&co)).await.body).unwrap();
    assert_eq!(mine.list.iter().map(|c| c.id).collect::<Vec<_>>(), [id]);
    assert_eq!(mine.waiting_for_confirmation, 0);
    assert_eq!(app.call("candidature_get", &[("id", &sid)], Some(&co)).await.status, StatusCode::OK);
    assert_eq!(app.call("thread_get", &[("candidature_id", &sid)], Some(&co)).await.status, StatusCode::OK);
}

async fn pending_steps(app: &TestApp) -> i64 {
    match &app.db {
        db::Db::Sqlite(pools) => sqlx::query_scalar("SELECT COUNT(*) FROM pending_saves").fetch_one(&pools.read).await.unwrap(),
        db::Db::Postgres(pool) => sqlx::query_scalar("SELECT COUNT(*) FROM pending_saves").fetch_one(pool).await.unwrap(),
    }
}

async fn a_step_is_kept_until_login_only_within_bounds(app: TestApp) {
    cohort_opened(&app, 10).await;
    let holder = app.signed_in(Role::Citizen).await;
    let id = start(&app, &holder).await;
    let sid = id.to_string();
    let post = |id: String, impact: String| {
        let app = &app;
        async move {
            let page = format!("/candidatures/{id}/etape/2");
            let fields = [("id", id.as_str()), ("version", "1"), ("step", "2"), ("form[impact]", impact.as_str())];
            app.post_html_form("candidature_save", &fields, &page, None).await
        }
    };
    let kept = |res: &TestResponse| res.location().is_some_and(|l| l.starts_with("/connexion?retour="));
    // Refused: back to the form with the error, which keeps the typed text (`__err`).
    let refused = |res: &TestResponse| res.location().is_some_and(|l| l.contains("__path=") && l.contains("__err="));
    let res = post(sid.clone(), "Un impact raisonnable.".into()).await;
    assert!(kept(&res), "a step within its limits, for an open call: kept ({:?})", res.location());
    assert_eq!(pending_steps(&app).await, 1);

    // Past the step's own limits, or for a candidature that does not exist: not kept.
    let res = post(sid.clone(), "x".repeat(200_000)).await;
    assert!(!kept(&res) && refused(&res), "{:?}", res.location());
    let res = post("987654".into(), "Un impact.".into()).await;
    assert!(!kept(&res) && refused(&res), "{:?}", res.location());
    assert_eq!(pending_steps(&app).await, 1);
    // The same refusal as a JSON call: the session expired, the typed text comes back.
    let json = app
        .call("candidature_save", &[("id", "987654"), ("version", "1"), ("step", "2"), ("form[impact]", "Mon texte")], None)
        .await;
    assert_eq!(json.status, StatusCode::UNAUTHORIZED);

    // A few per network address and hour.
    for n in 2..=accelerateur::domain::candidature::PENDING_PER_ADDRESS {
        assert!(kept(&post(sid.clone(), format!("Essai {n}")).await), "kept {n}");
    }
    let res = post(sid.clone(), "Un de trop".into()).await;
    assert!(!kept(&res) && refused(&res), "the address has kept its share for the hour");
    assert_eq!(pending_steps(&app).await, accelerateur::domain::candidature::PENDING_PER_ADDRESS);
    // Steps past their day are purged.
    db::account::purge_expired(&app.db).await.unwrap();
    assert_eq!(pending_steps(&app).await, accelerateur::domain::candidature::PENDING_PER_ADDRESS, "still fresh");
}

async fn malformed_arguments_answer_400_with_a_message(app: TestApp) {
    let huge = "x".repeat(100 * 1024);
    let applicant = app.signed_in(Role::Citizen).await;
    let calls: [(&str, Vec<(&str, &str)>); 7] = [
        ("candidature_save", vec![("id", "1"), ("version", "1"), ("step", "1"), ("form", &huge)]),
        ("candidature_submit", vec![("id", "1"), ("version", "1"), ("commitments", &huge)]),
        ("jury_charter", vec![("cohort_id", "1"), ("commitments", &huge)]),
        ("jury_declare", vec![("cohort_id", "1"), ("candidatures", &huge)]),
        ("programme_sign", vec![("candidature_id", "1"), ("commitments", &huge)]),
        ("publication_set", vec![("candidature_id", "1"), ("fields", &huge)]),
        ("candidature_get", vec![("id", &huge)]),
    ];
    for (endpoint, fields) in &calls {
        let res = app.call(endpoint, fields, Some(&applicant)).await;
        assert_eq!(res.status, StatusCode::BAD_REQUEST, "{endpoint}: {}", &res.body[..200.min(res.body.len())]);
        assert!(matches!(res.app_error(), AppError::Malformed(_)), "{endpoint}");
        assert!(res.body.len() < 2_000, "{endpoint}: the answer does not echo the input ({} bytes)", res.body.len());
    }
    let missing = app.call("candidature_get", &[], Some(&applicant)).await;
    assert_eq!(missing.status, StatusCode::BAD_REQUEST);
    assert!(missing.app_error().message(accelerateur::domain::i18n::Locale::Fr).contains("Rechargez la page"));
    // A search of 100 KB: refused with its field's message, not a database error.
    let cohort = cohort_opened(&app, 10).await.to_string();
    let staff = app.signed_in(Role::Staff).await;
    let res = app.call("screening_list", &[("cohort_id", &cohort), ("q", &huge)], Some(&staff)).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", &res.body[..200.min(res.body.len())]);
    assert_eq!(res.app_error().form_errors().unwrap().for_field("q"), Some(&Problem::TooLong { max: 200 }));
    let res = app.get(&format!("/api/v1/initiatives?q={}", "x".repeat(1_000)), None).await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    assert!(res.body.contains("recherche trop longue"), "{}", res.body);
}

async fn drafts_stay_invisible_to_staff(app: TestApp) {
    let cohort = cohort_opened(&app, 10).await.to_string();
    let applicant = app.signed_in(Role::Citizen).await;
    let draft = start(&app, &applicant).await;
    let other = app.signed_in(Role::Citizen).await;
    let sent = submitted(&app, &other).await;
    let staff = app.signed_in(Role::Staff).await;
    for status in ["", "draft", "submitted"] {
        let res = app.call("screening_list", &[("cohort_id", &cohort), ("status", status)], Some(&staff)).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let listed: serde_json::Value = serde_json::from_str(&res.body).unwrap();
        let ids: Vec<i64> = listed["rows"].as_array().unwrap().iter().map(|r| r["id"].as_i64().unwrap()).collect();
        assert!(!ids.contains(&draft), "status {status:?}: the draft is not listed");
        if status != "draft" {
            assert_eq!(ids, [sent], "status {status:?}");
        }
    }
    assert_eq!(app.call("screening_get", &[("id", &draft.to_string())], Some(&staff)).await.status, StatusCode::NOT_FOUND);
}

async fn jury_figures_wait_for_the_decisions(app: TestApp) {
    use accelerateur::domain::cohort::Phase;
    let today = chrono::Utc::now().date_naive();
    seed::seed_demo(&app.db, today, "http://127.0.0.1:3000").await.unwrap();
    let cohorts = db::cohort::list(&app.db).await.unwrap();
    let jury = cohorts.iter().find(|c| c.calendar().phase_on(today) == Phase::JuryReview).unwrap();
    // The jury has scored already: without the rule, the averages would be there.
    let scores = db::transparency::scores(&app.db).await.unwrap();
    assert!(scores.iter().any(|s| s.0 == jury.id), "the demo jury has submitted scores");
    let res = app.get("/api/v1/transparence", None).await;
    assert_eq!(res.status, StatusCode::OK);
    let figures: serde_json::Value = serde_json::from_str(&res.body).unwrap();
    let figures = figures.as_array().or_else(|| figures["cohortes"].as_array()).cloned().unwrap_or_default();
    let of_jury = figures
        .iter()
        .find(|f| f.to_string().contains(&format!("\"{}\"", jury.name)))
        .unwrap_or_else(|| panic!("figures of {} in {res:?}", jury.name, res = &res.body[..300.min(res.body.len())]));
    let text = of_jury.to_string();
    assert!(!text.chars().any(|c| c == '.'), "no average (a decimal) while the jury scores: {text}");
    let page = app.get("/transparence", None).await;
    assert!(page.body.contains("Les notes du jury sont publiées une fois les décisions prises"));
}

fn cache_state(res: &TestResponse) -> Option<&str> {
    res.headers.get("x-cache").and_then(|v| v.to_str().ok())
}

async fn refused_posts_leave_the_public_cache_alone(app: TestApp) {
    cohort_opened(&app, 10).await;
    app.until_listening().await;
    assert_eq!(cache_state(&app.get("/", None).await), Some("miss"));
    assert_eq!(cache_state(&app.get("/", None).await), Some("hit"), "the home page is kept");
    // A refused login, a refused form (JSON and without JavaScript), a successful sign-in and
    // an autosave: nothing the public sees changed.
    assert_eq!(app.call("login", &[("email", "x@exemple.fr"), ("password", "faux")], None).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(app.call("publication_set", &[("candidature_id", "1")], None).await.status, StatusCode::UNAUTHORIZED);
    let res = app.post_html_form("cohort_close", &[("cohort_id", "1")], "/agent/cohortes", None).await;
    assert!(res.location().is_some_and(|l| l.contains("__err=")), "{:?}", res.location());
    let applicant = app.signed_in(Role::Citizen).await;
    let id = start(&app, &applicant).await;
    let draft = vec![("form[impact]".to_string(), "Un brouillon".to_string())];
    assert_eq!(save_step(&app, &applicant, id, 1, 2, &draft).await.status, StatusCode::OK);
    assert_eq!(cache_state(&app.get("/", None).await), Some("hit"), "still kept");
    // A change the public sees (a submission counts in the transparency figures): emptied.
    let other = app.signed_in(Role::Citizen).await;
    submitted(&app, &other).await;
    assert_eq!(cache_state(&app.get("/", None).await), Some("miss"));
}
