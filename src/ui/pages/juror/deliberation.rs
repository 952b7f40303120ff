//! `/cohortes/:id/deliberation` — the ranking (staff, and jurors who submitted all their
//! reviews): mean, median, normalised score, spread, disagreement, per-criterion averages,
//! missing reviews, opinions; sorted by any column through links (no JavaScript needed).
//! Staff record each decision with a reason per criterion.

use crate::domain::done::Done;
use crate::ui::components::loaded::done_param;
use crate::api::jury::{jury_ranking, Deliberation, JuryDecide, RankingRow};
use crate::domain::criteria::Criterion;
use crate::domain::error::AppError;
use crate::domain::i18n::Locale;
use crate::domain::jury::ranking::SortKey;
use crate::domain::jury::{field, Outcome, COMMENT_MAX};
use crate::domain::candidature::Status;
use crate::ui::components::form::{action_error, field_problem, kept, ActionError, FormAlert, SuccessAlert};
use crate::ui::components::loaded::{id_param, loaded, query_param};
use crate::ui::components::table::{Column, Table};
use crate::ui::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn DeliberationPage() -> impl IntoView {
    let id = id_param("id");
    let tri = query_param("tri");
    let ordre = query_param("ordre");
    let decide = ServerAction::<JuryDecide>::new();
    let ranking = Resource::new(move || (id(), tri(), ordre(), decide.version().get()), |(id, tri, ordre, _)| async move {
        match id {
            Some(id) => jury_ranking(id, tri, ordre).await,
            None => Err(AppError::NotFound),
        }
    });
    loaded(ranking, move |d| view! { <DeliberationView d decide/> })
}

fn figure(v: Option<f64>) -> String {
    v.map(|v| format!("{v:.2}")).unwrap_or_else(|| "—".to_string())
}

#[component]
fn DeliberationView(d: Deliberation, decide: ServerAction<JuryDecide>) -> impl IntoView {
    let l = use_locale();
    let ok = done_param();
    let title = format!("{} — {}", l.pick("Délibération", "Deliberation"), d.cohort_name);
    let error = action_error(decide.value());
    let header = |key: SortKey, text: &'static str| {
        let active = d.sort == key;
        let next = if active && d.descending { "asc" } else { "desc" };
        let sort = if !active {
            "none"
        } else if d.descending {
            "descending"
        } else {
            "ascending"
        };
        Column::sortable(text, format!("?tri={}&ordre={next}", key.code()), sort)
    };
    let columns: Vec<Column> = vec![
        l.pick("Candidature", "Application").into(),
        header(SortKey::Normalised, l.pick("Score normalisé", "Normalised score")),
        header(SortKey::Mean, l.pick("Moyenne", "Mean")),
        header(SortKey::Median, l.pick("Médiane", "Median")),
        header(SortKey::Spread, l.pick("Écart", "Spread")),
        l.pick("Moyenne par critère", "Mean per criterion").into(),
        header(SortKey::Reviews, l.pick("Évaluations", "Reviews")),
        header(SortKey::Missing, l.pick("Manquantes", "Missing")),
        l.pick("Avis (fav. / rés. / déf.)", "Opinions (fav. / res. / unfav.)").into(),
        l.pick("Statut", "Status").into(),
    ];
    let decidable: Vec<RankingRow> = d.rows.iter().filter(|r| matches!(r.status, Status::UnderReview | Status::Waitlisted)).cloned().collect();
    view! {
        <Title text=title.clone()/>
        <h1 class="fr-mt-5w">{title}</h1>
        {move || (ok() == Some(Done::JuryDecided)).then(|| view! { <SuccessAlert message=l.pick("Décision enregistrée.", "Decision recorded.").to_string()/> })}
        <p>
            {match l {
                Locale::Fr => format!("{} projets sélectionnés sur {} places.", d.selected, d.capacity),
                Locale::En => format!("{} projects selected out of {} places.", d.selected, d.capacity),
            }}
        </p>
        <p class="fr-hint-text">
            {l.pick(
                "Le score normalisé compare chaque évaluation aux autres évaluations du même juré (écart à sa moyenne, en écarts-types) : un juré sévère et un juré indulgent pèsent autant. « Désaccord » signale un écart d'au moins 1,5 point entre évaluations. Cliquez un titre de colonne pour trier.",
                "The normalised score compares each review with the same juror's other reviews (distance to their mean, in standard deviations): a harsh and a lenient juror weigh the same. « Disagreement » flags a gap of at least 1.5 points between reviews. Click a column title to sort.",
            )}
        </p>
        <Table
            caption=l.pick("Classement des candidatures", "Ranking of the applications")
            columns
        >
            {d.rows
                .iter()
                .map(|r| {
                    let f = &r.figures;
                    let per = f
                        .per_criterion
                        .iter()
                        .filter_map(|(i, v)| Criterion::ALL.get(usize::from(*i)).map(|c| format!("{} : {v:.1}", c.label().get(l))))
                        .collect::<Vec<_>>();
                    view! {
                        <tr>
                            <th scope="row">{r.project_name.clone()}<br/><span class="fr-text--sm">{r.reference.clone()}</span></th>
                            <td>{figure(f.normalised)}</td>
                            <td>{figure(f.mean)}</td>
                            <td>{figure(f.median)}</td>
                            <td>
                                {figure(f.spread)}
                                {f.disagreement.then(|| view! { " " <span class="fr-badge fr-badge--warning fr-badge--sm">{l.pick("Désaccord", "Disagreement")}</span> })}
                            </td>
                            <td><ul class="app-plain-list">{per.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul></td>
                            <td>{f.reviews}</td>
                            <td>{f.missing}</td>
                            <td>{format!("{} / {} / {}", r.opinions.0, r.opinions.1, r.opinions.2)}</td>
                            <td>{r.status.label().get(l)}</td>
                        </tr>
                    }
                })
                .collect_view()}
        </Table>
        {(d.can_decide && !decidable.is_empty()).then(|| view! { <DecisionForm rows=decidable decide error/> })}
    }
}

