//! The app's addresses, defined once: each page of the router and each file the server
//! serves beside it is a variant with its pattern (`/candidatures/{id}/etape/{step}`), and a
//! link, a redirect or a mail builds its address from the variant (`Page::Step { .. }.path()`).
//! The router's list of pages is checked against `Page::PATTERNS` (tests/api/paths.rs), and
//! the server registers each `Download` from its pattern, so an address cannot drift.

use super::candidature_form::Step;
use super::ids::{CandidatureId, CohortId};

/// Declares addresses: the enum (struct variants whose fields are the pattern's `{names}`),
/// `pattern()`, `path()`, `PATTERNS` (every pattern, in the order declared) and `examples()`
/// (each variant with sample values: to route each address, and to check patterns and fields
/// agree).
macro_rules! addresses {
    ($(#[$meta:meta])* pub enum $name:ident {
        $($(#[$vmeta:meta])* $variant:ident $({ $($field:ident : $ty:ty),+ })? => $pattern:literal),+ $(,)?
    }) => {
        $(#[$meta])*
        pub enum $name {
            $($(#[$vmeta])* $variant $({ $($field: $ty),+ })?),+
        }

        impl $name {
            /// Every pattern, in the order declared.
            pub const PATTERNS: &'static [&'static str] = &[$($pattern),+];

            /// The pattern, with `{field}` where a value goes (axum's syntax).
            pub fn pattern(&self) -> &'static str {
                match self {
                    $($name::$variant { .. } => $pattern),+
                }
            }

            /// The address, each `{field}` filled in.
            pub fn path(&self) -> String {
                match self {
                    $($name::$variant $({ $($field),+ })? => fill($pattern, &[$($((stringify!($field), $field.to_string())),+)?])),+
                }
            }

            /// Each variant once, with sample values.
            pub fn examples() -> Vec<$name> {
                vec![$($name::$variant $({ $($field: <$ty as Sample>::sample()),+ })?),+]
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.path())
            }
        }
    };
}

/// A value to fill a place of a pattern with in `examples()`.
trait Sample {
    fn sample() -> Self;
}

macro_rules! samples {
    ($($ty:ty => $value:expr),+ $(,)?) => {$(
        impl Sample for $ty {
            fn sample() -> Self {
                $value
            }
        }
    )+};
}

samples! {
    CandidatureId => CandidatureId(1),
    CohortId => CohortId(1),
    i64 => 1,
    i32 => 1,
    String => "x".to_string(),
}

fn fill(pattern: &str, values: &[(&str, String)]) -> String {
    let mut out = pattern.to_string();
    for (name, value) in values {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

addresses! {
    /// The pages of the router (`app.rs`).
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub enum Page {
        // Public.
        Home => "/",
        Initiatives => "/initiatives",
        Initiative { id: CandidatureId } => "/initiatives/{id}",
        OpenData => "/donnees",
        Transparency => "/transparence",
        LegalNotice => "/mentions-legales",
        Accessibility => "/accessibilite",
        SiteMap => "/plan-du-site",
        DecisionRules => "/decisions/regles",
        Privacy => "/donnees-personnelles",
        // Accounts.
        Login => "/connexion",
        Signup => "/inscription",
        Account => "/compte",
        VerifyAddress { token: String } => "/compte/verification/{token}",
        ForgotPassword => "/mot-de-passe-oublie",
        NewPassword { token: String } => "/mot-de-passe/nouveau/{token}",
        LinkAccount => "/connexion/lier-compte",
        MyData => "/compte/mes-donnees",
        AccountDeletion => "/compte/supprimer",
        // Applicants.
        Candidatures => "/candidatures",
        Step { id: CandidatureId, step: i32 } => "/candidatures/{id}/etape/{step}",
        Receipt { id: CandidatureId } => "/candidatures/{id}/recepisse",
        Messages { id: CandidatureId } => "/candidatures/{id}/messages",
        // The programme.
        Project { id: CandidatureId } => "/projets/{id}",
        // Jurors.
        Seats => "/jury",
        Invitation { token: String } => "/jury/invitation/{token}",
        Commitments { cohort: CohortId } => "/jury/cohortes/{cohort}/engagements",
        Deliberation { cohort: CohortId } => "/cohortes/{cohort}/deliberation",
        Review { id: i64 } => "/evaluations/{id}",
        // Staff.
        Cohorts => "/agent/cohortes",
        NewCohort => "/agent/cohortes/nouvelle",
        Screening { cohort: CohortId } => "/agent/cohortes/{cohort}/candidatures",
        StaffJury { cohort: CohortId } => "/agent/cohortes/{cohort}/jury",
        Dashboard { cohort: CohortId } => "/agent/cohortes/{cohort}/programme",
        CohortMessage { cohort: CohortId } => "/agent/cohortes/{cohort}/message",
        Comparison => "/agent/programme",
        StaffCandidature { id: CandidatureId } => "/agent/candidatures/{id}",
        StaffMessages { id: CandidatureId } => "/agent/candidatures/{id}/messages",
        Outbox => "/agent/courriels",
        Users => "/admin/utilisateurs",
    }
}

addresses! {
    /// What the server serves beside the pages (`server/http.rs` routes each one).
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub enum Download {
        Health => "/healthz",
        Language { code: String } => "/langue/{code}",
        ScreeningCsv { cohort: CohortId } => "/agent/cohortes/{cohort}/candidatures.csv",
        ProgrammeCsv { cohort: CohortId } => "/agent/cohortes/{cohort}/programme.csv",
        CohortArchive { cohort: CohortId } => "/agent/cohortes/{cohort}/archive.json",
        InitiativesCsv => "/donnees/initiatives.csv",
        InitiativesJson => "/donnees/initiatives.json",
        TransparencyCsv => "/donnees/transparence.csv",
        TransparencyJson => "/donnees/transparence.json",
        ApiInitiatives => "/api/v1/initiatives",
        ApiInitiative { id: CandidatureId } => "/api/v1/initiatives/{id}",
        ApiCohorts => "/api/v1/cohortes",
        ApiTransparency => "/api/v1/transparence",
        ApiSchema => "/api/v1/openapi.json",
        Attachment { id: CandidatureId } => "/candidatures/{id}/piece-jointe",
        AttachmentRemove { id: CandidatureId } => "/candidatures/{id}/piece-jointe/supprimer",
        FranceConnect => "/connexion/franceconnect",
        FranceConnectCallback => "/connexion/franceconnect/retour",
        ProConnect => "/connexion/proconnect",
        ProConnectCallback => "/connexion/proconnect/retour",
        LogoutCallback => "/deconnexion/retour",
        MyDataJson => "/compte/mes-donnees.json",
    }
}

/// What a page is: read the same by every visitor, or with parts that need the bundle.
#[derive(Clone, Copy)]
struct Nature {
    /// Reads the same for every visitor who is not signed in, so that the server may keep its
    /// answer (`server/public_cache.rs`).
    public: bool,
    /// Has parts that need the WebAssembly bundle: the candidature's steps with fields
    /// (autosave, counters), the review (autosave, Alt+Shift+N) and the receipt (its print
    /// button). The last step (summary and submission) has none. Every other page
    /// works as plain HTML and forms, and loads no bundle (`app::shell`).
    script: bool,
}

impl Nature {
    /// The public side: the same for every visitor, plain HTML.
    const PUBLIC: Nature = Nature { public: true, script: false };
    /// A person's or staff's page, plain HTML and forms.
    const PERSONAL: Nature = Nature { public: false, script: false };
    /// A person's page with interactive parts.
    const INTERACTIVE: Nature = Nature { public: false, script: true };
}

impl Page {
    /// What the page is; every page says it here, once.
    fn nature(&self) -> Nature {
        match self {
            Page::Home
            | Page::Initiatives
            | Page::Initiative { .. }
            | Page::OpenData
            | Page::Transparency
            | Page::LegalNotice
            | Page::Accessibility
            | Page::SiteMap
            | Page::DecisionRules
            | Page::Privacy => Nature::PUBLIC,
            Page::Step { .. } | Page::Review { .. } | Page::Receipt { .. } => Nature::INTERACTIVE,
            Page::Login
            | Page::Signup
            | Page::Account
            | Page::VerifyAddress { .. }
            | Page::ForgotPassword
            | Page::NewPassword { .. }
            | Page::LinkAccount
            | Page::MyData
            | Page::AccountDeletion
            | Page::Candidatures
            | Page::Messages { .. }
            | Page::Project { .. }
            | Page::Seats
            | Page::Invitation { .. }
            | Page::Commitments { .. }
            | Page::Deliberation { .. }
            | Page::Cohorts
            | Page::NewCohort
            | Page::Screening { .. }
            | Page::StaffJury { .. }
            | Page::Dashboard { .. }
            | Page::CohortMessage { .. }
            | Page::Comparison
            | Page::StaffCandidature { .. }
            | Page::StaffMessages { .. }
            | Page::Outbox
            | Page::Users => Nature::PERSONAL,
        }
    }

    /// This page with `?retour=<back>`: where the sign-in, sign-up or language switch sends
    /// the person afterwards.
    pub fn then(&self, back: &str) -> String {
        format!("{}?retour={}", self.path(), encode_query_value(back))
    }
}

impl Download {
    /// Whether the file is the same for everyone (the open data and its API).
    pub fn is_public(&self) -> bool {
        match self {
            Download::InitiativesCsv
            | Download::InitiativesJson
            | Download::TransparencyCsv
            | Download::TransparencyJson
            | Download::ApiInitiatives
            | Download::ApiInitiative { .. }
            | Download::ApiCohorts
            | Download::ApiTransparency
            | Download::ApiSchema => true,
            Download::Health
            | Download::Language { .. }
            | Download::ScreeningCsv { .. }
            | Download::ProgrammeCsv { .. }
            | Download::CohortArchive { .. }
            | Download::Attachment { .. }
            | Download::AttachmentRemove { .. }
            | Download::FranceConnect
            | Download::FranceConnectCallback
            | Download::ProConnect
            | Download::ProConnectCallback
            | Download::LogoutCallback
            | Download::MyDataJson => false,
        }
    }

    /// Where a sign-in through `provider` starts (the button posts there).
    pub fn sign_in(provider: crate::domain::state_sign_in::Provider) -> String {
        use crate::domain::state_sign_in::Provider;
        match provider {
            Provider::FranceConnect => Download::FranceConnect.path(),
            Provider::ProConnect => Download::ProConnect.path(),
        }
    }

    /// Where `provider` sends the browser back (its `redirect_uri`).
    pub fn sign_in_callback(provider: crate::domain::state_sign_in::Provider) -> String {
        use crate::domain::state_sign_in::Provider;
        match provider {
            Provider::FranceConnect => Download::FranceConnectCallback.path(),
            Provider::ProConnect => Download::ProConnectCallback.path(),
        }
    }

    /// The language switch, coming back to `back`.
    pub fn language(code: &str, back: &str) -> String {
        format!("{}?retour={}", Download::Language { code: code.to_string() }.path(), encode_query_value(back))
    }
}

/// Whether `path` (without its query) is an address of `pattern`: each `{place}` takes one
/// non-empty segment, every other segment is equal.
pub fn matches(pattern: &str, path: &str) -> bool {
    let (mut want, mut got) = (pattern.split('/'), path.split('/'));
    loop {
        match (want.next(), got.next()) {
            (None, None) => return true,
            (Some(w), Some(g)) if w.starts_with('{') && w.ends_with('}') => {
                if g.is_empty() {
                    return false;
                }
            }
            (Some(w), Some(g)) if w == g => {}
            _ => return false,
        }
    }
}

/// What the address `path` is (None: no page or file answers there). The table of every
/// pattern is built once; requests only read it.
fn nature_at(path: &str) -> Option<Nature> {
    static NATURES: std::sync::OnceLock<Vec<(String, Nature)>> = std::sync::OnceLock::new();
    let natures = NATURES.get_or_init(|| {
        // The summary step, before the pattern of every step: no field, no island.
        let last = Step::Review.number().to_string();
        let summary = std::iter::once((Page::Step { id: CandidatureId(0), step: 0 }.pattern().replace("{step}", &last), Nature::PERSONAL));
        let pages = Page::examples().into_iter().map(|p| (p.pattern().to_string(), p.nature()));
        let files = Download::examples().into_iter().map(|d| (d.pattern().to_string(), Nature { public: d.is_public(), script: false }));
        summary.chain(pages).chain(files).collect()
    });
    natures.iter().find(|(pattern, _)| matches(pattern, path)).map(|(_, nature)| *nature)
}

/// Whether `path` is a page or a file that reads the same for every visitor.
pub fn is_public_path(path: &str) -> bool {
    nature_at(path).is_some_and(|n| n.public)
}

/// Whether the page at `path` loads the WebAssembly bundle (`Page::nature` in `domain/paths.rs`).
pub fn needs_script_at(path: &str) -> bool {
    nature_at(path).is_some_and(|n| n.script)
}

/// Percent-encodes a value for a query string (keeps `/` readable in `retour=`).
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
    use std::collections::HashSet;

    #[test]
    fn every_field_fills_its_place_in_the_pattern() {
        let pages = Page::examples().into_iter().map(|p| (p.pattern(), p.path()));
        let downloads = Download::examples().into_iter().map(|d| (d.pattern(), d.path()));
        for (pattern, path) in pages.chain(downloads) {
            assert!(path.starts_with('/'), "{pattern}");
            assert!(!path.contains('{') && !path.contains('}'), "{pattern} left a place unfilled: {path}");
        }
    }

    #[test]
    fn no_two_addresses_share_a_pattern() {
        let all: Vec<&str> = Page::PATTERNS.iter().chain(Download::PATTERNS).copied().collect();
        assert_eq!(all.iter().collect::<HashSet<_>>().len(), all.len());
    }

    #[test]
    fn a_path_matches_its_pattern_only() {
        assert!(matches("/", "/"));
        assert!(matches("/initiatives/{id}", "/initiatives/12"));
        assert!(!matches("/initiatives/{id}", "/initiatives/"));
        assert!(!matches("/initiatives/{id}", "/initiatives/12/x"));
        assert!(!matches("/initiatives", "/initiatives/12"));
        assert!(matches("/candidatures/{id}/etape/{step}", "/candidatures/3/etape/2"));
        for page in Page::examples() {
            assert!(matches(page.pattern(), &page.path()), "{}", page.pattern());
        }
    }

    #[test]
    fn only_the_public_side_reads_the_same_for_everyone() {
        for public in ["/", "/initiatives", "/initiatives/12", "/transparence", "/donnees", "/donnees/initiatives.csv", "/api/v1/cohortes", "/api/v1/initiatives/4"] {
            assert!(is_public_path(public), "{public}");
        }
        for private in ["/candidatures", "/agent/cohortes", "/projets/3", "/compte", "/candidatures/3/piece-jointe", "/jury", "/api/programme_get", "/inconnue", "/initiatives/3/x"] {
            assert!(!is_public_path(private), "{private}");
        }
    }

    #[test]
    fn only_the_interactive_pages_load_the_script() {
        let scripted: Vec<&str> = Page::examples().iter().filter(|p| p.nature().script).map(|p| p.pattern()).collect();
        assert_eq!(scripted, ["/candidatures/{id}/etape/{step}", "/candidatures/{id}/recepisse", "/evaluations/{id}"]);
        assert!(needs_script_at("/evaluations/7"));
        assert!(needs_script_at("/candidatures/3/etape/5"));
        assert!(!needs_script_at("/candidatures/3/etape/6"), "the summary step has no island");
        assert!(!needs_script_at("/initiatives"));
        assert!(!needs_script_at("/nulle-part"));
    }

    #[test]
    fn an_address_is_its_pattern_filled() {
        assert_eq!(Page::Step { id: CandidatureId(12), step: 3 }.path(), "/candidatures/12/etape/3");
        assert_eq!(Page::StaffJury { cohort: CohortId(4) }.to_string(), "/agent/cohortes/4/jury");
        assert_eq!(Page::Login.then("/compte?ok=1&x"), "/connexion?retour=/compte%3Fok%3D1%26x");
        assert_eq!(Download::language("en", "/é"), "/langue/en?retour=/%C3%A9");
    }
}
