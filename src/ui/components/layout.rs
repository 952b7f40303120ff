//! The frame of every page: skip links, DSFR header with the role menu and the language
//! switch, footer.

use crate::api::account::{Logout, UserView};
use crate::domain::account::Role;
use crate::domain::paths::{Download, Page};
use crate::ui::use_locale;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// The signed-in account (None for a visitor), shared by the header and the pages.
#[derive(Clone, Copy)]
pub struct Session {
    pub user: Resource<Result<Option<UserView>, crate::domain::error::AppError>>,
    pub logout: ServerAction<Logout>,
}

#[component]
pub fn SkipLinks() -> impl IntoView {
    let l = use_locale();
    view! {
        <div class="fr-skiplinks">
            <nav class="fr-container" role="navigation" aria-label=l.pick("Accès rapide", "Skip links")>
                <ul class="fr-skiplinks__list">
                    <li>
                        <a class="fr-link" href="#contenu">{l.pick("Contenu", "Content")}</a>
                    </li>
                    <li>
                        <a class="fr-link" href="#navigation">{l.pick("Menu", "Menu")}</a>
                    </li>
                    <li>
                        <a class="fr-link" href="#pied-de-page">{l.pick("Pied de page", "Footer")}</a>
                    </li>
                </ul>
            </nav>
        </div>
    }
}

#[component]
pub fn Header() -> impl IntoView {
    let l = use_locale();
    let location = use_location();
    let switch_href = move || {
        let mut back = location.pathname.get();
        let search = location.search.get();
        if !search.is_empty() {
            back.push('?');
            back.push_str(&search);
        }
        Download::language(l.other().code(), &back)
    };
    let other = l.other();
    let service = l.pick("L'accélérateur d'initiatives citoyennes", "Citizen initiatives accelerator");
    view! {
        <header role="banner" class="fr-header">
            <div class="fr-header__body">
                <div class="fr-container">
                    <div class="fr-header__body-row">
                        <div class="fr-header__brand fr-enlarge-link">
                            <div class="fr-header__brand-top">
                                <div class="fr-header__logo">
                                    <p class="fr-logo">"République" <br/> "Française"</p>
                                </div>
                            </div>
                            <div class="fr-header__service">
                                <a href="/" title=format!("{} - {}", l.pick("Accueil", "Home"), service)>
                                    <p class="fr-header__service-title">{service}</p>
                                </a>
                                <p class="fr-header__service-tagline">
                                    {l.pick("Le service public augmenté", "The augmented public service")}
                                </p>
                            </div>
                        </div>
                        <div class="fr-header__tools">
                            <div class="fr-header__tools-links">
                                <ul class="fr-btns-group">
                                    <li>
                                        <a
                                            class="fr-btn fr-btn--tertiary-no-outline"
                                            href=switch_href
                                            hreflang=other.code()
                                            lang=other.code()
                                            rel="external"
                                        >
                                            {other.pick("Français", "English")}
                                        </a>
                                    </li>
                                </ul>
                            </div>
                        </div>
                    </div>
                </div>
            </div>
            <div class="fr-header__menu">
                <div class="fr-container">
                    <Menu/>
                </div>
            </div>
        </header>
    }
}

