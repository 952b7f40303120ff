//! « Conservation des données » on a cohort's staff page: the cohort's durations (editable
//! within bounds), the purges coming with the day their people were told, and the archive
//! to export before them.

use crate::api::retention::{cohort_retention, RetentionView, SetCohortRetention};
use crate::domain::done::Done;
use crate::domain::ids::CohortId;
use crate::domain::paths::{Download, Page};
use crate::domain::retention::{DRAFTS_MONTHS, MAIL_BODY_DAYS, NOT_SELECTED_MONTHS, NOTICE_DAYS};
use crate::ui::components::form::{action_error, FormAlert, SuccessAlert, TextField};
use crate::ui::components::loaded::{done_param, loaded};
use crate::ui::components::table::Table;
use crate::ui::format::long_date;
use crate::ui::use_locale;
use leptos::prelude::*;

#[component]
pub fn CohortRetention(cohort_id: i64) -> impl IntoView {
    let l = use_locale();
    let retention = Resource::new(move || cohort_id, cohort_retention);
    let ok = done_param();
    view! {
        <h2 class="fr-mt-5w" id="conservation">{l.pick("Conservation des données", "Data retention")}</h2>
        {move || (ok() == Some(Done::RetentionSaved)).then(|| view! {
            <SuccessAlert message=l.pick("Les durées de conservation sont enregistrées.", "The retention periods are saved.").to_string()/>
        })}
        {loaded(retention, move |r| view! { <Retention r/> })}
    }
}

#[component]
fn Retention(r: RetentionView) -> impl IntoView {
    let l = use_locale();
    let action = ServerAction::<SetCohortRetention>::new();
    let error = action_error(action.value());
    // The hints state the bounds of `domain::retention`.
    const _: () = assert!(DRAFTS_MONTHS.0 == 1 && DRAFTS_MONTHS.1 == 12 && NOT_SELECTED_MONTHS.0 == 6 && NOT_SELECTED_MONTHS.1 == 60);
    let drafts_hint = l.pick("Entre 1 et 12.", "Between 1 and 12.");
    let ended_hint = l.pick("Entre 6 et 60.", "Between 6 and 60.");
    let archive = Download::CohortArchive { cohort: CohortId(r.cohort_id) }.path();
    view! {
        <p>
            {format!(
                "{} {NOTICE_DAYS} {} {MAIL_BODY_DAYS} {}",
                l.pick(
                    "Une tâche quotidienne prévient les personnes concernées",
                    "A daily task tells the people concerned",
                ),
                l.pick(
                    "jours avant de supprimer leurs dossiers arrivés au terme de leur durée de conservation. Le contenu des courriels est effacé après",
                    "days before deleting their records at the end of their retention period. The content of emails is erased after",
                ),
                l.pick("jours.", "days."),
            )}
            " "
            <a href=Page::Privacy.path()>{l.pick("Politique de données personnelles", "Personal data policy")}</a>
        </p>
        <ActionForm action=action>
            <FormAlert error/>
            <input type="hidden" name="cohort_id" value=r.cohort_id.to_string()/>
            <div class="fr-grid-row fr-grid-row--gutters">
                <div class="fr-col-12 fr-col-md-6">
                    <TextField
                        name="keep_drafts_months"
                        label=l.pick("Brouillons jamais déposés : mois après la clôture de l'appel", "Drafts never submitted: months after the call closes")
                        hint=drafts_hint
                        kind="number"
                        initial=r.policy.drafts_months.to_string()
                        error
                    />
                </div>
                <div class="fr-col-12 fr-col-md-6">
                    <TextField
                        name="keep_not_selected_months"
                        label=l.pick("Candidatures non retenues : mois après la décision", "Applications not selected: months after the decision")
                        hint=ended_hint
                        kind="number"
                        initial=r.policy.not_selected_months.to_string()
                        error
                    />
                </div>
            </div>
            <button type="submit" class="fr-btn fr-btn--secondary">{l.pick("Enregistrer les durées", "Save the periods")}</button>
        </ActionForm>
        <h3 class="fr-mt-4w">{l.pick("Suppressions à venir", "Coming deletions")}</h3>
        {if r.coming.is_empty() {
            view! { <p>{l.pick("Aucune candidature de cette cohorte n'arrive au terme de sa conservation.", "No application of this cohort reaches the end of its retention.")}</p> }.into_any()
        } else {
            view! {
                <Table
                    caption=l.pick("Candidatures qui seront supprimées", "Applications that will be deleted")
                    columns=vec![l.pick("Projet", "Project"), l.pick("Statut", "Status"), l.pick("Suppression le", "Deleted on"), l.pick("Personnes prévenues", "People told")]
                >
                    {r.coming.iter().map(|c| view! {
                        <tr>
                            <td>{match c.project_name.as_deref() {
                                None => l.pick("Brouillon non déposé (visible de son seul porteur)", "Draft never submitted (seen by its holder only)").to_string(),
                                Some(name) if name.trim().is_empty() => l.pick("Projet sans titre", "Untitled project").to_string(),
                                Some(name) => name.to_string(),
                            }}</td>
                            <td>{c.status.label().get(l)}</td>
                            <td>{long_date(l, c.purge_on)}</td>
                            <td>{match c.announced {
                                Some(_) => l.pick("Oui", "Yes"),
                                None => l.pick("Pas encore", "Not yet"),
                            }}</td>
                        </tr>
                    }).collect_view()}
                </Table>
            }.into_any()
        }}
        <p>
            <a class="fr-link" href=archive rel="external" download>
                {l.pick("Exporter l'archive de la cohorte (JSON)", "Export the cohort's archive (JSON)")}
            </a>
        </p>
    }
}
