//! Retention (both engines): the daily task with the clock moved forward, run by two
//! instances at once (each notice sent once, each record purged once, nothing in review
//! touched, the audit chain intact); staff durations within bounds, the coming purges and
//! the cohort's archive; the audit log written before digests, converted once.

use crate::support::candidature::{cohort_opened, get};
use crate::support::programme::taken_to;
use crate::support::{self, TestApp, PASSWORD};
use accelerateur::api::retention::RetentionView;
use accelerateur::domain::account::Role;
use accelerateur::domain::candidature::Status;
use accelerateur::domain::candidature_form::CandidatureForm;
use accelerateur::domain::error::AppError;
use accelerateur::domain::ids::{CandidatureId, CohortId, UserId};
use accelerateur::domain::retention::{KeptUntil, Policy, NOTICE_DAYS};
use accelerateur::domain::validate::Problem;
use accelerateur::server::db::{self, Db};
use accelerateur::server::retention::{run_due, Report};
use axum::http::StatusCode;
use chrono::{Days, Months, NaiveDate};

on_both_engines!(
    the_daily_task_tells_once_then_purges_once_on_two_instances,
    staff_set_the_durations_within_bounds_and_export_the_archive,
    an_audit_log_written_before_digests_is_verified_then_converted,
);

fn today() -> NaiveDate {
    chrono::Utc::now().date_naive()
}

async fn exec(db: &Db, sql: &str, binds: &[i64]) -> u64 {
    match db {
        Db::Sqlite(p) => {
            let mut q = sqlx::query(sql);
            for b in binds {
                q = q.bind(*b);
            }
            q.execute(&p.write).await.unwrap().rows_affected()
        }
        Db::Postgres(p) => {
            let mut q = sqlx::query(sql);
            for b in binds {
                q = q.bind(*b);
            }
            q.execute(p).await.unwrap().rows_affected()
        }
    }
}

async fn scalar(db: &Db, sql: &str, bind: i64) -> i64 {
    match db {
        Db::Sqlite(p) => sqlx::query_scalar(sql).bind(bind).fetch_one(&p.read).await.unwrap(),
        Db::Postgres(p) => sqlx::query_scalar(sql).bind(bind).fetch_one(p).await.unwrap(),
    }
}

/// Two instances run the task for `day` at the same time; their reports added up.
async fn both_run(app: &TestApp, day: NaiveDate) -> Report {
    let at = day.and_hms_opt(12, 0, 0).unwrap().and_utc().timestamp();
    let (a, b) = (app.db.clone(), app.db.clone());
    let first = tokio::spawn(async move { run_due(&a, "http://127.0.0.1:3000", "instance-a", day, at).await.unwrap() });
    let second = tokio::spawn(async move { run_due(&b, "http://127.0.0.1:3000", "instance-b", day, at).await.unwrap() });
    let (x, y) = (first.await.unwrap(), second.await.unwrap());
    Report { notified: x.notified + y.notified, purged: x.purged + y.purged, mail_bodies: x.mail_bodies + y.mail_bodies, expired: x.expired + y.expired }
}

fn named(name: &str) -> CandidatureForm {
    CandidatureForm { project_name: name.into(), ..Default::default() }
}

