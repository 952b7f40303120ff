//! The HTML shell, the application root and the route table.

use crate::api::account::{current_user, Logout};
use crate::domain::i18n::Locale;
use crate::ui::components::error::NotFound;
use crate::ui::components::layout::{Footer, Header, Session, SkipLinks};
use crate::ui::pages::{account, admin, applicant, juror, messages, programme, public, staff};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, HashedStylesheet, MetaTags, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::{ParamSegment, SsrMode, StaticSegment};

/// The DSFR's version, as pinned in `package.json`: its files are served under
/// `/dsfr/<version>/` (`scripts/copy-dsfr.sh`), so that a browser may keep them for a year.
pub const DSFR_VERSION: &str = "1.15.3";

/// The DSFR stylesheet the pages link: the part of the DSFR they use (`style/dsfr.txt`, less
/// the rules of the classes no source names), built by `scripts/copy-dsfr.sh` and named after
/// a hash of its content, so that any change gives browsers a new address. The server finds
/// the name when it starts (`find_dsfr_stylesheet`).
static DSFR_STYLESHEET: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// What the pages link when the site holds no stylesheet (not built): an address under the
/// DSFR's folder that answers 404.
const DSFR_STYLESHEET_MISSING: &str = "dsfr-missing.min.css";

pub fn dsfr_stylesheet() -> String {
    match DSFR_STYLESHEET.get() {
        Some(address) => address.clone(),
        None => format!("/dsfr/{DSFR_VERSION}/{DSFR_STYLESHEET_MISSING}"),
    }
}

/// Finds the DSFR stylesheet in `<site_root>/dsfr/<version>/` (the one `dsfr-*.min.css`) and
/// makes the pages link it; called once when the server starts. Without one (site not
/// built), a warning, and the pages link an address that answers 404.
#[cfg(feature = "ssr")]
pub fn find_dsfr_stylesheet(site_root: &str) {
    let dir = std::path::Path::new(site_root).join("dsfr").join(DSFR_VERSION);
    let files = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .filter_map(|e| {
                    let modified = e.metadata().and_then(|m| m.modified()).unwrap_or(std::time::UNIX_EPOCH);
                    e.file_name().into_string().ok().map(|name| (name, modified))
                })
                .collect::<Vec<_>>()
        })
        .unwrap_or_default();
    let file = match dsfr_stylesheet_among(files) {
        Some((file, 1)) => file,
        Some((file, n)) => {
            tracing::warn!(dir = %dir.display(), linked = %file, "{n} DSFR stylesheets (dsfr-*.min.css): linking the newest");
            file
        }
        None => {
            tracing::warn!(dir = %dir.display(), "no DSFR stylesheet (dsfr-*.min.css): pages will have no DSFR style (run `make assets`, then build the site)");
            DSFR_STYLESHEET_MISSING.to_string()
        }
    };
    let _ = DSFR_STYLESHEET.set(format!("/dsfr/{DSFR_VERSION}/{file}"));
}

/// Among a folder's files (name, modification time), the `dsfr-*.min.css` stylesheet (the
/// newest if there are several, which a fresh build never leaves) and how many there are.
#[cfg(feature = "ssr")]
fn dsfr_stylesheet_among(files: Vec<(String, std::time::SystemTime)>) -> Option<(String, usize)> {
    let found: Vec<_> = files.into_iter().filter(|(n, _)| n.starts_with("dsfr-") && n.ends_with(".min.css")).collect();
    let count = found.len();
    found.into_iter().max_by(|a, b| a.1.cmp(&b.1).then_with(|| a.0.cmp(&b.0))).map(|(name, _)| (name, count))
}

