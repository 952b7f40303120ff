//! The State sign-in buttons (DSFR « connect » component), first among the sign-in methods,
//! then « ou » and the password form. Shown only for the providers this service configured.

use crate::api::state_sign_in::sign_in_methods;
use crate::domain::paths::{encode_query_value, Download};
use crate::domain::state_sign_in::Provider;
use crate::ui::use_locale;
use leptos::prelude::*;

/// The buttons of `wanted` (in that order) that are configured, and the « ou » separator;
/// nothing when none is. `retour` is where the person goes once signed in.
#[component]
pub fn StateSignIn(wanted: &'static [Provider], #[prop(into)] retour: String) -> impl IntoView {
    let methods = Resource::new(|| (), |_| sign_in_methods());
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let retour = retour.clone();
                Suspend::new(async move {
                    let offered = methods.await.unwrap_or_default();
                    let shown: Vec<Provider> = wanted.iter().copied().filter(|p| offered.contains(p)).collect();
                    (!shown.is_empty()).then(|| view! { <Buttons shown retour/> })
                })
            }}
        </Suspense>
    }
}

#[component]
fn Buttons(shown: Vec<Provider>, retour: String) -> impl IntoView {
    let l = use_locale();
    let buttons = shown
        .into_iter()
        .map(|provider| {
            let mut action = Download::sign_in(provider);
            if !retour.is_empty() {
                action = format!("{action}?retour={}", encode_query_value(&retour));
            }
            let class = match provider {
                Provider::FranceConnect => "fr-connect",
                Provider::ProConnect => "fr-connect fr-connect--pro",
            };
            let who = match provider {
                Provider::FranceConnect => l.pick("Citoyennes et citoyens", "Citizens"),
                Provider::ProConnect => l.pick("Agents de l'État", "State agents"),
            };
            let about = provider.about_label().get(l);
            let about_title = format!("{about} - {}", l.pick("nouvelle fenêtre", "new window"));
            view! {
                <div class="fr-connect-group fr-mb-3w">
                    <p class="fr-text--sm fr-mb-1w">{who}</p>
                    <form method="post" action=action>
                        <button type="submit" class=class>
                            <span class="fr-connect__login">{l.pick("S’identifier avec", "Sign in with")}</span>
                            " "
                            <span class="fr-connect__brand">{provider.name()}</span>
                        </button>
                    </form>
                    <p>
                        <a href=provider.about_url() target="_blank" rel="noopener" title=about_title>{about}</a>
                    </p>
                </div>
            }
        })
        .collect_view();
    view! {
        {buttons}
        <p class="fr-hr-or">{l.pick("ou", "or")}</p>
    }
}
