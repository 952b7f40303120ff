//! Accounts: roles, and the validated values a sign-up is made of.

use super::i18n::Label;
use super::validate::{text_line, Problem};
use serde::{Deserialize, Serialize};

code_enum! {
    /// The authority an account carries: a citizen, a staff member, or an admin (admin implies
    /// staff). Sign-up gives `Citizen`; an admin grants the others. Being an applicant or a juror
    /// is not a role: it comes from the records (holder or co-applicant of a candidature, a seat
    /// on a cohort's jury), so that one person can apply in one cohort and judge in another.
    /// A citizen's code is `applicant`, the name the first accounts were created with (the
    /// table's check constraint keeps it; migration 12 folded `juror` into it).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
    pub enum Role {
        Citizen => "applicant",
        Staff => "staff",
        Admin => "admin",
    }
}

impl Role {
    pub fn label(self) -> Label {
        match self {
            Role::Citizen => Label::new("Citoyen", "Citizen"),
            Role::Staff => Label::new("Agent", "Staff"),
            Role::Admin => Label::new("Administrateur", "Administrator"),
        }
    }

    /// Applying and sitting on a jury are open to citizens (not to State staff).
    pub fn is_citizen(self) -> bool {
        self == Role::Citizen
    }

    /// Staff work (cohorts, screening, programme follow-up) is open to staff and admins.
    pub fn is_staff(self) -> bool {
        matches!(self, Role::Staff | Role::Admin)
    }

    pub fn is_admin(self) -> bool {
        self == Role::Admin
    }
}

pub const NAME_MAX: u32 = 100;
pub const EMAIL_MAX: u32 = 254;
pub const PASSWORD_MIN: u32 = 12;
pub const PASSWORD_MAX: u32 = 128;

/// A person's displayed name: 1 to 100 characters, no control characters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisplayName(String);