async fn the_daily_task_tells_once_then_purges_once_on_two_instances(app: TestApp) {
    // The call opened 100 days ago and closed 44 days ago.
    let c = cohort_opened(&app, 100).await;
    let call_closes = today() - Days::new(100) + Days::new(56);
    let staff = app.user("agent.conservation@exemple.fr", Role::Staff).await;
    app.signed_in(Role::Citizen).await;
    let draft_holder = app.user("brouillon.oublie@exemple.fr", Role::Citizen).await;
    let draft = taken_to(&app, c, draft_holder, &named("Brouillon oublié"), &[], Status::Draft).await;
    // Not selected today, with a co-applicant and a decision in the audit log.
    let ended_holder = app.user("non.retenue@exemple.fr", Role::Citizen).await;
    let team = ["coporteuse.non.retenue@exemple.fr".to_string()];
    let ended = taken_to(&app, c, ended_holder, &named("Projet non retenu"), &team, Status::UnderReview).await;
    let decided = db::jury::decide(&app.db, CohortId(c), CandidatureId(ended), Status::UnderReview, Status::NotSelected, "[]", 10, UserId(staff), &[])
        .await
        .unwrap();
    assert!(matches!(decided, db::jury::DecideOutcome::Done));
    let in_review_holder = app.user("en.examen@exemple.fr", Role::Citizen).await;
    let in_review = taken_to(&app, c, in_review_holder, &named("Projet en examen"), &[], Status::UnderReview).await;
    // A mail sent 100 days ago.
    exec(
        &app.db,
        "INSERT INTO outbox (recipient, lang, kind, subject, text_body, html_body, state, next_attempt_at, created_at, sent_at) \
         VALUES ('ancien@exemple.fr', 'fr', 'test', 'Objet ancien', 'Corps ancien', '<p>Corps ancien</p>', 'sent', $1, $1, $1)",
        &[db::now() - 100 * 86_400],
    )
    .await;
    let audit_len = db::audit::audit_log(&app.db).await.unwrap().len();
    assert!(audit_len >= 1);
    let notices = |app: &TestApp| {
        let db = app.db.clone();
        async move { scalar(&db, "SELECT COUNT(*) FROM outbox WHERE kind = 'avis-suppression' AND id > $1", 0).await }
    };

    // The draft: told 2 weeks before its day (3 months after the call closed), once; then
    // deleted on its day, once.
    let purge_day = call_closes.checked_add_months(Months::new(3)).unwrap();
    let notice_day = purge_day - Days::new(NOTICE_DAYS as u64);
    let r = both_run(&app, notice_day - Days::new(1)).await;
    assert_eq!((r.notified, r.purged), (0, 0));
    assert!(r.expired > 0, "the session opened by the test expired by then");
    assert_eq!(r.mail_bodies, 1, "the mail sent 100 days ago loses its bodies");
    assert_eq!(scalar(&app.db, "SELECT COUNT(*) FROM outbox WHERE subject = 'Objet ancien' AND text_body = '' AND html_body = '' AND id > $1", 0).await, 1);
    let r = both_run(&app, notice_day).await;
    assert_eq!((r.notified, r.purged), (1, 0));
    assert_eq!(notices(&app).await, 1, "one mail, to the draft's holder");
    assert_eq!(scalar(&app.db, "SELECT COUNT(*) FROM outbox WHERE kind = 'avis-suppression' AND recipient = 'brouillon.oublie@exemple.fr' AND id > $1", 0).await, 1);
    assert_eq!(both_run(&app, notice_day).await, Report::default(), "told once");
    assert_eq!(both_run(&app, purge_day - Days::new(1)).await.purged, 0);
    let r = both_run(&app, purge_day).await;
    assert_eq!(r.purged, 1);
    assert!(db::candidature::find(&app.db, draft).await.unwrap().is_none());
    assert!(db::candidature::find(&app.db, ended).await.unwrap().is_some());
    assert_eq!(both_run(&app, purge_day).await.purged, 0, "purged once");

    // The candidature not selected: 2 years after the decision. The task had not told its
    // people before that day, so they get the full 2 weeks after the notice.
    let ended_day = today().checked_add_months(Months::new(24)).unwrap();
    let r = both_run(&app, ended_day).await;
    assert_eq!((r.notified, r.purged), (1, 0));
    assert_eq!(notices(&app).await, 3, "the holder and the co-applicant");
    assert_eq!(both_run(&app, ended_day + Days::new(NOTICE_DAYS as u64 - 1)).await.purged, 0);
    let r = both_run(&app, ended_day + Days::new(NOTICE_DAYS as u64)).await;
    assert_eq!(r.purged, 1);
    assert!(db::candidature::find(&app.db, ended).await.unwrap().is_none());
    assert_eq!(scalar(&app.db, "SELECT COUNT(*) FROM decisions WHERE candidature_id = $1", ended).await, 0);
    // The audit log lost the decision's content, not its entry, and still verifies.
    let log = db::audit::audit_log(&app.db).await.unwrap();
    assert_eq!(log.len(), audit_len);
    let entry = log.iter().find(|e| e.entity == "decision" && e.entity_id == ended).expect("the decision's entry");
    assert!(entry.erased_at.is_some() && entry.before_value.is_empty() && entry.after_value.is_empty());
    assert_eq!(db::audit::first_broken(&log), None);

    // In review: never purged, whatever the day.
    let r = both_run(&app, today() + Days::new(3650)).await;
    assert_eq!((r.notified, r.purged), (0, 0));
    assert!(db::candidature::find(&app.db, in_review).await.unwrap().is_some());
}

