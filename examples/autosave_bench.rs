//! Autosave throughput: many applicants' drafts saved concurrently through the real HTTP
//! endpoint (`POST /api/candidature_save`, session cookie, optimistic version), on SQLite and
//! on PostgreSQL, side by side in one run. The app's router is served in this process on a
//! loopback port; each simulated applicant keeps one HTTP/1.1 keep-alive connection and saves
//! its own draft again as soon as the previous save answers (the version it returns is sent
//! with the next save, as the browser does).
//!
//! `cargo run --release --example autosave_bench --features ssr -- [drafts] [seconds]`
//! PostgreSQL: `BENCH_PG_URL` (default `postgres://postgres@127.0.0.1:5432/postgres`); a
//! scratch database is created and dropped.

use accelerateur::domain::account::Role;
use accelerateur::domain::cohort::Calendar;
use accelerateur::server::{auth, config::Config, db, db::Db, http::router, state::AppState};
use leptos::prelude::LeptosOptions;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

struct Drafter {
    cookie: String,
    id: i64,
}

struct Outcome {
    latencies_us: Vec<u64>,
    errors: u64,
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let drafts: usize = args.get(1).and_then(|v| v.parse().ok()).unwrap_or(64);
    let seconds: u64 = args.get(2).and_then(|v| v.parse().ok()).unwrap_or(10);
    println!("Autosave: {drafts} drafts saved concurrently for {seconds}s per engine (HTTP, session, version check)");
    let mut results = Vec::new();
    let dir = std::env::temp_dir().join(format!("autosave-bench-{}", std::process::id()));
    let sqlite_url = format!("sqlite:{}/bench.db?mode=rwc", dir.display());
    results.push(("sqlite", run(&sqlite_url, drafts, seconds).await));
    let admin = std::env::var("BENCH_PG_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
    match sqlx::PgPool::connect(&admin).await {
        Ok(pool) => {
            let name = format!("autosave_bench_{}", std::process::id());
            sqlx::query(&format!("CREATE DATABASE {name}")).execute(&pool).await.expect("create scratch database");
            let url = match admin.rsplit_once('/') {
                Some((base, _)) => format!("{base}/{name}"),
                None => panic!("BENCH_PG_URL needs a database name"),
            };
            results.push(("postgres", run(&url, drafts, seconds).await));
            let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).execute(&pool).await;
        }
        Err(e) => println!("  postgres: skipped ({e})"),
    }
    let _ = std::fs::remove_dir_all(&dir);
    for (engine, (rate, p50, p99, errors)) in &results {
        println!("  {engine:<9} {rate:>9.0} saves/s   p50 {p50:>6.2} ms   p99 {p99:>6.2} ms   errors {errors}");
    }
    if let [(_, (sqlite, _, sqlite_p99, _)), (_, (pg, _, pg_p99, _))] = results.as_slice() {
        println!("  ratio postgres / sqlite: {:.2} (throughput), {:.2} (p99)", pg / sqlite, pg_p99 / sqlite_p99);
    }
    println!("  target: >= 1000 saves/s with p99 < 20 ms on SQLite");
}

