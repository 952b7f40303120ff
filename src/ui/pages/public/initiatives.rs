//! The public showcase (`/initiatives`, filters by cohort, theme and search, plain GET form)
//! and each initiative's public page (`/initiatives/:id`): only what its team agreed to
//! publish, and the supports it received in aggregate.

use crate::domain::paths::Page;
use crate::domain::ids::CandidatureId;

use crate::api::publication::{initiative_get, initiatives, Showcase};
use crate::domain::candidature::Theme;
use crate::domain::i18n::Locale;
use crate::domain::publication::PublicInitiative;
use crate::ui::components::check_state::CheckBadge;
use crate::ui::components::loaded::{by_param, id_param, loaded, query_param};
use crate::ui::format::long_date;
use crate::ui::use_locale;
use crate::ui::raw_text::ExternalLink;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn InitiativesPage() -> impl IntoView {
    let cohort = query_param("cohorte");
    let theme = query_param("theme");
    let q = query_param("q");
    let data = Resource::new(move || (cohort(), theme(), q()), |(c, t, q)| initiatives(c, t, q));
    loaded(data, move |s: Showcase| {
        let l = use_locale();
        let title = l.pick("Les initiatives accompagnées", "The initiatives we support");
        let (cohort, theme, q) = (cohort(), theme(), q());
        let count = s.initiatives.len();
        view! {
            <Title text=title/>
            <h1 class="fr-mt-5w">{title}</h1>
            <p class="fr-text--lead">
                {l.pick(
                    "Les projets citoyens sélectionnés par le jury, accompagnés pendant 3 mois par l'État puis lancés publiquement. Chaque équipe choisit ce qu'elle publie.",
                    "The citizen projects selected by the jury, supported for 3 months by the State, then launched publicly. Each team chooses what it publishes.",
                )}
            </p>
            <ul class="fr-links-group">
                <li><a class="fr-link" href=Page::OpenData.path()>{l.pick("Télécharger les données ouvertes (CSV, JSON)", "Download the open data (CSV, JSON)")}</a></li>
                <li><a class="fr-link" href=Page::Transparency.path()>{l.pick("Les chiffres de chaque cohorte", "Each cohort's figures")}</a></li>
            </ul>
            <form method="get" action=Page::Initiatives.path() class="app-filters fr-mb-3w" role="search">
                <div class="fr-select-group">
                    <label class="fr-label" for="filtre-cohorte">{l.pick("Cohorte", "Cohort")}</label>
                    <select class="fr-select" id="filtre-cohorte" name="cohorte">
                        <option value="" selected=cohort.is_empty()>{l.pick("Toutes", "All")}</option>
                        {s.cohorts.iter().map(|(id, name)| view! { <option value=id.to_string() selected=cohort == id.to_string()>{name.clone()}</option> }).collect_view()}
                    </select>
                </div>
                <div class="fr-select-group">
                    <label class="fr-label" for="filtre-theme">{l.pick("Thématique", "Theme")}</label>
                    <select class="fr-select" id="filtre-theme" name="theme">
                        <option value="" selected=theme.is_empty()>{l.pick("Toutes", "All")}</option>
                        {Theme::ALL.into_iter().map(|t| view! { <option value=t.code() selected=theme == t.code()>{t.label().get(l)}</option> }).collect_view()}
                    </select>
                </div>
                <div class="fr-input-group">
                    <label class="fr-label" for="filtre-recherche">{l.pick("Rechercher", "Search")}</label>
                    <input class="fr-input" id="filtre-recherche" name="q" type="search" value=q maxlength="100"/>
                </div>
                <button type="submit" class="fr-btn fr-btn--secondary">{l.pick("Filtrer", "Filter")}</button>
            </form>
            <p role="status">{format!("{count} {} {}", l.pick("initiative(s) sur", "initiative(s) out of"), s.total)}</p>
            {if s.initiatives.is_empty() {
                view! { <p>{l.pick("Aucune initiative ne correspond à ces critères.", "No initiative matches these criteria.")}</p> }.into_any()
            } else {
                view! {
                    <ul class="fr-grid-row fr-grid-row--gutters app-cards">
                        {s.initiatives.into_iter().map(|i| view! { <li class="fr-col-12 fr-col-md-6 fr-col-lg-4"><Card i l/></li> }).collect_view()}
                    </ul>
                }.into_any()
            }}
        }
    })
}

