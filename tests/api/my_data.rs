//! « Mes données » on both engines: the export holds every kind of record of a person who is
//! holder, co-applicant, juror and message author, and nothing of anyone else; the download
//! and the server function answer only a signed-in person; the page shows the person's own
//! hostile text as text; the largest demo account exports quickly.

use crate::support;
use accelerateur::domain::candidature::Status;
use accelerateur::domain::jury::{Outcome, ReviewState};
use accelerateur::domain::my_data::{Actor, MyDataExport, TeamRole};
use accelerateur::server::{db, seed};
use axum::http::{header, StatusCode};
use support::my_data::{world, OTHERS_SECRETS, PAULA};
use support::TestApp;

on_both_engines!(
    the_export_holds_every_record_of_the_person_and_nothing_of_others,
    the_export_needs_a_session,
    the_page_shows_the_persons_own_hostile_text_as_text,
    every_demo_account_exports_in_well_under_a_second,
);

/// The JSON download, with its headers checked.
async fn download(app: &TestApp, cookie: &str) -> (MyDataExport, String) {
    let res = app.get("/compte/mes-donnees.json", Some(cookie)).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let header = |name: header::HeaderName| res.headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
    assert!(header(header::CONTENT_TYPE).starts_with("application/json"));
    assert_eq!(header(header::CACHE_CONTROL), "no-store");
    let disposition = header(header::CONTENT_DISPOSITION);
    assert!(disposition.starts_with("attachment; filename=\"mes-donnees-") && disposition.ends_with(".json\""), "{disposition}");
    assert!(res.body.contains("\n  \"generated_at\""), "pretty-printed");
    (serde_json::from_str(&res.body).unwrap(), res.body)
}

async fn the_export_holds_every_record_of_the_person_and_nothing_of_others(app: TestApp) {
    let w = world(&app).await;
    let (d, raw) = download(&app, &w.paula_cookie).await;

    // The same through the server function (GET).
    let req = axum::http::Request::get("/api/my_data")
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::ACCEPT, "application/json")
        .header(header::COOKIE, &w.paula_cookie)
        .body(axum::body::Body::empty())
        .unwrap();
    let res = app.send(req).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let by_fn: MyDataExport = serde_json::from_str(&res.body).unwrap();
    assert_eq!(MyDataExport { generated_at: d.generated_at, ..by_fn }, d);

    // Account and sign-in.
    assert_eq!((d.account.email.as_str(), d.account.display_name.as_str()), PAULA);
    assert!(d.account.email_verified_at.is_some());
    assert!(d.sign_in.password);
    assert_eq!(d.sign_in.identities.len(), 1);
    assert_eq!((d.sign_in.identities[0].provider.as_str(), d.sign_in.identities[0].given_name.as_str()), ("FranceConnect", "Paula"));
    assert!(!d.sessions.is_empty(), "the session of the download itself at least");
    assert!(!raw.contains("token") && !raw.contains("password_hash"), "no secret: {raw}");

    // Her candidature.
    assert_eq!(d.candidatures.len(), 2, "{raw}");
    let own = d.candidatures.iter().find(|c| c.id == w.own).expect("her own candidature");
    assert_eq!((own.role, own.status, own.project_name.as_str()), (TeamRole::Holder, Status::Submitted, "Projet de Paula"));
    assert_eq!(own.content.project_name, "Projet de Paula");
    assert!(!own.content.pitch.is_empty());
    assert_eq!(own.cohort, "Cohorte 10");
    assert!(own.history.iter().any(|e| e.from == Status::Draft && e.to == Status::Submitted && e.by == Actor::You), "{:?}", own.history);
    assert_eq!(own.attachment.as_ref().map(|a| a.file_name.as_str()), Some("dossier-paula.pdf"));
    assert_eq!(own.commitments.len(), 4);
    assert!(own.messages.iter().any(|m| m.by == Actor::You && m.body.starts_with("Message de Paula")));
    assert!(own.messages.iter().any(|m| m.by == Actor::Programme && m.body == "Question de l'agent"));
    assert!(own.decision.is_none());

    // The candidature she co-applies to.
    let shared = d.candidatures.iter().find(|c| c.id == w.shared).expect("the shared candidature");
    assert_eq!((shared.role, shared.status, shared.project_name.as_str()), (TeamRole::CoApplicant, Status::InProgramme, "Projet d'Hélène"));
    let decision = shared.decision.as_ref().expect("the decision, as the receipt shows it");
    assert_eq!((decision.outcome, decision.reasons.len()), (Outcome::Selected, 5));
    let by: Vec<(Status, Actor)> = shared.history.iter().map(|e| (e.to, e.by)).collect();
    assert_eq!(by.first(), Some(&(Status::Submitted, Actor::Programme)), "{by:?}");
    assert_eq!(by.last(), Some(&(Status::InProgramme, Actor::OtherMember)), "the holder signed the charter: {by:?}");
    assert_eq!(shared.publication_consents.len(), 2);
    assert_eq!(shared.programme_signatures.len(), 4);
    assert!(shared.programme_signatures.iter().all(|s| s.by == Actor::OtherMember));
    assert!(shared.check_ins.iter().any(|k| k.by == Actor::You && k.progress.starts_with("Point de Paula")));
    assert!(shared.check_ins.iter().any(|k| k.by == Actor::OtherMember && k.progress == "Point d'Hélène"));
    assert!(shared.messages.iter().any(|m| m.by == Actor::OtherMember && m.body == "Message de la porteuse"));

    // The jury: her invitation, seat, conflict and her own review only.
    assert_eq!(d.jury.invitations.len(), 1);
    assert!(d.jury.invitations[0].accepted_at.is_some());
    assert_eq!(d.jury.seats.len(), 1);
    let seat = &d.jury.seats[0];
    assert_eq!(seat.cohort, "Cohorte du jury");
    assert!(seat.charter_accepted_at.is_some() && seat.conflicts_declared_at.is_some());
    assert!(seat.conflicts_note.starts_with("Je connais la porteuse"));
    assert_eq!(d.jury.conflicts.len(), 1);
    assert_eq!((d.jury.conflicts[0].project_name.as_str(), d.jury.conflicts[0].by), ("Projet en conflit", Actor::You));
    assert_eq!(d.jury.reviews.len(), 1, "her review only");
    let review = &d.jury.reviews[0];
    assert_eq!((review.project_name.as_str(), review.state, review.overall.as_str()), ("Projet évalué", ReviewState::Submitted, "Appréciation de Paula"));
    assert!(review.opinion.is_some());
    assert_eq!(review.scores.iter().filter_map(|s| s.score).collect::<Vec<_>>(), vec![3, 4]);
    assert!(review.scores.iter().any(|s| s.comment == "Commentaire de Paula"));

    // Mails: the receipt of her submission and her jury invitation, without their bodies.
    let kinds: Vec<&str> = d.mails.iter().map(|m| m.kind.as_str()).collect();
    assert!(kinds.contains(&"invitation-jury"), "{kinds:?}");
    assert!(d.mails.len() >= 2, "{kinds:?}");
    assert!(!raw.contains("text_body") && !raw.contains("html_body"));

    // Nothing of anyone else: another applicant of the cohort, the other juror, the holder's name.
    for secret in OTHERS_SECRETS {
        assert!(!raw.contains(secret), "{secret:?} leaked into the export");
    }
    assert!(!raw.contains("agent.mesdonnees"), "the agent's address leaked");
}

