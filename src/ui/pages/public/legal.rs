//! The pages every French public service links from its footer: « Mentions légales »,
//! « Accessibilité » (the accessibility statement in the official form) and « Plan du site ».

use crate::api::legal::legal_facts;
use crate::domain::i18n::Locale;
use crate::domain::legal::{COMPLIANCE_EN, COMPLIANCE_FR, STATEMENT_DATE_EN, STATEMENT_DATE_FR};
use crate::domain::paths::Page;
use crate::ui::components::loaded::loaded;
use crate::ui::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;

/// The footer's accessibility mention: the statement's compliance state.
pub fn compliance_mention(l: Locale) -> String {
    match l {
        Locale::Fr => format!("Accessibilité : {COMPLIANCE_FR}"),
        Locale::En => format!("Accessibility: {COMPLIANCE_EN}"),
    }
}

#[component]
pub fn LegalNoticePage() -> impl IntoView {
    let l = use_locale();
    let title = l.pick("Mentions légales", "Legal notice");
    let notice = Resource::new(|| (), |_| legal_facts());
    view! {
        <Title text=title/>
        <h1 class="fr-mt-5w">{title}</h1>
        {loaded(notice, move |n| {
            view! {
                <h2>{l.pick("Éditeur", "Publisher")}</h2>
                <p>{n.publisher.clone()}</p>
                {(!n.address.is_empty()).then(|| view! { <p>{n.address.clone()}</p> })}
                <h2>{l.pick("Directeur de la publication", "Director of publication")}</h2>
                <p>{n.director.clone()}</p>
                <h2>{l.pick("Hébergement", "Hosting")}</h2>
                <p>{n.host.clone()}</p>
                <h2>{l.pick("Nous contacter", "Contact us")}</h2>
                <p>
                    {l.pick("Par courriel : ", "By email: ")}
                    <a class="fr-link" href=format!("mailto:{}", n.contact)>{n.contact.clone()}</a>
                </p>
                <h2>{l.pick("Licence des contenus", "Licence of the content")}</h2>
                <p>
                    {l.pick(
                        "Sauf mention contraire, les contenus de ce site, y compris les données ouvertes, sont proposés sous la Licence Ouverte / Open Licence version 2.0 (Etalab). Les textes que les porteurs de projets publient restent les leurs ; ils en choisissent la publication champ par champ.",
                        "Unless stated otherwise, the content of this site, open data included, is available under the Licence Ouverte / Open Licence version 2.0 (Etalab). The texts project teams publish remain theirs; they choose what to publish field by field.",
                    )}
                </p>
                <h2>{l.pick("Système de design de l'État", "State design system")}</h2>
                <p>
                    {l.pick(
                        "Ce site utilise le Système de design de l'État (DSFR), dont l'usage est réservé aux sites de l'État.",
                        "This site uses the State design system (DSFR), whose use is reserved for State websites.",
                    )}
                </p>
                <h2>{l.pick("Données personnelles", "Personal data")}</h2>
                <p>
                    <a class="fr-link" href=Page::Privacy.path()>
                        {l.pick("Comment vos données personnelles sont traitées et comment exercer vos droits", "How your personal data are processed and how to exercise your rights")}
                    </a>
                </p>
                <h2>{l.pick("Accessibilité", "Accessibility")}</h2>
                <p>
                    <a class="fr-link" href=Page::Accessibility.path()>{compliance_mention(l)}</a>
                </p>
            }
        })}
    }
}

