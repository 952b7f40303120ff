//! One query surface over SQLite and PostgreSQL. Each function runs the same SQL
//! (`$1` placeholders work on both) on whichever pool the configuration chose.

pub mod account;
pub mod account_deletion;
pub mod audit;
pub mod attachment;
pub mod candidature;
pub mod cohort;
pub mod evidence;
pub mod jury;
pub mod messages;
pub mod my_data;
pub mod outbox;
pub mod programme;
pub mod publication;
pub mod retention;
pub mod sessions;
pub mod state_sign_in;
pub mod transparency;

use sqlx::postgres::PgPoolOptions;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{PgPool, SqlitePool};
use std::str::FromStr;
use std::time::Duration;

#[derive(Clone, Debug)]
pub enum Db {
    Sqlite(SqlitePools),
    Postgres(PgPool),
}

/// SQLite has one writer at a time. Writes go through a pool of one connection, where they
/// queue in order, instead of colliding on the file lock and sleeping in SQLite's busy
/// handler (which made the tail latency of concurrent autosaves 8 times the median). Reads
/// use read-only connections in parallel (WAL), so a write sent to them fails loudly.
#[derive(Clone, Debug)]
pub struct SqlitePools {
    pub read: SqlitePool,
    pub write: SqlitePool,
}

/// Runs `$body` with `$pool` bound to the concrete pool for reading: the body is compiled
/// once per engine.
macro_rules! on_pool {
    ($db:expr, $pool:ident => $body:expr) => {
        match $db {
            $crate::server::db::Db::Sqlite(pools) => {
                let $pool = &pools.read;
                $body
            }
            $crate::server::db::Db::Postgres($pool) => $body,
        }
    };
}
pub(crate) use on_pool;

/// Like `on_pool!`, for statements that write (SQLite's single writer connection).
macro_rules! on_write_pool {
    ($db:expr, $pool:ident => $body:expr) => {
        match $db {
            $crate::server::db::Db::Sqlite(pools) => {
                let $pool = &pools.write;
                $body
            }
            $crate::server::db::Db::Postgres($pool) => $body,
        }
    };
}
pub(crate) use on_write_pool;

impl Db {
    /// Connects to the database named by the URL and applies the migrations of its engine.
    pub async fn connect(url: &str) -> Result<Db, sqlx::Error> {
        let db = if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let pool = PgPoolOptions::new()
                .max_connections(16)
                .acquire_timeout(Duration::from_secs(5))
                .connect(url)
                .await?;
            sqlx::migrate!("migrations/postgres").run(&pool).await?;
            Db::Postgres(pool)
        } else {
            if let Some(dir) = sqlite_parent_dir(url) {
                std::fs::create_dir_all(dir).map_err(sqlx::Error::Io)?;
            }
            // WAL with synchronous=NORMAL: a commit is durable once the process has written
            // it (a crash or restart of the app loses nothing); only a power cut of the
            // machine can lose the last commits, never corrupt the file.
            let options = SqliteConnectOptions::from_str(url)?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(5));
            let in_memory = sqlite_parent_dir(url).is_none() && url.contains(":memory:");
            let write = SqlitePoolOptions::new()
                .max_connections(1)
                .acquire_timeout(Duration::from_secs(10))
                .connect_with(options.clone())
                .await?;
            sqlx::migrate!("migrations/sqlite").run(&write).await?;
            // An in-memory database exists in one connection only: it reads and writes there.
            let read = if in_memory {
                write.clone()
            } else {
                // Each SQLite connection runs on its own thread: on this 2-core machine 4 readers
                // gave a lower tail latency than 8 (autosave p99 15.6–16.9 ms against 14.7–23.0).
                SqlitePoolOptions::new()
                    .max_connections(4)
                    .acquire_timeout(Duration::from_secs(5))
                    .connect_with(options.read_only(true))
                    .await?
            };
            Db::Sqlite(SqlitePools { read, write })
        };
        audit::upgrade(&db).await?;
        Ok(db)
    }

    pub fn engine(&self) -> &'static str {
        match self {
            Db::Sqlite(_) => "sqlite",
            Db::Postgres(_) => "postgres",
        }
    }

    /// Answers when the database answers a trivial query.
    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        on_pool!(self, pool => sqlx::query("SELECT 1").execute(pool).await.map(|_| ()))
    }

    pub async fn close(&self) {
        match self {
            Db::Sqlite(pools) => {
                pools.read.close().await;
                pools.write.close().await;
            }
            Db::Postgres(pool) => pool.close().await,
        }
    }
}

/// The folder holding an SQLite file, so that it can be created on a fresh machine.
fn sqlite_parent_dir(url: &str) -> Option<std::path::PathBuf> {
    let path = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:"))?;
    let path = path.split('?').next()?;
    if path.is_empty() || path == ":memory:" {
        return None;
    }
    std::path::Path::new(path).parent().filter(|p| !p.as_os_str().is_empty()).map(|p| p.to_path_buf())
}

/// Current time as UTC unix seconds (how the schema stores instants).
pub fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

#[cfg(test)]
mod tests {
    use super::sqlite_parent_dir;

    #[test]
    fn sqlite_parent_dir_is_found_for_relative_and_absolute_files() {
        assert_eq!(sqlite_parent_dir("sqlite:data/a.db?mode=rwc").unwrap().to_str(), Some("data"));
        assert_eq!(sqlite_parent_dir("sqlite:///tmp/x/a.db").unwrap().to_str(), Some("/tmp/x"));
        assert!(sqlite_parent_dir("sqlite::memory:").is_none());
        assert!(sqlite_parent_dir("sqlite:a.db").is_none());
    }
}
