//! State sign-in: FranceConnect for citizens, ProConnect for State agents. The browser goes
//! to the provider through `start` and comes back to `callback` (plain routes: redirects,
//! no JavaScript needed); linking an identity to an existing password account is confirmed
//! on its own page (`pending_link`, `link_account`).

use crate::domain::state_sign_in::Provider;
use crate::domain::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The cookie binding a sign-in to the browser that started it (its `state`).
pub const SIGN_IN_COOKIE: &str = "acc_sign_in";
/// The cookie naming the link waiting for its owner's confirmation.
pub const LINK_COOKIE: &str = "acc_link";

/// The providers this service offers, in the order their buttons come.
#[server(endpoint = "sign_in_methods", input = server_fn::codec::GetUrl)]
pub async fn sign_in_methods() -> Result<Vec<Provider>, AppError> {
    let state = super::guard::state()?;
    Ok(Provider::ALL.into_iter().filter(|p| state.config.provider(*p).is_some()).collect())
}

/// A provider's identity tied to the signed-in account, with the names it vouched for
/// (shown in « Mon compte » as coming from the provider, not editable by hand).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdentityView {
    pub provider: Provider,
    pub given_name: String,
    pub family_name: String,
}

/// The caller's identities from State providers.
#[server(endpoint = "my_identities")]
pub async fn my_identities() -> Result<Vec<IdentityView>, AppError> {
    use super::guard;
    let user = guard::signed_in().await?;
    let state = guard::state()?;
    let rows = crate::server::db::state_sign_in::identities_of(&state.db, user.id).await.map_err(guard::db("identities"))?;
    Ok(rows
        .into_iter()
        .filter_map(|r| Some(IdentityView { provider: Provider::from_code(&r.provider)?, given_name: r.given_name, family_name: r.family_name }))
        .collect())
}

/// An identity waiting to be linked to the password account with the same address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingLinkView {
    pub provider: Provider,
    /// The existing account's address.
    pub email: String,
    /// The names as the provider gave them.
    pub given_name: String,
    pub family_name: String,
}

/// The link this browser is asked to confirm, if it is still waiting.
#[server(endpoint = "pending_link")]
pub async fn pending_link() -> Result<Option<PendingLinkView>, AppError> {
    use super::guard;
    use crate::server::{auth, db};
    let state = guard::state()?;
    let parts = guard::parts()?;
    let Some(token) = auth::cookie(&parts.headers, LINK_COOKIE).filter(|t| !t.is_empty()) else { return Ok(None) };
    let Some(link) = db::state_sign_in::pending_link(&state.db, &auth::token_hash(token)).await.map_err(guard::db("pending link"))? else {
        return Ok(None);
    };
    let Some(user) = db::account::find_by_id(&state.db, link.user_id).await.map_err(guard::db("link account"))? else { return Ok(None) };
    let Some(provider) = Provider::from_code(&link.provider) else { return Ok(None) };
    Ok(Some(PendingLinkView { provider, email: user.email, given_name: link.given_name, family_name: link.family_name }))
}

