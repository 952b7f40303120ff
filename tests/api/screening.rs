//! Eligibility screening on both engines: who may screen, each transition (eligible,
//! ineligible with a reason, correction requested → corrected → resubmitted → eligible),
//! the history both sides read, the list's search and statistics, and the CSV export.

use accelerateur::domain::ids::{CandidatureId, CohortId, UserId};
use crate::support;

use accelerateur::api::candidature::CandidatureView;
use accelerateur::api::screening::{CohortScreening, ScreeningView, CSV_COLUMNS};
use accelerateur::domain::account::Role;
use accelerateur::domain::candidature::Status;
use accelerateur::domain::error::AppError;
use accelerateur::domain::validate::Problem;
use axum::http::StatusCode;
use support::candidature::{cohort_opened, full_form, get, save, save_step, submit, submitted};
use support::TestApp;

on_both_engines!(
    only_staff_screen_and_drafts_stay_private,
    eligible_and_ineligible_are_final_screening_decisions,
    a_correction_round_trip_keeps_every_round_in_the_history,
    decisions_need_a_message_and_the_version_read,
    the_list_searches_filters_and_measures_completion_time,
    the_csv_export_has_a_bom_stable_columns_and_staff_only_access,
    staff_pages_render_without_javascript,
);

async fn view(app: &TestApp, cookie: &str, id: i64) -> ScreeningView {
    let res = app.call("screening_get", &[("id", &id.to_string())], Some(cookie)).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    serde_json::from_str(&res.body).unwrap()
}

async fn decide(app: &TestApp, cookie: &str, id: i64, decision: &str, message: &str) -> support::TestResponse {
    let version = view(app, cookie, id).await.version.to_string();
    let sid = id.to_string();
    app.call("screening_decide", &[("id", &sid), ("version", &version), ("decision", decision), ("message", message)], Some(cookie))
        .await
}

async fn only_staff_screen_and_drafts_stay_private(app: TestApp) {
    let cohort = cohort_opened(&app, 10).await.to_string();
    let holder = app.signed_in(Role::Citizen).await;
    let id = submitted(&app, &holder).await;
    let sid = id.to_string();
    let other = app.signed_in(Role::Citizen).await;
    let draft = support::candidature::start(&app, &other).await.to_string();
    let juror = app.signed_in(Role::Citizen).await;
    for (who, cookie, want) in [("holder", Some(&holder), 403), ("juror", Some(&juror), 403), ("anonymous", None, 401)] {
        let cookie = cookie.map(String::as_str);
        assert_eq!(app.call("screening_list", &[("cohort_id", &cohort)], cookie).await.status.as_u16(), want, "list as {who}");
        assert_eq!(app.call("screening_get", &[("id", &sid)], cookie).await.status.as_u16(), want, "get as {who}");
        let res = app.call("screening_decide", &[("id", &sid), ("version", "1"), ("decision", "eligible")], cookie).await;
        assert_eq!(res.status.as_u16(), want, "decide as {who}");
    }
    for role in [Role::Staff, Role::Admin] {
        let cookie = app.signed_in(role).await;
        assert_eq!(view(&app, &cookie, id).await.status, Status::Submitted, "{role:?}");
        // Someone's draft is theirs alone, even for staff.
        assert_eq!(app.call("screening_get", &[("id", &draft)], Some(&cookie)).await.status, StatusCode::NOT_FOUND);
        let res = app.call("screening_decide", &[("id", &draft), ("version", "1"), ("decision", "eligible")], Some(&cookie)).await;
        assert_eq!(res.status, StatusCode::NOT_FOUND);
        assert_eq!(app.call("screening_get", &[("id", "999999")], Some(&cookie)).await.status, StatusCode::NOT_FOUND);
    }
    assert_eq!(get(&app, &holder, id).await.status, Status::Submitted, "nothing changed");
}

async fn eligible_and_ineligible_are_final_screening_decisions(app: TestApp) {
    cohort_opened(&app, 10).await;
    let staff = app.signed_in(Role::Staff).await;
    let (alice, bruno) = (app.signed_in(Role::Citizen).await, app.signed_in(Role::Citizen).await);
    let a = submitted(&app, &alice).await;
    let b = submitted(&app, &bruno).await;
    assert_eq!(decide(&app, &staff, a, "eligible", "").await.status, StatusCode::OK);
    let res = decide(&app, &staff, b, "ineligible", "Le projet ne concerne pas un service public.").await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let (va, vb) = (get(&app, &alice, a).await, get(&app, &bruno, b).await);
    assert_eq!((va.status, vb.status), (Status::Eligible, Status::Ineligible));
    assert!(!va.can_edit && !vb.can_edit, "screened candidatures are no longer edited");
    assert_eq!(vb.staff_message(), Some("Le projet ne concerne pas un service public."));
    assert_eq!(va.staff_message(), None);
    // Staff names never reach the applicant; the holder's own steps are theirs.
    let last = vb.history.last().unwrap();
    assert!(!last.by_applicant && last.actor_name.is_empty());
    assert_eq!(vb.history[0].to, Status::Submitted);
    assert!(vb.history[0].by_applicant);
    // Screening is done once: a second decision is refused.
    for id in [a, b] {
        let again = decide(&app, &staff, id, "correction_requested", "Encore ?").await;
        assert_eq!(again.status, StatusCode::CONFLICT);
        assert_eq!(again.app_error(), AppError::CandidatureState);
    }
    assert_eq!(save(&app, &bruno, b, vb.version, &full_form()).await.status, StatusCode::CONFLICT, "ineligible is final");
}

