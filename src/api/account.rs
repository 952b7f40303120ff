//! Accounts: sign-up, login, logout, password change, roles.

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
}

#[cfg(feature = "ssr")]
impl From<crate::server::db::account::UserRow> for UserView {
    fn from(row: crate::server::db::account::UserRow) -> Self {
        UserView { id: row.id, role: row.role(), email: row.email, display_name: row.display_name }
    }
}

#[cfg(feature = "ssr")]
mod flow {
    //! Steps shared by several account server functions.
    use super::super::guard;
    use crate::domain::error::AppError;
    use crate::server::{auth, db};

    /// Opens a session for the account and sets its cookie.
    pub async fn open_session(user_id: i64) -> Result<(), AppError> {
        let state = guard::state()?;
        let (token, hash) = auth::new_session_token();
        let max_age = state.config.session_days * 86_400;
        db::account::insert_session(&state.db, &hash, user_id, db::now() + max_age)
            .await
            .map_err(guard::db("insert session"))?;
        set_cookie(&auth::session_cookie(&token, max_age, state.config.secure_cookies));
        Ok(())
    }

    pub fn set_cookie(value: &str) {
        if let (Some(res), Ok(v)) =
            (leptos::prelude::use_context::<leptos_axum::ResponseOptions>(), http::HeaderValue::from_str(value))
        {
            res.append_header(http::header::SET_COOKIE, v);
        }
    }
}

/// Creates an applicant account, signs it in, then goes to `retour` (a path on this site,
/// e.g. a jury invitation) or to the account page.
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
        return guard::reject(AppError::Invalid(keep(errors)));
    };
    let hash = auth::hash_password(password_ok.expose().to_string()).await?;
    let id = match db::account::insert_user(&state.db, email_ok.as_str(), name_ok.as_str(), &hash, Role::Applicant).await {
        Ok(id) => id,
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
            errors.add("email", Problem::EmailTaken);
            return guard::reject(AppError::Invalid(keep(errors)));
        }
        Err(e) => return guard::reject(guard::db("insert user")(e)),
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
        return guard::reject(AppError::BadCredentials);
    }
    let now = db::now();
    let window = crate::domain::account::LOGIN_WINDOW_MINUTES * 60;
    let failures = db::account::recent_failures(&state.db, &email, now - window).await.map_err(guard::db("failures"))?;
    if let Some(wait_minutes) = login_wait_minutes(&failures, now) {
        return guard::reject(AppError::TooManyAttempts { wait_minutes });
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
        Some(u) if verified => {
            db::account::clear_failures(&state.db, &email).await.map_err(guard::db("clear failures"))?;
            flow::open_session(u.id).await?;
            let next = if crate::domain::validate::is_local_path(&retour) { retour.as_str() } else { "/compte" };
            leptos_axum::redirect(next);
            Ok(())
        }
        _ => {
            db::account::record_failure(&state.db, &email).await.map_err(guard::db("record failure"))?;
            guard::reject(AppError::BadCredentials)
        }
    }
}

/// Ends the current session.
#[server(endpoint = "logout")]
pub async fn logout() -> Result<(), AppError> {
    use super::guard;
    use crate::server::auth;

    let state = guard::state()?;
    let parts = guard::parts()?;
    if let Some(token) = auth::cookie(&parts.headers, auth::SESSION_COOKIE) {
        crate::server::db::account::delete_session(&state.db, &auth::token_hash(token))
            .await
            .map_err(guard::db("delete session"))?;
    }
    flow::set_cookie(&auth::clear_session_cookie(state.config.secure_cookies));
    leptos_axum::redirect("/");
    Ok(())
}

/// The signed-in account, or `None` for a visitor.
#[server(endpoint = "current_user")]
pub async fn current_user() -> Result<Option<UserView>, AppError> {
    Ok(super::guard::caller().await?.map(UserView::from))
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
    if current.is_empty() {
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
        return guard::reject(AppError::Invalid(errors));
    };
    if current.chars().count() > 1024 || !auth::verify_password(current, user.password_hash.clone()).await? {
        errors.add("current", Problem::WrongCurrentPassword);
        return guard::reject(AppError::Invalid(errors));
    }
    let hash = auth::hash_password(new_password.expose().to_string()).await?;
    db::account::set_password_hash(&state.db, user.id, &hash).await.map_err(guard::db("set password"))?;
    let parts = guard::parts()?;
    let keep = auth::cookie(&parts.headers, auth::SESSION_COOKIE).map(auth::token_hash).unwrap_or_default();
    db::account::delete_other_sessions(&state.db, user.id, &keep).await.map_err(guard::db("other sessions"))?;
    tracing::info!(user_id = user.id, "password changed");
    leptos_axum::redirect("/compte?ok=mot-de-passe");
    Ok(())
}

/// Every account, for the admin.
#[server(endpoint = "list_users")]
pub async fn list_users() -> Result<Vec<UserView>, AppError> {
    use super::guard;
    guard::with_role(Role::is_admin).await?;
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

    let admin = guard::with_role(Role::is_admin).await?;
    let state = guard::state()?;
    let Some(role) = Role::from_code(&role) else {
        let mut errors = FormErrors::default();
        errors.add("role", Problem::UnknownChoice);
        return guard::reject(AppError::Invalid(errors));
    };
    if db::account::find_by_id(&state.db, user_id).await.map_err(guard::db("find user"))?.is_none() {
        return guard::reject(AppError::NotFound);
    }
    if !db::account::set_role_keeping_an_admin(&state.db, user_id, role).await.map_err(guard::db("set role"))? {
        return guard::reject(AppError::Forbidden);
    }
    tracing::info!(admin_id = admin.id, user_id, role = role.code(), "role changed");
    leptos_axum::redirect("/admin/utilisateurs?ok=role");
    Ok(())
}
