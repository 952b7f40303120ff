//! Dates and URLs as people read them.

use crate::domain::i18n::Locale;
use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, TimeZone, Timelike, Utc, Weekday};

const MONTHS_FR: [&str; 12] = [
    "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre",
];
const MONTHS_EN: [&str; 12] = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
];

/// « 1er décembre 2026 » / « 1 December 2026 ».
pub fn long_date(locale: Locale, date: NaiveDate) -> String {
    let month = date.month0() as usize;
    match locale {
        Locale::Fr if date.day() == 1 => format!("1er {} {}", MONTHS_FR[month], date.year()),
        Locale::Fr => format!("{} {} {}", date.day(), MONTHS_FR[month], date.year()),
        Locale::En => format!("{} {} {}", date.day(), MONTHS_EN[month], date.year()),
    }
}

/// The wall-clock time in metropolitan France (the programme's time): UTC+1, or UTC+2 from
/// the last Sunday of March to the last Sunday of October, both at 01:00 UTC (EU rule).
pub fn paris_time(unix_seconds: i64) -> Option<NaiveDateTime> {
    let utc = DateTime::<Utc>::from_timestamp(unix_seconds, 0)?;
    let year = utc.year();
    let switch = |month: u32| {
        let last = NaiveDate::from_ymd_opt(year, month, 31)?;
        let back = last.weekday().num_days_from_sunday();
        let sunday = last - chrono::Duration::days(i64::from(back));
        debug_assert_eq!(sunday.weekday(), Weekday::Sun);
        Some(Utc.from_utc_datetime(&sunday.and_hms_opt(1, 0, 0)?))
    };
    let summer = utc >= switch(3)? && utc < switch(10)?;
    let offset = if summer { 2 } else { 1 };
    Some(utc.naive_utc() + chrono::Duration::hours(offset))
}

/// « 28 novembre 2026 à 19 h 40 » / « 28 November 2026 at 19:40 », in French time.
pub fn date_time(locale: Locale, unix_seconds: i64) -> String {
    let Some(t) = paris_time(unix_seconds) else { return String::new() };
    match locale {
        Locale::Fr => format!("{} à {} h {:02}", long_date(locale, t.date()), t.hour(), t.minute()),
        Locale::En => format!("{} at {:02}:{:02}", long_date(locale, t.date()), t.hour(), t.minute()),
    }
}

/// A duration in whole minutes: « 23 min », « 1 h 05 ».
pub fn minutes(seconds: i64) -> String {
    let m = seconds.max(0) / 60;
    if m < 60 {
        format!("{m} min")
    } else {
        format!("{} h {:02}", m / 60, m % 60)
    }
}

/// Until when a candidature is kept, as a sentence (« Conservée jusqu'au 20 mai 2028 »).
pub fn kept_until(locale: Locale, kept: crate::domain::retention::KeptUntil) -> String {
    use crate::domain::retention::KeptUntil;
    match (kept, locale) {
        (KeptUntil::Day(d), Locale::Fr) => format!("Conservée jusqu'au {}, puis supprimée.", long_date(locale, d)),
        (KeptUntil::Day(d), Locale::En) => format!("Kept until {}, then deleted.", long_date(locale, d)),
        (KeptUntil::Decision, Locale::Fr) => "Conservée jusqu'à la décision du jury, puis selon la décision.".into(),
        (KeptUntil::Decision, Locale::En) => "Kept until the jury's decision, then as the decision says.".into(),
        (KeptUntil::Programme, Locale::Fr) => "Conservée pendant le programme, puis comme archive du programme.".into(),
        (KeptUntil::Programme, Locale::En) => "Kept during the programme, then as the programme's archive.".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_naturally() {
        let d = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        assert_eq!(long_date(Locale::Fr, d), "1er décembre 2026");
        assert_eq!(long_date(Locale::En, d), "1 December 2026");
        assert_eq!(long_date(Locale::Fr, NaiveDate::from_ymd_opt(2027, 2, 14).unwrap()), "14 février 2027");
    }

    #[test]
    fn french_time_follows_summer_time() {
        // 28 November 2026 18:40 UTC is 19:40 in Paris (winter).
        assert_eq!(date_time(Locale::Fr, 1_795_891_200), "28 novembre 2026 à 19 h 40");
        assert_eq!(date_time(Locale::En, 1_795_891_200), "28 November 2026 at 19:40");
        // 2026 switches on 29 March and 25 October, at 01:00 UTC.
        let at = |y, m, d, h| Utc.with_ymd_and_hms(y, m, d, h, 0, 0).unwrap().timestamp();
        assert_eq!(paris_time(at(2026, 3, 29, 0)).unwrap().hour(), 1);
        assert_eq!(paris_time(at(2026, 3, 29, 1)).unwrap().hour(), 3);
        assert_eq!(paris_time(at(2026, 10, 25, 0)).unwrap().hour(), 2);
        assert_eq!(paris_time(at(2026, 10, 25, 1)).unwrap().hour(), 2);
        assert_eq!(paris_time(at(2026, 7, 14, 12)).unwrap().hour(), 14);
    }

    #[test]
    fn durations_read_in_minutes_and_hours() {
        assert_eq!(minutes(0), "0 min");
        assert_eq!(minutes(1439), "23 min");
        assert_eq!(minutes(3900), "1 h 05");
        assert_eq!(minutes(-5), "0 min");
    }
}
