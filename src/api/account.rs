//! Accounts: sign-up, login, logout, password change, roles.

#[cfg(feature = "ssr")]
use crate::domain::paths::Page;

#[cfg(feature = "ssr")]
use crate::domain::done::Done;
use crate::domain::account::Role;
use crate::domain::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// What the interface knows of an account (never the password hash).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserView {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    /// The address was confirmed through the link sent to it.
    pub email_verified: bool,
    /// Has a password (an account created through FranceConnect has none until it adds one).
    pub has_password: bool,
    /// Sits on at least one cohort's jury: the juror space is in the menu. Filled for the
    /// signed-in person (`current_user`), false in lists.
    pub has_jury_seat: bool,
}

impl UserView {
    /// « Mes candidatures »: every citizen may apply (and co-applicants find theirs there).
    pub fn applicant_space(&self) -> bool {
        self.role.is_citizen()
    }

    /// « Mon espace juré »: a citizen with a seat on a jury.
    pub fn juror_space(&self) -> bool {
        self.role.is_citizen() && self.has_jury_seat
    }
}

#[cfg(feature = "ssr")]
impl From<crate::server::db::account::UserRow> for UserView {
    fn from(row: crate::server::db::account::UserRow) -> Self {
        UserView {
            id: row.id,
            role: row.role(),
            email_verified: row.email_verified_at.is_some(),
            has_password: !row.password_hash.is_empty(),
            has_jury_seat: false,
            email: row.email,
            display_name: row.display_name,
        }
    }
}

#[cfg(feature = "ssr")]
mod flow {
    //! Steps shared by several account server functions.
    use super::super::guard;
    use crate::domain::error::AppError;
    use crate::domain::i18n::Locale;
    use crate::domain::mail::{Notice, RESET_MINUTES, VERIFY_HOURS};
    use crate::server::{auth, db};

    /// Opens a session for the account (with the browser's user agent, shown in « Mon
    /// compte ») and sets its cookie. The session slides: see `domain::sessions`.
    pub async fn open_session(user_id: i64) -> Result<(), AppError> {
        use crate::domain::sessions::{idle_seconds, COOKIE_MAX_AGE_SECONDS};
        let state = guard::state()?;
        let parts = guard::parts()?;
        let (token, hash) = auth::new_session_token();
        let session = db::sessions::NewSession {
            token_hash: &hash,
            user_id,
            idle_seconds: idle_seconds(state.config.session_days),
            user_agent: auth::user_agent(&parts.headers),
        };
        db::account::insert_session(&state.db, &session).await.map_err(guard::db("insert session"))?;
        guard::set_cookie(&auth::session_cookie(&token, COOKIE_MAX_AGE_SECONDS, state.config.secure_cookies));
        Ok(())
    }

    /// A new link token for a mail: the token (in the link) and its hash (stored).
    pub fn link_token() -> (String, String) {
        auth::new_session_token()
    }

    pub fn base_url() -> Result<String, AppError> {
        Ok(guard::state()?.config.mail.base_url.clone())
    }

    /// A link confirming `email` (an account's address, or its new one) and the mail carrying it.
    pub fn verify_link(name: &str, email: &str, lang: Locale) -> Result<db::account::NewToken, AppError> {
        let (token, token_hash) = link_token();
        Ok(db::account::NewToken {
            mail: Notice::VerifyAddress { name: name.to_string(), token }.compose(email, lang, &base_url()?),
            token_hash,
            purpose: "verify",
            email: email.to_string(),
            expires_at: db::now() + VERIFY_HOURS * 3_600,
        })
    }

    /// A password-reset link for the account's address and the mail carrying it.
    pub fn reset_link(email: &str, lang: Locale) -> Result<db::account::NewToken, AppError> {
        let (token, token_hash) = link_token();
        Ok(db::account::NewToken {
            mail: Notice::PasswordReset { token }.compose(email, lang, &base_url()?),
            token_hash,
            purpose: "reset",
            email: email.to_string(),
            expires_at: db::now() + RESET_MINUTES * 60,
        })
    }
}

