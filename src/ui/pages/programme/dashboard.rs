//! `/agent/cohortes/:id/programme` — staff follow a cohort's programme: one row per project
//! (charter, milestones, last check-in, supports, risk) and the cohort's totals, with a bar
//! chart (SVG) that only repeats the numbers of the table. Filters and order come from the
//! query (a plain GET form), so each view is a link, works without JavaScript, and the CSV
//! export gives the same rows.

use crate::domain::paths::{Download, Page};
use crate::domain::ids::{CandidatureId, CohortId};

use crate::api::programme::{programme_dashboard, Dashboard};
use crate::domain::programme::{SortBy, DASHBOARD_STATES};
use crate::ui::components::breadcrumb::Breadcrumb;
use crate::ui::components::loaded::{id_param, loaded, query_param};
use crate::ui::format::long_date;
use crate::ui::components::table::Table;
use crate::ui::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn DashboardPage() -> impl IntoView {
    let id = id_param("id");
    let (risk, state, sort) = (query_param("risque"), query_param("etat"), query_param("tri"));
    let data = Resource::new(
        move || (id(), risk(), state(), sort()),
        |(id, risk, state, sort)| async move {
            match id {
                Some(id) => programme_dashboard(id, risk, state, sort).await,
                None => Err(crate::domain::error::AppError::NotFound),
            }
        },
    );
    loaded(data, move |d: Dashboard| {
        let l = use_locale();
        let query = format!("risque={}&etat={}&tri={}", risk(), state(), sort());
        let csv = format!("{}?{query}", Download::ProgrammeCsv { cohort: CohortId(d.cohort_id) });
        let title = format!("{} — {}", l.pick("Suivi du programme", "Programme dashboard"), d.cohort_name);
        let sum = d.summary.clone();
        let ((delivered, requested), (done, total)) = (sum.supports, sum.milestones);
        let at_risk = sum.at_risk;
        let chart = SupportsChart(d.clone());
        view! {
            <Title text=title.clone()/>
            <Breadcrumb trail=vec![(Page::Cohorts.path(), l.pick("Cohortes", "Cohorts").to_string())] here=d.cohort_name.clone()/>
            <h1>{title}</h1>
            <p>{format!(
                "{} {} {} {}.",
                l.pick("Programme du", "Programme from"),
                long_date(l, d.dates.starts),
                l.pick("au", "to"),
                long_date(l, d.dates.ends),
            )}</p>
            {d.closed.then(|| view! {
                <p class="fr-badge">{l.pick("Cohorte clôturée : lecture seule", "Closed cohort: read only")}</p>
            })}
            <ul class="app-plain-list fr-mb-3w" aria-label=l.pick("Synthèse de la cohorte", "Cohort summary")>
                <li>{format!("{} {}", sum.projects, l.pick("projet(s) sélectionné(s)", "selected project(s)"))}</li>
                <li>{format!("{} {}", sum.launched, l.pick("projet(s) lancé(s)", "project(s) launched"))}</li>
                <li>{format!("{at_risk} {}", l.pick("projet(s) à risque", "project(s) at risk"))}</li>
                <li>{format!("{delivered} / {requested} {}", l.pick("accompagnements apportés", "supports delivered"))}</li>
                <li>{format!("{done} / {total} {}", l.pick("jalons atteints", "milestones reached"))}</li>
            </ul>
            <form method="get" class="app-filters fr-mb-3w" aria-label=l.pick("Filtrer et trier les projets", "Filter and sort the projects")>
                <div class="fr-checkbox-group">
                    <input type="checkbox" id="filtre-risque" name="risque" value="1" checked=risk() == "1"/>
                    <label class="fr-label" for="filtre-risque">{l.pick("Seulement les projets à risque", "Only projects at risk")}</label>
                </div>
                <div class="fr-select-group">
                    <label class="fr-label" for="filtre-etat">{l.pick("État", "State")}</label>
                    <select class="fr-select" id="filtre-etat" name="etat">
                        <option value="" selected=state().is_empty()>{l.pick("Tous", "All")}</option>
                        {DASHBOARD_STATES.into_iter().map(|s| view! {
                            <option value=s.code() selected=state() == s.code()>{s.label().get(l)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="fr-select-group">
                    <label class="fr-label" for="filtre-tri">{l.pick("Trier par", "Sort by")}</label>
                    <select class="fr-select" id="filtre-tri" name="tri">
                        {SortBy::ALL.into_iter().map(|s| view! {
                            <option value=s.code() selected=SortBy::from_code(&sort()) == s>{s.label().get(l)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <button type="submit" class="fr-btn fr-btn--secondary">{l.pick("Afficher", "Show")}</button>
            </form>
            <p>
                <a class="fr-link fr-icon-download-line fr-link--icon-left" href=csv download>
                    {l.pick("Télécharger ces lignes (CSV)", "Download these rows (CSV)")}
                </a>
                " · "
                <a class="fr-link" href=Page::Comparison.path()>{l.pick("Comparer avec les autres cohortes", "Compare with the other cohorts")}</a>
            </p>
            {if d.rows.is_empty() {
                view! { <p>{l.pick("Aucun projet ne correspond à ces critères dans cette cohorte.", "No project of this cohort matches these criteria.")}</p> }.into_any()
            } else {
                view! {
                    <Table
                        caption=l.pick("Avancement des projets", "Progress of the projects")
                        columns=vec![l.pick("Projet", "Project"), l.pick("État", "State"), l.pick("Charte", "Charter"), l.pick("Jalons atteints", "Milestones reached"), l.pick("Dernier point d'étape", "Last check-in"), l.pick("Accompagnements apportés / demandés", "Supports delivered / requested"), l.pick("Preuves de la charte vérifiées", "Charter evidence checked"), l.pick("Risque", "Risk")]
                    >
                        {d.rows.into_iter().map(|r| {
                            let p = r.progress.clone();
                            view! {
                                <tr>
                                    <th scope="row"><a href=Page::Project { id: CandidatureId(r.candidature_id) }.path()>{r.project_name.clone()}</a></th>
                                    <td>{r.status.label().get(l)}</td>
                                    <td>{if p.charter_signed { l.pick("signée", "signed") } else { l.pick("non signée", "not signed") }}</td>
                                    <td>{format!("{} / {}", p.milestones_done, p.milestones_total)}</td>
                                    <td>{match p.days_since_check_in {
                                        Some(0) => l.pick("aujourd'hui", "today").to_string(),
                                        Some(days) => format!("{} {days} {}", l.pick("il y a", ""), l.pick("jour(s)", "day(s) ago")).trim().to_string(),
                                        None => l.pick("aucun", "none").to_string(),
                                    }}</td>
                                    <td>
                                        {format!("{} / {}", p.supports_delivered, p.supports_requested)}
                                        {(p.supports_overdue > 0).then(|| view! { " " <span class="fr-badge fr-badge--error fr-badge--sm">{format!("{} {}", p.supports_overdue, l.pick("en retard", "overdue"))}</span> })}
                                    </td>
                                    <td>
                                        {format!("{} / {}", r.evidence.1, r.evidence.0)}
                                        {(r.evidence.2 > 0).then(|| view! { " " <span class="fr-badge fr-badge--error fr-badge--sm">{format!("{} {}", r.evidence.2, l.pick("en échec", "failed"))}</span> })}
                                    </td>
                                    <td>
                                        {if r.risks.is_empty() {
                                            view! { <span class="fr-badge fr-badge--success fr-badge--sm">{l.pick("dans les temps", "on track")}</span> }.into_any()
                                        } else {
                                            view! {
                                                <ul class="app-plain-list">
                                                    {r.risks.iter().map(|k| view! { <li><span class="fr-badge fr-badge--warning fr-badge--sm">{k.label().get(l)}</span></li> }).collect_view()}
                                                </ul>
                                            }.into_any()
                                        }}
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </Table>
                    {chart}
                }.into_any()
            }}
        }
    })
}

/// Supports delivered and requested per project, as horizontal bars. The figures are those of
/// the table; the chart has a title and a description for assistive technologies.
#[allow(non_snake_case)]
fn SupportsChart(d: Dashboard) -> impl IntoView {
    let l = use_locale();
    let max = d.rows.iter().map(|r| r.progress.supports_requested).max().unwrap_or(0).max(1) as f64;
    let row_height = 28.0;
    let height = row_height * d.rows.len() as f64 + 10.0;
    let description = d
        .rows
        .iter()
        .map(|r| format!("{} : {} / {}", r.project_name, r.progress.supports_delivered, r.progress.supports_requested))
        .collect::<Vec<_>>()
        .join(" ; ");
    view! {
        <figure class="fr-mt-3w" role="group" aria-labelledby="graphique-titre">
            <svg role="img" aria-labelledby="graphique-titre graphique-description" viewBox=format!("0 0 680 {height}") width="100%" class="app-chart">
                <title id="graphique-titre">{l.pick("Accompagnements apportés sur demandés, par projet", "Supports delivered out of requested, per project")}</title>
                <desc id="graphique-description">{description}</desc>
                {d.rows.iter().enumerate().map(|(i, r)| {
                    let y = i as f64 * row_height + 5.0;
                    let requested = r.progress.supports_requested as f64 / max * 380.0;
                    let delivered = r.progress.supports_delivered as f64 / max * 380.0;
                    view! {
                        <g>
                            <text x="0" y=y + 16.0 class="app-chart__label">{r.project_name.chars().take(26).collect::<String>()}</text>
                            <rect x="210" y=y width=requested height="18" class="app-chart__requested"/>
                            <rect x="210" y=y width=delivered height="18" class="app-chart__delivered"/>
                            <text x=215.0 + requested y=y + 14.0 class="app-chart__label">{format!("{} / {}", r.progress.supports_delivered, r.progress.supports_requested)}</text>
                        </g>
                    }
                }).collect_view()}
            </svg>
            <figcaption class="fr-text--sm">{l.pick("Barre foncée : apportés ; barre claire : demandés. Les chiffres sont ceux du tableau.", "Dark bar: delivered; light bar: requested. The figures are those of the table.")}</figcaption>
        </figure>
    }
}
