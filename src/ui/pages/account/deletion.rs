//! « Supprimer mon compte »: what goes at once, what the programme keeps and until when, then
//! the two confirmations (a box to tick, the address typed again).

use crate::api::account_deletion::{deletion_preview, DeleteAccount, DeletionPlan};
use crate::domain::account_deletion::Fate;
use crate::domain::paths::Page;
use crate::ui::components::form::{action_error, field_problem, FormAlert, TextField};
use crate::ui::components::loaded::loaded;
use crate::ui::format::kept_until;
use crate::ui::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn AccountDeletionPage() -> impl IntoView {
    let l = use_locale();
    let plan = Resource::new(|| (), |_| deletion_preview());
    let title = l.pick("Supprimer mon compte", "Delete my account");
    view! {
        <Title text=title/>
        <div class="fr-grid-row">
            <div class="fr-col-12 fr-col-lg-10 fr-mt-5w">
                <h1>{title}</h1>
                {loaded(plan, move |plan| view! { <Plan plan/> })}
            </div>
        </div>
    }
}

#[component]
fn Plan(plan: DeletionPlan) -> impl IntoView {
    let l = use_locale();
    let action = ServerAction::<DeleteAccount>::new();
    let error = action_error(action.value());
    let understood_problem = move || field_problem(error, "understood", l);
    let project = |name: &str| if name.trim().is_empty() { l.pick("Projet sans titre", "Untitled project").to_string() } else { name.to_string() };
    let of_fate = |wanted: fn(&Fate) -> bool| -> Vec<(String, Fate, crate::domain::retention::KeptUntil)> {
        plan.candidatures
            .iter()
            .filter(|(_, f)| wanted(f))
            .map(|(c, f)| (project(&c.project_name), *f, c.kept_until))
            .collect()
    };
    let drafts = of_fate(|f| matches!(f, Fate::DeletedNow));
    let teams = of_fate(|f| matches!(f, Fate::LeavesTeam));
    let kept_ones = of_fate(|f| matches!(f, Fate::KeptPseudonymised(_) | Fate::SelectedWithoutHolder));
    let orphans = of_fate(|f| matches!(f, Fate::SelectedWithoutHolder));
    let providers: Vec<&'static str> = plan
        .providers
        .iter()
        .map(|p| if p == "proconnect" { "ProConnect" } else { "FranceConnect" })
        .collect();
    view! {
        <p class="fr-text--lead">
            {l.pick(
                "Supprimer votre compte efface votre identité du service. Certains dossiers doivent être conservés un temps pour le programme : ils le sont sous un pseudonyme, sans votre nom ni votre adresse.",
                "Deleting your account erases your identity from the service. Some records must be kept for a while for the programme: they are kept under a pseudonym, without your name or address.",
            )}
        </p>
        <div class="fr-callout fr-mb-4w">
            <p class="fr-callout__text">
                {l.pick("Avant de supprimer votre compte, vous pouvez ", "Before deleting your account, you can ")}
                <a href=Page::MyData.path()>{l.pick("télécharger une copie de vos données", "download a copy of your data")}</a>
                "."
            </p>
        </div>

        <h2>{l.pick("Ce qui est supprimé dès maintenant", "What is deleted at once")}</h2>
        <ul>
            <li>{l.pick("Votre nom, votre adresse électronique et votre mot de passe.", "Your name, email address and password.")}</li>
            {(!providers.is_empty()).then(|| view! {
                <li>{format!("{} {}.", l.pick("Le lien avec", "The link with"), providers.join(", "))}</li>
            })}
            <li>{l.pick("Vos sessions : vous êtes déconnecté·e sur tous vos appareils.", "Your sessions: you are logged out on every device.")}</li>
            <li>{l.pick("Les courriels pas encore envoyés ; le contenu de ceux déjà envoyés.", "The emails not sent yet; the content of those already sent.")}</li>
            {drafts.into_iter().map(|(name, _, _)| view! {
                <li>{format!("{} « {name} ».", l.pick("Le brouillon de candidature", "The application draft"))}</li>
            }).collect_view()}
            {teams.into_iter().map(|(name, _, _)| view! {
                <li>{format!("{} « {name} » {}", l.pick("Votre nom et votre adresse dans l'équipe de", "Your name and address in the team of"), l.pick("(la candidature reste à son porteur).", "(the application stays with its holder)."))}</li>
            }).collect_view()}
        </ul>

        <h2>{l.pick("Ce qui est conservé, et pourquoi", "What is kept, and why")}</h2>
        <ul>
            {kept_ones.into_iter().map(|(name, _, until)| view! {
                <li>
                    {format!("{} « {name} » : ", l.pick("La candidature déposée", "The submitted application"))}
                    {kept_until(l, until)}
                    {l.pick(
                        " Elle est examinée ou a été décidée : le dossier de la décision doit pouvoir être justifié et contesté.",
                        " It is under review or was decided: the decision's record must be open to justification and appeal.",
                    )}
                </li>
            }).collect_view()}
            {(plan.reviews > 0 || plan.seats > 0).then(|| view! {
                <li>
                    {format!("{} {} ; {} {}. ", plan.seats, l.pick("siège(s) de juré·e", "jury seat(s)"), plan.reviews, l.pick("évaluation(s)", "review(s)"))}
                    {l.pick(
                        "Les évaluations fondent les décisions du jury : elles restent avec les candidatures qu'elles concernent, signées « Compte supprimé », et partent avec elles.",
                        "Reviews ground the jury's decisions: they stay with the applications they concern, signed « Compte supprimé » (deleted account), and go with them.",
                    )}
                </li>
            })}
            {(plan.messages > 0).then(|| view! {
                <li>
                    {format!("{} {}. ", plan.messages, l.pick("message(s) écrit(s) dans des fils de candidature", "message(s) written in application threads"))}
                    {l.pick("Ils restent dans le fil, signés « Compte supprimé », jusqu'à la suppression de la candidature.", "They stay in the thread, signed « Compte supprimé », until the application is deleted.")}
                </li>
            })}
            <li>
                {l.pick(
                    "Le journal d'audit des notes et des décisions, qui ne contient ni votre nom ni votre adresse : il prouve que les décisions n'ont pas été modifiées.",
                    "The audit log of scores and decisions, which holds neither your name nor your address: it proves the decisions were not altered.",
                )}
            </li>
        </ul>
        <p>
            <a href=Page::Privacy.path()>{l.pick("Durées de conservation et vos droits (Données personnelles)", "Retention periods and your rights (Personal data)")}</a>
        </p>

        {orphans.into_iter().map(|(name, _, _)| view! {
            <div class="fr-alert fr-alert--warning fr-mb-3w">
                <h3 class="fr-alert__title">{format!("{} « {name} »", l.pick("Votre projet lauréat", "Your selected project"))}</h3>
                <p>
                    {l.pick(
                        "Vous en êtes le seul porteur. Il reste dans les archives du programme et sa page publique garde ce que l'équipe a accepté de publier, mais plus personne ne pourra agir en son nom ni recevoir l'accompagnement. L'équipe du programme en est informée par un message dans le fil du projet. Pour retirer la page publique, retirez d'abord votre accord de publication depuis la page du projet.",
                        "You are its only holder. It stays in the programme's archive and its public page keeps what the team agreed to publish, but nobody will be able to act for it or receive the support. The programme team is told by a message in the project's thread. To remove the public page, first withdraw your publication consent from the project's page.",
                    )}
                </p>
            </div>
        }).collect_view()}

        {if plan.last_admin {
            view! {
                <div class="fr-alert fr-alert--error fr-mb-3w">
                    <p>{crate::domain::error::AppError::LastAdmin.message(l)}</p>
                </div>
            }
            .into_any()
        } else {
            view! {
                <h2>{l.pick("Confirmer la suppression", "Confirm the deletion")}</h2>
                <ActionForm action=action>
                    <FormAlert error/>
                    <div class=move || if understood_problem().is_some() { "fr-checkbox-group fr-checkbox-group--error fr-mb-3w" } else { "fr-checkbox-group fr-mb-3w" }>
                        <input type="checkbox" id="suppression-compris" name="understood" value="on" aria-describedby="suppression-compris-messages"/>
                        <label class="fr-label" for="suppression-compris">
                            {l.pick(
                                "J'ai lu ce qui sera supprimé et ce qui sera conservé. La suppression est définitive.",
                                "I have read what will be deleted and what will be kept. The deletion cannot be undone.",
                            )}
                        </label>
                        <div class="fr-messages-group" id="suppression-compris-messages" aria-live="polite">
                            {move || understood_problem().map(|m| view! { <p class="fr-message fr-message--error">{m}</p> })}
                        </div>
                    </div>
                    <p>{l.pick("Adresse électronique de votre compte : ", "Your account's email address: ")}<strong>{plan.address.clone()}</strong></p>
                    <TextField
                        name="address"
                        label=l.pick("Saisissez cette adresse pour confirmer", "Type this address to confirm")
                        kind="email"
                        autocomplete="off"
                        error
                    />
                    <button type="submit" class="fr-btn">{l.pick("Supprimer définitivement mon compte", "Delete my account permanently")}</button>
                    " "
                    <a class="fr-btn fr-btn--secondary" href=Page::Account.path()>{l.pick("Annuler", "Cancel")}</a>
                </ActionForm>
            }
            .into_any()
        }}
    }
}
