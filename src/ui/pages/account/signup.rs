//! Creating an applicant account.

use crate::domain::paths::Page;

use crate::api::account::Signup;
use crate::domain::account::{EMAIL_MAX, NAME_MAX};
use crate::ui::components::form::{action_error, FormAlert, NewPassword, TextField};
use crate::ui::use_locale;
use crate::domain::state_sign_in::Provider;
use crate::ui::components::state_sign_in::StateSignIn;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn SignupPage() -> impl IntoView {
    let l = use_locale();
    let action = ServerAction::<Signup>::new();
    let error = action_error(action.value());
    let title = l.pick("Créer un compte", "Sign up");
    let retour = leptos_router::hooks::use_query_map().with_untracked(|q| q.get("retour").unwrap_or_default());
    view! {
        <Title text=title/>
        <div class="fr-grid-row fr-grid-row--center">
            <div class="fr-col-12 fr-col-md-8 fr-col-lg-6 fr-mt-5w">
                <h1>{title}</h1>
                <p>
                    {l.pick(
                        "Votre compte vous permet de déposer une candidature et de suivre son avancement.",
                        "Your account lets you submit an application and follow its progress.",
                    )}
                </p>
                <StateSignIn wanted=&[Provider::FranceConnect] retour=retour.clone()/>
                <p class="fr-hint-text">{l.pick("Tous les champs sont obligatoires.", "All fields are required.")}</p>
                <FormAlert error/>
                <ActionForm action attr:novalidate=true>
                    <input type="hidden" name="retour" value=retour/>
                    <fieldset class="fr-fieldset">
                        <legend class="fr-fieldset__legend fr-sr-only">{title}</legend>
                        <TextField
                            name="name"
                            label=l.pick("Nom et prénom", "Full name")
                            hint=l.pick("100 caractères maximum.", "100 characters maximum.")
                            autocomplete="name"
                            maxlength=NAME_MAX
                            error
                        />
                        <TextField
                            name="email"
                            label=l.pick("Adresse électronique", "Email address")
                            hint=l.pick("Format attendu : nom@domaine.fr", "Expected format: name@domain.org")
                            kind="email"
                            autocomplete="email"
                            maxlength=EMAIL_MAX
                            error
                        />
                        <NewPassword
                            label=l.pick("Mot de passe", "Password")
                            confirm_label=l.pick("Confirmer le mot de passe", "Confirm password")
                            error
                        />
                    </fieldset>
                    <button type="submit" class="fr-btn" disabled=move || action.pending().get()>
                        {l.pick("Créer mon compte", "Create my account")}
                    </button>
                </ActionForm>
                <p class="fr-mt-3w">
                    {l.pick("Déjà un compte ? ", "Already have an account? ")}
                    <a class="fr-link" href=Page::Login.path()>{l.pick("Se connecter", "Log in")}</a>
                </p>
            </div>
        </div>
    }
}