#[component]
fn DecisionForm(rows: Vec<RankingRow>, decide: ServerAction<JuryDecide>, error: ActionError) -> impl IntoView {
    let l = use_locale();
    let outcome_problem = move || field_problem(error, field::OUTCOME, l);
    view! {
        <h2 class="fr-mt-5w">{l.pick("Enregistrer une décision", "Record a decision")}</h2>
        <p>{l.pick("Le candidat lira la décision, le motif de chaque critère et les notes moyennes, jamais le nom des jurés.", "The applicant will read the decision, the reason for each criterion and the average scores, never the jurors' names.")}</p>
        <FormAlert error/>
        <ActionForm action=decide attr:novalidate=true>
            <div class="fr-select-group">
                <label class="fr-label" for="decision-candidature">{l.pick("Candidature", "Application")}</label>
                <select class="fr-select" id="decision-candidature" name="candidature_id">
                    {rows.into_iter().map(|r| view! { <option value=r.candidature_id.to_string()>{format!("{} ({})", r.project_name, r.reference)}</option> }).collect_view()}
                </select>
            </div>
            <fieldset
                class=move || if outcome_problem().is_some() { "fr-fieldset fr-fieldset--error" } else { "fr-fieldset" }
                aria-labelledby="decision-legende decision-issue-messages"
            >
                <legend class="fr-fieldset__legend" id="decision-legende">{l.pick("Décision", "Decision")}</legend>
                {Outcome::ALL
                    .into_iter()
                    .map(|o| {
                        let id = format!("issue-{}", o.code());
                        view! {
                            <div class="fr-fieldset__element fr-fieldset__element--inline">
                                <div class="fr-radio-group">
                                    <input type="radio" id=id.clone() name=field::OUTCOME value=o.code()/>
                                    <label class="fr-label" for=id>{o.label().get(l)}</label>
                                </div>
                            </div>
                        }
                    })
                    .collect_view()}
                <div class="fr-messages-group" id="decision-issue-messages" aria-live="polite">
                    {move || outcome_problem().map(|m| view! { <p class="fr-message fr-message--error">{m}</p> })}
                </div>
            </fieldset>
            {Criterion::ALL
                .into_iter()
                .map(|c| {
                    let name = field::reason(c);
                    let id = format!("motif-{}", c.code());
                    let messages = format!("{id}-messages");
                    let typed = error.with_untracked(|e| kept(e, &name));
                    let problem = {
                        let name = name.clone();
                        move || field_problem(error, &name, l)
                    };
                    let has_problem = {
                        let p = problem.clone();
                        move || p().is_some()
                    };
                    view! {
                        <div class=move || if has_problem() { "fr-input-group fr-input-group--error" } else { "fr-input-group" }>
                            <label class="fr-label" for=id.clone()>
                                {format!("{} — {}", l.pick("Motif", "Reason"), c.label().get(l))}
                                " "
                                <span class="fr-hint-text">{format!("{COMMENT_MAX} {}", l.pick("caractères maximum.", "characters maximum."))}</span>
                            </label>
                            <textarea class="fr-input" id=id name=name rows="2" maxlength=COMMENT_MAX aria-describedby=messages.clone()>{crate::ui::raw_text::textarea(typed)}</textarea>
                            <div class="fr-messages-group" id=messages aria-live="polite">
                                {move || problem().map(|m| view! { <p class="fr-message fr-message--error">{m}</p> })}
                            </div>
                        </div>
                    }
                })
                .collect_view()}
            <button type="submit" class="fr-btn">{l.pick("Enregistrer la décision", "Record the decision")}</button>
        </ActionForm>
    }
}
