//! A real OpenID Connect provider for the State sign-in tests (`tests/oidc/provider.mjs`, npm
//! oidc-provider, configured like FranceConnect v2 or ProConnect), and a browser that goes
//! between it (over HTTP) and the app (through its router), keeping each side's cookies.

use super::{TestApp, TestResponse};
use accelerateur::domain::state_sign_in::Provider;
use accelerateur::server::config::{Config, ProviderConfig};
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

/// The address the app believes it has (the test router answers any host).
pub const APP: &str = "http://127.0.0.1:3000";
pub const CLIENT_ID: &str = "accelerateur-test";
pub const CLIENT_SECRET: &str = "un-secret-de-test-assez-long-pour-le-fournisseur";

/// Faults a provider can be started with.
#[derive(Default, Clone, Copy)]
pub struct Faults {
    /// Publishes other keys under the same key ids: every signature is wrong.
    pub rogue_keys: bool,
    /// Seconds added to the provider's clock (negative: its tokens are already expired).
    pub clock_offset: i64,
    /// Listen on this port (a restart on the same address, with new keys).
    pub port: u16,
    /// The level of assurance the provider vouches for (`eidas1` unless given).
    pub acr: Option<&'static str>,
}

/// One provider process; stopped when dropped (and when the test binary ends: it exits
/// when its standard input closes).
pub struct OidcProvider {
    pub issuer: String,
    pub provider: Provider,
    child: Child,
}

impl Drop for OidcProvider {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn oidc_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests").join("oidc")
}

impl OidcProvider {
    pub fn start(provider: Provider) -> OidcProvider {
        OidcProvider::start_with(provider, Faults::default())
    }

    pub fn start_with(provider: Provider, faults: Faults) -> OidcProvider {
        let dir = oidc_dir();
        assert!(
            dir.join("node_modules").join("oidc-provider").is_dir(),
            "the test provider's packages are missing: run `make oidc-deps` (part of `make test`)"
        );
        let profile = match provider {
            Provider::FranceConnect => "fc",
            Provider::ProConnect => "pc",
        };
        let mut child = Command::new("node")
            .arg("provider.mjs")
            .current_dir(&dir)
            .env("PORT", faults.port.to_string())
            .env("PROFILE", profile)
            .env("CLIENT_ID", CLIENT_ID)
            .env("CLIENT_SECRET", CLIENT_SECRET)
            .env("REDIRECT_URIS", format!("{APP}{}", accelerateur::domain::paths::Download::sign_in_callback(provider)))
            .env("POST_LOGOUT_REDIRECT_URIS", format!("{APP}/deconnexion/retour"))
            .env("MIN_STATE_NONCE_LENGTH", "32")
            .env("ROGUE_JWKS", if faults.rogue_keys { "1" } else { "0" })
            .env("CLOCK_OFFSET", faults.clock_offset.to_string())
            .env("ACR", faults.acr.unwrap_or("eidas1"))
            .env("EXIT_WITH_STDIN", "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("node runs the test provider");
        let stdout = child.stdout.take().expect("provider stdout");
        let mut lines = BufReader::new(stdout).lines();
        let issuer = loop {
            match lines.next() {
                Some(Ok(line)) => {
                    if let Some(issuer) = line.strip_prefix("READY ") {
                        break issuer.trim().to_string();
                    }
                }
                _ => panic!("the test provider stopped before it was ready"),
            }
        };
        // Keep reading its output so that it never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines.by_ref() {});
        OidcProvider { issuer, provider, child }
    }

    pub fn port(&self) -> u16 {
        self.issuer.rsplit(':').next().and_then(|p| p.parse().ok()).expect("issuer port")
    }

    /// The app's configuration for this provider.
    pub fn config(&self) -> ProviderConfig {
        ProviderConfig::new(self.provider, APP, self.issuer.clone(), CLIENT_ID.into(), CLIENT_SECRET.into(), None, None)
    }

    /// Sets this provider in the app's configuration.
    pub fn configure(&self, config: &mut Config) {
        match self.provider {
            Provider::FranceConnect => config.franceconnect = Some(self.config()),
            Provider::ProConnect => config.proconnect = Some(self.config()),
        }
    }
}

/// A browser: the app's cookies and the provider's, kept apart as a browser keeps them per site.
#[derive(Default)]
pub struct Browser {
    pub app_cookies: BTreeMap<String, String>,
    provider_cookies: BTreeMap<String, String>,
}

/// Where a walk stopped.
#[derive(Debug)]
pub enum Stop {
    /// At the app's address (its path and query), not yet visited.
    App(String),
    /// At a page of the provider (its login form, its logout confirmation).
    ProviderPage { url: String, body: String },
}

fn keep_cookies(jar: &mut BTreeMap<String, String>, set_cookies: impl Iterator<Item = String>) {
    for c in set_cookies {
        let Some((name, rest)) = c.split_once('=') else { continue };
        let value = rest.split(';').next().unwrap_or("").to_string();
        let lower = c.to_ascii_lowercase();
        if value.is_empty() || lower.contains("max-age=0") || lower.contains("expires=thu, 01 jan 1970") {
            jar.remove(name.trim());
        } else {
            jar.insert(name.trim().to_string(), value);
        }
    }
}

fn cookie_header(jar: &BTreeMap<String, String>) -> String {
    jar.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("; ")
}

impl Browser {
    pub fn new() -> Browser {
        Browser::default()
    }

