//! The axum router: the Leptos app and its server functions, health check, language
//! switch, and the protections every request goes through.

use super::state::AppState;
use crate::app::{shell, App};
use crate::domain::i18n::Locale;
use crate::domain::paths::Download;
use axum::body::Body;
use axum::extract::{Path, Query, Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, MethodRouter};
use axum::Router;
use leptos_axum::{generate_route_list, AxumRouteListing, LeptosRoutes};
use std::sync::OnceLock;
use std::time::Duration;
use tower_http::compression::{CompressionLayer, CompressionLevel};
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

pub const LANG_COOKIE: &str = "lang";

/// The app's routes, generated once per process. Leptos suppresses resource loading in the
/// whole process while it generates the list (a global flag): generating it again while
/// another router renders a page (several routers in one process, as in the integration
/// tests) can leave that page's resources pending forever.
pub fn route_list() -> Vec<AxumRouteListing> {
    static ROUTES: OnceLock<Vec<AxumRouteListing>> = OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// What answers each address of `Download` (a new one does not compile until it is routed).
fn file_route(file: &Download) -> MethodRouter<AppState> {
    use crate::api::{attachment, open_api, programme, publication, screening, state_sign_in::handlers as sign_in, transparency};
    match file {
        Download::Health => get(healthz),
        Download::Language { .. } => get(switch_language),
        Download::ScreeningCsv { .. } => get(screening::export_csv),
        Download::ProgrammeCsv { .. } => get(programme::export_csv),
        Download::CohortArchive { .. } => get(crate::api::retention::archive),
        Download::InitiativesCsv => get(publication::open_data::csv),
        Download::InitiativesJson => get(publication::open_data::json),
        Download::TransparencyCsv => get(transparency::open_data::csv),
        Download::TransparencyJson => get(transparency::open_data::json),
        Download::ApiInitiatives => get(open_api::initiatives),
        Download::ApiInitiative { .. } => get(open_api::initiative),
        Download::ApiCohorts => get(open_api::cohorts),
        Download::ApiTransparency => get(open_api::transparency),
        Download::ApiSchema => get(open_api::openapi),
        Download::Attachment { .. } => get(attachment::download)
            .post(attachment::upload)
            .layer(axum::extract::DefaultBodyLimit::max(attachment::BODY_LIMIT)),
        Download::AttachmentRemove { .. } => post(attachment::remove),
        Download::FranceConnect => get(sign_in::franceconnect).post(sign_in::franceconnect),
        Download::FranceConnectCallback => get(sign_in::franceconnect_callback),
        Download::ProConnect => get(sign_in::proconnect).post(sign_in::proconnect),
        Download::ProConnectCallback => get(sign_in::proconnect_callback),
        Download::LogoutCallback => get(sign_in::logout_callback),
        Download::MyDataJson => get(crate::api::my_data::download),
    }
}

pub fn router(state: AppState) -> Router {
    let routes = route_list();
    let options = state.leptos_options.clone();
    let request_id = header::HeaderName::from_static("x-request-id");
    Download::examples()
        .into_iter()
        .fold(Router::new(), |r, file| r.route(file.pattern(), file_route(&file)))
        .leptos_routes_with_context(&state, routes, super::csp::provide_nonce, move || shell(options.clone()))
        .fallback(leptos_axum::file_and_error_handler_with_context::<AppState, _>(super::csp::provide_nonce, shell))
        .layer(middleware::from_fn_with_state(state.clone(), super::public_cache::layer))
        // Outside the cache: every answer, kept or not, gets a fresh nonce.
        .layer(middleware::from_fn_with_state(super::csp::FormTargets::from(state.config.form_targets()), super::csp::layer))
        .layer(middleware::from_fn(refusals_answer_with_their_status))
        .layer(middleware::from_fn(refuse_cross_site))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")))
        // Same-origin referrers are needed: form posts without JavaScript return to their page.
        .layer(SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        ))
        .layer(middleware::from_fn_with_state(state.leptos_options.hash_files, cache_policy))
        // Outside every layer that reads a body (cache, nonce, refusals): each answer leaves
        // compressed as the browser asks (brotli, else gzip). Quality 4: most of the gain of
        // the highest levels for a fraction of their time, paid on every page.
        .layer(CompressionLayer::new().quality(CompressionLevel::Precise(4)))
        .layer(PropagateRequestIdLayer::new(request_id.clone()))
        .layer(TraceLayer::new_for_http().make_span_with(|req: &Request<Body>| {
            let id = req.headers().get("x-request-id").and_then(|v| v.to_str().ok()).unwrap_or("-");
            tracing::info_span!("request", request_id = %id, method = %req.method(), path = %req.uri().path())
        }))
        .layer(SetRequestIdLayer::new(request_id, MakeRequestUuid))
        .with_state(state)
}

