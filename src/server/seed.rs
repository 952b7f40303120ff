//! Demo data (APP_DEMO=1) and the first admin (BOOTSTRAP_ADMIN_*). Both are idempotent.
//!
//! `APP_DEMO=hostile` seeds the same demo, but every free text a person could have typed
//! (names, project texts, messages, comments, reasons, notes, web addresses...) carries a
//! payload that would create elements or run script if any page wrote it as markup; the
//! end-to-end suite `end2end/tests/hostile.spec.ts` crawls every page against it. The only
//! difference in records: a co-applicant account, a cohort message, a reply from the demo
//! applicant, a declined support and every public field published, so that each kind of
//! free text exists at least once.

use crate::domain::ids::{CandidatureId, CohortId, UserId};
use super::auth::hash_password;
use super::config::Config;
use super::db::{self, Db};
use crate::domain::account::{DisplayName, Email, NewPassword, Role, NAME_MAX};
use crate::domain::cohort::{Calendar, DEFAULT_CAPACITY, DEFAULT_JURY_SIZE, DEFAULT_REVIEWS_PER_CANDIDATURE};
use crate::domain::i18n::Locale;
use crate::domain::mail::Notice;
use chrono::{Days, NaiveDate, Utc};

/// The password of every demo account (printed in the README; demo mode only).
pub const DEMO_PASSWORD: &str = "Demo-accelerateur-2026";

pub const DEMO_ACCOUNTS: [(&str, &str, Role); 4] = [
    ("admin@demo.accelerateur.fr", "Alice Admin", Role::Admin),
    ("agent@demo.accelerateur.fr", "Antoine Agent", Role::Staff),
    ("jure@demo.accelerateur.fr", "Julie Jurée", Role::Citizen),
    ("candidat@demo.accelerateur.fr", "Camille Candidate", Role::Citizen),
];

/// How the demo's free texts are written: as they are (`APP_DEMO=1`), or each followed by a
/// payload (`APP_DEMO=hostile`). Every free text of the seed goes through [`Texts::text`] or
/// [`Texts::url`], so both modes build the same records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Texts {
    hostile: bool,
}

/// The payloads of the hostile demo. Each closes the raw-text elements a text could land in
/// (`<textarea>`, `<title>`, `<style>`, `<script>`), then both quote kinds and the tag of an
/// attribute, then creates elements whose ids the end-to-end suite looks for (`xss-img`,
/// `xss-script`, `xss-svg`) and whose handlers would open a dialog.
pub mod payload {
    /// For texts with room (descriptions, messages, comments, reasons, notes).
    pub const FULL: &str = "</textarea></title></style></script>\"'><img src=x id=xss-img onerror=alert(1)><script id=xss-script>alert(2)</script><svg id=xss-svg onload=alert(3)>";
    /// For lines of 100 characters or so (display names, project names, one-sentence pitches).
    pub const MEDIUM: &str = "</script></style></title></textarea>\"'><img src=x id=xss-img onerror=alert(1)>";
    /// For the shortest lines (cohort names: 80 characters).
    pub const SHORT: &str = "</title></textarea>\"'><img src=x id=xss-img onerror=alert(1)>";
    /// A web address that passes the form's check (http(s), a host, no space) and breaks out
    /// of an attribute or a text.
    pub const MARKUP_URL: &str = "https://exemple.invalid/</script></title></textarea>\"'><img/src=\"x\"/id=\"xss-img\"/onerror=\"alert(1)\">";
    /// A web address that runs script if a page makes a link of it.
    pub const SCRIPT_URL: &str = "javascript:alert(4)";
}

/// Which hostile value a web address takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Link {
    /// `javascript:` (must never become a link).
    Script,
    /// `https://...` with markup in its path (must stay an inert address).
    Markup,
}

impl Texts {
    pub const PLAIN: Texts = Texts { hostile: false };
    pub const HOSTILE: Texts = Texts { hostile: true };

    pub fn is_hostile(self) -> bool {
        self.hostile
    }

    /// A free text of at most `max` characters: `s` itself, or in hostile mode `s` followed by
    /// the longest payload that fits (`s` is shortened when even the shortest does not fit
    /// after it). An empty `s` stays empty in plain mode and is the payload alone otherwise.
    pub fn text(self, s: &str, max: u32) -> String {
        if !self.hostile {
            return s.to_string();
        }
        let max = max as usize;
        let len = |x: &str| x.chars().count();
        let base = s.trim();
        let payloads = [payload::FULL, payload::MEDIUM, payload::SHORT];
        let fits_after = payloads.into_iter().find(|p| len(base) + 1 + len(p) <= max);
        let Some(p) = fits_after.or_else(|| payloads.into_iter().rev().find(|p| len(p) <= max)) else {
            return base.chars().take(max).collect();
        };
        let room = (max - len(p)).saturating_sub(1);
        let kept: String = base.chars().take(room).collect();
        let kept = kept.trim_end();
        if kept.is_empty() { p.to_string() } else { format!("{kept} {p}") }
    }

    /// A web address: `plain` itself, or in hostile mode the payload address of that kind.
    pub fn url(self, plain: &str, link: Link) -> String {
        match (self.hostile, link) {
            (false, _) => plain.to_string(),
            (true, Link::Script) => payload::SCRIPT_URL.to_string(),
            (true, Link::Markup) => payload::MARKUP_URL.to_string(),
        }
    }
}

/// A co-applicant of « Mon suivi justice » in the cohort whose jury is scoring, invited to that
/// very jury (the invitation mail is in the mail folder): accepting it is refused, a conflict
/// of interest.
pub const JURY_CO_APPLICANT: (&str, &str) = ("coporteur.justice@demo.accelerateur.fr", "Théo Co-porteur");
const JURY_CO_APPLICANT_OF: &str = "porteuse.justice@demo.accelerateur.fr";

/// The co-applicant of the hostile demo (no such account in the plain demo): named on the
/// demo applicant's candidature and on « Dossier facile » (in its programme).
pub const HOSTILE_CO_APPLICANT: (&str, &str) = ("coporteuse@demo.accelerateur.fr", "Dominique Co-porteuse");
const HOSTILE_CO_APPLICANT_OF: [&str; 2] = ["candidat@demo.accelerateur.fr", "porteuse.dossier@demo.accelerateur.fr"];

