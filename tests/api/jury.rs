//! The jury on both engines: composition (invitation, juror charter, conflicts), the automatic
//! assignment and its guarantees, scoring (autosave, submission lock, peers' scores only after
//! one's own), the audit log's hash chain, and who may call each server function.

use crate::support;

use accelerateur::domain::ids::{CandidatureId, CohortId, UserId};
use accelerateur::api::candidature::Saved;
use accelerateur::api::jury::{ConflictChoices, InvitationLanding, JuryView, JurySeat, ReviewView};
use accelerateur::domain::account::Role;
use accelerateur::domain::candidature::Status;
use accelerateur::domain::cohort::Calendar;
use accelerateur::domain::error::AppError;
use accelerateur::domain::jury::assignment::AssignmentProblem;
use accelerateur::domain::jury::charter::JurorCommitment;
use accelerateur::domain::jury::ReviewState;
use accelerateur::domain::validate::Problem;
use accelerateur::server::db;
use axum::http::StatusCode;
use support::{TestApp, PASSWORD};

on_both_engines!(
    staff_invite_and_a_citizen_joins_signs_the_charter_and_declares_conflicts,
    the_assignment_gives_k_reviews_without_conflicts_and_balanced_loads,
    the_assignment_says_which_constraints_fail,
    a_review_autosaves_then_submits_and_locks_and_peers_show_only_after,
    staff_move_a_review_add_a_conflict_and_reopen_a_review,
    the_audit_log_chains_every_score_change_and_detects_tampering,
    authorization_matrix_of_the_jury_server_fns,
    jury_pages_render_and_work_without_javascript,
    the_ranking_normalises_jurors_and_decisions_respect_the_capacity,
    with_the_shortlist_step_the_jury_sees_only_what_staff_kept,
    the_calendar_allows_no_scoring_and_no_decision_before_the_jury_phase,
    nobody_both_applies_and_judges_in_one_cohort,
    every_write_on_a_closed_cohort_is_refused_but_consent_withdrawal,
);

/// A cohort whose call opened `days_ago` days ago (80: jury phase; 10: call open).
async fn cohort(app: &TestApp, days_ago: u64) -> i64 {
    cohort_of(app, days_ago, 10).await
}

async fn cohort_of(app: &TestApp, days_ago: u64, capacity: i32) -> i64 {
    let today = chrono::Utc::now().date_naive();
    let cal = Calendar::suggested(today.checked_sub_days(chrono::Days::new(days_ago)).unwrap());
    db::cohort::insert(&app.db, &format!("Cohorte jury {days_ago}"), &cal, capacity, 15, 3).await.unwrap()
}

/// `n` eligible candidatures of the cohort, each held by its own applicant.
async fn eligible(app: &TestApp, cohort: i64, n: usize) -> Vec<i64> {
    let mut ids = Vec::new();
    for i in 0..n {
        let holder = app.user(&format!("porteur{i}-{cohort}@exemple.fr"), Role::Citizen).await;
        let id = db::candidature::create_draft(&app.db, CohortId(cohort), UserId(holder)).await.unwrap();
        let name = format!("Projet {i}");
        let content = serde_json::to_string(&accelerateur::domain::candidature_form::CandidatureForm {
            project_name: name.clone(),
            pitch: "Un service public plus simple.".into(),
            ..Default::default()
        })
        .unwrap();
        let saved = db::candidature::Content { json: &content, project_name: &name, carrier_kind: "association", current_step: 6, co_applicants: None };
        db::candidature::save_content(&app.db, id, 1, &saved).await.unwrap();
        db::candidature::transition(&app.db, CandidatureId(id), Status::Draft, Status::Submitted, Some(UserId(holder)), "").await.unwrap();
        db::candidature::transition(&app.db, CandidatureId(id), Status::Submitted, Status::Eligible, None, "").await.unwrap();
        ids.push(id);
    }
    ids
}

fn invitation_mail(to: &str) -> accelerateur::domain::mail::Mail {
    let notice = accelerateur::domain::mail::Notice::JuryInvitation { cohort: "Cohorte".into(), token: "t".into() };
    notice.compose(to, accelerateur::domain::i18n::Locale::Fr, "http://127.0.0.1:3000")
}

/// A juror of the cohort who signed the charter and declared `conflicts`; returns (id, cookie).
async fn juror(app: &TestApp, cohort: i64, n: usize, conflicts: &[i64]) -> (i64, String) {
    let email = format!("jure{n}-{cohort}@exemple.fr");
    let id = app.user(&email, Role::Citizen).await;
    db::jury::invite(&app.db, CohortId(cohort), &email, &format!("hash-{cohort}-{n}"), UserId(id), Some(&invitation_mail(&email))).await.unwrap();
    let inv = db::jury::invitations(&app.db, cohort).await.unwrap().into_iter().find(|i| i.email == email).unwrap();
    assert_eq!(db::jury::accept_invitation(&app.db, inv.id, CohortId(cohort), UserId(id), &email).await.unwrap(), db::jury::Seating::Seated);
    db::jury::accept_charter(&app.db, CohortId(cohort), UserId(id)).await.unwrap();
    db::jury::declare_conflicts(&app.db, CohortId(cohort), UserId(id), conflicts, "").await.unwrap();
    let cookie = app.login(&email, PASSWORD).await.unwrap();
    (id, cookie)
}

/// An invitation to the cohort's jury for `email`, made by `by`; returns its token.
async fn invitation(app: &TestApp, cohort: i64, email: &str, by: i64) -> String {
    let (token, hash) = accelerateur::server::auth::new_session_token();
    db::jury::invite(&app.db, CohortId(cohort), email, &hash, UserId(by), Some(&invitation_mail(email))).await.unwrap();
    token
}

async fn overview(app: &TestApp, staff: &str, cohort: i64) -> JuryView {
    let res = app.call("jury_overview", &[("cohort_id", &cohort.to_string())], Some(staff)).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    serde_json::from_str(&res.body).unwrap()
}

async fn assign(app: &TestApp, staff: &str, cohort: i64) -> support::TestResponse {
    app.call("jury_assign", &[("cohort_id", &cohort.to_string())], Some(staff)).await
}

async fn seats(app: &TestApp, cookie: &str) -> Vec<JurySeat> {
    let res = app.call("jury_seats", &[], Some(cookie)).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    serde_json::from_str(&res.body).unwrap()
}

async fn review(app: &TestApp, cookie: &str, id: i64) -> ReviewView {
    let res = app.call("review_get", &[("id", &id.to_string())], Some(cookie)).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    serde_json::from_str(&res.body).unwrap()
}

/// Posts the scores of the jury track (public interest, impact) and an opinion.
async fn save_review(app: &TestApp, cookie: &str, id: i64, version: i64, scores: (&str, &str), opinion: &str, submit: bool) -> support::TestResponse {
    let (id, version) = (id.to_string(), version.to_string());
    let fields = [
        ("id", id.as_str()),
        ("version", version.as_str()),
        ("score[public_interest]", scores.0),
        ("score[impact_for_all]", scores.1),
        ("comment[public_interest]", "Un vrai besoin."),
        ("opinion", opinion),
        ("overall", "Projet utile."),
        ("submit", if submit { "1" } else { "" }),
    ];
    app.call("review_save", &fields, Some(cookie)).await
}

