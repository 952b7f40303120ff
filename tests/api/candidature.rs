//! The applicant's candidature server functions on both engines: who may call them, drafts,
//! concurrent saves, submission rules, withdrawal, edits after the call.

use accelerateur::domain::ids::{CandidatureId, CohortId, UserId};
use crate::support;

use accelerateur::api::candidature::{CandidatureList, CandidatureView, Saved};
use accelerateur::domain::account::Role;
use accelerateur::domain::candidature::Status;
use accelerateur::domain::charter::Commitment;
use accelerateur::domain::cohort::Calendar;
use accelerateur::domain::error::AppError;
use accelerateur::domain::validate::Problem;
use accelerateur::server::db::{candidature, cohort};
use axum::http::StatusCode;
use support::candidature::{cohort_opened, full_form, get, save, save_step, start};
use support::TestApp;

on_both_engines!(
    only_applicants_start_and_a_draft_is_resumed,
    nobody_else_reaches_a_candidature,
    saves_check_limits_and_refuse_stale_versions,
    submission_needs_a_complete_form_and_the_four_commitments,
    withdrawal_ends_editing,
    edits_after_the_call_are_refused,
    the_list_page_says_when_the_next_call_opens,
    co_applicants_read_and_edit_but_only_the_holder_submits,
    a_pdf_attachment_is_checked_by_content_and_size,
    a_step_posted_without_javascript_after_the_session_expired_is_saved_after_login,
);

async fn only_applicants_start_and_a_draft_is_resumed(app: TestApp) {
    let applicant = app.signed_in(Role::Citizen).await;
    let none = app.call("candidature_start", &[], Some(&applicant)).await;
    assert_eq!(none.status, StatusCode::CONFLICT, "no call is open");
    assert_eq!(none.app_error(), AppError::CallNotOpen);
    cohort_opened(&app, 10).await;
    assert_eq!(app.call("candidature_start", &[], None).await.status, StatusCode::UNAUTHORIZED);
    // State staff do not apply; any citizen may (a juror too, outside the cohort they judge).
    for role in [Role::Staff, Role::Admin] {
        let cookie = app.signed_in(role).await;
        assert_eq!(app.call("candidature_start", &[], Some(&cookie)).await.status, StatusCode::FORBIDDEN, "{role:?}");
        assert_eq!(app.call("candidature_mine", &[], Some(&cookie)).await.status, StatusCode::FORBIDDEN, "{role:?}");
    }
    let first = start(&app, &applicant).await;
    assert_eq!(start(&app, &applicant).await, first, "the draft is resumed, not duplicated");
    let mine: Vec<CandidatureView> = serde_json::from_str::<CandidatureList>(&app.call("candidature_mine", &[], Some(&applicant)).await.body).unwrap().list;
    assert_eq!(mine.len(), 1);
    assert_eq!((mine[0].status, mine[0].can_edit, mine[0].can_submit), (Status::Draft, true, true));
}

async fn nobody_else_reaches_a_candidature(app: TestApp) {
    cohort_opened(&app, 10).await;
    let owner = app.signed_in(Role::Citizen).await;
    let id = start(&app, &owner).await;
    let other = app.signed_in(Role::Citizen).await;
    let staff = app.signed_in(Role::Staff).await;
    let sid = id.to_string();
    for (who, cookie, want) in [("other applicant", Some(&other), 404), ("staff", Some(&staff), 403), ("anonymous", None, 401)] {
        let cookie = cookie.map(String::as_str);
        assert_eq!(app.call("candidature_get", &[("id", &sid)], cookie).await.status.as_u16(), want, "get as {who}");
        assert_eq!(app.call("candidature_withdraw", &[("id", &sid)], cookie).await.status.as_u16(), want, "withdraw as {who}");
        let res = app.call("candidature_submit", &[("id", &sid), ("version", "1")], cookie).await;
        assert_eq!(res.status.as_u16(), want, "submit as {who}");
        if let Some(c) = cookie {
            assert_eq!(save(&app, c, id, 1, &full_form()).await.status.as_u16(), want, "save as {who}");
        }
    }
    assert_eq!(get(&app, &owner, id).await.version, 1, "nothing changed");
}

