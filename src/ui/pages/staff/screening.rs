//! Screening (staff): a cohort's candidatures with search, filters, completion times and the
//! CSV export; one candidature in full with its history and the eligibility decision.

use crate::domain::paths::{Download, Page};
use crate::domain::ids::{CandidatureId, CohortId};

use crate::domain::done::Done;
use crate::api::screening::{screening_get, screening_list, CohortScreening, ScreeningDecide, ScreeningView};
use crate::domain::candidature::{CompletionStats, Status, DURATION_BUCKETS};
use crate::domain::charter::Commitment;
use crate::domain::error::AppError;
use crate::domain::i18n::Locale;
use crate::domain::screening::{field, Decision, MESSAGE_MAX};
use crate::ui::components::breadcrumb::Breadcrumb;
use crate::ui::components::form::{action_error, ActionError, FormAlert, SuccessAlert};
use crate::ui::components::history::CandidatureHistory;
use crate::ui::components::attachment::AttachmentLink;
use crate::ui::components::recap::CandidatureRecap;
use crate::ui::format::{date_time, minutes};
use crate::ui::components::table::Table;
use super::retention::CohortRetention;
use crate::ui::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;
use crate::ui::components::loaded::{id_param, loaded};
use leptos_router::hooks::use_query_map;

/// `/agent/cohortes/:id/candidatures?statut=…&q=…`
#[component]
pub fn CohortCandidaturesPage() -> impl IntoView {
    let id = id_param("id");
    let query = use_query_map();
    let filters = move || query.with(|q| (q.get("statut").unwrap_or_default(), q.get("q").unwrap_or_default()));
    let list = Resource::new(move || (id(), filters()), |(id, (status, q))| async move {
        match id {
            Some(id) => screening_list(id, status, q).await,
            None => Err(AppError::NotFound),
        }
    });
    loaded(list, move |data| {
        let (status, q) = filters();
        view! { <CohortCandidatures data status q/> }
    })
}

/// After a message to the whole cohort: how many candidatures it reached.
#[component]
fn MessageSent() -> impl IntoView {
    let l = use_locale();
    let ok = crate::ui::components::loaded::done_param();
    let n = crate::ui::components::loaded::query_param("n");
    move || {
        (ok() == Some(Done::CohortMessageSent)).then(|| {
            let message = format!(
                "{} {} {}",
                l.pick("Message envoyé dans le fil de", "Message sent to the thread of"),
                n(),
                l.pick("candidature(s), et par e-mail à leurs porteurs.", "application(s), and by email to their applicants."),
            );
            view! { <SuccessAlert message/> }
        })
    }
}

