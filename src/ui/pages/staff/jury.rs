//! The jury of a cohort (staff): composition against the seed's 15 citizens, invitations,
//! settings (who scores which criterion, reviews per candidature), conflicts, the automatic
//! assignment and its progress.

use crate::domain::paths::Page;
use crate::domain::ids::{CandidatureId, CohortId};

use crate::api::jury::{
    jury_overview, JuryAddConflict, JuryAssign, JuryInvite, JuryMove, JurySettings, JuryShortlist, JuryView, JurorView,
    ReviewStaffStart, ReviewableView,
};
use crate::domain::done::Done;
use crate::ui::components::breadcrumb::Breadcrumb;
use crate::ui::components::loaded::done_param;
use crate::domain::criteria::{Criterion, Track};
use crate::domain::error::AppError;
use crate::domain::i18n::Locale;
use crate::domain::jury::assignment::AssignmentProblem;
use crate::domain::jury::{ReviewState, Scorers};
use crate::ui::components::form::{action_error, field_problem, group_class, kept, FormAlert, Messages, SuccessAlert};
use crate::ui::components::loaded::{id_param, loaded};
use crate::ui::format::date_time;
use crate::ui::components::table::Table;
use crate::ui::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;

/// The server actions of the page, created once so that their errors survive re-renders.
#[derive(Clone, Copy)]
struct Actions {
    invite: ServerAction<JuryInvite>,
    settings: ServerAction<JurySettings>,
    assign: ServerAction<JuryAssign>,
    moving: ServerAction<JuryMove>,
    conflict: ServerAction<JuryAddConflict>,
    staff_review: ServerAction<ReviewStaffStart>,
    shortlist: ServerAction<JuryShortlist>,
}

/// `/agent/cohortes/:id/jury`
#[component]
pub fn JuryPage() -> impl IntoView {
    let id = id_param("id");
    let actions = Actions {
        invite: ServerAction::new(),
        settings: ServerAction::new(),
        assign: ServerAction::new(),
        moving: ServerAction::new(),
        conflict: ServerAction::new(),
        staff_review: ServerAction::new(),
        shortlist: ServerAction::new(),
    };
    let changes = move || {
        (
            actions.invite.version().get(),
            actions.settings.version().get(),
            actions.assign.version().get(),
            actions.moving.version().get(),
            actions.conflict.version().get(),
            actions.shortlist.version().get(),
        )
    };
    let overview = Resource::new(move || (id(), changes()), |(id, _)| async move {
        match id {
            Some(id) => jury_overview(id).await,
            None => Err(AppError::NotFound),
        }
    });
    loaded(overview, move |data| view! { <Jury data actions/> })
}

#[component]
fn Jury(data: JuryView, actions: Actions) -> impl IntoView {
    let l = use_locale();
    let title = format!("{} — {}", l.pick("Jury", "Jury"), data.cohort_name);
    let ok = done_param();
    let (done, total) = data.progress();
    let assigned = total > 0;
    let data = StoredValue::new(data);
    let d = data.get_value();
    view! {
        <Title text=title.clone()/>
        <Breadcrumb trail=vec![(Page::Cohorts.path(), l.pick("Cohortes", "Cohorts").to_string())] here=format!("{} — {}", d.cohort_name, l.pick("jury", "jury"))/>
        <h1>{title}</h1>
        <p><span class="fr-badge fr-badge--info">{d.phase.label().get(l)}</span></p>
        {move || {
            let message = match ok() {
                Some(Done::JurySettingsSaved) => Some(l.pick("Réglages enregistrés.", "Settings saved.")),
                Some(Done::JuryAssigned) => Some(l.pick("Affectation enregistrée : chaque juré voit ses candidatures.", "Assignment stored: each juror sees their applications.")),
                Some(Done::ReviewMoved) => Some(l.pick("Évaluation confiée à un autre juré.", "Review given to another juror.")),
                Some(Done::ConflictAdded) => Some(l.pick("Conflit d'intérêts enregistré.", "Conflict of interest recorded.")),
                Some(Done::ShortlistUpdated) => Some(l.pick("Présélection mise à jour.", "Shortlist updated.")),
                Some(Done::JuryInvited) => Some(l.pick("Invitations enregistrées et envoyées par e-mail.", "Invitations stored and sent by email.")),
                _ => None,
            };
            message.map(|m| view! { <SuccessAlert message=m.to_string()/> })
        }}
        <NewLinks tokens=d.new_links.clone()/>
        <h2 class="fr-mt-5w">{l.pick("Composition", "Members")}</h2>
        <p>
            {match l {
                Locale::Fr => format!("{} jurés ont accepté sur les {} prévus par le programme ; {} invitations envoyées.", d.accepted(), d.jury_size, d.invitations.len()),
                Locale::En => format!("{} jurors accepted out of the {} the programme plans; {} invitations sent.", d.accepted(), d.jury_size, d.invitations.len()),
            }}
        </p>
        <JurorsTable jurors=d.jurors.clone()/>
        <InviteForm cohort_id=d.cohort_id action=actions.invite/>
        <Invitations data=d.clone()/>
        <h2 class="fr-mt-5w">{l.pick("Réglages de l'évaluation", "Review settings")}</h2>
        <Settings data=d.clone() action=actions.settings locked=assigned/>
        <h2 class="fr-mt-5w">{l.pick("Affectation et avancement", "Assignment and progress")}</h2>
        <p>
            {match l {
                Locale::Fr => format!("{done} / {total} évaluations du jury envoyées."),
                Locale::En => format!("{done} / {total} jury reviews submitted."),
            }}
        </p>
        <p><a class="fr-link" href=Page::Deliberation { cohort: CohortId(d.cohort_id) }.path()>{l.pick("Classement et délibération", "Ranking and deliberation")}</a></p>
        <AssignForm data=d.clone() action=actions.assign/>
        <CandidaturesTable data=d.clone() actions/>
        <ConflictForm data=d action=actions.conflict/>
    }
}