async fn staff_invite_and_a_citizen_joins_signs_the_charter_and_declares_conflicts(app: TestApp) {
    let c = cohort(&app, 10).await;
    let ids = eligible(&app, c, 2).await;
    let staff = app.signed_in(Role::Staff).await;
    let sc = c.to_string();
    // A bad address is refused and what was typed is kept.
    let res = app.call("jury_invite", &[("cohort_id", &sc), ("emails", "marie@exemple.fr\npas-une-adresse")], Some(&staff)).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    let AppError::Invalid(errors) = res.app_error() else { panic!("{}", res.body) };
    assert_eq!(errors.for_field("emails"), Some(&Problem::InvalidEmail));
    assert_eq!(errors.kept_value("emails"), Some("marie@exemple.fr\npas-une-adresse"));
    assert!(overview(&app, &staff, c).await.invitations.is_empty(), "nothing stored");
    // Two invitations; staff see their links once, never in an address.
    let res = app.post_html_form("jury_invite", &[("cohort_id", &sc), ("emails", "Marie@Exemple.fr, paul@exemple.fr")], "/agent/cohortes/1/jury", Some(&staff)).await;
    let tokens = res.new_invitation_links(&app, &staff, c).await;
    assert_eq!(tokens.len(), 2);
    assert!(overview(&app, &staff, c).await.new_links.is_empty(), "only this browser, only once");
    let o = overview(&app, &staff, c).await;
    assert_eq!(o.invitations.iter().map(|i| i.email.as_str()).collect::<Vec<_>>(), vec!["marie@exemple.fr", "paul@exemple.fr"]);
    assert_eq!((o.accepted(), o.jury_size), (0, 15));
    // The link works for anyone; a wrong token is not found.
    let res = app.call("jury_invitation", &[("token", &tokens[0])], None).await;
    let landing: InvitationLanding = serde_json::from_str(&res.body).unwrap();
    assert_eq!((landing.email.as_str(), landing.accepted, landing.signed_in), ("marie@exemple.fr", false, false));
    assert_eq!(app.call("jury_invitation", &[("token", "faux")], None).await.status, StatusCode::NOT_FOUND);
    // A citizen signs in and accepts: a seat on the jury, the same citizen account (a person,
    // not a role: the juror space joins the menu, the applicant space stays).
    app.user("marie@exemple.fr", Role::Citizen).await;
    let marie = app.login("marie@exemple.fr", PASSWORD).await.unwrap();
    let me = |cookie: String| {
        let app = &app;
        async move { serde_json::from_str::<Option<accelerateur::api::account::UserView>>(&app.call("current_user", &[], Some(&cookie)).await.body).unwrap().unwrap() }
    };
    assert!(!me(marie.clone()).await.juror_space());
    let res = app.call("jury_accept", &[("token", &tokens[0])], Some(&marie)).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let user = db::account::find_by_email(&app.db, "marie@exemple.fr").await.unwrap().unwrap();
    assert_eq!(user.role(), Role::Citizen);
    let view = me(marie.clone()).await;
    assert!(view.juror_space() && view.applicant_space(), "both spaces");
    assert!(app.call("jury_invitation", &[("token", &tokens[0])], None).await.body.contains("\"accepted\":true"));
    // Another account cannot take the same invitation.
    let other = app.signed_in(Role::Citizen).await;
    assert_eq!(app.call("jury_accept", &[("token", &tokens[0])], Some(&other)).await.status, StatusCode::NOT_FOUND);
    // Before the charter: no candidature is listed.
    let res = app.call("jury_conflict_choices", &[("cohort_id", &sc)], Some(&marie)).await;
    let choices: ConflictChoices = serde_json::from_str(&res.body).unwrap();
    assert!(choices.candidatures.is_empty() && choices.charter_accepted_at.is_none());
    assert_eq!(app.call("jury_declare", &[("cohort_id", &sc)], Some(&marie)).await.status, StatusCode::CONFLICT);
    // The charter needs every commitment.
    let res = app.call("jury_charter", &[("cohort_id", &sc), ("commitments[]", "impartiality")], Some(&marie)).await;
    let AppError::Invalid(errors) = res.app_error() else { panic!("{}", res.body) };
    assert_eq!(errors.for_field("commitment_confidentiality"), Some(&Problem::JurorCommitmentRequired));
    let all: Vec<(&str, &str)> = JurorCommitment::ALL.iter().map(|k| ("commitments[]", k.code())).chain([("cohort_id", sc.as_str())]).collect();
    assert_eq!(app.call("jury_charter", &all, Some(&marie)).await.status, StatusCode::OK);
    // Then the list shows project and holder names, and the declaration is stored.
    let res = app.call("jury_conflict_choices", &[("cohort_id", &sc)], Some(&marie)).await;
    let choices: ConflictChoices = serde_json::from_str(&res.body).unwrap();
    assert_eq!(choices.candidatures.len(), 2);
    assert!(!res.body.contains("porteur0-"), "no holder address: {}", res.body);
    let long = "x".repeat(2001);
    let res = app.call("jury_declare", &[("cohort_id", &sc), ("note", &long)], Some(&marie)).await;
    assert_eq!(res.app_error().form_errors().and_then(|e| e.for_field("note")), Some(&Problem::TooLong { max: 2000 }));
    let first = ids[0].to_string();
    let res = app.call("jury_declare", &[("cohort_id", &sc), ("candidatures[]", &first), ("note", "Je connais la porteuse.")], Some(&marie)).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let o = overview(&app, &staff, c).await;
    assert_eq!(o.accepted(), 1);
    let j = &o.jurors[0];
    assert!(j.charter_accepted_at.is_some() && j.conflicts_declared_at.is_some());
    assert_eq!((j.conflicts.clone(), j.conflicts_note.as_str()), (vec!["Projet 0".to_string()], "Je connais la porteuse."));
    let seat = &seats(&app, &marie).await[0];
    assert_eq!((seat.cohort_id, seat.reviews.len()), (c, 0));
    // A citizen who applies to the cohort cannot join its jury.
    let holder = db::candidature::find(&app.db, ids[1]).await.unwrap().unwrap().holder_id;
    let holder = db::account::find_by_id(&app.db, holder).await.unwrap().unwrap();
    let cookie = app.login(&holder.email, PASSWORD).await.unwrap();
    let res = app.call("jury_accept", &[("token", &tokens[1])], Some(&cookie)).await;
    assert_eq!((res.status, res.app_error()), (StatusCode::FORBIDDEN, AppError::ConflictOfInterest));
}