#[component]
fn CohortCandidatures(data: CohortScreening, status: String, q: String) -> impl IntoView {
    let l = use_locale();
    let title = format!("{} — {}", l.pick("Candidatures", "Applications"), data.cohort_name);
    let csv = Download::ScreeningCsv { cohort: CohortId(data.cohort_id) }.path();
    let filtered = !status.is_empty() || !q.trim().is_empty();
    let count = data.rows.len();
    view! {
        <Title text=title.clone()/>
        <Breadcrumb trail=vec![(Page::Cohorts.path(), l.pick("Cohortes", "Cohorts").to_string())] here=data.cohort_name.clone()/>
        <h1>{title}</h1>
        <MessageSent/>
        <p>
            <a class="fr-link" href=Page::CohortMessage { cohort: CohortId(data.cohort_id) }.path()>
                {l.pick("Écrire à tous les candidats de la cohorte", "Write to every applicant of the cohort")}
            </a>
        </p>
        <StatusCounts counts=data.counts.clone()/>
        <Completion stats=data.completion.clone()/>
        <h2 class="fr-mt-5w">{l.pick("Liste des candidatures", "List of applications")}</h2>
        <form method="get" class="app-filters fr-mb-3w" role="search">
            <div class="fr-select-group">
                <label class="fr-label" for="filtre-statut">{l.pick("Statut", "Status")}</label>
                <select class="fr-select" id="filtre-statut" name="statut">
                    <option value="" selected=status.is_empty()>{l.pick("Tous (hors brouillons)", "All (drafts excluded)")}</option>
                    {Status::ALL
                        .into_iter()
                        .filter(|s| *s != Status::Draft)
                        .map(|s| view! { <option value=s.code() selected=status == s.code()>{s.label().get(l)}</option> })
                        .collect_view()}
                </select>
            </div>
            <div class="fr-input-group">
                <label class="fr-label" for="filtre-q">
                    {l.pick("Rechercher", "Search")}
                    " "
                    <span class="fr-hint-text">{l.pick("Nom du projet, nom ou adresse du porteur.", "Project name, holder's name or address.")}</span>
                </label>
                <input class="fr-input" id="filtre-q" name="q" type="search" value=q.clone()/>
            </div>
            <button type="submit" class="fr-btn fr-btn--secondary">{l.pick("Filtrer", "Filter")}</button>
        </form>
        <p role="status">
            {match (count, l) {
                (0, Locale::Fr) => "Aucune candidature ne correspond.".to_string(),
                (0, Locale::En) => "No application matches.".to_string(),
                (1, Locale::Fr) => "1 candidature.".to_string(),
                (1, Locale::En) => "1 application.".to_string(),
                (n, Locale::Fr) => format!("{n} candidatures."),
                (n, Locale::En) => format!("{n} applications."),
            }}
            {filtered.then(|| view! { " " <a class="fr-link" href="?">{l.pick("Effacer les filtres", "Clear the filters")}</a> })}
        </p>
        <Table
            caption=l.pick("Candidatures de la cohorte", "Applications of the cohort")
            columns=vec![l.pick("Référence", "Reference"), l.pick("Projet", "Project"), l.pick("Porteur", "Holder"), l.pick("Structure", "Carrier"), l.pick("Statut", "Status"), l.pick("Déposée le", "Submitted on"), l.pick("Temps de saisie", "Editing time")]
        >
            {data
                .rows
                .into_iter()
                .map(|r| {
                    let name = if r.project_name.is_empty() { l.pick("(sans nom)", "(no name)").to_string() } else { r.project_name.clone() };
                    view! {
                        <tr>
                            <td>{r.reference.clone()}</td>
                            <th scope="row"><a href=Page::StaffCandidature { id: CandidatureId(r.id) }.path()>{name}</a></th>
                            <td>{r.holder_name.clone()}</td>
                            <td>{r.carrier_kind.map(|k| k.label().get(l).to_string()).unwrap_or_default()}</td>
                            <td>{r.status.label().get(l)}</td>
                            <td>{r.submitted_at.map(|t| date_time(l, t)).unwrap_or_default()}</td>
                            <td>{minutes(r.active_seconds)}</td>
                        </tr>
                    }
                })
                .collect_view()}
        </Table>
        <p>
            <a class="fr-link" href=csv rel="external" download>
                {l.pick("Exporter les candidatures (CSV, UTF-8)", "Export the applications (CSV, UTF-8)")}
            </a>
        </p>
        <CohortRetention cohort_id=data.cohort_id/>
    }
}

/// How many candidatures are in each status (statuses with none are left out).
#[component]
fn StatusCounts(counts: Vec<(Status, i64)>) -> impl IntoView {
    let l = use_locale();
    let shown: Vec<(Status, i64)> = counts.into_iter().filter(|(_, n)| *n > 0).collect();
    if shown.is_empty() {
        return view! { <p>{l.pick("Aucune candidature pour le moment.", "No application yet.")}</p> }.into_any();
    }
    view! {
        <ul class="fr-tags-group">
            {shown
                .into_iter()
                .map(|(s, n)| view! { <li><p class="fr-tag">{format!("{} : {n}", s.label().get(l))}</p></li> })
                .collect_view()}
        </ul>
    }
    .into_any()
}