pub fn shell(options: LeptosOptions) -> impl IntoView {
    let locale = initial_locale();
    let scripted = needs_script();
    // Islands mode: only what is inside an `#[island]` hydrates, so nothing outside one is
    // serialised for the browser (no resources' data, no hydration markers).
    // `HydrationScripts islands=true` says the same; a page without islands must say it too.
    #[cfg(feature = "ssr")]
    if let Some(context) = Owner::current_shared_context() {
        context.set_is_hydrating(false);
    }
    view! {
        <!DOCTYPE html>
        <html lang=locale.code() data-fr-scheme="light">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="format-detection" content="telephone=no"/>
                <link rel="stylesheet" href=dsfr_stylesheet()/>
                <HashedStylesheet options=options.clone() id="leptos"/>
                <link rel="icon" href=format!("/dsfr/{DSFR_VERSION}/favicon/favicon.svg") type="image/svg+xml"/>
                <link rel="manifest" href="/manifest.webmanifest"/>
                <AutoReload options=options.clone()/>
                {scripted.then(|| view! { <HydrationScripts options islands=true/> })}
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// Whether this page loads the WebAssembly bundle (`Page::nature` in `domain/paths.rs`): only
/// the pages that hold an island do; the others, and error pages, are HTML and CSS only.
fn needs_script() -> bool {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>().is_some_and(|request| crate::domain::paths::needs_script_at(request.uri.path()))
    }
    #[cfg(not(feature = "ssr"))]
    {
        true
    }
}

/// The language of the page: the `lang` cookie on the server; the browser reads back what
/// the server rendered, so both sides agree.
fn initial_locale() -> Locale {
    #[cfg(feature = "ssr")]
    {
        crate::api::guard::locale()
    }
    #[cfg(not(feature = "ssr"))]
    {
        document()
            .document_element()
            .and_then(|e| e.get_attribute("lang"))
            .map(|code| Locale::from_code(&code))
            .unwrap_or_default()
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let locale = initial_locale();
    provide_context(locale);
    let service = locale.pick("L'accélérateur d'initiatives citoyennes", "Citizen initiatives accelerator");
    view! {
        // Every page title goes through here: `<title>` is written raw on the server.
        <Title formatter=move |page: String| crate::ui::raw_text::title(format!("{page} - {service}"))/>
        <Router>
            <Frame/>
        </Router>
    }
}

/// Everything inside the router: the session, the header, the routed page, the footer.
#[component]
fn Frame() -> impl IntoView {
    let logout = ServerAction::<Logout>::new();
    let location = use_location();
    // The account is read again after each navigation (login and sign-up end with one)
    // and after logging out.
    let user = Resource::new(move || (location.pathname.get(), logout.version().get()), |_| current_user());
    provide_context(Session { user, logout });
    view! {
        <SkipLinks/>
        <Header/>
        <main id="contenu" role="main" tabindex="-1">
            <div class="fr-container fr-pb-7w">
                <Routes fallback=NotFound>
                    <Route path=StaticSegment("") view=public::home::HomePage ssr=SsrMode::Async/>
                    <Route path=StaticSegment("initiatives") view=public::initiatives::InitiativesPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("initiatives"), ParamSegment("id")) view=public::initiatives::InitiativePage ssr=SsrMode::Async/>
                    <Route path=StaticSegment("donnees") view=public::open_data::OpenDataPage ssr=SsrMode::Async/>
                    <Route path=StaticSegment("transparence") view=public::transparency::TransparencyPage ssr=SsrMode::Async/>
                    <Route path=StaticSegment("mentions-legales") view=public::legal::LegalNoticePage ssr=SsrMode::Async/>
                    <Route path=StaticSegment("accessibilite") view=public::legal::AccessibilityPage ssr=SsrMode::Async/>
                    <Route path=StaticSegment("plan-du-site") view=public::legal::SiteMapPage ssr=SsrMode::Async/>
                    <Route path=StaticSegment("donnees-personnelles") view=public::privacy::PrivacyPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("decisions"), StaticSegment("regles")) view=public::legal::DecisionRulesPage ssr=SsrMode::Async/>
                    <Route path=StaticSegment("connexion") view=account::login::LoginPage ssr=SsrMode::Async/>
                    <Route
                        path=(StaticSegment("connexion"), StaticSegment("lier-compte"))
                        view=account::link::LinkAccountPage
                        ssr=SsrMode::Async
                    />
                    <Route path=StaticSegment("inscription") view=account::signup::SignupPage ssr=SsrMode::Async/>
                    <Route path=StaticSegment("compte") view=account::profile::AccountPage ssr=SsrMode::Async/>
                    <Route
                        path=(StaticSegment("compte"), StaticSegment("mes-donnees"))
                        view=account::my_data::MyDataPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("compte"), StaticSegment("supprimer"))
                        view=account::deletion::AccountDeletionPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("compte"), StaticSegment("verification"), ParamSegment("jeton"))
                        view=account::verify::VerifyAddressPage
                        ssr=SsrMode::Async
                    />
                    <Route path=StaticSegment("mot-de-passe-oublie") view=account::reset::ForgotPasswordPage ssr=SsrMode::Async/>
                    <Route
                        path=(StaticSegment("mot-de-passe"), StaticSegment("nouveau"), ParamSegment("jeton"))
                        view=account::reset::NewPasswordPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("candidatures"), ParamSegment("id"), StaticSegment("messages"))
                        view=messages::thread::ThreadPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("agent"), StaticSegment("candidatures"), ParamSegment("id"), StaticSegment("messages"))
                        view=messages::thread::ThreadPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("agent"), StaticSegment("cohortes"), ParamSegment("id"), StaticSegment("message"))
                        view=messages::cohort::CohortMessagePage
                        ssr=SsrMode::Async
                    />
                    <Route path=(StaticSegment("agent"), StaticSegment("courriels")) view=staff::outbox::OutboxPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("projets"), ParamSegment("id")) view=programme::project::ProjectPage ssr=SsrMode::Async/>
                    <Route
                        path=(StaticSegment("agent"), StaticSegment("cohortes"), ParamSegment("id"), StaticSegment("programme"))
                        view=programme::dashboard::DashboardPage
                        ssr=SsrMode::Async
                    />
                    <Route path=StaticSegment("candidatures") view=applicant::candidatures::CandidaturesPage ssr=SsrMode::Async/>
                    <Route
                        path=(StaticSegment("candidatures"), ParamSegment("id"), StaticSegment("etape"), ParamSegment("etape"))
                        view=applicant::form::CandidatureFormPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("candidatures"), ParamSegment("id"), StaticSegment("recepisse"))
                        view=applicant::receipt::ReceiptPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("agent"), StaticSegment("cohortes"))
                        view=staff::cohorts::CohortsPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("agent"), StaticSegment("cohortes"), StaticSegment("nouvelle"))
                        view=staff::cohort_new::CohortNewPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("agent"), StaticSegment("programme"))
                        view=programme::comparison::ComparisonPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("agent"), StaticSegment("cohortes"), ParamSegment("id"), StaticSegment("candidatures"))
                        view=staff::screening::CohortCandidaturesPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("agent"), StaticSegment("candidatures"), ParamSegment("id"))
                        view=staff::screening::ScreeningPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("agent"), StaticSegment("cohortes"), ParamSegment("id"), StaticSegment("jury"))
                        view=staff::jury::JuryPage
                        ssr=SsrMode::Async
                    />
                    <Route path=StaticSegment("jury") view=juror::seats::SeatsPage ssr=SsrMode::Async/>
                    <Route
                        path=(StaticSegment("jury"), StaticSegment("invitation"), ParamSegment("jeton"))
                        view=juror::invitation::InvitationPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("jury"), StaticSegment("cohortes"), ParamSegment("id"), StaticSegment("engagements"))
                        view=juror::commitments::CommitmentsPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("cohortes"), ParamSegment("id"), StaticSegment("deliberation"))
                        view=juror::deliberation::DeliberationPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("evaluations"), ParamSegment("id"))
                        view=juror::review::ReviewPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("admin"), StaticSegment("utilisateurs"))
                        view=admin::users::UsersPage
                        ssr=SsrMode::Async
                    />
                </Routes>
            </div>
        </main>
        <Footer/>
    }
}

