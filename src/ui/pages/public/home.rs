//! The home page: how the accelerator works, in the words of the seed document, with the
//! dates of the cohort the public should hear about.

use crate::domain::paths::Page;

use crate::api::cohort::{featured_cohort, CohortView};
use crate::domain::charter::Commitment;
use crate::domain::cohort::Phase;
use crate::domain::criteria::Criterion;
use crate::domain::i18n::Locale;
use crate::domain::support::SupportKind;
use crate::ui::format::long_date;
use crate::ui::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn HomePage() -> impl IntoView {
    let l = use_locale();
    let cohort = Resource::new(|| (), |_| featured_cohort());
    view! {
        <Title text=l.pick("Accueil", "Home")/>
        <div class="fr-mt-5w fr-mb-3w">
            <h1>
                {l.pick(
                    "Le service public augmenté : l'accélérateur d'initiatives citoyennes",
                    "The augmented public service: the citizen initiatives accelerator",
                )}
            </h1>
            <p class="fr-text--lead">
                {l.pick(
                    "Accompagner tous ceux qui contribuent à l'intérêt général : jusqu'à 10 projets accompagnés tous les 3 mois.",
                    "Supporting everyone who works for the common good: up to 10 projects supported every 3 months.",
                )}
            </p>
            <ul>
                <li>{l.pick("Identifier les initiatives de citoyens qui améliorent notre service public", "Find citizens' initiatives that improve our public service")}</li>
                <li>{l.pick("Les soutenir pour que les Français en bénéficient", "Support them so that everyone in France benefits")}</li>
                <li>{l.pick("Garantir la sécurité et la protection de ces projets", "Guarantee the security and protection of these projects")}</li>
                <li>{l.pick("Réunir agents publics et administrations dans des projets communs avec les citoyens", "Bring public servants and administrations together with citizens in shared projects")}</li>
            </ul>
        </div>
        <Suspense fallback=move || view! { <p>{l.pick("Chargement du calendrier…", "Loading the calendar…")}</p> }>
            {move || Suspend::new(async move {
                let cohort = cohort.await.ok().flatten();
                view! { <Steps locale=l cohort/> }
            })}
        </Suspense>
        <section class="fr-mt-5w" aria-labelledby="criteres">
            <h2 id="criteres">{l.pick("Les 5 critères de sélection", "The 5 selection criteria")}</h2>
            <p>
                {l.pick(
                    "Un jury de 15 citoyens examine les candidatures au regard de cinq critères :",
                    "A jury of 15 citizens reviews the applications against five criteria:",
                )}
            </p>
            <ol>
                {Criterion::ALL.into_iter().map(|c| view! { <li>{c.label().get(l)}</li> }).collect_view()}
            </ol>
        </section>
        <section class="fr-mt-5w" aria-labelledby="engagements">
            <h2 id="engagements">{l.pick("Les 4 engagements de la charte", "The 4 charter commitments")}</h2>
            <p>
                {l.pick(
                    "Les projets sélectionnés signent la charte du service public augmenté et s'engagent sur :",
                    "Selected projects sign the charter of the augmented public service and commit to:",
                )}
            </p>
            <ol>
                {Commitment::ALL.into_iter().map(|c| view! { <li>{c.label().get(l)}</li> }).collect_view()}
            </ol>
        </section>
        <section class="fr-mt-5w" aria-labelledby="accompagnement">
            <h2 id="accompagnement">{l.pick("Un accompagnement sur mesure par l'État", "Tailored support from the State")}</h2>
            <p>
                {l.pick(
                    "Pendant le programme d'accélération, l'État apporte 8 types de soutien :",
                    "During the acceleration programme, the State provides 8 kinds of support:",
                )}
            </p>
            <ol class="app-supports">
                {SupportKind::ALL.into_iter().map(|s| view! { <li>{s.label().get(l)}</li> }).collect_view()}
            </ol>
        </section>
        <section class="fr-mt-5w" aria-labelledby="candidater">
            <h2 id="candidater">{l.pick("Comment candidater", "How to apply")}</h2>
            <ol>
                <li>
                    <a class="fr-link" href=Page::Signup.path()>{l.pick("Créez votre compte", "Create your account")}</a>
                    {l.pick(" avec votre adresse électronique.", " with your email address.")}
                </li>
                <li>
                    {l.pick(
                        "Pendant que l'appel est ouvert, décrivez votre projet : il faut moins de 30 minutes, et votre brouillon est conservé.",
                        "While the call is open, describe your project: it takes less than 30 minutes, and your draft is kept.",
                    )}
                </li>
                <li>
                    {l.pick(
                        "Acceptez les 4 engagements de la charte et déposez votre candidature ; un accusé de réception vous est remis.",
                        "Accept the 4 charter commitments and submit your application; you receive an acknowledgement.",
                    )}
                </li>
            </ol>
            <p>
                <a class="fr-btn" href=Page::Candidatures.path()>{l.pick("Déposer une candidature", "Apply now")}</a>
            </p>
        </section>
    }
}

