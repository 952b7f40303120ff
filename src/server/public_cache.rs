//! The public pages (home, showcase, initiative pages, transparency, open data, JSON API) as
//! anonymous visitors get them, kept in memory once rendered. Every change made through the
//! app that the public can see (a server function of [`PUBLIC_WRITES`] that succeeded) and
//! every evidence check moves a generation counter,
//! and an entry of an older generation is never served: a visitor never sees a page older
//! than the last change made through this instance. On PostgreSQL, where several instances
//! run side by side, each change is also announced on a channel (`NOTIFY`) that the other
//! instances listen to; if the listening connection drops, the instance forgets its pages.
//! An entry also expires with the day (phases follow the calendar) and after a minute, which
//! bounds staleness if an announcement is ever missed.

use super::db::Db;
use super::state::AppState;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use chrono::NaiveDate;
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

/// Entries kept at most (a flood of distinct search queries empties the cache, never grows it).
pub const MAX_ENTRIES: usize = 512;
/// Larger responses are not kept.
pub const MAX_BODY: usize = 2 * 1024 * 1024;
/// The longest an entry is served.
pub const MAX_AGE: Duration = Duration::from_secs(60);
/// The PostgreSQL channel that announces a change to the other instances.
pub const CHANNEL: &str = "public_changed";
/// Whether a response came from the cache (`hit`) or was rendered and kept (`miss`).
pub const CACHE_HEADER: &str = "x-cache";

/// Server functions whose success may change what the public sees (cohorts and their dates,
/// candidature counts and statuses, decisions and jury figures, consents, programme records
/// shown on initiative pages): the cache is emptied when one of them succeeds.
pub const PUBLIC_WRITES: [&str; 18] = [
    "cohort_open", "cohort_close", "candidature_submit", "candidature_withdraw", "screening_decide",
    "review_staff_start", "review_reopen", "jury_decide", "publication_set", "programme_sign",
    "support_request", "support_update", "evidence_save", "checkin_post", "milestone_add", "milestone_done",
    "programme_launch", "delete_account",
];

/// Server functions that never change what the public sees: reads, accounts and sessions,
/// drafts and reviews being typed, messages, jury composition. They never empty the cache,
/// so that autosaves, sign-ins or a trickle of refused posts cannot defeat it. A unit test
/// holds every server function to exactly one of the two lists.
pub const PRIVATE_CALLS: [&str; 62] = [
    "thread_get", "message_post", "cohort_message", "screening_list", "screening_get", "jury_overview",
    "jury_invite", "jury_settings", "jury_assign", "jury_shortlist", "jury_move", "jury_add_conflict",
    "jury_invitation", "jury_accept", "jury_seats", "jury_conflict_choices", "jury_charter", "jury_declare",
    "review_get", "review_save", "jury_ranking", "signup", "login", "logout", "current_user", "change_password",
    "list_users", "set_role", "resend_verification", "verification_state", "confirm_address",
    "request_password_reset", "reset_state", "reset_password", "change_email", "outbox_list", "outbox_retry",
    "initiatives", "initiative_get", "featured_cohort", "list_cohorts", "cohort_suggestion", "transparency",
    "programme_get", "programme_dashboard", "programme_comparison", "candidature_start", "candidature_get",
    "candidature_mine", "candidature_save", "sign_in_methods", "pending_link", "link_account", "my_identities",
    "legal_facts",
    "my_data",
    "my_sessions", "close_session", "close_other_sessions",
    "deletion_preview", "cohort_retention", "set_cohort_retention",
];

/// Whether a request that is not a read, answered with `res`, changed what the public sees:
/// a server function of [`PUBLIC_WRITES`] (or any other non-read route outside the server
/// functions, to be safe) that succeeded. A refusal (4xx, 5xx, or the no-JavaScript redirect
/// carrying `__err`) changed nothing.
fn public_change(path: &str, res: &Response) -> bool {
    let succeeded = res.status().is_success()
        || (res.status().is_redirection()
            && !res.headers().get(header::LOCATION).and_then(|l| l.to_str().ok()).is_some_and(|l| l.contains("__err=")));
    if !succeeded {
        return false;
    }
    match path.strip_prefix("/api/") {
        Some(name) => PUBLIC_WRITES.contains(&name) || !PRIVATE_CALLS.contains(&name),
        // The attachment routes (a candidature's PDF is never public) and the State sign-in's
        // start (a trip to the provider) change nothing the public sees.
        None => !path.starts_with("/candidatures/") && !path.starts_with("/connexion/"),
    }
}

struct Entry {
    generation: u64,
    day: NaiveDate,
    stored: Instant,
    headers: HeaderMap,
    body: Bytes,
    /// The Content-Security-Policy nonce the page was rendered with.
    nonce: Option<Arc<str>>,
}

pub struct PublicCache {
    /// Names this instance in its announcements, so that it does not forget its pages again
    /// when it hears its own.
    instance: String,
    generation: AtomicU64,
    entries: RwLock<HashMap<String, Entry>>,
    /// Whether this instance hears the others' announcements (always on SQLite, where there is
    /// one instance; on PostgreSQL once the listening connection is open). Until then nothing
    /// is kept or served: another instance's change could go unheard.
    listening: AtomicBool,
}