/// In one cohort a person applies or judges, never both, whichever door they come through:
/// a co-applicant (even of a draft, even unconfirmed) cannot accept a seat on its jury, a
/// juror cannot start a candidature there nor be named co-applicant of one.
async fn nobody_both_applies_and_judges_in_one_cohort(app: TestApp) {
    use support::candidature::{save_step, team_with_co_applicant};
    let c = cohort(&app, 10).await;
    let staff_id = app.user("agent-coi@exemple.fr", Role::Staff).await;
    // A holder names Chloé co-applicant on a draft.
    let holder = app.signed_in(Role::Citizen).await;
    let res = app.call("candidature_start", &[], Some(&holder)).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let draft: i64 = serde_json::from_str(&res.body).unwrap();
    let res = save_step(&app, &holder, draft, 1, 3, &team_with_co_applicant("chloe@exemple.fr")).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    app.user("chloe@exemple.fr", Role::Citizen).await;
    let chloe = app.login("chloe@exemple.fr", PASSWORD).await.unwrap();
    let token = invitation(&app, c, "chloe@exemple.fr", staff_id).await;
    let res = app.call("jury_accept", &[("token", &token)], Some(&chloe)).await;
    assert_eq!((res.status, res.app_error()), (StatusCode::FORBIDDEN, AppError::ConflictOfInterest), "co-applicant of a draft");
    assert!(db::jury::juror(&app.db, CohortId(c), UserId(db::account::find_by_email(&app.db, "chloe@exemple.fr").await.unwrap().unwrap().id)).await.unwrap().is_none());
    // The holder of a draft cannot either.
    let holder_email = db::account::find_by_id(&app.db, db::candidature::find(&app.db, draft).await.unwrap().unwrap().holder_id).await.unwrap().unwrap().email;
    let token = invitation(&app, c, &holder_email, staff_id).await;
    let res = app.call("jury_accept", &[("token", &token)], Some(&holder)).await;
    assert_eq!(res.app_error(), AppError::ConflictOfInterest, "holder of a draft");
    // A juror of the cohort: no candidature of their own there, no place in a team.
    let (_, paul) = juror(&app, c, 0, &[]).await;
    let res = app.call("candidature_start", &[], Some(&paul)).await;
    assert_eq!((res.status, res.app_error()), (StatusCode::FORBIDDEN, AppError::ConflictOfInterest), "a juror starts a candidature");
    let version = db::candidature::find(&app.db, draft).await.unwrap().unwrap().version;
    let res = save_step(&app, &holder, draft, version, 3, &team_with_co_applicant(&format!("jure0-{c}@exemple.fr"))).await;
    let AppError::Invalid(errors) = res.app_error() else { panic!("{}", res.body) };
    assert_eq!(errors.for_field("co_applicants[0].email"), Some(&Problem::SitsOnThisJury));
    assert_eq!(errors.kept_value("co_applicants[0].email"), Some(format!("jure0-{c}@exemple.fr").as_str()), "what was typed is kept");
    // The transactions that write hold the same rule, for a seat or a team changed meanwhile.
    let chloe_id = db::account::find_by_email(&app.db, "chloe@exemple.fr").await.unwrap().unwrap().id;
    let token = invitation(&app, c, "chloe@exemple.fr", staff_id).await;
    let inv = db::jury::invitation_by_token(&app.db, &accelerateur::server::auth::token_hash(&token)).await.unwrap().unwrap();
    let seating = db::jury::accept_invitation(&app.db, inv.id, CohortId(c), UserId(chloe_id), "chloe@exemple.fr").await.unwrap();
    assert_eq!(seating, db::jury::Seating::Applies, "no seat for a co-applicant, even past the server function");
    let juror_email = [format!("jure0-{c}@exemple.fr")];
    let content = db::candidature::Content { json: "{}", project_name: "", carrier_kind: "association", current_step: 3, co_applicants: Some(&juror_email) };
    let saved = db::candidature::save_content(&app.db, draft, version, &content).await.unwrap();
    assert_eq!(saved, None, "no juror in a team, even past the server function");
    assert_eq!(db::candidature::find(&app.db, draft).await.unwrap().unwrap().version, version, "nothing written");
    // Someone else joins the jury; declared conflicts keep working on top.
    let (_, other) = juror(&app, c, 1, &[]).await;
    assert_eq!(seats(&app, &other).await.len(), 1);
}

/// A closed cohort is read only: every server function that writes to its records refuses
/// with `CohortClosed` (409), whoever calls; withdrawing a publication consent stays possible.
async fn every_write_on_a_closed_cohort_is_refused_but_consent_withdrawal(app: TestApp) {
    use accelerateur::domain::publication::PublicField;
    let c = cohort(&app, 80).await;
    let sc = c.to_string();
    let staff_id = app.user("agent-cloture@exemple.fr", Role::Staff).await;
    let staff = app.login("agent-cloture@exemple.fr", PASSWORD).await.unwrap();
    let ids = eligible(&app, c, 3).await;
    let (juror_id, juror_cookie) = juror(&app, c, 0, &[]).await;
    for n in 1..3 {
        juror(&app, c, n, &[]).await;
    }
    assert_eq!(assign(&app, &staff, c).await.status, StatusCode::OK);
    let rid = seats(&app, &juror_cookie).await.remove(0).reviews[0].review_id.to_string();
    // A submitted candidature (screening), a selected one with two public fields.
    let depose = app.user("depose@exemple.fr", Role::Citizen).await;
    let submitted = db::candidature::create_draft(&app.db, CohortId(c), UserId(depose)).await.unwrap();
    assert!(db::candidature::transition(&app.db, CandidatureId(submitted), Status::Draft, Status::Submitted, Some(UserId(depose)), "").await.unwrap());
    let holder = app.login("depose@exemple.fr", PASSWORD).await.unwrap();
    let selected = ids[2];
    assert!(db::candidature::transition(&app.db, CandidatureId(selected), Status::UnderReview, Status::Selected, None, "").await.unwrap());
    db::publication::set_consents(&app.db, selected, &[PublicField::Pitch, PublicField::Website]).await.unwrap();
    let team = app.login(&format!("porteur2-{c}@exemple.fr"), PASSWORD).await.unwrap();
    let token = invitation(&app, c, "nouveau@exemple.fr", staff_id).await;
    app.user("nouveau@exemple.fr", Role::Citizen).await;
    let newcomer = app.login("nouveau@exemple.fr", PASSWORD).await.unwrap();

    assert!(db::cohort::close(&app.db, CohortId(c), UserId(staff_id)).await.unwrap());

    let (sub, sel, first, juror_s) = (submitted.to_string(), selected.to_string(), ids[0].to_string(), juror_id.to_string());
    // (server fn, arguments, caller)
    type Write<'a> = (&'a str, Vec<(&'a str, &'a str)>, &'a str);
    let writes: Vec<Write> = vec![
        ("candidature_save", vec![("id", &sub), ("version", "2"), ("step", "1"), ("form[project_name]", "Renommé")], &holder),
        ("candidature_submit", vec![("id", &sub), ("version", "2")], &holder),
        ("candidature_withdraw", vec![("id", &sub)], &holder),
        ("screening_decide", vec![("id", &sub), ("version", "2"), ("decision", "eligible")], &staff),
        ("message_post", vec![("candidature_id", &sub), ("body", "Bonjour")], &holder),
        ("message_post", vec![("candidature_id", &sub), ("body", "Bonjour")], &staff),
        ("cohort_message", vec![("cohort_id", &sc), ("body", "Bonjour à tous")], &staff),
        ("jury_invite", vec![("cohort_id", &sc), ("emails", "tard@exemple.fr")], &staff),
        ("jury_settings", vec![("cohort_id", &sc), ("reviews_per_candidature", "2")], &staff),
        ("jury_assign", vec![("cohort_id", &sc)], &staff),
        ("jury_shortlist", vec![("candidature_id", &first), ("keep", "1")], &staff),
        ("jury_move", vec![("review_id", &rid), ("to", &juror_s)], &staff),
        ("jury_add_conflict", vec![("cohort_id", &sc), ("juror", &juror_s), ("candidature", &first)], &staff),
        ("jury_accept", vec![("token", &token)], &newcomer),
        ("jury_charter", vec![("cohort_id", &sc)], &juror_cookie),
        ("jury_declare", vec![("cohort_id", &sc)], &juror_cookie),
        ("review_save", vec![("id", &rid), ("version", "1"), ("score[public_interest]", "3")], &juror_cookie),
        ("review_staff_start", vec![("candidature_id", &first)], &staff),
        ("review_reopen", vec![("id", &rid)], &staff),
        ("jury_decide", vec![("candidature_id", &first), ("outcome", "selected")], &staff),
        ("publication_set", vec![("candidature_id", &sel), ("fields[]", "pitch"), ("fields[]", "website"), ("fields[]", "description")], &team),
    ];
    for (endpoint, fields, cookie) in &writes {
        let res = app.call(endpoint, fields, Some(cookie)).await;
        assert_eq!((res.status, res.app_error()), (StatusCode::CONFLICT, AppError::CohortClosed), "{endpoint}: {}", res.body);
    }
    assert_eq!(db::candidature::find(&app.db, submitted).await.unwrap().unwrap().status(), Status::Submitted, "nothing changed");
    // Withdrawing a consent is a right: it stays possible.
    let res = app.call("publication_set", &[("candidature_id", sel.as_str()), ("fields[]", "pitch")], Some(&team)).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert_eq!(db::publication::consents(&app.db, selected).await.unwrap(), vec![PublicField::Pitch]);
}

