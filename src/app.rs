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

/// The DSFR stylesheet the pages link: the part of the DSFR they use (`style/dsfr.txt`,
/// built by `scripts/copy-dsfr.sh`), named after a hash of that list so that changing the
/// list changes the address browsers keep.
pub fn dsfr_stylesheet() -> String {
    format!("/dsfr/{DSFR_VERSION}/dsfr-{:08x}.min.css", fnv1a(include_bytes!("../style/dsfr.txt")))
}

/// FNV-1a, 32 bits (the same in `scripts/copy-dsfr.sh`).
const fn fnv1a(bytes: &[u8]) -> u32 {
    let mut hash: u32 = 0x811c_9dc5;
    let mut i = 0;
    while i < bytes.len() {
        hash ^= bytes[i] as u32;
        hash = hash.wrapping_mul(0x0100_0193);
        i += 1;
    }
    hash
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
                    <Route path=StaticSegment("connexion") view=account::login::LoginPage ssr=SsrMode::Async/>
                    <Route path=StaticSegment("inscription") view=account::signup::SignupPage ssr=SsrMode::Async/>
                    <Route path=StaticSegment("compte") view=account::profile::AccountPage ssr=SsrMode::Async/>
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
    use super::{dsfr_stylesheet, fnv1a, DSFR_VERSION};

    /// The hash the script computes (FNV-1a's published test vectors).
    #[test]
    fn the_stylesheet_hash_is_fnv1a() {
        assert_eq!(fnv1a(b""), 0x811c_9dc5);
        assert_eq!(fnv1a(b"a"), 0xe40c_292c);
        assert_eq!(fnv1a(b"foobar"), 0xbf9c_f968);
        assert!(dsfr_stylesheet().starts_with(&format!("/dsfr/{DSFR_VERSION}/dsfr-")));
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
