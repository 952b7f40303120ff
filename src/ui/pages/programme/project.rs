//! `/projets/:id` — a selected project's programme, for its team and for staff: the charter
//! (signed by the holder: it opens the programme), the supports and their handling, the
//! fortnightly check-ins, the milestones, and the public launch.

use crate::domain::paths::Page;
use crate::domain::ids::{CandidatureId, CohortId};

use crate::domain::done::Done;
use crate::ui::components::loaded::done_param;
use crate::api::publication::PublicationSet;
use crate::api::programme::{
    programme_get, CheckinPost, EvidenceSave, MilestoneAdd, MilestoneDone, ProgrammeLaunch, ProgrammeSign, ProgrammeView, SupportRequest, SupportUpdate,
    SupportView,
};
use crate::domain::candidature::Status;
use crate::domain::charter::Commitment;
use crate::domain::error::AppError;
use crate::domain::i18n::Locale;
use crate::domain::programme::{SupportState, MILESTONE_TITLE_MAX, OWNER_MAX, TEXT_MAX};
use crate::domain::publication::PublicField;
use crate::ui::components::form::{action_error, field_problem, group_class, kept, select_group_class, ActionError, FormAlert, SuccessAlert, TextArea, TextField};
use crate::ui::components::loaded::{id_param, loaded};
use crate::ui::format::{date_time, long_date};
use crate::ui::components::table::Table;
use crate::ui::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;

#[derive(Clone, Copy)]
struct Actions {
    sign: ServerAction<ProgrammeSign>,
    request: ServerAction<SupportRequest>,
    update: ServerAction<SupportUpdate>,
    check_in: ServerAction<CheckinPost>,
    milestone: ServerAction<MilestoneAdd>,
    done: ServerAction<MilestoneDone>,
    launch: ServerAction<ProgrammeLaunch>,
    publish: ServerAction<PublicationSet>,
    evidence: ServerAction<EvidenceSave>,
}

