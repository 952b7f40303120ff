//! Sign-in sessions as their owner sees them in « Mon compte »: which device, since when,
//! last used when; and how long a session lives.
//!
//! A session slides with activity: it ends after `SESSION_DAYS` (the configuration, 14 days
//! by default) without a request, and in any case [`MAX_DAYS`] after it opened (the cookie
//! is kept that long; the server decides). A request refreshes the last use at most once a
//! minute ([`TOUCH_AFTER_SECONDS`]), so that most requests only read.

use crate::domain::i18n::Locale;
use serde::{Deserialize, Serialize};

const DAY: i64 = 86_400;

/// A session ends this many days after it opened, however active.
pub const MAX_DAYS: i64 = 90;

/// A request moves the last use (and the expiry) only when the last use is older than this.
pub const TOUCH_AFTER_SECONDS: i64 = 60;

/// The user agent is kept for this many characters at most (it only names the device).
pub const USER_AGENT_MAX_CHARS: usize = 300;

/// How long a session opened now lasts without activity: `SESSION_DAYS`, within 1 day and
/// [`MAX_DAYS`].
pub fn idle_seconds(session_days: i64) -> i64 {
    session_days.clamp(1, MAX_DAYS) * DAY
}

/// The expiry of a session used at `now`: `idle_seconds` later, never past its cap.
pub fn expires_at(now: i64, created_at: i64, idle_seconds: i64) -> i64 {
    (now + idle_seconds).min(created_at + MAX_DAYS * DAY)
}

/// Whether a request at `now` records itself as the session's last use.
pub fn due_for_touch(now: i64, last_used_at: i64) -> bool {
    now - last_used_at >= TOUCH_AFTER_SECONDS
}

/// The session cookie's `Max-Age`: the cap (the server ends the session earlier when idle).
pub const COOKIE_MAX_AGE_SECONDS: i64 = MAX_DAYS * DAY;

/// The user agent as stored: its first [`USER_AGENT_MAX_CHARS`] characters, without control
/// characters. It stays untrusted text: pages show only the [`Device`] read from it.
pub fn stored_user_agent(raw: &str) -> String {
    raw.chars().filter(|c| !c.is_control()).take(USER_AGENT_MAX_CHARS).collect()
}

/// The browsers a device label names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Browser {
    Edge,
    Opera,
    Samsung,
    Firefox,
    Chrome,
    Safari,
}

/// The systems a device label names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum System {
    IPhone,
    IPad,
    Android,
    Windows,
    MacOs,
    ChromeOs,
    Linux,
}

impl Browser {
    pub fn name(self) -> &'static str {
        match self {
            Browser::Edge => "Edge",
            Browser::Opera => "Opera",
            Browser::Samsung => "Samsung Internet",
            Browser::Firefox => "Firefox",
            Browser::Chrome => "Chrome",
            Browser::Safari => "Safari",
        }
    }
}

impl System {
    pub fn name(self) -> &'static str {
        match self {
            System::IPhone => "iPhone",
            System::IPad => "iPad",
            System::Android => "Android",
            System::Windows => "Windows",
            System::MacOs => "macOS",
            System::ChromeOs => "ChromeOS",
            System::Linux => "Linux",
        }
    }
}

/// The device a session was opened from, as far as its user agent tells: a browser and a
/// system from fixed lists, never the user agent's own text (which anyone can write).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Device {
    pub browser: Option<Browser>,
    pub system: Option<System>,
}

impl Device {
    /// Reads a user agent. The order matters: Edge and Opera also say « Chrome », Chrome also
    /// says « Safari », Android also says « Linux », an iPhone also says « Mac OS X ».
    pub fn from_user_agent(ua: &str) -> Device {
        let has = |s: &str| ua.contains(s);
        let browser = if has("Edg/") || has("EdgA/") || has("EdgiOS/") {
            Some(Browser::Edge)
        } else if has("OPR/") || has("Opera") {
            Some(Browser::Opera)
        } else if has("SamsungBrowser/") {
            Some(Browser::Samsung)
        } else if has("Firefox/") || has("FxiOS/") {
            Some(Browser::Firefox)
        } else if has("Chrome/") || has("CriOS/") || has("Chromium/") {
            Some(Browser::Chrome)
        } else if has("Safari/") && has("Version/") {
            Some(Browser::Safari)
        } else {
            None
        };
        let system = if has("iPhone") {
            Some(System::IPhone)
        } else if has("iPad") {
            Some(System::IPad)
        } else if has("Android") {
            Some(System::Android)
        } else if has("Windows") {
            Some(System::Windows)
        } else if has("CrOS") {
            Some(System::ChromeOs)
        } else if has("Macintosh") || has("Mac OS X") {
            Some(System::MacOs)
        } else if has("Linux") || has("X11") {
            Some(System::Linux)
        } else {
            None
        };
        Device { browser, system }
    }