pub async fn run(db: &Db, config: &Config) -> Result<(), String> {
    if let Some((email, password)) = &config.bootstrap_admin {
        bootstrap_admin(db, email, password).await?;
    }
    if config.demo {
        let texts = if config.demo_hostile { Texts::HOSTILE } else { Texts::PLAIN };
        seed_demo_with(db, Utc::now().date_naive(), &config.mail.base_url, texts).await?;
    }
    Ok(())
}

/// Creates the first admin when there is none. The password must follow the usual rules.
pub async fn bootstrap_admin(db: &Db, email: &str, password: &str) -> Result<(), String> {
    if db::account::count_admins(db).await.map_err(|e| e.to_string())? > 0 {
        return Ok(());
    }
    let email = Email::parse(email).map_err(|_| "BOOTSTRAP_ADMIN_EMAIL is not a valid address".to_string())?;
    let password = NewPassword::parse(password, password)
        .map_err(|_| "BOOTSTRAP_ADMIN_PASSWORD must have 12 to 128 characters".to_string())?;
    if let Some(existing) = db::account::find_by_email(db, email.as_str()).await.map_err(|e| e.to_string())? {
        db::account::set_role_keeping_an_admin(db, existing.id, Role::Admin).await.map_err(|e| e.to_string())?;
    } else {
        let hash = hash_password(password.expose().to_string()).await.map_err(|e| format!("{e:?}"))?;
        db::account::insert_user(db, email.as_str(), "Administrateur", &hash, Role::Admin)
            .await
            .map_err(|e| e.to_string())?;
    }
    tracing::info!(email = email.as_str(), "first admin account created");
    Ok(())
}

/// One account per role and cohorts in several phases around `today`. Mails the demo writes
/// (the pending jury invitations) link to `base_url`.
pub async fn seed_demo(db: &Db, today: NaiveDate, base_url: &str) -> Result<(), String> {
    seed_demo_with(db, today, base_url, Texts::PLAIN).await
}

/// `seed_demo` with its free texts written by `t` (see [`Texts`]).
pub async fn seed_demo_with(db: &Db, today: NaiveDate, base_url: &str, t: Texts) -> Result<(), String> {
    use crate::domain::cohort::NAME_MAX as COHORT_NAME_MAX;
    let hash = hash_password(DEMO_PASSWORD.to_string()).await.map_err(|e| format!("{e:?}"))?;
    let co_applicant = t.is_hostile().then_some((HOSTILE_CO_APPLICANT.0, HOSTILE_CO_APPLICANT.1, Role::Citizen));
    let jury_co_applicant = (JURY_CO_APPLICANT.0, JURY_CO_APPLICANT.1, Role::Citizen);
    for (email, name, role) in DEMO_ACCOUNTS.into_iter().chain(co_applicant).chain([jury_co_applicant]) {
        let name = DisplayName::parse(&t.text(name, NAME_MAX)).map_err(|e| format!("{e:?}"))?;
        if db::account::find_by_email(db, email).await.map_err(|e| e.to_string())?.is_none() {
            db::account::insert_user(db, email, name.as_str(), &hash, role).await.map_err(|e| e.to_string())?;
        }
    }
    let cohorts_exist = !db::cohort::list(db).await.map_err(|e| e.to_string())?.is_empty();
    if !cohorts_exist {
        let back = |days: u64| today.checked_sub_days(Days::new(days)).unwrap_or(today);
        // One cohort every 75 days or so, each in a different phase today.
        let cohorts = [
            // launched: call opened about 7 months ago
            ("Cohorte 1", Calendar::suggested(back(230))),
            // in its 3-month programme
            ("Cohorte 2", Calendar::suggested(back(155))),
            // its jury is scoring
            ("Cohorte 3", Calendar::suggested(back(80))),
            // call open now
            ("Cohorte 4", Calendar::suggested(back(5))),
        ];
        for (name, cal) in cohorts {
            db::cohort::insert(db, &t.text(name, COHORT_NAME_MAX), &cal, DEFAULT_CAPACITY, DEFAULT_JURY_SIZE, DEFAULT_REVIEWS_PER_CANDIDATURE)
                .await
                .map_err(|e| e.to_string())?;
        }
    }
    seed_demo_candidatures(db, today, base_url, t).await?;
    seed_demo_jury(db, today, base_url, t).await?;
    seed_demo_programme(db, today, t).await?;
    seed_demo_applicant_jurors(db, today, t).await?;
    seed_demo_retention(db, t).await?;
    if t.is_hostile() {
        tracing::warn!("hostile demo: every free text carries an HTML/script payload (security tests only)");
    }
    tracing::info!("demo data ready (accounts: *@demo.accelerateur.fr, password {DEMO_PASSWORD})");
    Ok(())
}

/// Demo candidatures in the cohort whose call is open: the demo applicant's submitted one,
/// and other citizens' in every screening state (one waiting, one sent back for correction,
/// one eligible, one ineligible, one draft that staff cannot see), with realistic times.
async fn seed_demo_candidatures(db: &Db, today: NaiveDate, base_url: &str, t: Texts) -> Result<(), String> {
    use crate::domain::mail::MESSAGE_MAX;
    let err = |e: sqlx::Error| e.to_string();
    let Some(cohort) = db::cohort::open_call(db, today).await.map_err(err)? else { return Ok(()) };
    if !db::candidature::count_by_status(db, cohort.id).await.map_err(err)?.is_empty() {
        return Ok(());
    }
    let staff = db::account::find_by_email(db, DEMO_ACCOUNTS[1].0).await.map_err(err)?.map(|u| u.id);
    let hash = hash_password(DEMO_PASSWORD.to_string()).await.map_err(|e| format!("{e:?}"))?;
    let mut ids = Vec::new();
    for demo in &DEMO_CANDIDATURES {
        let started = Utc::now().timestamp() - demo.started_hours_ago * 3600;
        let id = seed_candidature(db, cohort.id, demo, &hash, staff, started, t).await?;
        ids.push((id, demo.email));
        // The demo applicant has a question from staff waiting in the thread of their candidature.
        if let (Some(staff), true) = (staff, demo.email == DEMO_ACCOUNTS[3].0) {
            let body = "Bonjour Camille,\nMerci pour votre candidature. Pouvez-vous préciser quelles administrations utilisent déjà votre outil ?\nAntoine, pour l'équipe de l'accélérateur";
            if t.is_hostile() {
                // An earlier message of the applicant, so that the thread holds both sides' texts.
                let holder = db::account::find_by_email(db, demo.email).await.map_err(err)?.ok_or("demo applicant")?;
                let reply = t.text("Bonjour,\nNotre outil est prêt ; dites-nous s'il manque une pièce.\nCamille", MESSAGE_MAX);
                db::messages::post(db, CandidatureId(id), UserId(holder.id), false, &reply, &[]).await.map_err(err)?;
            }
            db::messages::post(db, CandidatureId(id), UserId(staff), true, &t.text(body, MESSAGE_MAX), &[]).await.map_err(err)?;
        }
    }
    // Hostile demo: a message to every applicant of the cohort, with its mails.
    if let (Some(staff), true) = (staff, t.is_hostile()) {
        use crate::domain::mail::Notice;
        let body = t.text("Bonjour,\nL'appel à candidatures ferme bientôt : pensez à déposer votre dossier.", MESSAGE_MAX);
        let mails: Vec<_> = ids
            .iter()
            .map(|(id, email)| Notice::CohortMessage { cohort: cohort.name.clone(), body: body.clone(), candidature_id: *id }.compose(email, Locale::Fr, base_url))
            .collect();
        let ids: Vec<CandidatureId> = ids.iter().map(|(id, _)| CandidatureId(*id)).collect();
        db::messages::broadcast(db, &ids, UserId(staff), &body, &mails).await.map_err(err)?;
    }
    Ok(())
}