/// The invitation links this browser just created, to send to each citizen: they reach the
/// page with its data (never in its address) and are shown this once.
#[component]
fn NewLinks(tokens: Vec<String>) -> impl IntoView {
    let l = use_locale();
    (!tokens.is_empty()).then(|| {
        view! {
            <div class="fr-alert fr-alert--success fr-mb-3w" role="status">
                <h2 class="fr-alert__title">{l.pick("Invitations créées", "Invitations created")}</h2>
                <p>
                    {l.pick(
                        "Transmettez à chaque personne son lien (il n'est affiché qu'une fois) :",
                        "Send each person their link (it is shown only once):",
                    )}
                </p>
                <ul>
                    {tokens.into_iter().map(|t| view! { <li><code>{Page::Invitation { token: t.clone() }.path()}</code></li> }).collect_view()}
                </ul>
            </div>
        }
    })
}

#[component]
fn JurorsTable(jurors: Vec<JurorView>) -> impl IntoView {
    let l = use_locale();
    if jurors.is_empty() {
        return view! { <p>{l.pick("Aucun juré pour le moment.", "No juror yet.")}</p> }.into_any();
    }
    let yes_no = move |t: Option<i64>| t.map(|t| date_time(l, t)).unwrap_or_else(|| l.pick("pas encore", "not yet").to_string());
    view! {
        <Table
            caption=l.pick("Jurés", "Jurors")
            columns=vec![l.pick("Juré", "Juror"), l.pick("Charte du juré", "Juror charter"), l.pick("Conflits déclarés", "Conflicts declared"), l.pick("En conflit avec", "In conflict with"), l.pick("Évaluations", "Reviews")]
        >
            {jurors
                .into_iter()
                .map(|j| {
                    let conflicts = if j.conflicts.is_empty() { "—".to_string() } else { j.conflicts.join(", ") };
                    let note = (!j.conflicts_note.is_empty()).then(|| format!(" ({})", j.conflicts_note));
                    view! {
                        <tr>
                            <th scope="row">{j.name.clone()}<br/><span class="fr-text--sm">{j.email.clone()}</span></th>
                            <td>{yes_no(j.charter_accepted_at)}</td>
                            <td>{yes_no(j.conflicts_declared_at)}</td>
                            <td>{conflicts}{note}</td>
                            <td>{format!("{} / {}", j.submitted, j.assigned)}</td>
                        </tr>
                    }
                })
                .collect_view()}
        </Table>
    }
    .into_any()
}