    /// « Firefox sur Linux », « Safari sur iPhone », « Firefox », « Navigateur sur Windows »,
    /// « Appareil inconnu ».
    pub fn label(self, l: Locale) -> String {
        match (self.browser, self.system) {
            (Some(b), Some(s)) => format!("{} {} {}", b.name(), l.pick("sur", "on"), s.name()),
            (Some(b), None) => b.name().to_string(),
            (None, Some(s)) => format!("{} {}", l.pick("Navigateur sur", "Browser on"), s.name()),
            (None, None) => l.pick("Appareil inconnu", "Unknown device").to_string(),
        }
    }
}

/// One open session, as its owner sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionView {
    /// Random, public: names the session in forms (never its token or the token's hash).
    pub id: String,
    pub device: Device,
    pub created_at: i64,
    pub last_used_at: i64,
    /// The session of the request that asked.
    pub current: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIREFOX_LINUX: &str = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";
    const CHROME_ANDROID: &str =
        "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36";
    const SAFARI_IPHONE: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
    const EDGE_WINDOWS: &str =
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0";
    const SAFARI_MAC: &str =
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15";
    const CHROME_HEADLESS_LINUX: &str =
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36";

    fn label(ua: &str, l: Locale) -> String {
        Device::from_user_agent(ua).label(l)
    }

    #[test]
    fn common_browsers_read_as_people_name_them() {
        assert_eq!(label(FIREFOX_LINUX, Locale::Fr), "Firefox sur Linux");
        assert_eq!(label(FIREFOX_LINUX, Locale::En), "Firefox on Linux");
        assert_eq!(label(CHROME_ANDROID, Locale::Fr), "Chrome sur Android");
        assert_eq!(label(SAFARI_IPHONE, Locale::Fr), "Safari sur iPhone");
        assert_eq!(label(EDGE_WINDOWS, Locale::Fr), "Edge sur Windows");
        assert_eq!(label(SAFARI_MAC, Locale::Fr), "Safari sur macOS");
        assert_eq!(label(CHROME_HEADLESS_LINUX, Locale::Fr), "Chrome sur Linux");
    }

    #[test]
    fn unknown_or_hostile_agents_give_a_fixed_label() {
        assert_eq!(label("", Locale::Fr), "Appareil inconnu");
        assert_eq!(label("curl/8.5.0", Locale::En), "Unknown device");
        assert_eq!(label("\"><script>alert(1)</script></title></textarea>", Locale::Fr), "Appareil inconnu");
        // Whatever surrounds the known words, only names from the lists come out.
        let hostile = "\"><img src=x onerror=alert(1)> Firefox/1 (Windows) </textarea>";
        assert_eq!(label(hostile, Locale::Fr), "Firefox sur Windows");
        assert_eq!(label("Mozilla/5.0 (Windows NT 10.0)", Locale::Fr), "Navigateur sur Windows");
    }

    #[test]
    fn the_stored_agent_is_short_and_without_control_characters() {
        let long = "a".repeat(5_000);
        assert_eq!(stored_user_agent(&long).chars().count(), USER_AGENT_MAX_CHARS);
        assert_eq!(stored_user_agent("Firefox\r\n\0/1"), "Firefox/1");
        let accents = "é".repeat(400);
        assert_eq!(stored_user_agent(&accents).chars().count(), USER_AGENT_MAX_CHARS);
    }

    #[test]
    fn sessions_slide_with_use_up_to_their_cap() {
        let idle = idle_seconds(14);
        assert_eq!(idle, 14 * DAY);
        assert_eq!(idle_seconds(0), DAY);
        assert_eq!(idle_seconds(1_000), MAX_DAYS * DAY);
        let opened = 1_000_000;
        assert_eq!(expires_at(opened, opened, idle), opened + 14 * DAY);
        // Used on day 10: two more weeks from then.
        assert_eq!(expires_at(opened + 10 * DAY, opened, idle), opened + 24 * DAY);
        // Used on day 85: the cap (day 90), not day 99.
        assert_eq!(expires_at(opened + 85 * DAY, opened, idle), opened + MAX_DAYS * DAY);
        assert!(!due_for_touch(opened + 59, opened));
        assert!(due_for_touch(opened + 60, opened));
        assert!(COOKIE_MAX_AGE_SECONDS >= idle);
    }
}
