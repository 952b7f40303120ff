//! The OpenID Connect side of the State sign-in (FranceConnect v2, ProConnect), with the
//! maintained `openidconnect` crate: discovery, the authorization request (`state` and `nonce`
//! of 32 random characters, `acr_values=eidas1` for FranceConnect), the code exchange, the ID
//! token's checks (signature against the published keys, issuer, audience, expiry, nonce,
//! level of assurance), the signed userinfo answer and the logout address.
//!
//! The provider's discovery document and keys are kept per issuer in this process; keys are
//! fetched again when a token names a key this process has not seen (the provider rotated
//! them).

use super::config::ProviderConfig;
use crate::domain::state_sign_in::{Failure, Provider, STATE_LENGTH};
use openidconnect::core::{
    CoreAuthenticationFlow, CoreClient, CoreIdToken, CoreJsonWebKey, CoreJsonWebKeySet, CoreJwsSigningAlgorithm,
};
use openidconnect::{
    AccessToken, AuthenticationContextClass, AuthorizationCode, ClaimsVerificationError, ClientId, ClientSecret, CsrfToken,
    EndSessionUrl, IssuerUrl, JsonWebKey, LogoutRequest, Nonce, PostLogoutRedirectUrl, ProviderMetadataWithLogout, RedirectUrl,
    OAuth2TokenResponse, Scope, SignatureVerificationError, TokenResponse,
};
use std::collections::HashMap;
use std::str::FromStr;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

/// The level of assurance FranceConnect is asked for, and accepted from it.
pub const ACR_EIDAS1: &str = "eidas1";

/// A sign-in about to leave for the provider: where to send the browser, and what to keep
/// to check the answer.
pub struct Start {
    pub url: String,
    pub state: String,
    pub nonce: String,
}

/// A verified identity.
#[derive(Debug, Clone)]
pub struct Identity {
    pub subject: String,
    pub email: Option<String>,
    pub given_name: String,
    /// FranceConnect's `family_name`, ProConnect's `usual_name`.
    pub family_name: String,
    /// The raw ID token, kept with the session for the provider's logout.
    pub id_token: String,
}

/// Why the protocol failed: what the person is told, and the detail for the logs.
#[derive(Debug)]
pub struct Refusal {
    pub failure: Failure,
    pub detail: String,
}

fn refusal(failure: Failure, detail: impl std::fmt::Display) -> Refusal {
    Refusal { failure, detail: detail.to_string() }
}

/// The HTTP client towards providers: no redirects followed (OpenID Connect forbids them on
/// these calls), short timeouts.
fn http() -> &'static reqwest::Client {
    static HTTP: OnceLock<reqwest::Client> = OnceLock::new();
    HTTP.get_or_init(|| {
        reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(Duration::from_secs(5))
            .timeout(Duration::from_secs(10))
            .build()
            .unwrap_or_default()
    })
}

type Metadata = Arc<ProviderMetadataWithLogout>;

fn cache() -> &'static Mutex<HashMap<String, Metadata>> {
    static CACHE: OnceLock<Mutex<HashMap<String, Metadata>>> = OnceLock::new();
    CACHE.get_or_init(Default::default)
}

fn cached(issuer: &str) -> Option<Metadata> {
    cache().lock().ok().and_then(|c| c.get(issuer).cloned())
}

fn keep(issuer: &str, metadata: Metadata) {
    if let Ok(mut c) = cache().lock() {
        c.insert(issuer.to_string(), metadata);
    }
}

/// The provider's discovery document with its keys (fetched once per process).
async fn metadata(config: &ProviderConfig) -> Result<Metadata, Refusal> {
    if let Some(m) = cached(&config.issuer) {
        return Ok(m);
    }
    let issuer = IssuerUrl::new(config.issuer.clone()).map_err(|e| refusal(Failure::Provider, format!("issuer: {e}")))?;
    let discovered = ProviderMetadataWithLogout::discover_async(issuer, http())
        .await
        .map_err(|e| refusal(Failure::Provider, format!("discovery: {e}")))?;
    let m = Arc::new(discovered);
    keep(&config.issuer, m.clone());
    Ok(m)
}

/// The keys again, after a token named one this process did not know.
async fn refreshed_keys(config: &ProviderConfig, old: &Metadata) -> Result<Metadata, Refusal> {
    let jwks = CoreJsonWebKeySet::fetch_async(old.jwks_uri(), http())
        .await
        .map_err(|e| refusal(Failure::Provider, format!("jwks: {e}")))?;
    let m = Arc::new(old.as_ref().clone().set_jwks(jwks));
    keep(&config.issuer, m.clone());
    Ok(m)
}

fn client(
    config: &ProviderConfig,
    metadata: &ProviderMetadataWithLogout,
) -> Result<
    CoreClient<
        openidconnect::EndpointSet,
        openidconnect::EndpointNotSet,
        openidconnect::EndpointNotSet,
        openidconnect::EndpointNotSet,
        openidconnect::EndpointMaybeSet,
        openidconnect::EndpointMaybeSet,
    >,
    Refusal,