/// Creates an applicant account, signs it in, then goes to `retour` (a path on this site,
/// e.g. a jury invitation) or to the account page. A link to confirm the address is mailed
/// (in the interface's language, which becomes the account's).
#[server(endpoint = "signup")]
pub async fn signup(
    name: String,
    email: String,
    password: String,
    password_confirm: String,
    #[server(default)] retour: String,
) -> Result<(), AppError> {
    use super::guard;
    use crate::domain::account::{DisplayName, Email, NewPassword};
    use crate::domain::validate::{FormErrors, Problem};
    use crate::server::{auth, db};

    let state = guard::state()?;
    let mut errors = FormErrors::default();
    let parsed_name = errors.check("name", DisplayName::parse(&name));
    let parsed_email = errors.check("email", Email::parse(&email));
    let parsed_password = match NewPassword::parse(&password, &password_confirm) {
        Ok(p) => Some(p),
        Err((field, problem)) => {
            errors.add(field, problem);
            None
        }
    };
    let keep = |errors: FormErrors| errors.keep("name", &name).keep("email", &email);
    let (Some(name_ok), Some(email_ok), Some(password_ok)) = (parsed_name, parsed_email, parsed_password) else {
        return Err(AppError::Invalid(keep(errors)));
    };
    let hash = auth::hash_password(password_ok.expose().to_string()).await?;
    let locale = guard::locale();
    let link = flow::verify_link(name_ok.as_str(), email_ok.as_str(), locale)?;
    let id = match db::account::sign_up(&state.db, email_ok.as_str(), name_ok.as_str(), &hash, locale, &link).await {
        Ok(id) => id,
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
            errors.add("email", Problem::EmailTaken);
            return Err(AppError::Invalid(keep(errors)));
        }
        Err(e) => return Err(guard::db("insert user")(e)),
    };
    tracing::info!(user_id = id, "account created");
    flow::open_session(id).await?;
    leptos_axum::redirect(if crate::domain::validate::is_local_path(&retour) { retour.as_str() } else { "/compte" });
    Ok(())
}

/// Signs in with email and password, then goes to `retour` (a path on this site, e.g. the
/// candidature step the session expired on) or the account page. After 5 failures in
/// 15 minutes for one address, further attempts are refused until the window has passed.
#[server(endpoint = "login")]
pub async fn login(email: String, password: String, #[server(default)] retour: String) -> Result<(), AppError> {
    use super::guard;
    use crate::domain::account::login_wait_minutes;
    use crate::server::{auth, db};

    let state = guard::state()?;
    let email = email.trim().to_lowercase();
    if email.is_empty() || password.is_empty() || email.chars().count() > 254 || password.chars().count() > 1024 {
        return Err(AppError::BadCredentials);
    }
    let now = db::now();
    let window = crate::domain::account::LOGIN_WINDOW_MINUTES * 60;
    let failures = db::account::recent_failures(&state.db, &email, now - window).await.map_err(guard::db("failures"))?;
    if let Some(wait_minutes) = login_wait_minutes(&failures, now) {
        return Err(AppError::TooManyAttempts { wait_minutes });
    }
    let user = db::account::find_by_email(&state.db, &email).await.map_err(guard::db("find user"))?;
    let verified = match &user {
        Some(u) => auth::verify_password(password, u.password_hash.clone()).await?,
        None => {
            auth::dummy_verify(password).await;
            false
        }
    };
    match user {
        Some(u) if verified && proconnect_only(&state.config, u.role()) => Err(AppError::UseProConnect),
        Some(u) if verified => {
            db::account::clear_failures(&state.db, &email).await.map_err(guard::db("clear failures"))?;
            flow::open_session(u.id).await?;
            let next = if crate::domain::validate::is_local_path(&retour) { retour.as_str() } else { "/compte" };
            leptos_axum::redirect(next);
            Ok(())
        }
        _ => {
            db::account::record_failure(&state.db, &email).await.map_err(guard::db("record failure"))?;
            Err(AppError::BadCredentials)
        }
    }
}