/// One demo candidature: its holder's account (created if needed), the content, realistic
/// times, and, unless it stays a draft, the commitments, the submission and staff's decision.
#[allow(clippy::too_many_arguments)]
async fn seed_candidature(
    db: &Db,
    cohort_id: i64,
    demo: &DemoCandidature,
    hash: &str,
    staff: Option<i64>,
    started: i64,
    t: Texts,
) -> Result<i64, String> {
    use crate::domain::candidature::Status;
    use crate::domain::screening::MESSAGE_MAX;
    let err = |e: sqlx::Error| e.to_string();
    let holder = match db::account::find_by_email(db, demo.email).await.map_err(err)? {
        Some(u) => u.id,
        None => db::account::insert_user(db, demo.email, &t.text(demo.holder, NAME_MAX), hash, Role::Citizen).await.map_err(err)?,
    };
    let form = demo.form(t);
    let content = serde_json::to_string(&form).map_err(|e| e.to_string())?;
    let id = db::candidature::create_draft(db, CohortId(cohort_id), UserId(holder)).await.map_err(err)?;
    let step = if demo.status == Status::Draft { 3 } else { 6 };
    let members: Vec<String> = form.co_applicants.iter().map(|c| c.email.to_lowercase()).collect();
    let saved = db::candidature::Content {
        json: &content,
        project_name: &form.project_name,
        carrier_kind: &form.carrier_kind,
        current_step: step,
        co_applicants: (!members.is_empty()).then_some(members.as_slice()),
    };
    db::candidature::save_content(db, id, 1, &saved).await.map_err(err)?;
    db::candidature::set_demo_times(db, id, started, demo.active_minutes * 60).await.map_err(err)?;
    if demo.status == Status::Draft {
        return Ok(id);
    }
    db::candidature::accept_commitments(db, id, &crate::domain::charter::Commitment::ALL).await.map_err(err)?;
    db::candidature::transition(db, CandidatureId(id), Status::Draft, Status::Submitted, Some(UserId(holder)), "").await.map_err(err)?;
    if demo.status != Status::Submitted {
        db::candidature::transition(db, CandidatureId(id), Status::Submitted, demo.status, staff.map(UserId), &t.text(demo.message, MESSAGE_MAX)).await.map_err(err)?;
    }
    Ok(id)
}

/// A draft forgotten in the cohort now in its programme: its call closed more than 3 months
/// ago, so the retention task (at start-up) tells its holder it will be deleted in 2 weeks,
/// and staff see it in « Suppressions à venir » with « Oui ».
async fn seed_demo_retention(db: &Db, t: Texts) -> Result<(), String> {
    let err = |e: sqlx::Error| e.to_string();
    if db::account::find_by_email(db, FORGOTTEN_DRAFT.email).await.map_err(err)?.is_some() {
        return Ok(());
    }
    // Cohorts by call opening, latest first: the third is the one in its programme.
    let Some(cohort) = db::cohort::list(db).await.map_err(err)?.into_iter().nth(2) else { return Ok(()) };
    let hash = hash_password(DEMO_PASSWORD.to_string()).await.map_err(|e| format!("{e:?}"))?;
    let started = cohort.call_opens.and_hms_opt(10, 0, 0).map(|d| d.and_utc().timestamp()).unwrap_or_else(|| Utc::now().timestamp());
    seed_candidature(db, cohort.id, &FORGOTTEN_DRAFT, &hash, None, started, t).await?;
    Ok(())
}

const FORGOTTEN_DRAFT: DemoCandidature = DemoCandidature {
    email: "porteur.oublieux@demo.accelerateur.fr",
    holder: "Hugo Oublieux",
    name: "Atlas des fontaines",
    pitch: "Recenser les fontaines d'eau potable ouvertes au public.",
    carrier: "informal_collective",
    theme: "environment",
    support: "data_and_tools",
    status: crate::domain::candidature::Status::Draft,
    message: "",
    started_hours_ago: 0,
    active_minutes: 12,
};

