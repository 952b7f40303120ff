//! The two languages of the interface. French is the default.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Locale {
    #[default]
    Fr,
    En,
}

impl Locale {
    /// The BCP 47 code used in `lang` attributes and the `lang` cookie.
    pub fn code(self) -> &'static str {
        match self {
            Locale::Fr => "fr",
            Locale::En => "en",
        }
    }

    /// Parses a language code; anything unknown falls back to French.
    pub fn from_code(code: &str) -> Locale {
        match code.trim().to_ascii_lowercase().as_str() {
            "en" => Locale::En,
            _ => Locale::Fr,
        }
    }

    /// The other language (the one the switch offers).
    pub fn other(self) -> Locale {
        match self {
            Locale::Fr => Locale::En,
            Locale::En => Locale::Fr,
        }
    }

    /// Picks `fr` or `en` text.
    pub fn pick<'a>(self, fr: &'a str, en: &'a str) -> &'a str {
        match self {
            Locale::Fr => fr,
            Locale::En => en,
        }
    }
}

/// A text in both languages; every user-facing label of the domain is one of these,
/// so a missing translation is a compile error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Label {
    pub fr: &'static str,
    pub en: &'static str,
}

impl Label {
    pub const fn new(fr: &'static str, en: &'static str) -> Self {
        Label { fr, en }
    }

    pub fn get(self, locale: Locale) -> &'static str {
        match locale {
            Locale::Fr => self.fr,
            Locale::En => self.en,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_codes_fall_back_to_french() {
        assert_eq!(Locale::from_code("en"), Locale::En);
        assert_eq!(Locale::from_code(" EN "), Locale::En);
        assert_eq!(Locale::from_code("de"), Locale::Fr);
        assert_eq!(Locale::from_code(""), Locale::Fr);
        assert_eq!(Locale::Fr.other(), Locale::En);
    }
}