#[component]
fn InviteForm(cohort_id: i64, action: ServerAction<JuryInvite>) -> impl IntoView {
    let l = use_locale();
    let error = action_error(action.value());
    let problem = move || field_problem(error, "emails", l);
    let kept = error.with_untracked(|e| kept(e, "emails"));
    view! {
        <h3 class="fr-mt-3w">{l.pick("Inviter des citoyens", "Invite citizens")}</h3>
        <FormAlert error/>
        <ActionForm action attr:novalidate=true>
            <input type="hidden" name="cohort_id" value=cohort_id.to_string()/>
            <div class=move || group_class(problem().is_some())>
                <label class="fr-label" for="jury-emails">
                    {l.pick("Adresses électroniques", "Email addresses")}
                    " "
                    <span class="fr-hint-text">
                        {l.pick(
                            "Une par ligne. Chaque personne reçoit un lien qui crée ou rattache son compte de juré.",
                            "One per line. Each person gets a link that creates or attaches their juror account.",
                        )}
                    </span>
                </label>
                <textarea class="fr-input" id="jury-emails" name="emails" rows="4" aria-describedby="jury-emails-messages">{crate::ui::raw_text::textarea(kept)}</textarea>
                <Messages id="jury-emails-messages" problem/>
            </div>
            <button type="submit" class="fr-btn fr-btn--secondary">{l.pick("Créer les invitations", "Create the invitations")}</button>
        </ActionForm>
    }
}

