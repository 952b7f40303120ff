//! `/donnees` — the open data: what can be downloaded, under which licence, and what each
//! column means.

use crate::domain::paths::{Download, Page};

use crate::domain::publication::CSV_COLUMNS;
use crate::ui::components::table::Table;
use crate::ui::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn OpenDataPage() -> impl IntoView {
    let l = use_locale();
    let title = l.pick("Données ouvertes", "Open data");
    let meaning = move |column: &str| match column {
        "id" => l.pick("identifiant stable de l'initiative", "stable identifier of the initiative"),
        "nom" => l.pick("nom du projet", "project name"),
        "cohorte" => l.pick("cohorte de sélection", "selection cohort"),
        "statut" => l.pick("selected, in_programme ou launched", "selected, in_programme or launched"),
        "date_lancement" => l.pick("date du lancement public (AAAA-MM-JJ), vide avant", "public launch date (YYYY-MM-DD), empty before"),
        "resume" => l.pick("le projet en une phrase", "the project in one sentence"),
        "thematique" => l.pick("code de la thématique (health, education…)", "theme code (health, education…)"),
        "type_porteur" => l.pick("individual, association, company ou informal_collective", "individual, association, company or informal_collective"),
        "accompagnements_recus" => l.pick("accompagnements apportés par l'État, « code:nombre » séparés par des espaces", "supports delivered by the State, « code:count » separated by spaces"),
        "preuve_code_source" | "preuve_donnees_ouvertes" => {
            l.pick("adresse publiée par l'équipe (engagement de la charte), vérifiée chaque jour", "address published by the team (charter commitment), checked every day")
        }
        "preuve_financements" | "resultats" => l.pick("déclaré par l'équipe (engagements de la charte)", "stated by the team (charter commitments)"),
        _ => l.pick("tel que publié par l'équipe, vide sinon", "as published by the team, empty otherwise"),
    };
    view! {
        <Title text=title/>
        <h1 class="fr-mt-5w">{title}</h1>
        <p>
            {l.pick(
                "Les initiatives sélectionnées, accompagnées et lancées, sous la Licence Ouverte / Open Licence version 2.0 (Etalab). Une colonne reste vide quand l'équipe n'a pas choisi de publier le champ.",
                "The selected, supported and launched initiatives, under the Licence Ouverte / Open Licence version 2.0 (Etalab). A column stays empty when the team did not choose to publish the field.",
            )}
        </p>
        <ul>
            <li><a class="fr-link" href=Download::InitiativesCsv.path() rel="external" download>{l.pick("Initiatives (CSV, UTF-8)", "Initiatives (CSV, UTF-8)")}</a></li>
            <li><a class="fr-link" href=Download::InitiativesJson.path() rel="external">{l.pick("Initiatives (JSON)", "Initiatives (JSON)")}</a></li>
            <li><a class="fr-link" href=Download::TransparencyCsv.path() rel="external" download>{l.pick("Chiffres par cohorte (CSV : cohorte, indicateur, détail, valeur)", "Figures per cohort (CSV: cohort, figure, detail, value)")}</a></li>
            <li><a class="fr-link" href=Download::TransparencyJson.path() rel="external">{l.pick("Chiffres par cohorte (JSON)", "Figures per cohort (JSON)")}</a></li>
            <li><a class="fr-link" href=Page::Transparency.path()>{l.pick("Les chiffres expliqués", "The figures explained")}</a></li>
            <li><a class="fr-link" href=Download::ApiSchema.path() rel="external">{l.pick("API JSON en lecture seule : sa description OpenAPI", "Read-only JSON API: its OpenAPI description")}</a></li>
        </ul>
        <Table
            caption=l.pick("Colonnes du fichier CSV", "Columns of the CSV file")
            columns=vec![l.pick("Colonne", "Column"), l.pick("Contenu", "Content")]
        >
            {CSV_COLUMNS.iter().map(|c| view! { <tr><th scope="row"><code>{*c}</code></th><td>{meaning(c)}</td></tr> }).collect_view()}
        </Table>
    }
}