#[component]
pub fn ProjectPage() -> impl IntoView {
    let id = id_param("id");
    let a = Actions {
        sign: ServerAction::new(),
        request: ServerAction::new(),
        update: ServerAction::new(),
        check_in: ServerAction::new(),
        milestone: ServerAction::new(),
        done: ServerAction::new(),
        launch: ServerAction::new(),
        publish: ServerAction::new(),
        evidence: ServerAction::new(),
    };
    let project = Resource::new(
        move || {
            (
                id(),
                a.sign.version().get(),
                a.request.version().get(),
                a.update.version().get(),
                a.check_in.version().get(),
                a.milestone.version().get(),
                a.done.version().get(),
                a.launch.version().get(),
                a.publish.version().get(),
                a.evidence.version().get(),
            )
        },
        |(id, ..)| async move {
            match id {
                Some(id) => programme_get(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    let ok = done_param();
    loaded(project, move |p: ProgrammeView| {
        let l = use_locale();
        let title = format!("{} — {}", l.pick("Programme d'accélération", "Acceleration programme"), p.project_name);
        let notice = move || match ok() {
            Some(Done::CharterSigned) => Some(l.pick("Charte signée : votre programme d'accélération commence.", "Charter signed: your acceleration programme starts.")),
            Some(Done::SupportRequested) => Some(l.pick("Demande d'accompagnement enregistrée.", "Support request recorded.")),
            Some(Done::SupportUpdated) => Some(l.pick("Accompagnement mis à jour.", "Support updated.")),
            Some(Done::CheckInPosted) => Some(l.pick("Point d'étape publié.", "Check-in posted.")),
            Some(Done::MilestonesUpdated) => Some(l.pick("Jalons mis à jour.", "Milestones updated.")),
            Some(Done::LaunchRecorded) => Some(l.pick("Lancement public enregistré.", "Public launch recorded.")),
            Some(Done::PublicationSaved) => Some(l.pick("Choix de publication enregistrés.", "Publication choices saved.")),
            Some(Done::EvidenceSaved) => Some(l.pick("Preuves enregistrées : les adresses seront vérifiées dans la minute.", "Evidence saved: the addresses will be checked within a minute.")),
            _ => None,
        };
        let back = if p.staff {
            (Page::Dashboard { cohort: CohortId(p.cohort_id) }.path(), l.pick("Retour au suivi de la cohorte", "Back to the cohort's dashboard"))
        } else {
            (Page::Candidatures.path(), l.pick("Retour à mes candidatures", "Back to my applications"))
        };
        let open = !p.cohort_closed;
        let team_can_act = open && !p.staff && p.status == Status::InProgramme;
        view! {
            <Title text=title.clone()/>
            <p class="fr-mt-3w"><a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href=back.0>{back.1}</a></p>
            <h1>{title}</h1>
            {move || notice().map(|m| view! { <SuccessAlert message=m.to_string()/> })}
            <p><span class="fr-badge fr-badge--info">{p.status.label().get(l)}</span></p>
            {p.cohort_closed.then(|| view! {
                <div class="fr-alert fr-alert--info fr-alert--sm fr-mb-3w">
                    <p>{l.pick(
                        "Cette cohorte est clôturée : le suivi reste consultable mais ne peut plus être modifié.",
                        "This cohort is closed: its records can still be read but no longer changed.",
                    )}</p>
                </div>
            })}
            <dl class="app-facts">
                <dt>{l.pick("Cohorte", "Cohort")}</dt>
                <dd>{format!("{} — {} {}", p.cohort_name, l.pick("candidature n°", "application no."), p.reference)}</dd>
                <dt>{l.pick("Début du programme", "Programme starts")}</dt>
                <dd>{long_date(l, p.dates.starts)}</dd>
                <dt>{l.pick("Fin du programme (3 mois)", "Programme ends (3 months)")}</dt>
                <dd>{long_date(l, p.dates.ends)}</dd>
                <dt>{l.pick("Lancement public", "Public launch")}</dt>
                <dd>{match p.launched_on {
                    Some(d) => format!("{} {}", l.pick("lancé le", "launched on"), long_date(l, d)),
                    None => format!("{} {}", l.pick("prévu le", "planned on"), long_date(l, p.dates.launch)),
                }}</dd>
            </dl>
            <Charter p=p.clone() a/>
            <Supports p=p.clone() a team_can_act/>
            <CheckIns p=p.clone() a team_can_act/>
            <Milestones p=p.clone() a team_can_act/>
            {(open && p.staff && p.status == Status::InProgramme).then(|| view! { <Launch id=p.candidature_id a/> })}
            <EvidenceSection p=p.clone() a/>
            <Publication p=p.clone() a/>
        }
    })
}

#[component]
fn Charter(p: ProgrammeView, a: Actions) -> impl IntoView {
    let l = use_locale();
    let error = action_error(a.sign.value());
    let signed = !p.signatures.is_empty();
    view! {
        <h2 class="fr-mt-5w">{l.pick("La charte d'engagements", "The charter of commitments")}</h2>
        {if signed {
            view! {
                <ul>
                    {p.signatures.into_iter().map(|(c, name, at)| view! {
                        <li>{format!("{} — {} {name}, {}", c.label().get(l), l.pick("signé par", "signed by"), date_time(l, at))}</li>
                    }).collect_view()}
                </ul>
            }.into_any()
        } else if p.holder && p.status == Status::Selected && !p.cohort_closed {
            let ticked = move |c: Commitment| error.with(|e| kept(e, "commitments")).split(',').any(|k| k == c.code());
            view! {
                <p>{l.pick(
                    "Votre projet est sélectionné. Pour commencer le programme d'accélération, signez chacun des 4 engagements de la charte : votre nom et la date seront affichés sur cette page.",
                    "Your project is selected. To start the acceleration programme, sign each of the 4 commitments of the charter: your name and the date will be shown on this page.",
                )}</p>
                <FormAlert error/>
                <ActionForm action=a.sign attr:novalidate=true>
                    <input type="hidden" name="candidature_id" value=p.candidature_id.to_string()/>
                    <fieldset class="fr-fieldset" aria-labelledby="charte-legend">
                        <legend class="fr-fieldset__legend" id="charte-legend">{l.pick("Les 4 engagements", "The 4 commitments")}</legend>
                        {Commitment::ALL.into_iter().map(|c| {
                            let id = format!("engagement-{}", c.code());
                            let messages = format!("{id}-messages");
                            let problem = move || field_problem(error, &format!("commitment_{}", c.code()), l);
                            view! {
                                <div class="fr-fieldset__element">
                                    <div class=move || if problem().is_some() { "fr-checkbox-group fr-checkbox-group--error" } else { "fr-checkbox-group" }>
                                        <input type="checkbox" id=id.clone() name="commitments[]" value=c.code() checked=move || ticked(c) aria-describedby=messages.clone()/>
                                        <label class="fr-label" for=id>{format!("{} {}", l.pick("Je m'engage :", "I commit to:"), c.label().get(l))}</label>
                                        <div class="fr-messages-group" id=messages aria-live="polite">
                                            {move || problem().map(|m| view! { <p class="fr-message fr-message--error">{m}</p> })}
                                        </div>
                                    </div>
                                </div>
                            }
                        }).collect_view()}
                    </fieldset>
                    <button type="submit" class="fr-btn">{l.pick("Signer la charte et commencer le programme", "Sign the charter and start the programme")}</button>
                </ActionForm>
            }.into_any()
        } else {
            view! { <p>{l.pick("En attente de la signature du porteur du projet.", "Waiting for the project holder's signature.")}</p> }.into_any()
        }}
    }
}

fn state_badge(s: &SupportView, l: Locale) -> impl IntoView {
    let class = match s.state {
        SupportState::Delivered => "fr-badge fr-badge--success fr-badge--sm",
        SupportState::Declined => "fr-badge fr-badge--sm",
        _ => "fr-badge fr-badge--info fr-badge--sm",
    };
    view! {
        <span class=class>{s.state.label().get(l)}</span>
        {s.overdue.then(|| view! { " " <span class="fr-badge fr-badge--error fr-badge--sm">{l.pick("en retard", "overdue")}</span> })}
    }
}

#[component]
fn Supports(p: ProgrammeView, a: Actions, team_can_act: bool) -> impl IntoView {
    let l = use_locale();
    let request_error = action_error(a.request.value());
    let update_error = action_error(a.update.value());
    let staff = p.staff && !p.cohort_closed;
    view! {
        <h2 class="fr-mt-5w">{l.pick("Accompagnements de l'État", "The State's support")}</h2>
        {if p.supports.is_empty() {
            view! { <p>{l.pick("Aucun accompagnement demandé pour l'instant.", "No support requested yet.")}</p> }.into_any()
        } else {
            let rows = p.supports.iter().map(|s| view! {
                <tr>
                    <th scope="row">{s.kind.label().get(l)}</th>
                    <td class="app-message-text">{s.need.clone()}</td>
                    <td>{state_badge(s, l)}</td>
                    <td>{s.owner.clone()}</td>
                    <td>{s.due_on.map(|d| long_date(l, d)).unwrap_or_default()}</td>
                    <td class="app-message-text">{if s.decline_reason.is_empty() { s.notes.clone() } else { format!("{} {}", l.pick("Motif :", "Reason:"), s.decline_reason) }}</td>
                </tr>
            }).collect_view();
            view! {
                <Table
                    caption=l.pick("Accompagnements demandés", "Support requested")
                    columns=vec![l.pick("Accompagnement", "Support"), l.pick("Besoin", "Need"), l.pick("État", "State"), l.pick("Responsable", "Owner"), l.pick("Échéance", "Due"), l.pick("Notes", "Notes")]
                >
                    {rows}
                </Table>
            }.into_any()
        }}
        {staff.then(|| view! {
            <FormAlert error=update_error/>
            {p.supports.iter().filter(|s| !s.state.is_final()).map(|s| view! { <SupportForm s=s.clone() a error=update_error/> }).collect_view()}
        })}
        {(team_can_act && !p.requestable.is_empty()).then(|| {
            let problem = move |name: &str| field_problem(request_error, name, l);
            view! {
                <h3 class="fr-mt-3w">{l.pick("Demander un accompagnement", "Request support")}</h3>
                <FormAlert error=request_error/>
                <ActionForm action=a.request attr:novalidate=true>
                    <input type="hidden" name="candidature_id" value=p.candidature_id.to_string()/>
                    <div class=move || select_group_class(problem("kind").is_some())>
                        <label class="fr-label" for="demande-type">{l.pick("Accompagnement", "Support")}</label>
                        <select class="fr-select" id="demande-type" name="kind" aria-describedby="demande-type-messages">
                            {p.requestable.iter().map(|k| view! { <option value=k.code()>{k.label().get(l)}</option> }).collect_view()}
                        </select>
                        <div class="fr-messages-group" id="demande-type-messages" aria-live="polite">
                            {move || problem("kind").map(|m| view! { <p class="fr-message fr-message--error">{m}</p> })}
                        </div>
                    </div>
                    <TextArea
                        name="need"
                        label=l.pick("Ce dont vous avez besoin", "What you need")
                        hint=format!("{TEXT_MAX} {}", l.pick("caractères maximum.", "characters maximum."))
                        rows=3
                        maxlength=TEXT_MAX
                        error=request_error
                    />
                    <button type="submit" class="fr-btn">{l.pick("Envoyer la demande", "Send the request")}</button>
                </ActionForm>
            }
        })}
    }
}

/// Staff's form for one support request (ids suffixed by the request's id).
#[component]
fn SupportForm(s: SupportView, a: Actions, error: ActionError) -> impl IntoView {
    let l = use_locale();
    let id = s.id;
    // The last refused update is shown in this request's form only.
    let mine = move || error.with(|e| kept(e, "support")) == id.to_string();
    let problem = move |name: &'static str| if mine() { field_problem(error, name, l) } else { None };
    let value = move |name: &'static str, current: String| if mine() { error.with(|e| kept(e, name)) } else { current };
    let next: Vec<SupportState> = SupportState::ALL.into_iter().filter(|n| *n == s.state || s.state.can_move_to(*n)).collect();
    let f = move |name: &str| format!("support-{id}-{name}");
    let label = s.kind.label().get(l);
    let (owner, due, notes) = (s.owner.clone(), s.due_on.map(|d| d.to_string()).unwrap_or_default(), s.notes.clone());
    let input_group = move |name: &'static str| group_class(problem(name).is_some());
    let messages = move |name: &'static str| {
        view! {
            <div class="fr-messages-group" id=f(&format!("{name}-messages")) aria-live="polite">
                {move || problem(name).map(|m| view! { <p class="fr-message fr-message--error">{m}</p> })}
            </div>
        }
    };
    view! {
        <section class="fr-mt-3w" aria-labelledby=f("titre")>
            <h3 id=f("titre")>{format!("{} {label}", l.pick("Traiter :", "Handle:"))}</h3>
            <ActionForm action=a.update attr:novalidate=true>
                <input type="hidden" name="id" value=id.to_string()/>
                <input type="hidden" name="from" value=s.state.code()/>
                <div class=move || select_group_class(problem("state").is_some())>
                    <label class="fr-label" for=f("state")>{format!("{} — {label}", l.pick("État", "State"))}</label>
                    <select class="fr-select" id=f("state") name="state" aria-describedby=f("state-messages")>
                        {next.into_iter().map(|n| view! { <option value=n.code() selected=n == s.state>{n.label().get(l)}</option> }).collect_view()}
                    </select>
                    {messages("state")}
                </div>
                <div class=move || input_group("owner")>
                    <label class="fr-label" for=f("owner")>
                        {format!("{} — {label}", l.pick("Responsable", "Owner"))}
                        " " <span class="fr-hint-text">{l.pick("Agent ou contact nommé dans l'administration.", "Staff member or named contact in the administration.")}</span>
                    </label>
                    <input class="fr-input" id=f("owner") name="owner" maxlength=OWNER_MAX aria-describedby=f("owner-messages")
                        value={let owner = owner.clone(); move || value("owner", owner.clone())}/>
                    {messages("owner")}
                </div>
                <div class=move || input_group("due_on")>
                    <label class="fr-label" for=f("due_on")>{format!("{} — {label}", l.pick("Échéance", "Due date"))}</label>
                    <input class="fr-input" type="date" id=f("due_on") name="due_on" aria-describedby=f("due_on-messages")
                        value={let due = due.clone(); move || value("due_on", due.clone())}/>
                    {messages("due_on")}
                </div>
                <div class=move || input_group("notes")>
                    <label class="fr-label" for=f("notes")>{format!("{} — {label}", l.pick("Notes", "Notes"))}</label>
                    <textarea class="fr-input" id=f("notes") name="notes" rows="2" maxlength=TEXT_MAX aria-describedby=f("notes-messages")>
                        {let notes = notes.clone(); move || crate::ui::raw_text::textarea(value("notes", notes.clone()))}
                    </textarea>
                    {messages("notes")}
                </div>
                <div class=move || input_group("reason")>
                    <label class="fr-label" for=f("reason")>
                        {format!("{} — {label}", l.pick("Motif si décliné", "Reason if declined"))}
                    </label>
                    <textarea class="fr-input" id=f("reason") name="reason" rows="2" maxlength=TEXT_MAX aria-describedby=f("reason-messages")>
                        {move || crate::ui::raw_text::textarea(value("reason", String::new()))}
                    </textarea>
                    {messages("reason")}
                </div>
                <button type="submit" class="fr-btn fr-btn--secondary">
                    {l.pick("Enregistrer", "Save")}
                    <span class="fr-sr-only">{format!(" — {label}")}</span>
                </button>
            </ActionForm>
        </section>
    }
}

#[component]
fn CheckIns(p: ProgrammeView, a: Actions, team_can_act: bool) -> impl IntoView {
    let l = use_locale();
    let error = action_error(a.check_in.value());
    view! {
        <h2 class="fr-mt-5w">{l.pick("Points d'étape", "Check-ins")}</h2>
        {p.check_in_due.then(|| view! {
            <div class="fr-alert fr-alert--info fr-alert--sm fr-mb-3w">
                <p>{l.pick("Un point d'étape est attendu toutes les deux semaines : le prochain est dû.", "A check-in is expected every two weeks: the next one is due.")}</p>
            </div>
        })}
        {if p.check_ins.is_empty() {
            view! { <p>{l.pick("Aucun point d'étape pour l'instant.", "No check-in yet.")}</p> }.into_any()
        } else {
            view! {
                <ol class="app-thread" aria-label=l.pick("Points d'étape, du plus récent au plus ancien", "Check-ins, latest first")>
                    {p.check_ins.into_iter().map(|k| view! {
                        <li class="app-thread__message">
                            <p class="fr-text--sm fr-mb-1w"><strong>{k.author}</strong>{format!(" — {}", date_time(l, k.at))}</p>
                            <p class="app-message-text"><strong>{l.pick("Avancées : ", "Progress: ")}</strong>{k.progress}</p>
                            {(!k.blockers.is_empty()).then(|| view! { <p class="app-message-text"><strong>{l.pick("Blocages : ", "Blockers: ")}</strong>{k.blockers.clone()}</p> })}
                            {(!k.needs.is_empty()).then(|| view! { <p class="app-message-text"><strong>{l.pick("Besoins : ", "Needs: ")}</strong>{k.needs.clone()}</p> })}
                        </li>
                    }).collect_view()}
                </ol>
            }.into_any()
        }}
        {team_can_act.then(|| view! {
            <h3 class="fr-mt-3w">{l.pick("Publier un point d'étape", "Post a check-in")}</h3>
            <FormAlert error/>
            <ActionForm action=a.check_in attr:novalidate=true>
                <input type="hidden" name="candidature_id" value=p.candidature_id.to_string()/>
                <TextArea name="progress" label=l.pick("Avancées", "Progress") rows=3 maxlength=TEXT_MAX error/>
                <TextArea name="blockers" label=l.pick("Blocages (facultatif)", "Blockers (optional)") rows=2 maxlength=TEXT_MAX error/>
                <TextArea name="needs" label=l.pick("Besoins (facultatif)", "Needs (optional)") rows=2 maxlength=TEXT_MAX error/>
                <button type="submit" class="fr-btn">{l.pick("Publier le point d'étape", "Post the check-in")}</button>
            </ActionForm>
        })}
    }
}

#[component]
fn Milestones(p: ProgrammeView, a: Actions, team_can_act: bool) -> impl IntoView {
    let l = use_locale();
    let error = action_error(a.milestone.value());
    let done = p.milestones.iter().filter(|m| m.done).count();
    view! {
        <h2 class="fr-mt-5w">{l.pick("Jalons", "Milestones")}</h2>
        <p>{format!("{done} / {} {}", p.milestones.len(), l.pick("jalons atteints", "milestones reached"))}</p>
        {(!p.milestones.is_empty()).then(|| view! {
            <ul class="app-plain-list">
                {p.milestones.clone().into_iter().map(|m| view! {
                    <li>
                        {format!("{} — {} {}", m.title, l.pick("échéance", "due"), long_date(l, m.due_on))}
                        " "
                        {if m.done {
                            view! { <span class="fr-badge fr-badge--success fr-badge--sm">{l.pick("atteint", "reached")}</span> }.into_any()
                        } else if m.late {
                            view! { <span class="fr-badge fr-badge--error fr-badge--sm">{l.pick("en retard", "late")}</span> }.into_any()
                        } else {
                            view! { <span class="fr-badge fr-badge--sm">{l.pick("à venir", "upcoming")}</span> }.into_any()
                        }}
                        {team_can_act.then(|| view! {
                            <ActionForm action=a.done attr:class="app-inline-form">
                                <input type="hidden" name="id" value=m.id.to_string()/>
                                <input type="hidden" name="done" value=if m.done { "" } else { "on" }/>
                                <button type="submit" class="fr-btn fr-btn--sm fr-btn--tertiary">
                                    {if m.done { l.pick("Marquer comme à faire", "Mark as not done") } else { l.pick("Marquer comme atteint", "Mark as reached") }}
                                    <span class="fr-sr-only">{format!(" — {}", m.title)}</span>
                                </button>
                            </ActionForm>
                        })}
                    </li>
                }).collect_view()}
            </ul>
        })}
        {team_can_act.then(|| view! {
            <h3 class="fr-mt-3w">{l.pick("Ajouter un jalon", "Add a milestone")}</h3>
            <FormAlert error/>
            <ActionForm action=a.milestone attr:novalidate=true>
                <input type="hidden" name="candidature_id" value=p.candidature_id.to_string()/>
                <TextField name="title" label=l.pick("Intitulé du jalon", "Milestone title") maxlength=MILESTONE_TITLE_MAX error/>
                <TextField name="due_on" label=l.pick("Échéance", "Due date") hint=l.pick("Format : année-mois-jour", "Format: year-month-day") kind="date" error/>
                <button type="submit" class="fr-btn">{l.pick("Ajouter le jalon", "Add the milestone")}</button>
            </ActionForm>
        })}
    }
}

#[component]
fn Launch(id: i64, a: Actions) -> impl IntoView {
    let l = use_locale();
    let error = action_error(a.launch.value());
    view! {
        <h2 class="fr-mt-5w">{l.pick("Lancement public", "Public launch")}</h2>
        <FormAlert error/>
        <ActionForm action=a.launch attr:novalidate=true>
            <input type="hidden" name="candidature_id" value=id.to_string()/>
            <TextField name="launched_on" label=l.pick("Date du lancement public", "Public launch date") kind="date" error/>
            <button type="submit" class="fr-btn fr-btn--secondary">{l.pick("Marquer comme lancé", "Mark as launched")}</button>
        </ActionForm>
    }
}

/// The public page: the link to it, and for the team the fields it agrees to publish.
#[component]
fn Publication(p: ProgrammeView, a: Actions) -> impl IntoView {
    let l = use_locale();
    let error = action_error(a.publish.value());
    let public = Page::Initiative { id: CandidatureId(p.candidature_id) }.path();
    view! {
        <h2 class="fr-mt-5w">{l.pick("Page publique", "Public page")}</h2>
        <p>
            {l.pick("Le nom du projet et sa cohorte sont publics ; le reste seulement si l'équipe le choisit. ", "The project's name and cohort are public; the rest only if the team chooses. ")}
            <a class="fr-link" href=public>{l.pick("Voir la page publique", "See the public page")}</a>
        </p>
        {(!p.staff).then(|| view! {
            <FormAlert error/>
            <ActionForm action=a.publish>
                <input type="hidden" name="candidature_id" value=p.candidature_id.to_string()/>
                <fieldset class="fr-fieldset" aria-labelledby="publication-legend">
                    <legend class="fr-fieldset__legend" id="publication-legend">{l.pick("Champs publiés", "Published fields")}</legend>
                    {PublicField::ALL.into_iter().map(|f| {
                        let id = format!("publier-{}", f.code());
                        view! {
                            <div class="fr-fieldset__element">
                                <div class="fr-checkbox-group">
                                    <input type="checkbox" id=id.clone() name="fields[]" value=f.code() checked=p.public_fields.contains(&f)/>
                                    <label class="fr-label" for=id>{f.label().get(l)}</label>
                                </div>
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
                <button type="submit" class="fr-btn fr-btn--secondary">{l.pick("Enregistrer mes choix de publication", "Save my publication choices")}</button>
            </ActionForm>
        })}
    }
}

/// Charter evidence: what the team published, each address with its check; the team's form.
#[component]
fn EvidenceSection(p: ProgrammeView, a: Actions) -> impl IntoView {
    use crate::domain::evidence::{EvidenceLink, TEXT_MAX as EVIDENCE_TEXT_MAX, URL_MAX};
    use crate::ui::components::check_state::CheckBadge;
    let l = use_locale();
    let error = action_error(a.evidence.value());
    let e = p.evidence.clone();
    let team = !p.staff && !p.cohort_closed && matches!(p.status, Status::InProgramme | Status::Launched);
    let value = move |name: &'static str, current: String| {
        let kept_value = error.with(|err| err.as_ref().and_then(|x| x.form_errors()).and_then(|f| f.kept_value(name)).map(str::to_string));
        kept_value.unwrap_or(current)
    };
    let field = move |name: &'static str, label: &'static str, hint: &'static str, current: String, multiline: bool| {
        let id = format!("preuve-{name}");
        let messages = format!("{id}-messages");
        let problem = move || field_problem(error, name, l);
        view! {
            <div class=move || group_class(problem().is_some())>
                <label class="fr-label" for=id.clone()>{label}" "<span class="fr-hint-text">{hint}</span></label>
                {if multiline {
                    view! {
                        <textarea class="fr-input" id=id.clone() name=name rows="3" maxlength=EVIDENCE_TEXT_MAX aria-describedby=messages.clone()>
                            {let current = current.clone(); move || crate::ui::raw_text::textarea(value(name, current.clone()))}
                        </textarea>
                    }.into_any()
                } else {
                    view! {
                        <input class="fr-input" type="url" id=id.clone() name=name maxlength=URL_MAX aria-describedby=messages.clone()
                            value={let current = current.clone(); move || value(name, current.clone())}/>
                    }.into_any()
                }}
                <div class="fr-messages-group" id=messages aria-live="polite">
                    {move || problem().map(|m| view! { <p class="fr-message fr-message--error">{m}</p> })}
                </div>
            </div>
        }
    };
    view! {
        <h2 class="fr-mt-5w">{l.pick("Preuves des engagements de la charte", "Evidence of the charter commitments")}</h2>
        <p>{l.pick(
            "Publiées sur la page publique de l'initiative. Chaque adresse est vérifiée (réponse du serveur) dans la minute, puis chaque jour.",
            "Published on the initiative's public page. Each address is checked (server answer) within a minute, then every day.",
        )}</p>
        <ul>
            {[(EvidenceLink::SourceCode, e.evidence.source_url.clone(), e.source_check.clone()), (EvidenceLink::OpenData, e.evidence.data_url.clone(), e.data_check.clone())]
                .into_iter()
                .map(|(kind, url, check)| view! {
                    <li>
                        {format!("{} : ", kind.label().get(l))}
                        {if url.is_empty() { l.pick("non publié", "not published").to_string() } else { url }}
                        {check.map(|state| view! { " " <CheckBadge state/> })}
                    </li>
                })
                .collect_view()}
        </ul>
        {team.then(|| view! {
            <FormAlert error/>
            <ActionForm action=a.evidence attr:novalidate=true>
                <input type="hidden" name="candidature_id" value=p.candidature_id.to_string()/>
                {field("source_url", l.pick("Adresse du code source", "Source code address"), l.pick("Exemple : https://code.exemple.fr/projet", "Example: https://code.example.org/project"), e.evidence.source_url.clone(), false)}
                {field("data_url", l.pick("Adresse des données ouvertes", "Open data address"), l.pick("Exemple : https://data.exemple.fr/jeu", "Example: https://data.example.org/set"), e.evidence.data_url.clone(), false)}
                {field("funding", l.pick("Financements et ressources", "Funding and resources"), l.pick("Montants et sources.", "Amounts and sources."), e.evidence.funding.clone(), true)}
                {field("results", l.pick("Résultats", "Results"), l.pick("Ce que le projet a produit, chiffres à l'appui.", "What the project achieved, with figures."), e.evidence.results.clone(), true)}
                <button type="submit" class="fr-btn fr-btn--secondary">{l.pick("Publier les preuves", "Publish the evidence")}</button>
            </ActionForm>
        })}
    }
}
