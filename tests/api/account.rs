//! Integration tests of every server function and handler, each on a fresh SQLite database
//! and a fresh PostgreSQL database.

use crate::support;

use accelerateur::domain::ids::{CandidatureId, CohortId, UserId};
use accelerateur::domain::account::Role;
use accelerateur::domain::error::AppError;
use accelerateur::domain::validate::Problem;
use accelerateur::server::{db, seed};
use axum::http::StatusCode;
use support::{TestApp, PASSWORD};

on_both_engines!(
    health_answers_when_the_database_does,
    signup_creates_a_signed_in_applicant,
    signup_refuses_bad_input_and_stores_nothing,
    signup_keeps_hostile_text_as_text,
    signup_refuses_a_taken_address_whatever_its_case,
    login_refuses_wrong_credentials_then_throttles,
    logout_ends_the_session,
    password_change_checks_the_current_one_and_closes_other_sessions,
    role_changes_are_for_admins_and_keep_an_admin,
    authorization_matrix_of_every_server_fn,
    protected_pages_answer_401_403_and_404,
    cross_site_posts_are_refused,
    forms_work_without_javascript_and_keep_what_was_typed,
    language_switch_sets_a_cookie_and_stays_on_site,
    demo_seed_and_bootstrap_admin_are_idempotent,
);

async fn health_answers_when_the_database_does(app: TestApp) {
    let res = app.get("/healthz", None).await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(res.body, "ok");
    app.db.close().await;
    let res = app.get("/healthz", None).await;
    assert_eq!(res.status, StatusCode::SERVICE_UNAVAILABLE);
}

async fn signup_creates_a_signed_in_applicant(app: TestApp) {
    let res = app
        .call(
            "signup",
            &[("name", "Marie Curie"), ("email", " Marie.Curie@Exemple.fr "), ("password", PASSWORD), ("password_confirm", PASSWORD)],
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let set_cookie = res.set_cookies().join("\n");
    assert!(set_cookie.contains("HttpOnly") && set_cookie.contains("SameSite=Lax"), "{set_cookie}");
    let cookie = res.session_cookie().expect("session cookie");
    let me = app.call("current_user", &[], Some(&cookie)).await;
    assert_eq!(me.status, StatusCode::OK);
    let user: Option<accelerateur::api::account::UserView> = serde_json::from_str(&me.body).unwrap();
    let user = user.expect("signed in");
    assert_eq!(user.email, "marie.curie@exemple.fr");
    assert_eq!(user.display_name, "Marie Curie");
    assert_eq!(user.role, Role::Citizen);
    let stored = db::account::find_by_email(&app.db, "marie.curie@exemple.fr").await.unwrap().unwrap();
    assert!(stored.password_hash.starts_with("$argon2id$"), "the password is hashed");
    // The account page shows who is signed in.
    let page = app.get("/compte", Some(&cookie)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Marie Curie") && page.body.contains("Citoyen"));
}

async fn signup_refuses_bad_input_and_stores_nothing(app: TestApp) {
    let long = "a".repeat(101);
    type Case<'a> = ([(&'a str, &'a str); 4], &'a str, Problem);
    let cases: Vec<Case> = vec![
        ([("name", ""), ("email", "a@exemple.fr"), ("password", PASSWORD), ("password_confirm", PASSWORD)], "name", Problem::Required),
        ([("name", &long), ("email", "a@exemple.fr"), ("password", PASSWORD), ("password_confirm", PASSWORD)], "name", Problem::TooLong { max: 100 }),
        ([("name", "A\u{7}B"), ("email", "a@exemple.fr"), ("password", PASSWORD), ("password_confirm", PASSWORD)], "name", Problem::ControlCharacters),
        ([("name", "Ann"), ("email", "pas-une-adresse"), ("password", PASSWORD), ("password_confirm", PASSWORD)], "email", Problem::InvalidEmail),
        ([("name", "Ann"), ("email", "x@y.fr' OR '1'='1"), ("password", PASSWORD), ("password_confirm", PASSWORD)], "email", Problem::InvalidEmail),
        ([("name", "Ann"), ("email", "a@exemple.fr"), ("password", "court"), ("password_confirm", "court")], "password", Problem::TooShort { min: 12 }),
        ([("name", "Ann"), ("email", "a@exemple.fr"), ("password", PASSWORD), ("password_confirm", "autre chose encore")], "password_confirm", Problem::PasswordMismatch),
    ];
    for (fields, field, problem) in cases {
        let res = app.call("signup", &fields, None).await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{field}: {}", res.body);
        let AppError::Invalid(errors) = res.app_error() else { panic!("expected Invalid: {}", res.body) };
        assert_eq!(errors.for_field(field), Some(&problem), "{field}");
        assert_eq!(errors.kept_value("name"), Some(fields[0].1), "the typed name is given back");
        assert!(res.session_cookie().is_none());
    }
    // Fields missing altogether are the caller's mistake, not a crash.
    let res = app.call("signup", &[("name", "Ann")], None).await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST, "{}", res.body);
    assert!(matches!(res.app_error(), AppError::Malformed(_)));
    // Bytes that are not UTF-8 are refused with a message on the field, without a crash.
    let req = axum::http::Request::post("/api/signup")
        .header("content-type", "application/x-www-form-urlencoded")
        .header("accept", "application/json")
        .body(axum::body::Body::from(
            b"name=%FF%FE&email=a%40b.fr&password=un+mot+de+passe+solide&password_confirm=un+mot+de+passe+solide".to_vec(),
        ))
        .unwrap();
    let res = app.send(req).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.body);
    let AppError::Invalid(errors) = res.app_error() else { panic!("{}", res.body) };
    assert_eq!(errors.for_field("name"), Some(&Problem::ControlCharacters));
    assert_eq!(app.count_users().await, 0, "nothing was stored");
}