/// Where ProConnect is configured in production, staff accounts sign in only through it
/// (`STAFF_PASSWORD_LOGIN=1` reopens the password for an admin's recovery).
#[cfg(feature = "ssr")]
fn proconnect_only(config: &crate::server::config::Config, role: Role) -> bool {
    role.is_staff() && config.proconnect.is_some() && config.production && !config.staff_password_login
}

/// Ends the current session. A session opened through FranceConnect or ProConnect ends the
/// provider's session too: the browser goes to the provider's logout, which sends it back.
#[server(endpoint = "logout")]
pub async fn logout() -> Result<(), AppError> {
    use super::guard;
    use crate::server::{auth, db, state_sign_in};

    let state = guard::state()?;
    let parts = guard::parts()?;
    let mut next = "/".to_string();
    if let Some(token) = auth::cookie(&parts.headers, auth::SESSION_COOKIE) {
        let ended = db::state_sign_in::end_session(&state.db, &auth::token_hash(token)).await.map_err(guard::db("delete session"))?;
        if let Some((provider, id_token)) = ended {
            if let Some(config) = state.config.provider(provider) {
                if let Some(url) = state_sign_in::logout_url(config, &id_token, &state_sign_in::random_state()).await {
                    next = url;
                }
            }
        }
    }
    guard::set_cookie(&auth::clear_session_cookie(state.config.secure_cookies));
    leptos_axum::redirect(&next);
    Ok(())
}

/// The signed-in account, or `None` for a visitor.
#[server(endpoint = "current_user")]
pub async fn current_user() -> Result<Option<UserView>, AppError> {
    use super::guard;
    let Some(user) = guard::caller().await? else { return Ok(None) };
    let state = guard::state()?;
    let has_jury_seat = crate::server::db::jury::has_a_seat(&state.db, user.id).await.map_err(guard::db("jury seat"))?;
    Ok(Some(UserView { has_jury_seat, ..UserView::from(user) }))
}

/// Changes the caller's password; every other session of the account is closed.
#[server(endpoint = "change_password")]
pub async fn change_password(current: String, password: String, password_confirm: String) -> Result<(), AppError> {
    use super::guard;
    use crate::domain::account::NewPassword;
    use crate::domain::validate::{FormErrors, Problem};
    use crate::server::{auth, db};

    let user = guard::signed_in().await?;
    let state = guard::state()?;
    let mut errors = FormErrors::default();
    // An account created through FranceConnect has no password yet: it adds one.
    let has_password = !user.password_hash.is_empty();
    if has_password && current.is_empty() {
        errors.add("current", Problem::Required);
    }
    let new_password = match NewPassword::parse(&password, &password_confirm) {
        Ok(p) => Some(p),
        Err((field, problem)) => {
            errors.add(field, problem);
            None
        }
    };
    let Some(new_password) = new_password.filter(|_| errors.is_empty()) else {
        return Err(AppError::Invalid(errors));
    };
    if has_password && (current.chars().count() > 1024 || !auth::verify_password(current, user.password_hash.clone()).await?) {
        errors.add("current", Problem::WrongCurrentPassword);
        return Err(AppError::Invalid(errors));
    }
    let hash = auth::hash_password(new_password.expose().to_string()).await?;
    db::account::set_password_hash(&state.db, user.id, &hash).await.map_err(guard::db("set password"))?;
    let parts = guard::parts()?;
    let keep = auth::cookie(&parts.headers, auth::SESSION_COOKIE).map(auth::token_hash).unwrap_or_default();
    db::account::delete_other_sessions(&state.db, user.id, &keep).await.map_err(guard::db("other sessions"))?;
    tracing::info!(user_id = user.id, "password changed");
    leptos_axum::redirect(&Done::PasswordChanged.at(&Page::Account.path()));
    Ok(())
}

/// Every account, for the admin.
#[server(endpoint = "list_users")]
pub async fn list_users() -> Result<Vec<UserView>, AppError> {
    use super::guard;
    guard::admin().await?;
    let state = guard::state()?;
    let rows = crate::server::db::account::list_users(&state.db).await.map_err(guard::db("list users"))?;
    Ok(rows.into_iter().map(UserView::from).collect())
}

