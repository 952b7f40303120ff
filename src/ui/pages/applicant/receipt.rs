//! The receipt after submission: reference, date, and a printable summary.

use crate::domain::paths::Page;
use crate::domain::ids::CandidatureId;

use crate::api::candidature::{get_candidature, WithdrawCandidature};
use crate::ui::components::loaded::{by_param, id_param, loaded};
use crate::ui::components::form::{action_error, FormAlert};
use crate::ui::components::history::CandidatureHistory;
use crate::ui::components::attachment::AttachmentLink;
use crate::ui::components::recap::CandidatureRecap;
use crate::ui::format::long_date;
use crate::domain::i18n::Locale;
use crate::ui::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;

/// « Imprimer le récépissé »: an island that opens the browser's print dialog (the button
/// shows only once the page is hydrated; without JavaScript the browser's own menu prints).
#[island]
fn PrintButton(locale: Locale) -> impl IntoView {
    let print = |_: leptos::ev::MouseEvent| {
        #[cfg(feature = "hydrate")]
        if let Err(e) = window().print() {
            leptos::logging::warn!("print failed: {e:?}");
        }
    };
    view! {
        <p class="app-js-only app-no-print">
            <button type="button" class="fr-btn fr-btn--secondary" on:click=print>
                {locale.pick("Imprimer le récépissé", "Print the receipt")}
            </button>
        </p>
    }
}

#[component]
pub fn ReceiptPage() -> impl IntoView {
    let l = use_locale();
    let candidature = by_param(id_param("id"), get_candidature);
    let title = l.pick("Récépissé de dépôt", "Submission receipt");
    let withdraw = ServerAction::<WithdrawCandidature>::new();
    let withdraw_error = action_error(withdraw.value());
    loaded(candidature, move |c| {
        let submitted = c
            .submitted_at
            .and_then(|t| chrono::DateTime::from_timestamp(t, 0))
            .map(|d| long_date(l, d.date_naive()));
        view! {
            <Title text=title/>
            <h1 class="fr-mt-5w">{title}</h1>
            <p>
                <a class="fr-link" href=Page::Messages { id: CandidatureId(c.id) }.path()>
                    {if c.unread_messages > 0 {
                        format!("{} ({} {})", l.pick("Messages avec l'équipe", "Messages with the team"), c.unread_messages, l.pick("non lu(s)", "unread"))
                    } else {
                        l.pick("Messages avec l'équipe", "Messages with the team").to_string()
                    }}
                </a>
            </p>
            {match submitted {
                Some(date) => view! {
                    <div class="fr-alert fr-alert--success fr-mb-3w" role="status">
                        <p>
                            {format!(
                                "{} {} {} {}.",
                                l.pick("Votre candidature a bien été déposée le", "Your application was submitted on"),
                                date,
                                l.pick("sous la référence", "with the reference"),
                                c.reference,
                            )}
                        </p>
                    </div>
                }
                .into_any(),
                None => view! {
                    <p>{l.pick("Cette candidature n'a pas encore été déposée.", "This application has not been submitted yet.")}</p>
                }
                .into_any(),
            }}
            {c
                .staff_message()
                .map(|m| {
                    view! {
                        <div class="fr-alert fr-alert--warning fr-mb-3w">
                            <h2 class="fr-alert__title">{c.status.label().get(l)}</h2>
                            <p class="app-message-text">{m.to_string()}</p>
                        </div>
                    }
                })}
            {c.decision.clone().map(|d| view! { <DecisionFeedback d/> })}
            <dl class="app-facts">
                <dt>{l.pick("Projet", "Project")}</dt>
                <dd>{c.form.project_name.clone()}</dd>
                <dt>{l.pick("Statut", "Status")}</dt>
                <dd>{c.status.label().get(l)}</dd>
                <dt>{l.pick("Modifiable jusqu'au", "Can be changed until")}</dt>
                <dd>{long_date(l, c.call_closes)}</dd>
                <dt>{l.pick("Engagements de la charte acceptés", "Charter commitments accepted")}</dt>
                <dd>{c.accepted.len()} " / 4"</dd>
                <dt>{l.pick("Conservation", "Retention")}</dt>
                <dd>
                    {crate::ui::format::kept_until(l, c.kept_until)} " "
                    <a href=Page::Privacy.path()>{l.pick("Vos données personnelles", "Your personal data")}</a>
                </dd>
            </dl>
            <h2 class="fr-mt-5w">{l.pick("Historique", "History")}</h2>
            <CandidatureHistory history=c.history.clone()/>
            <h2 class="fr-mt-5w">{l.pick("Votre candidature", "Your application")}</h2>
            <CandidatureRecap form=c.form.clone()/>
            <h3 class="fr-mt-3w">{l.pick("Document de présentation", "Presentation document")}</h3>
            <AttachmentLink id=c.id attachment=c.attachment.clone()/>
            <PrintButton locale=l/>
            {c
                .can_withdraw
                .then(|| {
                    view! {
                        <details class="fr-mt-3w app-withdraw app-no-print">
                            <summary>{l.pick("Retirer ma candidature", "Withdraw my application")}</summary>
                            <p>
                                {l.pick(
                                    "Le retrait est définitif : la candidature ne sera pas examinée.",
                                    "Withdrawal is final: the application will not be reviewed.",
                                )}
                            </p>
                            <FormAlert error=withdraw_error/>
                            <ActionForm action=withdraw>
                                <input type="hidden" name="id" value=c.id.to_string()/>
                                <button type="submit" class="fr-btn fr-btn--secondary">
                                    {l.pick("Confirmer le retrait", "Confirm the withdrawal")}
                                </button>
                            </ActionForm>
                        </details>
                    }
                })}
            <p class="fr-mt-3w app-no-print">
                <a class="fr-link" href=Page::Candidatures.path()>{l.pick("Retour à mes candidatures", "Back to my applications")}</a>
            </p>
        }
    })
}

