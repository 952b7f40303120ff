//! « Mes candidatures »: the applicant's candidatures with status, deadline and next action.

use crate::domain::paths::Page;
use crate::domain::ids::CandidatureId;

use crate::api::candidature::{my_candidatures, CandidatureList, CandidatureView, StartCandidature};
use crate::api::cohort::{featured_cohort, CohortView};
use crate::domain::cohort::Phase;
use crate::domain::candidature::Status;
use crate::domain::error::AppError;
use crate::ui::components::loaded::loaded;
use crate::ui::components::form::{action_error, FormAlert};
use crate::ui::format::long_date;
use crate::ui::components::table::Table;
use crate::ui::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn CandidaturesPage() -> impl IntoView {
    let l = use_locale();
    let start = ServerAction::<StartCandidature>::new();
    let error = action_error(start.value());
    // The list (its error is the page's) and the cohort whose call is shown, if any.
    let page = Resource::new(|| (), |_| async move {
        let list = my_candidatures().await?;
        Ok::<_, AppError>((list, featured_cohort().await.ok().flatten()))
    });
    let title = l.pick("Mes candidatures", "My applications");
    loaded(page, move |(CandidatureList { list, waiting_for_confirmation }, cohort)| {
        view! {
            <Title text=title/>
            <h1 class="fr-mt-5w">{title}</h1>
            <FormAlert error/>
            {(waiting_for_confirmation > 0).then(|| view! { <WaitingForConfirmation/> })}
            {match cohort {
                Some(c) if c.phase == Phase::CallOpen => view! { <StartForm start cohort=c/> }.into_any(),
                other => view! { <CallClosed next=other/> }.into_any(),
            }}
            {if list.is_empty() {
                view! { <p>{l.pick("Vous n'avez pas encore de candidature.", "You have no application yet.")}</p> }.into_any()
            } else {
                view! {
                    <StaffMessages list=list.clone()/>
                    <CandidatureTable list/>
                }
                    .into_any()
            }}
        }
    })
}

/// A holder named this address as co-applicant; access opens once the address is confirmed.
#[component]
fn WaitingForConfirmation() -> impl IntoView {
    let l = use_locale();
    view! {
        <div class="fr-alert fr-alert--info fr-alert--sm fr-mb-3w" role="status">
            <p>
                {l.pick(
                    "Une candidature vous désigne comme co-porteur ou co-porteuse. Confirmez votre adresse électronique pour y accéder : ouvrez le lien reçu par e-mail, ou demandez-en un nouveau depuis ",
                    "An application names you as co-applicant. Confirm your email address to open it: follow the link you received by email, or ask for a new one on ",
                )}
                <a href=Page::Account.path()>{l.pick("Mon compte", "My account")}</a>
                "."
            </p>
        </div>
    }
}

#[component]
fn StartForm(start: ServerAction<StartCandidature>, cohort: CohortView) -> impl IntoView {
    let l = use_locale();
    view! {
        <ActionForm action=start>
            <button type="submit" class="fr-btn">
                {l.pick("Commencer ou reprendre ma candidature", "Start or resume my application")}
            </button>
        </ActionForm>
        <p class="fr-hint-text fr-mt-1w">
            {format!(
                "{} {}. {}",
                l.pick("Appel ouvert jusqu'au", "Call open until"),
                long_date(l, cohort.calendar.call_closes),
                l.pick(
                    "Comptez moins de 30 minutes. Chaque étape est enregistrée : vous pouvez vous arrêter et reprendre plus tard.",
                    "Allow less than 30 minutes. Each step is saved: you can stop and come back later.",
                ),
            )}
        </p>
    }
}

/// Outside the call: when the next one opens, if it is known.
#[component]
fn CallClosed(next: Option<CohortView>) -> impl IntoView {
    let l = use_locale();
    let text = match next.filter(|c| c.phase == Phase::Upcoming) {
        Some(c) => format!(
            "{} {}.",
            l.pick("L'appel à candidatures est fermé. Le prochain appel ouvre le", "The call for applications is closed. The next call opens on"),
            long_date(l, c.calendar.call_opens)
        ),
        None => l
            .pick(
                "L'appel à candidatures est fermé. La date du prochain appel sera annoncée sur la page d'accueil.",
                "The call for applications is closed. The date of the next call will be announced on the home page.",
            )
            .to_string(),
    };
    view! {
        <div class="fr-alert fr-alert--info fr-alert--sm" role="status">
            <p>{text}</p>
        </div>
    }
}