async fn saves_check_limits_and_refuse_stale_versions(app: TestApp) {
    cohort_opened(&app, 10).await;
    let owner = app.signed_in(Role::Citizen).await;
    let id = start(&app, &owner).await;
    let partial = vec![("form[project_name]".to_string(), "  Covidliste  ".to_string())];
    let res = save_step(&app, &owner, id, 1, 1, &partial).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let saved: Saved = serde_json::from_str(&res.body).unwrap();
    assert_eq!(saved.version, 2);
    // Saving the next step keeps the first one's fields.
    let impact = vec![("form[impact]".to_string(), "Pour tous".to_string()), ("form[project_name]".to_string(), "Ignoré".to_string())];
    assert_eq!(save_step(&app, &owner, id, 2, 2, &impact).await.status, StatusCode::OK);
    let view = get(&app, &owner, id).await;
    assert_eq!(view.form.project_name, "Covidliste", "stored normalised, kept by the next step");
    assert_eq!(view.form.impact, "Pour tous");
    assert_eq!(view.current_step, 2);
    assert_eq!(save_step(&app, &owner, id, 3, 9, &impact).await.status, StatusCode::NOT_FOUND, "no step 9");
    // A second tab still at version 1 is refused with a message; nothing is overwritten.
    let stale = save_step(&app, &owner, id, 1, 1, &[("form[project_name]".into(), "Autre".into())]).await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    assert_eq!(stale.app_error(), AppError::Conflict);
    assert_eq!(get(&app, &owner, id).await.form.project_name, "Covidliste");
    // Limits hold even for a draft.
    let long = save_step(&app, &owner, id, 3, 1, &[("form[pitch]".into(), "é".repeat(201))]).await;
    assert_eq!(long.status, StatusCode::UNPROCESSABLE_ENTITY);
    let AppError::Invalid(errors) = long.app_error() else { panic!() };
    assert_eq!(errors.for_field("pitch"), Some(&Problem::TooLong { max: 200 }));
    let url = save_step(&app, &owner, id, 3, 1, &[("form[website]".into(), "javascript:alert(1)".into())]).await;
    assert_eq!(url.status, StatusCode::UNPROCESSABLE_ENTITY);
}

async fn submission_needs_a_complete_form_and_the_four_commitments(app: TestApp) {
    cohort_opened(&app, 10).await;
    let owner = app.signed_in(Role::Citizen).await;
    let id = start(&app, &owner).await;
    let sid = id.to_string();
    let incomplete = app.call("candidature_submit", &[("id", &sid), ("version", "1")], Some(&owner)).await;
    assert_eq!(incomplete.status, StatusCode::UNPROCESSABLE_ENTITY);
    let AppError::Invalid(errors) = incomplete.app_error() else { panic!() };
    assert_eq!(errors.for_field("project_name"), Some(&Problem::Required));
    assert_eq!(save(&app, &owner, id, 1, &full_form()).await.status, StatusCode::OK);
    let three: Vec<(&str, &str)> =
        Commitment::ALL[..3].iter().map(|c| ("commitments[]", c.code())).chain([("id", sid.as_str()), ("version", "6")]).collect();
    let res = app.call("candidature_submit", &three, Some(&owner)).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.body);
    let AppError::Invalid(errors) = res.app_error() else { panic!() };
    assert_eq!(errors.errors.len(), 1, "{errors:?}");
    assert_eq!(errors.for_field("commitment_ecosystem_participation"), Some(&Problem::CommitmentRequired));
    let all: Vec<(&str, &str)> =
        Commitment::ALL.iter().map(|c| ("commitments[]", c.code())).chain([("id", sid.as_str()), ("version", "6")]).collect();
    let res = app.call("candidature_submit", &all, Some(&owner)).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let reference: String = serde_json::from_str(&res.body).unwrap();
    let view = get(&app, &owner, id).await;
    assert_eq!(view.reference, reference);
    assert_eq!(view.status, Status::Submitted);
    assert_eq!(view.accepted.len(), 4);
    assert!(view.submitted_at.is_some());
    assert!(view.can_edit && !view.can_submit, "editable until the call closes, not submittable twice");
    let again = app.call("candidature_submit", &all, Some(&owner)).await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    // A submitted candidature stays complete: emptying a required field is refused.
    let mut emptied = full_form();
    emptied.retain(|(k, _)| k != "form[impact]");
    let res = save_step(&app, &owner, id, view.version, 2, &emptied).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(save(&app, &owner, id, view.version, &full_form()).await.status, StatusCode::OK);
    let events = candidature::events(&app.db, id).await.unwrap();
    assert_eq!(events.len(), 1);
}

