//! `/jury` — the juror's space: for each cohort, the charter and conflicts to do first,
//! then the assigned candidatures with progress (« 12 / 30 évaluées »).

use crate::domain::paths::Page;
use crate::domain::ids::CohortId;

use crate::domain::done::Done;
use crate::ui::components::loaded::done_param;
use crate::api::jury::{jury_seats, JurySeat};
use crate::domain::i18n::Locale;
use crate::domain::jury::ReviewState;
use crate::ui::components::form::SuccessAlert;
use crate::ui::components::loaded::loaded;
use crate::ui::components::table::Table;
use crate::ui::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn SeatsPage() -> impl IntoView {
    let seats = Resource::new(|| (), |_| jury_seats());
    let ok = done_param();
    loaded(seats, move |seats| {
        let l = use_locale();
        let title = l.pick("Mon espace juré", "My juror space");
        view! {
            <Title text=title/>
            <h1 class="fr-mt-5w">{title}</h1>
            {(ok() == Some(Done::ConflictsDeclared)).then(|| view! {
                <SuccessAlert message=l.pick("Déclaration de conflits d'intérêts enregistrée.", "Declaration of conflicts of interest recorded.").to_string()/>
            })}
            {seats.is_empty().then(|| view! {
                <p>{l.pick("Vous ne siégez encore dans aucun jury. Ouvrez le lien de votre invitation pour le rejoindre.", "You do not sit on any jury yet. Open your invitation link to join one.")}</p>
            })}
            {seats.into_iter().map(|s| view! { <Seat s/> }).collect_view()}
        }
    })
}

#[component]
fn Seat(s: JurySeat) -> impl IntoView {
    let l = use_locale();
    let commitments = Page::Commitments { cohort: CohortId(s.cohort_id) }.path();
    let ready = s.charter_accepted_at.is_some() && s.conflicts_declared_at.is_some();
    let all_done = !s.reviews.is_empty() && s.submitted() == s.reviews.len();
    let progress = match l {
        Locale::Fr => format!("{} / {} évaluées", s.submitted(), s.reviews.len()),
        Locale::En => format!("{} / {} reviewed", s.submitted(), s.reviews.len()),
    };
    view! {
        <section class="fr-mt-5w">
            <h2>{s.cohort_name.clone()}</h2>
            <p><span class="fr-badge fr-badge--info">{s.phase.label().get(l)}</span></p>
            {if !ready {
                view! {
                    <div class="fr-callout">
                        <p class="fr-callout__text">
                            {l.pick(
                                "Avant de lire les candidatures : signez la charte du juré et déclarez vos conflits d'intérêts.",
                                "Before reading the applications: sign the juror charter and declare your conflicts of interest.",
                            )}
                        </p>
                        <a class="fr-btn" href=commitments>{l.pick("Signer la charte et déclarer mes conflits", "Sign the charter and declare my conflicts")}</a>
                    </div>
                }
                .into_any()
            } else if s.reviews.is_empty() {
                view! {
                    <p>{l.pick("Aucune candidature ne vous est encore confiée : l'équipe du programme lancera l'affectation après l'examen de l'éligibilité.", "No application is assigned to you yet: the programme team runs the assignment after the eligibility screening.")}</p>
                    <p><a class="fr-link" href=commitments>{l.pick("Revoir ma déclaration de conflits", "Review my declaration of conflicts")}</a></p>
                }
                .into_any()
            } else {
                view! {
                    <p class="fr-text--lead">{progress}</p>
                    <Table
                        caption=l.pick("Candidatures à évaluer", "Applications to review")
                        columns=vec![l.pick("Projet", "Project"), l.pick("Référence", "Reference"), l.pick("État", "State")]
                    >
                        {s.reviews
                            .into_iter()
                            .map(|r| {
                                let badge = if r.state == ReviewState::Submitted { "fr-badge fr-badge--success" } else { "fr-badge" };
                                view! {
                                    <tr>
                                        <th scope="row"><a href=Page::Review { id: r.review_id }.path()>{r.project_name}</a></th>
                                        <td>{r.reference}</td>
                                        <td><span class=badge>{r.state.label().get(l)}</span></td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </Table>
                    {all_done.then(|| view! {
                        <p><a class="fr-link" href=Page::Deliberation { cohort: CohortId(s.cohort_id) }.path()>{l.pick("Voir le classement du jury", "See the jury's ranking")}</a></p>
                    })}
                    <p><a class="fr-link" href=commitments>{l.pick("Revoir ma déclaration de conflits", "Review my declaration of conflicts")}</a></p>
                }
                .into_any()
            }}
        </section>
    }
}
