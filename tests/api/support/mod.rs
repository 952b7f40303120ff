//! A fresh application on a fresh real database per test, on SQLite and on PostgreSQL.

#![allow(dead_code)]

pub mod candidature;
pub mod my_data;
pub mod oidc;
pub mod programme;
pub mod smtp;

use accelerateur::domain::account::Role;
use accelerateur::server::{auth, config::Config, db, db::Db, http::router, state::AppState};
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use leptos::prelude::LeptosOptions;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use tower::ServiceExt;

static COUNTER: AtomicU32 = AtomicU32::new(0);

fn unique(prefix: &str) -> String {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.subsec_nanos()).unwrap_or(0);
    format!("{prefix}_{}_{}_{}", std::process::id(), COUNTER.fetch_add(1, Ordering::SeqCst), nanos)
}

pub const PASSWORD: &str = "un mot de passe solide";

pub struct TestApp {
    pub router: Router,
    pub db: Db,
    public_cache: Arc<accelerateur::server::public_cache::PublicCache>,
    cleanup: Cleanup,
}

enum Cleanup {
    /// Another instance on the database of a `TestApp` that cleans it up.
    Shared,
    File(std::path::PathBuf),
    PgDatabase { admin_url: String, name: String },
}

impl Drop for TestApp {
    fn drop(&mut self) {
        match &self.cleanup {
            Cleanup::Shared => {}
            Cleanup::File(path) => {
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
                }
            }
            Cleanup::PgDatabase { admin_url, name } => {
                let (admin_url, name) = (admin_url.clone(), name.clone());
                // Drop runs inside the test's runtime: use a thread with its own runtime.
                let _ = std::thread::spawn(move || {
                    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().ok()?;
                    rt.block_on(async {
                        let pool = sqlx::PgPool::connect(&admin_url).await.ok()?;
                        sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).execute(&pool).await.ok()
                    })
                })
                .join();
            }
        }
    }
}

fn options() -> LeptosOptions {
    LeptosOptions::builder().output_name("accelerateur").site_root("target/site").build()
}

impl TestApp {
    fn build(db: Db, cleanup: Cleanup) -> TestApp {
        TestApp::build_with(db, cleanup, options())
    }

    fn build_with(db: Db, cleanup: Cleanup, leptos_options: LeptosOptions) -> TestApp {
        TestApp::build_configured(db, cleanup, leptos_options, Config::for_tests(""))
    }

    fn build_configured(db: Db, cleanup: Cleanup, leptos_options: LeptosOptions, config: Config) -> TestApp {
        let public_cache: Arc<accelerateur::server::public_cache::PublicCache> = Default::default();
        accelerateur::server::public_cache::spawn_listener(public_cache.clone(), db.clone());
        let state = AppState { leptos_options, db: db.clone(), config: Arc::new(config), public_cache: public_cache.clone() };
        TestApp { router: router(state), db, public_cache, cleanup }
    }

    /// Waits until this instance hears the others' announcements (PostgreSQL; at once on
    /// SQLite): before that it keeps no public page.
    pub async fn until_listening(&self) {
        for _ in 0..500 {
            if self.public_cache.listening() {
                return;
            }
            tokio::time::sleep(std::time::Duration::from_millis(10)).await;
        }
        panic!("the public cache never started listening");
    }

    /// A second instance of the app on the same database, with its own memory (as behind a
    /// load balancer).
    pub fn another_instance(&self) -> TestApp {
        TestApp::build(self.db.clone(), Cleanup::Shared)
    }

    /// Another instance on the same database with its configuration changed by `change`
    /// (State sign-in providers, production mode).
    pub fn configured(&self, change: impl FnOnce(&mut Config)) -> TestApp {
        let mut config = Config::for_tests("");
        change(&mut config);
        TestApp::build_configured(self.db.clone(), Cleanup::Shared, options(), config)
    }

    /// Another instance on the same database with other Leptos options (a site folder of
    /// the test's own, hashed file names).
    pub fn with_options(&self, leptos_options: LeptosOptions) -> TestApp {
        TestApp::build_with(self.db.clone(), Cleanup::Shared, leptos_options)
    }