async fn withdrawal_ends_editing(app: TestApp) {
    cohort_opened(&app, 10).await;
    let owner = app.signed_in(Role::Citizen).await;
    let id = start(&app, &owner).await;
    let res = app.call("candidature_withdraw", &[("id", &id.to_string())], Some(&owner)).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let view = get(&app, &owner, id).await;
    assert_eq!(view.status, Status::Withdrawn);
    assert!(!view.can_edit && !view.can_withdraw);
    assert_eq!(save(&app, &owner, id, view.version, &full_form()).await.status, StatusCode::CONFLICT);
    assert_eq!(app.call("candidature_withdraw", &[("id", &id.to_string())], Some(&owner)).await.status, StatusCode::CONFLICT);
    // A new candidature can then be started in the same cohort.
    assert_ne!(start(&app, &owner).await, id);
}

async fn edits_after_the_call_are_refused(app: TestApp) {
    // The call of this cohort closed 4 days ago.
    let closed = cohort_opened(&app, 60).await;
    let holder = app.user("tardif@exemple.fr", Role::Citizen).await;
    let cookie = app.login("tardif@exemple.fr", support::PASSWORD).await.unwrap();
    let id = candidature::create_draft(&app.db, CohortId(closed), UserId(holder)).await.unwrap();
    let view = get(&app, &cookie, id).await;
    assert!(!view.can_edit && !view.can_submit);
    assert_eq!(save(&app, &cookie, id, 1, &full_form()).await.status, StatusCode::CONFLICT);
    assert_eq!(app.call("candidature_start", &[], Some(&cookie)).await.status, StatusCode::CONFLICT);
    // A correction request reopens editing even after the call.
    candidature::transition(&app.db, CandidatureId(id), Status::Draft, Status::Submitted, Some(UserId(holder)), "").await.unwrap();
    candidature::transition(&app.db, CandidatureId(id), Status::Submitted, Status::CorrectionRequested, None, "Précisez le budget.").await.unwrap();
    let view = get(&app, &cookie, id).await;
    assert!(view.can_edit && view.can_submit);
    assert_eq!(save(&app, &cookie, id, view.version, &full_form()).await.status, StatusCode::OK);
}

async fn the_list_page_says_when_the_next_call_opens(app: TestApp) {
    let applicant = app.signed_in(Role::Citizen).await;
    let page = app.get("/candidatures", Some(&applicant)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("La date du prochain appel sera annoncée"), "no cohort at all");
    assert!(!page.body.contains("Commencer ou reprendre"));
    // A call opening in 20 days is announced with its date.
    let today = chrono::Utc::now().date_naive();
    let opens = today.checked_add_days(chrono::Days::new(20)).unwrap();
    cohort::insert(&app.db, "Prochaine", &Calendar::suggested(opens), 10, 15, 3).await.unwrap();
    let page = app.get("/candidatures", Some(&applicant)).await;
    let expected = accelerateur::ui::format::long_date(accelerateur::domain::i18n::Locale::Fr, opens);
    assert!(page.body.contains("Le prochain appel ouvre le") && page.body.contains(&expected), "{expected}");
    // Once a call is open, the start button is there.
    cohort_opened(&app, 3).await;
    let page = app.get("/candidatures", Some(&applicant)).await;
    assert!(page.body.contains("Commencer ou reprendre ma candidature"));
}

async fn co_applicants_read_and_edit_but_only_the_holder_submits(app: TestApp) {
    cohort_opened(&app, 10).await;
    let holder = app.signed_in(Role::Citizen).await;
    let id = start(&app, &holder).await;
    let team = support::candidature::team_with_co_applicant("  Chloe@Exemple.fr ");
    assert_eq!(save_step(&app, &holder, id, 1, 3, &team).await.status, StatusCode::OK);
    // The co-applicant signs up later with the address given: the candidature is there.
    app.user("chloe@exemple.fr", Role::Citizen).await;
    let co = app.login("chloe@exemple.fr", support::PASSWORD).await.unwrap();
    let mine: Vec<CandidatureView> = serde_json::from_str::<CandidatureList>(&app.call("candidature_mine", &[], Some(&co)).await.body).unwrap().list;
    assert_eq!(mine.iter().map(|c| c.id).collect::<Vec<_>>(), [id]);
    let view = get(&app, &co, id).await;
    assert!(!view.holder && view.can_edit && !view.can_submit && !view.can_withdraw);
    assert!(get(&app, &holder, id).await.holder);
    let impact = vec![("form[impact]".to_string(), "Écrit par la co-porteuse".to_string())];
    assert_eq!(save_step(&app, &co, id, view.version, 2, &impact).await.status, StatusCode::OK);
    assert_eq!(get(&app, &holder, id).await.form.impact, "Écrit par la co-porteuse");
    let sid = id.to_string();
    assert_eq!(app.call("candidature_submit", &[("id", &sid), ("version", "3")], Some(&co)).await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.call("candidature_withdraw", &[("id", &sid)], Some(&co)).await.status, StatusCode::FORBIDDEN);
    // Someone else still gets nothing; removing the co-applicant removes the access.
    let stranger = app.signed_in(Role::Citizen).await;
    assert_eq!(app.call("candidature_get", &[("id", &sid)], Some(&stranger)).await.status, StatusCode::NOT_FOUND);
    let version = get(&app, &holder, id).await.version;
    let alone = vec![("form[carrier_kind]".to_string(), "association".to_string())];
    assert_eq!(save_step(&app, &holder, id, version, 3, &alone).await.status, StatusCode::OK);
    assert_eq!(app.call("candidature_get", &[("id", &sid)], Some(&co)).await.status, StatusCode::NOT_FOUND);
    let mine: Vec<CandidatureView> = serde_json::from_str::<CandidatureList>(&app.call("candidature_mine", &[], Some(&co)).await.body).unwrap().list;
    assert!(mine.is_empty());
}

