//! The candidature form, one page per step (« Étape 2 sur 6 »). Each step is a real form post:
//! it saves the step's fields and goes on, with or without JavaScript. The last step shows a
//! summary and the 4 charter commitments, then submits.

use crate::domain::paths::Page;
use crate::domain::ids::CandidatureId;

use crate::api::candidature::{get_candidature, CandidatureView, SaveCandidature, SubmitCandidature};
use crate::domain::candidature::{CarrierKind, ProjectStage, Status, Theme};
use crate::domain::candidature_form::{self as cf, field, CandidatureForm, Step};
use crate::domain::charter::Commitment;
use crate::domain::i18n::{Label, Locale};
use crate::domain::support::SupportKind;
use crate::ui::components::error::ErrorPage;
use crate::ui::components::loaded::{by_param, id_param, loaded};
use crate::ui::components::form::{action_error, ActionError, FormAlert};
use crate::ui::components::attachment::AttachmentSection;
use crate::ui::components::recap::CandidatureRecap;
use crate::ui::components::autosave::{AutosaveKind, AutosaveStatus, AutosavedForm};
use crate::domain::error::AppError;
use crate::ui::format::long_date;
use crate::ui::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn CandidatureFormPage() -> impl IntoView {
    let params = use_params_map();
    let step = move || params.with(|p| p.get("etape").and_then(|v| v.parse::<i32>().ok()).and_then(Step::from_number));
    let candidature = by_param(id_param("id"), get_candidature);
    loaded(candidature, move |c| match step() {
        None => view! { <ErrorPage error=AppError::NotFound/> }.into_any(),
        Some(step) => view! { <StepPage candidature=c step/> }.into_any(),
    })
}

#[component]
fn StepPage(candidature: CandidatureView, step: Step) -> impl IntoView {
    let l = use_locale();
    let save = ServerAction::<SaveCandidature>::new();
    let submit = ServerAction::<SubmitCandidature>::new();
    let save_error = action_error(save.value());
    let submit_error = action_error(submit.value());
    // After a refused post without JavaScript, show what was typed, not the stored draft.
    let shown = save_error
        .get_untracked()
        .and_then(|e| e.form_errors().filter(|f| !f.kept.is_empty()).map(|f| CandidatureForm::from_fields(&f.kept)))
        .unwrap_or_else(|| candidature.form.clone());
    let title = format!("{} — {}", step.label().get(l), l.pick("Ma candidature", "My application"));
    let minutes = candidature.form.minutes_left();
    let next = step.next();
    let readonly = !candidature.can_edit;
    view! {
        <Title text=title/>
        <div class="fr-mt-5w">
            <p class="fr-text--sm fr-mb-1w">
                {l.pick("Candidature", "Application")} " " {candidature.reference.clone()} " · "
                {candidature.status.label().get(l)} " · " {l.pick("dépôt jusqu'au", "submit by")} " "
                {long_date(l, candidature.call_closes)}
            </p>
            <div class="fr-stepper">
                <h1 class="fr-stepper__title">
                    {step.label().get(l)}
                    <span class="fr-stepper__state">
                        {format!("{} {} {} 6", l.pick("Étape", "Step"), step.number(), l.pick("sur", "of"))}
                    </span>
                </h1>
                <div
                    class="fr-stepper__steps"
                    data-fr-current-step=step.number().to_string()
                    data-fr-steps="6"
                ></div>
                {next
                    .map(|n| {
                        view! {
                            <p class="fr-stepper__details">
                                <span class="fr-text--bold">{l.pick("Étape suivante : ", "Next step: ")}</span>
                                {n.label().get(l)}
                            </p>
                        }
                    })}
            </div>
            <p class="fr-badge fr-badge--info">
                {if minutes == 0 {
                    l.pick("Tout est rempli", "Everything is filled in").to_string()
                } else {
                    format!("{} {minutes} {}", l.pick("Environ", "About"), l.pick("minutes restantes", "minutes left"))
                }}
            </p>
            {candidature
                .staff_message()
                .filter(|_| candidature.status == Status::CorrectionRequested)
                .map(|m| {
                    view! {
                        <div class="fr-alert fr-alert--warning fr-my-2w">
                            <h2 class="fr-alert__title">{l.pick("Correction demandée par l'équipe du programme", "Correction requested by the programme team")}</h2>
                            <p class="app-message-text">{m.to_string()}</p>
                            <p>{l.pick("Corrigez les étapes concernées puis renvoyez votre candidature depuis le récapitulatif.", "Correct the steps concerned, then send your application again from the summary.")}</p>
                        </div>
                    }
                })}
            <StepNav id=candidature.id current=step/>
            {readonly
                .then(|| {
                    view! {
                        <div class="fr-alert fr-alert--info fr-alert--sm fr-my-2w">
                            <p>{l.pick("Cette candidature ne peut plus être modifiée.", "This application can no longer be changed.")}</p>
                        </div>
                    }
                })}
            {if step == Step::Review {
                view! { <Review candidature=candidature.clone() action=submit error=submit_error/> }.into_any()
            } else {
                let login = Page::Login.then(&Page::Step { id: CandidatureId(candidature.id), step: step.number() }.path());
                let go = next.map(|n| n.number()).unwrap_or(0);
                let refused = save_error.get_untracked();
                view! {
                    <StepForm
                        id=candidature.id
                        version=candidature.version
                        step
                        go
                        readonly
                        form=shown
                        refused
                        login
                    />
                }
                    .into_any()
            }}
        </div>
    }
}

