//! Cohorts and the calendar of their phases (staff).

use crate::api::cohort::list_cohorts;
use crate::domain::cohort::Phase;
use crate::ui::components::error::ErrorPage;
use crate::ui::format::long_date;
use crate::ui::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn CohortsPage() -> impl IntoView {
    let l = use_locale();
    let cohorts = Resource::new(|| (), |_| list_cohorts());
    let title = l.pick("Cohortes", "Cohorts");
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match cohorts.await {
                    Err(e) => view! { <ErrorPage error=e/> }.into_any(),
                    Ok(list) => {
                        view! {
                            <Title text=title/>
                            <h1 class="fr-mt-5w">{title}</h1>
                            <p>
                                {l.pick(
                                    "Une cohorte tous les 3 mois, jusqu'à 10 projets. Chaque phase commence à la date indiquée et dure jusqu'à la suivante.",
                                    "One cohort every 3 months, up to 10 projects. Each phase starts on the date shown and lasts until the next one.",
                                )}
                            </p>
                            {list
                                .is_empty()
                                .then(|| view! { <p>{l.pick("Aucune cohorte pour le moment.", "No cohort yet.")}</p> })}
                            <div class="fr-table fr-table--layout-fixed">
                                <table>
                                    <caption>{l.pick("Cohortes et calendrier des phases", "Cohorts and calendar of phases")}</caption>
                                    <thead>
                                        <tr>
                                            <th scope="col">{l.pick("Cohorte", "Cohort")}</th>
                                            <th scope="col">{l.pick("Phase en cours", "Current phase")}</th>
                                            {Phase::DATED.into_iter().map(|p| view! { <th scope="col">{p.label().get(l)}</th> }).collect_view()}
                                            <th scope="col">{l.pick("Places", "Places")}</th>
                                            <th scope="col">{l.pick("Candidatures", "Applications")}</th>
                                            <th scope="col">{l.pick("Jury", "Jury")}</th>
                                            <th scope="col">{l.pick("Programme", "Programme")}</th>
                                            <th scope="col">{l.pick("Message", "Message")}</th>
                                        </tr>
                                    </thead>
                                    <tbody>
                                        {list
                                            .into_iter()
                                            .map(|c| {
                                                view! {
                                                    <tr>
                                                        <th scope="row">{c.name.clone()}</th>
                                                        <td>{c.phase.label().get(l)}</td>
                                                        {c.calendar.starts().into_iter().map(|(_, d)| view! { <td>{long_date(l, d)}</td> }).collect_view()}
                                                        <td>{c.capacity}</td>
                                                        <td>
                                                            <a href=format!("/agent/cohortes/{}/candidatures", c.id)>
                                                                {l.pick("Voir", "View")}
                                                                <span class="fr-sr-only">{format!(" — {}", c.name)}</span>
                                                            </a>
                                                        </td>
                                                        <td>
                                                            <a href=format!("/agent/cohortes/{}/jury", c.id)>
                                                                {l.pick("Jury", "Jury")}
                                                                <span class="fr-sr-only">{format!(" — {}", c.name)}</span>
                                                            </a>
                                                        </td>
                                                        <td>
                                                            <a href=format!("/agent/cohortes/{}/programme", c.id)>
                                                                {l.pick("Suivi", "Dashboard")}
                                                                <span class="fr-sr-only">{format!(" — {}", c.name)}</span>
                                                            </a>
                                                        </td>
                                                        <td>
                                                            <a href=format!("/agent/cohortes/{}/message", c.id)>
                                                                {l.pick("Écrire à tous", "Write to all")}
                                                                <span class="fr-sr-only">{format!(" — {}", c.name)}</span>
                                                            </a>
                                                        </td>
                                                    </tr>
                                                }
                                            })
                                            .collect_view()}
                                    </tbody>
                                </table>
                            </div>
                        }
                            .into_any()
                    }
                }
            })}
        </Suspense>
    }
}
