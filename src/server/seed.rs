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
    if db::cohort::list(db).await.map_err(|e| e.to_string())?.is_empty() {
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
    tracing::info!("demo data ready (accounts: *@demo.accelerateur.fr, password {DEMO_PASSWORD})");
    Ok(())
}
