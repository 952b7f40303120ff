//! The programme of selected projects on both engines: the charter signed by the holder opens
//! it (with the supports asked in the candidature), support requests follow their workflow
//! in staff's hands, check-ins and milestones, the cohort dashboard, the launch, and who may
//! call what.

use crate::support;

use accelerateur::api::programme::{Dashboard, ProgrammeView};
use accelerateur::domain::account::Role;
use accelerateur::domain::candidature::Status;
use accelerateur::domain::charter::Commitment;
use accelerateur::domain::error::AppError;
use accelerateur::domain::programme::{Risk, SupportState};
use accelerateur::domain::support::SupportKind;
use accelerateur::domain::validate::Problem;
use axum::http::StatusCode;
use support::programme::{programme_cohort, selected};
use support::TestApp;

on_both_engines!(
    the_holder_signs_the_charter_and_the_programme_opens_with_the_supports_asked,
    support_requests_follow_their_workflow_in_staff_hands,
    check_ins_milestones_the_dashboard_and_the_launch,
);

async fn view(app: &TestApp, cookie: &str, id: i64) -> ProgrammeView {
    let res = app.call("programme_get", &[("candidature_id", &id.to_string())], Some(cookie)).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    serde_json::from_str(&res.body).unwrap()
}

fn commitments(n: usize, id: i64) -> Vec<(String, String)> {
    Commitment::ALL
        .iter()
        .take(n)
        .map(|c| ("commitments[]".to_string(), c.code().to_string()))
        .chain([("candidature_id".to_string(), id.to_string())])
        .collect()
}

async fn sign(app: &TestApp, cookie: &str, id: i64, n: usize) -> support::TestResponse {
    let fields = commitments(n, id);
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    app.call("programme_sign", &fields, Some(cookie)).await
}

