//! The Content-Security-Policy of every answer: scripts only from this origin and from inline
//! `<script>` elements carrying this response's nonce (Leptos' hydration and resource scripts),
//! no plugins, no `<base>`, no framing, forms posted only here. Should any person's text ever
//! slip into the page as markup, the browser refuses to run it.
//!
//! The nonce is drawn per request by [`layer`], handed to the Leptos rendering through the
//! request's extensions ([`provide_nonce`]), and named in the header. A public page served
//! from the memory cache was rendered with an earlier nonce: the cache puts the current one in
//! its place ([`renew`]), so no two answers share a nonce.

use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use std::sync::Arc;

/// The nonce of one request (32 hexadecimal characters, 128 random bits).
#[derive(Clone, Debug)]
pub struct CspNonce(pub Arc<str>);

impl CspNonce {
    pub fn new() -> Self {
        use argon2::password_hash::rand_core::{OsRng, RngCore};
        let mut bytes = [0u8; 16];
        OsRng.fill_bytes(&mut bytes);
        CspNonce(bytes.iter().map(|b| format!("{b:02x}")).collect::<String>().into())
    }
}

impl Default for CspNonce {
    fn default() -> Self {
        Self::new()
    }
}

/// The other origins forms may lead to (the State sign-in providers: the sign-in buttons and
/// the logout end there), each preceded by a space; empty when none is configured.
#[derive(Clone, Debug, Default)]
pub struct FormTargets(pub Arc<str>);

impl From<String> for FormTargets {
    fn from(origins: String) -> Self {
        FormTargets(origins.into())
    }
}

/// The policy naming `nonce`. `'wasm-unsafe-eval'` lets the browser compile the app's own
/// WebAssembly (it allows no JavaScript `eval`); images may be `data:` URLs (DSFR icons).
pub fn policy(nonce: &str, form_targets: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; \
         frame-ancestors 'none'; form-action 'self'{form_targets}"
    )
}

/// The middleware: draws the nonce, lets the request carry it, sets the header on the answer.
pub async fn layer(axum::extract::State(targets): axum::extract::State<FormTargets>, mut req: Request<Body>, next: Next) -> Response {
    let nonce = CspNonce::new();
    req.extensions_mut().insert(nonce.clone());
    let mut res = next.run(req).await;
    if let Ok(value) = HeaderValue::from_str(&policy(&nonce.0, &targets.0)) {
        res.headers_mut().insert(header::CONTENT_SECURITY_POLICY, value);
    }
    res
}

/// Run in every Leptos rendering (pages, error pages, server functions): the scripts Leptos
/// writes carry the nonce of the header.
pub fn provide_nonce() {
    use leptos::prelude::{provide_context, use_context};
    if let Some(nonce) = use_context::<http::request::Parts>().and_then(|p| p.extensions.get::<CspNonce>().cloned()) {
        provide_context(leptos::nonce::Nonce::from_value(nonce.0));
    }
}

/// A kept page's body with its old nonce replaced by the current one (`None`: unchanged).
pub fn renew(body: &[u8], old: &str, new: &str) -> Option<Vec<u8>> {
    let text = std::str::from_utf8(body).ok()?;
    text.contains(old).then(|| text.replace(old, new).into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nonces_are_fresh_and_the_policy_is_strict() {
        let (a, b) = (CspNonce::new(), CspNonce::new());
        assert_ne!(a.0, b.0);
        assert_eq!(a.0.len(), 32);
        let p = policy(&a.0, "");
        for part in [
            "script-src 'self' 'nonce-",
            "object-src 'none'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
            "form-action 'self'",
        ] {
            assert!(p.contains(part), "{part} missing from {p}");
        }
        assert!(!p.contains("unsafe-inline") && !p.contains("'unsafe-eval'"), "{p}");
        assert!(p.ends_with("form-action 'self'"), "{p}");
        let with_providers = policy(&a.0, " https://fc.example https://pc.example");
        assert!(with_providers.ends_with("form-action 'self' https://fc.example https://pc.example"), "{with_providers}");
    }

    #[test]
    fn a_kept_page_gets_the_new_nonce() {
        let page = br#"<script nonce="aaaa">x</script><script type="module" nonce="aaaa">y</script>"#;
        let renewed = renew(page, "aaaa", "bbbb").unwrap();
        assert_eq!(renewed, br#"<script nonce="bbbb">x</script><script type="module" nonce="bbbb">y</script>"#);
        assert!(renew(b"{\"json\":1}", "aaaa", "bbbb").is_none());
    }
}