/// The jury of the cohort in its jury phase: six eligible candidatures, six jurors who signed
/// the charter (among them the demo juror) and two invitations not yet accepted, the
/// automatic assignment (3 reviews each), and reviews in every state: the demo juror has one
/// submitted, one draft and one to do; jure5 and jure6 have all theirs to do; the others have
/// submitted most of theirs.
async fn seed_demo_jury(db: &Db, today: NaiveDate, base_url: &str, t: Texts) -> Result<(), String> {
    use crate::domain::candidature::Status;
    use crate::domain::cohort::Phase;
    use crate::domain::criteria::Criterion;
    use crate::domain::jury::assignment::{assign, AssignmentInput};
    use crate::domain::jury::{CriterionScore, Opinion, ReviewForm, ReviewState, TrackSplit, COMMENT_MAX};
    let err = |e: sqlx::Error| e.to_string();
    let cohorts = db::cohort::list(db).await.map_err(err)?;
    let Some(cohort) = cohorts.iter().find(|c| c.calendar().phase_on(today) == Phase::JuryReview) else { return Ok(()) };
    if !db::candidature::count_by_status(db, cohort.id).await.map_err(err)?.is_empty() {
        return Ok(());
    }
    let staff = db::account::find_by_email(db, DEMO_ACCOUNTS[1].0).await.map_err(err)?.map(|u| u.id);
    let hash = hash_password(DEMO_PASSWORD.to_string()).await.map_err(|e| format!("{e:?}"))?;
    let mut candidatures = Vec::new();
    for demo in &JURY_CANDIDATURES {
        // Started during the call, 80 days ago.
        let started = Utc::now().timestamp() - (80 * 24 - demo.started_hours_ago) * 3600;
        let id = seed_candidature(db, cohort.id, demo, &hash, staff, started, t).await?;
        candidatures.push(id);
    }
    let mut jurors = Vec::new();
    for (email, name) in DEMO_JURORS {
        let user = match db::account::find_by_email(db, email).await.map_err(err)? {
            Some(u) => u.id,
            None => db::account::insert_user(db, email, &t.text(name, NAME_MAX), &hash, Role::Citizen).await.map_err(err)?,
        };
        // Accepted at once: no mail.
        let (_, token_hash) = super::auth::new_session_token();
        db::jury::invite(db, CohortId(cohort.id), email, &token_hash, UserId(staff.unwrap_or(user)), None).await.map_err(err)?;
        let invitation = db::jury::invitations(db, cohort.id).await.map_err(err)?.into_iter().find(|i| i.email == email);
        if let Some(i) = invitation {
            db::jury::accept_invitation(db, i.id, CohortId(cohort.id), UserId(user), email).await.map_err(err)?;
        }
        db::jury::accept_charter(db, CohortId(cohort.id), UserId(user)).await.map_err(err)?;
        jurors.push(user);
    }
    // The demo juror knows the holder of the first project: a declared conflict.
    let conflicts = vec![(jurors[0], candidatures[0])];
    for (juror, candidature) in &conflicts {
        let note = t.text("J'ai travaillé avec la porteuse de Mon suivi justice en 2024.", COMMENT_MAX);
        db::jury::declare_conflicts(db, CohortId(cohort.id), UserId(*juror), &[*candidature], &note)
            .await
            .map_err(err)?;
    }
    for juror in &jurors[1..] {
        db::jury::declare_conflicts(db, CohortId(cohort.id), UserId(*juror), &[], &t.text("", COMMENT_MAX)).await.map_err(err)?;
    }
    for email in ["invite.jure7@demo.accelerateur.fr", "invite.jure8@demo.accelerateur.fr", JURY_CO_APPLICANT.0] {
        // Their invitation mails are in the mail folder: a newcomer can follow the link.
        let (token, token_hash) = super::auth::new_session_token();
        let mail = Notice::JuryInvitation { cohort: cohort.name.clone(), token }.compose(email, Locale::Fr, base_url);
        db::jury::invite(db, CohortId(cohort.id), email, &token_hash, UserId(staff.unwrap_or(jurors[0])), Some(&mail)).await.map_err(err)?;
    }
    let k = usize::try_from(cohort.reviews_per_candidature).unwrap_or(3);
    let input = AssignmentInput { jurors: &jurors, candidatures: &candidatures, reviews_per_candidature: k, conflicts: &conflicts, fixed: &[] };
    let assignment = assign(&input).map_err(|p| format!("demo assignment: {p:?}"))?;
    db::jury::replace_assignment(db, cohort.id, &assignment.pairs.iter().map(|(j, c)| (UserId(*j), CandidatureId(*c))).collect::<Vec<_>>()).await.map_err(err)?;
    for id in &candidatures {
        db::candidature::transition(db, CandidatureId(*id), Status::Eligible, Status::UnderReview, staff.map(UserId), "").await.map_err(err)?;
    }
    // Scores: each project has a « true » level; jurors differ in harshness.
    let split = TrackSplit::default();
    let criteria = split.criteria_for(crate::domain::criteria::Track::Jury);
    let reviews = db::jury::cohort_reviews(db, cohort.id).await.map_err(err)?;
    let mut demo_juror_done = 0;
    for r in reviews {
        let project = candidatures.iter().position(|c| *c == r.candidature_id).unwrap_or(0);
        let juror = jurors.iter().position(|j| *j == r.reviewer_id).unwrap_or(0);
        let (state, keep) = if juror == 0 {
            demo_juror_done += 1;
            match demo_juror_done {
                1 => (ReviewState::Submitted, true),
                2 => (ReviewState::Draft, true),
                _ => (ReviewState::ToDo, false),
            }
        } else if juror >= 4 || (juror + project) % 5 == 0 {
            // The last two jurors have all theirs to do (one for each end-to-end project).
            (ReviewState::ToDo, false)
        } else {
            (ReviewState::Submitted, true)
        };
        if !keep {
            continue;
        }
        let level = JURY_LEVELS[project];
        let harshness = [0, 0, 1, 0, -1, 0][juror % 6];
        let score = |c: Criterion| -> u8 {
            let bump = if c == Criterion::ImpactForAll && project % 2 == 1 { -1 } else { 0 };
            (level + harshness + bump).clamp(1, 4) as u8
        };
        let form = ReviewForm {
            scores: criteria
                .iter()
                .map(|c| CriterionScore { criterion: *c, score: Some(score(*c)), comment: t.text(JURY_COMMENTS[score(*c) as usize - 1], COMMENT_MAX) })
                .collect(),
            overall: t.text("", COMMENT_MAX),
            opinion: Some(match level + harshness {
                i32::MIN..=1 => Opinion::Unfavourable,
                2 => Opinion::Reserved,
                _ => Opinion::Favourable,
            }),
        };
        let form = if state == ReviewState::Draft { ReviewForm { opinion: None, scores: form.scores[..1].to_vec(), ..form } } else { form };
        db::jury::save_review(db, r.id, r.version, &form, state, UserId(r.reviewer_id)).await.map_err(err)?;
    }
    Ok(())
}

