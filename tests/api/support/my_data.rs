//! A person with records of every kind, and other people around them, for the « Mes données »
//! tests: Paula holds a candidature and co-applies to Hélène's (selected, in its programme),
//! sits on another cohort's jury (a submitted review, a declared conflict) and writes in the
//! threads; Oscar applies in Paula's cohort; Jules reviews the same candidature as Paula.

use super::candidature::{cohort_opened, full_form, save, start, submit};
use super::{TestApp, PASSWORD};
use accelerateur::domain::account::Role;
use accelerateur::domain::candidature::Status;
use accelerateur::domain::candidature_form::{CandidatureForm, CoApplicant};
use accelerateur::domain::cohort::Calendar;
use accelerateur::domain::i18n::Locale;
use accelerateur::domain::ids::{CandidatureId, CohortId, UserId};
use accelerateur::domain::mail::Notice;
use accelerateur::domain::publication::PublicField;
use accelerateur::domain::state_sign_in::Provider;
use accelerateur::server::{auth, db};
use axum::http::StatusCode;

/// Breaks out of text, attribute quotes, `<title>`, `<textarea>` and `<script>`.
pub const PAYLOAD: &str = "</textarea></title></style></script>\"'><img src=x id=xss-img onerror=alert(1)><script id=xss-script>alert(2)</script>";

pub const PAULA: (&str, &str) = ("paula.personne@exemple.fr", "Paula Personne");
pub const HELENE: (&str, &str) = ("helene.porteuse@exemple.fr", "Hélène Porteuse");
pub const OSCAR: (&str, &str) = ("oscar.autre@exemple.fr", "Oscar Autrecandidat");
pub const JULES: (&str, &str) = ("jules.autre@exemple.fr", "Jules Autrejuré");

/// What the others wrote: none of it may reach Paula's export.
pub const OTHERS_SECRETS: [&str; 10] = [
    OSCAR.0,
    OSCAR.1,
    "Projet secret d'Oscar",
    "Message secret d'Oscar",
    JULES.0,
    JULES.1,
    "Commentaire confidentiel de Jules",
    "Appréciation confidentielle de Jules",
    "Note confidentielle de Jules",
    HELENE.1,
];

pub struct World {
    pub paula: i64,
    pub paula_cookie: String,
    /// Paula's own candidature (holder).
    pub own: i64,
    /// Hélène's candidature, Paula co-applies.
    pub shared: i64,
}

async fn account(app: &TestApp, (email, name): (&str, &str)) -> (i64, String) {
    let hash = auth::hash_password(PASSWORD.to_string()).await.unwrap();
    let id = db::account::insert_user(&app.db, email, name, &hash, Role::Citizen).await.unwrap();
    (id, app.login(email, PASSWORD).await.unwrap())
}

/// Starts, fills and submits a candidature named `name` in the open call, through the API.
async fn submitted_named(app: &TestApp, cookie: &str, name: &str) -> i64 {
    let id = start(app, cookie).await;
    let mut form = full_form();
    form.retain(|(k, _)| k != "form[project_name]");
    form.push(("form[project_name]".into(), name.into()));
    assert_eq!(save(app, cookie, id, 1, &form).await.status, StatusCode::OK);
    submit(app, cookie, id).await;
    id
}

/// A seat on the cohort's jury for the account, by invitation (its mail written), charter
/// accepted, conflicts declared with `note`.
async fn seat(app: &TestApp, cohort: i64, user: i64, email: &str, conflicts: &[i64], note: &str) {
    let (token, hash) = auth::new_session_token();
    let mail = Notice::JuryInvitation { cohort: "Cohorte".into(), token }.compose(email, Locale::Fr, "http://127.0.0.1:3000");
    db::jury::invite(&app.db, CohortId(cohort), email, &hash, UserId(user), Some(&mail)).await.unwrap();
    let inv = db::jury::invitation_by_token(&app.db, &hash).await.unwrap().unwrap();
    assert_eq!(db::jury::accept_invitation(&app.db, inv.id, CohortId(cohort), UserId(user), email).await.unwrap(), db::jury::Seating::Seated);
    db::jury::accept_charter(&app.db, CohortId(cohort), UserId(user)).await.unwrap();
    db::jury::declare_conflicts(&app.db, CohortId(cohort), UserId(user), conflicts, note).await.unwrap();
}

/// Scores and submits the review of candidature `candidature` by the juror, through the API.
async fn review(app: &TestApp, cookie: &str, cohort: i64, juror: i64, comment: &str, overall: &str) {
    let r = db::jury::reviews_of(&app.db, CohortId(cohort), UserId(juror)).await.unwrap().remove(0);
    let (id, version) = (r.id.to_string(), r.version.to_string());
    let fields = [
        ("id", id.as_str()),
        ("version", version.as_str()),
        ("score[public_interest]", "3"),
        ("score[impact_for_all]", "4"),
        ("comment[public_interest]", comment),
        ("opinion", "favourable"),
        ("overall", overall),
        ("submit", "1"),
    ];
    let res = app.call("review_save", &fields, Some(cookie)).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
}