> {
    let redirect = RedirectUrl::new(config.redirect_url.clone()).map_err(|e| refusal(Failure::NotConfigured, format!("redirect url: {e}")))?;
    Ok(CoreClient::from_provider_metadata(
        metadata.clone(),
        ClientId::new(config.client_id.clone()),
        Some(ClientSecret::new(config.client_secret.clone())),
    )
    // Both providers document the secret in the request body.
    .set_auth_type(openidconnect::AuthType::RequestBody)
    .set_redirect_uri(redirect))
}

/// The address of the provider's authorization page for a new sign-in.
pub async fn start(provider: Provider, config: &ProviderConfig) -> Result<Start, Refusal> {
    let metadata = metadata(config).await?;
    let client = client(config, &metadata)?;
    let mut request = client.authorize_url(
        CoreAuthenticationFlow::AuthorizationCode,
        || CsrfToken::new_random_len(STATE_LENGTH as u32),
        || Nonce::new_random_len(STATE_LENGTH as u32),
    );
    for scope in provider.scopes() {
        request = request.add_scope(Scope::new((*scope).to_string()));
    }
    if provider == Provider::FranceConnect {
        request = request.add_auth_context_value(AuthenticationContextClass::new(ACR_EIDAS1.into()));
    }
    let (url, state, nonce) = request.url();
    Ok(Start { url: url.to_string(), state: state.secret().clone(), nonce: nonce.secret().clone() })
}

/// Exchanges the code, checks the ID token against `nonce`, reads the signed userinfo.
pub async fn finish(provider: Provider, config: &ProviderConfig, code: &str, nonce: &str) -> Result<Identity, Refusal> {
    let mut metadata = metadata(config).await?;
    let tokens = client(config, &metadata)?
        .exchange_code(AuthorizationCode::new(code.to_string()))
        .map_err(|e| refusal(Failure::Provider, format!("token endpoint: {e}")))?
        .request_async(http())
        .await
        .map_err(|e| refusal(Failure::Provider, format!("code exchange: {e}")))?;
    let id_token = tokens.id_token().ok_or_else(|| refusal(Failure::Untrusted, "no id_token in the token answer"))?.clone();
    let nonce = Nonce::new(nonce.to_string());
    let claims = match verify_id_token(provider, config, &metadata, &id_token, &nonce) {
        Err(ClaimsVerificationError::SignatureVerification(SignatureVerificationError::NoMatchingKey)) => {
            metadata = refreshed_keys(config, &metadata).await?;
            verify_id_token(provider, config, &metadata, &id_token, &nonce)
        }
        other => other,
    }
    .map_err(|e| refusal(Failure::Untrusted, format!("id token: {e}")))?;
    let subject = claims.subject().to_string();
    let info = user_info(config, &metadata, tokens.access_token(), &subject).await?;
    Ok(Identity {
        subject,
        email: info.email.map(|e| e.trim().to_lowercase()).filter(|e| !e.is_empty()),
        given_name: info.given_name.unwrap_or_default(),
        family_name: info.family_name.or(info.usual_name).unwrap_or_default(),
        id_token: id_token.to_string(),
    })
}

fn verify_id_token(
    provider: Provider,
    config: &ProviderConfig,
    metadata: &ProviderMetadataWithLogout,
    id_token: &CoreIdToken,
    nonce: &Nonce,
) -> Result<openidconnect::core::CoreIdTokenClaims, ClaimsVerificationError> {
    let client = client(config, metadata).map_err(|r| ClaimsVerificationError::Other(r.detail))?;
    let verifier = client
        .id_token_verifier()
        .set_allowed_algs([CoreJwsSigningAlgorithm::EcdsaP256Sha256, CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha256])
        .set_auth_context_verifier_fn(move |acr: Option<&AuthenticationContextClass>| {
            if provider != Provider::FranceConnect {
                return Ok(());
            }
            match acr.map(|a| a.as_str()) {
                Some("eidas1" | "eidas2" | "eidas3") => Ok(()),
                other => Err(format!("level of assurance {other:?}, eidas1 asked")),
            }
        });
    id_token.claims(&verifier, nonce).cloned()
}

/// The userinfo claims the app reads.
#[derive(Debug, serde::Deserialize)]
struct UserInfo {
    sub: String,
    iss: Option<String>,
    aud: Option<serde_json::Value>,
    email: Option<String>,
    given_name: Option<String>,
    family_name: Option<String>,
    usual_name: Option<String>,
}