/// The cohorts after the jury: in the one whose programme runs, two projects well under way
/// (charter signed, supports in several states, check-ins, milestones; one at risk) and two
/// selected projects whose holders have not signed the charter yet (one for each end-to-end
/// project); in the launched cohort, two launched projects.
async fn seed_demo_programme(db: &Db, today: NaiveDate, t: Texts) -> Result<(), String> {
    use crate::domain::candidature::Status;
    use crate::domain::cohort::Phase;
    use crate::domain::jury::COMMENT_MAX;
    use crate::domain::programme::{MILESTONE_TITLE_MAX, OWNER_MAX, TEXT_MAX};
    use crate::domain::programme::{SupportState, SupportUpdate};
    use crate::domain::support::SupportKind;
    let err = |e: sqlx::Error| e.to_string();
    let cohorts = db::cohort::list(db).await.map_err(err)?;
    let in_phase = |phase: Phase| cohorts.iter().find(|c| c.calendar().phase_on(today) == phase);
    let (Some(programme), Some(launched)) = (in_phase(Phase::Programme), in_phase(Phase::PublicLaunch)) else { return Ok(()) };
    if !db::candidature::count_by_status(db, programme.id).await.map_err(err)?.is_empty() {
        return Ok(());
    }
    let Some(staff) = db::account::find_by_email(db, DEMO_ACCOUNTS[1].0).await.map_err(err)?.map(|u| u.id) else { return Ok(()) };
    let hash = hash_password(DEMO_PASSWORD.to_string()).await.map_err(|e| format!("{e:?}"))?;
    let reasons = serde_json::to_string(
        &crate::domain::criteria::Criterion::ALL
            .iter()
            .map(|c| (c.code(), t.text("Retenu par le jury : un projet utile à tous.", COMMENT_MAX)))
            .collect::<Vec<_>>(),
    )
    .map_err(|e| e.to_string())?;
    let day = 86_400;
    let projects = PROGRAMME_PROJECTS.iter().zip(PROGRAMME_PLANS).map(|(d, plan)| (programme, d, plan));
    for (cohort, demo, plan) in projects.chain(LAUNCHED_PROJECTS.iter().map(|d| (launched, d, "on-track"))) {
        let started = Utc::now().timestamp() - (cohort.calendar().programme_starts - cohort.call_opens).num_days().max(1) * day;
        let id = seed_candidature(db, cohort.id, demo, &hash, Some(staff), started, t).await?;
        db::candidature::transition(db, CandidatureId(id), Status::Eligible, Status::UnderReview, Some(UserId(staff)), "").await.map_err(err)?;
        db::jury::decide(db, CohortId(cohort.id), CandidatureId(id), Status::UnderReview, Status::Selected, &reasons, i64::from(cohort.capacity), UserId(staff), &[])
            .await
            .map_err(err)?;
        if plan == "selected" {
            continue;
        }
        // Teams under way publish their pitch, theme, kind of carrier and website.
        use crate::domain::publication::PublicField;
        // The hostile demo publishes every field, so that each free text reaches the public pages.
        let published = [PublicField::Pitch, PublicField::Theme, PublicField::CarrierKind, PublicField::Website, PublicField::Licence];
        let published: &[PublicField] = if t.is_hostile() { &PublicField::ALL } else { &published };
        db::publication::set_consents(db, id, published).await.map_err(err)?;
        use crate::domain::evidence::TEXT_MAX as EVIDENCE_TEXT_MAX;
        let evidence = crate::domain::evidence::Evidence {
            source_url: t.url("", Link::Markup),
            data_url: t.url("", Link::Script),
            funding: t.text("Comptes publiés : 15 500 € de dons de particuliers et d'entreprises locales en 2026.", EVIDENCE_TEXT_MAX),
            results: t.text("Service utilisé chaque mois par plus de 400 personnes.", EVIDENCE_TEXT_MAX),
        };
        db::evidence::save(db, id, &evidence).await.map_err(err)?;
        let holder = db::account::find_by_email(db, demo.email).await.map_err(err)?.ok_or("demo holder")?;
        let supports = [(SupportKind::from_code(demo.support).unwrap_or(SupportKind::Contacts), t.text("Rencontrer les administrations concernées.", TEXT_MAX))];
        db::programme::sign_charter(db, CandidatureId(id), UserId(holder.id), &t.text(demo.holder, NAME_MAX), &supports).await.map_err(err)?;
        for (kind, need) in [(SupportKind::Coaching, "Structurer le déploiement national."), (SupportKind::Promotion, "Faire connaître le service aux mairies.")] {
            db::programme::request_support(db, id, kind, &t.text(need, TEXT_MAX)).await.map_err(err)?;
        }
        let rows = db::programme::supports(db, id).await.map_err(err)?;
        let at_risk = plan == "at-risk";
        // Each request moves along the workflow; at risk: one is past its due date.
        for (n, row) in rows.iter().enumerate() {
            let steps: &[SupportState] = match (at_risk, n) {
                (false, 0) => &[SupportState::Assigned, SupportState::InProgress, SupportState::Delivered],
                (false, 1) => &[SupportState::Assigned, SupportState::InProgress],
                (true, 0) => &[SupportState::Assigned],
                // The hostile demo also declines one, so that a decline reason exists.
                (true, 1) if t.is_hostile() => &[SupportState::Declined],
                _ => &[],
            };
            let mut current = row.state();
            for next in steps {
                let due = if at_risk { today.checked_sub_days(Days::new(6)) } else { today.checked_add_days(Days::new(20)) };
                let declined = *next == SupportState::Declined;
                let update = SupportUpdate {
                    state: *next,
                    owner: t.text("Antoine Agent (DINUM)", OWNER_MAX),
                    due_on: due,
                    notes: t.text("Premier rendez-vous fixé avec l'administration concernée.", TEXT_MAX),
                    decline_reason: if declined { t.text("Ce soutien ne relève pas de l'administration sollicitée.", TEXT_MAX) } else { String::new() },
                };
                db::programme::update_support(db, row.id, current, &update).await.map_err(err)?;
                current = *next;
            }
        }
        if cohort.id == launched.id {
            db::programme::launch(db, CandidatureId(id), cohort.launch_on, UserId(staff)).await.map_err(err)?;
            continue;
        }
        let check_ins: &[(&str, &str, i64)] = if at_risk {
            &[("Premiers échanges avec deux cantines scolaires.", "Pas de réponse du rectorat.", 22)]
        } else {
            &[("Prototype testé avec trois mairies.", "", 16), ("Version 2 en ligne ; 400 dossiers déposés.", "Accès aux données de l'état civil.", 4)]
        };
        for (progress, blockers, days_ago) in check_ins {
            let (progress, blockers, needs) = (t.text(progress, TEXT_MAX), t.text(blockers, TEXT_MAX), t.text("", TEXT_MAX));
            db::programme::add_check_in(db, CandidatureId(id), UserId(holder.id), &progress, &blockers, &needs).await.map_err(err)?;
            db::programme::backdate_last_check_in(db, id, Utc::now().timestamp() - days_ago * day).await.map_err(err)?;
        }
        let milestones: [(&str, i64, bool); 3] =
            [("Bêta ouverte à trois départements", -20, true), ("Accessibilité RGAA vérifiée", -3, false), ("Ouverture nationale", 40, false)];
        for (title, offset, done) in milestones {
            let title = t.text(title, MILESTONE_TITLE_MAX);
            let due = if offset < 0 { today.checked_sub_days(Days::new(offset.unsigned_abs())) } else { today.checked_add_days(Days::new(offset as u64)) };
            db::programme::add_milestone(db, id, &title, due.unwrap_or(today)).await.map_err(err)?;
            if done || !at_risk && offset < 0 {
                let last = db::programme::milestones(db, id).await.map_err(err)?.into_iter().find(|m| m.title == title).map(|m| m.id);
                if let Some(m) = last {
                    db::programme::set_milestone_done(db, m, true).await.map_err(err)?;
                }
            }
        }
    }
    Ok(())
}