    pub async fn sqlite() -> TestApp {
        let path = std::env::temp_dir().join(format!("{}.db", unique("acc_test")));
        let db = Db::connect(&format!("sqlite:{}?mode=rwc", path.display())).await.expect("sqlite test database");
        TestApp::build(db, Cleanup::File(path))
    }

    /// A fresh PostgreSQL database, or `None` (loudly) when no server is reachable outside CI.
    pub async fn postgres() -> Option<TestApp> {
        let admin_url = std::env::var("TEST_PG_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
        let admin = match sqlx::PgPool::connect(&admin_url).await {
            Ok(pool) => pool,
            Err(e) => {
                if std::env::var("CI").map(|v| v == "true").unwrap_or(false) {
                    panic!("PostgreSQL unreachable at {admin_url} in CI: {e}");
                }
                eprintln!("\n!!! WARNING: PostgreSQL unreachable at {admin_url} ({e}): PostgreSQL test SKIPPED !!!\n");
                return None;
            }
        };
        let name = unique("acc_test");
        sqlx::query(&format!("CREATE DATABASE {name}")).execute(&admin).await.expect("create test database");
        // A test database is thrown away: commits need not wait for the disk.
        sqlx::query(&format!("ALTER DATABASE {name} SET synchronous_commit TO off")).execute(&admin).await.expect("test database setting");
        admin.close().await;
        let (base, _) = admin_url.rsplit_once('/').expect("database url with a path");
        let db = Db::connect(&format!("{base}/{name}")).await.expect("postgres test database");
        Some(TestApp::build(db, Cleanup::PgDatabase { admin_url, name }))
    }

    /// The URL of the test's SQLite file (to start the binary on it), if it is one.
    pub fn database_url(&self) -> Option<String> {
        match &self.cleanup {
            Cleanup::File(path) => Some(format!("sqlite:{}", path.display())),
            Cleanup::PgDatabase { .. } | Cleanup::Shared => None,
        }
    }

    /// Creates an account with the given role directly in the database; returns its id.
    pub async fn user(&self, email: &str, role: Role) -> i64 {
        let hash = auth::hash_password(PASSWORD.to_string()).await.expect("hash");
        db::account::insert_user(&self.db, email, "Test", &hash, role).await.expect("insert user")
    }

    /// Creates an account with the role and returns its session cookie.
    pub async fn signed_in(&self, role: Role) -> String {
        let email = format!("{}@exemple.fr", unique(role.code()));
        self.user(&email, role).await;
        self.login(&email, PASSWORD).await.expect("login")
    }

    /// Logs in through the server function; returns the session cookie (`name=value`).
    pub async fn login(&self, email: &str, password: &str) -> Result<String, (StatusCode, String)> {
        let res = self.call("login", &[("email", email), ("password", password)], None).await;
        if res.status != StatusCode::OK {
            return Err((res.status, res.body));
        }
        res.session_cookie().ok_or((res.status, "no session cookie".into()))
    }

    /// Calls a server function the way the app's own client does (no HTML accepted).
    pub async fn call(&self, endpoint: &str, fields: &[(&str, &str)], cookie: Option<&str>) -> TestResponse {
        let mut req = Request::post(format!("/api/{endpoint}"))
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "application/json")
            .header(header::HOST, "127.0.0.1:3000")
            .header(header::ORIGIN, "http://127.0.0.1:3000");
        if let Some(c) = cookie {
            req = req.header(header::COOKIE, c);
        }
        self.send(req.body(Body::from(form(fields))).expect("request")).await
    }