/// The userinfo answer: a JWT signed with the provider's published keys (both providers sign
/// it), or plain JSON. The crate checks signed userinfo answers only for RS256 (FranceConnect
/// v2 signs with ES256), so the JWT is checked here with the crate's keys: signature with the
/// key the header names (keys fetched again when unknown), issuer, audience and subject.
async fn user_info(config: &ProviderConfig, metadata: &Metadata, access_token: &AccessToken, subject: &str) -> Result<UserInfo, Refusal> {
    let endpoint = metadata.userinfo_endpoint().ok_or_else(|| refusal(Failure::Provider, "no userinfo endpoint"))?;
    let answer = http()
        .get(endpoint.url().as_str())
        .bearer_auth(access_token.secret())
        .header(reqwest::header::ACCEPT, "application/jwt, application/json")
        .send()
        .await
        .map_err(|e| refusal(Failure::Provider, format!("userinfo: {e}")))?;
    if !answer.status().is_success() {
        return Err(refusal(Failure::Provider, format!("userinfo: status {}", answer.status())));
    }
    let is_jwt = answer
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("application/jwt"));
    let body = answer.text().await.map_err(|e| refusal(Failure::Provider, format!("userinfo body: {e}")))?;
    let info: UserInfo = if is_jwt {
        let payload = match verified_jwt_payload(&body, metadata) {
            Err(JwtProblem::UnknownKey) => verified_jwt_payload(&body, &*refreshed_keys(config, metadata).await?),
            other => other,
        }
        .map_err(|p| refusal(Failure::Untrusted, format!("userinfo jwt: {p:?}")))?;
        serde_json::from_slice(&payload).map_err(|e| refusal(Failure::Untrusted, format!("userinfo claims: {e}")))?
    } else {
        serde_json::from_str(&body).map_err(|e| refusal(Failure::Untrusted, format!("userinfo json: {e}")))?
    };
    if info.sub != subject {
        return Err(refusal(Failure::Untrusted, "userinfo names another subject"));
    }
    if is_jwt {
        let issuer_ok = info.iss.as_deref() == Some(metadata.issuer().as_str());
        let audience_ok = match &info.aud {
            Some(serde_json::Value::String(a)) => *a == config.client_id,
            Some(serde_json::Value::Array(list)) => list.iter().any(|a| a.as_str() == Some(config.client_id.as_str())),
            _ => false,
        };
        if !issuer_ok || !audience_ok {
            return Err(refusal(Failure::Untrusted, "userinfo jwt: issuer or audience"));
        }
    }
    Ok(info)
}

#[derive(Debug, PartialEq, Eq)]
enum JwtProblem {
    Malformed,
    Algorithm,
    UnknownKey,
    Signature,
}

/// The payload of a compact JWS once its signature verifies with one of the provider's keys.
fn verified_jwt_payload(jwt: &str, metadata: &ProviderMetadataWithLogout) -> Result<Vec<u8>, JwtProblem> {
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine;
    let mut parts = jwt.trim().split('.');
    let (Some(header), Some(payload), Some(signature), None) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
        return Err(JwtProblem::Malformed);
    };
    #[derive(serde::Deserialize)]
    struct Header {
        alg: String,
        kid: Option<String>,
    }
    let head: Header = URL_SAFE_NO_PAD
        .decode(header)
        .ok()
        .and_then(|h| serde_json::from_slice(&h).ok())
        .ok_or(JwtProblem::Malformed)?;
    let alg = match head.alg.as_str() {
        "ES256" => CoreJwsSigningAlgorithm::EcdsaP256Sha256,
        "RS256" => CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha256,
        _ => return Err(JwtProblem::Algorithm),
    };
    let signature = URL_SAFE_NO_PAD.decode(signature).map_err(|_| JwtProblem::Malformed)?;
    let keys: Vec<&CoreJsonWebKey> = metadata
        .jwks()
        .keys()
        .iter()
        .filter(|k| head.kid.is_none() || k.key_id().map(|id| id.as_str()) == head.kid.as_deref())
        .collect();
    if keys.is_empty() {
        return Err(JwtProblem::UnknownKey);
    }
    let message = format!("{header}.{payload}");
    if keys.iter().any(|k| k.verify_signature(&alg, message.as_bytes(), &signature).is_ok()) {
        URL_SAFE_NO_PAD.decode(payload).map_err(|_| JwtProblem::Malformed)
    } else {
        Err(JwtProblem::Signature)
    }
}

/// The provider's logout address for a session opened with `id_token`, coming back to the
/// service's post-logout address with `state`; `None` when the provider has no such endpoint
/// or cannot be reached (the app's own session is closed anyway).
pub async fn logout_url(config: &ProviderConfig, id_token: &str, state: &str) -> Option<String> {
    let metadata = match metadata(config).await {
        Ok(m) => m,
        Err(r) => {
            tracing::warn!(detail = %r.detail, "provider logout: discovery failed");
            return None;
        }
    };
    let endpoint: EndSessionUrl = metadata.additional_metadata().end_session_endpoint.clone()?;
    let token = CoreIdToken::from_str(id_token).ok()?;
    let back = PostLogoutRedirectUrl::new(config.post_logout_url.clone()).ok()?;
    Some(
        LogoutRequest::from(endpoint)
            .set_id_token_hint(&token)
            .set_post_logout_redirect_uri(back)
            .set_state(CsrfToken::new(state.to_string()))
            .http_get_url()
            .to_string(),
    )
}

/// A random value for the logout's `state`.
pub fn random_state() -> String {
    CsrfToken::new_random_len(STATE_LENGTH as u32).secret().clone()
}