/// The 4 steps of the seed, dated with the featured cohort's calendar.
#[component]
fn Steps(locale: Locale, cohort: Option<CohortView>) -> impl IntoView {
    let l = locale;
    let status = cohort.as_ref().map(|c| {
        let phase = c.phase.label().get(l);
        let text = match c.phase {
            Phase::Upcoming => format!(
                "{} {}",
                l.pick("L'appel à candidatures ouvre le", "The call for applications opens on"),
                long_date(l, c.calendar.call_opens)
            ),
            Phase::CallOpen => format!(
                "{} {}",
                l.pick("Appel à candidatures ouvert jusqu'au", "Call for applications open until"),
                long_date(l, c.calendar.call_closes)
            ),
            _ => format!("{} {phase}", l.pick("Phase en cours :", "Current phase:")),
        };
        view! { <p class="fr-badge fr-badge--info fr-mb-2w">{text}</p> }
    });
    let dated = |f: fn(&CohortView, Locale) -> String| cohort.as_ref().map(|c| f(c, l));
    let steps = [
        (
            l.pick("Candidature en moins de 30 minutes", "Apply in under 30 minutes"),
            dated(|c, l| format!("{} {}", l.pick("Jusqu'au", "Until"), long_date(l, c.calendar.call_closes))),
        ),
        (
            l.pick("Sélection par un jury de 15 citoyens", "Selection by a jury of 15 citizens"),
            dated(|c, l| format!("{} {}", l.pick("À partir du", "From"), long_date(l, c.calendar.jury_starts))),
        ),
        (
            l.pick("Programme d'accélération de 3 mois", "3-month acceleration programme"),
            dated(|c, l| {
                format!(
                    "{} {} {} {}",
                    l.pick("Du", "From"),
                    long_date(l, c.calendar.programme_starts),
                    l.pick("au", "to"),
                    long_date(l, c.programme_end)
                )
            }),
        ),
        (
            l.pick("Lancement public des initiatives", "Public launch of the initiatives"),
            dated(|c, l| format!("{} {}", l.pick("Le", "On"), long_date(l, c.calendar.launch_on))),
        ),
    ];
    view! {
        <section class="fr-mt-5w" aria-labelledby="etapes">
            <h2 id="etapes">{l.pick("Les 4 étapes", "The 4 steps")}</h2>
            {cohort.as_ref().map(|c| view! { <p>{l.pick("Calendrier de la", "Calendar of")} " " {c.name.clone()}</p> })}
            {status}
            <ol class="fr-grid-row fr-grid-row--gutters app-steps">
                {steps
                    .into_iter()
                    .map(|(title, date)| {
                        view! {
                            <li class="fr-col-12 fr-col-md-3">
                                <div class="fr-tile app-step">
                                    <p class="fr-tile__title">{title}</p>
                                    {date.map(|d| view! { <p class="fr-tile__detail">{d}</p> })}
                                </div>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </section>
    }
}
