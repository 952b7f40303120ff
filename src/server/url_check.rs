//! Checks the addresses of charter evidence: one GET each (redirects followed, 5 s at most),
//! when given and then every day. A task in each instance looks for due checks every minute;
//! two instances may check the same address at the same time, which only repeats a GET.

use super::db::{self, Db};
use crate::domain::evidence::{outcome, CHECK_TIMEOUT_SECONDS};
use std::time::Duration;

pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(Duration::from_secs(CHECK_TIMEOUT_SECONDS))
        .redirect(reqwest::redirect::Policy::limited(5))
        .user_agent("accelerateur-initiatives-citoyennes (verification des preuves de la charte)")
        .build()
        .unwrap_or_default()
}

/// Checks every address due at `now`; returns how many were checked.
pub async fn check_due(db: &Db, client: &reqwest::Client, now: i64) -> Result<usize, sqlx::Error> {
    let due = db::evidence::due(db, now).await?;
    for (candidature_id, link, url) in &due {
        let answer = match client.get(url).send().await {
            Ok(res) => Ok(res.status().as_u16()),
            Err(e) if e.is_timeout() => Err(format!("pas de réponse en {CHECK_TIMEOUT_SECONDS} s")),
            Err(e) if e.is_connect() => Err("connexion impossible au serveur".to_string()),
            Err(e) => Err(e.to_string()),
        };
        let (ok, error) = outcome(answer);
        db::evidence::record_check(db, *candidature_id, *link, url, now, ok, &error).await?;
    }
    Ok(due.len())
}

/// The checker of one app instance; it looks for due checks every `EVIDENCE_CHECK_SECONDS`
/// (default 60).
pub fn spawn(db: Db, cache: std::sync::Arc<super::public_cache::PublicCache>) -> tokio::task::JoinHandle<()> {
    let every = std::env::var("EVIDENCE_CHECK_SECONDS").ok().and_then(|v| v.parse::<u64>().ok()).unwrap_or(60).max(1);
    tokio::spawn(async move {
        let client = client();
        let mut tick = tokio::time::interval(Duration::from_secs(every));
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            match check_due(&db, &client, db::now()).await {
                // The public pages show each address's check.
                Ok(checked) if checked > 0 => cache.changed(&db).await,
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "evidence checks: cannot read or update"),
            }
        }
    })
}
