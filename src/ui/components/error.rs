//! Error pages: what happened and what to do, with the right HTTP status.

use crate::domain::paths::Page;

use crate::domain::error::AppError;
use crate::ui::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;

/// The login page, asked to come back to the current page afterwards.
pub fn login_and_return() -> String {
    let location = leptos_router::hooks::use_location();
    let path = location.pathname.get_untracked();
    let here = match location.search.get_untracked().trim_start_matches('?') {
        "" => path,
        query => format!("{path}?{query}"),
    };
    Page::Login.then(&here)
}

/// A full page for an error: 401 invites to log in, 403 says the account has no access,
/// 404 says the page does not exist; anything else apologises.
#[component]
pub fn ErrorPage(error: AppError) -> impl IntoView {
    let l = use_locale();
    #[cfg(feature = "ssr")]
    if let (Some(res), Ok(status)) =
        (use_context::<leptos_axum::ResponseOptions>(), http::StatusCode::from_u16(error.status()))
    {
        res.set_status(status);
    }
    let (title, next) = match &error {
        AppError::Unauthenticated => (
            l.pick("Connexion requise", "Login required"),
            view! {
                <p>
                    <a class="fr-link" href=login_and_return()>{l.pick("Se connecter", "Log in")}</a>
                    " · "
                    <a class="fr-link" href=Page::Signup.path()>{l.pick("Créer un compte", "Sign up")}</a>
                </p>
            }
            .into_any(),
        ),
        AppError::Forbidden => (
            l.pick("Accès refusé", "Access denied"),
            view! {
                <p>
                    {l.pick(
                        "Si vous pensez devoir y accéder, demandez le rôle nécessaire à un administrateur.",
                        "If you think you should have access, ask an administrator for the needed role.",
                    )}
                </p>
            }
            .into_any(),
        ),
        AppError::NotFound => (
            l.pick("Page non trouvée", "Page not found"),
            view! {
                <p>
                    {l.pick(
                        "L'adresse est peut-être erronée, ou la page a été déplacée.",
                        "The address may be wrong, or the page has moved.",
                    )}
                </p>
            }
            .into_any(),
        ),
        _ => (l.pick("Une erreur est survenue", "Something went wrong"), ().into_any()),
    };
    let message = error.message(l);
    view! {
        <Title text=title.to_string()/>
        <div class="fr-my-7w">
            <h1>{title}</h1>
            <p class="fr-text--lead">{message}</p>
            {next}
            <p>
                <a class="fr-link" href="/">
                    {l.pick("Retour à l'accueil", "Back to the home page")}
                </a>
            </p>
        </div>
    }
}

/// A page with 404 status for unknown addresses.
#[component]
pub fn NotFound() -> impl IntoView {
    view! { <ErrorPage error=AppError::NotFound/> }
}