    /// The app's cookies as a `Cookie` header.
    pub fn app_cookie_header(&self) -> String {
        cookie_header(&self.app_cookies)
    }

    pub fn session(&self) -> Option<String> {
        self.app_cookies.get("acc_session").map(|v| format!("acc_session={v}"))
    }

    /// Sends a request to the app with this browser's cookies; keeps the ones it sets.
    pub async fn app(&mut self, app: &TestApp, method: &str, path: &str, form: &[(&str, &str)]) -> TestResponse {
        let path = path.strip_prefix(APP).unwrap_or(path);
        let mut req = Request::builder()
            .method(method)
            .uri(path)
            .header(header::HOST, "127.0.0.1:3000")
            .header(header::ACCEPT, "text/html")
            .header(header::COOKIE, self.app_cookie_header());
        if method == "POST" {
            req = req
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header(header::ORIGIN, APP)
                .header("sec-fetch-site", "same-origin");
        }
        let res = app.send(req.body(Body::from(super::form(form))).expect("request")).await;
        keep_cookies(&mut self.app_cookies, res.set_cookies().into_iter());
        res
    }

    /// A GET to the provider with its cookies; gives the status, the location and the body.
    pub async fn provider_get(&mut self, url: &str) -> (StatusCode, Option<String>, String) {
        self.provider_request(reqwest::Method::GET, url, &[]).await
    }

    pub async fn provider_request(&mut self, method: reqwest::Method, url: &str, form: &[(&str, &str)]) -> (StatusCode, Option<String>, String) {
        let http = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().expect("http client");
        let mut req = http.request(method, url).header(header::COOKIE.as_str(), cookie_header(&self.provider_cookies));
        if !form.is_empty() {
            req = req.header(header::CONTENT_TYPE.as_str(), "application/x-www-form-urlencoded").body(super::form(form));
        }
        let res = req.send().await.unwrap_or_else(|e| panic!("provider {url}: {e}"));
        let status = StatusCode::from_u16(res.status().as_u16()).expect("status");
        let set: Vec<String> = res.headers().get_all("set-cookie").iter().filter_map(|v| v.to_str().ok()).map(str::to_string).collect();
        keep_cookies(&mut self.provider_cookies, set.into_iter());
        let location = res.headers().get("location").and_then(|v| v.to_str().ok()).map(|l| absolute(url, l));
        (status, location, res.text().await.unwrap_or_default())
    }

    /// Follows the provider's redirects from `url` until one leads back to the app, or a page
    /// of the provider asks for something.
    pub async fn through_provider(&mut self, url: &str) -> Stop {
        let mut url = url.to_string();
        for _ in 0..10 {
            if let Some(path) = url.strip_prefix(APP) {
                return Stop::App(path.to_string());
            }
            let (status, location, body) = self.provider_get(&url).await;
            match location {
                Some(next) if status.is_redirection() => url = next,
                _ => return Stop::ProviderPage { url, body },
            }
        }
        panic!("too many redirects from {url}");
    }

    /// Starts a sign-in at the app and goes through the provider as `account` (the provider's
    /// test account) until the provider sends the browser back; gives the app's callback
    /// address, not yet visited.
    pub async fn until_callback(&mut self, app: &TestApp, provider: Provider, account: Option<&str>) -> Stop {
        let res = self.app(app, "POST", &accelerateur::domain::paths::Download::sign_in(provider), &[]).await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
        let mut authorize = res.location().expect("to the provider");
        assert!(!authorize.starts_with('/'), "the start went to the app, not the provider: {authorize}");
        if let Some(account) = account {
            authorize.push_str(&format!("&login_hint={account}"));
        }
        self.through_provider(&authorize).await
    }

    /// A whole sign-in as `account`: the address the app sends the browser to at the end.
    pub async fn sign_in(&mut self, app: &TestApp, provider: Provider, account: &str) -> String {
        match self.until_callback(app, provider, Some(account)).await {
            Stop::App(callback) => self.callback(app, &callback).await,
            Stop::ProviderPage { url, body } => panic!("stopped at the provider ({url}): {body}"),
        }
    }

    /// Visits the app's callback; gives where it sends the browser.
    pub async fn callback(&mut self, app: &TestApp, callback: &str) -> String {
        let res = self.app(app, "GET", callback, &[]).await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{callback}: {}", res.body);
        res.location().expect("the callback redirects")
    }
}

fn absolute(base: &str, location: &str) -> String {
    if location.starts_with("http://") || location.starts_with("https://") {
        return location.to_string();
    }
    let origin: String = base.splitn(4, '/').take(3).collect::<Vec<_>>().join("/");
    format!("{origin}{location}")
}