#[component]
pub fn AccessibilityPage() -> impl IntoView {
    let l = use_locale();
    let title = l.pick("Déclaration d'accessibilité", "Accessibility statement");
    let notice = Resource::new(|| (), |_| legal_facts());
    let (state, date) = match l {
        Locale::Fr => (COMPLIANCE_FR, STATEMENT_DATE_FR),
        Locale::En => (COMPLIANCE_EN, STATEMENT_DATE_EN),
    };
    view! {
        <Title text=title/>
        <h1 class="fr-mt-5w">{title}</h1>
        {loaded(notice, move |n| {
            let commitment = match l {
                Locale::Fr => format!("{} s'engage à rendre ses services numériques accessibles, conformément à l'article 47 de la loi n° 2005-102 du 11 février 2005. Cette déclaration d'accessibilité s'applique à « Le service public augmenté : l'accélérateur d'initiatives citoyennes ».", n.publisher),
                Locale::En => format!("{} commits to making its digital services accessible, in accordance with article 47 of French law no. 2005-102 of 11 February 2005. This accessibility statement applies to « Le service public augmenté : l'accélérateur d'initiatives citoyennes ».", n.publisher),
            };
            let compliance = match l {
                Locale::Fr => format!("Ce service est {state} avec le référentiel général d'amélioration de l'accessibilité (RGAA), version 4.1 : il n'a pas encore fait l'objet d'un audit de conformité."),
                Locale::En => format!("This service is {state} with the French accessibility framework (RGAA), version 4.1: it has not yet been audited for compliance."),
            };
            view! {
                <p>{commitment}</p>
                <h2>{l.pick("État de conformité", "Compliance status")}</h2>
                <p>{compliance}</p>
                <h2>{l.pick("Résultats des tests", "Test results")}</h2>
                <p>
                    {l.pick(
                        "Aucun audit RGAA n'a encore été réalisé. À chaque modification du service, les vérifications suivantes sont faites automatiquement :",
                        "No RGAA audit has been carried out yet. At every change of the service, the following checks run automatically:",
                    )}
                </p>
                <ul>
                    <li>{l.pick(
                        "chaque page visitée par les tests de bout en bout (tous les parcours : public, candidat, juré, agent, administrateur) est analysée par axe-core selon les critères WCAG 2.0 et 2.1, niveaux A et AA, dans Chromium ;",
                        "every page the end-to-end tests visit (every journey: public, applicant, juror, staff, administrator) is analysed by axe-core against WCAG 2.0 and 2.1 criteria, levels A and AA, in Chromium;",
                    )}</li>
                    <li>{l.pick(
                        "chaque parcours est fait deux fois : avec JavaScript, et sans JavaScript (le service fonctionne entièrement sans) ;",
                        "every journey runs twice: with JavaScript, and without it (the service works entirely without);",
                    )}</li>
                    <li>{l.pick(
                        "les formulaires refusés gardent la saisie, signalent chaque champ en erreur (message lié au champ, aria-invalid) et annoncent l'erreur en haut du formulaire.",
                        "refused forms keep what was typed, mark each field in error (message tied to the field, aria-invalid) and announce the error at the top of the form.",
                    )}</li>
                </ul>
                <h2>{l.pick("Contenus non accessibles", "Non-accessible content")}</h2>
                <h3>{l.pick("Non-conformités connues", "Known non-compliance")}</h3>
                <ul>
                    <li>{l.pick(
                        "Dans l'évaluation d'un juré, un commentaire trop long est signalé dans l'alerte en haut du formulaire, mais pas à côté du champ concerné.",
                        "In a juror's review, a comment that is too long is reported in the alert at the top of the form, but not next to the field.",
                    )}</li>
                    <li>{l.pick(
                        "Aucune vérification manuelle n'a encore été faite (lecteurs d'écran, navigation complète au clavier, zoom à 200 %, contrastes des états de survol) : des non-conformités que les outils automatiques ne détectent pas peuvent exister.",
                        "No manual check has been made yet (screen readers, full keyboard navigation, 200 % zoom, hover-state contrast): non-compliance that automated tools cannot detect may exist.",
                    )}</li>
                </ul>
                <h2>{l.pick("Établissement de cette déclaration", "Preparation of this statement")}</h2>
                <p>{match l {
                    Locale::Fr => format!("Cette déclaration a été établie le {date}."),
                    Locale::En => format!("This statement was prepared on {date}."),
                }}</p>
                <h3>{l.pick("Technologies utilisées", "Technologies used")}</h3>
                <p>{l.pick(
                    "HTML5, CSS (Système de design de l'État), WAI-ARIA ; JavaScript et WebAssembly pour l'enregistrement automatique des brouillons, sans lesquels tout fonctionne.",
                    "HTML5, CSS (State design system), WAI-ARIA; JavaScript and WebAssembly for the automatic saving of drafts, without which everything works.",
                )}</p>
                <h3>{l.pick("Environnement de test", "Test environment")}</h3>
                <p>{l.pick(
                    "Chromium (Debian) piloté par Playwright, avec axe-core ; JavaScript activé puis désactivé.",
                    "Chromium (Debian) driven by Playwright, with axe-core; JavaScript on, then off.",
                )}</p>
                <h2>{l.pick("Retour d'information et contact", "Feedback and contact")}</h2>
                <p>
                    {l.pick(
                        "Si vous n'arrivez pas à accéder à un contenu ou à un service, écrivez-nous pour être orienté vers une alternative accessible ou obtenir le contenu sous une autre forme : ",
                        "If you cannot access a content or a service, write to us to be directed to an accessible alternative or to get the content in another form: ",
                    )}
                    <a class="fr-link" href=format!("mailto:{}", n.contact)>{n.contact.clone()}</a>
                </p>
                <h2>{l.pick("Voies de recours", "Remedies")}</h2>
                <p>{l.pick(
                    "Si vous constatez un défaut d'accessibilité qui vous empêche d'accéder à un contenu ou à une fonctionnalité, que vous nous l'avez signalé et que vous n'avez pas obtenu de réponse satisfaisante, vous pouvez :",
                    "If you find an accessibility defect that prevents you from accessing content or a feature, you reported it to us and did not get a satisfactory answer, you can:",
                )}</p>
                <ul>
                    <li>
                        {l.pick("écrire un message au Défenseur des droits : ", "write to the Défenseur des droits: ")}
                        <a class="fr-link" href="https://formulaire.defenseurdesdroits.fr/">{l.pick("formulaire en ligne", "online form")}</a>
                    </li>
                    <li>
                        {l.pick("contacter le délégué du Défenseur des droits dans votre région : ", "contact the Défenseur des droits' delegate in your region: ")}
                        <a class="fr-link" href="https://www.defenseurdesdroits.fr/saisir/delegues">{l.pick("liste des délégués", "list of delegates")}</a>
                    </li>
                    <li>{l.pick(
                        "envoyer un courrier par la poste (gratuit, ne pas mettre de timbre) : Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07.",
                        "send a letter by post (free, no stamp needed): Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07.",
                    )}</li>
                </ul>
            }
        })}
    }
}