/// Confirms the link with the existing account's password: the identity is tied to the
/// account and a session opens. Wrong passwords count towards the account's login limit.
#[server(endpoint = "link_account")]
pub async fn link_account(password: String) -> Result<(), AppError> {
    use super::guard;
    use crate::domain::account::login_wait_minutes;
    use crate::domain::state_sign_in::Failure;
    use crate::domain::validate::{FormErrors, Problem};
    use crate::server::{auth, db};

    let state = guard::state()?;
    let parts = guard::parts()?;
    let expired = || {
        leptos_axum::redirect(&failure_address(Failure::LinkExpired, None));
        Ok(())
    };
    let Some(token) = auth::cookie(&parts.headers, LINK_COOKIE).filter(|t| !t.is_empty()) else { return expired() };
    let token_hash = auth::token_hash(token);
    let Some(link) = db::state_sign_in::pending_link(&state.db, &token_hash).await.map_err(guard::db("pending link"))? else {
        return expired();
    };
    let Some(user) = db::account::find_by_id(&state.db, link.user_id).await.map_err(guard::db("link account"))? else { return expired() };
    let now = db::now();
    let window = crate::domain::account::LOGIN_WINDOW_MINUTES * 60;
    let failures = db::account::recent_failures(&state.db, &user.email, now - window).await.map_err(guard::db("failures"))?;
    if let Some(wait_minutes) = login_wait_minutes(&failures, now) {
        return Err(AppError::TooManyAttempts { wait_minutes });
    }
    if password.is_empty() || password.chars().count() > 1024 || !auth::verify_password(password, user.password_hash.clone()).await? {
        db::account::record_failure(&state.db, &user.email).await.map_err(guard::db("record failure"))?;
        let mut errors = FormErrors::default();
        errors.add("password", Problem::WrongPassword);
        return Err(AppError::Invalid(errors));
    }
    let Some(link) = db::state_sign_in::confirm_link(&state.db, &token_hash).await.map_err(guard::db("confirm link"))? else {
        return expired();
    };
    let Some(provider) = Provider::from_code(&link.provider) else { return Err(AppError::Internal) };
    db::account::clear_failures(&state.db, &user.email).await.map_err(guard::db("clear failures"))?;
    tracing::info!(user_id = user.id, provider = provider.code(), "identity linked to an existing account");
    let (session, session_hash) = auth::new_session_token();
    let parts = guard::parts()?;
    let opened = db::sessions::NewSession {
        token_hash: &session_hash,
        user_id: user.id,
        idle_seconds: crate::domain::sessions::idle_seconds(state.config.session_days),
        user_agent: auth::user_agent(&parts.headers),
    };
    db::state_sign_in::insert_session(&state.db, &opened, provider, &link.id_token).await.map_err(guard::db("insert session"))?;
    guard::set_cookie(&auth::session_cookie(&session, crate::domain::sessions::COOKIE_MAX_AGE_SECONDS, state.config.secure_cookies));
    guard::set_cookie(&auth::short_cookie(LINK_COOKIE, "", 0, "/", state.config.secure_cookies));
    leptos_axum::redirect(&destination(&link.retour));
    Ok(())
}

/// Where a sign-in ends: the page that asked for it, or the account page.
#[cfg(feature = "ssr")]
fn destination(retour: &str) -> String {
    if crate::domain::validate::is_local_path(retour) { retour.to_string() } else { crate::domain::paths::Page::Account.path() }
}

/// The login page telling why a sign-in through a provider opened no session.
#[cfg(feature = "ssr")]
fn failure_address(failure: crate::domain::state_sign_in::Failure, provider: Option<Provider>) -> String {
    let mut address = format!("{}?echec={}", crate::domain::paths::Page::Login.path(), failure.code());
    if let Some(p) = provider {
        address.push_str("&fournisseur=");
        address.push_str(p.code());
    }
    address
}

#[cfg(feature = "ssr")]
pub mod handlers {
    //! The browser's trips to the provider and back.

    use super::{destination, failure_address, LINK_COOKIE, SIGN_IN_COOKIE};
    use crate::domain::paths::Page;
    use crate::domain::state_sign_in::{outcome, Failure, Outcome, Provider, LINK_MINUTES, SIGN_IN_MINUTES};
    use crate::server::state::AppState;
    use crate::server::state_sign_in::{self as oidc, Identity};
    use crate::server::{auth, db};
    use axum::extract::{Query, State};
    use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
    use axum::response::{IntoResponse, Response};

    /// A `303 See Other` to `location`, setting `cookies`.
    fn go(location: &str, cookies: &[String]) -> Response {
        let mut res = StatusCode::SEE_OTHER.into_response();
        if let Ok(v) = HeaderValue::from_str(location) {
            res.headers_mut().insert(header::LOCATION, v);
        }
        for c in cookies {
            if let Ok(v) = HeaderValue::from_str(c) {
                res.headers_mut().append(header::SET_COOKIE, v);
            }
        }
        res
    }

    #[derive(serde::Deserialize)]
    pub struct StartQuery {
        retour: Option<String>,
    }

    pub async fn franceconnect(state: State<AppState>, query: Query<StartQuery>) -> Response {
        start(Provider::FranceConnect, state, query).await
    }

    pub async fn proconnect(state: State<AppState>, query: Query<StartQuery>) -> Response {
        start(Provider::ProConnect, state, query).await
    }