async fn the_holder_signs_the_charter_and_the_programme_opens_with_the_supports_asked(app: TestApp) {
    let cohort = programme_cohort(&app).await;
    let (id, holder) = selected(&app, cohort, "porteuse@exemple.fr").await;
    let sid = id.to_string();
    let other = app.signed_in(Role::Citizen).await;
    let juror = app.signed_in(Role::Citizen).await;
    let staff = app.signed_in(Role::Staff).await;
    for cookie in [&other, &juror] {
        assert_eq!(app.call("programme_get", &[("candidature_id", &sid)], Some(cookie)).await.status, StatusCode::NOT_FOUND);
    }
    assert_eq!(app.call("programme_get", &[("candidature_id", &sid)], None).await.status, StatusCode::UNAUTHORIZED);
    let before = view(&app, &holder, id).await;
    assert!(before.holder && before.signatures.is_empty() && before.supports.is_empty());
    assert_eq!(before.status, Status::Selected);

    // Every commitment must be ticked; what was ticked comes back.
    let res = sign(&app, &holder, id, 3).await;
    let errors = res.app_error().form_errors().cloned().unwrap();
    assert_eq!(errors.for_field(&format!("commitment_{}", Commitment::ALL[3].code())), Some(&Problem::CharterSignatureRequired));
    assert!(errors.for_field(&format!("commitment_{}", Commitment::ALL[0].code())).is_none());
    assert_eq!(errors.kept_value("commitments").unwrap().split(',').count(), 3);
    assert_eq!(sign(&app, &staff, id, 4).await.status, StatusCode::FORBIDDEN, "the holder signs");
    assert_eq!(sign(&app, &holder, id, 4).await.status, StatusCode::OK);
    assert_eq!(sign(&app, &holder, id, 4).await.app_error(), AppError::CandidatureState, "once");

    let after = view(&app, &holder, id).await;
    assert_eq!(after.status, Status::InProgramme);
    assert_eq!(after.signatures.len(), 4);
    assert!(after.signatures.iter().all(|(_, name, _)| name == "Test"));
    assert_eq!(after.supports.len(), 1, "the support asked in the candidature");
    assert_eq!((after.supports[0].kind, after.supports[0].state), (SupportKind::DataAndTools, SupportState::Requested));
    assert_eq!(after.supports[0].need, "Les données des communes.");
    assert!(!after.requestable.contains(&SupportKind::DataAndTools));
    assert!(after.check_in_due);
    let staff_view = view(&app, &staff, id).await;
    assert!(staff_view.staff && !staff_view.holder);
    // The page works without JavaScript.
    let page = app.get(&format!("/projets/{id}"), Some(&holder)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Programme d&#x27;accélération") || page.body.contains("Programme d'accélération"));
}

async fn support_requests_follow_their_workflow_in_staff_hands(app: TestApp) {
    let cohort = programme_cohort(&app).await;
    let (id, holder) = selected(&app, cohort, "porteur@exemple.fr").await;
    let sid = id.to_string();
    assert_eq!(sign(&app, &holder, id, 4).await.status, StatusCode::OK);
    let staff = app.signed_in(Role::Staff).await;

    let ask = |kind: &'static str, need: &'static str| {
        let sid = sid.clone();
        let holder = holder.clone();
        let app = &app;
        async move { app.call("support_request", &[("candidature_id", &sid), ("kind", kind), ("need", need)], Some(&holder)).await }
    };
    assert_eq!(ask("data_and_tools", "Encore").await.app_error().form_errors().unwrap().for_field("kind"), Some(&Problem::DuplicateChoice));
    assert_eq!(ask("teleportation", "x").await.app_error().form_errors().unwrap().for_field("kind"), Some(&Problem::UnknownChoice));
    assert_eq!(ask("coaching", " ").await.app_error().form_errors().unwrap().for_field("need"), Some(&Problem::Required));
    assert_eq!(ask("coaching", "Un plan de déploiement.").await.status, StatusCode::OK);
    let res = app.call("support_request", &[("candidature_id", &sid), ("kind", "funding"), ("need", "x")], Some(&staff)).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN, "the team asks, staff handle");

    let supports = view(&app, &holder, id).await.supports;
    let (data, coaching) = (supports[0].id.to_string(), supports[1].id.to_string());
    let update = |who: String, id: String, from: &'static str, state: &'static str, owner: &'static str, due: &'static str, reason: &'static str| {
        let app = &app;
        async move {
            app.call(
                "support_update",
                &[("id", &id), ("from", from), ("state", state), ("owner", owner), ("due_on", due), ("notes", "Suivi."), ("reason", reason)],
                Some(&who),
            )
            .await
        }
    };
    assert_eq!(update(holder.clone(), data.clone(), "requested", "assigned", "X", "", "").await.status, StatusCode::FORBIDDEN);
    let res = update(staff.clone(), data.clone(), "requested", "delivered", "X", "", "").await;
    assert_eq!(res.app_error().form_errors().unwrap().for_field("state"), Some(&Problem::TransitionRefused));
    let res = update(staff.clone(), data.clone(), "requested", "assigned", "", "", "").await;
    assert_eq!(res.app_error().form_errors().unwrap().for_field("owner"), Some(&Problem::Required));
    assert_eq!(res.app_error().form_errors().unwrap().kept_value("support"), Some(data.as_str()), "the page shows it on this request");
    assert_eq!(update(staff.clone(), data.clone(), "requested", "assigned", "Léa (DINUM)", "2020-01-01", "").await.status, StatusCode::OK);
    assert_eq!(update(staff.clone(), data.clone(), "requested", "in_progress", "Léa", "", "").await.app_error(), AppError::Conflict, "moved meanwhile");
    let s = &view(&app, &holder, id).await.supports[0];
    assert_eq!((s.state, s.owner.as_str(), s.overdue), (SupportState::Assigned, "Léa (DINUM)", true));
    assert_eq!(update(staff.clone(), data.clone(), "assigned", "in_progress", "Léa (DINUM)", "", "").await.status, StatusCode::OK);
    assert_eq!(update(staff.clone(), data.clone(), "in_progress", "delivered", "Léa (DINUM)", "", "").await.status, StatusCode::OK);
    let res = update(staff.clone(), coaching.clone(), "requested", "declined", "", "", "").await;
    assert_eq!(res.app_error().form_errors().unwrap().for_field("reason"), Some(&Problem::Required));
    assert_eq!(update(staff.clone(), coaching.clone(), "requested", "declined", "", "", "Hors du champ du programme.").await.status, StatusCode::OK);
    let supports = view(&app, &holder, id).await.supports;
    assert_eq!((supports[0].state, supports[0].overdue), (SupportState::Delivered, false), "delivered is never overdue");
    assert_eq!((supports[1].state, supports[1].decline_reason.as_str()), (SupportState::Declined, "Hors du champ du programme."));
    assert_eq!(update(staff.clone(), coaching, "declined", "requested", "", "", "").await.app_error().form_errors().unwrap().for_field("state"), Some(&Problem::TransitionRefused));
}

async fn dashboard(app: &TestApp, staff: &str, cohort: i64) -> Dashboard {
    let res = app.call("programme_dashboard", &[("cohort_id", &cohort.to_string())], Some(staff)).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    serde_json::from_str::<Dashboard>(&res.body).unwrap()
}

