//! The authorization matrix, generated from one table (part of the `api` test binary), on both
//! engines: every server function and every route, called by each of 11 kinds of caller, on a
//! cohort whose records may change and on a closed one. Each row names the rule it follows
//! ([`Rule`]); the expected outcome of each cell comes from the rule, the caller and the
//! cohort's state ([`expected`]), so that the table reads as the README's « who may do what ».
//!
//! Each row gets a world of its own (two cohorts, the people below, their records), so that
//! an allowed write in one row changes nothing for the next; the rows whose allowed call
//! changes what the next caller meets (closing, withdrawing, accepting a seat) get a fresh
//! world per caller. An outcome is the authority's answer, read from the error: signed in or
//! not (401), allowed or not (403), the record exists for the caller or not (404), the cohort
//! is closed (409 `CohortClosed`), a conflict of interest (403 `ConflictOfInterest`);
//! anything else (success, a form error, a state error) means the caller got past authority.

use crate::support::{self, TestApp, TestResponse};
use accelerateur::domain::ids::{CandidatureId, CohortId, UserId};
use accelerateur::domain::account::Role;
use accelerateur::domain::attachment::AttachmentProblem;
use accelerateur::domain::candidature::Status;
use accelerateur::domain::candidature_form::CandidatureForm;
use accelerateur::domain::cohort::Calendar;
use accelerateur::domain::error::AppError;
use accelerateur::domain::support::SupportKind;
use accelerateur::server::{auth, db};
use axum::body::Body;
use axum::http::{header, Request};
use std::fmt::Write as _;

on_both_engines!(every_server_fn_and_route_for_every_caller_on_open_and_closed_cohorts);

/// Who calls. `Juror`: a seat in the cohort, the review of the holder's candidature assigned;
/// `ConflictedJuror`: a seat, conflicts declared on the holder's candidatures; `ApplicantJuror`:
/// a seat in the cohort and a candidature in another one; `OtherJuror`: a seat in another cohort.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Caller {
    Anonymous,
    Citizen,
    Holder,
    CoApplicant,
    OtherApplicant,
    Juror,
    OtherJuror,
    ConflictedJuror,
    ApplicantJuror,
    Staff,
    Admin,
}

impl Caller {
    const ALL: [Caller; 11] = [
        Caller::Anonymous,
        Caller::Citizen,
        Caller::Holder,
        Caller::CoApplicant,
        Caller::OtherApplicant,
        Caller::Juror,
        Caller::OtherJuror,
        Caller::ConflictedJuror,
        Caller::ApplicantJuror,
        Caller::Staff,
        Caller::Admin,
    ];

    fn index(self) -> usize {
        Caller::ALL.iter().position(|c| *c == self).unwrap_or(0)
    }

    fn is_agent(self) -> bool {
        matches!(self, Caller::Staff | Caller::Admin)
    }

    fn on_team(self) -> bool {
        matches!(self, Caller::Holder | Caller::CoApplicant)
    }

    fn seated(self) -> bool {
        matches!(self, Caller::Juror | Caller::ConflictedJuror | Caller::ApplicantJuror)
    }

    /// Holder or co-applicant of a candidature in the cohort (conflict of interest).
    fn applies_here(self) -> bool {
        matches!(self, Caller::Holder | Caller::CoApplicant | Caller::OtherApplicant)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    /// Past authority: a success, a form error, a state error.
    Allowed,
    SignIn,
    Forbidden,
    Hidden,
    Closed,
    Conflict,
}

/// The rules the rows follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rule {
    /// Anyone, signed in or not.
    Public,
    /// Anyone signed in.
    SignedIn,
    /// Anyone signed in, about a record that is not theirs (another account's session): it
    /// does not exist for them.
    NotTheirs,
    /// Staff and admins; a read.
    Staff,
    /// Staff and admins; a change to the cohort's records, refused once it is closed.
    StaffWrite,
    /// Admins.
    Admin,
    /// Citizens (their own space); agents are refused.
    Citizen,
    /// The candidature's team reads it; agents are refused, other citizens do not see it.
    Team,
    /// The team changes it; refused once the cohort is closed.
    TeamWrite,
    /// The team changes a draft's attachment; drafts stay invisible to agents (404); refused
    /// once the cohort is closed.
    DraftWrite,
    /// Only the holder (submitting, withdrawing, signing the charter): a co-applicant is
    /// refused; refused once the cohort is closed.
    HolderWrite,
    /// The team withdraws a publication consent: a right, even after closing.
    TeamConsent,
    /// The team and agents read it; other citizens do not see it.
    TeamOrStaff,
    /// The team and agents write in it; refused once the cohort is closed.
    TeamOrStaffWrite,
    /// A juror with a seat in the cohort reads; agents are refused, others do not see it.
    Seat,
    /// A juror with a seat in the cohort changes their commitments; refused once closed.
    SeatWrite,
    /// The review's own juror and agents read it.
    Reviewer,
    /// The review's own juror scores it; agents only read; refused once closed.
    ReviewerWrite,
    /// Agents, and the jurors of the cohort (who see it once their reviews are done).
    Deliberation,
    /// A citizen accepts a seat: not in a cohort where they apply; refused once closed.
    AcceptSeat,
}