/// The build names the bundle by its content (`hash-files` in Cargo.toml) and writes the
/// hashes beside the server binary: the pages then link the hashed names.
pub fn with_built_hashes(mut options: leptos::prelude::LeptosOptions) -> leptos::prelude::LeptosOptions {
    if !options.hash_files {
        let beside = std::env::current_exe().ok().and_then(|exe| exe.parent().map(|dir| dir.join(&*options.hash_file)));
        options.hash_files = beside.is_some_and(|file| file.is_file());
    }
    options
}

/// How long a browser may keep an answer. Files whose address changes with their content (the
/// hashed bundle under `/pkg`, the DSFR under `/dsfr/<version>`): a year, never asked again.
/// Pages are personal or change with the data: kept, but asked again before being shown
/// (`no-cache`). Anything that already says it is left alone.
async fn cache_policy(State(hashed_bundle): State<bool>, req: Request, next: Next) -> Response {
    let path = req.uri().path();
    let dsfr = path.strip_prefix("/dsfr/").and_then(|p| p.strip_prefix(crate::app::DSFR_VERSION)).is_some_and(|p| p.starts_with('/'));
    let immutable = (hashed_bundle && path.starts_with("/pkg/")) || dsfr;
    let mut res = next.run(req).await;
    if res.headers().contains_key(header::CACHE_CONTROL) {
        return res;
    }
    let html = res.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|t| t.starts_with("text/html"));
    let policy = if immutable && res.status().is_success() && !html {
        "public, max-age=31536000, immutable"
    } else if html {
        "no-cache"
    } else {
        return res;
    };
    res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
    res
}

/// 200 only when the database answers (within 2 seconds).
async fn healthz(State(state): State<AppState>) -> Response {
    match tokio::time::timeout(Duration::from_secs(2), state.db.ping()).await {
        Ok(Ok(())) => (StatusCode::OK, "ok").into_response(),
        Ok(Err(e)) => {
            tracing::error!(error = %e, "health check: database error");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable").into_response()
        }
        Err(_) => (StatusCode::SERVICE_UNAVAILABLE, "database timeout").into_response(),
    }
}

#[derive(serde::Deserialize)]
struct Back {
    retour: Option<String>,
}

/// `GET /langue/{fr|en}?retour=/path`: remembers the language for a year and goes back.
/// Only local paths are followed, so the link cannot send anyone to another site. A signed-in
/// account's mails follow the language chosen last.
async fn switch_language(
    State(state): State<AppState>,
    request_headers: axum::http::HeaderMap,
    Path(code): Path<String>,
    Query(back): Query<Back>,
) -> Response {
    let locale = Locale::from_code(&code);
    if let Ok(Some(user)) = super::auth::user_from_headers(&state.db, &request_headers).await {
        if let Err(e) = super::db::account::set_lang(&state.db, user.id, locale).await {
            tracing::warn!(error = %e, "cannot record the account's language");
        }
    }
    let target = back.retour.filter(|p| crate::domain::validate::is_local_path(p)).unwrap_or_else(|| "/".to_string());
    let cookie = format!("{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax", locale.code());
    let mut res = StatusCode::SEE_OTHER.into_response();
    let headers = res.headers_mut();
    if let (Ok(loc), Ok(cookie)) = (HeaderValue::from_str(&target), HeaderValue::from_str(&cookie)) {
        headers.insert(header::LOCATION, loc);
        headers.insert(header::SET_COOKIE, cookie);
    }
    res
}


