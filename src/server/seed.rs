//! Demo data (APP_DEMO=1) and the first admin (BOOTSTRAP_ADMIN_*). Both are idempotent.

use super::auth::hash_password;
use super::config::Config;
use super::db::{self, Db};
use crate::domain::account::{DisplayName, Email, NewPassword, Role};
use crate::domain::cohort::{Calendar, DEFAULT_CAPACITY, DEFAULT_JURY_SIZE, DEFAULT_REVIEWS_PER_CANDIDATURE};
use chrono::{Days, NaiveDate, Utc};

/// The password of every demo account (printed in the README; demo mode only).
pub const DEMO_PASSWORD: &str = "Demo-accelerateur-2026";

pub const DEMO_ACCOUNTS: [(&str, &str, Role); 4] = [
    ("admin@demo.accelerateur.fr", "Alice Admin", Role::Admin),
    ("agent@demo.accelerateur.fr", "Antoine Agent", Role::Staff),
    ("jure@demo.accelerateur.fr", "Julie Jurée", Role::Juror),
    ("candidat@demo.accelerateur.fr", "Camille Candidate", Role::Applicant),
];

pub async fn run(db: &Db, config: &Config) -> Result<(), String> {
    if let Some((email, password)) = &config.bootstrap_admin {
        bootstrap_admin(db, email, password).await?;
    }
    if config.demo {
        seed_demo(db, Utc::now().date_naive()).await?;
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

/// One account per role and cohorts in several phases around `today`.
pub async fn seed_demo(db: &Db, today: NaiveDate) -> Result<(), String> {
    let hash = hash_password(DEMO_PASSWORD.to_string()).await.map_err(|e| format!("{e:?}"))?;
    for (email, name, role) in DEMO_ACCOUNTS {
        let name = DisplayName::parse(name).map_err(|e| format!("{e:?}"))?;
        if db::account::find_by_email(db, email).await.map_err(|e| e.to_string())?.is_none() {
            db::account::insert_user(db, email, name.as_str(), &hash, role).await.map_err(|e| e.to_string())?;
        }
    }
    let cohorts_exist = !db::cohort::list(db).await.map_err(|e| e.to_string())?.is_empty();
    if !cohorts_exist {
        let back = |days: u64| today.checked_sub_days(Days::new(days)).unwrap_or(today);
        let cohorts = [
            // launched: call opened about 7 months ago
            ("Cohorte 1", Calendar::suggested(back(200))),
            // in its programme
            ("Cohorte 2", Calendar::suggested(back(110))),
            // call open now
            ("Cohorte 3", Calendar::suggested(back(10))),
        ];
        for (name, cal) in cohorts {
            db::cohort::insert(db, name, &cal, DEFAULT_CAPACITY, DEFAULT_JURY_SIZE, DEFAULT_REVIEWS_PER_CANDIDATURE)
                .await
                .map_err(|e| e.to_string())?;
        }
    }
    seed_demo_candidatures(db, today).await?;
    tracing::info!("demo data ready (accounts: *@demo.accelerateur.fr, password {DEMO_PASSWORD})");
    Ok(())
}

/// Demo candidatures in the cohort whose call is open: the demo applicant's submitted one,
/// and other citizens' in every screening state (one waiting, one sent back for correction,
/// one eligible, one ineligible, one draft that staff cannot see), with realistic times.
async fn seed_demo_candidatures(db: &Db, today: NaiveDate) -> Result<(), String> {
    use crate::domain::candidature::Status;
    let err = |e: sqlx::Error| e.to_string();
    let Some(cohort) = db::cohort::open_call(db, today).await.map_err(err)? else { return Ok(()) };
    if !db::candidature::count_by_status(db, cohort.id).await.map_err(err)?.is_empty() {
        return Ok(());
    }
    let staff = db::account::find_by_email(db, DEMO_ACCOUNTS[1].0).await.map_err(err)?.map(|u| u.id);
    let hash = hash_password(DEMO_PASSWORD.to_string()).await.map_err(|e| format!("{e:?}"))?;
    for demo in DEMO_CANDIDATURES {
        let holder = match db::account::find_by_email(db, demo.email).await.map_err(err)? {
            Some(u) => u.id,
            None => db::account::insert_user(db, demo.email, demo.holder, &hash, Role::Applicant).await.map_err(err)?,
        };
        let form = demo.form();
        let content = serde_json::to_string(&form).map_err(|e| e.to_string())?;
        let id = db::candidature::create_draft(db, cohort.id, holder).await.map_err(err)?;
        let step = if demo.status == Status::Draft { 3 } else { 6 };
        let saved = db::candidature::Content {
            json: &content,
            project_name: &form.project_name,
            carrier_kind: &form.carrier_kind,
            current_step: step,
            co_applicants: &[],
        };
        db::candidature::save_content(db, id, 1, &saved).await.map_err(err)?;
        let started = Utc::now().timestamp() - demo.started_hours_ago * 3600;
        db::candidature::set_demo_times(db, id, started, demo.active_minutes * 60).await.map_err(err)?;
        if demo.status == Status::Draft {
            continue;
        }
        db::candidature::accept_commitments(db, id, &crate::domain::charter::Commitment::ALL).await.map_err(err)?;
        db::candidature::transition(db, id, Status::Draft, Status::Submitted, Some(holder), "").await.map_err(err)?;
        if demo.status != Status::Submitted {
            db::candidature::transition(db, id, Status::Submitted, demo.status, staff, demo.message).await.map_err(err)?;
        }
    }
    Ok(())
}

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
    fn form(&self) -> crate::domain::candidature_form::CandidatureForm {
        use crate::domain::candidature_form::{CandidatureForm, SupportRequest};
        CandidatureForm {
            project_name: self.name.into(),
            pitch: self.pitch.into(),
            description: format!("{} Le projet fonctionne déjà à petite échelle et veut s'étendre à tout le territoire.", self.pitch),
            stage: "running".into(),
            website: format!("https://{}.exemple.fr", self.name.to_lowercase().replace([' ', '\''], "-")),
            theme: self.theme.into(),
            public_interest: "Rendre un service public plus simple et plus juste pour ses usagers.".into(),
            impact: "Utilisable partout en France, par tous, gratuitement.".into(),
            carrier_kind: self.carrier.into(),
            carrier_name: if self.carrier == "individual" { String::new() } else { format!("Collectif {}", self.name) },
            licence: "EUPL-1.2".into(),
            publication_plan: "Code source publié dès le début du programme ; données ouvertes chaque mois.".into(),
            funding_statement: "Bénévolat ; 12 000 € de dons en 2026 ; aucun financement public.".into(),
            supports: vec![SupportRequest { kind: self.support.into(), need: "Rencontrer les administrations concernées.".into() }],
            ..Default::default()
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