fn expected(rule: Rule, caller: Caller, closed: bool) -> Outcome {
    use Outcome::*;
    let signed_in = caller != Caller::Anonymous;
    let agent = caller.is_agent();
    let allowed_or_closed = |write: bool| if write && closed { Closed } else { Allowed };
    match rule {
        Rule::Public => Allowed,
        _ if !signed_in => SignIn,
        Rule::SignedIn => Allowed,
        Rule::NotTheirs => Hidden,
        Rule::Staff | Rule::StaffWrite if !agent => Forbidden,
        Rule::Staff => Allowed,
        Rule::StaffWrite => allowed_or_closed(true),
        Rule::Admin if caller == Caller::Admin => Allowed,
        Rule::Admin => Forbidden,
        Rule::Citizen if agent => Forbidden,
        Rule::Citizen => Allowed,
        Rule::DraftWrite if caller.on_team() => allowed_or_closed(true),
        Rule::DraftWrite => Hidden,
        Rule::Team | Rule::TeamWrite | Rule::TeamConsent | Rule::HolderWrite if agent => Forbidden,
        Rule::HolderWrite if caller == Caller::Holder => allowed_or_closed(true),
        Rule::HolderWrite if caller == Caller::CoApplicant => Forbidden,
        Rule::Team | Rule::TeamConsent | Rule::TeamOrStaff if caller.on_team() || agent => Allowed,
        Rule::TeamWrite | Rule::TeamOrStaffWrite if caller.on_team() || agent => allowed_or_closed(true),
        Rule::Team | Rule::TeamWrite | Rule::TeamConsent | Rule::HolderWrite | Rule::TeamOrStaff | Rule::TeamOrStaffWrite => Hidden,
        Rule::Seat | Rule::SeatWrite if agent => Forbidden,
        Rule::Seat if caller.seated() => Allowed,
        Rule::SeatWrite if caller.seated() => allowed_or_closed(true),
        Rule::Seat | Rule::SeatWrite => Hidden,
        Rule::Reviewer if caller == Caller::Juror || agent => Allowed,
        Rule::ReviewerWrite if agent => Forbidden,
        Rule::ReviewerWrite if caller == Caller::Juror => allowed_or_closed(true),
        Rule::Reviewer | Rule::ReviewerWrite => Hidden,
        Rule::Deliberation if caller.seated() || agent => Allowed,
        Rule::Deliberation => Hidden,
        Rule::AcceptSeat if agent => Forbidden,
        Rule::AcceptSeat if closed => Closed,
        Rule::AcceptSeat if caller.applies_here() => Conflict,
        Rule::AcceptSeat => Allowed,
    }
}

/// The records of one world: two cohorts in the jury phase, `c` (where the callers apply and
/// judge) and `c2` (the other cohort), and `call`, whose call for candidatures is open.
struct World {
    c: i64,
    c2: i64,
    /// The holder's draft in `call`, with an attachment (team: holder and co-applicant).
    draft: i64,
    /// The holder's submitted candidature (team: holder and co-applicant).
    submitted: i64,
    /// The holder's candidature under review, assigned to the juror.
    reviewed: i64,
    /// The holder's selected project (programme), with a support request and a milestone.
    project: i64,
    review: i64,
    juror_id: i64,
    citizen_id: i64,
    support: i64,
    milestone: i64,
    mail: i64,
    /// An invitation to `c`'s jury, for whoever opens it.
    invitation: String,
    cookies: Vec<Option<String>>,
}