/// Refuses state-changing requests sent by another site (CSRF), on top of SameSite cookies:
/// browsers say so in `Sec-Fetch-Site`; older ones are judged by `Origin` against `Host`.
async fn refuse_cross_site(req: Request<Body>, next: Next) -> Response {
    let safe = matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if !safe && is_cross_site(req.headers()) {
        tracing::warn!(path = %req.uri().path(), "cross-site request refused");
        let locale = req
            .headers()
            .get(header::COOKIE)
            .and_then(|_| super::auth::cookie(req.headers(), LANG_COOKIE))
            .map(Locale::from_code)
            .unwrap_or_default();
        let msg = crate::domain::error::AppError::CrossSite.message(locale);
        return (StatusCode::FORBIDDEN, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], msg).into_response();
    }
    next.run(req).await
}

/// A server function's refusal answers with its error's status, in this one place: the
/// error travels as the answer's body (JSON), and every error answer reaches here as a 500
/// (server functions return `Err(AppError::…)` and set no status; arguments that cannot be
/// decoded give `Malformed`): it leaves with the status its `AppError` names, 400 for a
/// malformed call, 403 for a refusal, and so on. A form posted without JavaScript is
/// redirected back to its page instead, which shows the error.
async fn refusals_answer_with_their_status(req: Request<Body>, next: Next) -> Response {
    let is_api = req.uri().path().starts_with("/api/");
    let res = next.run(req).await;
    if !is_api || res.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, ERROR_BODY_MAX).await else {
        tracing::error!("server function error answer unreadable or too large");
        return (StatusCode::INTERNAL_SERVER_ERROR, "").into_response();
    };
    if let Ok(error) = serde_json::from_slice::<crate::domain::error::AppError>(&bytes) {
        if let Ok(status) = StatusCode::from_u16(error.status()) {
            if status.is_client_error() {
                tracing::info!(%error, "server function refused the call");
            }
            parts.status = status;
        }
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// An error answer carries the fields a refused form keeps: never more than this.
const ERROR_BODY_MAX: usize = 8 * 1024 * 1024;

fn is_cross_site(headers: &axum::http::HeaderMap) -> bool {
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        return !matches!(site, "same-origin" | "none");
    }
    match (headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()), headers.get(header::HOST).and_then(|v| v.to_str().ok())) {
        (Some("null"), _) => true,
        (Some(origin), Some(host)) => {
            let origin_host = origin.split_once("://").map(|(_, rest)| rest).unwrap_or(origin);
            origin_host.trim_end_matches('/') != host
        }
        (Some(_), None) => true,
        (None, _) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderMap;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn cross_site_detection() {
        assert!(is_cross_site(&headers(&[("sec-fetch-site", "cross-site")])));
        assert!(is_cross_site(&headers(&[("sec-fetch-site", "same-site")])));
        assert!(!is_cross_site(&headers(&[("sec-fetch-site", "same-origin")])));
        assert!(is_cross_site(&headers(&[("origin", "https://evil.example"), ("host", "127.0.0.1:3000")])));
        assert!(!is_cross_site(&headers(&[("origin", "http://127.0.0.1:3000"), ("host", "127.0.0.1:3000")])));
        assert!(!is_cross_site(&headers(&[("host", "127.0.0.1:3000")])));
        assert!(is_cross_site(&headers(&[("origin", "null"), ("host", "127.0.0.1:3000")])));
    }
}
