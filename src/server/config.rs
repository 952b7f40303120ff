//! Configuration from environment variables, with documented defaults (see README).

use std::env;

#[derive(Debug, Clone)]
pub struct Config {
    /// `DATABASE_URL`: `sqlite:...` (default `sqlite:data/accelerateur.db?mode=rwc`) or `postgres://...`.
    pub database_url: String,
    /// `COOKIE_SECURE`: `true`/`false`; defaults to `true` when `LEPTOS_ENV=PROD`.
    pub secure_cookies: bool,
    /// `APP_DEMO=1`: seed demo accounts and cohorts (never in production). Also true with
    /// `APP_DEMO=hostile`.
    pub demo: bool,
    /// `APP_DEMO=hostile`: the same demo with an HTML/script payload in every free text, for
    /// the end-to-end security suite (see `seed::Texts`).
    pub demo_hostile: bool,
    /// `BOOTSTRAP_ADMIN_EMAIL` and `BOOTSTRAP_ADMIN_PASSWORD`: create the first admin at start-up
    /// when no admin exists yet.
    pub bootstrap_admin: Option<(String, String)>,
    /// `SESSION_DAYS`: how long a session lasts without activity (default 14); each use
    /// slides it, up to `domain::sessions::MAX_DAYS` (90) after the login.
    pub session_days: i64,
    /// `TRUST_PROXY=1`: the app runs behind a load balancer that appends the client's address
    /// to `X-Forwarded-For`; the last entry is then the client's (default: the peer address).
    pub trust_proxy: bool,
    /// Where and how mails go.
    pub mail: MailConfig,
    /// `LEPTOS_ENV=PROD`.
    pub production: bool,
    /// FranceConnect for citizens (`FRANCECONNECT_*`), when configured.
    pub franceconnect: Option<ProviderConfig>,
    /// ProConnect for State agents (`PROCONNECT_*`), when configured. In production, staff
    /// accounts then sign in only through it, unless `STAFF_PASSWORD_LOGIN=1` (recovery).
    pub proconnect: Option<ProviderConfig>,
    /// `STAFF_PASSWORD_LOGIN=1`: staff may log in with a password even when ProConnect is
    /// configured in production (an admin's way back in while ProConnect is down).
    pub staff_password_login: bool,
    /// What the « Mentions légales » and the accessibility statement name.
    pub legal: crate::domain::legal::LegalNotice,
}

/// One State identity provider, from `<PREFIX>_ISSUER`, `<PREFIX>_CLIENT_ID`,
/// `<PREFIX>_CLIENT_SECRET`, and optionally `<PREFIX>_REDIRECT_URL` (default
/// `APP_BASE_URL` + `/connexion/<provider>/retour`) and `<PREFIX>_POST_LOGOUT_URL` (default
/// `APP_BASE_URL` + `/deconnexion/retour`). The three first are required together.
#[derive(Debug, Clone)]
pub struct ProviderConfig {
    /// Exactly as the provider's discovery document names itself (no trailing slash added).
    pub issuer: String,
    pub client_id: String,
    pub client_secret: String,
    pub redirect_url: String,
    pub post_logout_url: String,
}

impl ProviderConfig {
    fn from_env(prefix: &str, provider: crate::domain::state_sign_in::Provider, base_url: &str) -> Option<ProviderConfig> {
        let var = |name: &str| env::var(format!("{prefix}_{name}")).ok().map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
        let (issuer, client_id, client_secret) = match (var("ISSUER"), var("CLIENT_ID"), var("CLIENT_SECRET")) {
            (Some(i), Some(c), Some(s)) => (i, c, s),
            (None, None, None) => return None,
            _ => {
                eprintln!("{prefix}_ISSUER, {prefix}_CLIENT_ID and {prefix}_CLIENT_SECRET go together: {prefix} sign-in is off");
                return None;
            }
        };
        Some(ProviderConfig::new(provider, base_url, issuer, client_id, client_secret, var("REDIRECT_URL"), var("POST_LOGOUT_URL")))
    }