#[component]
fn Card(i: PublicInitiative, l: Locale) -> impl IntoView {
    view! {
        <div class="fr-card fr-enlarge-link">
            <div class="fr-card__body">
                <div class="fr-card__content">
                    <h2 class="fr-card__title"><a href=Page::Initiative { id: CandidatureId(i.id) }.path()>{i.name.clone()}</a></h2>
                    <p class="fr-card__desc">{i.pitch.clone().unwrap_or_default()}</p>
                    <div class="fr-card__start">
                        <p class="fr-card__detail">{format!("{} — {}", i.cohort, i.status.label().get(l))}</p>
                    </div>
                    {i.theme.map(|t| view! { <div class="fr-card__end"><p class="fr-card__detail">{t.label().get(l)}</p></div> })}
                </div>
            </div>
        </div>
    }
}

#[component]
pub fn InitiativePage() -> impl IntoView {
    let id = id_param("id");
    let data = by_param(id, initiative_get);
    loaded(data, move |i: PublicInitiative| {
        let l = use_locale();
        let facts: Vec<(&'static str, String)> = [
            (l.pick("Thématique", "Theme"), i.theme.map(|t| t.label().get(l).to_string())),
            (l.pick("Type de porteur", "Kind of carrier"), i.carrier_kind.map(|k| k.label().get(l).to_string())),
            (l.pick("Structure", "Organisation"), i.carrier_name.clone()),
            (l.pick("Licence", "Licence"), i.licence.clone()),
            (l.pick("Financements et ressources", "Funding and resources"), i.funding_statement.clone()),
        ]
        .into_iter()
        .filter_map(|(k, v)| Some((k, v?)))
        .collect();
        view! {
            <Title text=i.name.clone()/>
            <p class="fr-mt-3w"><a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href=Page::Initiatives.path()>{l.pick("Toutes les initiatives", "All initiatives")}</a></p>
            <h1>{i.name.clone()}</h1>
            <p>
                <span class="fr-badge fr-badge--info">{i.status.label().get(l)}</span>
                {format!(" {}", i.cohort)}
                {i.launched_on.map(|d| format!(" — {} {}", l.pick("lancée le", "launched on"), long_date(l, d)))}
            </p>
            {i.pitch.clone().map(|p| view! { <p class="fr-text--lead">{p}</p> })}
            {i.description.clone().map(|d| view! { <p class="app-message-text">{d}</p> })}
            {(!facts.is_empty()).then(|| view! {
                <dl class="app-facts">
                    {facts.into_iter().map(|(k, v)| view! { <dt>{k}</dt><dd>{v}</dd> }).collect_view()}
                </dl>
            })}
            {(i.website.is_some() || i.repository.is_some()).then(|| view! {
                <ul>
                    {i.website.clone().map(|w| view! { <li><ExternalLink text=format!("{} : {w}", l.pick("Site web", "Website")) url=w/></li> })}
                    {i.repository.clone().map(|r| view! { <li><ExternalLink text=format!("{} : {r}", l.pick("Code source", "Source code")) url=r/></li> })}
                </ul>
            })}
            <h2 class="fr-mt-5w">{l.pick("Engagements de la charte", "Charter commitments")}</h2>
            {if i.evidence.links.is_empty() && i.evidence.funding.is_none() && i.evidence.results.is_none() {
                view! { <p>{l.pick("L'équipe n'a pas encore publié ses preuves.", "The team has not published its evidence yet.")}</p> }.into_any()
            } else {
                view! {
                    <ul>
                        {i.evidence.links.iter().map(|(kind, url, state)| view! {
                            <li>
                                {format!("{} : ", kind.label().get(l))}
                                <ExternalLink url=url.clone() text=url.clone()/>
                                " "
                                <CheckBadge state=state.clone()/>
                            </li>
                        }).collect_view()}
                    </ul>
                    {i.evidence.funding.clone().map(|f| view! { <p class="app-message-text"><strong>{l.pick("Financements et ressources : ", "Funding and resources: ")}</strong>{f}</p> })}
                    {i.evidence.results.clone().map(|r| view! { <p class="app-message-text"><strong>{l.pick("Résultats : ", "Results: ")}</strong>{r}</p> })}
                }.into_any()
            }}
            <h2 class="fr-mt-5w">{l.pick("Accompagnement reçu de l'État", "Support received from the State")}</h2>
            {if i.supports_received.is_empty() {
                view! { <p>{l.pick("Aucun accompagnement apporté pour l'instant.", "No support delivered yet.")}</p> }.into_any()
            } else {
                view! {
                    <ul>
                        {i.supports_received.iter().map(|(k, n)| view! { <li>{format!("{} ({n})", k.label().get(l))}</li> }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <p class="fr-text--sm fr-mt-5w">{l.pick("Cette page montre uniquement ce que l'équipe a choisi de publier.", "This page shows only what the team chose to publish.")}</p>
        }
    })
}