impl Default for PublicCache {
    fn default() -> Self {
        static COUNT: AtomicU64 = AtomicU64::new(0);
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
        PublicCache {
            instance: format!("{}-{}-{nanos}", std::process::id(), COUNT.fetch_add(1, Ordering::Relaxed)),
            generation: AtomicU64::new(0),
            entries: RwLock::new(HashMap::new()),
            listening: AtomicBool::new(true),
        }
    }
}

impl std::fmt::Debug for PublicCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PublicCache").field("generation", &self.generation()).finish_non_exhaustive()
    }
}

/// The paths whose anonymous responses are kept: the public pages and files of `domain::paths`.
pub use crate::domain::paths::is_public_path;

impl PublicCache {
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::Acquire)
    }

    /// Whether this instance keeps and serves public pages (it hears the other instances).
    pub fn listening(&self) -> bool {
        self.listening.load(Ordering::Acquire)
    }

    /// Forgets every page of this instance.
    pub fn bump(&self) {
        self.generation.fetch_add(1, Ordering::AcqRel);
    }

    /// Something the public may see changed: this instance forgets its pages at once, and the
    /// others are told (PostgreSQL).
    pub async fn changed(&self, db: &Db) {
        self.bump();
        self.announce(db).await;
    }

    /// Tells the other instances (PostgreSQL) that something the public may see changed.
    pub async fn announce(&self, db: &Db) {
        if let Db::Postgres(pool) = db {
            if let Err(e) = sqlx::query("SELECT pg_notify($1, $2)").bind(CHANNEL).bind(&self.instance).execute(pool).await {
                tracing::warn!(error = %e, "cannot announce a change to the other instances");
            }
        }
    }

    fn get(&self, key: &str, generation: u64, day: NaiveDate) -> Option<(HeaderMap, Bytes, Option<Arc<str>>)> {
        let entries = self.entries.read().ok()?;
        let e = entries.get(key)?;
        (e.generation == generation && e.day == day && e.stored.elapsed() < MAX_AGE)
            .then(|| (e.headers.clone(), e.body.clone(), e.nonce.clone()))
    }

    fn put(&self, key: String, entry: Entry) {
        if let Ok(mut entries) = self.entries.write() {
            if entries.len() >= MAX_ENTRIES && !entries.contains_key(&key) {
                entries.clear();
            }
            entries.insert(key, entry);
        }
    }
}

fn with_header(mut res: Response, value: &'static str) -> Response {
    res.headers_mut().insert(CACHE_HEADER, HeaderValue::from_static(value));
    res
}

/// The middleware: serves and keeps anonymous reads of public paths, and empties the cache
/// after every other request.
pub async fn layer(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let cache = state.public_cache.clone();
    let path = req.uri().path().to_string();
    if req.method() != Method::GET {
        let safe = matches!(*req.method(), Method::HEAD | Method::OPTIONS);
        let res = next.run(req).await;
        if !safe && public_change(&path, &res) {
            // This instance at once, before the answer leaves; the others soon after.
            cache.bump();
            let db = state.db.clone();
            tokio::spawn(async move { cache.announce(&db).await });
        }
        return res;
    }
    let signed_in = super::auth::cookie(req.headers(), super::auth::SESSION_COOKIE).is_some_and(|t| !t.is_empty());
    if !is_public_path(&path) || signed_in {
        return next.run(req).await;
    }
    if !cache.listening.load(Ordering::Acquire) {
        return with_header(next.run(req).await, "miss");
    }
    let lang = super::auth::cookie(req.headers(), super::http::LANG_COOKIE).unwrap_or("fr").to_string();
    let key = format!("{lang}|{}", req.uri().path_and_query().map(|p| p.as_str()).unwrap_or(&path));
    // Read before rendering: a change during the rendering makes this entry stale at once.
    let generation = cache.generation();
    let day = chrono::Utc::now().date_naive();
    let nonce = req.extensions().get::<super::csp::CspNonce>().map(|n| n.0.clone());
    if let Some((headers, body, kept_nonce)) = cache.get(&key, generation, day) {
        // The page names the nonce it was rendered with; this answer's header names another.
        let body = match (kept_nonce, &nonce) {
            (Some(old), Some(new)) => super::csp::renew(&body, &old, new).map(Bytes::from).unwrap_or(body),
            _ => body,
        };
        let mut res = Response::new(Body::from(body));
        *res.headers_mut() = headers;
        return with_header(res, "hit");
    }
    let res = next.run(req).await;
    if res.status() != StatusCode::OK || res.headers().contains_key(header::SET_COOKIE) {
        return res;
    }
    let (parts, body) = res.into_parts();
    let body = match axum::body::to_bytes(body, MAX_BODY).await {
        Ok(bytes) => bytes,
        Err(e) => {
            tracing::warn!(error = %e, %path, "public page not kept: body unreadable or too large");
            let mut res = Response::new(Body::from("Erreur interne, réessayez dans un instant."));
            *res.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
            return res;
        }
    };
    cache.put(key, Entry { generation, day, stored: Instant::now(), headers: parts.headers.clone(), body: body.clone(), nonce });
    with_header(Response::from_parts(parts, Body::from(body)), "miss")
}

