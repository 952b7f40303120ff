//! `/agent/cohortes/:id/message` — staff write to every applicant of a cohort at once
//! (e.g. « l'appel ferme dans 3 jours »): the message goes into each candidature's thread and
//! is mailed to its holder and co-applicants.

use crate::domain::paths::Page;
use crate::domain::ids::CohortId;

use crate::api::cohort::list_cohorts;
use crate::api::messages::CohortMessage;
use crate::domain::error::AppError;
use crate::domain::mail::MESSAGE_MAX;
use crate::ui::components::form::{action_error, FormAlert, TextArea};
use crate::ui::components::loaded::{id_param, loaded};
use crate::ui::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn CohortMessagePage() -> impl IntoView {
    let id = id_param("id");
    let send = ServerAction::<CohortMessage>::new();
    let cohort = Resource::new(id, |id| async move {
        let list = list_cohorts().await?;
        list.into_iter().find(|c| Some(c.id) == id).ok_or(AppError::NotFound)
    });
    loaded(cohort, move |c| {
        let l = use_locale();
        let error = action_error(send.value());
        let title = format!("{} — {}", l.pick("Message à tous les candidats", "Message to every applicant"), c.name);
        view! {
            <Title text=title.clone()/>
            <p class="fr-mt-3w">
                <a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href=Page::Screening { cohort: CohortId(c.id) }.path()>
                    {l.pick("Retour aux candidatures", "Back to the applications")}
                </a>
            </p>
            <h1>{title}</h1>
            <p>
                {l.pick(
                    "Le message est ajouté au fil de chaque candidature de la cohorte (brouillons compris, candidatures retirées exclues) et envoyé par e-mail au porteur et aux co-porteurs, dans leur langue pour le texte du service.",
                    "The message is added to the thread of every application of the cohort (drafts included, withdrawn ones left out) and emailed to the holder and co-applicants, in their language for the service's text.",
                )}
            </p>
            <FormAlert error/>
            <ActionForm action=send attr:novalidate=true>
                <input type="hidden" name="cohort_id" value=c.id.to_string()/>
                <TextArea
                    name="body"
                    label=l.pick("Message", "Message")
                    hint=format!("{MESSAGE_MAX} {}", l.pick("caractères maximum.", "characters maximum."))
                    rows=8
                    maxlength=MESSAGE_MAX
                    error
                />
                <button type="submit" class="fr-btn" disabled=move || send.pending().get()>
                    {l.pick("Envoyer à tous les candidats", "Send to every applicant")}
                </button>
            </ActionForm>
        }
    })
}