async fn the_assignment_gives_k_reviews_without_conflicts_and_balanced_loads(app: TestApp) {
    let c = cohort(&app, 80).await;
    let ids = eligible(&app, c, 7).await;
    let staff = app.signed_in(Role::Staff).await;
    let mut jurors = Vec::new();
    for n in 0..5 {
        // Juror 0 is in conflict with the first two projects.
        let conflicts = if n == 0 { ids[..2].to_vec() } else { vec![] };
        jurors.push(juror(&app, c, n, &conflicts).await);
    }
    // A juror who has not signed the charter is left out.
    let late = app.user("tardif@exemple.fr", Role::Citizen).await;
    db::jury::invite(&app.db, CohortId(c), "tardif@exemple.fr", "hash-tardif", UserId(late), Some(&invitation_mail("tardif@exemple.fr"))).await.unwrap();
    let inv = db::jury::invitations(&app.db, c).await.unwrap().into_iter().find(|i| i.email == "tardif@exemple.fr").unwrap();
    db::jury::accept_invitation(&app.db, inv.id, CohortId(c), UserId(late), "tardif@exemple.fr").await.unwrap();
    let res = assign(&app, &staff, c).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert_eq!(res.body, "21", "7 candidatures × 3 reviews");
    let o = overview(&app, &staff, c).await;
    for cand in &o.candidatures {
        let reviewers: std::collections::BTreeSet<i64> = cand.reviews.iter().map(|r| r.reviewer_id).collect();
        assert_eq!(reviewers.len(), 3, "{}", cand.project_name);
        assert_eq!(cand.status, Status::UnderReview);
        if ids[..2].contains(&cand.id) {
            assert!(!reviewers.contains(&jurors[0].0), "conflict respected");
        }
    }
    let loads: Vec<usize> = o.jurors.iter().filter(|j| j.user_id != late).map(|j| j.assigned).collect();
    assert_eq!(loads.iter().sum::<usize>(), 21);
    assert!(loads.iter().max().unwrap() - loads.iter().min().unwrap() <= 1, "{loads:?}");
    assert_eq!(o.jurors.iter().find(|j| j.user_id == late).unwrap().assigned, 0);
    // The juror sees their list with its progress.
    let seat = &seats(&app, &jurors[1].1).await[0];
    assert_eq!(seat.reviews.len(), loads[1]);
    assert_eq!(seat.submitted(), 0);
    // Running it again keeps started reviews and changes nothing else.
    let started = seat.reviews[0].review_id;
    let v = review(&app, &jurors[1].1, started).await.version;
    assert_eq!(save_review(&app, &jurors[1].1, started, v, ("3", ""), "", false).await.status, StatusCode::OK);
    assert_eq!(assign(&app, &staff, c).await.status, StatusCode::OK);
    assert_eq!(review(&app, &jurors[1].1, started).await.state, ReviewState::Draft);
    assert_eq!(overview(&app, &staff, c).await.progress(), (0, 21));
}

async fn the_assignment_says_which_constraints_fail(app: TestApp) {
    let staff = app.signed_in(Role::Staff).await;
    // During the call, no assignment.
    let open = cohort(&app, 10).await;
    assert_eq!(assign(&app, &staff, open).await.status, StatusCode::CONFLICT);
    let c = cohort(&app, 80).await;
    // Nobody and nothing yet.
    let res = assign(&app, &staff, c).await;
    let AppError::Assignment(problems) = res.app_error() else { panic!("{}", res.body) };
    assert!(problems.contains(&AssignmentProblem::NoJurors) && problems.contains(&AssignmentProblem::NoCandidatures), "{problems:?}");
    let ids = eligible(&app, c, 2).await;
    let (a, _) = juror(&app, c, 0, &[ids[0]]).await;
    juror(&app, c, 1, &[]).await;
    juror(&app, c, 2, &[]).await;
    let _ = a;
    let res = assign(&app, &staff, c).await;
    let AppError::Assignment(problems) = res.app_error() else { panic!("{}", res.body) };
    assert_eq!(problems, vec![AssignmentProblem::TooFewJurors { candidature: ids[0], available: 2, needed: 3 }]);
    assert!(overview(&app, &staff, c).await.candidatures.iter().all(|c| c.reviews.is_empty()), "nothing stored");
    // Staff lower k to 2: it works.
    let sc = c.to_string();
    let settings = [
        ("cohort_id", sc.as_str()),
        ("reviews_per_candidature", "2"),
        ("scorers[public_interest]", "jury"),
        ("scorers[impact_for_all]", "jury"),
        ("scorers[project_quality]", "staff"),
        ("scorers[openness]", "both"),
        ("scorers[support_value]", "staff"),
    ];
    assert_eq!(app.call("jury_settings", &settings, Some(&staff)).await.status, StatusCode::OK);
    assert_eq!(assign(&app, &staff, c).await.status, StatusCode::OK);
    // Settings are fixed once reviews exist.
    assert_eq!(app.call("jury_settings", &settings, Some(&staff)).await.status, StatusCode::CONFLICT);
    let o = overview(&app, &staff, c).await;
    assert_eq!(o.reviews_per_candidature, 2);
    assert_eq!(o.split.criteria_for(accelerateur::domain::criteria::Track::Jury).len(), 3, "openness is scored by both");
}