/// Gives an account a role (admin only). The last admin cannot be demoted.
#[server(endpoint = "set_role")]
pub async fn set_role(user_id: i64, role: String) -> Result<(), AppError> {
    use super::guard;
    use crate::domain::validate::{FormErrors, Problem};
    use crate::server::db;

    let admin = guard::admin().await?;
    let state = guard::state()?;
    let Some(role) = Role::from_code(&role) else {
        let mut errors = FormErrors::default();
        errors.add("role", Problem::UnknownChoice);
        return Err(AppError::Invalid(errors));
    };
    if db::account::find_by_id(&state.db, user_id).await.map_err(guard::db("find user"))?.is_none() {
        return Err(AppError::NotFound);
    }
    if !db::account::set_role_keeping_an_admin(&state.db, user_id, role).await.map_err(guard::db("set role"))? {
        return Err(AppError::Forbidden);
    }
    tracing::info!(admin_id = admin.id, user_id, role = role.code(), "role changed");
    leptos_axum::redirect(&Done::RoleChanged.at(&Page::Users.path()));
    Ok(())
}

/// Mails a new confirmation link to the caller's address (the earlier one stops working).
#[server(endpoint = "resend_verification")]
pub async fn resend_verification() -> Result<(), AppError> {
    use super::guard;
    use crate::server::db;

    let user = guard::signed_in().await?;
    let state = guard::state()?;
    if user.email_verified_at.is_some() {
        leptos_axum::redirect(&Page::Account.path());
        return Ok(());
    }
    let link = flow::verify_link(&user.display_name, &user.email, user.locale())?;
    db::account::new_token(&state.db, user.id, &link).await.map_err(guard::db("resend verification"))?;
    leptos_axum::redirect(&Done::VerificationSent.at(&Page::Account.path()));
    Ok(())
}

/// Whether a confirmation link can still be used (the page shows the button or says why not).
#[server(endpoint = "verification_state")]
pub async fn verification_state(token: String) -> Result<(), AppError> {
    use super::guard;
    use crate::server::{auth, db};
    let state = guard::state()?;
    match db::account::token(&state.db, &auth::token_hash(token.trim()), "verify").await.map_err(guard::db("token"))? {
        Ok(_) => Ok(()),
        Err(problem) => Err(AppError::Token(problem)),
    }
}

/// Uses a confirmation link: the account's address (or its new address) is confirmed. Anyone
/// holding the link may use it, signed in or not: the link itself proves the mailbox.
#[server(endpoint = "confirm_address")]
pub async fn confirm_address(token: String) -> Result<(), AppError> {
    use super::guard;
    use crate::domain::validate::{FormErrors, Problem};
    use crate::server::{auth, db};
    use db::account::TokenUse;

    let state = guard::state()?;
    match db::account::confirm_address(&state.db, &auth::token_hash(token.trim())).await.map_err(guard::db("confirm address"))? {
        TokenUse::Done { user_id } => {
            tracing::info!(user_id, "address confirmed");
            let signed_in = guard::caller().await?.is_some();
            leptos_axum::redirect(&Done::AddressConfirmed.at(if signed_in { "/compte" } else { "/connexion" }));
            Ok(())
        }
        TokenUse::Refused(problem) => Err(AppError::Token(problem)),
        TokenUse::EmailTaken => {
            let mut errors = FormErrors::default();
            errors.add("email", Problem::EmailTaken);
            Err(AppError::Invalid(errors))
        }
    }
}

/// Mails a password-reset link when an account has this address. The answer is the same
/// whether or not one exists, so the form does not reveal who has an account.
#[server(endpoint = "request_password_reset")]
pub async fn request_password_reset(email: String) -> Result<(), AppError> {
    use super::guard;
    use crate::domain::account::Email;
    use crate::domain::validate::FormErrors;
    use crate::server::db;

    let state = guard::state()?;
    let parsed = match Email::parse(&email) {
        Ok(e) => e,
        Err(problem) => {
            let mut errors = FormErrors::default();
            errors.add("email", problem);
            return Err(AppError::Invalid(errors.keep("email", &email)));
        }
    };
    if let Some(user) = db::account::find_by_email(&state.db, parsed.as_str()).await.map_err(guard::db("find user"))? {
        let link = flow::reset_link(&user.email, user.locale())?;
        db::account::new_token(&state.db, user.id, &link).await.map_err(guard::db("reset link"))?;
        tracing::info!(user_id = user.id, "password reset link mailed");
    }
    leptos_axum::redirect(&Done::ResetLinkSent.at(&Page::ForgotPassword.path()));
    Ok(())
}

