//! The DSFR breadcrumb, one for every page that has one.

use crate::ui::use_locale;
use leptos::prelude::*;

/// The pages above this one, as links (address, name), then this page's name.
#[component]
pub fn Breadcrumb(trail: Vec<(String, String)>, #[prop(into)] here: String) -> impl IntoView {
    let l = use_locale();
    view! {
        <nav role="navigation" class="fr-breadcrumb fr-mt-3w" aria-label=l.pick("vous êtes ici :", "you are here:")>
            <ol class="fr-breadcrumb__list">
                {trail
                    .into_iter()
                    .map(|(href, name)| view! { <li><a class="fr-breadcrumb__link" href=href>{name}</a></li> })
                    .collect_view()}
                <li><a class="fr-breadcrumb__link" aria-current="page">{here}</a></li>
            </ol>
        </nav>
    }
}