/// Completion time of the submitted candidatures: medians and distribution (« en moins de
/// 30 minutes »).
#[component]
fn Completion(stats: CompletionStats) -> impl IntoView {
    let l = use_locale();
    let median = |m: Option<f64>| m.map(|m| minutes((m * 60.0).round() as i64)).unwrap_or_else(|| "—".to_string());
    let most = stats.buckets.iter().copied().max().unwrap_or(0).max(1);
    view! {
        <h2 class="fr-mt-5w">{l.pick("Temps de candidature", "Time to apply")}</h2>
        <p>
            {format!(
                "{} {} · {} {} · {} {}",
                l.pick("Candidatures déposées :", "Submitted applications:"),
                stats.submitted,
                l.pick("temps de saisie médian :", "median editing time:"),
                median(stats.median_active_minutes),
                l.pick("délai médian entre le début et le dépôt :", "median time from start to submission:"),
                median(stats.median_elapsed_minutes),
            )}
        </p>
        <Table
            caption=l.pick("Répartition du temps de saisie", "Distribution of editing time")
            columns=vec![l.pick("Temps de saisie", "Editing time"), l.pick("Candidatures", "Applications")]
            hide_caption=true
        >
            {DURATION_BUCKETS
                .into_iter()
                .zip(stats.buckets)
                .map(|(label, n)| {
                    // A class per width (0 to 12 rem): the Content-Security-Policy allows no inline style.
                    let width = format!("app-bar app-bar--{}", (n * 12 / most).max(usize::from(n > 0)).min(12));
                    view! {
                        <tr>
                            <th scope="row">{label.get(l)}</th>
                            <td><span class=width aria-hidden="true"></span>{n}</td>
                        </tr>
                    }
                })
                .collect_view()}
        </Table>
    }
}

/// `/agent/candidatures/:id`
#[component]
pub fn ScreeningPage() -> impl IntoView {
    let id = id_param("id");
    let decide = ServerAction::<ScreeningDecide>::new();
    let error = action_error(decide.value());
    let candidature = Resource::new(move || (id(), decide.version().get()), |(id, _)| async move {
        match id {
            Some(id) => screening_get(id).await,
            None => Err(AppError::NotFound),
        }
    });
    loaded(candidature, move |c| view! { <Screening c decide error/> })
}

#[component]
fn Screening(c: ScreeningView, decide: ServerAction<ScreeningDecide>, error: ActionError) -> impl IntoView {
    let l = use_locale();
    let ok = crate::ui::components::loaded::done_param();
    let decided = move || ok() == Some(Done::ScreeningDecided);
    let name = if c.form.project_name.is_empty() { l.pick("(sans nom)", "(no name)").to_string() } else { c.form.project_name.clone() };
    let title = format!("{name} — {}", c.reference);
    let back = Page::Screening { cohort: CohortId(c.cohort_id) }.path();
    view! {
        <Title text=title.clone()/>
        <Breadcrumb trail=vec![(Page::Cohorts.path(), l.pick("Cohortes", "Cohorts").to_string()), (back, c.cohort_name.clone())] here=c.reference.clone()/>
        <h1>{title}</h1>
        {move || decided().then(|| view! { <SuccessAlert message=l.pick("Décision enregistrée.", "Decision recorded.").to_string()/> })}
        <p><span class="fr-badge fr-badge--info">{c.status.label().get(l)}</span></p>
        <p>
            <a class="fr-link" href=Page::StaffMessages { id: CandidatureId(c.id) }.path()>
                {l.pick("Messages avec le porteur", "Messages with the applicant")}
            </a>
        </p>
        <dl class="app-facts">
            <dt>{l.pick("Porteur", "Holder")}</dt>
            <dd>{format!("{} <{}>", c.holder_name, c.holder_email)}</dd>
            <dt>{l.pick("Commencée le", "Started on")}</dt>
            <dd>{date_time(l, c.started_at)}</dd>
            <dt>{l.pick("Déposée le", "Submitted on")}</dt>
            <dd>{c.submitted_at.map(|t| date_time(l, t)).unwrap_or_default()}</dd>
            <dt>{l.pick("Temps de saisie", "Editing time")}</dt>
            <dd>{minutes(c.active_seconds)}</dd>
            <dt>{l.pick("Engagements de la charte", "Charter commitments")}</dt>
            <dd>
                <ul>
                    {Commitment::ALL
                        .into_iter()
                        .map(|k| {
                            let at = c.accepted.iter().find(|(a, _)| *a == k).map(|(_, t)| *t);
                            let state = match at {
                                Some(t) => format!("{} {}", l.pick("accepté le", "accepted on"), date_time(l, t)),
                                None => l.pick("non accepté", "not accepted").to_string(),
                            };
                            view! { <li>{format!("{} — {state}", k.label().get(l))}</li> }
                        })
                        .collect_view()}
                </ul>
            </dd>
        </dl>
        {c.can_decide.then(|| view! { <DecisionForm id=c.id version=c.version decide error/> })}
        <h2 class="fr-mt-5w">{l.pick("Historique", "History")}</h2>
        <CandidatureHistory history=c.history.clone()/>
        <h2 class="fr-mt-5w">{l.pick("Contenu de la candidature", "Content of the application")}</h2>
        <CandidatureRecap form=c.form.clone()/>
        <h3 class="fr-mt-3w">{l.pick("Document de présentation", "Presentation document")}</h3>
        <AttachmentLink id=c.id attachment=c.attachment.clone()/>
    }
}

