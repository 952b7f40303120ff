//! Configuration from environment variables, with documented defaults (see README).

use std::env;

#[derive(Debug, Clone)]
pub struct Config {
    /// `DATABASE_URL`: `sqlite:...` (default `sqlite:data/accelerateur.db?mode=rwc`) or `postgres://...`.
    pub database_url: String,
    /// `COOKIE_SECURE`: `true`/`false`; defaults to `true` when `LEPTOS_ENV=PROD`.
    pub secure_cookies: bool,
    /// `APP_DEMO=1`: seed demo accounts and cohorts (never in production).
    pub demo: bool,
    /// `BOOTSTRAP_ADMIN_EMAIL` and `BOOTSTRAP_ADMIN_PASSWORD`: create the first admin at start-up
    /// when no admin exists yet.
    pub bootstrap_admin: Option<(String, String)>,
    /// `SESSION_DAYS`: how long a login lasts (default 14).
    pub session_days: i64,
}

impl Config {
    pub fn from_env() -> Config {
        let production = env::var("LEPTOS_ENV").map(|v| v.eq_ignore_ascii_case("PROD")).unwrap_or(false);
        let flag = |name: &str, default: bool| match env::var(name) {
            Ok(v) => matches!(v.trim().to_ascii_lowercase().as_str(), "1" | "true" | "yes"),
            Err(_) => default,
        };
        Config {
            database_url: env::var("DATABASE_URL")
                .unwrap_or_else(|_| "sqlite:data/accelerateur.db?mode=rwc".to_string()),
            secure_cookies: flag("COOKIE_SECURE", production),
            demo: flag("APP_DEMO", false),
            bootstrap_admin: match (env::var("BOOTSTRAP_ADMIN_EMAIL"), env::var("BOOTSTRAP_ADMIN_PASSWORD")) {
                (Ok(e), Ok(p)) if !e.is_empty() && !p.is_empty() => Some((e, p)),
                _ => None,
            },
            session_days: env::var("SESSION_DAYS").ok().and_then(|v| v.parse().ok()).unwrap_or(14),
        }
    }

    /// A configuration for tests: the given database, no demo data.
    pub fn for_tests(database_url: &str) -> Config {
        Config {
            database_url: database_url.to_string(),
            secure_cookies: false,
            demo: false,
            bootstrap_admin: None,
            session_days: 14,
        }
    }
}