async fn signup_keeps_hostile_text_as_text(app: TestApp) {
    for (i, name) in ["<script>alert(1)</script>", "Robert'); DROP TABLE users;--"].into_iter().enumerate() {
        let email = format!("hostile{i}@exemple.fr");
        let res = app
            .call("signup", &[("name", name), ("email", &email), ("password", PASSWORD), ("password_confirm", PASSWORD)], None)
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let stored = db::account::find_by_email(&app.db, &email).await.unwrap().unwrap();
        assert_eq!(stored.display_name, name, "stored verbatim");
        let page = app.get("/compte", Some(&res.session_cookie().unwrap())).await;
        assert!(!page.body.contains("<script>alert(1)</script>"), "never rendered as markup");
    }
    assert_eq!(app.count_users().await, 2, "the users table is intact");
    let page = app.get("/compte", Some(&app.login("hostile0@exemple.fr", PASSWORD).await.unwrap())).await;
    assert!(page.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
}

async fn signup_refuses_a_taken_address_whatever_its_case(app: TestApp) {
    app.user("pris@exemple.fr", Role::Citizen).await;
    let res = app
        .call("signup", &[("name", "Autre"), ("email", "PRIS@exemple.fr"), ("password", PASSWORD), ("password_confirm", PASSWORD)], None)
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    let AppError::Invalid(errors) = res.app_error() else { panic!() };
    assert_eq!(errors.for_field("email"), Some(&Problem::EmailTaken));
    assert_eq!(app.count_users().await, 1);
}

async fn login_refuses_wrong_credentials_then_throttles(app: TestApp) {
    app.user("lea@exemple.fr", Role::Citizen).await;
    let err = app.login("lea@exemple.fr", "mauvais mot de passe").await.unwrap_err();
    assert_eq!(err.0, StatusCode::UNAUTHORIZED);
    assert!(err.1.contains("BadCredentials"));
    // An unknown address gets the very same answer.
    let unknown = app.login("personne@exemple.fr", "mauvais mot de passe").await.unwrap_err();
    assert_eq!(unknown, err);
    assert!(app.login("LEA@exemple.fr", PASSWORD).await.is_ok(), "addresses are case-insensitive");
    for _ in 0..5 {
        let _ = app.login("lea@exemple.fr", "mauvais mot de passe").await;
    }
    let throttled = app.login("lea@exemple.fr", PASSWORD).await.unwrap_err();
    assert_eq!(throttled.0, StatusCode::TOO_MANY_REQUESTS, "{}", throttled.1);
    let res = app.call("login", &[("email", "lea@exemple.fr"), ("password", PASSWORD)], None).await;
    assert_eq!(res.app_error(), AppError::TooManyAttempts { wait_minutes: 15 });
    // Other addresses are not affected.
    app.user("noe@exemple.fr", Role::Citizen).await;
    assert!(app.login("noe@exemple.fr", PASSWORD).await.is_ok());
}

async fn logout_ends_the_session(app: TestApp) {
    let cookie = app.signed_in(Role::Citizen).await;
    let res = app.call("logout", &[], Some(&cookie)).await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.set_cookies().iter().any(|c| c.starts_with("acc_session=;") && c.contains("Max-Age=0")));
    let me = app.call("current_user", &[], Some(&cookie)).await;
    assert_eq!(me.body, "null", "the old cookie no longer opens the session");
}