    /// `GET` or `POST /connexion/<provider>`: remembers the sign-in (its state, hashed, and
    /// nonce), binds it to this browser with a short cookie, and sends the browser to the
    /// provider.
    async fn start(provider: Provider, State(state): State<AppState>, Query(query): Query<StartQuery>) -> Response {
        let Some(config) = state.config.provider(provider) else {
            return go(&failure_address(Failure::NotConfigured, Some(provider)), &[]);
        };
        let started = match oidc::start(provider, config).await {
            Ok(s) => s,
            Err(r) => {
                tracing::warn!(provider = provider.code(), detail = %r.detail, "sign-in could not start");
                return go(&failure_address(r.failure, Some(provider)), &[]);
            }
        };
        let retour = query.retour.filter(|r| crate::domain::validate::is_local_path(r)).unwrap_or_default();
        let expires = db::now() + SIGN_IN_MINUTES * 60;
        if let Err(e) = db::state_sign_in::begin(&state.db, &auth::token_hash(&started.state), provider, &started.nonce, &retour, expires).await {
            tracing::error!(error = %e, "sign-in: cannot record the request");
            return go(&failure_address(Failure::Provider, Some(provider)), &[]);
        }
        let cookie = auth::short_cookie(SIGN_IN_COOKIE, &started.state, SIGN_IN_MINUTES * 60, "/connexion", state.config.secure_cookies);
        go(&started.url, &[cookie])
    }

    #[derive(serde::Deserialize)]
    pub struct CallbackQuery {
        code: Option<String>,
        state: Option<String>,
        error: Option<String>,
    }

    pub async fn franceconnect_callback(state: State<AppState>, headers: HeaderMap, query: Query<CallbackQuery>) -> Response {
        callback(Provider::FranceConnect, state, headers, query).await
    }

    pub async fn proconnect_callback(state: State<AppState>, headers: HeaderMap, query: Query<CallbackQuery>) -> Response {
        callback(Provider::ProConnect, state, headers, query).await
    }

    /// `GET /connexion/<provider>/retour`: the provider's answer. Opens a session only when
    /// the answer belongs to a sign-in this browser started (state in its cookie and in the
    /// database, used once, in time) and every token verifies; otherwise the login page says
    /// why.
    async fn callback(provider: Provider, State(state): State<AppState>, headers: HeaderMap, Query(query): Query<CallbackQuery>) -> Response {
        let clear = auth::short_cookie(SIGN_IN_COOKIE, "", 0, "/connexion", state.config.secure_cookies);
        match answer(provider, &state, &headers, query).await {
            Ok(Signed::In { user_id, identity, retour }) => {
                let (token, hash) = auth::new_session_token();
                let session = db::sessions::NewSession {
                    token_hash: &hash,
                    user_id,
                    idle_seconds: crate::domain::sessions::idle_seconds(state.config.session_days),
                    user_agent: auth::user_agent(&headers),
                };
                let opened = db::state_sign_in::insert_session(&state.db, &session, provider, &identity.id_token).await;
                if let Err(e) = opened {
                    tracing::error!(error = %e, "sign-in: cannot open the session");
                    return go(&failure_address(Failure::Provider, Some(provider)), &[clear]);
                }
                tracing::info!(user_id, provider = provider.code(), "signed in through a provider");
                go(&destination(&retour), &[clear, auth::session_cookie(&token, crate::domain::sessions::COOKIE_MAX_AGE_SECONDS, state.config.secure_cookies)])
            }
            Ok(Signed::ToConfirm { link_token }) => {
                let cookie = auth::short_cookie(LINK_COOKIE, &link_token, LINK_MINUTES * 60, "/", state.config.secure_cookies);
                go(&Page::LinkAccount.path(), &[clear, cookie])
            }
            Err(failure) => go(&failure_address(failure, Some(provider)), &[clear]),
        }
    }

    enum Signed {
        In { user_id: i64, identity: Identity, retour: String },
        ToConfirm { link_token: String },
    }