async fn the_export_needs_a_session(app: TestApp) {
    let res = app.get("/compte/mes-donnees.json", None).await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED, "{}", res.body);
    assert_eq!(res.headers.get(header::CACHE_CONTROL).and_then(|v| v.to_str().ok()), Some("no-store"));
    let res = app.get("/compte/mes-donnees.json", Some("acc_session=inconnu")).await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED);
    let req = axum::http::Request::get("/api/my_data")
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::ACCEPT, "application/json")
        .body(axum::body::Body::empty())
        .unwrap();
    assert_eq!(app.send(req).await.status, StatusCode::UNAUTHORIZED);
    let page = app.get("/compte/mes-donnees", None).await;
    assert_eq!(page.status, StatusCode::UNAUTHORIZED);
    // A person with nothing but an account gets an export with empty lists.
    let cookie = app.signed_in(accelerateur::domain::account::Role::Citizen).await;
    let (d, _) = download(&app, &cookie).await;
    assert!(d.candidatures.is_empty() && d.jury.reviews.is_empty() && d.jury.seats.is_empty());
}

async fn the_page_shows_the_persons_own_hostile_text_as_text(app: TestApp) {
    let w = world(&app).await;
    let res = app.get("/compte/mes-donnees", Some(&w.paula_cookie)).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    crate::hostile::assert_inert(&res.body, "my data page");
    for shown in ["Projet de Paula", "Projet d&#x27;Hélène", "Projet évalué", "Commentaire de Paula", "/compte/mes-donnees.json", "/donnees-personnelles", "un autre membre de l&#x27;équipe"] {
        let alt = shown.replace("&#x27;", "'");
        assert!(res.body.contains(shown) || res.body.contains(&alt), "{shown} missing from the page");
    }
    // The payload (in her message, check-in and conflicts note) is there, as text.
    assert!(res.body.contains("&lt;script id=xss-script&gt;"), "the payload is shown as text");
    for secret in OTHERS_SECRETS {
        let escaped = secret.replace('\'', "&#x27;");
        assert!(!res.body.contains(secret) && !res.body.contains(&escaped), "{secret:?} leaked into the page");
    }
    // « Mon compte » leads there.
    let account = app.get("/compte", Some(&w.paula_cookie)).await;
    assert!(account.body.contains("href=\"/compte/mes-donnees\""), "no link from « Mon compte »");
}

async fn every_demo_account_exports_in_well_under_a_second(app: TestApp) {
    seed::seed_demo(&app.db, chrono::Utc::now().date_naive(), "http://127.0.0.1:3000").await.unwrap();
    let mut slowest = (std::time::Duration::ZERO, String::new(), 0usize);
    let mut largest = (0usize, String::new());
    for user in db::account::list_users(&app.db).await.unwrap() {
        let started = std::time::Instant::now();
        let data = db::my_data::collect(&app.db, &user).await.unwrap();
        let took = started.elapsed();
        let size = serde_json::to_string(&data).unwrap().len();
        if took > slowest.0 {
            slowest = (took, user.email.clone(), size);
        }
        if size > largest.0 {
            largest = (size, user.email.clone());
        }
        if user.email == seed::DEMO_ACCOUNTS[2].0 {
            // The demo juror: seats, reviews with scores, a conflict, mails.
            assert!(!data.jury.seats.is_empty() && !data.jury.reviews.is_empty() && !data.jury.conflicts.is_empty(), "{}", user.email);
        }
        if user.email == seed::DEMO_ACCOUNTS[3].0 {
            assert!(!data.candidatures.is_empty() && data.candidatures.iter().any(|c| !c.messages.is_empty()), "{}", user.email);
        }
    }
    eprintln!(
        "my data on {}: slowest export {:.1} ms ({}, {} bytes); largest {} bytes ({})",
        app.db.engine(),
        slowest.0.as_secs_f64() * 1000.0,
        slowest.1,
        slowest.2,
        largest.0,
        largest.1
    );
    assert!(slowest.0 < std::time::Duration::from_secs(1), "{} took {:?}", slowest.1, slowest.0);
}