    /// A provider with the service's own addresses under `base_url` unless given.
    pub fn new(
        provider: crate::domain::state_sign_in::Provider,
        base_url: &str,
        issuer: String,
        client_id: String,
        client_secret: String,
        redirect_url: Option<String>,
        post_logout_url: Option<String>,
    ) -> ProviderConfig {
        use crate::domain::paths::Download;
        let base = base_url.trim_end_matches('/');
        ProviderConfig {
            issuer,
            client_id,
            client_secret,
            redirect_url: redirect_url.unwrap_or_else(|| format!("{base}{}", Download::sign_in_callback(provider))),
            post_logout_url: post_logout_url.unwrap_or_else(|| format!("{base}{}", Download::LogoutCallback.path())),
        }
    }

    /// The provider's origin (`scheme://host[:port]`): pages' forms may lead there.
    pub fn origin(&self) -> Option<String> {
        let (scheme, rest) = self.issuer.split_once("://")?;
        let host = rest.split('/').next().filter(|h| !h.is_empty())?;
        Some(format!("{scheme}://{host}"))
    }
}

/// How mails leave the service. With no `SMTP_HOST`, each mail is written as an `.eml` file
/// into `MAIL_DIR` (the README's default run), so that a newcomer can read them.
#[derive(Debug, Clone)]
pub struct MailConfig {
    /// `SMTP_HOST`, `SMTP_PORT` (default 587, or 465 with `SMTP_TLS=tls`), `SMTP_TLS`
    /// (`starttls` by default, `tls`, or `none` for a local relay), `SMTP_USER`, `SMTP_PASSWORD`.
    pub smtp: Option<SmtpConfig>,
    /// `MAIL_DIR`: the folder of `.eml` files when no SMTP server is set (default `data/mails`).
    pub dir: std::path::PathBuf,
    /// `MAIL_FROM`: the sender (default `Accélérateur d'initiatives citoyennes <ne-pas-repondre@accelerateur.localhost>`).
    pub from: String,
    /// `APP_BASE_URL`: the address of the service in links (default `http://` + `LEPTOS_SITE_ADDR`).
    pub base_url: String,
    /// `MAIL_POLL_MS`: how often the sender looks for due mails (default 1000).
    pub poll_ms: u64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SmtpTls {
    None,
    StartTls,
    Tls,
}

#[derive(Debug, Clone)]
pub struct SmtpConfig {
    pub host: String,
    pub port: u16,
    pub tls: SmtpTls,
    pub credentials: Option<(String, String)>,
}

impl MailConfig {
    fn from_env() -> MailConfig {
        let var = |name: &str| env::var(name).ok().map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
        let smtp = var("SMTP_HOST").map(|host| {
            let tls = match var("SMTP_TLS").unwrap_or_default().to_ascii_lowercase().as_str() {
                "none" | "off" | "false" => SmtpTls::None,
                "tls" | "smtps" => SmtpTls::Tls,
                _ => SmtpTls::StartTls,
            };
            let default_port = if tls == SmtpTls::Tls { 465 } else { 587 };
            SmtpConfig {
                host,
                port: var("SMTP_PORT").and_then(|p| p.parse().ok()).unwrap_or(default_port),
                tls,
                credentials: var("SMTP_USER").map(|u| (u, env::var("SMTP_PASSWORD").unwrap_or_default())),
            }
        });
        let site = var("LEPTOS_SITE_ADDR").unwrap_or_else(|| "127.0.0.1:3000".into());
        MailConfig {
            smtp,
            dir: var("MAIL_DIR").unwrap_or_else(|| "data/mails".into()).into(),
            from: var("MAIL_FROM")
                .unwrap_or_else(|| "Accélérateur d'initiatives citoyennes <ne-pas-repondre@accelerateur.localhost>".into()),
            base_url: var("APP_BASE_URL").unwrap_or_else(|| format!("http://{site}")),
            poll_ms: var("MAIL_POLL_MS").and_then(|p| p.parse().ok()).unwrap_or(1_000).max(50),
        }
    }
}

/// `LEGAL_PUBLISHER`, `LEGAL_ADDRESS`, `LEGAL_DIRECTOR`, `LEGAL_HOST`, `LEGAL_CONTACT`,
/// `LEGAL_DPO`: the publisher, its address, the director of publication, the host (name and
/// address), the contact address of the legal notice and the accessibility statement, and the
/// data protection officer's address (the privacy notice). Unset: the demo's values
/// (`LegalNotice::demo`), with a warning outside demo mode.
fn legal_from_env(demo: bool) -> crate::domain::legal::LegalNotice {
    let defaults = crate::domain::legal::LegalNotice::demo();
    let var = |name: &str, default: &str| {
        env::var(name).ok().map(|v| v.trim().to_string()).filter(|v| !v.is_empty()).unwrap_or_else(|| {
            if !demo {
                eprintln!("{name} is not set: the legal notice shows the demonstration's value");
            }
            default.to_string()
        })
    };
    crate::domain::legal::LegalNotice {
        publisher: var("LEGAL_PUBLISHER", &defaults.publisher),
        address: var("LEGAL_ADDRESS", &defaults.address),
        director: var("LEGAL_DIRECTOR", &defaults.director),
        host: var("LEGAL_HOST", &defaults.host),
        contact: var("LEGAL_CONTACT", &defaults.contact),
        dpo: var("LEGAL_DPO", &defaults.dpo),
    }
}

impl Config {
    /// The configured State identity provider, if it is.
    pub fn provider(&self, provider: crate::domain::state_sign_in::Provider) -> Option<&ProviderConfig> {
        use crate::domain::state_sign_in::Provider;
        match provider {
            Provider::FranceConnect => self.franceconnect.as_ref(),
            Provider::ProConnect => self.proconnect.as_ref(),
        }
    }