impl World {
    fn cookie(&self, caller: Caller) -> Option<&str> {
        self.cookies[caller.index()].as_deref()
    }
}

async fn person(app: &TestApp, hash: &str, tag: &str, who: &str, role: Role) -> (i64, String, String) {
    let email = format!("{who}-{tag}@exemple.fr");
    let id = db::account::insert_user(&app.db, &email, who, hash, role).await.unwrap();
    let (token, token_hash) = auth::new_session_token();
    let session = db::sessions::NewSession { token_hash: &token_hash, user_id: id, idle_seconds: 3600, user_agent: "" };
    db::account::insert_session(&app.db, &session).await.unwrap();
    (id, email, format!("{}={token}", auth::SESSION_COOKIE))
}

async fn candidature(app: &TestApp, cohort: i64, holder: i64, name: &str, team: &[String], up_to: Status) -> i64 {
    let form = CandidatureForm { project_name: name.into(), pitch: "Un service public plus simple.".into(), ..Default::default() };
    support::programme::taken_to(app, cohort, holder, &form, team, up_to).await
}

async fn seat(app: &TestApp, cohort: i64, user: i64, email: &str, conflicts: &[i64]) {
    let (_, token_hash) = auth::new_session_token();
    db::jury::invite(&app.db, CohortId(cohort), email, &token_hash, UserId(user), None).await.unwrap();
    let inv = db::jury::invitation_by_token(&app.db, &token_hash).await.unwrap().unwrap();
    assert_eq!(db::jury::accept_invitation(&app.db, inv.id, CohortId(cohort), UserId(user), email).await.unwrap(), db::jury::Seating::Seated);
    db::jury::accept_charter(&app.db, CohortId(cohort), UserId(user)).await.unwrap();
    db::jury::declare_conflicts(&app.db, CohortId(cohort), UserId(user), conflicts, "").await.unwrap();
}

