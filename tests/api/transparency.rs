//! Transparency on both engines: each cohort's figures are computed from the records
//! (candidatures by carrier, eligible, selected, the jury's averages for the selected and for
//! all, supports delivered) and the same figures reach the page and the open data.

use crate::support;

use accelerateur::domain::ids::{CandidatureId, UserId};
use accelerateur::domain::account::Role;
use accelerateur::domain::candidature::{CarrierKind, Status};
use accelerateur::domain::candidature_form::CandidatureForm;
use accelerateur::domain::criteria::Criterion;
use accelerateur::domain::jury::{CriterionScore, ReviewForm, ReviewState};
use accelerateur::domain::transparency::CohortFigures;
use accelerateur::server::db;
use axum::http::StatusCode;
use support::programme::{programme_cohort, selected_with};
use support::TestApp;

on_both_engines!(figures_are_computed_from_the_records);

async fn figures_are_computed_from_the_records(app: TestApp) {
    let cohort = programme_cohort(&app).await;
    let form = |name: &str| CandidatureForm { project_name: name.into(), ..Default::default() };
    let (chosen, _) = selected_with(&app, cohort, "choisi@exemple.fr", &form("Choisi"), Status::Selected).await;
    let (reviewed, _) = selected_with(&app, cohort, "evalue@exemple.fr", &form("Évalué"), Status::UnderReview).await;
    let (_, _) = selected_with(&app, cohort, "depose@exemple.fr", &form("Déposé"), Status::Submitted).await;
    let (_, _) = selected_with(&app, cohort, "brouillon@exemple.fr", &form("Brouillon"), Status::Draft).await;
    assert!(db::candidature::transition(&app.db, CandidatureId(reviewed), Status::UnderReview, Status::NotSelected, None, "").await.unwrap());
    // One juror scored both reviewed projects on the public-interest criterion: 4 and 2.
    let juror = app.user("jure@exemple.fr", Role::Citizen).await;
    db::jury::replace_assignment(&app.db, cohort, &[(UserId(juror), CandidatureId(chosen)), (UserId(juror), CandidatureId(reviewed))]).await.unwrap();
    for (candidature, score) in [(chosen, 4), (reviewed, 2)] {
        let review = db::jury::reviews_for(&app.db, candidature).await.unwrap().remove(0);
        let scored = ReviewForm {
            scores: vec![CriterionScore { criterion: Criterion::PublicInterest, score: Some(score), comment: String::new() }],
            overall: String::new(),
            opinion: None,
        };
        db::jury::save_review(&app.db, review.id, review.version, &scored, ReviewState::Submitted, UserId(juror)).await.unwrap().unwrap();
    }
    // A support delivered to the selected project.
    db::programme::request_support(&app.db, chosen, accelerateur::domain::support::SupportKind::Coaching, "x").await.unwrap();
    let sid = db::programme::supports(&app.db, chosen).await.unwrap()[0].id;
    for (from, to) in [("requested", "assigned"), ("assigned", "in_progress"), ("in_progress", "delivered")] {
        let update = accelerateur::domain::programme::check_support_update(
            accelerateur::domain::programme::SupportState::from_code(from).unwrap(),
            to,
            "Léa",
            "",
            "",
            "",
        )
        .unwrap();
        assert!(db::programme::update_support(&app.db, sid, accelerateur::domain::programme::SupportState::from_code(from).unwrap(), &update).await.unwrap());
    }

    let req = axum::http::Request::get("/api/transparency")
        .header(axum::http::header::HOST, "127.0.0.1:3000")
        .header(axum::http::header::ACCEPT, "application/json")
        .body(axum::body::Body::empty())
        .unwrap();
    let res = app.send(req).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let all: Vec<CohortFigures> = serde_json::from_str(&res.body).unwrap();
    let f = all.iter().find(|f| f.cohort_id == cohort).unwrap();
    assert_eq!((f.candidatures, f.eligible, f.selected), (3, 2, 1), "the draft is not counted; submitted is not eligible");
    assert!(f.by_carrier.contains(&(CarrierKind::Association, 3)));
    assert_eq!(f.averages[0], (Criterion::PublicInterest, Some(4.0), Some(3.0)));
    assert_eq!(f.averages[1].1, None);
    assert_eq!(f.supports_delivered, vec![(accelerateur::domain::support::SupportKind::Coaching, 1)]);

    let page = app.get("/transparence", None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Cohorte programme") && page.body.contains("4.0 / 4") && page.body.contains("3.0 / 4"));
    let csv = app.get("/donnees/transparence.csv", None).await.body;
    assert!(csv.contains("Cohorte programme,selectionnees,,1") && csv.contains("Cohorte programme,note_moyenne_toutes,public_interest,3.0"), "{csv}");
    let json: serde_json::Value = serde_json::from_str(&app.get("/donnees/transparence.json", None).await.body).unwrap();
    assert_eq!(json["cohortes"][0]["selected"], 1);
}
