//! The signed-in person's account: who they are, their role, whether their address is
//! confirmed (a new link on request), changing the address, changing the password.

use crate::domain::done::Done;
use crate::ui::components::loaded::{done_param, loaded};
use crate::api::account::{ChangeEmail, ChangePassword, ResendVerification};
use crate::domain::error::AppError;
use crate::ui::components::error::ErrorPage;
use crate::ui::components::form::{action_error, FormAlert, NewPassword, SuccessAlert, TextField};
use crate::ui::components::layout::Session;
use crate::ui::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn AccountPage() -> impl IntoView {
    let l = use_locale();
    let session = expect_context::<Session>();
    let action = ServerAction::<ChangePassword>::new();
    let error = action_error(action.value());
    let resend = ServerAction::<ResendVerification>::new();
    let resend_error = action_error(resend.value());
    let change_email = ServerAction::<ChangeEmail>::new();
    let email_error = action_error(change_email.value());
    let ok = done_param();
    let changed = move || ok() == Some(Done::PasswordChanged);
    let notice = move || match ok() {
        Some(Done::AddressConfirmed) => Some(l.pick("Votre adresse électronique est confirmée.", "Your email address is confirmed.")),
        Some(Done::VerificationSent) => Some(l.pick(
            "Un nouveau lien de confirmation vient de vous être envoyé. Le précédent ne fonctionne plus.",
            "A new confirmation link was just sent to you. The previous one no longer works.",
        )),
        Some(Done::AddressToConfirm) => Some(l.pick(
            "Un lien de confirmation a été envoyé à la nouvelle adresse : elle remplacera l'actuelle une fois confirmée.",
            "A confirmation link was sent to the new address: it will replace the current one once confirmed.",
        )),
        _ => None,
    };
    loaded(session.user, move |user| {
        let Some(user) = user else {
            return view! { <ErrorPage error=AppError::Unauthenticated/> }.into_any();
        };
        let title = l.pick("Mon compte", "My account");
        view! {
            <Title text=title/>
            <div class="fr-mt-5w">
                <h1>{title}</h1>
                {move || notice().map(|m| view! { <SuccessAlert message=m.to_string()/> })}
                {(!user.email_verified)
                    .then(|| {
                        view! {
                            <div class="fr-alert fr-alert--warning fr-mb-3w">
                                <h2 class="fr-alert__title">
                                    {l.pick("Adresse électronique à confirmer", "Email address to confirm")}
                                </h2>
                                <p>
                                    {l.pick(
                                        "Ouvrez le lien que nous vous avons envoyé par e-mail. Tant que l'adresse n'est pas confirmée, vous pouvez préparer une candidature mais pas la déposer.",
                                        "Open the link we sent you by email. Until the address is confirmed, you can prepare an application but not submit it.",
                                    )}
                                </p>
                                <FormAlert error=resend_error/>
                                <ActionForm action=resend>
                                    <button type="submit" class="fr-btn fr-btn--secondary fr-btn--sm fr-mt-1w">
                                        {l.pick("Recevoir un nouveau lien", "Send me a new link")}
                                    </button>
                                </ActionForm>
                            </div>
                        }
                    })}
                <dl class="app-facts">
                    <dt>{l.pick("Nom", "Name")}</dt>
                    <dd>{user.display_name.clone()}</dd>
                    <Identities/>
                    <dt>{l.pick("Adresse électronique", "Email address")}</dt>
                    <dd>
                        {user.email.clone()} " "
                        {if user.email_verified {
                            view! { <span class="fr-badge fr-badge--success fr-badge--sm">{l.pick("confirmée", "confirmed")}</span> }.into_any()
                        } else {
                            view! { <span class="fr-badge fr-badge--warning fr-badge--sm">{l.pick("à confirmer", "to confirm")}</span> }.into_any()
                        }}
                    </dd>
                    <dt>{l.pick("Rôle", "Role")}</dt>
                    <dd>
                        {user.role.label().get(l)}
                        {user.juror_space().then(|| l.pick(" — membre d'un jury citoyen", " — member of a citizen jury"))}
                    </dd>
                </dl>
            </div>
            <section class="fr-mt-5w fr-col-12 fr-col-md-8 fr-col-lg-6" aria-labelledby="adresse">
                <h2 id="adresse">{l.pick("Changer d'adresse électronique", "Change email address")}</h2>
                <p>
                    {l.pick(
                        "Un lien de confirmation sera envoyé à la nouvelle adresse ; l'actuelle reste valable jusque-là.",
                        "A confirmation link will be sent to the new address; the current one stays valid until then.",
                    )}
                </p>
                <FormAlert error=email_error/>
                {(!user.has_password).then(|| view! {
                    <p>{l.pick(
                        "Votre compte a été ouvert avec FranceConnect : ajoutez d'abord un mot de passe ci-dessous, il vous sera demandé pour changer d'adresse.",
                        "Your account was opened with FranceConnect: first add a password below, it will be asked to change your address.",
                    )}</p>
                })}
                <ActionForm action=change_email attr:novalidate=true attr:hidden=!user.has_password>
                    <TextField
                        name="new_email"
                        label=l.pick("Nouvelle adresse électronique", "New email address")
                        kind="email"
                        autocomplete="email"
                        error=email_error
                    />
                    <TextField
                        name="current_for_email"
                        label=l.pick("Votre mot de passe", "Your password")
                        kind="password"
                        autocomplete="current-password"
                        error=email_error
                    />
                    <button type="submit" class="fr-btn" disabled=move || change_email.pending().get()>
                        {l.pick("Changer d'adresse", "Change address")}
                    </button>
                </ActionForm>
            </section>
            <section class="fr-mt-5w fr-col-12 fr-col-md-8 fr-col-lg-6" aria-labelledby="mot-de-passe">
                <h2 id="mot-de-passe">
                    {if user.has_password {
                        l.pick("Changer le mot de passe", "Change password")
                    } else {
                        l.pick("Ajouter un mot de passe", "Add a password")
                    }}
                </h2>
                {(!user.has_password).then(|| view! {
                    <p>{l.pick(
                        "Votre compte n'a pas de mot de passe : vous vous connectez avec FranceConnect. Un mot de passe vous permet aussi de vous connecter avec votre adresse électronique.",
                        "Your account has no password: you log in with FranceConnect. A password also lets you log in with your email address.",
                    )}</p>
                })}
                {move || {
                    changed()
                        .then(|| {
                            view! {
                                <SuccessAlert message=l
                                    .pick("Votre mot de passe a été modifié.", "Your password has been changed.")
                                    .to_string()/>
                            }
                        })
                }}
                <FormAlert error/>
                <ActionForm action attr:novalidate=true>
                    {if user.has_password {
                        view! {
                            <TextField
                                name="current"
                                label=l.pick("Mot de passe actuel", "Current password")
                                kind="password"
                                autocomplete="current-password"
                                error
                            />
                        }
                        .into_any()
                    } else {
                        view! { <input type="hidden" name="current" value=""/> }.into_any()
                    }}
                    <NewPassword
                        label=l.pick("Nouveau mot de passe", "New password")
                        confirm_label=l.pick("Confirmer le nouveau mot de passe", "Confirm new password")
                        error
                    />
                    <button type="submit" class="fr-btn" disabled=move || action.pending().get()>
                        {l.pick("Changer le mot de passe", "Change password")}
                    </button>
                </ActionForm>
            </section>
            <super::sessions::SessionsSection/>
            <super::my_data::MyDataSection/>
            <section class="fr-mt-5w fr-mb-5w">
                <h2>{l.pick("Supprimer mon compte", "Delete my account")}</h2>
                <p>
                    {l.pick(
                        "Votre identité est effacée ; ce que le programme doit conserver l'est sous un pseudonyme, jusqu'à la fin de sa durée de conservation. La page suivante détaille ce qui est supprimé et ce qui est conservé, avant toute confirmation.",
                        "Your identity is erased; what the programme must keep is kept under a pseudonym, until the end of its retention period. The next page details what is deleted and what is kept, before any confirmation.",
                    )}
                </p>
                <a class="fr-btn fr-btn--secondary" href=crate::domain::paths::Page::AccountDeletion.path()>
                    {l.pick("Supprimer mon compte…", "Delete my account…")}
                </a>
            </section>
        }
        .into_any()
    })
}

/// The identities from State providers tied to the account: the names they vouched for, shown
/// as theirs (not editable here).
#[component]
fn Identities() -> impl IntoView {
    let l = use_locale();
    let identities = Resource::new(|| (), |_| crate::api::state_sign_in::my_identities());
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                identities
                    .await
                    .unwrap_or_default()
                    .into_iter()
                    .map(|i| {
                        let name = format!("{} {}", i.given_name, i.family_name);
                        let source = match l {
                            crate::domain::i18n::Locale::Fr => format!("Identité transmise par {} (non modifiable ici)", i.provider.name()),
                            crate::domain::i18n::Locale::En => format!("Identity from {} (cannot be edited here)", i.provider.name()),
                        };
                        view! {
                            <dt>{source}</dt>
                            <dd>{name}</dd>
                        }
                    })
                    .collect_view()
            })}
        </Suspense>
    }
}
