//! Pages and components. Every text is written in both languages at the place it is used
//! (`l.pick("…", "…")` or a domain `Label`), so a missing translation cannot compile.

pub mod components;
pub mod format;
pub mod pages;
pub mod raw_text;

use crate::domain::i18n::Locale;
use leptos::prelude::*;

/// The language of the page, provided once by `App`.
pub fn use_locale() -> Locale {
    use_context::<Locale>().unwrap_or_default()
}
