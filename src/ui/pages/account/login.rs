//! Logging in.

use crate::domain::paths::Page;

use crate::domain::done::Done;
use crate::ui::components::loaded::{done_param, query_param};
use crate::ui::components::state_sign_in::StateSignIn;
use crate::domain::state_sign_in::{Failure, Provider};
use crate::api::account::Login;
use crate::ui::components::form::{action_error, FormAlert, SuccessAlert, TextField};
use crate::ui::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn LoginPage() -> impl IntoView {
    let l = use_locale();
    let action = ServerAction::<Login>::new();
    let error = action_error(action.value());
    let title = l.pick("Se connecter", "Log in");
    // Where to go once logged in (the page that asked for a login), if the link said so.
    let query = leptos_router::hooks::use_query_map();
    let retour = query.with_untracked(|q| q.get("retour").unwrap_or_default());
    let ok = done_param();
    // A sign-in through FranceConnect or ProConnect that opened no session says why.
    let (failure, provider) = (query_param("echec"), query_param("fournisseur"));
    let failed = move || Failure::from_code(&failure()).map(|f| f.message(Provider::from_code(&provider()), l));
    let notice = move || match ok() {
        Some(Done::AddressConfirmed) => Some(l.pick("Votre adresse électronique est confirmée. Connectez-vous.", "Your email address is confirmed. Log in.")),
        Some(Done::PasswordReset) => Some(l.pick(
            "Votre mot de passe a été changé. Connectez-vous avec le nouveau.",
            "Your password was changed. Log in with the new one.",
        )),
        Some(Done::AccountDeleted) => Some(l.pick(
            "Votre compte est supprimé. Ce que le programme doit conserver l'est sous un pseudonyme, jusqu'à la fin de sa durée de conservation.",
            "Your account is deleted. What the programme must keep is kept under a pseudonym, until the end of its retention period.",
        )),
        _ => None,
    };
    view! {
        <Title text=title/>
        <div class="fr-grid-row fr-grid-row--center">
            <div class="fr-col-12 fr-col-md-8 fr-col-lg-6 fr-mt-5w">
                <h1>{title}</h1>
                {move || notice().map(|m| view! { <SuccessAlert message=m.to_string()/> })}
                {move || failed().map(|m| view! {
                    <div class="fr-alert fr-alert--error fr-alert--sm fr-mb-3w" role="alert">
                        <p>{m}</p>
                    </div>
                })}
                <StateSignIn wanted=&[Provider::FranceConnect, Provider::ProConnect] retour=retour.clone()/>
                <FormAlert error/>
                <ActionForm action attr:novalidate=true>
                    <input type="hidden" name="retour" value=retour/>
                    <fieldset class="fr-fieldset">
                        <legend class="fr-fieldset__legend fr-sr-only">{title}</legend>
                        <TextField
                            name="email"
                            label=l.pick("Adresse électronique", "Email address")
                            kind="email"
                            autocomplete="email"
                            error
                        />
                        <TextField
                            name="password"
                            label=l.pick("Mot de passe", "Password")
                            kind="password"
                            autocomplete="current-password"
                            error
                        />
                    </fieldset>
                    <button type="submit" class="fr-btn" disabled=move || action.pending().get()>
                        {l.pick("Se connecter", "Log in")}
                    </button>
                </ActionForm>
                <p class="fr-mt-3w">
                    <a class="fr-link" href=Page::ForgotPassword.path()>{l.pick("Mot de passe oublié ?", "Forgotten password?")}</a>
                </p>
                <p>
                    {l.pick("Pas encore de compte ? ", "No account yet? ")}
                    <a class="fr-link" href=Page::Signup.path()>{l.pick("Créer un compte", "Sign up")}</a>
                </p>
            </div>
        </div>
    }
}