/// Serves the app on `url`'s database, creates `n` applicants with a draft each, then saves
/// for `seconds`; returns (saves per second, p50 ms, p99 ms, errors).
async fn run(url: &str, n: usize, seconds: u64) -> (f64, f64, f64, u64) {
    let db = Db::connect(url).await.expect("database");
    let today = chrono::Utc::now().date_naive();
    let calendar = Calendar::suggested(today.checked_sub_days(chrono::Days::new(5)).unwrap());
    let cohort = db::cohort::insert(&db, "Bench", &calendar, 10, 15, 3).await.expect("cohort");
    let hash = auth::hash_password("bench password 2026".into()).await.expect("hash");
    let mut drafters = Vec::with_capacity(n);
    for i in 0..n {
        let user = db::account::insert_user(&db, &format!("bench{i}@exemple.fr"), "Bench", &hash, Role::Citizen).await.expect("user");
        let (token, token_hash) = auth::new_session_token();
        let session = db::sessions::NewSession { token_hash: &token_hash, user_id: user, idle_seconds: 3600, user_agent: "bench" };
        db::account::insert_session(&db, &session).await.expect("session");
        let id = db::candidature::create_draft(&db, accelerateur::domain::ids::CohortId(cohort), accelerateur::domain::ids::UserId(user)).await.expect("draft");
        drafters.push(Drafter { cookie: format!("acc_session={token}"), id });
    }
    let options = LeptosOptions::builder().output_name("accelerateur").site_root("target/site").build();
    let state = AppState { leptos_options: options, db: db.clone(), config: Arc::new(Config::for_tests(url)), public_cache: Default::default() };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    let server = tokio::spawn(async move { axum::serve(listener, router(state).into_make_service()).await });
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let started = Instant::now();
    let tasks: Vec<_> = drafters.into_iter().map(|d| tokio::spawn(save_loop(addr, d, deadline))).collect();
    let mut latencies = Vec::new();
    let mut errors = 0;
    for t in tasks {
        let o = t.await.expect("client task");
        latencies.extend(o.latencies_us);
        errors += o.errors;
    }
    let elapsed = started.elapsed().as_secs_f64();
    server.abort();
    db.close().await;
    latencies.sort_unstable();
    let pct = |p: f64| latencies.get(((latencies.len() as f64 * p) as usize).min(latencies.len().saturating_sub(1))).copied().unwrap_or(0) as f64 / 1000.0;
    (latencies.len() as f64 / elapsed, pct(0.50), pct(0.99), errors)
}

async fn save_loop(addr: std::net::SocketAddr, d: Drafter, deadline: Instant) -> Outcome {
    let mut out = Outcome { latencies_us: Vec::new(), errors: 0 };
    let mut stream = TcpStream::connect(addr).await.expect("connect");
    stream.set_nodelay(true).expect("nodelay");
    let mut version = 1i64;
    let mut n = 0u64;
    let mut buf = Vec::with_capacity(4096);
    while Instant::now() < deadline {
        n += 1;
        let body = format!(
            "id={}&version={version}&step=1&form%5Bproject_name%5D=Projet+{n}&form%5Bpitch%5D=Une+phrase+qui+change+{n}&form%5Bdescription%5D=Texte+{n}",
            d.id
        );
        let request = format!(
            "POST /api/candidature_save HTTP/1.1\r\nHost: {addr}\r\nCookie: {}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{body}",
            d.cookie,
            body.len()
        );
        let t = Instant::now();
        stream.write_all(request.as_bytes()).await.expect("write");
        let (status, body) = read_response(&mut stream, &mut buf).await;
        out.latencies_us.push(t.elapsed().as_micros() as u64);
        match (status, body.split("\"version\":").nth(1).and_then(|v| v.split([',', '}']).next())) {
            (200, Some(v)) => version = v.trim().parse().unwrap_or(version),
            _ => out.errors += 1,
        }
    }
    out
}

/// Reads one HTTP/1.1 response with a Content-Length body; returns (status, body).
async fn read_response(stream: &mut TcpStream, buf: &mut Vec<u8>) -> (u16, String) {
    buf.clear();
    let mut chunk = [0u8; 4096];
    loop {
        if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&buf[..end]).to_string();
            let status = head.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
            let length: usize = head
                .lines()
                .find_map(|l| l.to_ascii_lowercase().strip_prefix("content-length:").map(|v| v.trim().parse().unwrap_or(0)))
                .unwrap_or(0);
            while buf.len() < end + 4 + length {
                let read = stream.read(&mut chunk).await.expect("read");
                assert!(read > 0, "connection closed");
                buf.extend_from_slice(&chunk[..read]);
            }
            return (status, String::from_utf8_lossy(&buf[end + 4..end + 4 + length]).to_string());
        }
        let read = stream.read(&mut chunk).await.expect("read");
        assert!(read > 0, "connection closed");
        buf.extend_from_slice(&chunk[..read]);
    }
}