/// The fields of a step in a plain form post, inside the island that autosaves it, moves
/// its length counters and keeps what was typed after a failed save (`AutosaveForm`). What a
/// post without JavaScript was refused for shows in the form, with what it typed.
// The step's facts as the form needs them; a struct would only rename them.
#[allow(clippy::too_many_arguments)]
#[component]
fn StepForm(
    id: i64,
    version: i64,
    step: Step,
    /// The step « Enregistrer et continuer » goes to (0: stay).
    go: i32,
    readonly: bool,
    form: CandidatureForm,
    refused: Option<AppError>,
    /// The sign-in page, coming back to this step.
    login: String,
) -> impl IntoView {
    let l = use_locale();
    let error: ActionError = Signal::stored(refused);
    let save_url = <SaveCandidature as leptos::server_fn::ServerFn>::url();
    let key = format!("candidature-{id}-etape-{}", step.number());
    // An autosave stays on the step; « Enregistrer et continuer » posts the form's own `go`.
    let fields = vec![("go".to_string(), "0".to_string())];
    view! {
        <AutosavedForm kind=AutosaveKind::Step action=save_url id version error key login fields>
            <input type="hidden" name="step" value=step.number().to_string()/>
            <input type="hidden" name="go" value=go.to_string()/>
            <StepFields step form error/>
            <AutosaveStatus kind=AutosaveKind::Step/>
            <div class="fr-btns-group fr-btns-group--inline-md fr-mt-3w">
                <button type="submit" class="fr-btn" disabled=readonly>
                    {l.pick("Enregistrer et continuer", "Save and continue")}
                </button>
            </div>
        </AutosavedForm>
    }
}