/// The main menu: only the pages the caller's role can open.
#[component]
fn Menu() -> impl IntoView {
    let l = use_locale();
    let session = expect_context::<Session>();
    let location = use_location();
    // The menu's pages take no value: their pattern is their address.
    let link = move |page: Page, text: &'static str| {
        let href = page.pattern();
        let current = move || {
            let path = location.pathname.get();
            let here = if href == "/" { path == "/" } else { path.starts_with(href) };
            here.then_some("page")
        };
        view! {
            <li class="fr-nav__item">
                <a class="fr-nav__link" href=href aria-current=current>
                    {text}
                </a>
            </li>
        }
    };
    view! {
        <nav class="fr-nav" id="navigation" role="navigation" aria-label=l.pick("Menu principal", "Main menu")>
            <ul class="fr-nav__list">
                {link(Page::Home, l.pick("Accueil", "Home"))}
                {link(Page::Initiatives, l.pick("Initiatives", "Initiatives"))}
                <Transition fallback=|| ()>
                    {move || Suspend::new(async move {
                        let user = session.user.await.ok().flatten();
                        match user {
                            None => {
                                view! {
                                    {link(Page::Login, l.pick("Se connecter", "Log in"))}
                                    {link(Page::Signup, l.pick("Créer un compte", "Sign up"))}
                                }
                                    .into_any()
                            }
                            Some(user) => {
                                let role = user.role;
                                view! {
                                    {user.applicant_space().then(|| link(Page::Candidatures, l.pick("Mes candidatures", "My applications")))}
                                    {user.juror_space().then(|| link(Page::Seats, l.pick("Mon espace juré", "My juror space")))}
                                    {role.is_staff().then(|| link(Page::Cohorts, l.pick("Cohortes", "Cohorts")))}
                                    {role.is_staff().then(|| link(Page::Outbox, l.pick("Courriels", "Mail")))}
                                    {(role == Role::Admin).then(|| link(Page::Users, l.pick("Utilisateurs", "Users")))}
                                    {link(Page::Account, l.pick("Mon compte", "My account"))}
                                    <li class="fr-nav__item">
                                        <ActionForm action=session.logout>
                                            <button type="submit" class="fr-nav__link app-logout">
                                                {l.pick("Se déconnecter", "Log out")}
                                            </button>
                                        </ActionForm>
                                    </li>
                                }
                                    .into_any()
                            }
                        }
                    })}
                </Transition>
            </ul>
        </nav>
    }
}

#[component]
pub fn Footer() -> impl IntoView {
    let l = use_locale();
    view! {
        <footer class="fr-footer" role="contentinfo" id="pied-de-page">
            <div class="fr-container">
                <div class="fr-footer__body">
                    <div class="fr-footer__brand fr-enlarge-link">
                        <a href="/" title=l.pick("Retour à l'accueil", "Back to the home page")>
                            <p class="fr-logo">"République" <br/> "Française"</p>
                        </a>
                    </div>
                    <div class="fr-footer__content">
                        <p class="fr-footer__content-desc">
                            {l.pick(
                                "Le service public augmenté : l'accélérateur d'initiatives citoyennes identifie les initiatives de citoyens qui améliorent notre service public et les soutient pour que les Français en bénéficient.",
                                "The augmented public service: the citizen initiatives accelerator finds citizens' initiatives that improve our public service and supports them so that everyone in France benefits.",
                            )}
                        </p>
                    </div>
                </div>
                <div class="fr-footer__bottom">
                    <ul class="fr-footer__bottom-list">
                        <li class="fr-footer__bottom-item">
                            <a class="fr-footer__bottom-link" href=Page::SiteMap.path()>{l.pick("Plan du site", "Site map")}</a>
                        </li>
                        <li class="fr-footer__bottom-item">
                            <a class="fr-footer__bottom-link" href=Page::Accessibility.path()>
                                {crate::ui::pages::public::legal::compliance_mention(l)}
                            </a>
                        </li>
                        <li class="fr-footer__bottom-item">
                            <a class="fr-footer__bottom-link" href=Page::LegalNotice.path()>{l.pick("Mentions légales", "Legal notice")}</a>
                        </li>
                        <li class="fr-footer__bottom-item">
                            <a class="fr-footer__bottom-link" href=Page::Privacy.path()>{l.pick("Données personnelles", "Personal data")}</a>
                        </li>
                    </ul>
                    <div class="fr-footer__bottom-copy">
                        <p>
                            {l.pick(
                                "Sauf mention contraire, les contenus de ce site sont proposés sous licence ouverte Etalab 2.0.",
                                "Unless stated otherwise, the content of this site is available under the Etalab 2.0 open licence.",
                            )}
                        </p>
                    </div>
                </div>
            </div>
        </footer>
    }
}
