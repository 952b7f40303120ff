//! « Données personnelles »: the privacy notice (RGPD articles 13 and 14). The controller
//! and the addresses come from the configuration (`legal_facts`), the retention table from
//! `domain::retention::table`, the one source the daily purge also follows.

use crate::api::legal::legal_facts;
use crate::domain::i18n::{Label, Locale};
use crate::domain::paths::Page;
use crate::ui::components::loaded::loaded;
use crate::ui::components::table::Table;
use crate::ui::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;

/// The CNIL's page for complaints.
pub const CNIL_COMPLAINTS: &str = "https://www.cnil.fr/fr/plaintes";

/// The cookies the service sets, all strictly necessary: name, what for, how long. Their
/// names are checked against the code's constants (tests/api/privacy.rs).
pub const COOKIES: [(&str, Label, Label); 6] = [
    (
        "acc_session",
        Label::new("Vous garder connecté (jeton de session, illisible par les scripts)", "Keep you logged in (session token, unreadable by scripts)"),
        Label::new(
            "Jusqu'à la déconnexion ; la session se ferme après 14 jours sans activité, 90 jours au plus",
            "Until logout; the session closes after 14 days without activity, 90 days at most",
        ),
    ),
    ("lang", Label::new("Retenir la langue choisie (français ou anglais)", "Remember the chosen language (French or English)"), Label::new("1 an", "1 year")),
    (
        "acc_sign_in",
        Label::new(
            "Relier une connexion FranceConnect ou ProConnect au navigateur qui l'a commencée",
            "Tie a FranceConnect or ProConnect sign-in to the browser that started it",
        ),
        Label::new("15 minutes", "15 minutes"),
    ),
    (
        "acc_link",
        Label::new(
            "Lier une identité FranceConnect ou ProConnect à votre compte, après votre mot de passe",
            "Link a FranceConnect or ProConnect identity to your account, after your password",
        ),
        Label::new("30 minutes", "30 minutes"),
    ),
    (
        "acc_brouillon",
        Label::new(
            "Retrouver une étape de candidature envoyée après la fin de votre session",
            "Recover an application step sent after your session ended",
        ),
        Label::new("24 heures", "24 hours"),
    ),
    (
        "acc_invitations",
        Label::new(
            "Montrer une seule fois aux agents les liens d'invitation au jury qu'ils viennent de créer",
            "Show staff, once, the jury invitation links they just created",
        ),
        Label::new("10 minutes", "10 minutes"),
    ),
];

/// What is processed about each kind of person.
const DATA: [(Label, Label); 5] = [
    (
        Label::new("Porteurs de projet", "Applicants"),
        Label::new(
            "nom, adresse électronique, identité transmise par FranceConnect si vous l'utilisez ; le contenu de vos candidatures (projet, équipe, besoins), leurs pièces jointes, leur historique et les messages échangés avec l'équipe du programme ; les engagements de la charte signés ; pour les projets retenus, le suivi du programme (accompagnements, jalons, points d'étape, preuves publiées).",
            "name, email address, identity from FranceConnect if you use it; the content of your applications (project, team, needs), their attachments, their history and the messages exchanged with the programme team; the charter commitments signed; for selected projects, the programme's follow-up (supports, milestones, check-ins, evidence published).",
        ),
    ),
    (
        Label::new("Co-porteurs", "Co-applicants"),
        Label::new(
            "l'adresse électronique que le porteur a donnée ; une fois votre compte ouvert, les mêmes données que pour les porteurs, pour les candidatures où vous êtes nommé.",
            "the email address the holder gave; once your account is open, the same data as for applicants, for the applications where you are named.",
        ),
    ),
    (
        Label::new("Membres du jury citoyen", "Citizen jury members"),
        Label::new(
            "nom, adresse électronique, l'invitation et son acceptation, la charte du juré signée, les conflits d'intérêts déclarés, les notes et commentaires de vos évaluations.",
            "name, email address, the invitation and its acceptance, the juror charter signed, the conflicts of interest declared, the scores and comments of your reviews.",
        ),
    ),
    (
        Label::new("Agents du programme", "Programme staff"),
        Label::new(
            "nom, adresse électronique professionnelle, identité transmise par ProConnect, et les actions que vous faites sur les dossiers (décisions, évaluations, messages), inscrites au journal d'audit.",
            "name, work email address, identity from ProConnect, and the actions you take on the records (decisions, reviews, messages), written in the audit log.",
        ),
    ),
    (
        Label::new("Toute personne connectée", "Anyone logged in"),
        Label::new(
            "vos sessions (appareil déduit du navigateur, dates de connexion et de dernière activité), les tentatives de connexion échouées (adresse saisie et date, gardées 24 heures) et, pour une étape de candidature envoyée après la fin de votre session, l'adresse réseau (gardée 24 heures, pour limiter les abus) ; les courriels que le service vous envoie.",
            "your sessions (device read from the browser, dates of login and last activity), failed login attempts (address typed and date, kept 24 hours) and, for an application step sent after your session ended, the network address (kept 24 hours, to limit abuse); the emails the service sends you.",
        ),
    ),
];

