//! The daily retention task of each app instance: it tells the people concerned two weeks
//! before their records go, then deletes them; it erases old mail bodies and expired links.
//! Several instances may run it at the same time (see `db::retention`): each notice is sent
//! once and each record purged once.

use super::db::{self, Db};
use crate::domain::account_deletion::deleted_address;
use crate::domain::i18n::Locale;
use crate::domain::mail::Notice;
use crate::domain::retention::{notice_on, Purge, MAIL_BODY_DAYS, NOTICE_DAYS};
use chrono::{Duration, NaiveDate};

/// What one run did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Report {
    /// Candidatures whose people were told of the coming purge.
    pub notified: usize,
    /// Candidatures deleted.
    pub purged: usize,
    /// Mails whose bodies were erased.
    pub mail_bodies: u64,
    /// Expired sessions and single-use links deleted.
    pub expired: u64,
}

/// Runs the task for `today` (`at` is the same instant in unix seconds).
pub async fn run_due(db: &Db, base_url: &str, instance: &str, today: NaiveDate, at: i64) -> Result<Report, sqlx::Error> {
    let mut report = Report::default();
    for c in db::retention::candidates(db).await? {
        let Some((kind, due)) = c.purge() else { continue };
        match db::retention::notice(db, c.id, kind).await? {
            // Told already: the purge comes on the day announced (never before the rule's day).
            Some(announced) => {
                if today >= announced.max(due) && db::retention::purge(db, c.id, c.status()).await? {
                    tracing::info!(candidature = c.id, kind = kind.code(), "retention: candidature deleted");
                    report.purged += 1;
                }
            }
            // Not told yet: told once the notice day comes; the purge then waits the full
            // notice period even if the rule's day is nearer (the task did not run, or staff
            // shortened the duration).
            None if today >= notice_on(due) => {
                let purge_on = due.max(today + Duration::days(NOTICE_DAYS));
                let notice = Notice::RecordsExpiring {
                    project: c.project_name.clone(),
                    candidature_id: c.id,
                    draft: kind == Purge::Draft,
                    purge_on,
                };
                let mails: Vec<_> = db::candidature::recipients(db, c.id)
                    .await?
                    .iter()
                    .filter(|(to, _)| !to.ends_with(".invalid") && *to != deleted_address(c.holder_id))
                    .map(|(to, lang)| notice.compose(to, Locale::from_code(lang), base_url))
                    .collect();
                if db::retention::record_notice(db, c.id, kind, purge_on, &mails).await? {
                    tracing::info!(candidature = c.id, kind = kind.code(), %purge_on, recipients = mails.len(), "retention: notice written");
                    report.notified += 1;
                }
            }
            None => {}
        }
    }
    report.mail_bodies = db::retention::erase_old_mail_bodies(db, at - MAIL_BODY_DAYS * 86_400).await?;
    report.expired = db::retention::delete_expired_links(db, at).await?;
    for (kind, count) in [
        ("notices", report.notified as i64),
        ("purged", report.purged as i64),
        ("mail_bodies", report.mail_bodies as i64),
        ("expired", report.expired as i64),
    ] {
        if count > 0 {
            db::retention::record_run(db, instance, kind, count).await?;
        }
    }
    Ok(report)
}

/// The task of one app instance: once at start-up, then every `RETENTION_CHECK_SECONDS`
/// (default 86400, a day).
pub fn spawn(db: Db, base_url: String, instance: String) -> tokio::task::JoinHandle<()> {
    let every = std::env::var("RETENTION_CHECK_SECONDS").ok().and_then(|v| v.parse::<u64>().ok()).unwrap_or(86_400).max(1);
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(every));
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            let now = chrono::Utc::now();
            match run_due(&db, &base_url, &instance, now.date_naive(), now.timestamp()).await {
                Ok(r) => tracing::info!(notified = r.notified, purged = r.purged, mail_bodies = r.mail_bodies, expired = r.expired, "retention run"),
                Err(e) => tracing::warn!(error = %e, "retention: cannot read or write"),
            }
        }
    })
}