    /// Posts a form as a browser without JavaScript does.
    pub async fn post_html_form(&self, endpoint: &str, fields: &[(&str, &str)], referer: &str, cookie: Option<&str>) -> TestResponse {
        let mut req = Request::post(format!("/api/{endpoint}"))
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "text/html,application/xhtml+xml")
            .header(header::HOST, "127.0.0.1:3000")
            .header("sec-fetch-site", "same-origin")
            .header(header::REFERER, format!("http://127.0.0.1:3000{referer}"));
        if let Some(c) = cookie {
            req = req.header(header::COOKIE, c);
        }
        self.send(req.body(Body::from(form(fields))).expect("request")).await
    }

    pub async fn get(&self, path: &str, cookie: Option<&str>) -> TestResponse {
        let mut req = Request::get(path).header(header::HOST, "127.0.0.1:3000").header(header::ACCEPT, "text/html");
        if let Some(c) = cookie {
            req = req.header(header::COOKIE, c);
        }
        self.send(req.body(Body::empty()).expect("request")).await
    }

    /// Sends a request; a response that takes over a minute fails the test (a hang must not
    /// hold the whole suite until the CI limit).
    pub async fn send(&self, req: Request<Body>) -> TestResponse {
        let what = format!("{} {}", req.method(), req.uri());
        let exchange = async {
            let res = self.router.clone().oneshot(req).await.expect("router answers");
            let status = res.status();
            let headers = res.headers().clone();
            let bytes = axum::body::to_bytes(res.into_body(), 10 * 1024 * 1024).await.expect("body");
            TestResponse { status, headers, body: String::from_utf8_lossy(&bytes).into_owned() }
        };
        tokio::time::timeout(std::time::Duration::from_secs(60), exchange)
            .await
            .unwrap_or_else(|_| panic!("{what}: no complete response within 60 s"))
    }

    pub async fn count_users(&self) -> i64 {
        db::account::list_users(&self.db).await.expect("list").len() as i64
    }
}

pub struct TestResponse {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub body: String,
}

impl TestResponse {
    pub fn session_cookie(&self) -> Option<String> {
        self.cookie("acc_session")
    }

    /// The cookie the answer sets under `name`, as `name=value` (a browser sends it back so).
    pub fn cookie(&self, name: &str) -> Option<String> {
        let prefix = format!("{name}=");
        self.set_cookies().into_iter().find(|c| c.starts_with(&prefix)).and_then(|c| c.split(';').next().map(str::to_string))
    }

    /// Invitation links staff just created (`jury_invite`): never in the address the answer
    /// sends the browser to, but in a cookie the jury page reads once and clears.
    pub async fn new_invitation_links(&self, app: &TestApp, staff: &str, cohort: i64) -> Vec<String> {
        let carried = self.cookie("acc_invitations").expect("the links travel in a cookie");
        let cookies = format!("{staff}; {carried}");
        let res = app.call("jury_overview", &[("cohort_id", &cohort.to_string())], Some(&cookies)).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        assert!(res.set_cookies().iter().any(|c| c.starts_with("acc_invitations=;") && c.contains("Max-Age=0")), "shown once: the cookie is cleared");
        let view: accelerateur::api::jury::JuryView = serde_json::from_str(&res.body).unwrap();
        let location = self.location().unwrap_or_default();
        for token in &view.new_links {
            assert!(!location.contains(token.as_str()), "a token in the address: {location}");
        }
        view.new_links
    }

    pub fn set_cookies(&self) -> Vec<String> {
        self.headers.get_all(header::SET_COOKIE).iter().filter_map(|v| v.to_str().ok()).map(str::to_string).collect()
    }

    pub fn location(&self) -> Option<String> {
        self.headers.get(header::LOCATION).and_then(|v| v.to_str().ok()).map(str::to_string)
    }

    /// The application error in the body of a failed server function call.
    pub fn app_error(&self) -> accelerateur::domain::error::AppError {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not an AppError ({e}): {}", self.body))
    }
}

pub fn form(fields: &[(&str, &str)]) -> String {
    fields.iter().map(|(k, v)| format!("{}={}", encode(k), encode(v))).collect::<Vec<_>>().join("&")
}

fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            b' ' => "+".to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Runs each listed test function on a fresh SQLite app and on a fresh PostgreSQL app.
#[macro_export]
macro_rules! on_both_engines {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() { super::$name(super::support::TestApp::sqlite().await).await })*
        }
        mod postgres {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() {
                if let Some(app) = super::support::TestApp::postgres().await { super::$name(app).await }
            })*
        }
    };
}
