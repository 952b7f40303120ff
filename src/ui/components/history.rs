//! A candidature's history: each status change with its date and, when staff wrote one, the
//! reason or message. Applicants read « l'équipe du programme » rather than a staff name.

use crate::api::candidature::EventView;
use crate::ui::format::date_time;
use crate::ui::use_locale;
use leptos::prelude::*;

#[component]
pub fn CandidatureHistory(history: Vec<EventView>) -> impl IntoView {
    let l = use_locale();
    if history.is_empty() {
        return view! { <p>{l.pick("Aucun événement pour le moment.", "Nothing has happened yet.")}</p> }.into_any();
    }
    view! {
        <ol class="app-history">
            {history
                .into_iter()
                .map(|e| {
                    let who = if !e.actor_name.is_empty() {
                        e.actor_name.clone()
                    } else if e.by_applicant {
                        l.pick("le porteur", "the holder").to_string()
                    } else {
                        l.pick("l'équipe du programme", "the programme team").to_string()
                    };
                    view! {
                        <li>
                            <p class="fr-mb-1v">
                                <strong>{e.to.label().get(l)}</strong>
                                {format!(" — {} ({} {})", date_time(l, e.at), l.pick("par", "by"), who)}
                            </p>
                            {(!e.message.is_empty()).then(|| view! { <blockquote class="app-message">{e.message.clone()}</blockquote> })}
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
    .into_any()
}