#[cfg(test)]
mod tests {
    use super::{dsfr_stylesheet, DSFR_VERSION};

    /// Before the server has looked (and in tests), pages link an address under the DSFR's
    /// folder that answers 404, not a stale file.
    #[test]
    fn without_a_built_site_the_stylesheet_address_is_a_clean_404() {
        assert_eq!(dsfr_stylesheet(), format!("/dsfr/{DSFR_VERSION}/dsfr-missing.min.css"));
    }

    /// The one `dsfr-<hash>.min.css` of the folder; its compressed copies, fonts and the
    /// `.version` stamp are not candidates.
    #[cfg(feature = "ssr")]
    #[test]
    fn the_stylesheet_is_the_dsfr_min_css_file() {
        use super::dsfr_stylesheet_among;
        use std::time::{Duration, UNIX_EPOCH};
        let at = |secs| UNIX_EPOCH + Duration::from_secs(secs);
        let files = |xs: &[(&str, u64)]| xs.iter().map(|(n, t)| (n.to_string(), at(*t))).collect::<Vec<_>>();
        let built = files(&[(".version", 9), ("fonts", 9), ("icons", 9), ("dsfr-050e12e5.min.css", 1), ("dsfr-050e12e5.min.css.br", 2), ("dsfr-050e12e5.min.css.gz", 2)]);
        assert_eq!(dsfr_stylesheet_among(built), Some(("dsfr-050e12e5.min.css".to_string(), 1)));
        assert_eq!(dsfr_stylesheet_among(files(&[("fonts", 1), ("dsfr.min.css", 1)])), None);
        let stale = files(&[("dsfr-bbbbbbbb.min.css", 1), ("dsfr-aaaaaaaa.min.css", 2)]);
        assert_eq!(dsfr_stylesheet_among(stale), Some(("dsfr-aaaaaaaa.min.css".to_string(), 2)));
    }

    /// The address the pages link is the version `npm ci` installs and `copy-dsfr.sh` copies.
    #[test]
    fn the_dsfr_address_is_the_pinned_version() {
        let package = include_str!("../package.json");
        assert!(package.contains(&format!("\"@gouvfr/dsfr\": \"{DSFR_VERSION}\"")), "package.json pins another DSFR");
        let manifest = include_str!("../public/manifest.webmanifest");
        assert!(manifest.contains(&format!("/dsfr/{DSFR_VERSION}/favicon/")), "the web manifest's icons");
    }
}