async fn staff_set_the_durations_within_bounds_and_export_the_archive(app: TestApp) {
    let c = cohort_opened(&app, 100).await;
    let call_closes = today() - Days::new(100) + Days::new(56);
    let staff = app.signed_in(Role::Staff).await;
    let holder = app.user("brouillon.agent@exemple.fr", Role::Citizen).await;
    let draft = taken_to(&app, c, holder, &named("Brouillon à archiver"), &[], Status::Draft).await;
    let cohort = c.to_string();

    let res = app.call("set_cohort_retention", &[("cohort_id", &cohort), ("keep_drafts_months", "0"), ("keep_not_selected_months", "61")], Some(&staff)).await;
    let AppError::Invalid(e) = res.app_error() else { panic!("{}", res.body) };
    assert_eq!(e.for_field("keep_drafts_months"), Some(&Problem::NumberOutOfRange { min: 1, max: 12 }));
    assert_eq!(e.for_field("keep_not_selected_months"), Some(&Problem::NumberOutOfRange { min: 6, max: 60 }));
    assert_eq!(e.kept_value("keep_not_selected_months"), Some("61"));
    assert_eq!(db::retention::policy(&app.db, c).await.unwrap(), Some(Policy::default()));
    let res = app.call("set_cohort_retention", &[("cohort_id", &cohort), ("keep_drafts_months", "1"), ("keep_not_selected_months", "6")], Some(&staff)).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert_eq!(db::retention::policy(&app.db, c).await.unwrap(), Some(Policy { drafts_months: 1, not_selected_months: 6 }));

    // The coming purge follows the new duration, on the staff page too.
    let req = axum::http::Request::get(format!("/api/cohort_retention?cohort_id={c}"))
        .header(axum::http::header::ACCEPT, "application/json")
        .header(axum::http::header::HOST, "127.0.0.1:3000")
        .header(axum::http::header::COOKIE, &staff);
    let res = app.send(req.body(axum::body::Body::empty()).unwrap()).await;
    let view: RetentionView = serde_json::from_str(&res.body).unwrap();
    let purge_on = call_closes.checked_add_months(Months::new(1)).unwrap();
    assert_eq!(view.coming.len(), 1);
    // A draft is never shown to staff: counted, not named.
    assert_eq!((view.coming[0].candidature_id, view.coming[0].purge_on, view.coming[0].announced), (None, purge_on, None));
    assert_eq!(view.coming[0].project_name, None);
    let page = app.get(&format!("/agent/cohortes/{c}/candidatures"), Some(&staff)).await;
    assert!(page.body.contains("Conservation des données") && page.body.contains("Brouillon non déposé"), "{}", page.body);
    assert!(!page.body.contains("Brouillon à archiver"));

    // Its team reads the same day on the candidature.
    let holder_cookie = app.login("brouillon.agent@exemple.fr", PASSWORD).await.unwrap();
    assert_eq!(get(&app, &holder_cookie, draft).await.kept_until, KeptUntil::Day(purge_on));

    // The archive: the cohort's submitted candidatures with their content, not cached.
    let ended_holder = app.user("archivee@exemple.fr", Role::Citizen).await;
    let ended = taken_to(&app, c, ended_holder, &named("Projet archivé"), &[], Status::UnderReview).await;
    let res = app.get(&format!("/agent/cohortes/{c}/archive.json"), Some(&staff)).await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(res.headers.get("content-disposition").unwrap(), &format!("attachment; filename=\"archive-cohorte-{c}.json\""));
    assert_eq!(res.headers.get("cache-control").unwrap(), "private, no-store");
    let archive: serde_json::Value = serde_json::from_str(&res.body).unwrap();
    assert_eq!(archive["cohort"]["retention"]["drafts_months"], 1);
    let listed = archive["candidatures"].as_array().unwrap();
    assert_eq!(listed.len(), 1, "the draft is not in the archive");
    assert_eq!((listed[0]["id"].as_i64(), listed[0]["project_name"].as_str()), (Some(ended), Some("Projet archivé")));
    assert_eq!(listed[0]["status"], "under_review");
    assert_eq!(listed[0]["kept_until"], "Decision");
    let citizen = app.signed_in(Role::Citizen).await;
    assert_eq!(app.get(&format!("/agent/cohortes/{c}/archive.json"), Some(&citizen)).await.status, StatusCode::FORBIDDEN);
}

