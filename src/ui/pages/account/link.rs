//! Linking a FranceConnect identity to the existing password account with the same address:
//! its owner confirms once with the account's password, never silently.

use crate::api::state_sign_in::{pending_link, LinkAccount};
use crate::domain::paths::Page;
use crate::domain::state_sign_in::Failure;
use crate::ui::components::form::{action_error, FormAlert, TextField};
use crate::ui::components::loaded::loaded;
use crate::ui::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn LinkAccountPage() -> impl IntoView {
    let l = use_locale();
    let action = ServerAction::<LinkAccount>::new();
    let error = action_error(action.value());
    let link = Resource::new(|| (), |_| pending_link());
    let title = l.pick("Lier votre compte", "Link your account");
    view! {
        <Title text=title/>
        <div class="fr-grid-row fr-grid-row--center">
            <div class="fr-col-12 fr-col-md-8 fr-col-lg-6 fr-mt-5w">
                <h1>{title}</h1>
                {loaded(link, move |link| match link {
                    None => view! {
                        <div class="fr-alert fr-alert--error fr-alert--sm fr-mb-3w" role="alert">
                            <p>{Failure::LinkExpired.message(None, l)}</p>
                        </div>
                        <p><a class="fr-link" href=Page::Login.path()>{l.pick("Retour à la connexion", "Back to log in")}</a></p>
                    }
                    .into_any(),
                    Some(link) => {
                        let provider = link.provider.name();
                        let (intro, names) = match l {
                            crate::domain::i18n::Locale::Fr => (
                                format!("Un compte existe déjà avec l'adresse {} transmise par {provider}. Pour le lier à votre identité {provider}, saisissez le mot de passe de ce compte. Vous pourrez ensuite vous connecter de l'une ou l'autre façon.", link.email),
                                format!("Identité transmise par {provider} : {} {}", link.given_name, link.family_name),
                            ),
                            crate::domain::i18n::Locale::En => (
                                format!("An account already exists with the address {} sent by {provider}. To link it to your {provider} identity, type this account's password. You can then log in either way.", link.email),
                                format!("Identity sent by {provider}: {} {}", link.given_name, link.family_name),
                            ),
                        };
                        view! {
                            <p>{intro}</p>
                            <p class="fr-hint-text">{names}</p>
                            <FormAlert error/>
                            <ActionForm action attr:novalidate=true>
                                <TextField
                                    name="password"
                                    label=l.pick("Mot de passe du compte existant", "Password of the existing account")
                                    kind="password"
                                    autocomplete="current-password"
                                    error
                                />
                                <button type="submit" class="fr-btn" disabled=move || action.pending().get()>
                                    {l.pick("Lier et me connecter", "Link and log in")}
                                </button>
                            </ActionForm>
                            <p class="fr-mt-3w">
                                <a class="fr-link" href=Page::ForgotPassword.path()>{l.pick("Mot de passe oublié ?", "Forgotten password?")}</a>
                            </p>
                            <p>
                                <a class="fr-link" href=Page::Login.path()>{l.pick("Ne pas lier et revenir à la connexion", "Do not link, back to log in")}</a>
                            </p>
                        }
                        .into_any()
                    }
                })}
            </div>
        </div>
    }
}