async fn a_review_autosaves_then_submits_and_locks_and_peers_show_only_after(app: TestApp) {
    let c = cohort(&app, 80).await;
    let ids = eligible(&app, c, 3).await;
    let staff = app.signed_in(Role::Staff).await;
    let mut jurors = Vec::new();
    for n in 0..3 {
        jurors.push(juror(&app, c, n, &[]).await);
    }
    assert_eq!(assign(&app, &staff, c).await.status, StatusCode::OK);
    let (a, b) = (&jurors[0].1, &jurors[1].1);
    let on = |cookie: &str| {
        let cookie = cookie.to_string();
        let app = &app;
        async move { seats(app, &cookie).await.remove(0).reviews.into_iter().find(|r| r.project_name == "Projet 0").unwrap().review_id }
    };
    let (ra, rb) = (on(a).await, on(b).await);
    let v = review(&app, a, ra).await;
    assert_eq!((v.criteria.len(), v.state, v.peers.clone()), (2, ReviewState::ToDo, None));
    assert_eq!(v.candidature.project_name, "Projet 0");
    // A draft with one score; a score off the scale is refused and the typed values kept.
    let res = save_review(&app, a, ra, v.version, ("9", ""), "", false).await;
    let AppError::Invalid(errors) = res.app_error() else { panic!("{}", res.body) };
    assert_eq!(errors.for_field("score[public_interest]"), Some(&Problem::UnknownChoice));
    assert_eq!(errors.kept_value("comment[public_interest]"), Some("Un vrai besoin."));
    let saved: Saved = serde_json::from_str(&save_review(&app, a, ra, v.version, ("3", ""), "", false).await.body).unwrap();
    let v = review(&app, a, ra).await;
    assert_eq!((v.state, v.form.score_of(accelerateur::domain::criteria::Criterion::PublicInterest)), (ReviewState::Draft, Some(3)));
    assert_eq!(v.version, saved.version);
    // A stale version (another tab) is refused.
    assert_eq!(save_review(&app, a, ra, 0, ("2", ""), "", false).await.status, StatusCode::CONFLICT);
    // Submitting needs every score and the opinion.
    let res = save_review(&app, a, ra, v.version, ("3", ""), "", true).await;
    let AppError::Invalid(errors) = res.app_error() else { panic!("{}", res.body) };
    assert_eq!(errors.for_field("score[impact_for_all]"), Some(&Problem::Required));
    assert_eq!(errors.for_field("opinion"), Some(&Problem::Required));
    assert_eq!(save_review(&app, a, ra, v.version, ("3", "4"), "favourable", true).await.status, StatusCode::OK);
    let v = review(&app, a, ra).await;
    assert_eq!((v.state, v.can_edit), (ReviewState::Submitted, false));
    // Locked.
    assert_eq!(save_review(&app, a, ra, v.version, ("1", "1"), "unfavourable", false).await.status, StatusCode::CONFLICT);
    // B has not submitted: no peers. A sees no other submitted review yet.
    assert_eq!(review(&app, b, rb).await.peers, None);
    assert_eq!(v.peers, Some(vec![]));
    let vb = review(&app, b, rb).await;
    assert_eq!(save_review(&app, b, rb, vb.version, ("2", "2"), "reserved", true).await.status, StatusCode::OK);
    let peers = review(&app, b, rb).await.peers.unwrap();
    assert_eq!(peers.len(), 1);
    assert_eq!(peers[0].reviewer, "", "jurors read peers without names");
    assert_eq!(peers[0].form.score_of(accelerateur::domain::criteria::Criterion::ImpactForAll), Some(4));
    // Staff see names; the overview counts the submitted reviews.
    let staff_view = review(&app, &staff, rb).await;
    assert_eq!(staff_view.peers.unwrap()[0].reviewer, "Test");
    assert_eq!(overview(&app, &staff, c).await.progress(), (2, 9));
    // The applicant never sees individual scores: the candidature view carries none.
    let holder = db::candidature::find(&app.db, ids[0]).await.unwrap().unwrap().holder_id;
    let holder = db::account::find_by_id(&app.db, holder).await.unwrap().unwrap();
    let cookie = app.login(&holder.email, PASSWORD).await.unwrap();
    let res = app.call("candidature_get", &[("id", &ids[0].to_string())], Some(&cookie)).await;
    assert!(!res.body.contains("Un vrai besoin") && !res.body.contains("favourable"), "{}", res.body);
    assert_eq!(app.call("review_get", &[("id", &ra.to_string())], Some(&cookie)).await.status, StatusCode::NOT_FOUND);
}

async fn staff_move_a_review_add_a_conflict_and_reopen_a_review(app: TestApp) {
    let c = cohort(&app, 80).await;
    let ids = eligible(&app, c, 2).await;
    let staff = app.signed_in(Role::Staff).await;
    let mut jurors = Vec::new();
    for n in 0..4 {
        jurors.push(juror(&app, c, n, &[]).await);
    }
    assert_eq!(assign(&app, &staff, c).await.status, StatusCode::OK);
    let o = overview(&app, &staff, c).await;
    let cand = &o.candidatures[0];
    let slot = &cand.reviews[0];
    let reviewers: Vec<i64> = cand.reviews.iter().map(|r| r.reviewer_id).collect();
    let free = jurors.iter().map(|j| j.0).find(|j| !reviewers.contains(j)).unwrap();
    // Not to someone who already reviews it.
    let (rid, busy) = (slot.review_id.to_string(), reviewers[1].to_string());
    assert_eq!(app.call("jury_move", &[("review_id", &rid), ("to", &busy)], Some(&staff)).await.status, StatusCode::CONFLICT);
    // Not to someone in conflict.
    db::jury::add_conflict(&app.db, UserId(free), CandidatureId(cand.id), UserId(free)).await.unwrap();
    let free_s = free.to_string();
    let res = app.call("jury_move", &[("review_id", &rid), ("to", &free_s)], Some(&staff)).await;
    assert_eq!(res.app_error(), AppError::MoveRefused);
    // Staff add a conflict through the server fn: the juror's unsent review goes away.
    let (j, cid, sc) = (reviewers[2].to_string(), cand.id.to_string(), c.to_string());
    let res = app.call("jury_add_conflict", &[("cohort_id", &sc), ("juror", &j), ("candidature", &cid)], Some(&staff)).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let after = overview(&app, &staff, c).await;
    assert_eq!(after.candidatures[0].reviews.len(), 2);
    assert!(!after.candidatures[0].reviews.iter().any(|r| r.reviewer_id == reviewers[2]));
    // A juror in conflict never opens the candidature's review, even one assigned before.
    let conflicted = slot.review_id;
    db::jury::add_conflict(&app.db, UserId(slot.reviewer_id), CandidatureId(cand.id), UserId(slot.reviewer_id)).await.unwrap();
    let owner = jurors.iter().find(|x| x.0 == slot.reviewer_id).unwrap();
    assert_eq!(app.call("review_get", &[("id", &conflicted.to_string())], Some(&owner.1)).await.status, StatusCode::NOT_FOUND);
    // Reopen: a submitted review of the second candidature.
    let second = &after.candidatures[1].reviews[0];
    let who = jurors.iter().find(|x| x.0 == second.reviewer_id).unwrap();
    let v = review(&app, &who.1, second.review_id).await;
    assert_eq!(save_review(&app, &who.1, second.review_id, v.version, ("4", "4"), "favourable", true).await.status, StatusCode::OK);
    let sid = second.review_id.to_string();
    assert_eq!(app.call("review_reopen", &[("id", &sid)], Some(&who.1)).await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.call("review_reopen", &[("id", &sid)], Some(&staff)).await.status, StatusCode::OK);
    assert_eq!(review(&app, &who.1, second.review_id).await.state, ReviewState::Draft);
    assert_eq!(app.call("review_reopen", &[("id", &sid)], Some(&staff)).await.status, StatusCode::CONFLICT, "already open");
    let _ = ids;
}