#[component]
pub fn SiteMapPage() -> impl IntoView {
    let l = use_locale();
    let title = l.pick("Plan du site", "Site map");
    let link = move |page: Page, fr: &'static str, en: &'static str| {
        view! { <li><a class="fr-link" href=page.path()>{l.pick(fr, en)}</a></li> }
    };
    view! {
        <Title text=title/>
        <h1 class="fr-mt-5w">{title}</h1>
        <h2>{l.pick("Découvrir l'accélérateur", "About the accelerator")}</h2>
        <ul>
            {link(Page::Home, "Accueil : les 4 étapes, les 5 critères, la charte, les 8 accompagnements, le calendrier", "Home: the 4 steps, the 5 criteria, the charter, the 8 supports, the calendar")}
            {link(Page::Initiatives, "Les initiatives sélectionnées et lancées", "The selected and launched initiatives")}
            {link(Page::OpenData, "Données ouvertes", "Open data")}
            {link(Page::Transparency, "Transparence : les chiffres de chaque cohorte", "Transparency: each cohort's figures")}
            {link(Page::DecisionRules, "Comment le jury classe les candidatures", "How the jury ranks the applications")}
        </ul>
        <h2>{l.pick("Mon compte", "My account")}</h2>
        <ul>
            {link(Page::Login, "Se connecter", "Log in")}
            {link(Page::Signup, "Créer un compte", "Sign up")}
            {link(Page::ForgotPassword, "Mot de passe oublié", "Forgotten password")}
            {link(Page::Account, "Mon compte", "My account")}
        </ul>
        <h2>{l.pick("Candidater et participer", "Apply and take part")}</h2>
        <ul>
            {link(Page::Candidatures, "Mes candidatures", "My applications")}
            {link(Page::Seats, "Mon espace juré", "My juror space")}
        </ul>
        <h2>{l.pick("Espace des agents", "Staff space")}</h2>
        <ul>
            {link(Page::Cohorts, "Cohortes", "Cohorts")}
            {link(Page::Comparison, "Comparer les programmes des cohortes", "Compare the cohorts' programmes")}
            {link(Page::Outbox, "Courriels", "Mail")}
            {link(Page::Users, "Utilisateurs (administrateurs)", "Users (administrators)")}
        </ul>
        <h2>{l.pick("Informations", "Information")}</h2>
        <ul>
            {link(Page::LegalNotice, "Mentions légales", "Legal notice")}
            {link(Page::Privacy, "Données personnelles", "Personal data")}
            {link(Page::Accessibility, "Déclaration d'accessibilité", "Accessibility statement")}
            {link(Page::SiteMap, "Plan du site", "Site map")}
        </ul>
    }
}

