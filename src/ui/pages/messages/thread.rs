//! The thread of a candidature: `/candidatures/:id/messages` for its applicants and
//! `/agent/candidatures/:id/messages` for staff (same page, each side's links).

use crate::domain::paths::Page;
use crate::domain::ids::{CandidatureId, CohortId};

use crate::domain::done::Done;
use crate::ui::components::loaded::done_param;
use crate::api::messages::{thread_get, MessagePost, ThreadView};
use crate::domain::error::AppError;
use crate::domain::mail::MESSAGE_MAX;
use crate::ui::components::form::{action_error, FormAlert, SuccessAlert, TextArea};
use crate::ui::components::loaded::{id_param, loaded};
use crate::ui::format::date_time;
use crate::ui::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn ThreadPage() -> impl IntoView {
    let id = id_param("id");
    let post = ServerAction::<MessagePost>::new();
    let thread = Resource::new(
        move || (id(), post.version().get()),
        |(id, _)| async move {
            match id {
                Some(id) => thread_get(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    let ok = done_param();
    loaded(thread, move |t: ThreadView| {
        let l = use_locale();
        let error = action_error(post.value());
        let title = format!("{} — {}", l.pick("Messages", "Messages"), t.project_name);
        let back = if t.staff_side && t.is_draft {
            (Page::Screening { cohort: CohortId(t.cohort_id) }.path(), l.pick("Retour aux candidatures de la cohorte", "Back to the cohort's applications"))
        } else if t.staff_side {
            (Page::StaffCandidature { id: CandidatureId(t.candidature_id) }.path(), l.pick("Retour à la candidature", "Back to the application"))
        } else {
            (Page::Candidatures.path(), l.pick("Retour à mes candidatures", "Back to my applications"))
        };
        let other_side = if t.staff_side { l.pick("le porteur", "the applicant") } else { l.pick("l'équipe", "the team") };
        let staff_side = t.staff_side;
        view! {
            <Title text=title.clone()/>
            <p class="fr-mt-3w"><a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href=back.0>{back.1}</a></p>
            <h1>{title}</h1>
            <p class="fr-text--sm">{format!("{} {}", l.pick("Candidature n°", "Application no."), t.reference)}</p>
            {move || (ok() == Some(Done::MessageSent)).then(|| view! {
                <SuccessAlert message=l.pick("Votre message est envoyé. Un e-mail prévient ses destinataires.", "Your message is sent. An email tells its recipients.").to_string()/>
            })}
            {if t.messages.is_empty() {
                view! { <p>{l.pick("Aucun message pour l'instant.", "No messages yet.")}</p> }.into_any()
            } else {
                view! {
                    <ol class="app-thread" aria-label=l.pick("Fil des messages", "Message thread")>
                        {t.messages.into_iter().map(|m| {
                            let side = if m.from_staff { l.pick("Équipe de l'accélérateur", "Accelerator team") } else { l.pick("Porteur de projet", "Applicant") };
                            let mine = m.from_staff == staff_side;
                            view! {
                                <li class=if mine { "app-thread__message app-thread__message--mine" } else { "app-thread__message" }>
                                    <p class="fr-text--sm fr-mb-1w">
                                        <strong>{m.author.clone()}</strong>
                                        {format!(" ({side}) — {}", date_time(l, m.at))}
                                        {m.unread.then(|| view! { " " <span class="fr-badge fr-badge--new fr-badge--sm">{l.pick("Nouveau", "New")}</span> })}
                                        {mine.then(|| if m.read_by_other_side {
                                            view! { " " <span class="fr-badge fr-badge--success fr-badge--sm">{format!("{} {other_side}", l.pick("Lu par", "Read by"))}</span> }.into_any()
                                        } else {
                                            view! { " " <span class="fr-badge fr-badge--sm">{format!("{} {other_side}", l.pick("Pas encore lu par", "Not yet read by"))}</span> }.into_any()
                                        })}
                                    </p>
                                    <p class="app-message-text">{m.body.clone()}</p>
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                }.into_any()
            }}
            <h2 class="fr-mt-5w">{l.pick("Écrire un message", "Write a message")}</h2>
            <FormAlert error/>
            <ActionForm action=post attr:novalidate=true>
                <input type="hidden" name="candidature_id" value=t.candidature_id.to_string()/>
                <TextArea
                    name="body"
                    label=l.pick("Votre message", "Your message")
                    hint=format!("{MESSAGE_MAX} {}", l.pick("caractères maximum. Un e-mail prévient ses destinataires.", "characters maximum. An email tells its recipients."))
                    maxlength=MESSAGE_MAX
                    error
                />
                <button type="submit" class="fr-btn" disabled=move || post.pending().get()>{l.pick("Envoyer", "Send")}</button>
            </ActionForm>
        }
    })
}
