//! The public pages (home, showcase, initiative pages, transparency, open data, JSON API) as
//! anonymous visitors get them, kept in memory once rendered. Every change made through the
//! app (any request that is not a read) and every evidence check moves a generation counter,
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
use std::sync::atomic::{AtomicU64, Ordering};
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

/// Server function calls that never change what the public sees (drafts and reviews being
/// typed): they do not empty the cache, so that autosaves do not defeat it.
const PRIVATE_WRITES: [&str; 2] = ["/api/candidature_save", "/api/review_save"];

struct Entry {
    generation: u64,
    day: NaiveDate,
    stored: Instant,
    headers: HeaderMap,
    body: Bytes,
}

pub struct PublicCache {
    /// Names this instance in its announcements, so that it does not forget its pages again
    /// when it hears its own.
    instance: String,
    generation: AtomicU64,
    entries: RwLock<HashMap<String, Entry>>,
}

impl Default for PublicCache {
    fn default() -> Self {
        static COUNT: AtomicU64 = AtomicU64::new(0);
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
        PublicCache {
            instance: format!("{}-{}-{nanos}", std::process::id(), COUNT.fetch_add(1, Ordering::Relaxed)),
            generation: AtomicU64::new(0),
            entries: RwLock::new(HashMap::new()),
        }
    }
}

impl std::fmt::Debug for PublicCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PublicCache").field("generation", &self.generation()).finish_non_exhaustive()
    }
}

/// The paths whose anonymous responses are kept.
pub fn is_public_path(path: &str) -> bool {
    matches!(path, "/" | "/initiatives" | "/transparence" | "/donnees")
        || path.starts_with("/initiatives/")
        || path.starts_with("/donnees/")
        || path.starts_with("/api/v1/")
}

impl PublicCache {
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::Acquire)
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

    fn get(&self, key: &str, generation: u64, day: NaiveDate) -> Option<(HeaderMap, Bytes)> {
        let entries = self.entries.read().ok()?;
        let e = entries.get(key)?;
        (e.generation == generation && e.day == day && e.stored.elapsed() < MAX_AGE).then(|| (e.headers.clone(), e.body.clone()))
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
        if !safe && !PRIVATE_WRITES.contains(&path.as_str()) {
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
    let lang = super::auth::cookie(req.headers(), super::http::LANG_COOKIE).unwrap_or("fr").to_string();
    let key = format!("{lang}|{}", req.uri().path_and_query().map(|p| p.as_str()).unwrap_or(&path));
    // Read before rendering: a change during the rendering makes this entry stale at once.
    let generation = cache.generation();
    let day = chrono::Utc::now().date_naive();
    if let Some((headers, body)) = cache.get(&key, generation, day) {
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
    cache.put(key, Entry { generation, day, stored: Instant::now(), headers: parts.headers.clone(), body: body.clone() });
    with_header(Response::from_parts(parts, Body::from(body)), "miss")
}

/// On PostgreSQL, listens to the other instances' announcements; forgets every page when one
/// arrives or when the listening connection had to be opened again (announcements may have
/// been missed meanwhile).
pub fn spawn_listener(cache: Arc<PublicCache>, db: Db) -> Option<tokio::task::JoinHandle<()>> {
    let Db::Postgres(pool) = db else { return None };
    Some(tokio::spawn(async move {
        loop {
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
            loop {
                match listener.try_recv().await {
                    Ok(Some(n)) if n.payload() == cache.instance => {}
                    Ok(Some(_)) => cache.bump(),
                    // The connection was lost and will be opened again: forget, to be safe.
                    Ok(None) => cache.bump(),
                    Err(e) => {
                        tracing::warn!(error = %e, "lost the other instances' changes channel");
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
    fn only_public_paths_are_kept() {
        for p in ["/", "/initiatives", "/initiatives/12", "/transparence", "/donnees", "/donnees/initiatives.csv", "/api/v1/cohortes"] {
            assert!(is_public_path(p), "{p}");
        }
        for p in ["/candidatures", "/agent/cohortes", "/api/programme_get", "/projets/3", "/compte"] {
            assert!(!is_public_path(p), "{p}");
        }
    }

    #[test]
    fn an_entry_is_served_for_its_generation_and_day_only() {
        let cache = PublicCache::default();
        let day = NaiveDate::from_ymd_opt(2027, 1, 1).unwrap();
        let entry = |generation| Entry { generation, day, stored: Instant::now(), headers: HeaderMap::new(), body: Bytes::from_static(b"page") };
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