async fn a_correction_round_trip_keeps_every_round_in_the_history(app: TestApp) {
    // The call closed 4 days ago: a correction can still be made and sent back.
    let closed = cohort_opened(&app, 60).await;
    let holder_id = app.user("porteur@exemple.fr", Role::Citizen).await;
    let holder = app.login("porteur@exemple.fr", support::PASSWORD).await.unwrap();
    let id = accelerateur::server::db::candidature::create_draft(&app.db, CohortId(closed), UserId(holder_id)).await.unwrap();
    accelerateur::server::db::candidature::transition(&app.db, CandidatureId(id), Status::Draft, Status::Submitted, Some(UserId(holder_id)), "")
        .await
        .unwrap();
    let staff = app.signed_in(Role::Staff).await;
    let res = decide(&app, &staff, id, "correction_requested", "Précisez les montants des financements.").await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let v: CandidatureView = get(&app, &holder, id).await;
    assert_eq!(v.status, Status::CorrectionRequested);
    assert_eq!(v.staff_message(), Some("Précisez les montants des financements."));
    assert!(v.can_edit && v.can_submit);
    // The applicant corrects (the whole form, since this draft was empty) and sends it back.
    assert_eq!(save(&app, &holder, id, v.version, &full_form()).await.status, StatusCode::OK);
    submit(&app, &holder, id).await;
    assert_eq!(get(&app, &holder, id).await.status, Status::Submitted);
    // Second round: eligible.
    let res = decide(&app, &staff, id, "eligible", "").await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let s = view(&app, &staff, id).await;
    assert_eq!(s.status, Status::Eligible);
    let path: Vec<Status> = s.history.iter().map(|e| e.to).collect();
    assert_eq!(path, [Status::Submitted, Status::CorrectionRequested, Status::Submitted, Status::Eligible]);
    assert_eq!(s.history[1].message, "Précisez les montants des financements.");
    assert!(!s.history[1].actor_name.is_empty(), "staff see who decided");
    assert!(!s.can_decide);
    // Once eligible, the applicant cannot edit any more.
    let v = get(&app, &holder, id).await;
    assert!(!v.can_edit);
    let res = save_step(&app, &holder, id, v.version, 1, &full_form()).await;
    assert_eq!(res.status, StatusCode::CONFLICT);
}

async fn decisions_need_a_message_and_the_version_read(app: TestApp) {
    cohort_opened(&app, 10).await;
    let staff = app.signed_in(Role::Staff).await;
    let holder = app.signed_in(Role::Citizen).await;
    let id = submitted(&app, &holder).await;
    let res = decide(&app, &staff, id, "ineligible", "   ").await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    let AppError::Invalid(e) = res.app_error() else { panic!("{}", res.body) };
    assert_eq!(e.for_field("message"), Some(&Problem::Required));
    let res = decide(&app, &staff, id, "", "Un message").await;
    let AppError::Invalid(e) = res.app_error() else { panic!("{}", res.body) };
    assert_eq!(e.for_field("decision"), Some(&Problem::Required));
    assert_eq!(e.kept_value("message"), Some("Un message"), "what staff typed comes back");
    // Two staff members on the same candidature: the later decision is refused.
    let read = view(&app, &staff, id).await.version.to_string();
    let sid = id.to_string();
    let first = app.call("screening_decide", &[("id", &sid), ("version", &read), ("decision", "eligible")], Some(&staff)).await;
    assert_eq!(first.status, StatusCode::OK);
    let second = app
        .call("screening_decide", &[("id", &sid), ("version", &read), ("decision", "ineligible"), ("message", "Non")], Some(&staff))
        .await;
    assert_eq!(second.status, StatusCode::CONFLICT);
    assert_eq!(second.app_error(), AppError::Conflict);
    assert_eq!(view(&app, &staff, id).await.status, Status::Eligible);
}