async fn the_audit_log_chains_every_score_change_and_detects_tampering(app: TestApp) {
    let c = cohort(&app, 80).await;
    eligible(&app, c, 1).await;
    let staff = app.signed_in(Role::Staff).await;
    let mut jurors = Vec::new();
    for n in 0..3 {
        jurors.push(juror(&app, c, n, &[]).await);
    }
    assert_eq!(assign(&app, &staff, c).await.status, StatusCode::OK);
    let (jid, cookie) = &jurors[0];
    let rid = seats(&app, cookie).await[0].reviews[0].review_id;
    let v = review(&app, cookie, rid).await.version;
    save_review(&app, cookie, rid, v, ("2", ""), "", false).await;
    let v = review(&app, cookie, rid).await.version;
    save_review(&app, cookie, rid, v, ("3", "4"), "favourable", true).await;
    let log = db::audit::audit_log(&app.db).await.unwrap();
    let entries: Vec<(String, String, String)> = log.iter().map(|e| (e.action.clone(), e.before_value.clone(), e.after_value.clone())).collect();
    assert_eq!(
        entries,
        vec![
            ("score:public_interest".into(), "".into(), "2".into()),
            ("score:public_interest".into(), "2".into(), "3".into()),
            ("score:impact_for_all".into(), "".into(), "4".into()),
            ("submit".into(), "".into(), "favourable".into()),
        ]
    );
    assert!(log.iter().all(|e| e.actor_id == Some(*jid) && e.entity_id == rid));
    assert_eq!(db::audit::first_broken(&log), None);
    // Changing a past entry breaks the chain at that entry.
    let mut tampered = log.clone();
    tampered[1].after_value = "4".into();
    assert_eq!(db::audit::first_broken(&tampered), Some(log[1].id));
    // Deleting one breaks it at the next.
    let mut gap = log.clone();
    gap.remove(2);
    assert_eq!(db::audit::first_broken(&gap), Some(log[3].id));
}

