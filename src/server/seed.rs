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
    seed_demo_candidature(db, today).await?;
    tracing::info!("demo data ready (accounts: *@demo.accelerateur.fr, password {DEMO_PASSWORD})");
    Ok(())
}

/// A submitted candidature of the demo applicant in the cohort whose call is open.
async fn seed_demo_candidature(db: &Db, today: NaiveDate) -> Result<(), String> {
    use crate::domain::candidature::Status;
    use crate::domain::candidature_form::{CandidatureForm, SupportRequest};
    use crate::domain::charter::Commitment;
    let err = |e: sqlx::Error| e.to_string();
    let Some(holder) = db::account::find_by_email(db, DEMO_ACCOUNTS[3].0).await.map_err(err)? else { return Ok(()) };
    let Some(cohort) = db::cohort::open_call(db, today).await.map_err(err)? else { return Ok(()) };
    if !db::candidature::list_for_holder(db, holder.id).await.map_err(err)?.is_empty() {
        return Ok(());
    }
    let form = CandidatureForm {
        project_name: "Covidliste".into(),
        pitch: "Donner les doses de vaccin restantes en fin de journée aux volontaires proches.".into(),
        description: "Les centres signalent leurs doses restantes ; les volontaires inscrits à proximité sont prévenus et réservent en un clic.".into(),
        stage: "running".into(),
        website: "https://covidliste.exemple.fr".into(),
        theme: "health".into(),
        public_interest: "Aucune dose perdue, une vaccination plus rapide pour tous.".into(),
        impact: "Utilisable par chaque centre de vaccination, partout en France.".into(),
        carrier_kind: "informal_collective".into(),
        carrier_name: "Collectif Covidliste".into(),
        licence: "MIT".into(),
        publication_plan: "Code publié dès maintenant ; statistiques ouvertes chaque semaine.".into(),
        funding_statement: "Bénévolat et hébergement offert ; aucun financement public.".into(),
        supports: vec![SupportRequest { kind: "contacts".into(), need: "Joindre les agences régionales de santé.".into() }],
        ..Default::default()
    };
    let content = serde_json::to_string(&form).map_err(|e| e.to_string())?;
    let id = db::candidature::create_draft(db, cohort.id, holder.id).await.map_err(err)?;
    db::candidature::save_content(db, id, 1, &content, &form.project_name, &form.carrier_kind, 6).await.map_err(err)?;
    db::candidature::accept_commitments(db, id, &Commitment::ALL).await.map_err(err)?;
    db::candidature::transition(db, id, Status::Draft, Status::Submitted, Some(holder.id), "").await.map_err(err)?;
    Ok(())
}