async fn world(app: &TestApp, hash: &str, tag: &str, closed: bool) -> World {
    let today = chrono::Utc::now().date_naive();
    let jury_phase = Calendar::suggested(today.checked_sub_days(chrono::Days::new(80)).unwrap());
    let c = db::cohort::insert(&app.db, &format!("Cohorte {tag}"), &jury_phase, 10, 15, 1).await.unwrap();
    let c2 = db::cohort::insert(&app.db, &format!("Autre cohorte {tag}"), &jury_phase, 10, 15, 1).await.unwrap();
    let call_open = Calendar::suggested(today.checked_sub_days(chrono::Days::new(10)).unwrap());
    let call = db::cohort::insert(&app.db, &format!("Appel ouvert {tag}"), &call_open, 10, 15, 1).await.unwrap();
    let mut cookies = vec![None];
    let mut ids = vec![0];
    let mut emails = vec![String::new()];
    for caller in &Caller::ALL[1..] {
        let role = match caller {
            Caller::Staff => Role::Staff,
            Caller::Admin => Role::Admin,
            _ => Role::Citizen,
        };
        let (id, email, cookie) = person(app, hash, tag, &format!("{caller:?}").to_lowercase(), role).await;
        ids.push(id);
        emails.push(email);
        cookies.push(Some(cookie));
    }
    let id = |c: Caller| ids[c.index()];
    let team = vec![emails[Caller::CoApplicant.index()].clone()];
    let submitted = candidature(app, c, id(Caller::Holder), "Projet déposé", &team, Status::Submitted).await;
    let reviewed = candidature(app, c, id(Caller::Holder), "Projet évalué", &team, Status::UnderReview).await;
    let project = candidature(app, c, id(Caller::Holder), "Projet retenu", &team, Status::Selected).await;
    candidature(app, c, id(Caller::OtherApplicant), "Autre projet", &[], Status::Submitted).await;
    candidature(app, c2, id(Caller::ApplicantJuror), "Projet ailleurs", &[], Status::Submitted).await;
    for juror in [Caller::Juror, Caller::ApplicantJuror] {
        seat(app, c, id(juror), &emails[juror.index()], &[]).await;
    }
    let conflicted = Caller::ConflictedJuror;
    seat(app, c, id(conflicted), &emails[conflicted.index()], &[submitted, reviewed, project]).await;
    seat(app, c2, id(Caller::OtherJuror), &emails[Caller::OtherJuror.index()], &[]).await;
    db::jury::replace_assignment(&app.db, c, &[(UserId(id(Caller::Juror)), CandidatureId(reviewed))]).await.unwrap();
    let review = db::jury::reviews_of(&app.db, CohortId(c), UserId(id(Caller::Juror))).await.unwrap()[0].id;
    assert!(db::programme::request_support(&app.db, project, SupportKind::Coaching, "Un plan de déploiement.").await.unwrap());
    let support = db::programme::supports(&app.db, project).await.unwrap()[0].id;
    db::programme::add_milestone(&app.db, project, "Premier pilote", today).await.unwrap();
    let milestone = db::programme::milestones(&app.db, project).await.unwrap()[0].id;
    db::attachment::put(&app.db, CandidatureId(submitted), "dossier.pdf", b"%PDF-1.4\n%%EOF\n", UserId(id(Caller::Holder))).await.unwrap();
    let draft = candidature(app, call, id(Caller::Holder), "Projet en cours", &team, Status::Draft).await;
    db::attachment::put(&app.db, CandidatureId(draft), "dossier.pdf", b"%PDF-1.4\n%%EOF\n", UserId(id(Caller::Holder))).await.unwrap();
    let (invitation, invitation_hash) = auth::new_session_token();
    let notice = accelerateur::domain::mail::Notice::JuryInvitation { cohort: "Cohorte".into(), token: invitation.clone() };
    let mail = notice.compose(&format!("invite-{tag}@exemple.fr"), accelerateur::domain::i18n::Locale::Fr, "http://127.0.0.1:3000");
    db::jury::invite(&app.db, CohortId(c), &format!("invite-{tag}@exemple.fr"), &invitation_hash, UserId(id(Caller::Staff)), Some(&mail)).await.unwrap();
    let mail = db::outbox::list(&app.db, 1).await.unwrap()[0].id;
    if closed {
        for cohort in [c, call] {
            assert!(db::cohort::close(&app.db, CohortId(cohort), UserId(id(Caller::Staff))).await.unwrap());
        }
    }
    World {
        c,
        c2,
        draft,
        submitted,
        reviewed,
        project,
        review,
        juror_id: id(Caller::Juror),
        citizen_id: id(Caller::Citizen),
        support,
        milestone,
        mail,
        invitation,
        cookies,
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Call {
    /// `POST /api/{name}` as the app's own client.
    Fn,
    /// `GET /api/{name}?{args}` (server functions read with GET).
    FnGet,
    /// `GET {name}` (a page, a download).
    Page,
    /// `POST {name}` as a browser form (a route outside the server functions).
    Form,
}

/// One row: what is called, how, with which arguments (from the world), under which rule;
/// `fresh`: a new world for each caller.
struct Row {
    name: String,
    call: Call,
    args: Vec<(&'static str, String)>,
    rule: Rule,
    fresh: bool,
}

fn rows(w: &World) -> Vec<Row> {
    let (c, c2, sub, rev, prj) = (w.c.to_string(), w.c2.to_string(), w.submitted.to_string(), w.reviewed.to_string(), w.project.to_string());
    let (review, juror, support, milestone, mail) = (w.review.to_string(), w.juror_id.to_string(), w.support.to_string(), w.milestone.to_string(), w.mail.to_string());
    let f = |name: &str, args: &[(&'static str, &str)], rule: Rule| Row {
        name: name.to_string(),
        call: Call::Fn,
        args: args.iter().map(|(k, v)| (*k, v.to_string())).collect(),
        rule,
        fresh: false,
    };
    let fresh = |row: Row| Row { fresh: true, ..row };
    let get = |name: &str, args: &[(&'static str, &str)], rule: Rule| Row { call: Call::FnGet, ..f(name, args, rule) };
    let page = |path: String, rule: Rule| Row { call: Call::Page, ..f(&path, &[], rule) };
    let bogus = "0123456789abcdef0123456789abcdef";
    vec![
        // Accounts.
        f("signup", &[("name", "Jeanne"), ("email", "pas-une-adresse"), ("password", "x"), ("password_confirm", "y")], Rule::Public),
        f("login", &[("email", "pas-une-adresse"), ("password", "x")], Rule::Public),
        f("logout", &[], Rule::Public),
        f("current_user", &[], Rule::Public),
        f("change_password", &[("current", "x"), ("password", "y"), ("password_confirm", "z")], Rule::SignedIn),
        f("change_email", &[("email", "pas-une-adresse"), ("current", "x")], Rule::SignedIn),
        f("resend_verification", &[], Rule::SignedIn),
        f("verification_state", &[("token", bogus)], Rule::Public),
        f("confirm_address", &[("token", bogus)], Rule::Public),
        f("request_password_reset", &[("email", "personne@exemple.fr")], Rule::Public),
        f("reset_state", &[("token", bogus)], Rule::Public),
        f("reset_password", &[("token", bogus), ("password", "x"), ("password_confirm", "y")], Rule::Public),
        f("list_users", &[], Rule::Admin),
        f("set_role", &[("user_id", &w.citizen_id.to_string()), ("role", "applicant")], Rule::Admin),
        // State sign-in (no provider is configured here: each says so).
        get("sign_in_methods", &[], Rule::Public),
        f("pending_link", &[], Rule::Public),
        f("link_account", &[("password", "x")], Rule::Public),
        f("my_identities", &[], Rule::SignedIn),
        // Sessions (« Mon compte »): one's own only (tests/api/sessions.rs closes another
        // account's real session).
        f("my_sessions", &[], Rule::SignedIn),
        f("close_session", &[("id", "0123456789abcdef")], Rule::NotTheirs),
        f("close_other_sessions", &[], Rule::SignedIn),
        // Deleting one's account (the confirmations missing: refused as a form, nothing
        // deleted; tests/api/account_deletion.rs deletes for real).
        get("deletion_preview", &[], Rule::SignedIn),
        f("delete_account", &[("address", "pas-la-bonne@exemple.fr")], Rule::SignedIn),
        f("outbox_list", &[], Rule::Staff),
        f("outbox_retry", &[("id", &mail)], Rule::Staff),
        // Cohorts.
        f("featured_cohort", &[], Rule::Public),
        f("list_cohorts", &[], Rule::Staff),
        f("cohort_suggestion", &[], Rule::Staff),
        f("cohort_open", &[("name", "")], Rule::Staff),
        fresh(f("cohort_close", &[("cohort_id", &c)], Rule::StaffWrite)),
        // Candidatures.
        f("candidature_start", &[], Rule::Citizen),
        f("candidature_mine", &[], Rule::Citizen),
        f("candidature_get", &[("id", &sub)], Rule::Team),
        f("candidature_save", &[("id", &sub), ("version", "0"), ("step", "1")], Rule::TeamWrite),
        f("candidature_submit", &[("id", &sub), ("version", "0")], Rule::HolderWrite),
        fresh(f("candidature_withdraw", &[("id", &sub)], Rule::HolderWrite)),
        // Messages.
        f("thread_get", &[("candidature_id", &sub)], Rule::TeamOrStaff),
        f("message_post", &[("candidature_id", &sub), ("body", "Bonjour")], Rule::TeamOrStaffWrite),
        f("cohort_message", &[("cohort_id", &c), ("body", "Bonjour à tous")], Rule::StaffWrite),
        // Screening.
        f("screening_list", &[("cohort_id", &c)], Rule::Staff),
        f("screening_get", &[("id", &sub)], Rule::Staff),
        f("screening_decide", &[("id", &sub), ("version", "0"), ("decision", "")], Rule::StaffWrite),
        // Jury: composition.
        f("jury_overview", &[("cohort_id", &c)], Rule::Staff),
        f("jury_invite", &[("cohort_id", &c), ("emails", "nouveau@exemple.fr")], Rule::StaffWrite),
        f("jury_settings", &[("cohort_id", &c), ("reviews_per_candidature", "1")], Rule::StaffWrite),
        f("jury_assign", &[("cohort_id", &c)], Rule::StaffWrite),
        f("jury_shortlist", &[("candidature_id", &rev), ("keep", "1")], Rule::StaffWrite),
        f("jury_move", &[("review_id", &review), ("to", &juror)], Rule::StaffWrite),
        f("jury_add_conflict", &[("cohort_id", &c), ("juror", &juror), ("candidature", &rev)], Rule::StaffWrite),
        f("jury_invitation", &[("token", &w.invitation)], Rule::Public),
        fresh(f("jury_accept", &[("token", &w.invitation)], Rule::AcceptSeat)),
        // Jury: a juror's seat and reviews.
        f("jury_seats", &[], Rule::Citizen),
        f("jury_conflict_choices", &[("cohort_id", &c)], Rule::Seat),
        f("jury_charter", &[("cohort_id", &c)], Rule::SeatWrite),
        f("jury_declare", &[("cohort_id", &c)], Rule::SeatWrite),
        f("review_get", &[("id", &review)], Rule::Reviewer),
        f("review_save", &[("id", &review), ("version", "0")], Rule::ReviewerWrite),
        f("review_staff_start", &[("candidature_id", &rev)], Rule::StaffWrite),
        f("review_reopen", &[("id", &review)], Rule::StaffWrite),
        // Jury: deliberation.
        f("jury_ranking", &[("cohort_id", &c)], Rule::Deliberation),
        f("jury_decide", &[("candidature_id", &rev), ("outcome", "")], Rule::StaffWrite),
        // Programme.
        f("programme_get", &[("candidature_id", &prj)], Rule::TeamOrStaff),
        f("programme_sign", &[("candidature_id", &prj)], Rule::HolderWrite),
        f("support_request", &[("candidature_id", &prj), ("kind", "funding"), ("need", "")], Rule::TeamWrite),
        f("support_update", &[("id", &support), ("from", "requested"), ("state", "")], Rule::StaffWrite),
        f("evidence_save", &[("candidature_id", &prj)], Rule::TeamWrite),
        f("checkin_post", &[("candidature_id", &prj)], Rule::TeamWrite),
        f("milestone_add", &[("candidature_id", &prj)], Rule::TeamWrite),
        f("milestone_done", &[("id", &milestone), ("done", "1")], Rule::TeamWrite),
        f("programme_launch", &[("candidature_id", &prj)], Rule::StaffWrite),
        f("programme_dashboard", &[("cohort_id", &c)], Rule::Staff),
        // Retention: staff set a cohort's durations, closed cohort included.
        get("cohort_retention", &[("cohort_id", &c)], Rule::Staff),
        f("set_cohort_retention", &[("cohort_id", &c), ("keep_drafts_months", "3"), ("keep_not_selected_months", "24")], Rule::Staff),
        f("programme_comparison", &[], Rule::Staff),
        // Publication.
        f("publication_set", &[("candidature_id", &prj), ("fields[]", "pitch")], Rule::TeamWrite),
        f("publication_set", &[("candidature_id", &prj)], Rule::TeamConsent),
        get("initiatives", &[], Rule::Public),
        get("initiative_get", &[("id", &prj)], Rule::Public),
        get("transparency", &[], Rule::Public),
        get("legal_facts", &[], Rule::Public),
        get("my_data", &[], Rule::SignedIn),
        // Pages and downloads.
        page("/".into(), Rule::Public),
        page("/initiatives".into(), Rule::Public),
        page(format!("/initiatives/{prj}"), Rule::Public),
        page("/donnees".into(), Rule::Public),
        page("/transparence".into(), Rule::Public),
        page("/mentions-legales".into(), Rule::Public),
        page("/accessibilite".into(), Rule::Public),
        page("/plan-du-site".into(), Rule::Public),
        page("/decisions/regles".into(), Rule::Public),
        page("/donnees-personnelles".into(), Rule::Public),
        page("/connexion".into(), Rule::Public),
        page("/connexion/lier-compte".into(), Rule::Public),
        page("/connexion/franceconnect".into(), Rule::Public),
        page("/connexion/franceconnect/retour?code=x&state=y".into(), Rule::Public),
        page("/connexion/proconnect".into(), Rule::Public),
        page("/connexion/proconnect/retour?code=x&state=y".into(), Rule::Public),
        page("/deconnexion/retour".into(), Rule::Public),
        page("/inscription".into(), Rule::Public),
        page("/mot-de-passe-oublie".into(), Rule::Public),
        page(format!("/mot-de-passe/nouveau/{bogus}"), Rule::Public),
        page(format!("/compte/verification/{bogus}"), Rule::Public),
        page(format!("/jury/invitation/{}", w.invitation), Rule::Public),
        page("/compte".into(), Rule::SignedIn),
        page("/compte/mes-donnees".into(), Rule::SignedIn),
        page("/compte/mes-donnees.json".into(), Rule::SignedIn),
        page("/candidatures".into(), Rule::Citizen),
        page(format!("/candidatures/{sub}/etape/1"), Rule::Team),
        page(format!("/candidatures/{sub}/recepisse"), Rule::Team),
        // One thread page for both sides (each side's links): staff open the team's address.
        page(format!("/candidatures/{sub}/messages"), Rule::TeamOrStaff),
        page(format!("/projets/{prj}"), Rule::TeamOrStaff),
        page("/jury".into(), Rule::Citizen),
        page(format!("/jury/cohortes/{c}/engagements"), Rule::Seat),
        page(format!("/evaluations/{review}"), Rule::Reviewer),
        page(format!("/cohortes/{c}/deliberation"), Rule::Deliberation),
        page("/agent/cohortes".into(), Rule::Staff),
        page("/agent/cohortes/nouvelle".into(), Rule::Staff),
        page("/agent/programme".into(), Rule::Staff),
        page("/agent/courriels".into(), Rule::Staff),
        page(format!("/agent/cohortes/{c}/candidatures"), Rule::Staff),
        page(format!("/agent/cohortes/{c}/message"), Rule::Staff),
        page(format!("/agent/cohortes/{c}/jury"), Rule::Staff),
        page(format!("/agent/cohortes/{c}/programme"), Rule::Staff),
        page(format!("/agent/candidatures/{sub}"), Rule::Staff),
        page(format!("/agent/candidatures/{sub}/messages"), Rule::TeamOrStaff),
        page("/admin/utilisateurs".into(), Rule::Admin),
        page(format!("/agent/cohortes/{c}/candidatures.csv"), Rule::Staff),
        page(format!("/agent/cohortes/{c}/programme.csv"), Rule::Staff),
        page(format!("/agent/cohortes/{c}/archive.json"), Rule::Staff),
        page("/compte/supprimer".into(), Rule::SignedIn),
        page(format!("/candidatures/{sub}/piece-jointe"), Rule::TeamOrStaff),
        Row { call: Call::Form, ..f(&format!("/candidatures/{}/piece-jointe/supprimer", w.draft), &[], Rule::DraftWrite) },
        page("/donnees/initiatives.csv".into(), Rule::Public),
        page("/donnees/initiatives.json".into(), Rule::Public),
        page("/donnees/transparence.csv".into(), Rule::Public),
        page("/donnees/transparence.json".into(), Rule::Public),
        page("/api/v1/initiatives".into(), Rule::Public),
        page(format!("/api/v1/initiatives/{prj}"), Rule::Public),
        page("/api/v1/cohortes".into(), Rule::Public),
        page("/api/v1/transparence".into(), Rule::Public),
        page("/api/v1/openapi.json".into(), Rule::Public),
        page(format!("/agent/cohortes/{c2}/jury"), Rule::Staff),
    ]
}

async fn send(app: &TestApp, row: &Row, cookie: Option<&str>) -> TestResponse {
    let fields: Vec<(&str, &str)> = row.args.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let request = |method: &str, path: String| {
        let mut req = Request::builder()
            .method(method)
            .uri(path)
            .header(header::HOST, "127.0.0.1:3000")
            .header(header::ORIGIN, "http://127.0.0.1:3000")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        if let Some(c) = cookie {
            req = req.header(header::COOKIE, c);
        }
        req
    };
    match row.call {
        Call::Fn => app.call(&row.name, &fields, cookie).await,
        Call::FnGet => {
            let req = request("GET", format!("/api/{}?{}", row.name, support::form(&fields))).header(header::ACCEPT, "application/json");
            app.send(req.body(Body::empty()).unwrap()).await
        }
        Call::Page => app.get(&row.name, cookie).await,
        Call::Form => {
            let req = request("POST", row.name.clone()).header(header::ACCEPT, "text/html");
            app.send(req.body(Body::from(support::form(&fields))).unwrap()).await
        }
    }
}

/// The authority's answer in a response (see the module's comment); a 500 is a failure.
fn outcome(res: &TestResponse) -> Result<Outcome, String> {
    let error = serde_json::from_str::<AppError>(&res.body).ok();
    // The browser routes (attachment) answer with a redirect: to the login page, or back to
    // the summary saying the candidature is closed.
    let location = res.location().unwrap_or_default();
    // A State sign-in that cannot go on (not configured here, no sign-in under way) says
    // why on the login page: an answer, not a refusal of authority.
    if location.starts_with("/connexion") && !location.contains("echec=") {
        return Ok(Outcome::SignIn);
    }
    if location.contains(&format!("piece={}", AttachmentProblem::Closed.code())) {
        return Ok(Outcome::Closed);
    }
    Ok(match (res.status.as_u16(), error) {
        // A login's answer to a wrong password is not a refusal of authority.
        (_, Some(AppError::BadCredentials)) => Outcome::Allowed,
        (_, Some(AppError::CohortClosed)) => Outcome::Closed,
        (_, Some(AppError::ConflictOfInterest)) => Outcome::Conflict,
        (401, _) => Outcome::SignIn,
        (403, _) => Outcome::Forbidden,
        (404, _) => Outcome::Hidden,
        (s, _) if s >= 500 => return Err(format!("{s}: {}", res.body.chars().take(300).collect::<String>())),
        _ => Outcome::Allowed,
    })
}

async fn every_server_fn_and_route_for_every_caller_on_open_and_closed_cohorts(app: TestApp) {
    let hash = auth::hash_password(support::PASSWORD.to_string()).await.unwrap();
    let mut n = 0;
    let mut next_tag = || {
        n += 1;
        format!("w{n}")
    };
    let mut failures = String::new();
    let mut cells = 0;
    let started = std::time::Instant::now();
    for closed in [false, true] {
        let template = world(&app, &hash, &next_tag(), closed).await;
        let fresh: Vec<bool> = rows(&template).iter().map(|r| r.fresh).collect();
        for (index, fresh) in fresh.into_iter().enumerate() {
            let mut shared: Option<World> = None;
            for caller in Caller::ALL {
                let own;
                let w: &World = if fresh {
                    own = world(&app, &hash, &next_tag(), closed).await;
                    &own
                } else {
                    if shared.is_none() {
                        shared = Some(world(&app, &hash, &next_tag(), closed).await);
                    }
                    shared.as_ref().unwrap()
                };
                let row = rows(w).remove(index);
                let want = expected(row.rule, caller, closed);
                let res = send(&app, &row, w.cookie(caller)).await;
                cells += 1;
                let cohort = if closed { "closed" } else { "open" };
                match outcome(&res) {
                    Ok(got) if got == want => {}
                    Ok(got) => {
                        let _ = writeln!(failures, "{} as {caller:?} ({cohort}): {got:?}, expected {want:?} ({:?}) — {} {}", row.name, row.rule, res.status, res.body.chars().take(160).collect::<String>());
                    }
                    Err(e) => {
                        let _ = writeln!(failures, "{} as {caller:?} ({cohort}): {e}", row.name);
                    }
                }
            }
        }
    }
    eprintln!("authorization matrix: {cells} cells in {:.1} s", started.elapsed().as_secs_f64());
    assert!(failures.is_empty(), "{} of {cells} cells differ from the table:\n{failures}", failures.lines().count());
}

#[test]
fn the_rules_refuse_anonymous_callers_everywhere_but_public_rows() {
    for rule in [Rule::SignedIn, Rule::Staff, Rule::Team, Rule::Seat, Rule::Reviewer, Rule::Deliberation, Rule::AcceptSeat, Rule::Admin] {
        assert_eq!(expected(rule, Caller::Anonymous, false), Outcome::SignIn, "{rule:?}");
    }
    assert_eq!(expected(Rule::TeamConsent, Caller::Holder, true), Outcome::Allowed, "withdrawing a consent is a right");
    assert_eq!(expected(Rule::AcceptSeat, Caller::CoApplicant, false), Outcome::Conflict);
}