#[component]
pub fn PrivacyPage() -> impl IntoView {
    let l = use_locale();
    let title = l.pick("Données personnelles", "Personal data");
    let notice = Resource::new(|| (), |_| legal_facts());
    view! {
        <Title text=title/>
        <h1 class="fr-mt-5w">{title}</h1>
        {loaded(notice, move |n| {
            let controller = match l {
                Locale::Fr => format!(
                    "Le responsable du traitement est l'éditeur du service « Le service public augmenté : l'accélérateur d'initiatives citoyennes » : {}.",
                    n.publisher
                ),
                Locale::En => format!(
                    "The controller is the publisher of the service « Le service public augmenté : l'accélérateur d'initiatives citoyennes »: {}.",
                    n.publisher
                ),
            };
            let contact = n.contact.clone();
            let dpo = n.dpo.clone();
            view! {
                <p>{l.pick(
                    "Cette page dit quelles données personnelles l'accélérateur d'initiatives citoyennes traite, pourquoi, combien de temps il les garde et comment exercer vos droits (règlement général sur la protection des données, RGPD, et loi Informatique et Libertés).",
                    "This page says which personal data the citizen initiatives accelerator processes, why, how long it keeps them and how to exercise your rights (General Data Protection Regulation, GDPR, and the French Data Protection Act).",
                )}</p>

                <h2>{l.pick("Responsable du traitement", "Controller")}</h2>
                <p>{controller}</p>
                {(!n.address.is_empty()).then(|| view! { <p>{n.address.clone()}</p> })}

                <h2>{l.pick("Pourquoi ces données sont traitées", "Why these data are processed")}</h2>
                <ul>
                    <li>{l.pick(
                        "Recevoir et examiner les candidatures (candidature en moins de 30 minutes, recevabilité, demandes de compléments).",
                        "Receive and examine applications (apply in under 30 minutes, eligibility, requests for corrections).",
                    )}</li>
                    <li>{l.pick(
                        "Faire évaluer les candidatures par un jury de 15 citoyens, sur les 5 critères de sélection, et prendre les décisions.",
                        "Have the applications reviewed by a jury of 15 citizens, on the 5 selection criteria, and take the decisions.",
                    )}</li>
                    <li>{l.pick(
                        "Mener le programme d'accélération de 3 mois des projets retenus (accompagnement sur mesure par l'État, suivi).",
                        "Run the 3-month acceleration programme of the selected projects (tailored support by the State, follow-up).",
                    )}</li>
                    <li>{l.pick(
                        "Présenter au public les initiatives retenues et lancées, avec ce que leurs équipes ont choisi de publier.",
                        "Show the public the selected and launched initiatives, with what their teams chose to publish.",
                    )}</li>
                    <li>{l.pick(
                        "Envoyer les courriels du service : confirmation d'adresse, accusés de réception, décisions, messages, rappels.",
                        "Send the service's emails: address confirmation, receipts, decisions, messages, reminders.",
                    )}</li>
                </ul>

                <h2>{l.pick("Base légale", "Legal basis")}</h2>
                <p>{l.pick(
                    "Ces traitements sont nécessaires à l'exécution d'une mission d'intérêt public dont est investi le responsable du traitement (article 6, paragraphe 1, point e, du RGPD) : identifier les initiatives de citoyens qui améliorent le service public et les soutenir pour que les Français en bénéficient.",
                    "These processings are necessary for the performance of a task carried out in the public interest vested in the controller (article 6(1)(e) of the GDPR): finding citizens' initiatives that improve the public service and supporting them so that everyone in France benefits.",
                )}</p>
                <p>
                    {l.pick(
                        "Aucune décision n'est prise sur le seul fondement d'un traitement automatisé : le classement calculé à partir des notes aide le jury, qui décide. ",
                        "No decision is taken solely on the basis of automated processing: the ranking computed from the scores helps the jury, which decides. ",
                    )}
                    <a class="fr-link" href=Page::DecisionRules.path()>{l.pick("Les règles du classement", "The ranking's rules")}</a>
                </p>

                <h2>{l.pick("Les données traitées", "The data processed")}</h2>
                <ul>
                    {DATA.into_iter().map(|(who, what)| view! {
                        <li><strong>{who.get(l)}</strong>{l.pick(" : ", ": ")}{what.get(l)}</li>
                    }).collect_view()}
                </ul>

                <h2>{l.pick("Combien de temps elles sont conservées", "How long they are kept")}</h2>
                <p>{l.pick(
                    "Les durées ci-dessous sont celles par défaut ; l'équipe du programme peut fixer d'autres durées pour une cohorte, dans des limites fixées. La page de chaque candidature dit jusqu'à quand elle est conservée. Une tâche quotidienne applique ces durées et prévient les personnes concernées 2 semaines avant.",
                    "The durations below are the defaults; the programme team may set others for a cohort, within fixed bounds. Each application's page says until when it is kept. A daily task applies these durations and notifies the people concerned 2 weeks before.",
                )}</p>
                <Table
                    caption=l.pick("Durées de conservation", "Retention periods")
                    columns=vec![l.pick("Données", "Data"), l.pick("Durée", "Duration"), l.pick("Ensuite", "Then")]
                >
                    {crate::domain::retention::table().into_iter().map(|line| view! {
                        <tr>
                            <th scope="row">{line.what.get(l)}</th>
                            <td>{line.how_long.get(l)}</td>
                            <td>{line.then.get(l)}</td>
                        </tr>
                    }).collect_view()}
                </Table>

                <h2>{l.pick("Qui y a accès", "Who has access")}</h2>
                <ul>
                    <li>{l.pick(
                        "Les agents de l'équipe du programme, pour examiner les candidatures, organiser le jury et mener le programme.",
                        "The programme team's staff, to examine applications, organise the jury and run the programme.",
                    )}</li>
                    <li>{l.pick(
                        "Les membres du jury, pour les seules candidatures qui leur sont confiées, et jamais pour une candidature avec laquelle ils ont déclaré un conflit d'intérêts.",
                        "Jury members, only for the applications assigned to them, and never for an application they declared a conflict of interest with.",
                    )}</li>
                    <li>{match l {
                        Locale::Fr => format!("L'hébergeur du service, qui les conserve pour le compte du responsable du traitement : {}.", n.host),
                        Locale::En => format!("The service's host, which stores them on behalf of the controller: {}.", n.host),
                    }}</li>
                    <li>{l.pick(
                        "Le public voit seulement ce que les équipes des projets retenus ont choisi de publier, champ par champ, dans la vitrine des initiatives et les données ouvertes ; elles peuvent retirer cet accord à tout moment. Les chiffres de transparence sont des totaux, sans nom.",
                        "The public sees only what the teams of selected projects chose to publish, field by field, in the initiatives showcase and the open data; they may withdraw this consent at any time. The transparency figures are totals, without names.",
                    )}</li>
                </ul>
                <p>{l.pick("Aucune donnée n'est vendue ni cédée à des tiers.", "No data is sold or given to third parties.")}</p>

                <h2>{l.pick("Transferts hors de l'Union européenne", "Transfers outside the European Union")}</h2>
                <p>{l.pick(
                    "Aucune donnée n'est transférée hors de l'Union européenne.",
                    "No data is transferred outside the European Union.",
                )}</p>

                <h2>{l.pick("Vos droits", "Your rights")}</h2>
                <p>{l.pick(
                    "Vous avez le droit d'accéder à vos données, de les faire rectifier ou effacer, d'en demander la limitation et de vous opposer à leur traitement pour des raisons tenant à votre situation particulière.",
                    "You have the right to access your data, to have them rectified or erased, to ask for their processing to be limited and to object to it on grounds relating to your particular situation.",
                )}</p>
                <ul>
                    <li>
                        {l.pick("Accès : téléchargez une copie de tout ce que le service garde sur vous depuis ", "Access: download a copy of everything the service keeps about you from ")}
                        <a class="fr-link" href=Page::MyData.path()>{l.pick("« Mes données »", "« My data »")}</a>
                        {l.pick(" dans votre compte.", " in your account.")}
                    </li>
                    <li>
                        {l.pick("Rectification : changez votre adresse électronique et votre mot de passe dans ", "Rectification: change your email address and password in ")}
                        <a class="fr-link" href=Page::Account.path()>{l.pick("« Mon compte »", "« My account »")}</a>
                        {l.pick(
                            " ; vos candidatures se corrigent tant qu'elles sont modifiables, sinon par un message à l'équipe du programme.",
                            "; your applications can be corrected while they can be edited, otherwise by a message to the programme team.",
                        )}
                    </li>
                    <li>
                        {l.pick("Effacement : ", "Erasure: ")}
                        <a class="fr-link" href=Page::AccountDeletion.path()>{l.pick("supprimez votre compte", "delete your account")}</a>
                        {l.pick(
                            ". Ce que le programme doit garder (candidatures en cours d'examen, évaluations, décisions, journal d'audit) est conservé sans votre identité jusqu'à la fin de sa durée.",
                            ". What the programme must keep (applications under review, reviews, decisions, audit log) is kept without your identity until its time ends.",
                        )}
                    </li>
                    <li>
                        {l.pick("Limitation, opposition et toute autre demande : écrivez à ", "Limitation, objection and any other request: write to ")}
                        <a class="fr-link" href=format!("mailto:{contact}")>{contact.clone()}</a>
                        {l.pick(". Nous répondons dans un délai d'un mois.", ". We answer within one month.")}
                    </li>
                </ul>

                <h2>{l.pick("Délégué à la protection des données", "Data protection officer")}</h2>
                <p>
                    {l.pick("Vous pouvez contacter le délégué à la protection des données du ministère : ", "You can contact the ministry's data protection officer: ")}
                    <a class="fr-link" href=format!("mailto:{dpo}")>{dpo.clone()}</a>
                </p>

                <h2>{l.pick("Réclamation auprès de la CNIL", "Complaint to the CNIL")}</h2>
                <p>
                    {l.pick(
                        "Si vous estimez, après nous avoir contactés, que vos droits ne sont pas respectés, vous pouvez adresser une réclamation à la Commission nationale de l'informatique et des libertés (CNIL) : ",
                        "If, after contacting us, you consider that your rights are not respected, you can lodge a complaint with the Commission nationale de l'informatique et des libertés (CNIL, the French data protection authority): ",
                    )}
                    <a class="fr-link" href=CNIL_COMPLAINTS>{l.pick("adresser une plainte à la CNIL", "file a complaint with the CNIL")}</a>
                </p>

                <h2>{l.pick("Cookies", "Cookies")}</h2>
                <p>{l.pick(
                    "Le service ne dépose que des cookies strictement nécessaires à son fonctionnement : aucune mesure d'audience, aucune publicité, aucun contenu de tiers. Ils ne demandent donc pas votre consentement, et aucun bandeau ne vous le demande.",
                    "The service sets only cookies that are strictly necessary for it to work: no audience measurement, no advertising, no third-party content. They therefore need no consent, and no banner asks for it.",
                )}</p>
                <Table
                    caption=l.pick("Cookies déposés par le service", "Cookies set by the service")
                    columns=vec![l.pick("Nom", "Name"), l.pick("Rôle", "Purpose"), l.pick("Durée", "Duration")]
                >
                    {COOKIES.into_iter().map(|(name, what, how_long)| view! {
                        <tr>
                            <th scope="row"><code>{name}</code></th>
                            <td>{what.get(l)}</td>
                            <td>{how_long.get(l)}</td>
                        </tr>
                    }).collect_view()}
                </Table>
            }
        })}
    }
}