#[component]
fn Invitations(data: JuryView) -> impl IntoView {
    let l = use_locale();
    (!data.invitations.is_empty()).then(|| {
        view! {
            <Table
                caption=l.pick("Invitations", "Invitations")
                columns=vec![l.pick("Adresse", "Address"), l.pick("Invitée le", "Invited on"), l.pick("Acceptée le", "Accepted on")]
                class="fr-mt-3w"
            >
                {data
                    .invitations
                    .into_iter()
                    .map(|i| {
                        view! {
                            <tr>
                                <th scope="row">{i.email}</th>
                                <td>{date_time(l, i.invited_at)}</td>
                                <td>{i.accepted_at.map(|t| date_time(l, t)).unwrap_or_else(|| l.pick("en attente", "pending").to_string())}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </Table>
        }
    })
}

#[component]
fn Settings(data: JuryView, action: ServerAction<JurySettings>, locked: bool) -> impl IntoView {
    let l = use_locale();
    let error = action_error(action.value());
    if locked {
        return view! {
            <p>{l.pick("L'affectation a eu lieu : les réglages sont figés.", "The assignment has run: the settings are fixed.")}</p>
            <ul>
                <li>{format!("{} {}", l.pick("Évaluations par candidature :", "Reviews per application:"), data.reviews_per_candidature)}</li>
                <li>{if data.staff_shortlist { l.pick("Avec présélection par l'équipe", "With a staff shortlist") } else { l.pick("Sans présélection", "No shortlist") }}</li>
                {Criterion::ALL
                    .into_iter()
                    .map(|c| view! { <li>{format!("{} — {}", c.label().get(l), data.split.scorers(c).label().get(l))}</li> })
                    .collect_view()}
            </ul>
        }
        .into_any();
    }
    view! {
        <FormAlert error/>
        <ActionForm action attr:novalidate=true>
            <input type="hidden" name="cohort_id" value=data.cohort_id.to_string()/>
            <div class="fr-input-group">
                <label class="fr-label" for="reviews-per">
                    {l.pick("Évaluations par candidature", "Reviews per application")}
                    " "
                    <span class="fr-hint-text">{l.pick("Nombre de jurés qui évaluent chaque candidature (3 par défaut).", "How many jurors review each application (3 by default).")}</span>
                </label>
                <input class="fr-input" id="reviews-per" name="reviews_per_candidature" type="number" min="1" max="15" value=data.reviews_per_candidature.to_string()/>
            </div>
            <fieldset class="fr-fieldset">
                <legend class="fr-fieldset__legend">{l.pick("Qui évalue chaque critère", "Who scores each criterion")}</legend>
                {Criterion::ALL
                    .into_iter()
                    .map(|c| {
                        let id = format!("scorers-{}", c.code());
                        let current = data.split.scorers(c);
                        view! {
                            <div class="fr-fieldset__element">
                                <div class="fr-select-group">
                                    <label class="fr-label" for=id.clone()>{c.label().get(l)}</label>
                                    <select class="fr-select" id=id name=crate::domain::jury::field::scorers(c)>
                                        {Scorers::ALL
                                            .into_iter()
                                            .map(|s| view! { <option value=s.code() selected=s == current>{s.label().get(l)}</option> })
                                            .collect_view()}
                                    </select>
                                </div>
                            </div>
                        }
                    })
                    .collect_view()}
            </fieldset>
            <div class="fr-checkbox-group fr-mb-3w">
                <input type="checkbox" id="preselection" name="staff_shortlist" value="on" checked=data.staff_shortlist/>
                <label class="fr-label" for="preselection">
                    {l.pick("Présélection par l'équipe avant le jury", "Staff shortlist before the jury")}
                    <span class="fr-hint-text">{l.pick("L'équipe écarte des candidatures éligibles avant l'affectation ; le jury ne voit que les autres.", "Staff leave some eligible applications out before the assignment; the jury sees only the others.")}</span>
                </label>
            </div>
            <button type="submit" class="fr-btn fr-btn--secondary">{l.pick("Enregistrer les réglages", "Save the settings")}</button>
        </ActionForm>
    }
    .into_any()
}

#[component]
fn AssignForm(data: JuryView, action: ServerAction<JuryAssign>) -> impl IntoView {
    let l = use_locale();
    let error = action_error(action.value());
    let names = StoredValue::new(data.clone());
    let problems = move || match error.get() {
        Some(AppError::Assignment(list)) => Some(list),
        _ => None,
    };
    view! {
        <p>
            {l.pick(
                "L'affectation automatique donne à chaque candidature éligible le nombre d'évaluations prévu, sans conflit d'intérêts, avec des charges égales à une près entre jurés. Seuls les jurés qui ont signé la charte et déclaré leurs conflits sont affectés. Les évaluations commencées sont conservées.",
                "The automatic assignment gives each eligible application the planned number of reviews, without conflicts of interest, with loads equal to within one between jurors. Only jurors who signed the charter and declared their conflicts are assigned. Reviews already started are kept.",
            )}
        </p>
        <FormAlert error/>
        {move || {
            problems()
                .map(|list| {
                    let d = names.get_value();
                    view! {
                        <ul class="fr-mb-3w">
                            {list.into_iter().map(|p| view! { <li>{describe(&p, &d, l)}</li> }).collect_view()}
                        </ul>
                    }
                })
        }}
        <ActionForm action>
            <input type="hidden" name="cohort_id" value=data.cohort_id.to_string()/>
            <button type="submit" class="fr-btn">{l.pick("Lancer l'affectation automatique", "Run the automatic assignment")}</button>
        </ActionForm>
    }
}

/// One assignment problem in words, with names instead of ids.
fn describe(p: &AssignmentProblem, d: &JuryView, l: Locale) -> String {
    let project = |id: i64| d.candidatures.iter().find(|c| c.id == id).map(|c| c.project_name.clone()).unwrap_or_else(|| format!("#{id}"));
    let juror = |id: i64| d.jurors.iter().find(|j| j.user_id == id).map(|j| j.name.clone()).unwrap_or_else(|| format!("#{id}"));
    match (p, l) {
        (AssignmentProblem::NoJurors, Locale::Fr) => "Aucun juré n'a encore signé la charte et déclaré ses conflits.".into(),
        (AssignmentProblem::NoJurors, Locale::En) => "No juror has signed the charter and declared their conflicts yet.".into(),
        (AssignmentProblem::NoCandidatures, Locale::Fr) => "Aucune candidature éligible : terminez d'abord l'examen de l'éligibilité.".into(),
        (AssignmentProblem::NoCandidatures, Locale::En) => "No eligible application: finish the eligibility screening first.".into(),
        (AssignmentProblem::ZeroReviews, Locale::Fr) => "Le nombre d'évaluations par candidature doit être d'au moins 1.".into(),
        (AssignmentProblem::ZeroReviews, Locale::En) => "The number of reviews per application must be at least 1.".into(),
        (AssignmentProblem::TooFewJurors { candidature, available, needed }, Locale::Fr) => format!(
            "« {} » : {available} juré(s) disponible(s) hors conflits d'intérêts, il en faut {needed}. Invitez d'autres jurés ou réduisez le nombre d'évaluations.",
            project(*candidature)
        ),
        (AssignmentProblem::TooFewJurors { candidature, available, needed }, Locale::En) => format!(
            "“{}”: {available} juror(s) available outside conflicts of interest, {needed} needed. Invite more jurors or lower the number of reviews.",
            project(*candidature)
        ),
        (AssignmentProblem::FixedInConflict { juror: j, candidature }, Locale::Fr) => format!(
            "{} a commencé l'évaluation de « {} » mais est désormais en conflit d'intérêts avec ce projet.",
            juror(*j),
            project(*candidature)
        ),
        (AssignmentProblem::FixedInConflict { juror: j, candidature }, Locale::En) => format!(
            "{} started reviewing “{}” but is now in conflict with this project.",
            juror(*j),
            project(*candidature)
        ),
        (AssignmentProblem::FixedUnknown { juror: j, candidature }, Locale::Fr) => format!(
            "L'évaluation commencée par {} sur « {} » ne correspond plus à un juré affectable ou à une candidature éligible.",
            juror(*j),
            project(*candidature)
        ),
        (AssignmentProblem::FixedUnknown { juror: j, candidature }, Locale::En) => format!(
            "The review {} started on “{}” no longer matches an assignable juror or an eligible application.",
            juror(*j),
            project(*candidature)
        ),
        (AssignmentProblem::TooManyFixed { candidature, fixed, needed }, Locale::Fr) => format!(
            "« {} » a déjà {fixed} évaluations commencées pour {needed} prévues : augmentez le nombre d'évaluations par candidature.",
            project(*candidature)
        ),
        (AssignmentProblem::TooManyFixed { candidature, fixed, needed }, Locale::En) => format!(
            "“{}” already has {fixed} reviews started for {needed} planned: raise the number of reviews per application.",
            project(*candidature)
        ),
        (AssignmentProblem::Unbalanced, Locale::Fr) => {
            "Les conflits d'intérêts empêchent des charges égales à une près entre jurés. Invitez d'autres jurés ou ajustez le nombre d'évaluations.".into()
        }
        (AssignmentProblem::Unbalanced, Locale::En) => {
            "Conflicts of interest prevent loads equal to within one between jurors. Invite more jurors or adjust the number of reviews.".into()
        }
    }
}

#[component]
fn CandidaturesTable(data: JuryView, actions: Actions) -> impl IntoView {
    let l = use_locale();
    let move_error = action_error(actions.moving.value());
    let staff_error = action_error(actions.staff_review.value());
    let staff_track = !data.split.criteria_for(Track::Staff).is_empty();
    let shortlist_step = data.staff_shortlist;
    let shortlist_error = action_error(actions.shortlist.value());
    let jurors = StoredValue::new(data.jurors.clone());
    if data.candidatures.is_empty() {
        return view! { <p>{l.pick("Aucune candidature éligible pour le moment.", "No eligible application yet.")}</p> }.into_any();
    }
    let mut columns = vec![l.pick("Candidature", "Application"), l.pick("Évaluations du jury", "Jury reviews")];
    if staff_track {
        columns.push(l.pick("Volet administration", "Administration track"));
    }
    view! {
        <FormAlert error=move_error/>
        <FormAlert error=staff_error/>
        <FormAlert error=shortlist_error/>
        <Table
            caption=l.pick("Candidatures et évaluations", "Applications and reviews")
            columns
        >
            {data
                .candidatures
                .into_iter()
                .map(|c| view! { <CandidatureRow c jurors=jurors.get_value() actions staff_track shortlist_step/> })
                .collect_view()}
        </Table>
    }
    .into_any()
}

#[component]
fn CandidatureRow(c: ReviewableView, jurors: Vec<JurorView>, actions: Actions, staff_track: bool, shortlist_step: bool) -> impl IntoView {
    let l = use_locale();
    let jury: Vec<_> = c.reviews.iter().filter(|r| r.track == Track::Jury).cloned().collect();
    let staff: Vec<_> = c.reviews.iter().filter(|r| r.track == Track::Staff).cloned().collect();
    let candidature_id = c.id;
    let project = c.project_name.clone();
    view! {
        <tr>
            <th scope="row">
                <a href=Page::StaffCandidature { id: CandidatureId(c.id) }.path()>{c.project_name.clone()}</a>
                <br/>
                <span class="fr-text--sm">{format!("{} · {}", c.reference, c.holder_name)}</span>
            </th>
            <td>
                {if jury.is_empty() && shortlist_step {
                    let (text, button, keep) = if c.shortlisted {
                        (l.pick("présélectionnée", "shortlisted"), l.pick("Écarter", "Leave out"), "")
                    } else {
                        (l.pick("écartée de la présélection", "left out of the shortlist"), l.pick("Présélectionner", "Shortlist"), "on")
                    };
                    view! {
                        <span>{text}</span>
                        <ActionForm action=actions.shortlist attr:class="app-inline-form">
                            <input type="hidden" name="candidature_id" value=candidature_id.to_string()/>
                            <input type="hidden" name="keep" value=keep/>
                            <button type="submit" class="fr-btn fr-btn--sm fr-btn--tertiary">
                                {button}
                                <span class="fr-sr-only">{format!(" — {project}")}</span>
                            </button>
                        </ActionForm>
                    }
                    .into_any()
                } else if jury.is_empty() {
                    view! { <span>{l.pick("non affectée", "not assigned")}</span> }.into_any()
                } else {
                    view! {
                        <ul class="app-plain-list">
                            {jury
                                .into_iter()
                                .map(|r| {
                                    let others: Vec<_> = jurors.iter().filter(|j| j.user_id != r.reviewer_id).cloned().collect();
                                    let select_id = format!("deplacer-{}", r.review_id);
                                    let project = project.clone();
                                    view! {
                                        <li>
                                            {format!("{} — {}", r.reviewer_name, r.state.label().get(l))}
                                            {(r.state == ReviewState::ToDo && !others.is_empty()).then(|| view! {
                                                <ActionForm action=actions.moving attr:class="app-inline-form">
                                                    <input type="hidden" name="review_id" value=r.review_id.to_string()/>
                                                    <label class="fr-label fr-sr-only" for=select_id.clone()>
                                                        {format!("{} {} — {}", l.pick("Confier l'évaluation de", "Give the review of"), r.reviewer_name, project)}
                                                    </label>
                                                    <select class="fr-select" id=select_id name="to">
                                                        {others.into_iter().map(|j| view! { <option value=j.user_id.to_string()>{j.name}</option> }).collect_view()}
                                                    </select>
                                                    <button type="submit" class="fr-btn fr-btn--sm fr-btn--tertiary">{l.pick("Confier", "Give")}</button>
                                                </ActionForm>
                                            })}
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                    .into_any()
                }}
            </td>
            {staff_track.then(|| view! {
                <td>
                    {staff.iter().map(|r| view! { <p class="fr-mb-1v">{format!("{} — {}", r.reviewer_name, r.state.label().get(l))}</p> }).collect_view()}
                    <ActionForm action=actions.staff_review>
                        <input type="hidden" name="candidature_id" value=candidature_id.to_string()/>
                        <button type="submit" class="fr-btn fr-btn--sm fr-btn--secondary">
                            {l.pick("Évaluer", "Review")}
                            <span class="fr-sr-only">{format!(" — {}", c.project_name)}</span>
                        </button>
                    </ActionForm>
                </td>
            })}
        </tr>
    }
}

#[component]
fn ConflictForm(data: JuryView, action: ServerAction<JuryAddConflict>) -> impl IntoView {
    let l = use_locale();
    let error = action_error(action.value());
    (!data.jurors.is_empty() && !data.candidatures.is_empty()).then(|| {
        view! {
            <h3 class="fr-mt-5w">{l.pick("Ajouter un conflit d'intérêts", "Add a conflict of interest")}</h3>
            <p>{l.pick("Le juré ne verra plus cette candidature ; son évaluation non envoyée lui est retirée.", "The juror will no longer see this application; their unsent review is taken away.")}</p>
            <FormAlert error/>
            <ActionForm action attr:class="app-filters">
                <input type="hidden" name="cohort_id" value=data.cohort_id.to_string()/>
                <div class="fr-select-group">
                    <label class="fr-label" for="conflit-jure">{l.pick("Juré", "Juror")}</label>
                    <select class="fr-select" id="conflit-jure" name="juror">
                        {data.jurors.iter().map(|j| view! { <option value=j.user_id.to_string()>{j.name.clone()}</option> }).collect_view()}
                    </select>
                </div>
                <div class="fr-select-group">
                    <label class="fr-label" for="conflit-candidature">{l.pick("Candidature", "Application")}</label>
                    <select class="fr-select" id="conflit-candidature" name="candidature">
                        {data.candidatures.iter().map(|c| view! { <option value=c.id.to_string()>{c.project_name.clone()}</option> }).collect_view()}
                    </select>
                </div>
                <button type="submit" class="fr-btn fr-btn--secondary">{l.pick("Enregistrer le conflit", "Record the conflict")}</button>
            </ActionForm>
        }
    })
}