/// The hash entries had before digests: SHA-256 over length-prefixed parts.
fn legacy_hash(parts: &[&str]) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    for p in parts {
        h.update((p.len() as u64).to_be_bytes());
        h.update(p.as_bytes());
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

async fn an_audit_log_written_before_digests_is_verified_then_converted(app: TestApp) {
    let insert = "INSERT INTO audit_log (at, actor_id, entity, entity_id, action, before_value, after_value, prev_hash, hash) VALUES ($1, 7, 'review', 3, 'score:public_interest', $2, $3, $4, $5)";
    let mut prev = String::new();
    for (i, (before, after)) in [("", "2"), ("2", "3"), ("3", "4")].into_iter().enumerate() {
        let at = (1_700_000_000 + i as i64).to_string();
        let hash = legacy_hash(&[&prev, &at, "7", "review", "3", "score:public_interest", before, after]);
        match &app.db {
            Db::Sqlite(p) => sqlx::query(insert).bind(1_700_000_000 + i as i64).bind(before).bind(after).bind(&prev).bind(&hash).execute(&p.write).await.unwrap().rows_affected(),
            Db::Postgres(p) => sqlx::query(insert).bind(1_700_000_000 + i as i64).bind(before).bind(after).bind(&prev).bind(&hash).execute(p).await.unwrap().rows_affected(),
        };
        prev = hash;
    }
    let log = db::audit::audit_log(&app.db).await.unwrap();
    assert!(log.iter().all(|e| e.digest.is_none()));
    assert!(db::audit::first_broken(&log).is_some(), "not yet converted");

    // A tampered old chain is not converted (audit-check then reports it).
    exec(&app.db, "UPDATE audit_log SET after_value = '9' WHERE id = $1", &[log[1].id]).await;
    db::audit::upgrade(&app.db).await.unwrap();
    assert!(db::audit::audit_log(&app.db).await.unwrap().iter().all(|e| e.digest.is_none()));

    // The intact chain is converted, once.
    exec(&app.db, "UPDATE audit_log SET after_value = '3' WHERE id = $1", &[log[1].id]).await;
    db::audit::upgrade(&app.db).await.unwrap();
    let log = db::audit::audit_log(&app.db).await.unwrap();
    assert!(log.iter().all(|e| e.digest.is_some()));
    assert_eq!(db::audit::first_broken(&log), None);
    db::audit::upgrade(&app.db).await.unwrap();
    let again: Vec<String> = db::audit::audit_log(&app.db).await.unwrap().into_iter().map(|e| e.hash).collect();
    assert_eq!(again, log.iter().map(|e| e.hash.clone()).collect::<Vec<_>>(), "once");
    // After conversion, changing an entry's content still breaks the chain there.
    exec(&app.db, "UPDATE audit_log SET after_value = '9' WHERE id = $1", &[log[1].id]).await;
    assert_eq!(db::audit::first_broken(&db::audit::audit_log(&app.db).await.unwrap()), Some(log[1].id));
}