/// The selection decision as the applicant reads it: the outcome, the reason given for each
/// criterion and the average score the reviewers gave (never a name or an individual score).
#[component]
fn DecisionFeedback(d: crate::api::jury::DecisionView) -> impl IntoView {
    use crate::ui::components::table::Table;
    let l = use_locale();
    let kind = match d.outcome {
        crate::domain::jury::Outcome::Selected => "fr-alert fr-alert--success fr-mb-3w",
        _ => "fr-alert fr-alert--info fr-mb-3w",
    };
    view! {
        <div class=kind>
            <h2 class="fr-alert__title">{format!("{} {}", l.pick("Décision du jury :", "The jury's decision:"), d.outcome.label().get(l))}</h2>
            <p>{l.pick("Voici le motif de la décision pour chaque critère de sélection, avec la note moyenne des évaluations (sur 4).", "Here is the reason for the decision on each selection criterion, with the average score of the reviews (out of 4).")}</p>
            <p>
                {l.pick(
                    "Cette décision a été prise par le jury avec l'aide d'un traitement algorithmique : le classement des candidatures par notes normalisées (article L311-3-1 du code des relations entre le public et l'administration). ",
                    "This decision was taken by the jury with the help of an algorithmic treatment: the ranking of the applications by normalised scores (article L311-3-1 of the French code des relations entre le public et l'administration). ",
                )}
                <a href=crate::domain::paths::Page::DecisionRules.path()>{l.pick("Les règles de ce traitement", "The rules of this treatment")}</a>
            </p>
        </div>
        <Table
            caption=l.pick("Retour détaillé par critère", "Detailed feedback per criterion")
            columns=vec![l.pick("Critère", "Criterion"), l.pick("Note moyenne", "Average score"), l.pick("Motif", "Reason")]
        >
            {d.reasons
                .iter()
                .map(|(c, reason)| {
                    let avg = d.averages.iter().find(|(k, _)| k == c).map(|(_, v)| format!("{v:.1} / 4")).unwrap_or_else(|| "—".to_string());
                    view! {
                        <tr>
                            <th scope="row">{c.label().get(l)}</th>
                            <td>{avg}</td>
                            <td>{reason.clone()}</td>
                        </tr>
                    }
                })
                .collect_view()}
        </Table>
    }
}
