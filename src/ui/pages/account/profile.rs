//! The signed-in person's account: who they are, their role, changing the password.

use crate::api::account::ChangePassword;
use crate::domain::error::AppError;
use crate::ui::components::error::ErrorPage;
use crate::ui::components::form::{action_error, FormAlert, SuccessAlert, TextField};
use crate::ui::components::layout::Session;
use crate::ui::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn AccountPage() -> impl IntoView {
    let l = use_locale();
    let session = expect_context::<Session>();
    let action = ServerAction::<ChangePassword>::new();
    let error = action_error(action.value());
    let query = use_query_map();
    let changed = move || query.with(|q| q.get("ok").as_deref() == Some("mot-de-passe"));
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match session.user.await {
                    Err(e) => view! { <ErrorPage error=e/> }.into_any(),
                    Ok(None) => view! { <ErrorPage error=AppError::Unauthenticated/> }.into_any(),
                    Ok(Some(user)) => {
                        let title = l.pick("Mon compte", "My account");
                        view! {
                            <Title text=title/>
                            <div class="fr-mt-5w">
                                <h1>{title}</h1>
                                <dl class="app-facts">
                                    <dt>{l.pick("Nom", "Name")}</dt>
                                    <dd>{user.display_name.clone()}</dd>
                                    <dt>{l.pick("Adresse électronique", "Email address")}</dt>
                                    <dd>{user.email.clone()}</dd>
                                    <dt>{l.pick("Rôle", "Role")}</dt>
                                    <dd>{user.role.label().get(l)}</dd>
                                </dl>
                            </div>
                            <section class="fr-mt-5w fr-col-12 fr-col-md-8 fr-col-lg-6" aria-labelledby="mot-de-passe">
                                <h2 id="mot-de-passe">{l.pick("Changer le mot de passe", "Change password")}</h2>
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
                                    <TextField
                                        name="current"
                                        label=l.pick("Mot de passe actuel", "Current password")
                                        kind="password"
                                        autocomplete="current-password"
                                        error
                                    />
                                    <TextField
                                        name="password"
                                        label=l.pick("Nouveau mot de passe", "New password")
                                        hint=l.pick("12 caractères minimum.", "At least 12 characters.")
                                        kind="password"
                                        autocomplete="new-password"
                                        error
                                    />
                                    <TextField
                                        name="password_confirm"
                                        label=l.pick("Confirmer le nouveau mot de passe", "Confirm new password")
                                        kind="password"
                                        autocomplete="new-password"
                                        error
                                    />
                                    <button type="submit" class="fr-btn" disabled=move || action.pending().get()>
                                        {l.pick("Changer le mot de passe", "Change password")}
                                    </button>
                                </ActionForm>
                            </section>
                        }
                            .into_any()
                    }
                }
            })}
        </Suspense>
    }
}