/// What staff asked or decided, above the table, so that it cannot be missed.
#[component]
fn StaffMessages(list: Vec<CandidatureView>) -> impl IntoView {
    let l = use_locale();
    list.into_iter()
        .filter_map(|c| {
            let message = c.staff_message()?.to_string();
            let (class, intro) = match c.status {
                Status::CorrectionRequested => (
                    "fr-alert fr-alert--warning fr-mt-3w",
                    l.pick("L'équipe du programme demande une correction de", "The programme team asks for a correction of"),
                ),
                _ => ("fr-alert fr-alert--info fr-mt-3w", l.pick("Décision de l'équipe du programme sur", "The programme team's decision on")),
            };
            Some(view! {
                <div class=class>
                    <h2 class="fr-alert__title">{format!("{intro} « {} » ({})", c.form.project_name, c.status.label().get(l))}</h2>
                    <p class="app-message-text">{message}</p>
                </div>
            })
        })
        .collect_view()
}

#[component]
fn CandidatureTable(list: Vec<CandidatureView>) -> impl IntoView {
    let l = use_locale();
    view! {
        <Table
            caption=l.pick("Vos candidatures", "Your applications")
            columns=vec![l.pick("Projet", "Project"), l.pick("Référence", "Reference"), l.pick("Statut", "Status"), l.pick("Date limite", "Deadline"), l.pick("Prochaine action", "Next step")]
            class="fr-mt-4w"
        >
            {list
                .into_iter()
                .map(|c| {
                    let name = if c.form.project_name.is_empty() {
                        l.pick("Projet sans nom", "Untitled project").to_string()
                    } else {
                        c.form.project_name.clone()
                    };
                    let name = if c.holder { name } else { format!("{name} ({})", l.pick("co-porteur", "co-applicant")) };
                    let next = next_action(&c, l);
                    view! {
                        <tr>
                            <td>{name}</td>
                            <td>{c.reference.clone()}</td>
                            <td>{c.status.label().get(l)}</td>
                            <td>{long_date(l, c.call_closes)}</td>
                            <td>
                                {next}
                                <br/>
                                <a class="fr-link" href=Page::Messages { id: CandidatureId(c.id) }.path()>
                                    {if c.unread_messages > 0 {
                                        format!("{} ({} {})", l.pick("Messages", "Messages"), c.unread_messages, l.pick("non lu(s)", "unread"))
                                    } else {
                                        l.pick("Messages", "Messages").to_string()
                                    }}
                                </a>
                            </td>
                        </tr>
                    }
                })
                .collect_view()}
        </Table>
    }
}

fn next_action(c: &CandidatureView, l: crate::domain::i18n::Locale) -> AnyView {
    let step_href = Page::Step { id: CandidatureId(c.id), step: c.current_step.clamp(1, 6) }.path();
    match c.status {
        Status::Draft if c.can_edit => {
            view! { <a class="fr-link" href=step_href>{l.pick("Continuer ma candidature", "Continue my application")}</a> }
                .into_any()
        }
        Status::CorrectionRequested => {
            view! { <a class="fr-link" href=step_href>{l.pick("Corriger ma candidature", "Correct my application")}</a> }
                .into_any()
        }
        Status::Draft => view! { <span>{l.pick("L'appel est fermé", "The call is closed")}</span> }.into_any(),
        Status::Selected | Status::InProgramme | Status::Launched => {
            let href = Page::Project { id: CandidatureId(c.id) }.path();
            let text = if c.status == Status::Selected {
                l.pick("Signer la charte et commencer le programme", "Sign the charter and start the programme")
            } else {
                l.pick("Mon programme d'accélération", "My acceleration programme")
            };
            let receipt = Page::Receipt { id: CandidatureId(c.id) }.path();
            view! {
                <a class="fr-link" href=href>{text}</a>
                <br/>
                <a class="fr-link" href=receipt>{l.pick("Voir ma candidature", "See my application")}</a>
            }
            .into_any()
        }
        Status::Submitted if c.can_edit => {
            let href = Page::Receipt { id: CandidatureId(c.id) }.path();
            view! {
                <a class="fr-link" href=href>{l.pick("Voir le récépissé", "See the receipt")}</a>
                <br/>
                <a class="fr-link" href=step_href>{l.pick("Modifier avant la clôture", "Change it before the call closes")}</a>
            }
            .into_any()
        }
        _ => {
            let href = Page::Receipt { id: CandidatureId(c.id) }.path();
            view! { <a class="fr-link" href=href>{l.pick("Voir ma candidature", "See my application")}</a> }.into_any()
        }
    }
}
