//! A candidature's content as people read it: the applicant's summary before submitting,
//! the printable receipt, and the staff's screening page show the same list.

use crate::domain::candidature_form::CandidatureForm;
use crate::domain::i18n::Label;
use crate::domain::support::SupportKind;
use crate::ui::use_locale;
use leptos::prelude::*;

#[component]
pub fn CandidatureRecap(form: CandidatureForm) -> impl IntoView {
    let l = use_locale();
    let f = form;
    let choice = |code: &str, label: Option<Label>| label.map(|x| x.get(l).to_string()).unwrap_or_else(|| code.to_string());
    let rows: Vec<(Label, String)> = vec![
        (Label::new("Nom du projet", "Project name"), f.project_name.clone()),
        (Label::new("Le projet en une phrase", "The project in one sentence"), f.pitch.clone()),
        (Label::new("Description du projet", "Project description"), f.description.clone()),
        (Label::new("Avancement", "Stage"), choice(&f.stage, f.stage().map(|s| s.label()))),
        (Label::new("Thème", "Theme"), choice(&f.theme, f.theme().map(|t| t.label()))),
        (Label::new("Site web", "Website"), f.website.clone()),
        (Label::new("Dépôt du code source", "Source code repository"), f.repository.clone()),
        (Label::new("L'objectif d'intérêt général", "The public-interest goal"), f.public_interest.clone()),
        (Label::new("L'impact pour tous les Français", "The impact for all French people"), f.impact.clone()),
        (Label::new("Qui porte le projet ?", "Who carries the project?"), choice(&f.carrier_kind, f.carrier_kind().map(|k| k.label()))),
        (Label::new("Nom de la structure", "Name of the organisation"), f.carrier_name.clone()),
        (
            Label::new("Co-porteurs", "Co-applicants"),
            f.co_applicants.iter().map(|c| format!("{} <{}> {}", c.name, c.email, c.role)).collect::<Vec<_>>().join("\n"),
        ),
        (Label::new("Licence", "Licence"), f.licence.clone()),
        (Label::new("Données et code publiés, et quand", "Data and code published, and when"), f.publication_plan.clone()),
        (Label::new("Financements et ressources", "Funding and resources"), f.funding_statement.clone()),
        (
            Label::new("Soutiens demandés", "Support asked for"),
            f.supports
                .iter()
                .map(|s| format!("{} : {}", choice(&s.kind, SupportKind::from_code(&s.kind).map(|k| k.label())), s.need))
                .collect::<Vec<_>>()
                .join("\n"),
        ),
    ];
    view! {
        <dl class="app-facts app-recap">
            {rows
                .into_iter()
                .map(|(label, value)| {
                    let value = if value.trim().is_empty() { l.pick("(non renseigné)", "(not filled in)").to_string() } else { value };
                    view! {
                        <dt>{label.get(l)}</dt>
                        <dd>{value}</dd>
                    }
                })
                .collect_view()}
        </dl>
    }
}