/// Two jurors of the cohort whose jury is scoring (`jure5@…`, `jure6@…`, one per end-to-end
/// project) applied to the launched cohort too, and were found ineligible there: one person,
/// an applicant in one cohort and a juror in another, with both spaces.
async fn seed_demo_applicant_jurors(db: &Db, today: NaiveDate, t: Texts) -> Result<(), String> {
    use crate::domain::cohort::Phase;
    let err = |e: sqlx::Error| e.to_string();
    let cohorts = db::cohort::list(db).await.map_err(err)?;
    let Some(launched) = cohorts.iter().find(|c| c.calendar().phase_on(today) == Phase::PublicLaunch) else { return Ok(()) };
    let staff = db::account::find_by_email(db, DEMO_ACCOUNTS[1].0).await.map_err(err)?.map(|u| u.id);
    let hash = hash_password(DEMO_PASSWORD.to_string()).await.map_err(|e| format!("{e:?}"))?;
    for demo in &APPLICANT_JURORS {
        if let Some(juror) = db::account::find_by_email(db, demo.email).await.map_err(err)? {
            if !db::candidature::list_for_holder(db, juror.id).await.map_err(err)?.is_empty() {
                continue;
            }
        }
        let started = Utc::now().timestamp() - (today - launched.call_opens).num_days().max(1) * 86_400;
        seed_candidature(db, launched.id, demo, &hash, staff, started, t).await?;
    }
    Ok(())
}

const APPLICANT_JURORS: [DemoCandidature; 2] = {
    use crate::domain::candidature::Status;
    let message = "Le projet n'a pas encore d'utilisateurs : présentez-le de nouveau quand il aura été testé.";
    [
        DemoCandidature {
            email: "jure5@demo.accelerateur.fr",
            holder: "Nadia Jurée",
            name: "Troc de manuels",
            pitch: "Échanger les manuels scolaires entre familles d'un même collège.",
            carrier: "individual",
            theme: "education",
            support: "promotion",
            status: Status::Ineligible,
            message,
            started_hours_ago: 0,
            active_minutes: 19,
        },
        DemoCandidature {
            email: "jure6@demo.accelerateur.fr",
            holder: "Lucas Juré",
            name: "Vélos partagés",
            pitch: "Prêter les vélos de service des mairies aux habitants le week-end.",
            carrier: "individual",
            theme: "transport",
            support: "local_experiments",
            status: Status::Ineligible,
            message,
            started_hours_ago: 0,
            active_minutes: 24,
        },
    ]
};

/// What the seed does with each programme project: « selected » (charter to sign), « on-track »
/// or « at-risk » (in the programme).
const PROGRAMME_PLANS: [&str; 4] = ["on-track", "at-risk", "selected", "selected"];

const PROGRAMME_PROJECTS: [DemoCandidature; 4] = {
    use crate::domain::candidature::Status;
    [
        DemoCandidature {
            email: "porteuse.dossier@demo.accelerateur.fr",
            holder: "Inès Porteuse",
            name: "Dossier facile",
            pitch: "Préparer en une fois les pièces d'un dossier administratif, rappel des échéances compris.",
            carrier: "association",
            theme: "solidarity",
            support: "data_and_tools",
            status: Status::Eligible,
            message: "",
            started_hours_ago: 0,
            active_minutes: 24,
        },
        DemoCandidature {
            email: "porteur.cantine@demo.accelerateur.fr",
            holder: "Hugo Porteur",
            name: "Cantine locale",
            pitch: "Relier les cantines scolaires aux producteurs à moins de 50 km.",
            carrier: "company",
            theme: "environment",
            support: "contacts",
            status: Status::Eligible,
            message: "",
            started_hours_ago: 0,
            active_minutes: 31,
        },
        DemoCandidature {
            email: "porteur.mairie@demo.accelerateur.fr",
            holder: "Malik Porteur",
            name: "Mairie en poche",
            pitch: "Toutes les démarches de la mairie dans une application accessible, hors ligne comprise.",
            carrier: "individual",
            theme: "citizenship",
            support: "compliance",
            status: Status::Eligible,
            message: "",
            started_hours_ago: 0,
            active_minutes: 19,
        },
        DemoCandidature {
            email: "porteuse.tierslieu@demo.accelerateur.fr",
            holder: "Sarah Porteuse",
            name: "Tiers-lieu connecté",
            pitch: "Un réseau de tiers-lieux qui accompagnent les démarches en ligne près de chez soi.",
            carrier: "informal_collective",
            theme: "digital",
            support: "networking",
            status: Status::Eligible,
            message: "",
            started_hours_ago: 0,
            active_minutes: 27,
        },
    ]
};

