//! Check-in reminders: every project in its programme owes a check-in every two weeks; when one
//! is due, its team gets one mail (through the outbox), whichever instance notices it first.

use super::db::{self, Db};
use crate::domain::i18n::Locale;
use crate::domain::mail::Notice;
use crate::domain::programme::check_in_reminder;
use chrono::NaiveDate;
use std::time::Duration;

fn day_of(at: i64) -> Option<NaiveDate> {
    chrono::DateTime::from_timestamp(at, 0).map(|d| d.date_naive())
}

/// Writes the reminders owed on `today`; returns how many projects were reminded.
pub async fn send_due(db: &Db, base_url: &str, today: NaiveDate) -> Result<usize, sqlx::Error> {
    let mut reminded = 0;
    for c in db::programme::reminder_candidates(db).await? {
        let started = c.signed_at.and_then(day_of).unwrap_or(c.programme_starts);
        let Some(due_on) = check_in_reminder(c.last_check_in.and_then(day_of), started, today) else { continue };
        let notice = Notice::CheckInDue { project: c.project_name.clone(), candidature_id: c.candidature_id, due_on };
        let mails: Vec<_> = db::candidature::recipients(db, c.candidature_id)
            .await?
            .iter()
            .map(|(to, lang)| notice.compose(to, Locale::from_code(lang), base_url))
            .collect();
        if db::programme::remind(db, c.candidature_id, due_on, &mails).await? {
            tracing::info!(candidature = c.candidature_id, %due_on, recipients = mails.len(), "check-in reminder written");
            reminded += 1;
        }
    }
    Ok(reminded)
}

/// The reminder task of one app instance: it looks for due check-ins every
/// `REMINDER_CHECK_SECONDS` (default 3600).
pub fn spawn(db: Db, base_url: String) -> tokio::task::JoinHandle<()> {
    let every = std::env::var("REMINDER_CHECK_SECONDS").ok().and_then(|v| v.parse::<u64>().ok()).unwrap_or(3600).max(1);
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(every));
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            if let Err(e) = send_due(&db, &base_url, chrono::Utc::now().date_naive()).await {
                tracing::warn!(error = %e, "check-in reminders: cannot read or write");
            }
        }
    })
}