fn upload(path: &str, cookie: Option<&str>, file_name: &str, bytes: &[u8]) -> axum::http::Request<axum::body::Body> {
    let boundary = "----e2eBoundary7MA4YWxkTrZu0gW";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"fichier\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let mut req = axum::http::Request::post(path)
        .header(axum::http::header::CONTENT_TYPE, format!("multipart/form-data; boundary={boundary}"))
        .header(axum::http::header::HOST, "127.0.0.1:3000")
        .header("sec-fetch-site", "same-origin");
    if let Some(c) = cookie {
        req = req.header(axum::http::header::COOKIE, c);
    }
    req.body(axum::body::Body::from(body)).unwrap()
}

async fn a_pdf_attachment_is_checked_by_content_and_size(app: TestApp) {
    cohort_opened(&app, 10).await;
    let holder = app.signed_in(Role::Citizen).await;
    let id = start(&app, &holder).await;
    let path = format!("/candidatures/{id}/piece-jointe");
    let outcome = |res: &support::TestResponse| {
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
        res.location().unwrap_or_default()
    };
    let step6 = |code: &str| format!("/candidatures/{id}/etape/6?piece={code}");
    // A file named .pdf that is not one is refused; so is one over 10 MB.
    let fake = app.send(upload(&path, Some(&holder), "dossier.pdf", b"PK\x03\x04 not a pdf")).await;
    assert_eq!(outcome(&fake), step6("pas-pdf"));
    let mut big = b"%PDF-1.7\n".to_vec();
    big.resize(10 * 1024 * 1024 + 1, b'0');
    assert_eq!(outcome(&app.send(upload(&path, Some(&holder), "gros.pdf", &big)).await), step6("trop-lourd"));
    assert_eq!(outcome(&app.send(upload(&path, Some(&holder), "vide.pdf", b"")).await), step6("vide"));
    assert!(get(&app, &holder, id).await.attachment.is_none());
    // A real PDF, whatever its name, is kept under a safe name.
    let pdf = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n";
    assert_eq!(outcome(&app.send(upload(&path, Some(&holder), "../dossier/Présentation finale*", pdf)).await), step6("ajoutee"));
    let attached = get(&app, &holder, id).await.attachment.expect("attached");
    assert_eq!((attached.file_name.as_str(), attached.size_bytes), ("Présentation finale_.pdf", pdf.len() as i64));
    let download = app.get(&path, Some(&holder)).await;
    assert_eq!(download.status, StatusCode::OK);
    assert_eq!(download.headers.get("content-type").unwrap(), "application/pdf");
    assert_eq!(download.body.as_bytes(), pdf);
    // Nobody else reads it: another applicant, anonymous (sent to log in), staff before submission.
    let other = app.signed_in(Role::Citizen).await;
    assert_eq!(app.get(&path, Some(&other)).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.send(upload(&path, Some(&other), "x.pdf", pdf)).await.status, StatusCode::NOT_FOUND);
    let anonymous = app.get(&path, None).await;
    assert!(anonymous.status.is_redirection() && anonymous.location().unwrap().starts_with("/connexion?retour="));
    let staff = app.signed_in(Role::Staff).await;
    assert_eq!(app.get(&path, Some(&staff)).await.status, StatusCode::NOT_FOUND, "a draft is private");
    // Removed, then added again and submitted: staff can read it, nobody can change it after the call.
    let remove = |cookie: String| {
        let req = axum::http::Request::post(format!("{path}/supprimer"))
            .header(axum::http::header::HOST, "127.0.0.1:3000")
            .header(axum::http::header::COOKIE, cookie)
            .body(axum::body::Body::empty())
            .unwrap();
        app.send(req)
    };
    assert_eq!(outcome(&remove(holder.clone()).await), step6("supprimee"));
    assert!(get(&app, &holder, id).await.attachment.is_none());
    assert_eq!(outcome(&app.send(upload(&path, Some(&holder), "a.pdf", pdf)).await), step6("ajoutee"));
    assert_eq!(save(&app, &holder, id, get(&app, &holder, id).await.version, &full_form()).await.status, StatusCode::OK);
    support::candidature::submit(&app, &holder, id).await;
    assert_eq!(app.get(&path, Some(&staff)).await.status, StatusCode::OK);
    assert_eq!(app.send(upload(&path, Some(&staff), "x.pdf", pdf)).await.status, StatusCode::FORBIDDEN, "staff read the file, only the team changes it");
    candidature::transition(&app.db, CandidatureId(id), Status::Submitted, Status::Eligible, None, "").await.unwrap();
    assert_eq!(outcome(&remove(holder.clone()).await), step6("fermee"));
    assert!(get(&app, &holder, id).await.attachment.is_some());
}