async fn password_change_checks_the_current_one_and_closes_other_sessions(app: TestApp) {
    app.user("zoe@exemple.fr", Role::Citizen).await;
    let here = app.login("zoe@exemple.fr", PASSWORD).await.unwrap();
    let elsewhere = app.login("zoe@exemple.fr", PASSWORD).await.unwrap();
    let new = "un tout nouveau mot de passe";
    let wrong = app.call("change_password", &[("current", "pas le bon"), ("password", new), ("password_confirm", new)], Some(&here)).await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    let AppError::Invalid(errors) = wrong.app_error() else { panic!() };
    assert_eq!(errors.for_field("current"), Some(&Problem::WrongCurrentPassword));
    let anonymous = app.call("change_password", &[("current", PASSWORD), ("password", new), ("password_confirm", new)], None).await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
    let ok = app.call("change_password", &[("current", PASSWORD), ("password", new), ("password_confirm", new)], Some(&here)).await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
    assert!(app.login("zoe@exemple.fr", PASSWORD).await.is_err());
    assert!(app.login("zoe@exemple.fr", new).await.is_ok());
    assert_ne!(app.call("current_user", &[], Some(&here)).await.body, "null", "this session stays open");
    assert_eq!(app.call("current_user", &[], Some(&elsewhere)).await.body, "null", "the other one is closed");
}

async fn role_changes_are_for_admins_and_keep_an_admin(app: TestApp) {
    let admin_id = app.user("admin@exemple.fr", Role::Admin).await;
    let admin = app.login("admin@exemple.fr", PASSWORD).await.unwrap();
    let target = app.user("futur.agent@exemple.fr", Role::Citizen).await;
    let res = app.call("set_role", &[("user_id", &target.to_string()), ("role", "staff")], Some(&admin)).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert_eq!(db::account::find_by_id(&app.db, target).await.unwrap().unwrap().role(), Role::Staff);
    // A juror is a citizen with a seat, not a role.
    for unknown in ["root", "juror"] {
        let res = app.call("set_role", &[("user_id", &target.to_string()), ("role", unknown)], Some(&admin)).await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{unknown}");
    }
    let unknown_user = app.call("set_role", &[("user_id", "999999"), ("role", "staff")], Some(&admin)).await;
    assert_eq!(unknown_user.status, StatusCode::NOT_FOUND);
    let bad_id = app.call("set_role", &[("user_id", "abc"), ("role", "staff")], Some(&admin)).await;
    assert_eq!(bad_id.status, StatusCode::BAD_REQUEST, "{}", bad_id.body);
    // The last admin cannot step down...
    let alone = app.call("set_role", &[("user_id", &admin_id.to_string()), ("role", "staff")], Some(&admin)).await;
    assert_eq!(alone.status, StatusCode::FORBIDDEN);
    // ...but can once another admin exists.
    app.call("set_role", &[("user_id", &target.to_string()), ("role", "admin")], Some(&admin)).await;
    let res = app.call("set_role", &[("user_id", &admin_id.to_string()), ("role", "staff")], Some(&admin)).await;
    assert_eq!(res.status, StatusCode::OK);
}

