//! Dates and URLs as people read them.

use crate::domain::i18n::Locale;
use chrono::{Datelike, NaiveDate};

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

/// Percent-encodes a path for use as a query value.
pub fn encode_query_value(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'/' | b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
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
    fn query_values_are_encoded() {
        assert_eq!(encode_query_value("/compte?ok=1&x"), "/compte%3Fok%3D1%26x");
        assert_eq!(encode_query_value("/é"), "/%C3%A9");
    }
}