pub async fn world(app: &TestApp) -> World {
    let call = cohort_opened(app, 10).await;
    let today = chrono::Utc::now().date_naive();
    let jury_phase = Calendar::suggested(today.checked_sub_days(chrono::Days::new(80)).unwrap());
    let jury = db::cohort::insert(&app.db, "Cohorte du jury", &jury_phase, 10, 15, 2).await.unwrap();
    let staff = app.user("agent.mesdonnees@exemple.fr", Role::Staff).await;

    // Paula: her candidature (submitted through the API: history, commitments, mail), its
    // document, a State identity, messages both ways.
    let (paula, paula_cookie) = account(app, PAULA).await;
    let own = submitted_named(app, &paula_cookie, "Projet de Paula").await;
    db::attachment::put(&app.db, CandidatureId(own), "dossier-paula.pdf", b"%PDF-1.4\n%%EOF\n", UserId(paula)).await.unwrap();
    let names = db::state_sign_in::VouchedNames { provider: Provider::FranceConnect, subject: "sub-paula", given_name: "Paula", family_name: "Personne" };
    db::state_sign_in::tie(&app.db, paula, &names).await.unwrap();
    let body = format!("Message de Paula {PAYLOAD}");
    let res = app.call("message_post", &[("candidature_id", &own.to_string()), ("body", &body)], Some(&paula_cookie)).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    db::messages::post(&app.db, CandidatureId(own), UserId(staff), true, "Question de l'agent", &[]).await.unwrap();

    // Hélène's candidature names Paula: selected (decision with reasons), charter signed by
    // Hélène, consents, check-ins by both, a message from Hélène.
    let (helene, _) = account(app, HELENE).await;
    let form = CandidatureForm {
        project_name: "Projet d'Hélène".into(),
        co_applicants: vec![CoApplicant { name: PAULA.1.into(), email: PAULA.0.into(), role: "Développeuse".into() }],
        ..Default::default()
    };
    let shared = super::programme::taken_to(app, call, helene, &form, &[PAULA.0.to_string()], Status::UnderReview).await;
    let reasons: Vec<(String, String)> =
        accelerateur::domain::criteria::Criterion::ALL.iter().map(|c| (c.code().to_string(), format!("Motif {}", c.code()))).collect();
    let decided = db::jury::decide(
        &app.db,
        CohortId(call),
        CandidatureId(shared),
        Status::UnderReview,
        Status::Selected,
        &serde_json::to_string(&reasons).unwrap(),
        10,
        UserId(staff),
        &[],
    )
    .await
    .unwrap();
    assert!(matches!(decided, db::jury::DecideOutcome::Done));
    assert!(db::programme::sign_charter(&app.db, CandidatureId(shared), UserId(helene), HELENE.1, &[]).await.unwrap());
    db::publication::set_consents(&app.db, shared, &[PublicField::Pitch, PublicField::Website]).await.unwrap();
    let progress = format!("Point de Paula {PAYLOAD}");
    db::programme::add_check_in(&app.db, CandidatureId(shared), UserId(paula), &progress, "", "").await.unwrap();
    db::programme::add_check_in(&app.db, CandidatureId(shared), UserId(helene), "Point d'Hélène", "", "").await.unwrap();
    db::messages::post(&app.db, CandidatureId(shared), UserId(helene), false, "Message de la porteuse", &[]).await.unwrap();

    // Oscar applies in the same cohort and writes in his thread.
    let (oscar, oscar_cookie) = account(app, OSCAR).await;
    let oscars = submitted_named(app, &oscar_cookie, "Projet secret d'Oscar").await;
    db::messages::post(&app.db, CandidatureId(oscars), UserId(oscar), false, "Message secret d'Oscar", &[]).await.unwrap();

    // The jury: Paula and Jules review the same candidature; Paula declared a conflict on another.
    let reviewed_holder = app.user("porteur.evalue@exemple.fr", Role::Citizen).await;
    let conflict_holder = app.user("porteur.conflit@exemple.fr", Role::Citizen).await;
    let reviewed = super::programme::taken_to(app, jury, reviewed_holder, &CandidatureForm { project_name: "Projet évalué".into(), ..Default::default() }, &[], Status::UnderReview).await;
    let conflicted = super::programme::taken_to(app, jury, conflict_holder, &CandidatureForm { project_name: "Projet en conflit".into(), ..Default::default() }, &[], Status::UnderReview).await;
    let (jules, jules_cookie) = account(app, JULES).await;
    let note = format!("Je connais la porteuse {PAYLOAD}");
    seat(app, jury, paula, PAULA.0, &[conflicted], &note).await;
    seat(app, jury, jules, JULES.0, &[], "Note confidentielle de Jules").await;
    db::jury::replace_assignment(&app.db, jury, &[(UserId(paula), CandidatureId(reviewed)), (UserId(jules), CandidatureId(reviewed))]).await.unwrap();
    review(app, &paula_cookie, jury, paula, "Commentaire de Paula", "Appréciation de Paula").await;
    review(app, &jules_cookie, jury, jules, "Commentaire confidentiel de Jules", "Appréciation confidentielle de Jules").await;

    World { paula, paula_cookie, own, shared }
}