/// Links to every step (a step can be revisited at any time).
#[component]
fn StepNav(id: i64, current: Step) -> impl IntoView {
    let l = use_locale();
    view! {
        <nav class="fr-my-2w" aria-label=l.pick("Étapes de la candidature", "Application steps")>
            <ol class="app-step-nav">
                {Step::ALL
                    .into_iter()
                    .map(|s| {
                        let href = Page::Step { id: CandidatureId(id), step: s.number() }.path();
                        let here = (s == current).then_some("step");
                        view! {
                            <li>
                                <a class="fr-link fr-link--sm" href=href aria-current=here>
                                    {format!("{}. {}", s.number(), s.label().get(l))}
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </nav>
    }
}

/// The message of a field's problem, in the reader's language.
fn problem_of(error: ActionError, name: String, l: Locale) -> Signal<Option<String>> {
    Signal::derive(move || {
        error.with(|e| e.as_ref().and_then(|e| e.form_errors()).and_then(|f| f.for_field(&name)).map(|p| p.message(l)))
    })
}

#[derive(Clone, Copy)]
enum Kind {
    Line,
    Url,
    Text,
}

/// One labelled input or textarea, named `form[<name>]` for the server function.
// A field is described by these nine facts; a struct would only rename them.
#[allow(clippy::too_many_arguments)]
fn input(
    l: Locale,
    error: ActionError,
    name: String,
    post_name: String,
    label: Label,
    hint: Option<Label>,
    max: u32,
    value: String,
    kind: Kind,
) -> AnyView {
    let id = format!("champ-{}", name.replace(['[', ']', '.'], "-"));
    let messages = format!("{id}-messages");
    let counter_id = format!("{id}-counter");
    let problem = problem_of(error, name.clone(), l);
    let limit = match l {
        Locale::Fr => format!("{max} caractères maximum."),
        Locale::En => format!("{max} characters maximum."),
    };
    let hint_text = match hint {
        Some(h) => format!("{} {limit}", h.get(l)),
        None => limit,
    };
    let group = move || if problem.get().is_some() { "fr-input-group fr-input-group--error" } else { "fr-input-group" };
    let class = move || if problem.get().is_some() { "fr-input fr-input--error" } else { "fr-input" };
    // The count of characters typed, against the limit (the island follows the typing).
    let count = value.chars().count();
    let counter = match l {
        Locale::Fr => format!("{count} / {max} caractères"),
        Locale::En => format!("{count} / {max} characters"),
    };
    let over = if count > max as usize { "fr-hint-text app-counter app-counter--over" } else { "fr-hint-text app-counter" };
    let control = match kind {
        Kind::Text => view! {
            <textarea
                class=class
                id=id.clone()
                name=post_name
                rows="6"
                maxlength=max
                aria-describedby=messages.clone()
                aria-invalid=move || problem.get().map(|_| "true")
            >
                {crate::ui::raw_text::textarea(value)}
            </textarea>
        }
        .into_any(),
        Kind::Line | Kind::Url => view! {
            <input
                class=class
                id=id.clone()
                name=post_name
                type=if matches!(kind, Kind::Url) { "url" } else { "text" }
                maxlength=max
                value=value
                aria-describedby=messages.clone()
                aria-invalid=move || problem.get().map(|_| "true")
            />
        }
        .into_any(),
    };
    view! {
        <div class=group>
            <label class="fr-label" for=id>
                {label.get(l)}
                " "
                <span class="fr-hint-text">{hint_text}</span>
            </label>
            {control}
            <p class=over id=counter_id aria-hidden="true">{counter}</p>
            <div class="fr-messages-group" id=messages aria-live="polite" data-problem=name>
                {move || problem.get().map(|m| view! { <p class="fr-message fr-message--error">{m}</p> })}
            </div>
        </div>
    }
    .into_any()
}

/// A labelled choice among codes.
fn select(l: Locale, error: ActionError, name: &'static str, label: Label, options: Vec<(&'static str, Label)>, value: String) -> AnyView {
    let id = format!("champ-{name}");
    let messages = format!("{id}-messages");
    let problem = problem_of(error, name.to_string(), l);
    let group = move || if problem.get().is_some() { "fr-select-group fr-select-group--error" } else { "fr-select-group" };
    view! {
        <div class=group>
            <label class="fr-label" for=id.clone()>{label.get(l)}</label>
            <select
                class="fr-select"
                id=id
                name=format!("form[{name}]")
                aria-describedby=messages.clone()
                aria-invalid=move || problem.get().map(|_| "true")
            >
                <option value="" selected=value.is_empty()>{l.pick("Choisir une option", "Choose an option")}</option>
                {options
                    .into_iter()
                    .map(|(code, label)| view! { <option value=code selected=value == code>{label.get(l)}</option> })
                    .collect_view()}
            </select>
            <div class="fr-messages-group" id=messages aria-live="polite" data-problem=name>
                {move || problem.get().map(|m| view! { <p class="fr-message fr-message--error">{m}</p> })}
            </div>
        </div>
    }
    .into_any()
}

// A field is described by these eight facts; a struct would only rename them.
#[allow(clippy::too_many_arguments)]
fn line(l: Locale, e: ActionError, name: &'static str, label: Label, hint: Option<Label>, max: u32, value: &str, kind: Kind) -> AnyView {
    input(l, e, name.to_string(), format!("form[{name}]"), label, hint, max, value.to_string(), kind)
}

#[component]
fn StepFields(step: Step, form: CandidatureForm, error: ActionError) -> impl IntoView {
    let l = use_locale();
    let e = error;
    match step {
        Step::Project => view! {
            {line(l, e, field::PROJECT_NAME, Label::new("Nom du projet", "Project name"), None, cf::PROJECT_NAME_MAX, &form.project_name, Kind::Line)}
            {line(l, e, field::PITCH, Label::new("Le projet en une phrase", "The project in one sentence"), None, cf::PITCH_MAX, &form.pitch, Kind::Line)}
            {line(l, e, field::DESCRIPTION, Label::new("Description du projet", "Project description"),
                Some(Label::new("Ce que fait le projet, pour qui, où il en est.", "What the project does, for whom, where it stands.")),
                cf::DESCRIPTION_MAX, &form.description, Kind::Text)}
            {select(l, e, field::STAGE, Label::new("Avancement", "Stage"),
                ProjectStage::ALL.into_iter().map(|s| (s.code(), s.label())).collect(), form.stage.clone())}
            {select(l, e, field::THEME, Label::new("Thème", "Theme"),
                Theme::ALL.into_iter().map(|t| (t.code(), t.label())).collect(), form.theme.clone())}
            {line(l, e, field::WEBSITE, Label::new("Site web (facultatif)", "Website (optional)"),
                Some(Label::new("Adresse commençant par https://", "Address starting with https://")), cf::URL_MAX, &form.website, Kind::Url)}
            {line(l, e, field::REPOSITORY, Label::new("Dépôt du code source (facultatif)", "Source code repository (optional)"),
                Some(Label::new("Adresse commençant par https://", "Address starting with https://")), cf::URL_MAX, &form.repository, Kind::Url)}
        }
        .into_any(),
        Step::Impact => view! {
            {line(l, e, field::PUBLIC_INTEREST, Label::new("L'objectif d'intérêt général", "The public-interest goal"),
                Some(Label::new("En quoi le projet améliore-t-il le service public ?", "How does the project improve public service?")),
                cf::PUBLIC_INTEREST_MAX, &form.public_interest, Kind::Text)}
            {line(l, e, field::IMPACT, Label::new("L'impact pour tous les Français", "The impact for all French people"),
                Some(Label::new("Qui en bénéficie, combien de personnes, partout en France ?", "Who benefits, how many people, everywhere in France?")),
                cf::IMPACT_MAX, &form.impact, Kind::Text)}
        }
        .into_any(),
        Step::Team => {
            let rows = form.co_applicants.len().clamp(2, cf::CO_APPLICANTS_MAX as usize);
            view! {
                {select(l, e, field::CARRIER_KIND, Label::new("Qui porte le projet ?", "Who carries the project?"),
                    CarrierKind::ALL.into_iter().map(|k| (k.code(), k.label())).collect(), form.carrier_kind.clone())}
                {line(l, e, field::CARRIER_NAME, Label::new("Nom de la structure", "Name of the organisation"),
                    Some(Label::new("Facultatif pour un particulier.", "Optional for an individual.")), cf::CARRIER_NAME_MAX, &form.carrier_name, Kind::Line)}
                <fieldset class="fr-fieldset">
                    <legend class="fr-fieldset__legend">
                        {l.pick("Co-porteurs (facultatif)", "Co-applicants (optional)")}
                        <span class="fr-hint-text">
                            {l.pick(
                                "Chaque co-porteur retrouve cette candidature dans « Mes candidatures » en se connectant avec l'adresse indiquée ici, et peut la compléter. Vous seul la déposez.",
                                "Each co-applicant finds this application in « My applications » by logging in with the address given here, and can fill it in. Only you submit it.",
                            )}
                        </span>
                    </legend>
                    {(0..rows)
                        .map(|i| {
                            let c = form.co_applicants.get(i).cloned().unwrap_or_default();
                            let n = i + 1;
                            view! {
                                <div class="fr-fieldset__element app-co-applicant">
                                    {input(l, e, field::co_applicant_name(i), format!("form[co_applicants][{i}][name]"),
                                        Label::new("Nom", "Name"), Some(co_label(n)), cf::CO_APPLICANT_NAME_MAX, c.name, Kind::Line)}
                                    {input(l, e, field::co_applicant_email(i), format!("form[co_applicants][{i}][email]"),
                                        Label::new("Adresse électronique", "Email address"), Some(co_label(n)), cf::CO_APPLICANT_EMAIL_MAX, c.email, Kind::Line)}
                                    {input(l, e, field::co_applicant_role(i), format!("form[co_applicants][{i}][role]"),
                                        Label::new("Rôle", "Role"), Some(co_label(n)), cf::CO_APPLICANT_ROLE_MAX, c.role, Kind::Line)}
                                </div>
                            }
                        })
                        .collect_view()}
                </fieldset>
            }
            .into_any()
        }
        Step::Openness => view! {
            {line(l, e, field::LICENCE, Label::new("Licence", "Licence"),
                Some(Label::new("Par exemple : MIT, EUPL-1.2, Licence Ouverte 2.0.", "For example: MIT, EUPL-1.2, Licence Ouverte 2.0.")), cf::LICENCE_MAX, &form.licence, Kind::Line)}
            {line(l, e, field::PUBLICATION_PLAN, Label::new("Données et code publiés, et quand", "Data and code published, and when"),
                None, cf::PUBLICATION_PLAN_MAX, &form.publication_plan, Kind::Text)}
            {line(l, e, field::FUNDING_STATEMENT, Label::new("Financements et ressources", "Funding and resources"),
                Some(Label::new("Montants et sources (charte : transparence sur les financements).", "Amounts and sources (charter: transparency on funding).")),
                cf::FUNDING_STATEMENT_MAX, &form.funding_statement, Kind::Text)}
        }
        .into_any(),
        Step::Support => view! {
            <fieldset class="fr-fieldset">
                <legend class="fr-fieldset__legend">
                    {l.pick("Les soutiens de l'État qui aideraient votre projet", "The State's support that would help your project")}
                </legend>
                {SupportKind::ALL
                    .into_iter()
                    .enumerate()
                    .map(|(p, kind)| {
                        let existing = form.supports.iter().position(|s| s.kind == kind.code());
                        let need = existing.map(|j| form.supports[j].need.clone()).unwrap_or_default();
                        let error_name = existing.map(field::support_need).unwrap_or_else(|| format!("support-{p}"));
                        let box_id = format!("soutien-{}", kind.code());
                        view! {
                            <div class="fr-fieldset__element app-support">
                                <div class="fr-checkbox-group">
                                    <input
                                        type="checkbox"
                                        id=box_id.clone()
                                        name=format!("form[supports][{p}][kind]")
                                        value=kind.code()
                                        checked=existing.is_some()
                                    />
                                    <label class="fr-label" for=box_id>{kind.label().get(l)}</label>
                                </div>
                                {input(l, e, error_name, format!("form[supports][{p}][need]"),
                                    Label::new("Ce que ce soutien apporterait", "What this support would bring"),
                                    Some(kind.label()), cf::SUPPORT_NEED_MAX, need, Kind::Line)}
                            </div>
                        }
                    })
                    .collect_view()}
            </fieldset>
        }
        .into_any(),
        Step::Review => ().into_any(),
    }
}

fn co_label(n: usize) -> Label {
    const FR: [&str; 5] = ["Co-porteur 1.", "Co-porteur 2.", "Co-porteur 3.", "Co-porteur 4.", "Co-porteur 5."];
    const EN: [&str; 5] = ["Co-applicant 1.", "Co-applicant 2.", "Co-applicant 3.", "Co-applicant 4.", "Co-applicant 5."];
    let i = n.clamp(1, 5) - 1;
    Label::new(FR[i], EN[i])
}

/// The summary, the 4 commitments and the submit button.
#[component]
fn Review(candidature: CandidatureView, action: ServerAction<SubmitCandidature>, error: ActionError) -> impl IntoView {
    let l = use_locale();
    let accepted = candidature.accepted.clone();
    view! {
        <h2 class="fr-mt-3w">{l.pick("Récapitulatif", "Summary")}</h2>
        <CandidatureRecap form=candidature.form.clone()/>
        <AttachmentSection id=candidature.id attachment=candidature.attachment.clone() editable=candidature.can_edit/>
        <FormAlert error/>
        <ActionForm action attr:novalidate=true>
            <input type="hidden" name="id" value=candidature.id.to_string()/>
            <input type="hidden" name="version" value=candidature.version.to_string()/>
            <fieldset class="fr-fieldset">
                <legend class="fr-fieldset__legend">
                    {l.pick("Les 4 engagements de la charte du service public augmenté", "The 4 commitments of the charter of the augmented public service")}
                </legend>
                {Commitment::ALL
                    .into_iter()
                    .map(|c| {
                        let id = format!("engagement-{}", c.code());
                        let name = field::commitment(c);
                        let problem = problem_of(error, name, l);
                        let messages = format!("{id}-messages");
                        view! {
                            <div class="fr-fieldset__element">
                                <div class="fr-checkbox-group">
                                    <input
                                        type="checkbox"
                                        id=id.clone()
                                        name="commitments[]"
                                        value=c.code()
                                        checked=accepted.contains(&c)
                                        aria-describedby=messages.clone()
                                    />
                                    <label class="fr-label" for=id>
                                        {format!("{} {}", l.pick("Je m'engage :", "I commit to:"), c.label().get(l))}
                                    </label>
                                    <div class="fr-messages-group" id=messages aria-live="polite">
                                        {move || problem.get().map(|m| view! { <p class="fr-message fr-message--error">{m}</p> })}
                                    </div>
                                </div>
                            </div>
                        }
                    })
                    .collect_view()}
            </fieldset>
            <button type="submit" class="fr-btn" disabled=!candidature.can_submit>
                {if candidature.status == Status::CorrectionRequested {
                    l.pick("Renvoyer ma candidature corrigée", "Send my corrected application")
                } else {
                    l.pick("Déposer ma candidature", "Submit my application")
                }}
            </button>
        </ActionForm>
    }
}