/// On PostgreSQL, listens to the other instances' announcements; forgets every page when one
/// arrives or when the listening connection had to be opened again (announcements may have
/// been missed meanwhile), and keeps nothing while it is not listening.
pub fn spawn_listener(cache: Arc<PublicCache>, db: Db) -> Option<tokio::task::JoinHandle<()>> {
    let Db::Postgres(pool) = db else { return None };
    cache.listening.store(false, Ordering::Release);
    Some(tokio::spawn(async move {
        loop {
            cache.listening.store(false, Ordering::Release);
            let mut listener = match sqlx::postgres::PgListener::connect_with(&pool).await {
                Ok(l) => l,
                Err(e) => {
                    tracing::warn!(error = %e, "cannot listen to the other instances' changes; retrying");
                    tokio::time::sleep(Duration::from_secs(1)).await;
                    continue;
                }
            };
            if let Err(e) = listener.listen(CHANNEL).await {
                tracing::warn!(error = %e, "cannot listen to the other instances' changes; retrying");
                tokio::time::sleep(Duration::from_secs(1)).await;
                continue;
            }
            cache.bump();
            cache.listening.store(true, Ordering::Release);
            loop {
                match listener.try_recv().await {
                    Ok(Some(n)) if n.payload() == cache.instance => {}
                    Ok(Some(_)) => cache.bump(),
                    // The connection was lost: forget, to be safe, and open it again (above), so
                    // that nothing is kept until this instance listens again.
                    Ok(None) => {
                        cache.listening.store(false, Ordering::Release);
                        cache.bump();
                        break;
                    }
                    Err(e) => {
                        tracing::warn!(error = %e, "lost the other instances' changes channel");
                        cache.listening.store(false, Ordering::Release);
                        cache.bump();
                        break;
                    }
                }
            }
        }
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_server_function_is_classified_once() {
        let mut names: Vec<String> = leptos::server_fn::axum::server_fn_paths()
            .map(|(path, _)| path.trim_start_matches("/api/").to_string())
            .collect();
        names.sort();
        names.dedup();
        assert!(names.len() >= 60, "only {} server functions registered", names.len());
        for name in &names {
            let public = PUBLIC_WRITES.contains(&name.as_str());
            let private = PRIVATE_CALLS.contains(&name.as_str());
            assert!(public != private, "server function {name}: list it in exactly one of PUBLIC_WRITES and PRIVATE_CALLS");
        }
        for listed in PUBLIC_WRITES.iter().chain(PRIVATE_CALLS.iter()) {
            assert!(names.iter().any(|n| n == listed), "{listed} is listed but is no server function");
        }
    }

    #[test]
    fn only_a_successful_public_write_changes_the_public_pages() {
        let answer = |status: u16, location: Option<&str>| {
            let mut res = Response::new(Body::empty());
            *res.status_mut() = StatusCode::from_u16(status).unwrap();
            if let Some(l) = location {
                res.headers_mut().insert(header::LOCATION, HeaderValue::from_str(l).unwrap());
            }
            res
        };
        assert!(public_change("/api/publication_set", &answer(200, None)));
        assert!(public_change("/api/publication_set", &answer(303, Some("/projets/3"))));
        assert!(!public_change("/api/publication_set", &answer(303, Some("/projets/3?__path=/api/publication_set&__err=e30"))));
        assert!(!public_change("/api/publication_set", &answer(403, None)));
        assert!(!public_change("/api/login", &answer(200, None)));
        assert!(!public_change("/api/login", &answer(401, None)));
        assert!(!public_change("/api/candidature_save", &answer(200, None)));
        assert!(!public_change("/api/initiatives", &answer(200, None)));
        assert!(public_change("/api/an_unlisted_write", &answer(200, None)));
    }

    #[test]
    fn an_entry_is_served_for_its_generation_and_day_only() {
        let cache = PublicCache::default();
        let day = NaiveDate::from_ymd_opt(2027, 1, 1).unwrap();
        let entry = |generation| Entry { generation, day, stored: Instant::now(), headers: HeaderMap::new(), body: Bytes::from_static(b"page"), nonce: None };
        cache.put("fr|/".into(), entry(cache.generation()));
        assert!(cache.get("fr|/", cache.generation(), day).is_some());
        assert!(cache.get("en|/", cache.generation(), day).is_none());
        assert!(cache.get("fr|/", cache.generation(), day.succ_opt().unwrap()).is_none());
        cache.bump();
        assert!(cache.get("fr|/", cache.generation(), day).is_none());
        for i in 0..MAX_ENTRIES + 1 {
            cache.put(format!("fr|/initiatives?q={i}"), entry(cache.generation()));
        }
        assert!(cache.entries.read().unwrap().len() <= MAX_ENTRIES);
    }
}