const LAUNCHED_PROJECTS: [DemoCandidature; 2] = {
    use crate::domain::candidature::Status;
    [
        DemoCandidature {
            email: "porteur.bus@demo.accelerateur.fr",
            holder: "Yanis Porteur",
            name: "Bus à la demande",
            pitch: "Réserver un transport à la demande en zone rurale, par téléphone ou en ligne.",
            carrier: "association",
            theme: "transport",
            support: "local_experiments",
            status: Status::Eligible,
            message: "",
            started_hours_ago: 0,
            active_minutes: 22,
        },
        DemoCandidature {
            email: "porteuse.eau@demo.accelerateur.fr",
            holder: "Clara Porteuse",
            name: "Eau claire",
            pitch: "La qualité de l'eau du robinet, commune par commune, expliquée simplement.",
            carrier: "company",
            theme: "health",
            support: "data_and_tools",
            status: Status::Eligible,
            message: "",
            started_hours_ago: 0,
            active_minutes: 35,
        },
    ]
};

const DEMO_JURORS: [(&str, &str); 6] = [
    ("jure@demo.accelerateur.fr", "Julie Jurée"),
    ("jure2@demo.accelerateur.fr", "Karim Juré"),
    ("jure3@demo.accelerateur.fr", "Sophie Jurée"),
    ("jure4@demo.accelerateur.fr", "Paul Juré"),
    ("jure5@demo.accelerateur.fr", "Nadia Jurée"),
    ("jure6@demo.accelerateur.fr", "Lucas Juré"),
];

const JURY_COMMENTS: [&str; 4] = [
    "Le lien avec l'intérêt général reste à démontrer.",
    "Intéressant mais le public touché reste limité.",
    "Un projet utile et bien ciblé.",
    "Un projet remarquable, utile à tous.",
];

/// The level (1 to 4) jurors tend to give each of the jury cohort's candidatures.
const JURY_LEVELS: [i32; 6] = [4, 3, 3, 2, 2, 1];

const JURY_CANDIDATURES: [DemoCandidature; 6] = [
    DemoCandidature {
        email: "porteuse.justice@demo.accelerateur.fr",
        holder: "Amina Porteuse",
        name: "Mon suivi justice",
        pitch: "Suivre l'avancement de son dossier au tribunal sans se déplacer.",
        carrier: "association",
        theme: "citizenship",
        support: "data_and_tools",
        status: crate::domain::candidature::Status::Eligible,
        message: "",
        started_hours_ago: 10,
        active_minutes: 22,
    },
    DemoCandidature {
        email: "porteur.fontaines@demo.accelerateur.fr",
        holder: "Yann Porteur",
        name: "Carte des fontaines",
        pitch: "Cartographier les points d'eau potable publics, mis à jour par les communes.",
        carrier: "individual",
        theme: "environment",
        support: "local_experiments",
        status: crate::domain::candidature::Status::Eligible,
        message: "",
        started_hours_ago: 30,
        active_minutes: 14,
    },
    DemoCandidature {
        email: "porteuse.transport@demo.accelerateur.fr",
        holder: "Claire Porteuse",
        name: "Transport solidaire rural",
        pitch: "Mettre en relation chauffeurs bénévoles et habitants sans voiture des villages.",
        carrier: "association",
        theme: "transport",
        support: "networking",
        status: crate::domain::candidature::Status::Eligible,
        message: "",
        started_hours_ago: 60,
        active_minutes: 27,
    },
    DemoCandidature {
        email: "porteur.reparation@demo.accelerateur.fr",
        holder: "Omar Porteur",
        name: "Répar'acteurs",
        pitch: "Annuaire des réparateurs agréés pour le bonus réparation.",
        carrier: "company",
        theme: "environment",
        support: "promotion",
        status: crate::domain::candidature::Status::Eligible,
        message: "",
        started_hours_ago: 90,
        active_minutes: 19,
    },
    DemoCandidature {
        email: "porteuse.savoirs@demo.accelerateur.fr",
        holder: "Jeanne Porteuse",
        name: "Savoirs partagés",
        pitch: "Des cours en ligne gratuits donnés par des agents publics retraités.",
        carrier: "informal_collective",
        theme: "education",
        support: "coaching",
        status: crate::domain::candidature::Status::Eligible,
        message: "",
        started_hours_ago: 120,
        active_minutes: 31,
    },
    DemoCandidature {
        email: "porteur.stationnement@demo.accelerateur.fr",
        holder: "Théo Porteur",
        name: "Stationnement malin",
        pitch: "Une application payante de réservation de places de parking privées.",
        carrier: "company",
        theme: "transport",
        support: "funding",
        status: crate::domain::candidature::Status::Eligible,
        message: "",
        started_hours_ago: 150,
        active_minutes: 11,
    },
];

struct DemoCandidature {
    email: &'static str,
    holder: &'static str,
    name: &'static str,
    pitch: &'static str,
    carrier: &'static str,
    theme: &'static str,
    support: &'static str,
    status: crate::domain::candidature::Status,
    message: &'static str,
    started_hours_ago: i64,
    active_minutes: i64,
}

impl DemoCandidature {
    fn form(&self, t: Texts) -> crate::domain::candidature_form::CandidatureForm {
        use crate::domain::candidature_form::{self as cf, CandidatureForm, CoApplicant, SupportRequest};
        let website = format!("https://{}.exemple.fr", self.name.to_lowercase().replace([' ', '\''], "-"));
        let carrier_name = if self.carrier == "individual" { String::new() } else { format!("Collectif {}", self.name) };
        let co_applicant = |(email, name): (&str, &str), role: &str| CoApplicant {
            name: t.text(name, cf::CO_APPLICANT_NAME_MAX),
            email: email.to_string(),
            role: t.text(role, cf::CO_APPLICANT_ROLE_MAX),
        };
        let mut co_applicants = Vec::new();
        if self.email == JURY_CO_APPLICANT_OF {
            co_applicants.push(co_applicant(JURY_CO_APPLICANT, "Juriste bénévole"));
        }
        if t.is_hostile() && HOSTILE_CO_APPLICANT_OF.contains(&self.email) {
            co_applicants.push(co_applicant(HOSTILE_CO_APPLICANT, "Développeuse"));
        }
        CandidatureForm {
            project_name: t.text(self.name, cf::PROJECT_NAME_MAX),
            pitch: t.text(self.pitch, cf::PITCH_MAX),
            description: t.text(
                &format!("{} Le projet fonctionne déjà à petite échelle et veut s'étendre à tout le territoire.", self.pitch),
                cf::DESCRIPTION_MAX,
            ),
            stage: "running".into(),
            website: t.url(&website, Link::Script),
            repository: t.url("", Link::Markup),
            theme: self.theme.into(),
            public_interest: t.text("Rendre un service public plus simple et plus juste pour ses usagers.", cf::PUBLIC_INTEREST_MAX),
            impact: t.text("Utilisable partout en France, par tous, gratuitement.", cf::IMPACT_MAX),
            carrier_kind: self.carrier.into(),
            carrier_name: if carrier_name.is_empty() { carrier_name } else { t.text(&carrier_name, cf::CARRIER_NAME_MAX) },
            co_applicants,
            licence: t.text("EUPL-1.2", cf::LICENCE_MAX),
            publication_plan: t.text("Code source publié dès le début du programme ; données ouvertes chaque mois.", cf::PUBLICATION_PLAN_MAX),
            funding_statement: t.text("Bénévolat ; 12 000 € de dons en 2026 ; aucun financement public.", cf::FUNDING_STATEMENT_MAX),
            supports: vec![SupportRequest { kind: self.support.into(), need: t.text("Rencontrer les administrations concernées.", cf::SUPPORT_NEED_MAX) }],
        }
    }
}

