//! Forgotten password: `/mot-de-passe-oublie` asks for the address and mails a link;
//! `/mot-de-passe/nouveau/:jeton` sets the new password.

use crate::domain::paths::Page;

use crate::domain::done::Done;
use crate::ui::components::loaded::done_param;
use crate::api::account::{reset_state, RequestPasswordReset, ResetPassword};
use crate::ui::components::form::{action_error, FormAlert, NewPassword, SuccessAlert, TextField};
use crate::ui::components::loaded::{by_param, loaded, text_param};
use crate::ui::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let l = use_locale();
    let action = ServerAction::<RequestPasswordReset>::new();
    let error = action_error(action.value());
    let ok = done_param();
    let title = l.pick("Mot de passe oublié", "Forgotten password");
    view! {
        <Title text=title/>
        <div class="fr-grid-row fr-grid-row--center">
            <div class="fr-col-12 fr-col-md-8 fr-col-lg-6 fr-mt-5w">
                <h1>{title}</h1>
                {move || {
                    (ok() == Some(Done::ResetLinkSent))
                        .then(|| {
                            view! {
                                <SuccessAlert message=l
                                    .pick(
                                        "Si un compte existe avec cette adresse, un e-mail vient de lui être envoyé avec un lien valable 60 minutes. Pensez à regarder dans les courriers indésirables.",
                                        "If an account exists with this address, an email was just sent to it with a link valid for 60 minutes. Check your spam folder too.",
                                    )
                                    .to_string()/>
                            }
                        })
                }}
                <p>
                    {l.pick(
                        "Indiquez l'adresse de votre compte : nous vous enverrons un lien pour choisir un nouveau mot de passe.",
                        "Give the address of your account: we will send you a link to choose a new password.",
                    )}
                </p>
                <FormAlert error/>
                <ActionForm action attr:novalidate=true>
                    <TextField
                        name="email"
                        label=l.pick("Adresse électronique", "Email address")
                        hint=l.pick("Format attendu : nom@domaine.fr", "Expected format: name@domain.org")
                        kind="email"
                        autocomplete="email"
                        error
                    />
                    <button type="submit" class="fr-btn" disabled=move || action.pending().get()>
                        {l.pick("Recevoir un lien", "Send me a link")}
                    </button>
                </ActionForm>
                <p class="fr-mt-3w">
                    <a class="fr-link" href=Page::Login.path()>{l.pick("Retour à la connexion", "Back to log in")}</a>
                </p>
            </div>
        </div>
    }
}

#[component]
pub fn NewPasswordPage() -> impl IntoView {
    let params = use_params_map();
    let token = move || params.with(|p| p.get("jeton").unwrap_or_default());
    let action = ServerAction::<ResetPassword>::new();
    let state = by_param(text_param("jeton"), reset_state);
    loaded(state, move |()| {
        let l = use_locale();
        let error = action_error(action.value());
        let title = l.pick("Choisir un nouveau mot de passe", "Choose a new password");
        view! {
            <Title text=title/>
            <div class="fr-grid-row fr-grid-row--center">
                <div class="fr-col-12 fr-col-md-8 fr-col-lg-6 fr-mt-5w">
                    <h1>{title}</h1>
                    <p>
                        {l.pick(
                            "Toutes les sessions ouvertes avec l'ancien mot de passe seront fermées.",
                            "Every session opened with the old password will be closed.",
                        )}
                    </p>
                    <FormAlert error/>
                    <ActionForm action attr:novalidate=true>
                        <input type="hidden" name="token" value=token()/>
                        <NewPassword
                            label=l.pick("Nouveau mot de passe", "New password")
                            confirm_label=l.pick("Confirmer le nouveau mot de passe", "Confirm new password")
                            error
                        />
                        <button type="submit" class="fr-btn" disabled=move || action.pending().get()>
                            {l.pick("Enregistrer le mot de passe", "Save the password")}
                        </button>
                    </ActionForm>
                </div>
            </div>
        }
    })
}