/// The rules of the algorithmic treatment that helps the jury's decisions (the ranking by
/// normalised scores), as article L311-3-1 of the code des relations entre le public et
/// l'administration requires for individual decisions taken with its help (R311-3-1-2: its
/// part in the decision, the data and their sources, the parameters and their weight, the
/// operations).
#[component]
pub fn DecisionRulesPage() -> impl IntoView {
    use crate::domain::criteria::Criterion;
    use crate::domain::jury::ranking::DISAGREEMENT_SPREAD;
    let l = use_locale();
    let title = l.pick("Comment le jury classe les candidatures", "How the jury ranks the applications");
    let spread = match l {
        Locale::Fr => format!("Quand les totaux des évaluations d'une candidature s'écartent de {} point ou plus, le tableau signale un désaccord entre évaluateurs, pour que le jury en débatte.", DISAGREEMENT_SPREAD.to_string().replace('.', ",")),
        Locale::En => format!("When the totals of an application's reviews differ by {DISAGREEMENT_SPREAD} points or more, the table flags a disagreement between reviewers, for the jury to discuss."),
    };
    view! {
        <Title text=title/>
        <h1 class="fr-mt-5w">{title}</h1>
        <p>{l.pick(
            "Les décisions de sélection sont prises par le jury avec l'aide d'un traitement algorithmique : un classement des candidatures calculé à partir des notes des évaluateurs. Conformément à l'article L311-3-1 du code des relations entre le public et l'administration, cette page en donne les règles et les principales caractéristiques.",
            "Selection decisions are taken by the jury with the help of an algorithmic treatment: a ranking of the applications computed from the reviewers' scores. As article L311-3-1 of the French code des relations entre le public et l'administration requires, this page gives its rules and main characteristics.",
        )}</p>
        <h2>{l.pick("La part du traitement dans la décision", "The treatment's part in the decision")}</h2>
        <p>{l.pick(
            "Le classement aide le jury à délibérer ; il ne décide pas. Le jury examine chaque candidature, puis l'équipe du programme enregistre la décision (sélectionnée, liste d'attente, non retenue) avec un motif pour chacun des 5 critères. Une cohorte sélectionne au plus 10 projets.",
            "The ranking helps the jury deliberate; it does not decide. The jury discusses each application, then the programme team records the decision (selected, waiting list, not selected) with a reason for each of the 5 criteria. A cohort selects at most 10 projects.",
        )}</p>
        <h2>{l.pick("Les données traitées et leur source", "The data processed and their source")}</h2>
        <p>{l.pick(
            "Seules les notes des évaluations envoyées sont traitées : chaque évaluateur affecté à une candidature (membre du jury citoyen, ou de l'équipe de l'administration pour les critères que la cohorte lui confie) note chaque critère de 1 à 4, selon une grille publiée dans le formulaire d'évaluation. Les critères :",
            "Only the scores of submitted reviews are processed: each reviewer assigned to an application (a member of the citizen jury, or of the administration's team for the criteria the cohort gives it) scores each criterion from 1 to 4, following a rubric shown in the review form. The criteria:",
        )}</p>
        <ul>
            {Criterion::ALL.into_iter().map(|c| view! { <li>{c.label().get(l)}</li> }).collect_view()}
        </ul>
        <p>{l.pick(
            "Aucune autre donnée sur les porteurs de projet (identité, adresse, âge…) n'entre dans le calcul.",
            "No other data about the applicants (identity, address, age…) enters the computation.",
        )}</p>
        <h2>{l.pick("Les paramètres et leur pondération", "The parameters and their weight")}</h2>
        <ul>
            <li>{l.pick(
                "Le total d'une évaluation est la moyenne de ses notes : les critères notés pèsent autant les uns que les autres.",
                "A review's total is the mean of its scores: the criteria scored weigh the same.",
            )}</li>
            <li>{l.pick(
                "Les évaluateurs n'utilisent pas l'échelle de la même façon (certains notent sévèrement, d'autres largement). Chaque total est donc normalisé par rapport aux totaux du même évaluateur : on lui retire la moyenne de ses totaux et on le divise par leur écart type. Un évaluateur qui n'a qu'une évaluation, ou qui a donné partout le même total, compte pour 0.",
                "Reviewers do not use the scale alike (some score harshly, others generously). Each total is therefore normalised against the same reviewer's totals: their mean is subtracted and the result divided by their standard deviation. A reviewer with a single review, or who gave the same total everywhere, counts as 0.",
            )}</li>
            <li>{l.pick(
                "La note normalisée d'une candidature est la moyenne des notes normalisées de ses évaluations. Le classement suit la note normalisée, puis la moyenne des totaux, de la plus haute à la plus basse.",
                "An application's normalised score is the mean of its reviews' normalised scores. The ranking follows the normalised score, then the mean of the totals, from highest to lowest.",
            )}</li>
            <li>{spread}</li>
        </ul>
        <h2>{l.pick("Les opérations effectuées", "The operations carried out")}</h2>
        <ol>
            <li>{l.pick(
                "Les candidatures éligibles sont réparties entre les évaluateurs, jamais à un évaluateur en conflit d'intérêts avec elles.",
                "The eligible applications are shared among the reviewers, never given to a reviewer with a conflict of interest.",
            )}</li>
            <li>{l.pick("Chaque évaluateur note et commente les candidatures qui lui sont confiées.", "Each reviewer scores and comments on the applications given to them.")}</li>
            <li>{l.pick(
                "Le classement est calculé à partir des évaluations envoyées et présenté au jury avec, pour chaque candidature, la moyenne, la médiane, l'écart entre évaluateurs et la moyenne par critère.",
                "The ranking is computed from the submitted reviews and shown to the jury with, for each application, the mean, the median, the spread between reviewers and the average per criterion.",
            )}</li>
            <li>{l.pick(
                "Le jury délibère ; la décision et ses motifs par critère sont communiqués à chaque porteur, avec la note moyenne de chaque critère.",
                "The jury deliberates; the decision and its reasons per criterion are sent to each applicant, with the average score of each criterion.",
            )}</li>
        </ol>
        <p>{l.pick(
            "Pour toute question sur une décision, écrivez à l'équipe du programme depuis la messagerie de votre candidature.",
            "For any question about a decision, write to the programme team from your application's messages.",
        )}</p>
    }
}