async fn a_step_posted_without_javascript_after_the_session_expired_is_saved_after_login(app: TestApp) {
    cohort_opened(&app, 10).await;
    app.user("expire@exemple.fr", Role::Citizen).await;
    let cookie = app.login("expire@exemple.fr", support::PASSWORD).await.unwrap();
    let id = start(&app, &cookie).await;
    let version = get(&app, &cookie, id).await.version.to_string();
    // The session expired (no cookie any more): the step posted without JavaScript is kept.
    let sid = id.to_string();
    let fields = [("id", sid.as_str()), ("version", version.as_str()), ("step", "1"), ("form[project_name]", "Texte tapé avant l'expiration"), ("go", "2")];
    let res = app.post_html_form("candidature_save", &fields, &format!("/candidatures/{id}/etape/1"), None).await;
    let location = res.location().expect("sent to the login page");
    assert_eq!(location, format!("/connexion?retour=/candidatures/{id}/etape/1"));
    let pending = res.set_cookies().into_iter().find(|c| c.starts_with("acc_brouillon=")).expect("pending cookie");
    assert!(pending.contains("HttpOnly") && pending.contains("Max-Age=86400"), "{pending}");
    let pending = pending.split(';').next().unwrap().to_string();
    assert_eq!(get(&app, &cookie, id).await.form.project_name, "", "nothing saved yet");
    // Someone else signed in with that cookie gets nothing from it.
    let other = app.signed_in(Role::Citizen).await;
    let res = app.call("candidature_get", &[("id", &sid)], Some(&format!("{other}; {pending}"))).await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    // Logged in again, the author comes back to the step: the text is saved there.
    let cookie = app.login("expire@exemple.fr", support::PASSWORD).await.unwrap();
    let both = format!("{cookie}; {pending}");
    let res = app.call("candidature_get", &[("id", &sid)], Some(&both)).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert!(res.set_cookies().iter().any(|c| c.starts_with("acc_brouillon=;") && c.contains("Max-Age=0")), "cookie cleared");
    let view: CandidatureView = serde_json::from_str(&res.body).unwrap();
    assert_eq!(view.form.project_name, "Texte tapé avant l'expiration");
    assert!(view.version > version.parse::<i64>().unwrap());
    // Used once only.
    let again: CandidatureView = serde_json::from_str(&app.call("candidature_get", &[("id", &sid)], Some(&both)).await.body).unwrap();
    assert_eq!(again.version, view.version);
    // Without JavaScript, the step page reached after the login shows (and saved) the text.
    let fields = [("id", sid.as_str()), ("version", "0"), ("step", "1"), ("form[project_name]", "Deuxième texte"), ("go", "2")];
    let res = app.post_html_form("candidature_save", &fields, &format!("/candidatures/{id}/etape/1"), None).await;
    let pending = res.set_cookies().into_iter().find(|c| c.starts_with("acc_brouillon=")).unwrap();
    let pending = pending.split(';').next().unwrap().to_string();
    let page = app.get(&format!("/candidatures/{id}/etape/1"), Some(&format!("{cookie}; {pending}"))).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Deuxième texte"), "{}", page.body);
    assert_eq!(get(&app, &cookie, id).await.form.project_name, "Deuxième texte");
}