async fn authorization_matrix_of_the_jury_server_fns(app: TestApp) {
    let c = cohort(&app, 80).await;
    let ids = eligible(&app, c, 1).await;
    let staff = app.signed_in(Role::Staff).await;
    let admin = app.signed_in(Role::Admin).await;
    let applicant = app.signed_in(Role::Citizen).await;
    let mut jurors = Vec::new();
    for n in 0..3 {
        jurors.push(juror(&app, c, n, &[]).await);
    }
    assert_eq!(assign(&app, &staff, c).await.status, StatusCode::OK);
    let assigned = jurors[0].1.clone();
    let rid = seats(&app, &assigned).await[0].reviews[0].review_id.to_string();
    // A juror of the cohort not assigned to this review, and one in conflict with it.
    let (_, unassigned) = juror(&app, c, 3, &[]).await;
    let (_, in_conflict) = juror(&app, c, 4, &[ids[0]]).await;
    // A juror of no jury at all.
    let stranger = app.signed_in(Role::Citizen).await;
    let sc = c.to_string();
    let staff_only: Vec<(&str, Vec<(&str, &str)>)> = vec![
        ("jury_overview", vec![("cohort_id", &sc)]),
        ("jury_invite", vec![("cohort_id", &sc), ("emails", "x@exemple.fr")]),
        ("jury_assign", vec![("cohort_id", &sc)]),
        ("jury_move", vec![("review_id", &rid), ("to", "1")]),
        ("jury_add_conflict", vec![("cohort_id", &sc), ("juror", "1"), ("candidature", "1")]),
        ("review_staff_start", vec![("candidature_id", "1")]),
        ("review_reopen", vec![("id", &rid)]),
        ("jury_decide", vec![("candidature_id", "1"), ("outcome", "selected")]),
    ];
    for (endpoint, fields) in &staff_only {
        assert_eq!(app.call(endpoint, fields, None).await.status, StatusCode::UNAUTHORIZED, "{endpoint} anonymous");
        for (who, cookie) in [("applicant", &applicant), ("juror", &assigned)] {
            assert_eq!(app.call(endpoint, fields, Some(cookie)).await.status, StatusCode::FORBIDDEN, "{endpoint} as {who}");
        }
    }
    for cookie in [&staff, &admin] {
        assert_eq!(app.call("jury_overview", &[("cohort_id", &sc)], Some(cookie)).await.status, StatusCode::OK);
    }
    // The review: its juror reads and saves it; others in the jury get « not found »; staff
    // read it but do not write in it; for an applicant it does not exist.
    for (who, cookie, read, write) in [
        ("assigned juror", &assigned, 200, 200),
        ("juror not assigned", &unassigned, 404, 404),
        ("juror in conflict", &in_conflict, 404, 404),
        ("juror of no jury", &stranger, 404, 404),
        ("applicant", &applicant, 404, 404),
        ("staff", &staff, 200, 403),
        ("admin", &admin, 200, 403),
    ] {
        assert_eq!(app.call("review_get", &[("id", &rid)], Some(cookie)).await.status.as_u16(), read, "review_get as {who}");
        let version = review(&app, &assigned, rid.parse().unwrap()).await.version;
        let res = save_review(&app, cookie, rid.parse().unwrap(), version, ("3", ""), "", false).await;
        assert_eq!(res.status.as_u16(), write, "review_save as {who}: {}", res.body);
    }
    assert_eq!(app.call("review_get", &[("id", &rid)], None).await.status, StatusCode::UNAUTHORIZED);
    // The ranking: staff and admin; jurors only once they submitted all their reviews.
    assert_eq!(app.call("jury_ranking", &[("cohort_id", &sc)], None).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(app.call("jury_ranking", &[("cohort_id", &sc)], Some(&applicant)).await.status, StatusCode::NOT_FOUND, "no seat");
    for cookie in [&staff, &admin] {
        assert_eq!(app.call("jury_ranking", &[("cohort_id", &sc)], Some(cookie)).await.status, StatusCode::OK);
    }
    for cookie in [&assigned, &unassigned, &in_conflict] {
        assert_eq!(app.call("jury_ranking", &[("cohort_id", &sc)], Some(cookie)).await.status, StatusCode::CONFLICT, "not finished");
    }
    assert_eq!(app.call("jury_ranking", &[("cohort_id", &sc)], Some(&stranger)).await.status, StatusCode::NOT_FOUND);
    // Juror-side functions: only jurors of the cohort.
    for (endpoint, fields) in [("jury_conflict_choices", vec![("cohort_id", sc.as_str())]), ("jury_charter", vec![("cohort_id", sc.as_str())])] {
        assert_eq!(app.call(endpoint, &fields, None).await.status, StatusCode::UNAUTHORIZED, "{endpoint}");
        assert_eq!(app.call(endpoint, &fields, Some(&applicant)).await.status, StatusCode::NOT_FOUND, "{endpoint}: no seat");
        assert_eq!(app.call(endpoint, &fields, Some(&staff)).await.status, StatusCode::FORBIDDEN, "{endpoint}");
        assert_eq!(app.call(endpoint, &fields, Some(&stranger)).await.status, StatusCode::NOT_FOUND, "{endpoint}");
    }
    assert!(seats(&app, &applicant).await.is_empty(), "a citizen without a seat: an empty juror space");
    assert_eq!(app.call("jury_seats", &[], Some(&staff)).await.status, StatusCode::FORBIDDEN);
    assert!(seats(&app, &stranger).await.is_empty());
    // Staff never accept invitations for themselves.
    assert_eq!(app.call("jury_accept", &[("token", "x")], Some(&staff)).await.status, StatusCode::FORBIDDEN);
}

async fn jury_pages_render_and_work_without_javascript(app: TestApp) {
    let c = cohort(&app, 80).await;
    eligible(&app, c, 1).await;
    let staff = app.signed_in(Role::Staff).await;
    let mut jurors = Vec::new();
    for n in 0..3 {
        jurors.push(juror(&app, c, n, &[]).await);
    }
    let page = app.get(&format!("/agent/cohortes/{c}/jury"), Some(&staff)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("3 jurés ont accepté sur les 15"), "{}", page.body);
    // Plain form post of the assignment, then of a review draft.
    let res = app.post_html_form("jury_assign", &[("cohort_id", &c.to_string())], &format!("/agent/cohortes/{c}/jury"), Some(&staff)).await;
    assert_eq!(res.location().as_deref(), Some(format!("/agent/cohortes/{c}/jury?ok=affectation").as_str()));
    let cookie = &jurors[0].1;
    let page = app.get("/jury", Some(cookie)).await;
    assert!(page.body.contains("0 / 1 évaluées"), "{}", page.body);
    let rid = seats(&app, cookie).await[0].reviews[0].review_id;
    let page = app.get(&format!("/evaluations/{rid}"), Some(cookie)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Satisfaisant") && page.body.contains("L&#x27;avis du jury") || page.body.contains("L'avis du jury"));
    let version = review(&app, cookie, rid).await.version.to_string();
    let fields = [("id", rid.to_string()), ("version", version), ("score[public_interest]", "4".into()), ("submit", String::new())];
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let res = app.post_html_form("review_save", &fields, &format!("/evaluations/{rid}"), Some(cookie)).await;
    assert_eq!(res.location().as_deref(), Some(format!("/evaluations/{rid}?ok=enregistree").as_str()));
    assert_eq!(review(&app, cookie, rid).await.state, ReviewState::Draft);
    let page = app.get(&format!("/jury/cohortes/{c}/engagements"), Some(cookie)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(app.get(&format!("/evaluations/{rid}"), Some(&jurors[1].1)).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.get("/jury/invitation/inconnu", None).await.status, StatusCode::NOT_FOUND);
}

async fn ranking(app: &TestApp, cookie: &str, cohort: i64, tri: &str) -> support::TestResponse {
    app.call("jury_ranking", &[("cohort_id", &cohort.to_string()), ("tri", tri), ("ordre", "desc")], Some(cookie)).await
}

async fn decide(app: &TestApp, cookie: &str, id: i64, outcome: &str, reasons: bool) -> support::TestResponse {
    let id = id.to_string();
    let mut fields = vec![("candidature_id", id.as_str()), ("outcome", outcome)];
    if reasons {
        fields.extend([
            ("reason[public_interest]", "Un objectif clair."),
            ("reason[impact_for_all]", "Un impact national."),
            ("reason[project_quality]", "Une équipe solide."),
            ("reason[openness]", "Code ouvert."),
            ("reason[support_value]", "Des contacts utiles."),
        ]);
    }
    app.call("jury_decide", &fields, Some(cookie)).await
}

async fn the_ranking_normalises_jurors_and_decisions_respect_the_capacity(app: TestApp) {
    use accelerateur::api::jury::Deliberation;
    let c = cohort_of(&app, 80, 2).await;
    let ids = eligible(&app, c, 3).await;
    let staff = app.signed_in(Role::Staff).await;
    let mut jurors = Vec::new();
    for n in 0..3 {
        jurors.push(juror(&app, c, n, &[]).await);
    }
    // A fourth juror, in conflict with the first project, reviews nothing there.
    let (_, conflicted) = juror(&app, c, 3, &[ids[0]]).await;
    let settings = [
        ("cohort_id", c.to_string()),
        ("reviews_per_candidature", "3".to_string()),
        ("scorers[public_interest]", "jury".into()),
        ("scorers[impact_for_all]", "jury".into()),
        ("scorers[project_quality]", "staff".into()),
        ("scorers[openness]", "staff".into()),
        ("scorers[support_value]", "staff".into()),
    ];
    let settings: Vec<(&str, &str)> = settings.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(app.call("jury_settings", &settings, Some(&staff)).await.status, StatusCode::OK);
    assert_eq!(assign(&app, &staff, c).await.status, StatusCode::OK);
    // Every juror ranks Projet 2 > Projet 1 > Projet 0, a harsh one low and a lenient one high.
    let levels = [["1", "2", "3"], ["2", "3", "4"], ["1", "3", "4"], ["2", "3", "4"]];
    let mut cookies: Vec<String> = jurors.iter().map(|j| j.1.clone()).collect();
    cookies.push(conflicted.clone());
    for (n, cookie) in cookies.iter().enumerate() {
        for item in seats(&app, cookie).await.remove(0).reviews {
            let project: usize = item.project_name.trim_start_matches("Projet ").parse().unwrap();
            let v = review(&app, cookie, item.review_id).await.version;
            let score = levels[n][project];
            let res = save_review(&app, cookie, item.review_id, v, (score, score), "favourable", true).await;
            assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        }
    }
    let res = ranking(&app, &staff, c, "").await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let d: Deliberation = serde_json::from_str(&res.body).unwrap();
    let order: Vec<&str> = d.rows.iter().map(|r| r.project_name.as_str()).collect();
    assert_eq!(order, vec!["Projet 2", "Projet 1", "Projet 0"], "by normalised score");
    let top = &d.rows[0].figures;
    assert_eq!((top.reviews, top.missing), (3, 0));
    assert!(top.normalised.unwrap() > 0.9 && d.rows[2].figures.normalised.unwrap() < -0.9, "{:?}", d.rows);
    assert!(d.rows.iter().all(|r| r.opinions.0 == r.figures.reviews));
    assert_eq!(top.per_criterion.len(), 2, "the jury track's two criteria");
    // Sorted by spread, ascending or descending, on request.
    let d: Deliberation = serde_json::from_str(&ranking(&app, &staff, c, "ecart").await.body).unwrap();
    let spreads: Vec<f64> = d.rows.iter().map(|r| r.figures.spread.unwrap()).collect();
    assert!(spreads.windows(2).all(|w| w[0] >= w[1]), "{spreads:?}");
    // A juror who finished reads the ranking, without the candidature they are in conflict with.
    let d: Deliberation = serde_json::from_str(&ranking(&app, &conflicted, c, "").await.body).unwrap();
    assert_eq!(d.rows.len(), 2);
    assert!(!d.can_decide);
    // A juror still reviewing does not; nor an applicant.
    let (_, late) = juror(&app, c, 9, &[]).await;
    assert_eq!(ranking(&app, &late, c, "").await.status, StatusCode::CONFLICT, "no review: nothing to compare yet");
    let applicant = app.signed_in(Role::Citizen).await;
    assert_eq!(ranking(&app, &applicant, c, "").await.status, StatusCode::NOT_FOUND, "no seat in this jury");
    assert_eq!(decide(&app, &jurors[0].1, ids[2], "selected", true).await.status, StatusCode::FORBIDDEN);
    // Decisions: a reason per criterion; at most the capacity (2 here) selected.
    let res = decide(&app, &staff, ids[2], "selected", false).await;
    let AppError::Invalid(errors) = res.app_error() else { panic!("{}", res.body) };
    assert_eq!(errors.for_field("reason[openness]"), Some(&Problem::Required));
    assert_eq!(decide(&app, &staff, ids[2], "selected", true).await.status, StatusCode::OK);
    assert_eq!(decide(&app, &staff, ids[1], "selected", true).await.status, StatusCode::OK);
    assert_eq!(decide(&app, &staff, ids[0], "selected", true).await.app_error(), AppError::CapacityReached { capacity: 2 });
    assert_eq!(decide(&app, &staff, ids[0], "waitlisted", true).await.status, StatusCode::OK);
    assert_eq!(decide(&app, &staff, ids[2], "not_selected", true).await.status, StatusCode::CONFLICT, "a selection is final");
    let d: Deliberation = serde_json::from_str(&ranking(&app, &staff, c, "").await.body).unwrap();
    assert_eq!(d.selected, 2);
    // The applicant reads the decision, the reasons and the averages, never a juror.
    let holder = db::candidature::find(&app.db, ids[2]).await.unwrap().unwrap().holder_id;
    let holder = db::account::find_by_id(&app.db, holder).await.unwrap().unwrap();
    let cookie = app.login(&holder.email, PASSWORD).await.unwrap();
    let view = support::candidature::get(&app, &cookie, ids[2]).await;
    assert_eq!(view.status, Status::Selected);
    let decision = view.decision.expect("decision shown");
    assert_eq!(decision.reasons.len(), 5);
    let public_interest = decision.averages.iter().find(|(c, _)| *c == accelerateur::domain::criteria::Criterion::PublicInterest).unwrap().1;
    assert!((3.0..=4.0).contains(&public_interest), "{public_interest}");
    assert!(((public_interest * 10.0).round() - public_interest * 10.0).abs() < 1e-9, "rounded to a tenth: {public_interest}");
    let res = app.call("candidature_get", &[("id", &ids[2].to_string())], Some(&cookie)).await;
    assert!(!res.body.contains("jure0-"), "no juror address: {}", res.body);
    // Decisions are in the audit log, whose chain holds.
    let log = db::audit::audit_log(&app.db).await.unwrap();
    assert_eq!(log.iter().filter(|e| e.action == "decide").count(), 3);
    assert_eq!(db::audit::first_broken(&log), None);
}

async fn with_the_shortlist_step_the_jury_sees_only_what_staff_kept(app: TestApp) {
    let c = cohort(&app, 80).await;
    let ids = eligible(&app, c, 3).await;
    let staff = app.signed_in(Role::Staff).await;
    let mut jurors = Vec::new();
    for n in 0..3 {
        jurors.push(juror(&app, c, n, &[]).await);
    }
    let (first, second) = (ids[0].to_string(), ids[1].to_string());
    // Without the step, nothing to shortlist.
    assert_eq!(app.call("jury_shortlist", &[("candidature_id", &first)], Some(&staff)).await.status, StatusCode::CONFLICT);
    let sc = c.to_string();
    let settings = [
        ("cohort_id", sc.as_str()),
        ("reviews_per_candidature", "3"),
        ("scorers[public_interest]", "jury"),
        ("scorers[impact_for_all]", "jury"),
        ("scorers[project_quality]", "staff"),
        ("scorers[openness]", "staff"),
        ("scorers[support_value]", "staff"),
        ("staff_shortlist", "on"),
    ];
    assert_eq!(app.call("jury_settings", &settings, Some(&staff)).await.status, StatusCode::OK);
    let o = overview(&app, &staff, c).await;
    assert!(o.staff_shortlist && o.candidatures.iter().all(|c| c.shortlisted));
    assert_eq!(app.call("jury_shortlist", &[("candidature_id", &first)], Some(&jurors[0].1)).await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.call("jury_shortlist", &[("candidature_id", &first)], Some(&staff)).await.status, StatusCode::OK);
    let o = overview(&app, &staff, c).await;
    assert!(!o.candidatures.iter().find(|k| k.id == ids[0]).unwrap().shortlisted);
    assert_eq!(assign(&app, &staff, c).await.body, "6", "2 kept candidatures × 3");
    let o = overview(&app, &staff, c).await;
    let left = o.candidatures.iter().find(|k| k.id == ids[0]).unwrap();
    assert!(left.reviews.is_empty() && left.status == Status::Eligible);
    assert!(seats(&app, &jurors[0].1).await[0].reviews.iter().all(|r| r.project_name != "Projet 0"));
    // Once reviewed, a candidature stays on the list.
    let res = app.call("jury_shortlist", &[("candidature_id", &second)], Some(&staff)).await;
    assert_eq!(res.status, StatusCode::CONFLICT);
    // Kept again, it is assigned on the next run.
    assert_eq!(app.call("jury_shortlist", &[("candidature_id", &first), ("keep", "on")], Some(&staff)).await.status, StatusCode::OK);
    assert_eq!(assign(&app, &staff, c).await.body, "9");
}

/// `accelerateur audit-check` on a real SQLite file: intact, then after an entry is edited.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_audit_check_command_reports_an_edited_entry() {
    let app = TestApp::sqlite().await;
    let c = cohort(&app, 80).await;
    eligible(&app, c, 1).await;
    let staff = app.signed_in(Role::Staff).await;
    let mut jurors = Vec::new();
    for n in 0..3 {
        jurors.push(juror(&app, c, n, &[]).await);
    }
    assert_eq!(assign(&app, &staff, c).await.status, StatusCode::OK);
    let (_, cookie) = &jurors[0];
    let rid = seats(&app, cookie).await[0].reviews[0].review_id;
    let v = review(&app, cookie, rid).await.version;
    assert_eq!(save_review(&app, cookie, rid, v, ("3", "4"), "favourable", true).await.status, StatusCode::OK);
    let url = app.database_url().expect("a SQLite file");
    let check = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_accelerateur"))
            .arg("audit-check")
            .env("DATABASE_URL", &url)
            .env("RUST_LOG", "error")
            .output()
            .expect("run the binary")
    };
    let out = check();
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(out.status.success() && text.contains("audit log intact: 3 entries"), "{text}");
    let accelerateur::server::db::Db::Sqlite(pools) = &app.db else { unreachable!("SQLite app") };
    sqlx::query("UPDATE audit_log SET after_value = '1' WHERE id = 2").execute(&pools.write).await.unwrap();
    let out = check();
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(!out.status.success() && text.contains("audit log BROKEN at entry 2"), "{text}");
}

async fn the_calendar_allows_no_scoring_and_no_decision_before_the_jury_phase(app: TestApp) {
    // 60 days after the call opened: the call is closed, the jury phase starts in 10 days.
    let c = cohort(&app, 60).await;
    let ids = eligible(&app, c, 3).await;
    let staff = app.signed_in(Role::Staff).await;
    let mut jurors = Vec::new();
    for n in 0..3 {
        jurors.push(juror(&app, c, n, &[]).await);
    }
    assert_eq!(assign(&app, &staff, c).await.status, StatusCode::OK, "reviews are prepared while eligibility is screened");
    let a = &jurors[0].1;
    let seat = seats(&app, a).await.remove(0);
    let rid = seat.reviews[0].review_id;
    let v = review(&app, a, rid).await;
    let res = save_review(&app, a, rid, v.version, ("3", ""), "", false).await;
    assert_eq!((res.status, res.app_error()), (StatusCode::CONFLICT, AppError::WrongPhase), "no scoring before the jury phase");
    let res = decide(&app, &staff, ids[0], "selected", true).await;
    assert_eq!(res.status, StatusCode::CONFLICT, "no decision before the jury phase: {}", res.body);
}
