//! `/compte/verification/:jeton` — confirms an e-mail address with the link mailed to it.
//! The page asks for a click (a mail scanner that opens links does not use the link up).

use crate::api::account::{verification_state, ConfirmAddress};
use crate::ui::components::form::{action_error, FormAlert};
use crate::ui::components::loaded::{by_param, loaded, text_param};
use crate::ui::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn VerifyAddressPage() -> impl IntoView {
    let params = use_params_map();
    let token = move || params.with(|p| p.get("jeton").unwrap_or_default());
    let confirm = ServerAction::<ConfirmAddress>::new();
    let state = by_param(text_param("jeton"), verification_state);
    loaded(state, move |()| {
        let l = use_locale();
        let error = action_error(confirm.value());
        let title = l.pick("Confirmer mon adresse électronique", "Confirm my email address");
        view! {
            <Title text=title/>
            <div class="fr-grid-row fr-grid-row--center">
                <div class="fr-col-12 fr-col-md-8 fr-col-lg-6 fr-mt-5w">
                    <h1>{title}</h1>
                    <p>
                        {l.pick(
                            "Ce lien confirme que l'adresse à laquelle il a été envoyé est bien la vôtre.",
                            "This link confirms that the address it was sent to is yours.",
                        )}
                    </p>
                    <FormAlert error/>
                    <ActionForm action=confirm>
                        <input type="hidden" name="token" value=token()/>
                        <button type="submit" class="fr-btn">{l.pick("Confirmer mon adresse", "Confirm my address")}</button>
                    </ActionForm>
                </div>
            </div>
        }
    })
}