async fn authorization_matrix_of_every_server_fn(app: TestApp) {
    use accelerateur::domain::candidature::Status;
    let target = app.user("cible@exemple.fr", Role::Citizen).await.to_string();
    // A cohort whose call is open and someone else's submitted candidature (version 2).
    let today = chrono::Utc::now().date_naive();
    let calendar = accelerateur::domain::cohort::Calendar::suggested(today.checked_sub_days(chrono::Days::new(10)).unwrap());
    let cohort = db::cohort::insert(&app.db, "Matrice", &calendar, 10, 15, 3).await.unwrap();
    let holder = app.user("porteur@exemple.fr", Role::Citizen).await;
    let cand = db::candidature::create_draft(&app.db, CohortId(cohort), UserId(holder)).await.unwrap();
    db::candidature::transition(&app.db, CandidatureId(cand), Status::Draft, Status::Submitted, Some(UserId(holder)), "").await.unwrap();
    let (cohort, cand) = (cohort.to_string(), cand.to_string());
    let mut callers: Vec<(&str, Option<String>)> = vec![("anonymous", None)];
    for role in Role::ALL {
        callers.push((role.code(), Some(app.signed_in(role).await)));
    }
    // (server fn, arguments, expected status per caller: anonymous, citizen, staff, admin)
    type Row<'a> = (&'a str, Vec<(&'a str, &'a str)>, [u16; 4]);
    let matrix: Vec<Row> = vec![
        ("current_user", vec![], [200, 200, 200, 200]),
        ("featured_cohort", vec![], [200, 200, 200, 200]),
        ("list_cohorts", vec![], [401, 403, 200, 200]),
        ("list_users", vec![], [401, 403, 403, 200]),
        ("set_role", vec![("user_id", &target), ("role", "applicant")], [401, 403, 403, 200]),
        ("change_password", vec![("current", "x"), ("password", "y"), ("password_confirm", "y")], [401, 422, 422, 422]),
        // The citizen caller is not the holder: someone else's candidature does not exist for them.
        ("candidature_get", vec![("id", &cand)], [401, 404, 403, 403]),
        ("candidature_save", vec![("id", &cand), ("version", "2"), ("step", "1")], [401, 404, 403, 403]),
        ("candidature_submit", vec![("id", &cand), ("version", "2")], [401, 404, 403, 403]),
        ("candidature_withdraw", vec![("id", &cand)], [401, 404, 403, 403]),
        ("candidature_mine", vec![], [401, 200, 403, 403]),
        ("candidature_start", vec![], [401, 200, 403, 403]),
        ("screening_list", vec![("cohort_id", &cohort)], [401, 403, 200, 200]),
        ("screening_get", vec![("id", &cand)], [401, 403, 200, 200]),
        ("screening_decide", vec![("id", &cand), ("version", "2"), ("decision", "")], [401, 403, 422, 422]),
        ("logout", vec![], [200, 200, 200, 200]),
    ];
    for (endpoint, args, expected) in matrix {
        for ((who, cookie), want) in callers.iter().zip(expected) {
            let res = app.call(endpoint, &args, cookie.as_deref()).await;
            assert_eq!(res.status.as_u16(), want, "{endpoint} as {who}: {}", res.body);
        }
    }
}

