//! `/agent/programme` — staff compare the programmes of the cohorts: one line per cohort whose
//! programme has started (latest first), the same figures as each cohort's dashboard, and a
//! chart of the shares of milestones reached and supports delivered that repeats the table.

use crate::domain::paths::Page;
use crate::domain::ids::CohortId;

use crate::api::programme::programme_comparison;
use crate::domain::programme::{percent, CohortSummary};
use crate::ui::components::breadcrumb::Breadcrumb;
use crate::ui::components::loaded::loaded;
use crate::ui::format::long_date;
use crate::ui::components::table::Table;
use crate::ui::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;

fn ratio(l: crate::domain::i18n::Locale, (part, whole): (u32, u32)) -> String {
    match percent(part, whole) {
        Some(p) => format!("{part} / {whole} ({p} %)"),
        None => format!("{part} / {whole}"),
    }
    .replace(" %", if l == crate::domain::i18n::Locale::Fr { "\u{a0}%" } else { "%" })
}

#[component]
pub fn ComparisonPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| programme_comparison());
    loaded(data, move |cohorts: Vec<CohortSummary>| {
        let l = use_locale();
        let title = l.pick("Comparer les programmes des cohortes", "Compare the cohorts' programmes");
        let chart = ComparisonChart(cohorts.clone());
        view! {
            <Title text=title/>
            <Breadcrumb trail=vec![(Page::Cohorts.path(), l.pick("Cohortes", "Cohorts").to_string())] here=title/>
            <h1>{title}</h1>
            <p>{l.pick(
                "Chaque ligne reprend les chiffres du tableau de suivi de la cohorte, calculés à partir des dossiers. Les cohortes dont le programme n'a pas commencé n'y figurent pas.",
                "Each line repeats the figures of the cohort's dashboard, computed from the records. Cohorts whose programme has not started are not listed.",
            )}</p>
            {if cohorts.is_empty() {
                view! { <p>{l.pick("Aucune cohorte n'a encore commencé son programme.", "No cohort has started its programme yet.")}</p> }.into_any()
            } else {
                view! {
                    <Table
                        caption=l.pick("Programmes des cohortes", "The cohorts' programmes")
                        columns=vec![l.pick("Cohorte", "Cohort"), l.pick("Début du programme", "Programme start"), l.pick("Projets", "Projects"), l.pick("Lancés", "Launched"), l.pick("Chartes signées", "Charters signed"), l.pick("À risque", "At risk"), l.pick("Jalons atteints", "Milestones reached"), l.pick("Accompagnements apportés / demandés", "Supports delivered / requested"), l.pick("Preuves vérifiées / données", "Evidence verified / given")]
                    >
                        {cohorts.into_iter().map(|c| view! {
                            <tr>
                                <th scope="row">
                                    <a href=Page::Dashboard { cohort: CohortId(c.cohort_id) }.path()>{c.cohort_name.clone()}</a>
                                    {c.closed.then(|| view! { " " <span class="fr-badge fr-badge--sm">{l.pick("clôturée", "closed")}</span> })}
                                </th>
                                <td>{long_date(l, c.programme_starts)}</td>
                                <td>{c.projects}</td>
                                <td>{c.launched}</td>
                                <td>{c.charter_signed}</td>
                                <td>{c.at_risk}</td>
                                <td>{ratio(l, c.milestones)}</td>
                                <td>{ratio(l, c.supports)}</td>
                                <td>{format!("{} / {}", c.evidence_verified, c.evidence_given)}</td>
                            </tr>
                        }).collect_view()}
                    </Table>
                    {chart}
                }.into_any()
            }}
        }
    })
}

/// For each cohort, two bars: the share of milestones reached and of supports delivered.
#[allow(non_snake_case)]
fn ComparisonChart(cohorts: Vec<CohortSummary>) -> impl IntoView {
    let l = use_locale();
    let group = 50.0;
    let height = group * cohorts.len() as f64 + 10.0;
    let share = |(part, whole): (u32, u32)| percent(part, whole).unwrap_or(0);
    let description = cohorts
        .iter()
        .map(|c| {
            format!(
                "{} : {} {} %, {} {} %",
                c.cohort_name,
                l.pick("jalons", "milestones"),
                share(c.milestones),
                l.pick("accompagnements", "supports"),
                share(c.supports)
            )
        })
        .collect::<Vec<_>>()
        .join(" ; ");
    view! {
        <figure class="fr-mt-3w" role="group" aria-labelledby="comparaison-titre">
            <svg role="img" aria-labelledby="comparaison-titre comparaison-description" viewBox=format!("0 0 680 {height}") width="100%" class="app-chart">
                <title id="comparaison-titre">{l.pick("Part des jalons atteints et des accompagnements apportés, par cohorte", "Share of milestones reached and supports delivered, per cohort")}</title>
                <desc id="comparaison-description">{description}</desc>
                {cohorts.iter().enumerate().map(|(i, c)| {
                    let y = i as f64 * group + 5.0;
                    let m = f64::from(share(c.milestones)) * 3.8;
                    let s = f64::from(share(c.supports)) * 3.8;
                    view! {
                        <g>
                            <text x="0" y=y + 24.0 class="app-chart__label">{c.cohort_name.chars().take(26).collect::<String>()}</text>
                            <rect x="210" y=y width=m height="18" class="app-chart__delivered"/>
                            <text x=215.0 + m y=y + 14.0 class="app-chart__label">{format!("{} {} %", l.pick("jalons", "milestones"), share(c.milestones))}</text>
                            <rect x="210" y=y + 20.0 width=s height="18" class="app-chart__requested"/>
                            <text x=215.0 + s y=y + 34.0 class="app-chart__label">{format!("{} {} %", l.pick("accompagnements", "supports"), share(c.supports))}</text>
                        </g>
                    }
                }).collect_view()}
            </svg>
            <figcaption class="fr-text--sm">{l.pick("Les pourcentages sont ceux du tableau.", "The percentages are those of the table.")}</figcaption>
        </figure>
    }
}