    /// Where forms may lead, beside this site: the configured providers (sign-in buttons and
    /// logout redirect there), for the Content-Security-Policy's `form-action`.
    pub fn form_targets(&self) -> String {
        [&self.franceconnect, &self.proconnect].into_iter().flatten().filter_map(ProviderConfig::origin).fold(String::new(), |acc, o| acc + " " + &o)
    }

    pub fn from_env() -> Config {
        let production = env::var("LEPTOS_ENV").map(|v| v.eq_ignore_ascii_case("PROD")).unwrap_or(false);
        let flag = |name: &str, default: bool| match env::var(name) {
            Ok(v) => matches!(v.trim().to_ascii_lowercase().as_str(), "1" | "true" | "yes"),
            Err(_) => default,
        };
        let demo_hostile = env::var("APP_DEMO").map(|v| v.trim().eq_ignore_ascii_case("hostile")).unwrap_or(false);
        let mail = MailConfig::from_env();
        use crate::domain::state_sign_in::Provider;
        Config {
            production,
            franceconnect: ProviderConfig::from_env("FRANCECONNECT", Provider::FranceConnect, &mail.base_url),
            proconnect: ProviderConfig::from_env("PROCONNECT", Provider::ProConnect, &mail.base_url),
            staff_password_login: flag("STAFF_PASSWORD_LOGIN", false),
            legal: legal_from_env(flag("APP_DEMO", false) || demo_hostile),
            database_url: env::var("DATABASE_URL")
                .unwrap_or_else(|_| "sqlite:data/accelerateur.db?mode=rwc".to_string()),
            secure_cookies: flag("COOKIE_SECURE", production),
            demo: flag("APP_DEMO", false) || demo_hostile,
            demo_hostile,
            bootstrap_admin: match (env::var("BOOTSTRAP_ADMIN_EMAIL"), env::var("BOOTSTRAP_ADMIN_PASSWORD")) {
                (Ok(e), Ok(p)) if !e.is_empty() && !p.is_empty() => Some((e, p)),
                _ => None,
            },
            session_days: env::var("SESSION_DAYS").ok().and_then(|v| v.parse().ok()).unwrap_or(14),
            trust_proxy: flag("TRUST_PROXY", false),
            mail,
        }
    }

    /// A configuration for tests: the given database, no demo data.
    pub fn for_tests(database_url: &str) -> Config {
        Config {
            database_url: database_url.to_string(),
            secure_cookies: false,
            demo: false,
            demo_hostile: false,
            bootstrap_admin: None,
            session_days: 14,
            trust_proxy: false,
            production: false,
            franceconnect: None,
            proconnect: None,
            staff_password_login: false,
            legal: crate::domain::legal::LegalNotice::demo(),
            mail: MailConfig {
                smtp: None,
                dir: std::env::temp_dir().join("accelerateur-test-mails"),
                from: "Accélérateur <ne-pas-repondre@accelerateur.localhost>".into(),
                base_url: "http://127.0.0.1:3000".into(),
                poll_ms: 1_000,
            },
        }
    }
}