/// Whether a password-reset link can still be used.
#[server(endpoint = "reset_state")]
pub async fn reset_state(token: String) -> Result<(), AppError> {
    use super::guard;
    use crate::server::{auth, db};
    let state = guard::state()?;
    match db::account::token(&state.db, &auth::token_hash(token.trim()), "reset").await.map_err(guard::db("token"))? {
        Ok(_) => Ok(()),
        Err(problem) => Err(AppError::Token(problem)),
    }
}

/// Sets a new password through a reset link; every session of the account ends, and the
/// person logs in with the new password.
#[server(endpoint = "reset_password")]
pub async fn reset_password(token: String, password: String, password_confirm: String) -> Result<(), AppError> {
    use super::guard;
    use crate::domain::account::NewPassword;
    use crate::domain::validate::FormErrors;
    use crate::server::{auth, db};
    use db::account::TokenUse;

    let state = guard::state()?;
    let token_hash = auth::token_hash(token.trim());
    if let Err(problem) = db::account::token(&state.db, &token_hash, "reset").await.map_err(guard::db("token"))? {
        return Err(AppError::Token(problem));
    }
    let new_password = match NewPassword::parse(&password, &password_confirm) {
        Ok(p) => p,
        Err((field, problem)) => {
            let mut errors = FormErrors::default();
            errors.add(field, problem);
            return Err(AppError::Invalid(errors));
        }
    };
    let hash = auth::hash_password(new_password.expose().to_string()).await?;
    match db::account::reset_password(&state.db, &token_hash, &hash).await.map_err(guard::db("reset password"))? {
        TokenUse::Done { user_id } => {
            tracing::info!(user_id, "password reset");
            guard::set_cookie(&auth::clear_session_cookie(state.config.secure_cookies));
            leptos_axum::redirect(&Done::PasswordReset.at(&Page::Login.path()));
            Ok(())
        }
        TokenUse::Refused(problem) => Err(AppError::Token(problem)),
        TokenUse::EmailTaken => Err(AppError::Internal),
    }
}

/// Changes the caller's address: a confirmation link goes to the new address, which replaces
/// the current one only once confirmed (the current password is asked first).
#[server(endpoint = "change_email")]
pub async fn change_email(email: String, current: String) -> Result<(), AppError> {
    use super::guard;
    use crate::domain::account::Email;
    use crate::domain::validate::{FormErrors, Problem};
    use crate::server::{auth, db};

    let user = guard::signed_in().await?;
    let state = guard::state()?;
    let mut errors = FormErrors::default();
    let parsed = errors.check("new_email", Email::parse(&email));
    if current.is_empty() {
        errors.add("current_for_email", Problem::Required);
    }
    let Some(parsed) = parsed.filter(|_| errors.is_empty()) else {
        return Err(AppError::Invalid(errors.keep("new_email", &email)));
    };
    if current.chars().count() > 1024 || !auth::verify_password(current, user.password_hash.clone()).await? {
        errors.add("current_for_email", Problem::WrongCurrentPassword);
        return Err(AppError::Invalid(errors.keep("new_email", &email)));
    }
    if db::account::find_by_email(&state.db, parsed.as_str()).await.map_err(guard::db("find user"))?.is_some() {
        errors.add("new_email", Problem::EmailTaken);
        return Err(AppError::Invalid(errors.keep("new_email", &email)));
    }
    let link = flow::verify_link(&user.display_name, parsed.as_str(), user.locale())?;
    db::account::new_token(&state.db, user.id, &link).await.map_err(guard::db("email change"))?;
    tracing::info!(user_id = user.id, "address change asked");
    leptos_axum::redirect(&Done::AddressToConfirm.at(&Page::Account.path()));
    Ok(())
}
