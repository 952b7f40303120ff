//! `/transparence` — per cohort, the figures computed from the records: candidatures (by kind
//! of carrier), eligible, selected, the jury's average score per criterion for the selected
//! projects and for all, the supports the State delivered.

use crate::domain::paths::Page;

use crate::api::transparency::transparency;
use crate::domain::transparency::CohortFigures;
use crate::ui::components::loaded::loaded;
use crate::ui::components::table::Table;
use crate::ui::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn TransparencyPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| transparency());
    loaded(data, move |all: Vec<CohortFigures>| {
        let l = use_locale();
        let title = l.pick("Transparence", "Transparency");
        let avg = move |v: Option<f64>| v.map(|x| format!("{x:.1} / 4")).unwrap_or_else(|| "—".to_string());
        view! {
            <Title text=title/>
            <h1 class="fr-mt-5w">{title}</h1>
            <p>
                {l.pick(
                    "Les chiffres de chaque cohorte, calculés à partir des candidatures, des évaluations du jury et des accompagnements enregistrés. ",
                    "Each cohort's figures, computed from the applications, the jury's reviews and the supports recorded. ",
                )}
                <a class="fr-link" href=Page::OpenData.path()>{l.pick("Les télécharger (CSV, JSON)", "Download them (CSV, JSON)")}</a>
            </p>
            {all.into_iter().map(|f| {
                let heading = format!("transparence-{}", f.cohort_id);
                view! {
                    <section class="fr-mt-5w" aria-labelledby=heading.clone()>
                        <h2 id=heading.clone()>{f.cohort.clone()}</h2>
                        <ul class="app-plain-list">
                            <li>{format!("{} {}", f.candidatures, l.pick("candidature(s) déposée(s)", "application(s) submitted"))}</li>
                            <li>{format!("{} {}", f.eligible, l.pick("éligible(s)", "eligible"))}</li>
                            <li>{format!("{} {}", f.selected, l.pick("sélectionnée(s)", "selected"))}</li>
                        </ul>
                        <Table
                            caption=format!("{} — {}", l.pick("Candidatures par type de porteur", "Applications by kind of carrier"), f.cohort)
                            columns=vec![l.pick("Porteur", "Carrier"), l.pick("Candidatures", "Applications")]
                        >
                            {f.by_carrier.iter().map(|(k, n)| view! { <tr><th scope="row">{k.label().get(l)}</th><td>{*n}</td></tr> }).collect_view()}
                        </Table>
                        <Table
                            caption=format!("{} — {}", l.pick("Note moyenne du jury par critère", "The jury's average score per criterion"), f.cohort)
                            columns=vec![l.pick("Critère", "Criterion"), l.pick("Projets sélectionnés", "Selected projects"), l.pick("Toutes les candidatures évaluées", "All reviewed applications")]
                        >
                            {f.averages.iter().map(|(c, sel, everyone)| view! {
                                <tr><th scope="row">{c.label().get(l)}</th><td>{avg(*sel)}</td><td>{avg(*everyone)}</td></tr>
                            }).collect_view()}
                        </Table>
                        <p class="fr-hint-text">
                            {l.pick(
                                "Les notes du jury sont publiées une fois les décisions prises, au début du programme d'accélération.",
                                "The jury's scores are published once the decisions are made, when the acceleration programme starts.",
                            )}
                        </p>
                        <h3>{l.pick("Accompagnements apportés par l'État", "Supports delivered by the State")}</h3>
                        {if f.supports_delivered.is_empty() {
                            view! { <p>{l.pick("Aucun pour l'instant.", "None yet.")}</p> }.into_any()
                        } else {
                            view! {
                                <ul>{f.supports_delivered.iter().map(|(k, n)| view! { <li>{format!("{} : {n}", k.label().get(l))}</li> }).collect_view()}</ul>
                            }.into_any()
                        }}
                    </section>
                }
            }).collect_view()}
        }
    })
}