impl DisplayName {
    pub fn parse(raw: &str) -> Result<Self, Problem> {
        text_line(raw, NAME_MAX).map(DisplayName)
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An email address, trimmed and lower-cased; one `@`, a dotted domain, no spaces.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Email(String);

impl Email {
    pub fn parse(raw: &str) -> Result<Self, Problem> {
        let value = text_line(raw, EMAIL_MAX)?.to_lowercase();
        let (local, domain) = value.split_once('@').ok_or(Problem::InvalidEmail)?;
        let domain_ok = domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && domain.chars().all(|c| c.is_alphanumeric() || c == '.' || c == '-');
        let local_ok = !local.is_empty()
            && local.chars().all(|c| !c.is_whitespace() && !matches!(c, '<' | '>' | '"' | ',' | ';' | '(' | ')' | '[' | ']' | '\\' | '@'));
        if !domain_ok || !local_ok {
            return Err(Problem::InvalidEmail);
        }
        Ok(Email(value))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A new password: 12 to 128 characters. Never trimmed, never stored in clear.
#[derive(Clone, PartialEq, Eq)]
pub struct NewPassword(String);

impl NewPassword {
    pub fn parse(raw: &str, confirmation: &str) -> Result<Self, (&'static str, Problem)> {
        let count = raw.chars().count();
        if count == 0 {
            return Err(("password", Problem::Required));
        }
        if count < PASSWORD_MIN as usize {
            return Err(("password", Problem::TooShort { min: PASSWORD_MIN }));
        }
        if count > PASSWORD_MAX as usize {
            return Err(("password", Problem::TooLong { max: PASSWORD_MAX }));
        }
        if raw != confirmation {
            return Err(("password_confirm", Problem::PasswordMismatch));
        }
        Ok(NewPassword(raw.to_string()))
    }
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NewPassword(***)")
    }
}

/// Login throttling: how many failed attempts for one address a window tolerates.
pub const LOGIN_MAX_FAILURES: i64 = 5;
pub const LOGIN_WINDOW_MINUTES: i64 = 15;

/// Given the times (unix seconds) of recent failures for an address, returns how many
/// minutes the caller must wait before trying again, or `None` if an attempt is allowed.
pub fn login_wait_minutes(failures: &[i64], now: i64) -> Option<i64> {
    let window = LOGIN_WINDOW_MINUTES * 60;
    let mut recent: Vec<i64> = failures.iter().copied().filter(|t| now - t < window).collect();
    if (recent.len() as i64) < LOGIN_MAX_FAILURES {
        return None;
    }
    recent.sort_unstable();
    // The oldest failure that still counts leaves the window at oldest + window.
    let oldest_counting = recent[recent.len() - LOGIN_MAX_FAILURES as usize];
    let seconds = (oldest_counting + window - now).max(1);
    Some((seconds + 59) / 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_round_trip_and_staff_includes_admin() {
        for r in Role::ALL {
            assert_eq!(Role::from_code(r.code()), Some(r));
        }
        assert!(Role::Admin.is_staff() && Role::Staff.is_staff() && !Role::Citizen.is_staff());
        assert!(Role::Admin.is_admin() && !Role::Staff.is_admin());
        assert!(Role::Citizen.is_citizen() && !Role::Staff.is_citizen() && !Role::Admin.is_citizen());
        assert_eq!(Role::from_code("root"), None);
        assert_eq!(Role::from_code("juror"), None, "a juror is a citizen with a seat, not a role");
    }

    #[test]
    fn emails_are_normalised_and_checked() {
        assert_eq!(Email::parse("  Marie.Curie@Exemple.FR ").unwrap().as_str(), "marie.curie@exemple.fr");
        for bad in ["", "marie", "marie@", "@exemple.fr", "marie@exemple", "ma rie@exemple.fr", "a@b..fr", "<script>@x.fr", "a@b.fr'; DROP TABLE users;--"] {
            assert!(Email::parse(bad).is_err(), "{bad} should be refused");
        }
        assert_eq!(Email::parse(&format!("{}@exemple.fr", "a".repeat(260))), Err(Problem::TooLong { max: EMAIL_MAX }));
    }

    #[test]
    fn names_accept_any_printable_text_up_to_100_characters() {
        assert!(DisplayName::parse("<script>alert(1)</script>").is_ok());
        assert!(DisplayName::parse("Robert'); DROP TABLE users;--").is_ok());
        assert_eq!(DisplayName::parse(&"é".repeat(101)), Err(Problem::TooLong { max: 100 }));
        assert_eq!(DisplayName::parse(""), Err(Problem::Required));
    }

    #[test]
    fn passwords_need_length_and_matching_confirmation() {
        assert!(NewPassword::parse("correct horse battery", "correct horse battery").is_ok());
        assert_eq!(NewPassword::parse("", "").unwrap_err(), ("password", Problem::Required));
        assert_eq!(NewPassword::parse("short", "short").unwrap_err(), ("password", Problem::TooShort { min: 12 }));
        assert_eq!(
            NewPassword::parse("correct horse battery", "correct horse batterY").unwrap_err(),
            ("password_confirm", Problem::PasswordMismatch)
        );
        assert_eq!(format!("{:?}", NewPassword::parse("correct horse battery", "correct horse battery").unwrap()), "NewPassword(***)");
    }

    #[test]
    fn login_is_throttled_after_five_failures_in_fifteen_minutes() {
        let now = 10_000;
        assert_eq!(login_wait_minutes(&[now - 10, now - 20, now - 30, now - 40], now), None);
        assert_eq!(login_wait_minutes(&[now - 10, now - 20, now - 30, now - 40, now - 50], now), Some(15));
        // failures older than the window do not count
        assert_eq!(login_wait_minutes(&[now - 10, now - 20, now - 30, now - 40, now - 900], now), None);
        // the wait ends when the oldest counting failure leaves the window
        assert_eq!(login_wait_minutes(&[now - 60, now - 600, now - 600, now - 600, now - 840], now), Some(1));
    }
}