async fn check_ins_milestones_the_dashboard_and_the_launch(app: TestApp) {
    let cohort = programme_cohort(&app).await;
    let (id, holder) = selected(&app, cohort, "equipe@exemple.fr").await;
    let (waiting, _) = selected(&app, cohort, "attente@exemple.fr").await;
    let sid = id.to_string();
    assert_eq!(sign(&app, &holder, id, 4).await.status, StatusCode::OK);
    let staff = app.signed_in(Role::Staff).await;

    let res = app.call("checkin_post", &[("candidature_id", &sid), ("progress", " "), ("needs", "Un contact")], Some(&holder)).await;
    let errors = res.app_error().form_errors().cloned().unwrap();
    assert_eq!(errors.for_field("progress"), Some(&Problem::Required));
    assert_eq!(errors.kept_value("needs"), Some("Un contact"));
    assert_eq!(app.call("checkin_post", &[("candidature_id", &sid), ("progress", "Bêta en ligne.")], Some(&staff)).await.status, StatusCode::FORBIDDEN);
    let res = app.call("checkin_post", &[("candidature_id", &sid), ("progress", "Bêta en ligne."), ("blockers", "Aucun")], Some(&holder)).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let v = view(&app, &holder, id).await;
    assert_eq!(v.check_ins.len(), 1);
    assert!(!v.check_in_due);

    let res = app.call("milestone_add", &[("candidature_id", &sid), ("title", "Bêta"), ("due_on", "15/01/2027")], Some(&holder)).await;
    assert_eq!(res.app_error().form_errors().unwrap().for_field("due_on"), Some(&Problem::InvalidDate));
    for (title, due) in [("Bêta", "2020-01-15"), ("Ouverture", "2099-01-15")] {
        let res = app.call("milestone_add", &[("candidature_id", &sid), ("title", title), ("due_on", due)], Some(&holder)).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    }
    let v = view(&app, &holder, id).await;
    assert_eq!((v.milestones[0].late, v.milestones[1].late), (true, false));

    let d = dashboard(&app, &staff, cohort).await;
    let row = d.rows.iter().find(|r| r.candidature_id == id).unwrap();
    assert!(row.progress.charter_signed);
    assert_eq!((row.progress.milestones_done, row.progress.milestones_total, row.progress.milestones_late), (0, 2, 1));
    assert_eq!(row.progress.days_since_check_in, Some(0));
    assert_eq!((row.progress.supports_delivered, row.progress.supports_requested), (0, 1));
    assert_eq!(row.risks, vec![Risk::MilestonesLate]);
    let unsigned = d.rows.iter().find(|r| r.candidature_id == waiting).unwrap();
    assert_eq!(unsigned.risks, vec![Risk::CharterUnsigned]);
    assert_eq!(d.summary.at_risk, 2);
    assert_eq!(app.call("programme_dashboard", &[("cohort_id", &cohort.to_string())], Some(&holder)).await.status, StatusCode::FORBIDDEN);

    // The late milestone reached: on track.
    let late = v.milestones[0].id.to_string();
    assert_eq!(app.call("milestone_done", &[("id", &late), ("done", "on")], Some(&holder)).await.status, StatusCode::OK);
    let other = app.signed_in(Role::Citizen).await;
    assert_eq!(app.call("milestone_done", &[("id", &late), ("done", "")], Some(&other)).await.status, StatusCode::NOT_FOUND);
    let row = dashboard(&app, &staff, cohort).await.rows.into_iter().find(|r| r.candidature_id == id).unwrap();
    assert_eq!((row.progress.milestones_done, row.progress.milestones_late), (1, 0));
    assert!(row.risks.is_empty());

    // The launch, by staff, with a date; then the team's programme is closed.
    assert_eq!(app.call("programme_launch", &[("candidature_id", &sid), ("launched_on", "2027-03-01")], Some(&holder)).await.status, StatusCode::FORBIDDEN);
    let res = app.call("programme_launch", &[("candidature_id", &sid), ("launched_on", "bientôt")], Some(&staff)).await;
    assert_eq!(res.app_error().form_errors().unwrap().for_field("launched_on"), Some(&Problem::InvalidDate));
    assert_eq!(app.call("programme_launch", &[("candidature_id", &sid), ("launched_on", "2027-03-01")], Some(&staff)).await.status, StatusCode::OK);
    let v = view(&app, &holder, id).await;
    assert_eq!((v.status, v.launched_on.map(|d| d.to_string())), (Status::Launched, Some("2027-03-01".to_string())));
    let res = app.call("checkin_post", &[("candidature_id", &sid), ("progress", "Après")], Some(&holder)).await;
    assert_eq!(res.app_error(), AppError::CandidatureState);
    let page = app.get(&format!("/agent/cohortes/{cohort}/programme"), Some(&staff)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Avancement des projets"));
}
