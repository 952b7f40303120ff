//! The server: configuration, logs, database, demo data, then the router.

#[cfg(feature = "ssr")]
#[tokio::main]
async fn main() -> std::process::ExitCode {
    use accelerateur::server::{config::Config, db::Db, http::router, seed, state::AppState};
    use leptos::config::get_configuration;
    use std::sync::Arc;
    use tracing_subscriber::EnvFilter;

    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn")))
        .init();

    let config = Config::from_env();
    let leptos_options = match get_configuration(None) {
        Ok(conf) => accelerateur::server::http::with_built_hashes(conf.leptos_options),
        Err(e) => {
            tracing::error!(error = %e, "cannot read the Leptos configuration (LEPTOS_* variables)");
            return std::process::ExitCode::FAILURE;
        }
    };
    // The DSFR stylesheet is named after its content: the pages link the one the site holds.
    accelerateur::app::find_dsfr_stylesheet(&leptos_options.site_root);
    let db = match Db::connect(&config.database_url).await {
        Ok(db) => db,
        Err(e) => {
            tracing::error!(error = %e, "cannot open or migrate the database; check DATABASE_URL");
            return std::process::ExitCode::FAILURE;
        }
    };
    // `accelerateur audit-check`: verifies the hash chain of the audit log, then exits.
    if std::env::args().nth(1).as_deref() == Some("audit-check") {
        return match accelerateur::server::db::audit::audit_log(&db).await {
            Ok(entries) => match accelerateur::server::db::audit::first_broken(&entries) {
                None => {
                    println!("audit log intact: {} entries, chain verified", entries.len());
                    std::process::ExitCode::SUCCESS
                }
                Some(id) => {
                    println!("audit log BROKEN at entry {id}: it was changed, or an entry before it was removed");
                    std::process::ExitCode::FAILURE
                }
            },
            Err(e) => {
                tracing::error!(error = %e, "cannot read the audit log");
                std::process::ExitCode::FAILURE
            }
        };
    }
    if let Err(e) = seed::run(&db, &config).await {
        tracing::error!(error = %e, "start-up data");
        return std::process::ExitCode::FAILURE;
    }

    // Expired sessions and old failed logins are purged every hour.
    let purge_db = db.clone();
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(3600));
        loop {
            tick.tick().await;
            if let Err(e) = accelerateur::server::db::account::purge_expired(&purge_db).await {
                tracing::warn!(error = %e, "purge of expired sessions failed");
            }
        }
    });

    // The mail sender of this instance (several instances on one PostgreSQL share the outbox).
    match accelerateur::server::mail::Sender::from_config(&config.mail) {
        Ok(sender) => {
            accelerateur::server::mail::spawn_worker(db.clone(), sender, config.mail.poll_ms);
        }
        Err(e) => {
            tracing::error!(error = %e, "mail configuration");
            return std::process::ExitCode::FAILURE;
        }
    }

    // Public pages kept in memory; on PostgreSQL, emptied when another instance changes data.
    let public_cache: Arc<accelerateur::server::public_cache::PublicCache> = Default::default();
    accelerateur::server::public_cache::spawn_listener(public_cache.clone(), db.clone());

    // Charter evidence addresses are checked when given, then every day.
    accelerateur::server::url_check::spawn(db.clone(), public_cache.clone());
    // Fortnightly check-ins: a reminder mail when one is due.
    accelerateur::server::reminders::spawn(db.clone(), config.mail.base_url.clone());
    // Retention: notices two weeks before, then purges; old mail bodies; expired links.
    accelerateur::server::retention::spawn(db.clone(), config.mail.base_url.clone(), format!("pid-{}", std::process::id()));

    let addr = leptos_options.site_addr;
    tracing::info!(engine = db.engine(), "listening on http://{addr}");
    let state = AppState { leptos_options, db: db.clone(), config: Arc::new(config), public_cache: public_cache.clone() };
    let app = router(state);
    let listener = match tokio::net::TcpListener::bind(&addr).await {
        Ok(l) => l,
        Err(e) => {
            tracing::error!(error = %e, "cannot listen on {addr} (LEPTOS_SITE_ADDR)");
            return std::process::ExitCode::FAILURE;
        }
    };
    let shutdown = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    if let Err(e) = axum::serve(listener, app.into_make_service_with_connect_info::<std::net::SocketAddr>()).with_graceful_shutdown(shutdown).await {
        tracing::error!(error = %e, "server error");
        return std::process::ExitCode::FAILURE;
    }
    db.close().await;
    std::process::ExitCode::SUCCESS
}

#[cfg(not(feature = "ssr"))]
pub fn main() {
    // The browser entry point is `hydrate()` in lib.rs.
}
