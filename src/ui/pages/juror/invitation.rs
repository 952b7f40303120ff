//! `/jury/invitation/:jeton` — what the invitation is for; a signed-in citizen accepts it,
//! anyone else logs in or creates an account first and comes back here.

use crate::domain::paths::Page;

use crate::api::jury::{jury_invitation, JuryAccept};
use crate::ui::components::error::login_and_return;
use crate::ui::components::form::{action_error, FormAlert};
use crate::ui::components::loaded::{by_param, loaded, text_param};
use crate::ui::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn InvitationPage() -> impl IntoView {
    let params = use_params_map();
    let token = move || params.with(|p| p.get("jeton").unwrap_or_default());
    let accept = ServerAction::<JuryAccept>::new();
    let landing = by_param(text_param("jeton"), jury_invitation);
    loaded(landing, move |inv| {
        let l = use_locale();
        let error = action_error(accept.value());
        let title = l.pick("Invitation au jury citoyen", "Invitation to the citizen jury");
        let signup = Page::Signup.then(&Page::Invitation { token: token() }.path());
        view! {
            <Title text=title/>
            <h1 class="fr-mt-5w">{title}</h1>
            <p class="fr-text--lead">
                {format!(
                    "{} {}. {}",
                    l.pick("Vous êtes invité·e à siéger au jury de la", "You are invited to sit on the jury of"),
                    inv.cohort_name,
                    l.pick(
                        "Le jury de 15 citoyens évalue les candidatures sur l'objectif d'intérêt général et l'impact pour tous les Français, et donne son avis sur chaque projet.",
                        "The jury of 15 citizens scores the applications on the public-interest goal and the impact for all French people, and gives its opinion on each project.",
                    ),
                )}
            </p>
            <p>{format!("{} {}", l.pick("Invitation adressée à :", "Invitation sent to:"), inv.email)}</p>
            {if inv.accepted {
                view! {
                    <p>{l.pick("Cette invitation a déjà été acceptée.", "This invitation was already accepted.")}</p>
                    <p><a class="fr-link" href=Page::Seats.path()>{l.pick("Aller à mon espace juré", "Go to my juror space")}</a></p>
                }
                .into_any()
            } else if inv.signed_in {
                view! {
                    <FormAlert error/>
                    <ActionForm action=accept>
                        <input type="hidden" name="token" value=token()/>
                        <button type="submit" class="fr-btn">{l.pick("Accepter et rejoindre le jury", "Accept and join the jury")}</button>
                    </ActionForm>
                }
                .into_any()
            } else {
                view! {
                    <p>{l.pick("Pour accepter, connectez-vous ou créez votre compte : vous reviendrez ici.", "To accept, log in or create your account: you will come back here.")}</p>
                    <ul class="fr-btns-group fr-btns-group--inline">
                        <li><a class="fr-btn" href=login_and_return()>{l.pick("Se connecter", "Log in")}</a></li>
                        <li><a class="fr-btn fr-btn--secondary" href=signup>{l.pick("Créer un compte", "Sign up")}</a></li>
                    </ul>
                }
                .into_any()
            }}
        }
    })
}
