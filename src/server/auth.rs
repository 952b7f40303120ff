//! Passwords (argon2id, hashed off the async threads), session tokens and cookies.

use super::db::{self, Db};
use crate::domain::error::AppError;
use argon2::password_hash::rand_core::{OsRng, RngCore};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use http::header::COOKIE;
use http::HeaderMap;
use sha2::{Digest, Sha256};

pub const SESSION_COOKIE: &str = "acc_session";

/// Hashes a password with argon2id on the blocking pool.
pub async fn hash_password(password: String) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default().hash_password(password.as_bytes(), &salt).map(|h| h.to_string())
    })
    .await
    .map_err(|e| internal("hash task", e))?
    .map_err(|e| internal("hash", e))
}

/// Checks a password against a stored hash on the blocking pool.
pub async fn verify_password(password: String, hash: String) -> Result<bool, AppError> {
    tokio::task::spawn_blocking(move || match PasswordHash::new(&hash) {
        Ok(parsed) => Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok(),
        Err(_) => false,
    })
    .await
    .map_err(|e| internal("verify task", e))
}

/// A hash of a random password, verified against when the account does not exist so that
/// a wrong address takes as long as a wrong password.
pub async fn dummy_verify(password: String) {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let hash = DUMMY
        .get_or_init(|| {
            let salt = SaltString::generate(&mut OsRng);
            Argon2::default()
                .hash_password(b"not-a-real-password", &salt)
                .map(|h| h.to_string())
                .unwrap_or_default()
        })
        .clone();
    let _ = verify_password(password, hash).await;
}

/// A new random session token (hex, 256 bits) and the hash stored in the database.
pub fn new_session_token() -> (String, String) {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    let token = to_hex(&bytes);
    let hash = token_hash(&token);
    (token, hash)
}

pub fn token_hash(token: &str) -> String {
    to_hex(&Sha256::digest(token.as_bytes()))
}

fn to_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The `Set-Cookie` value opening a session. Opening one, `max_age_seconds` is
/// `domain::sessions::COOKIE_MAX_AGE_SECONDS` (the absolute cap, 90 days): the browser keeps
/// the cookie that long, and the server ends the session earlier when it goes unused for
/// `SESSION_DAYS` (sliding expiry, `db::account::user_for_session`).
pub fn session_cookie(token: &str, max_age_seconds: i64, secure: bool) -> String {
    format!(
        "{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age_seconds}{}",
        if secure { "; Secure" } else { "" }
    )
}

/// A short-lived, HTTP-only cookie under `path` (a sign-in under way, a link to confirm);
/// `max_age_seconds` 0 clears it.
pub fn short_cookie(name: &str, value: &str, max_age_seconds: i64, path: &str, secure: bool) -> String {
    format!("{name}={value}; Path={path}; HttpOnly; SameSite=Lax; Max-Age={max_age_seconds}{}", if secure { "; Secure" } else { "" })
}

/// The `Set-Cookie` value ending a session.
pub fn clear_session_cookie(secure: bool) -> String {
    session_cookie("", 0, secure)
}

/// Reads one cookie from the request headers.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// The request's `User-Agent` (empty when absent or not text): it names the device of a
/// session in « Mon compte ».
pub fn user_agent(headers: &HeaderMap) -> &str {
    headers.get(http::header::USER_AGENT).and_then(|v| v.to_str().ok()).unwrap_or_default()
}

/// The network address of the person behind a request: the peer address, or behind a load
/// balancer (`trust_proxy`), the last `X-Forwarded-For` entry, the one the balancer added.
/// Empty when unknown (a request that did not come through a socket, as in tests).
pub fn client_address(parts: &http::request::Parts, trust_proxy: bool) -> String {
    if trust_proxy {
        if let Some(last) = parts
            .headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(str::trim)
            .rfind(|v| !v.is_empty())
        {
            return last.chars().take(64).collect();
        }
    }
    parts
        .extensions
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|c| c.0.ip().to_string())
        .unwrap_or_default()
}

/// The signed-in account of a request, if its session cookie is live.
pub async fn user_from_headers(db: &Db, headers: &HeaderMap) -> Result<Option<db::account::UserRow>, AppError> {
    let Some(token) = cookie(headers, SESSION_COOKIE).filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    db::account::user_for_session(db, &token_hash(token)).await.map_err(|e| internal("session lookup", e))
}

/// Logs an internal failure with context and returns the generic error the user sees.
pub fn internal(context: &str, error: impl std::fmt::Display) -> AppError {
    tracing::error!(%error, "{context}");
    AppError::Internal
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookies_are_found_among_others() {
        let mut h = HeaderMap::new();
        h.insert(COOKIE, "lang=en; acc_session=abc123; x=y".parse().unwrap());
        assert_eq!(cookie(&h, SESSION_COOKIE), Some("abc123"));
        assert_eq!(cookie(&h, "lang"), Some("en"));
        assert_eq!(cookie(&h, "missing"), None);
    }

    #[test]
    fn tokens_are_random_and_only_their_hash_is_kept() {
        let (t1, h1) = new_session_token();
        let (t2, _) = new_session_token();
        assert_ne!(t1, t2);
        assert_eq!(t1.len(), 64);
        assert_eq!(token_hash(&t1), h1);
        assert_ne!(t1, h1);
    }

    #[test]
    fn session_cookie_is_http_only_same_site_and_secure_when_asked() {
        let c = session_cookie("t", 60, true);
        assert!(c.contains("HttpOnly") && c.contains("SameSite=Lax") && c.ends_with("; Secure"));
        assert!(!session_cookie("t", 60, false).contains("Secure"));
    }

    #[tokio::test]
    async fn passwords_verify_only_against_their_own_hash() {
        let hash = hash_password("correct horse battery".into()).await.unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password("correct horse battery".into(), hash.clone()).await.unwrap());
        assert!(!verify_password("wrong horse battery".into(), hash).await.unwrap());
    }
}