const DEMO_CANDIDATURES: [DemoCandidature; 6] = {
    use crate::domain::candidature::Status;
    [
        DemoCandidature {
            email: "candidat@demo.accelerateur.fr",
            holder: "Camille Candidate",
            name: "Covidliste",
            pitch: "Donner les doses de vaccin restantes en fin de journée aux volontaires proches.",
            carrier: "informal_collective",
            theme: "health",
            support: "contacts",
            status: Status::Submitted,
            message: "",
            started_hours_ago: 50,
            active_minutes: 24,
        },
        DemoCandidature {
            email: "porteuse.vitemadose@demo.accelerateur.fr",
            holder: "Inès Porteuse",
            name: "Vite ma dose",
            pitch: "Trouver un créneau de vaccination près de chez soi en quelques secondes.",
            carrier: "association",
            theme: "health",
            support: "promotion",
            status: Status::Submitted,
            message: "",
            started_hours_ago: 30,
            active_minutes: 18,
        },
        DemoCandidature {
            email: "porteur.aidesjeunes@demo.accelerateur.fr",
            holder: "Hugo Porteur",
            name: "Aides jeunes",
            pitch: "Simuler en 7 minutes les aides auxquelles un jeune a droit.",
            carrier: "company",
            theme: "solidarity",
            support: "compliance",
            status: Status::CorrectionRequested,
            message: "Précisez les montants et les sources de vos financements (engagement de transparence de la charte).",
            started_hours_ago: 120,
            active_minutes: 41,
        },
        DemoCandidature {
            email: "porteuse.signal@demo.accelerateur.fr",
            holder: "Léa Porteuse",
            name: "Signal quartier",
            pitch: "Signaler un problème de voirie à la bonne administration, photo à l'appui.",
            carrier: "individual",
            theme: "citizenship",
            support: "data_and_tools",
            status: Status::Eligible,
            message: "",
            started_hours_ago: 200,
            active_minutes: 12,
        },
        DemoCandidature {
            email: "porteur.boutique@demo.accelerateur.fr",
            holder: "Marc Porteur",
            name: "Boutique solidaire",
            pitch: "Une boutique en ligne de produits locaux.",
            carrier: "company",
            theme: "other",
            support: "funding",
            status: Status::Ineligible,
            message: "Le projet est une activité commerciale qui n'améliore pas un service public : il ne relève pas de l'appel.",
            started_hours_ago: 150,
            active_minutes: 9,
        },
        DemoCandidature {
            email: "porteuse.brouillon@demo.accelerateur.fr",
            holder: "Zoé Porteuse",
            name: "Cantine ouverte",
            pitch: "Publier les menus et l'origine des produits des cantines scolaires.",
            carrier: "association",
            theme: "education",
            support: "coaching",
            status: Status::Draft,
            message: "",
            started_hours_ago: 5,
            active_minutes: 7,
        },
    ]
};

#[cfg(test)]
mod tests {
    use super::*;

    const MARK: &str = "<img src=x id=xss-img onerror=alert(1)>";

    #[test]
    fn plain_texts_are_the_demo_texts() {
        assert_eq!(Texts::PLAIN.text("Cohorte 1", 80), "Cohorte 1");
        assert_eq!(Texts::PLAIN.text("", 2000), "");
        assert_eq!(Texts::PLAIN.url("https://covidliste.exemple.fr", Link::Script), "https://covidliste.exemple.fr");
        assert_eq!(Texts::PLAIN.url("", Link::Markup), "");
    }

    #[test]
    fn hostile_texts_carry_a_payload_within_their_limit() {
        let long = "x".repeat(300);
        for (s, max) in [("Cohorte 1", 80), ("Alice Admin", NAME_MAX), ("Dominique Co-porteuse", NAME_MAX), ("", 2000), (long.as_str(), 120), ("EUPL-1.2", 100)] {
            let t = Texts::HOSTILE.text(s, max);
            assert!(t.chars().count() <= max as usize, "{t}");
            for part in [MARK, "</title>", "</textarea>", "\"'>"] {
                assert!(t.contains(part), "{part} missing from {t}");
            }
            assert!(crate::domain::validate::text_line(&t, max).is_ok(), "{t}");
        }
        assert_eq!(Texts::HOSTILE.text("", 2000), payload::FULL);
        assert!(Texts::HOSTILE.text("Transport solidaire rural", 120).starts_with("Transport solidaire rural </script>"));
        assert!(DisplayName::parse(&Texts::HOSTILE.text("Camille Candidate", NAME_MAX)).is_ok());
    }

    #[test]
    fn hostile_addresses_are_what_a_form_could_let_through_or_a_script() {
        assert!(crate::domain::candidature_form::web_address(payload::MARKUP_URL, crate::domain::candidature_form::URL_MAX).is_ok());
        assert_eq!(Texts::HOSTILE.url("https://exemple.fr", Link::Script), "javascript:alert(4)");
        assert!(Texts::HOSTILE.url("", Link::Markup).contains("id=\"xss-img\""));
    }
}