    async fn answer(provider: Provider, state: &AppState, headers: &HeaderMap, query: CallbackQuery) -> Result<Signed, Failure> {
        let config = state.config.provider(provider).ok_or(Failure::NotConfigured)?;
        let internal = |context: &'static str| {
            move |e: sqlx::Error| {
                tracing::error!(error = %e, "sign-in: {context}");
                Failure::Provider
            }
        };
        // The answer must carry the state this browser was given, and the sign-in must still
        // be waiting (it is taken here, so a second answer with the same state finds nothing).
        let given = query.state.filter(|s| !s.is_empty()).ok_or(Failure::Unknown)?;
        if auth::cookie(headers, SIGN_IN_COOKIE) != Some(given.as_str()) {
            tracing::warn!(provider = provider.code(), "sign-in answer: state not this browser's");
            return Err(Failure::Unknown);
        }
        let request = db::state_sign_in::take(&state.db, &auth::token_hash(&given)).await.map_err(internal("take request"))?.ok_or(Failure::Unknown)?;
        if request.provider != provider.code() || request.expires_at <= db::now() {
            return Err(Failure::Unknown);
        }
        if let Some(error) = query.error {
            tracing::info!(provider = provider.code(), %error, "sign-in refused at the provider");
            return Err(if error == "access_denied" { Failure::Cancelled } else { Failure::Provider });
        }
        let code = query.code.filter(|c| !c.is_empty()).ok_or(Failure::Provider)?;
        let identity = oidc::finish(provider, config, &code, &request.nonce).await.map_err(|r| {
            tracing::warn!(provider = provider.code(), detail = %r.detail, "sign-in answer refused");
            r.failure
        })?;
        let email = identity.email.clone().filter(|e| crate::domain::account::Email::parse(e).is_ok()).ok_or(Failure::NoEmail)?;
        let names = db::state_sign_in::VouchedNames {
            provider,
            subject: &identity.subject,
            given_name: &identity.given_name,
            family_name: &identity.family_name,
        };
        let known = match db::state_sign_in::identity(&state.db, provider, &identity.subject).await.map_err(internal("identity"))? {
            Some(row) => db::account::find_by_id(&state.db, row.user_id).await.map_err(internal("identity's account"))?,
            None => None,
        };
        let same_address = db::account::find_by_email(&state.db, &email).await.map_err(internal("account by address"))?;
        let retour = request.retour;
        match outcome(provider, known.as_ref().map(|u| (u.id, u.role())), same_address.as_ref().map(|u| (u.id, u.role()))) {
            Outcome::Known { user_id } => {
                db::state_sign_in::touch(&state.db, &names).await.map_err(internal("touch identity"))?;
                Ok(Signed::In { user_id, identity, retour })
            }
            Outcome::LinkAgent { user_id } => {
                db::state_sign_in::tie(&state.db, user_id, &names).await.map_err(internal("tie agent"))?;
                tracing::info!(user_id, "ProConnect identity tied to a staff account");
                Ok(Signed::In { user_id, identity, retour })
            }
            Outcome::Create => {
                let name = crate::domain::state_sign_in::display_name(&identity.given_name, &identity.family_name);
                let lang = auth::cookie(headers, crate::server::http::LANG_COOKIE)
                    .map(crate::domain::i18n::Locale::from_code)
                    .unwrap_or_default();
                let user_id = db::state_sign_in::create_citizen(&state.db, &email, &name, lang.code(), &names)
                    .await
                    .map_err(internal("create citizen"))?;
                tracing::info!(user_id, "account created through FranceConnect");
                Ok(Signed::In { user_id, identity, retour })
            }
            Outcome::Confirm { user_id } => {
                let (link_token, token_hash) = auth::new_session_token();
                let link = db::state_sign_in::NewPendingLink {
                    token_hash: &token_hash,
                    user_id,
                    names,
                    id_token: &identity.id_token,
                    retour: &retour,
                    expires_at: db::now() + LINK_MINUTES * 60,
                };
                db::state_sign_in::propose_link(&state.db, &link).await.map_err(internal("propose link"))?;
                Ok(Signed::ToConfirm { link_token })
            }
            Outcome::Refused(failure) => Err(failure),
        }
    }

    /// `GET /deconnexion/retour`: the provider ended its session and sent the browser back.
    pub async fn logout_callback() -> Response {
        go("/", &[])
    }
}
