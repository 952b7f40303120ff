//! `/jury/cohortes/:id/engagements` — the juror charter (each commitment ticked), then the
//! declaration of conflicts of interest against the cohort's candidatures (project and
//! holder names only) with a free text.

use crate::api::jury::{jury_conflict_choices, ConflictChoices, JuryCharter, JuryDeclare};
use crate::domain::error::AppError;
use crate::domain::jury::charter::JurorCommitment;
use crate::domain::jury::COMMENT_MAX;
use crate::ui::components::form::{action_error, field_problem, group_class, kept, FormAlert, Messages};
use crate::ui::components::loaded::{id_param, loaded};
use crate::ui::format::date_time;
use crate::ui::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn CommitmentsPage() -> impl IntoView {
    let id = id_param("id");
    let charter = ServerAction::<JuryCharter>::new();
    let declare = ServerAction::<JuryDeclare>::new();
    let choices = Resource::new(move || (id(), charter.version().get()), |(id, _)| async move {
        match id {
            Some(id) => jury_conflict_choices(id).await,
            None => Err(AppError::NotFound),
        }
    });
    loaded(choices, move |c| view! { <Commitments c charter declare/> })
}

#[component]
fn Commitments(c: ConflictChoices, charter: ServerAction<JuryCharter>, declare: ServerAction<JuryDeclare>) -> impl IntoView {
    let l = use_locale();
    let title = format!("{} — {}", l.pick("Charte du juré et conflits d'intérêts", "Juror charter and conflicts of interest"), c.cohort_name);
    let charter_error = action_error(charter.value());
    let ticked = charter_error.with_untracked(|e| kept(e, "commitments"));
    view! {
        <Title text=title.clone()/>
        <h1 class="fr-mt-5w">{title}</h1>
        <h2>{l.pick("1. La charte du juré", "1. The juror charter")}</h2>
        {match c.charter_accepted_at {
            Some(t) => view! {
                <p>{format!("{} {}", l.pick("Charte acceptée le", "Charter accepted on"), date_time(l, t))}</p>
                <ul>{JurorCommitment::ALL.into_iter().map(|k| view! { <li>{k.label().get(l)}</li> }).collect_view()}</ul>
            }
            .into_any(),
            None => view! {
                <FormAlert error=charter_error/>
                <ActionForm action=charter attr:novalidate=true>
                    <input type="hidden" name="cohort_id" value=c.cohort_id.to_string()/>
                    <fieldset class="fr-fieldset" aria-labelledby="charte-legend">
                        <legend class="fr-fieldset__legend" id="charte-legend">{l.pick("Cochez chaque engagement :", "Tick each commitment:")}</legend>
                        {JurorCommitment::ALL
                            .into_iter()
                            .map(|k| {
                                let id = format!("engagement-{}", k.code());
                                let name = format!("commitment_{}", k.code());
                                let messages = format!("{id}-messages");
                                let problem = move || field_problem(charter_error, &name, l);
                                view! {
                                    <div class="fr-fieldset__element">
                                        <div class="fr-checkbox-group">
                                            <input
                                                type="checkbox"
                                                id=id.clone()
                                                name="commitments[]"
                                                value=k.code()
                                                checked=ticked.split(',').any(|t| t == k.code())
                                                aria-describedby=messages.clone()
                                            />
                                            <label class="fr-label" for=id>{k.label().get(l)}</label>
                                            <div class="fr-messages-group" id=messages aria-live="polite">
                                                {move || problem().map(|m| view! { <p class="fr-message fr-message--error">{m}</p> })}
                                            </div>
                                        </div>
                                    </div>
                                }
                            })
                            .collect_view()}
                    </fieldset>
                    <button type="submit" class="fr-btn">{l.pick("J'accepte la charte du juré", "I accept the juror charter")}</button>
                </ActionForm>
            }
            .into_any(),
        }}
        <h2 class="fr-mt-5w" id="conflits">{l.pick("2. Mes conflits d'intérêts", "2. My conflicts of interest")}</h2>
        {if c.charter_accepted_at.is_none() {
            view! { <p>{l.pick("Acceptez d'abord la charte : la liste des candidatures s'affichera ensuite.", "Accept the charter first: the list of applications will then show.")}</p> }.into_any()
        } else {
            view! { <Declaration c declare/> }.into_any()
        }}
    }
}

#[component]
fn Declaration(c: ConflictChoices, declare: ServerAction<JuryDeclare>) -> impl IntoView {
    let l = use_locale();
    let error = action_error(declare.value());
    let note_problem = move || field_problem(error, "note", l);
    let typed = error.with_untracked(|e| kept(e, "note"));
    let note = if typed.is_empty() { c.note.clone() } else { typed };
    view! {
        <p>
            {l.pick(
                "Cochez chaque projet avec lequel vous avez un lien (personnel, professionnel, financier) ou dont vous connaissez le porteur. Vous ne l'évaluerez pas et ne le verrez pas. Ne rien cocher est une réponse valable.",
                "Tick each project you have a tie with (personal, professional, financial) or whose holder you know. You will not review it nor see it. Ticking nothing is a valid answer.",
            )}
        </p>
        <FormAlert error/>
        <ActionForm action=declare attr:novalidate=true>
            <input type="hidden" name="cohort_id" value=c.cohort_id.to_string()/>
            <fieldset class="fr-fieldset">
                <legend class="fr-fieldset__legend">{l.pick("Projets de la cohorte (nom du projet — porteur)", "Projects of the cohort (project name — holder)")}</legend>
                {c.candidatures.is_empty().then(|| view! { <p class="fr-fieldset__element">{l.pick("Aucune candidature déposée pour le moment.", "No application submitted yet.")}</p> })}
                {c.candidatures
                    .iter()
                    .map(|(id, project, holder)| {
                        let input = format!("conflit-{id}");
                        view! {
                            <div class="fr-fieldset__element">
                                <div class="fr-checkbox-group">
                                    <input type="checkbox" id=input.clone() name="candidatures[]" value=id.to_string() checked=c.declared.contains(id)/>
                                    <label class="fr-label" for=input>{format!("{project} — {holder}")}</label>
                                </div>
                            </div>
                        }
                    })
                    .collect_view()}
            </fieldset>
            <div class=move || group_class(note_problem().is_some())>
                <label class="fr-label" for="conflits-note">
                    {l.pick("Autres liens à signaler (facultatif)", "Other ties to report (optional)")}
                    " "
                    <span class="fr-hint-text">{format!("{COMMENT_MAX} {}", l.pick("caractères maximum.", "characters maximum."))}</span>
                </label>
                <textarea class="fr-input" id="conflits-note" name="note" rows="3" maxlength=COMMENT_MAX aria-describedby="conflits-note-messages">{crate::ui::raw_text::textarea(note)}</textarea>
                <Messages id="conflits-note-messages" problem=note_problem/>
            </div>
            <button type="submit" class="fr-btn">{l.pick("Enregistrer ma déclaration", "Save my declaration")}</button>
        </ActionForm>
    }
}
