//! Cohorts and the calendar of their phases (staff).

use crate::domain::paths::Page;
use crate::domain::ids::CohortId;

use crate::domain::done::Done;
use crate::ui::components::loaded::{done_param, loaded};
use crate::api::cohort::{list_cohorts, CohortClose};
use crate::domain::cohort::Phase;
use crate::ui::components::form::{action_error, FormAlert, SuccessAlert};
use crate::ui::components::table::Table;
use crate::ui::format::long_date;
use crate::ui::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn CohortsPage() -> impl IntoView {
    let l = use_locale();
    let close = ServerAction::<CohortClose>::new();
    let cohorts = Resource::new(move || close.version().get(), |_| list_cohorts());
    let title = l.pick("Cohortes", "Cohorts");
    let ok = done_param();
    let notice = move || match ok() {
        Some(Done::CohortOpened) => Some(l.pick("Cohorte ouverte : elle figure dans le calendrier ci-dessous.", "Cohort opened: it is in the calendar below.")),
        Some(Done::CohortClosed) => Some(l.pick("Cohorte clôturée : ses données restent consultables.", "Cohort closed: its records can still be read.")),
        _ => None,
    };
    let error = action_error(close.value());
    loaded(cohorts, move |list| {
        let columns: Vec<&str> = [l.pick("Cohorte", "Cohort"), l.pick("Phase en cours", "Current phase")]
            .into_iter()
            .chain(Phase::DATED.into_iter().map(|p| p.label().get(l)))
            .chain([
                l.pick("Places", "Places"),
                l.pick("Candidatures", "Applications"),
                l.pick("Jury", "Jury"),
                l.pick("Programme", "Programme"),
                l.pick("Message", "Message"),
                l.pick("Clôture", "Closing"),
            ])
            .collect();
        view! {
            <Title text=title/>
            <h1 class="fr-mt-5w">{title}</h1>
            {move || notice().map(|m| view! { <SuccessAlert message=m.to_string()/> })}
            <FormAlert error/>
            <ul class="fr-btns-group fr-btns-group--inline-md">
                <li><a class="fr-btn" href=Page::NewCohort.path()>{l.pick("Ouvrir une nouvelle cohorte", "Open a new cohort")}</a></li>
                <li><a class="fr-btn fr-btn--secondary" href=Page::Comparison.path()>{l.pick("Comparer les programmes des cohortes", "Compare the cohorts' programmes")}</a></li>
            </ul>
            <p>
                {l.pick(
                    "Une cohorte tous les 3 mois, jusqu'à 10 projets. Chaque phase commence à la date indiquée et dure jusqu'à la suivante.",
                    "One cohort every 3 months, up to 10 projects. Each phase starts on the date shown and lasts until the next one.",
                )}
            </p>
            {list
                .is_empty()
                .then(|| view! { <p>{l.pick("Aucune cohorte pour le moment.", "No cohort yet.")}</p> })}
            <Table
                caption=l.pick("Cohortes et calendrier des phases", "Cohorts and calendar of phases")
                columns
                class="fr-table--layout-fixed"
            >
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
                                    <a href=Page::Screening { cohort: CohortId(c.id) }.path()>
                                        {l.pick("Voir", "View")}
                                        <span class="fr-sr-only">{format!(" — {}", c.name)}</span>
                                    </a>
                                </td>
                                <td>
                                    <a href=Page::StaffJury { cohort: CohortId(c.id) }.path()>
                                        {l.pick("Jury", "Jury")}
                                        <span class="fr-sr-only">{format!(" — {}", c.name)}</span>
                                    </a>
                                </td>
                                <td>
                                    <a href=Page::Dashboard { cohort: CohortId(c.id) }.path()>
                                        {l.pick("Suivi", "Dashboard")}
                                        <span class="fr-sr-only">{format!(" — {}", c.name)}</span>
                                    </a>
                                </td>
                                <td>
                                    <a href=Page::CohortMessage { cohort: CohortId(c.id) }.path()>
                                        {l.pick("Écrire à tous", "Write to all")}
                                        <span class="fr-sr-only">{format!(" — {}", c.name)}</span>
                                    </a>
                                </td>
                                <td>
                                    {if c.closed {
                                        view! { <span class="fr-badge fr-badge--sm">{l.pick("Clôturée", "Closed")}</span> }.into_any()
                                    } else if c.closable {
                                        view! {
                                            <ActionForm action=close>
                                                <input type="hidden" name="cohort_id" value=c.id.to_string()/>
                                                <button type="submit" class="fr-btn fr-btn--sm fr-btn--tertiary">
                                                    {l.pick("Clôturer", "Close")}
                                                    <span class="fr-sr-only">{format!(" — {}", c.name)}</span>
                                                </button>
                                            </ActionForm>
                                        }.into_any()
                                    } else {
                                        view! { <span>{format!("{} {}", l.pick("possible à partir du", "possible from"), long_date(l, c.calendar.launch_on))}</span> }.into_any()
                                    }}
                                </td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </Table>
        }
    })
}