async fn protected_pages_answer_401_403_and_404(app: TestApp) {
    seed::seed_demo(&app.db, chrono::Utc::now().date_naive(), "http://127.0.0.1:3000").await.unwrap();
    let applicant = app.signed_in(Role::Citizen).await;
    let staff = app.signed_in(Role::Staff).await;
    let admin = app.signed_in(Role::Admin).await;

    let res = app.get("/agent/cohortes", None).await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED);
    assert!(res.body.contains("Connexion requise"));
    let res = app.get("/agent/cohortes", Some(&applicant)).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    assert!(res.body.contains("Accès refusé"));
    let res = app.get("/agent/cohortes", Some(&staff)).await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.body.contains("Cohorte 4") && res.body.contains("Appel à candidatures ouvert"));
    assert!(!res.body.contains("Utilisateurs</a>"), "staff has no admin menu");
    let res = app.get("/admin/utilisateurs", Some(&staff)).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    let res = app.get("/admin/utilisateurs", Some(&admin)).await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.body.contains("candidat@demo.accelerateur.fr"));
    let res = app.get("/compte", None).await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED);
    let res = app.get("/nulle-part", None).await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    assert!(res.body.contains("Page non trouvée"));
    // The public home page carries the seed's content and the open cohort's dates.
    let res = app.get("/", None).await;
    assert_eq!(res.status, StatusCode::OK);
    for text in ["Les 5 critères de sélection", "L&#x27;impact pour tous les Français", "Promotion et valorisation du projet", "Cohorte 4", "Appel à candidatures ouvert jusqu"] {
        assert!(res.body.contains(text) || res.body.contains(&text.replace("&#x27;", "'")), "home page lacks {text}");
    }
}

async fn cross_site_posts_are_refused(app: TestApp) {
    app.user("eve@exemple.fr", Role::Citizen).await;
    let req = axum::http::Request::post("/api/login")
        .header("content-type", "application/x-www-form-urlencoded")
        .header("host", "127.0.0.1:3000")
        .header("origin", "https://malveillant.example")
        .body(axum::body::Body::from(support::form(&[("email", "eve@exemple.fr"), ("password", PASSWORD)])))
        .unwrap();
    let res = app.send(req).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    assert!(res.body.contains("Requête refusée"));
    assert!(res.session_cookie().is_none());
    let req = axum::http::Request::post("/api/logout")
        .header("sec-fetch-site", "cross-site")
        .body(axum::body::Body::empty())
        .unwrap();
    assert_eq!(app.send(req).await.status, StatusCode::FORBIDDEN);
}

async fn forms_work_without_javascript_and_keep_what_was_typed(app: TestApp) {
    // A failed sign-up goes back to the form, which shows the problem and the typed values.
    let res = app
        .post_html_form(
            "signup",
            &[("name", "Jeanne Barret"), ("email", "jeanne@exemple"), ("password", PASSWORD), ("password_confirm", PASSWORD)],
            "/inscription",
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::FOUND);
    let back = res.location().expect("redirect");
    assert!(back.contains("/inscription?") && back.contains("__err="), "{back}");
    let path = back.trim_start_matches("http://127.0.0.1:3000");
    let page = app.get(path, None).await;
    assert!(page.body.contains("Adresse électronique invalide"), "error shown next to the field");
    assert!(page.body.contains("value=\"Jeanne Barret\""), "name kept");
    assert!(page.body.contains("value=\"jeanne@exemple\""), "email kept");
    assert!(page.body.contains("role=\"alert\""));
    // A successful one signs in and goes to the account page.
    let res = app
        .post_html_form(
            "signup",
            &[("name", "Jeanne Barret"), ("email", "jeanne@exemple.fr"), ("password", PASSWORD), ("password_confirm", PASSWORD)],
            "/inscription",
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::FOUND);
    assert_eq!(res.location().as_deref(), Some("/compte"));
    let cookie = res.session_cookie().expect("signed in");
    // Wrong login shows the alert on the login page.
    let res = app.post_html_form("login", &[("email", "jeanne@exemple.fr"), ("password", "faux")], "/connexion", None).await;
    let page = app.get(res.location().unwrap().trim_start_matches("http://127.0.0.1:3000"), None).await;
    assert!(page.body.contains("Adresse électronique ou mot de passe incorrect."));
    // Logging out with a plain form goes home.
    let res = app.post_html_form("logout", &[], "/compte", Some(&cookie)).await;
    assert_eq!(res.status, StatusCode::FOUND);
    assert_eq!(res.location().as_deref(), Some("/"));
}