async fn the_list_searches_filters_and_measures_completion_time(app: TestApp) {
    let cohort = cohort_opened(&app, 10).await.to_string();
    let staff = app.signed_in(Role::Staff).await;
    let (alice, bruno) = (app.signed_in(Role::Citizen).await, app.signed_in(Role::Citizen).await);
    let a = submitted(&app, &alice).await;
    let b = submitted(&app, &bruno).await;
    support::candidature::start(&app, &app.signed_in(Role::Citizen).await).await;
    decide(&app, &staff, b, "eligible", "").await;
    let list = |status: &'static str, q: &'static str| {
        let cohort = cohort.clone();
        let staff = staff.clone();
        let app = &app;
        async move {
            let res = app.call("screening_list", &[("cohort_id", &cohort), ("status", status), ("q", q)], Some(&staff)).await;
            assert_eq!(res.status, StatusCode::OK, "{}", res.body);
            serde_json::from_str::<CohortScreening>(&res.body).unwrap()
        }
    };
    let all = list("", "").await;
    let mut ids: Vec<i64> = all.rows.iter().map(|r| r.id).collect();
    ids.sort();
    assert_eq!(ids, [a, b], "the draft is not listed");
    let count = |s: Status| all.counts.iter().find(|(k, _)| *k == s).map(|(_, n)| *n).unwrap();
    assert_eq!((count(Status::Draft), count(Status::Submitted), count(Status::Eligible)), (1, 1, 1));
    assert_eq!(all.completion.submitted, 2);
    assert!(all.completion.median_active_minutes.is_some());
    assert_eq!(all.completion.buckets.iter().sum::<usize>(), 2);
    let eligible = list("eligible", "").await;
    assert_eq!(eligible.rows.iter().map(|r| r.id).collect::<Vec<_>>(), [b]);
    assert!(list("", "n'existe pas").await.rows.is_empty());
    assert_eq!(list("", "VITE MA").await.rows.len(), 2, "search ignores case");
    let res = app.call("screening_list", &[("cohort_id", "999999")], Some(&staff)).await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
}

async fn the_csv_export_has_a_bom_stable_columns_and_staff_only_access(app: TestApp) {
    let cohort = cohort_opened(&app, 10).await;
    let holder = app.signed_in(Role::Citizen).await;
    let id = submitted(&app, &holder).await;
    support::candidature::start(&app, &app.signed_in(Role::Citizen).await).await;
    let path = format!("/agent/cohortes/{cohort}/candidatures.csv");
    assert_eq!(app.get(&path, None).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(app.get(&path, Some(&holder)).await.status, StatusCode::FORBIDDEN);
    let staff = app.signed_in(Role::Staff).await;
    let res = app.get(&path, Some(&staff)).await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(res.headers.get("content-type").unwrap(), "text/csv; charset=utf-8");
    assert!(res.headers.get("content-disposition").unwrap().to_str().unwrap().contains("attachment"));
    assert!(res.body.starts_with('\u{feff}'), "UTF-8 byte-order mark");
    let lines: Vec<&str> = res.body.trim_start_matches('\u{feff}').split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(lines[0], CSV_COLUMNS.join(","));
    assert_eq!(lines.len(), 2, "one row per submitted candidature, drafts left out: {lines:?}");
    let reference = accelerateur::domain::candidature::reference(CohortId(cohort), CandidatureId(id));
    assert!(lines[1].starts_with(&format!("{reference},submitted,Vite ma dose,")), "{}", lines[1]);
    assert!(lines[1].contains(",4,"), "the 4 commitments are counted");
    assert_eq!(app.get("/agent/cohortes/999999/candidatures.csv", Some(&staff)).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.get("/agent/cohortes/abc/candidatures.csv", Some(&staff)).await.status, StatusCode::NOT_FOUND);
}

async fn staff_pages_render_without_javascript(app: TestApp) {
    let cohort = cohort_opened(&app, 10).await;
    let holder = app.signed_in(Role::Citizen).await;
    let id = submitted(&app, &holder).await;
    let staff = app.signed_in(Role::Staff).await;
    let list = app.get(&format!("/agent/cohortes/{cohort}/candidatures?q=vite"), Some(&staff)).await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(list.body.contains("Vite ma dose") && list.body.contains(&format!("/agent/candidatures/{id}")));
    assert!(list.body.contains("Temps de candidature"));
    let page = app.get(&format!("/agent/candidatures/{id}"), Some(&staff)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Décision d'éligibilité") && page.body.contains("Vite ma dose"));
    // A plain form post (no JavaScript) records the decision and returns to the page.
    let version = view(&app, &staff, id).await.version.to_string();
    let referer = format!("/agent/candidatures/{id}");
    let fields = [("id", id.to_string()), ("version", version), ("decision", "correction_requested".into()), ("message", "Ajoutez la licence.".into())];
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let res = app.post_html_form("screening_decide", &fields, &referer, Some(&staff)).await;
    assert!(res.status.is_redirection(), "{}", res.status);
    assert_eq!(res.location().as_deref(), Some(format!("/agent/candidatures/{id}?ok=decision").as_str()));
    let mine = app.get("/candidatures", Some(&holder)).await;
    assert!(mine.body.contains("Ajoutez la licence.") && mine.body.contains("Corriger ma candidature"));
    assert_eq!(app.get(&format!("/agent/candidatures/{id}"), Some(&holder)).await.status, StatusCode::FORBIDDEN);
}