#[component]
fn DecisionForm(id: i64, version: i64, decide: ServerAction<ScreeningDecide>, error: ActionError) -> impl IntoView {
    let l = use_locale();
    let problem = move |name: &'static str| {
        error.with(|e| e.as_ref().and_then(|e| e.form_errors()).and_then(|f| f.for_field(name)).map(|p| p.message(l)))
    };
    let kept = error.with_untracked(|e| {
        e.as_ref().and_then(|e| e.form_errors()).and_then(|f| f.kept_value(field::MESSAGE)).unwrap_or_default().to_string()
    });
    let message_class = move || if problem(field::MESSAGE).is_some() { "fr-input-group fr-input-group--error" } else { "fr-input-group" };
    let decision_class = move || if problem(field::DECISION).is_some() { "fr-fieldset fr-fieldset--error" } else { "fr-fieldset" };
    view! {
        <h2 class="fr-mt-5w">{l.pick("Décision d'éligibilité", "Eligibility decision")}</h2>
        <FormAlert error/>
        <ActionForm action=decide attr:novalidate=true>
            <input type="hidden" name="id" value=id.to_string()/>
            <input type="hidden" name="version" value=version.to_string()/>
            <fieldset class=decision_class aria-labelledby="decision-legend decision-messages" role="group">
                <legend class="fr-fieldset__legend" id="decision-legend">{l.pick("Cette candidature est :", "This application is:")}</legend>
                {Decision::ALL
                    .into_iter()
                    .map(|d| {
                        let rid = format!("decision-{}", d.code());
                        view! {
                            <div class="fr-fieldset__element">
                                <div class="fr-radio-group">
                                    <input type="radio" id=rid.clone() name=field::DECISION value=d.code()/>
                                    <label class="fr-label" for=rid>{d.label().get(l)}</label>
                                </div>
                            </div>
                        }
                    })
                    .collect_view()}
                <div class="fr-messages-group" id="decision-messages" aria-live="polite">
                    {move || problem(field::DECISION).map(|m| view! { <p class="fr-message fr-message--error">{m}</p> })}
                </div>
            </fieldset>
            <div class=message_class>
                <label class="fr-label" for="decision-message">
                    {l.pick("Motif ou message au candidat", "Reason or message to the applicant")}
                    " "
                    <span class="fr-hint-text">
                        {format!(
                            "{} {MESSAGE_MAX} {}",
                            l.pick("Obligatoire pour une non-éligibilité ou une demande de correction. Le candidat le lira.", "Required for ineligibility or a correction request. The applicant will read it."),
                            l.pick("caractères maximum.", "characters maximum."),
                        )}
                    </span>
                </label>
                <textarea
                    class="fr-input"
                    id="decision-message"
                    name=field::MESSAGE
                    rows="5"
                    maxlength=MESSAGE_MAX
                    aria-describedby="decision-message-messages"
                    aria-invalid=move || problem(field::MESSAGE).map(|_| "true")
                >
                    {crate::ui::raw_text::textarea(kept)}
                </textarea>
                <div class="fr-messages-group" id="decision-message-messages" aria-live="polite">
                    {move || problem(field::MESSAGE).map(|m| view! { <p class="fr-message fr-message--error">{m}</p> })}
                </div>
            </div>
            <button type="submit" class="fr-btn">{l.pick("Enregistrer la décision", "Record the decision")}</button>
        </ActionForm>
    }
}