async fn language_switch_sets_a_cookie_and_stays_on_site(app: TestApp) {
    let res = app.get("/langue/en?retour=/connexion", None).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert_eq!(res.location().as_deref(), Some("/connexion"));
    assert!(res.set_cookies().iter().any(|c| c.starts_with("lang=en;")));
    let page = app.get("/connexion", Some("lang=en")).await;
    assert!(page.body.contains("<html lang=\"en\""));
    assert!(page.body.contains("<h1>Log in</h1>"));
    assert!(page.body.contains(">Français</a>"));
    let page = app.get("/connexion", None).await;
    assert!(page.body.contains("<html lang=\"fr\"") && page.body.contains("<h1>Se connecter</h1>"));
    let res = app.get("/langue/fr?retour=//malveillant.example", None).await;
    assert_eq!(res.location().as_deref(), Some("/"));
}

async fn demo_seed_and_bootstrap_admin_are_idempotent(app: TestApp) {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
    seed::seed_demo(&app.db, today, "http://127.0.0.1:3000").await.unwrap();
    seed::seed_demo(&app.db, today, "http://127.0.0.1:3000").await.unwrap();
    assert_eq!(
        app.count_users().await,
        4 + 5 + 6 + 5 + 6 + 1 + 1,
        "one account per kind, 5 + 6 other demo applicants, 5 other jurors, 6 holders of selected projects, a co-applicant, the holder of a forgotten draft"
    );
    let cohorts = db::cohort::list(&app.db).await.unwrap();
    assert_eq!(cohorts.len(), 4);
    let phases: Vec<_> = cohorts.iter().map(|c| c.calendar().phase_on(today)).collect();
    use accelerateur::domain::cohort::Phase;
    for phase in [Phase::CallOpen, Phase::JuryReview, Phase::Programme, Phase::PublicLaunch] {
        assert!(phases.contains(&phase), "{phase:?} in {phases:?}");
    }
    // The jury cohort: 6 candidatures under review, 6 jurors, the demo juror's reviews in
    // each state, and an intact audit log.
    let jury = cohorts.iter().find(|c| c.calendar().phase_on(today) == Phase::JuryReview).unwrap();
    assert_eq!(db::candidature::count_by_status(&app.db, jury.id).await.unwrap(), vec![("under_review".to_string(), 6)]);
    assert_eq!(db::jury::jurors(&app.db, jury.id).await.unwrap().len(), 6);
    let juror = db::account::find_by_email(&app.db, seed::DEMO_ACCOUNTS[2].0).await.unwrap().unwrap();
    let mut states: Vec<String> = db::jury::reviews_of(&app.db, CohortId(jury.id), UserId(juror.id)).await.unwrap().into_iter().map(|r| r.state).collect();
    states.sort();
    assert_eq!(states, vec!["draft", "submitted", "todo"]);
    // Two jurors with their three reviews to do (one per end-to-end project).
    for email in ["jure5@demo.accelerateur.fr", "jure6@demo.accelerateur.fr"] {
        let juror = db::account::find_by_email(&app.db, email).await.unwrap().unwrap();
        let states: Vec<String> = db::jury::reviews_of(&app.db, CohortId(jury.id), UserId(juror.id)).await.unwrap().into_iter().map(|r| r.state).collect();
        assert_eq!(states, vec!["todo", "todo", "todo"], "{email}");
    }
    // Mails: only the three pending invitations, once even after seeding twice.
    let mails = db::outbox::list(&app.db, 100).await.unwrap();
    assert_eq!(mails.iter().map(|m| m.kind.as_str()).collect::<Vec<_>>(), vec!["invitation-jury"; 3]);
    // One of them goes to a co-applicant of that very cohort: accepting it is refused.
    let co_applicant = db::account::find_by_email(&app.db, seed::JURY_CO_APPLICANT.0).await.unwrap().unwrap();
    assert!(db::candidature::applies_in_cohort(&app.db, jury.id, &co_applicant).await.unwrap());
    assert!(mails.iter().any(|m| m.recipient == seed::JURY_CO_APPLICANT.0), "the co-applicant's invitation is in the outbox");
    let log = db::audit::audit_log(&app.db).await.unwrap();
    assert!(!log.is_empty() && db::audit::first_broken(&log).is_none());
    let applicant = db::account::find_by_email(&app.db, seed::DEMO_ACCOUNTS[3].0).await.unwrap().unwrap();
    let theirs = db::candidature::list_for_holder(&app.db, applicant.id).await.unwrap();
    assert_eq!(theirs.len(), 1, "one demo candidature, even after seeding twice");
    assert_eq!(theirs[0].status(), accelerateur::domain::candidature::Status::Submitted);
    // The cohort in its programme: two projects under way (one at risk), two to sign, and a
    // draft forgotten since its call (the retention task's demo); two launched.
    let programme = cohorts.iter().find(|c| c.calendar().phase_on(today) == Phase::Programme).unwrap();
    let mut statuses = db::candidature::count_by_status(&app.db, programme.id).await.unwrap();
    statuses.sort();
    assert_eq!(statuses, vec![("draft".to_string(), 1), ("in_programme".to_string(), 2), ("selected".to_string(), 2)]);
    let launched = cohorts.iter().find(|c| c.calendar().phase_on(today) == Phase::PublicLaunch).unwrap();
    let mut statuses = db::candidature::count_by_status(&app.db, launched.id).await.unwrap();
    statuses.sort();
    assert_eq!(statuses, vec![("ineligible".to_string(), 2), ("launched".to_string(), 2)]);
    // jure5 and jure6 applied there: one person, an applicant in one cohort, a juror in another.
    for email in ["jure5@demo.accelerateur.fr", "jure6@demo.accelerateur.fr"] {
        let person = db::account::find_by_email(&app.db, email).await.unwrap().unwrap();
        let theirs = db::candidature::list_for_holder(&app.db, person.id).await.unwrap();
        assert_eq!(theirs.iter().map(|c| c.cohort_id).collect::<Vec<_>>(), vec![launched.id], "{email}");
        assert_eq!(db::jury::memberships(&app.db, person.id).await.unwrap().len(), 1, "{email}");
    }
    let thread = db::messages::thread(&app.db, theirs[0].id).await.unwrap();
    assert_eq!(thread.len(), 1, "a question from staff waits in the demo applicant's thread");
    assert!(thread[0].from_staff);
    // Staff have a candidature in each screening state to click through.
    let open = cohorts.iter().find(|c| c.calendar().phase_on(today) == Phase::CallOpen).unwrap();
    let mut counts = db::candidature::count_by_status(&app.db, open.id).await.unwrap();
    counts.sort();
    let expected = [("correction_requested", 1), ("draft", 1), ("eligible", 1), ("ineligible", 1), ("submitted", 2)];
    assert_eq!(counts, expected.map(|(s, n)| (s.to_string(), n)));
    for (email, _, role) in seed::DEMO_ACCOUNTS {
        assert!(app.login(email, seed::DEMO_PASSWORD).await.is_ok(), "{email}");
        assert_eq!(db::account::find_by_email(&app.db, email).await.unwrap().unwrap().role(), role);
    }
    // An admin exists: the bootstrap does nothing.
    seed::bootstrap_admin(&app.db, "nouvel.admin@exemple.fr", "un mot de passe solide").await.unwrap();
    assert!(db::account::find_by_email(&app.db, "nouvel.admin@exemple.fr").await.unwrap().is_none());
}
