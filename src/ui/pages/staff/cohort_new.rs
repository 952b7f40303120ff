//! `/agent/cohortes/nouvelle` — staff open a cohort: the date each phase starts, the number of
//! places, the jury's size and the reviews per candidature, suggested from the latest cohort.

use crate::domain::paths::Page;

use crate::api::cohort::{cohort_suggestion, CohortOpen};
use crate::domain::cohort::{date_field, Phase, NAME_MAX};
use crate::ui::components::form::{action_error, FormAlert, TextField};
use crate::ui::components::loaded::loaded;
use crate::ui::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn CohortNewPage() -> impl IntoView {
    let suggestion = Resource::new(|| (), |_| cohort_suggestion());
    let open = ServerAction::<CohortOpen>::new();
    loaded(suggestion, move |form| {
        let l = use_locale();
        let error = action_error(open.value());
        let title = l.pick("Ouvrir une nouvelle cohorte", "Open a new cohort");
        view! {
            <Title text=title/>
            <p class="fr-mt-3w">
                <a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href=Page::Cohorts.path()>{l.pick("Retour aux cohortes", "Back to the cohorts")}</a>
            </p>
            <h1>{title}</h1>
            <p>{l.pick(
                "Une cohorte tous les 3 mois, jusqu'à 10 projets, un jury de 15 citoyens. Les dates proposées suivent ce rythme à partir de la dernière cohorte : chaque phase commence à sa date et dure jusqu'à la suivante ; le programme d'accélération dure 3 mois avant le lancement public.",
                "One cohort every 3 months, up to 10 projects, a jury of 15 citizens. The dates offered follow this rhythm from the latest cohort: each phase starts on its date and lasts until the next; the acceleration programme lasts 3 months before the public launch.",
            )}</p>
            <FormAlert error/>
            <ActionForm action=open attr:novalidate=true>
                <TextField name="name" label=l.pick("Nom de la cohorte", "Name of the cohort") maxlength=NAME_MAX initial=form.name.clone() error/>
                <fieldset class="fr-fieldset" aria-labelledby="calendrier-legend">
                    <legend class="fr-fieldset__legend" id="calendrier-legend">{l.pick("Calendrier des phases", "Calendar of the phases")}</legend>
                    {Phase::DATED.into_iter().map(|phase| {
                        let field = date_field(phase);
                        view! {
                            <div class="fr-fieldset__element">
                                <TextField
                                    name=field
                                    label=phase.label().get(l)
                                    hint=l.pick("Date de début, format : année-mois-jour", "Start date, format: year-month-day")
                                    kind="date"
                                    initial=form.value(field).to_string()
                                    error
                                />
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
                <TextField name="capacity" label=l.pick("Nombre de places (10 au plus)", "Number of places (10 at most)") kind="number" initial=form.capacity.clone() error/>
                <TextField name="jury_size" label=l.pick("Taille du jury citoyen", "Size of the citizen jury") kind="number" initial=form.jury_size.clone() error/>
                <TextField
                    name="reviews_per_candidature"
                    label=l.pick("Évaluations par candidature", "Reviews per application")
                    hint=l.pick("Nombre de jurés qui évaluent chaque candidature", "How many jurors score each application")
                    kind="number"
                    initial=form.reviews_per_candidature.clone()
                    error
                />
                <button type="submit" class="fr-btn">{l.pick("Ouvrir la cohorte", "Open the cohort")}</button>
            </ActionForm>
        }
    })
}
