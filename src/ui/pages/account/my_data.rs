//! « Mes données »: everything the service holds about the signed-in person, readable and
//! printable (one section per kind of record), with the same data as a JSON download
//! (RGPD art. 15, right of access). Every value is rendered as text.

use crate::api::my_data::my_data;
use crate::domain::i18n::Locale;
use crate::domain::ids::CandidatureId;
use crate::domain::my_data::*;
use crate::domain::paths::{Download, Page};
use crate::ui::components::loaded::loaded;
use crate::ui::components::recap::CandidatureRecap;
use crate::ui::components::table::Table;
use crate::ui::format::date_time;
use crate::ui::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn MyDataPage() -> impl IntoView {
    let l = use_locale();
    let data = Resource::new(|| (), |_| my_data());
    let title = l.pick("Mes données", "My data");
    loaded(data, move |d| {
        view! {
            <Title text=title/>
            <div class="fr-mt-5w">
                <h1>{title}</h1>
                <p>
                    {l.pick(
                        "Cette page rassemble toutes les données que le service conserve sur vous : votre compte, vos moyens de connexion, vos sessions, vos candidatures et leur historique, vos engagements, vos messages, votre participation à un jury et vos évaluations, les courriels qui vous ont été envoyés. C'est votre droit d'accès (article 15 du règlement général sur la protection des données).",
                        "This page gathers all the data the service keeps about you: your account, your sign-in methods, your sessions, your applications and their history, your commitments, your messages, your part in a jury and your reviews, the emails sent to you. This is your right of access (article 15 of the General Data Protection Regulation).",
                    )}
                </p>
                <p>
                    {l.pick(
                        "Le fichier JSON contient les mêmes données, lisibles par un logiciel. Pour garder cette page, imprimez-la avec la commande d'impression de votre navigateur.",
                        "The JSON file holds the same data, readable by software. To keep this page, print it with your browser's print command.",
                    )}
                </p>
                <p class="app-no-print">
                    <a class="fr-link fr-icon-download-line fr-link--icon-left" href=Download::MyDataJson.path() download>
                        {l.pick("Télécharger mes données (JSON)", "Download my data (JSON)")}
                    </a>
                </p>
                <p>
                    {l.pick(
                        "Pourquoi ces données sont traitées, combien de temps elles sont gardées et comment exercer vos autres droits (rectification, effacement, opposition) : ",
                        "Why these data are processed, how long they are kept and how to use your other rights (rectification, erasure, objection): ",
                    )}
                    <a class="fr-link" href=Page::Privacy.path()>{l.pick("Données personnelles", "Personal data")}</a>
                    "."
                </p>
                <Export d l/>
            </div>
        }
    })
}

/// « Vos données » in « Mon compte »: where to read and download them.
#[component]
pub fn MyDataSection() -> impl IntoView {
    let l = use_locale();
    view! {
        <section class="fr-mt-5w fr-col-12 fr-col-md-8 fr-col-lg-6" aria-labelledby="vos-donnees">
            <h2 id="vos-donnees">{l.pick("Vos données", "Your data")}</h2>
            <p>
                {l.pick(
                    "Tout ce que le service conserve sur vous, à lire, imprimer ou télécharger (fichier JSON).",
                    "Everything the service keeps about you, to read, print or download (JSON file).",
                )}
            </p>
            <p>
                <a class="fr-link" href=Page::MyData.path()>{l.pick("Consulter et télécharger mes données", "View and download my data")}</a>
            </p>
        </section>
    }
}

/// A date and time, or « — ».
fn when(l: Locale, at: Option<i64>) -> String {
    at.map(|t| date_time(l, t)).unwrap_or_else(|| "—".to_string())
}

/// A text the person may have left empty.
fn or_none(l: Locale, text: &str) -> String {
    if text.trim().is_empty() { l.pick("(vide)", "(empty)").to_string() } else { text.to_string() }
}

fn none(l: Locale) -> AnyView {
    view! { <p>{l.pick("Aucune donnée.", "No data.")}</p> }.into_any()
}

#[component]
fn Export(d: MyDataExport, l: Locale) -> impl IntoView {
    let a = d.account;
    view! {
        <p class="fr-text--sm">{format!("{} {}", l.pick("Données extraites le", "Data extracted on"), date_time(l, d.generated_at))}</p>
        <h2 class="fr-mt-5w">{l.pick("Votre compte", "Your account")}</h2>
        <dl class="app-facts">
            <dt>{l.pick("Nom", "Name")}</dt>
            <dd>{a.display_name}</dd>
            <dt>{l.pick("Adresse électronique", "Email address")}</dt>
            <dd>{a.email}</dd>
            <dt>{l.pick("Adresse confirmée le", "Address confirmed on")}</dt>
            <dd>{when(l, a.email_verified_at)}</dd>
            <dt>{l.pick("Rôle", "Role")}</dt>
            <dd>{a.role.label().get(l)}</dd>
            <dt>{l.pick("Langue des courriels", "Language of the emails")}</dt>
            <dd>{a.lang}</dd>
            <dt>{l.pick("Compte créé le", "Account created on")}</dt>
            <dd>{date_time(l, a.created_at)}</dd>
        </dl>
        <h2 class="fr-mt-5w">{l.pick("Moyens de connexion", "Sign-in methods")}</h2>
        <dl class="app-facts">
            <dt>{l.pick("Mot de passe", "Password")}</dt>
            <dd>
                {if d.sign_in.password {
                    l.pick("oui (il n'est conservé que sous une forme qui ne permet pas de le retrouver)", "yes (kept only in a form it cannot be recovered from)")
                } else {
                    l.pick("non", "no")
                }}
            </dd>
        </dl>
        {if d.sign_in.identities.is_empty() {
            view! { <p>{l.pick("Aucune identité FranceConnect ou ProConnect n'est liée au compte.", "No FranceConnect or ProConnect identity is tied to the account.")}</p> }.into_any()
        } else {
            view! {
                <Table
                    caption=l.pick("Identités transmises par un fournisseur de l'État", "Identities from a State provider")
                    columns=vec![l.pick("Fournisseur", "Provider"), l.pick("Identifiant", "Identifier"), l.pick("Prénoms", "Given names"), l.pick("Nom", "Family name"), l.pick("Liée le", "Tied on"), l.pick("Dernière utilisation", "Last used")]
                >
                    {d.sign_in.identities.into_iter().map(|i| view! {
                        <tr>
                            <td>{i.provider}</td>
                            <td>{i.subject}</td>
                            <td>{i.given_name}</td>
                            <td>{i.family_name}</td>
                            <td>{date_time(l, i.created_at)}</td>
                            <td>{date_time(l, i.last_used_at)}</td>
                        </tr>
                    }).collect_view()}
                </Table>
            }.into_any()
        }}
        <h2 class="fr-mt-5w">{l.pick("Sessions", "Sessions")}</h2>
        {if d.sessions.is_empty() {
            none(l)
        } else {
            view! {
                <Table
                    caption=l.pick("Sessions ouvertes", "Open sessions")
                    columns=vec![l.pick("Appareil (navigateur)", "Device (browser)"), l.pick("Ouverte le", "Opened on"), l.pick("Dernière utilisation", "Last used"), l.pick("Expire le", "Expires on"), l.pick("Par", "Through")]
                >
                    {d.sessions.into_iter().map(|s| view! {
                        <tr>
                            <td>{or_none(l, &s.device)}</td>
                            <td>{date_time(l, s.created_at)}</td>
                            <td>{date_time(l, s.last_used_at)}</td>
                            <td>{date_time(l, s.expires_at)}</td>
                            <td>{s.provider.unwrap_or_else(|| l.pick("mot de passe", "password").to_string())}</td>
                        </tr>
                    }).collect_view()}
                </Table>
            }.into_any()
        }}
        <h2 class="fr-mt-5w">{l.pick("Candidatures", "Applications")}</h2>
        {if d.candidatures.is_empty() {
            none(l)
        } else {
            d.candidatures.into_iter().map(|c| view! { <CandidatureSection c l/> }).collect_view().into_any()
        }}
        {(!d.messages_elsewhere.is_empty()).then(|| view! {
            <h2 class="fr-mt-5w">{l.pick("Vos messages dans d'autres fils", "Your messages in other threads")}</h2>
            <Table
                caption=l.pick("Messages que vous avez écrits", "Messages you wrote")
                columns=vec![l.pick("Date", "Date"), l.pick("Candidature", "Application"), l.pick("Message", "Message")]
            >
                {d.messages_elsewhere.into_iter().map(|m| view! {
                    <tr>
                        <td>{date_time(l, m.at)}</td>
                        <td>{m.candidature}</td>
                        <td class="app-message-text">{m.body}</td>
                    </tr>
                }).collect_view()}
            </Table>
        })}
        <h2 class="fr-mt-5w">{l.pick("Jury citoyen", "Citizen jury")}</h2>
        <JurySection j=d.jury l/>
        <h2 class="fr-mt-5w">{l.pick("Courriels envoyés", "Emails sent")}</h2>
        <p>{l.pick("L'objet et la date des courriels envoyés à votre adresse ; leur texte est celui que vous avez reçu.", "The subject and date of the emails sent to your address; their text is the one you received.")}</p>
        {if d.mails.is_empty() {
            none(l)
        } else {
            view! {
                <Table
                    caption=l.pick("Courriels envoyés à votre adresse", "Emails sent to your address")
                    columns=vec![l.pick("Date", "Date"), l.pick("Objet", "Subject"), l.pick("Nature", "Kind"), l.pick("État", "State")]
                >
                    {d.mails.into_iter().map(|m| view! {
                        <tr>
                            <td>{date_time(l, m.sent_at.unwrap_or(m.created_at))}</td>
                            <td>{m.subject.clone()}</td>
                            <td>{m.kind.clone()}</td>
                            <td>{m.state_label().get(l)}</td>
                        </tr>
                    }).collect_view()}
                </Table>
            }.into_any()
        }}
    }
}

#[component]
fn CandidatureSection(c: CandidatureData, l: Locale) -> impl IntoView {
    let heading = format!("{} — {}", or_none(l, &c.project_name), c.reference);
    let id = c.id;
    view! {
        <section class="fr-mt-4w">
            <h3>{heading}</h3>
            <dl class="app-facts">
                <dt>{l.pick("Votre rôle", "Your role")}</dt>
                <dd>{c.role.label().get(l)}</dd>
                <dt>{l.pick("Cohorte", "Cohort")}</dt>
                <dd>{c.cohort}</dd>
                <dt>{l.pick("Statut", "Status")}</dt>
                <dd>{c.status.label().get(l)}</dd>
                <dt>{l.pick("Commencée le", "Started on")}</dt>
                <dd>{date_time(l, c.started_at)}</dd>
                <dt>{l.pick("Dernière modification", "Last change")}</dt>
                <dd>{date_time(l, c.updated_at)}</dd>
                <dt>{l.pick("Déposée le", "Submitted on")}</dt>
                <dd>{when(l, c.submitted_at)}</dd>
            </dl>
            <h4 class="fr-mt-3w">{l.pick("Contenu", "Content")}</h4>
            <CandidatureRecap form=c.content/>
            <h4 class="fr-mt-3w">{l.pick("Historique", "History")}</h4>
            {if c.history.is_empty() {
                none(l)
            } else {
                view! {
                    <Table
                        caption=l.pick("Changements de statut", "Status changes")
                        columns=vec![l.pick("Date", "Date"), l.pick("De", "From"), l.pick("Vers", "To"), l.pick("Par", "By"), l.pick("Message", "Message")]
                    >
                        {c.history.into_iter().map(|e| view! {
                            <tr>
                                <td>{date_time(l, e.at)}</td>
                                <td>{e.from.label().get(l)}</td>
                                <td>{e.to.label().get(l)}</td>
                                <td>{e.by.label().get(l)}</td>
                                <td class="app-message-text">{e.message}</td>
                            </tr>
                        }).collect_view()}
                    </Table>
                }.into_any()
            }}
            <h4 class="fr-mt-3w">{l.pick("Document joint", "Attached document")}</h4>
            {match c.attachment {
                None => none(l),
                Some(a) => view! {
                    <p>
                        {format!(
                            "{} ({}), {} {}. ",
                            a.file_name,
                            size_label(a.size_bytes, l == Locale::Fr),
                            l.pick("ajouté le", "added on"),
                            date_time(l, a.uploaded_at),
                        )}
                        {l.pick("Le fichier lui-même n'est pas dans l'export : ", "The file itself is not in the export: ")}
                        <a class="fr-link" href=Download::Attachment { id: CandidatureId(id) }.path() download>
                            {l.pick("télécharger le document joint", "download the attached document")}
                        </a>
                        "."
                    </p>
                }.into_any(),
            }}
            <h4 class="fr-mt-3w">{l.pick("Engagements de la charte acceptés", "Charter commitments accepted")}</h4>
            {if c.commitments.is_empty() {
                none(l)
            } else {
                view! {
                    <ul>
                        {c.commitments.into_iter().map(|k| view! {
                            <li>{format!("{} — {}", k.commitment.label().get(l), date_time(l, k.accepted_at))}</li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <h4 class="fr-mt-3w">{l.pick("Consentements à la publication", "Consents to publication")}</h4>
            {if c.publication_consents.is_empty() {
                view! { <p>{l.pick("Aucun champ publié.", "No field published.")}</p> }.into_any()
            } else {
                view! {
                    <ul>
                        {c.publication_consents.into_iter().map(|f| view! { <li>{f.label().get(l)}</li> }).collect_view()}
                    </ul>
                }.into_any()
            }}
            {(!c.programme_signatures.is_empty()).then(|| view! {
                <h4 class="fr-mt-3w">{l.pick("Charte du programme signée", "Programme charter signed")}</h4>
                <ul>
                    {c.programme_signatures.into_iter().map(|s| {
                        let signer = match s.signer_name {
                            Some(name) => format!("{name} ({})", s.by.label().get(l)),
                            None => s.by.label().get(l).to_string(),
                        };
                        view! { <li>{format!("{} — {}, {}", s.commitment.label().get(l), signer, date_time(l, s.signed_at))}</li> }
                    }).collect_view()}
                </ul>
            })}
            {(!c.check_ins.is_empty()).then(|| view! {
                <h4 class="fr-mt-3w">{l.pick("Points d'étape", "Check-ins")}</h4>
                <Table
                    caption=l.pick("Points d'étape du programme", "Programme check-ins")
                    columns=vec![l.pick("Date", "Date"), l.pick("Par", "By"), l.pick("Avancement", "Progress"), l.pick("Blocages", "Blockers"), l.pick("Besoins", "Needs")]
                >
                    {c.check_ins.into_iter().map(|k| view! {
                        <tr>
                            <td>{date_time(l, k.at)}</td>
                            <td>{k.by.label().get(l)}</td>
                            <td class="app-message-text">{k.progress}</td>
                            <td class="app-message-text">{k.blockers}</td>
                            <td class="app-message-text">{k.needs}</td>
                        </tr>
                    }).collect_view()}
                </Table>
            })}
            {c.decision.map(|dec| view! {
                <h4 class="fr-mt-3w">{l.pick("Décision", "Decision")}</h4>
                <p>{format!("{} — {}", dec.outcome.label().get(l), date_time(l, dec.decided_at))}</p>
                <dl class="app-facts app-recap">
                    {dec.reasons.into_iter().map(|(criterion, reason)| view! {
                        <dt>{criterion.label().get(l)}</dt>
                        <dd>{reason}</dd>
                    }).collect_view()}
                </dl>
            })}
            <h4 class="fr-mt-3w">{l.pick("Messages", "Messages")}</h4>
            {if c.messages.is_empty() {
                none(l)
            } else {
                view! {
                    <Table
                        caption=l.pick("Fil de messages de la candidature", "The application's message thread")
                        columns=vec![l.pick("Date", "Date"), l.pick("Auteur", "Author"), l.pick("Message", "Message")]
                    >
                        {c.messages.into_iter().map(|m| view! {
                            <tr>
                                <td>{date_time(l, m.at)}</td>
                                <td>{m.by.label().get(l)}</td>
                                <td class="app-message-text">{m.body}</td>
                            </tr>
                        }).collect_view()}
                    </Table>
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn JurySection(j: JuryData, l: Locale) -> impl IntoView {
    if j.invitations.is_empty() && j.seats.is_empty() && j.conflicts.is_empty() && j.reviews.is_empty() {
        return none(l);
    }
    view! {
        {(!j.invitations.is_empty()).then(|| view! {
            <Table
                caption=l.pick("Invitations à un jury", "Invitations to a jury")
                columns=vec![l.pick("Cohorte", "Cohort"), l.pick("Invité le", "Invited on"), l.pick("Acceptée le", "Accepted on")]
            >
                {j.invitations.into_iter().map(|i| view! {
                    <tr>
                        <td>{i.cohort}</td>
                        <td>{date_time(l, i.invited_at)}</td>
                        <td>{when(l, i.accepted_at)}</td>
                    </tr>
                }).collect_view()}
            </Table>
        })}
        {(!j.seats.is_empty()).then(|| view! {
            <Table
                caption=l.pick("Vos sièges de juré", "Your juror seats")
                columns=vec![l.pick("Cohorte", "Cohort"), l.pick("Membre depuis", "Member since"), l.pick("Charte du juré acceptée le", "Juror charter accepted on"), l.pick("Conflits déclarés le", "Conflicts declared on"), l.pick("Note jointe à la déclaration", "Note given with the declaration")]
            >
                {j.seats.into_iter().map(|s| view! {
                    <tr>
                        <td>{s.cohort}</td>
                        <td>{date_time(l, s.joined_at)}</td>
                        <td>{when(l, s.charter_accepted_at)}</td>
                        <td>{when(l, s.conflicts_declared_at)}</td>
                        <td class="app-message-text">{s.conflicts_note}</td>
                    </tr>
                }).collect_view()}
            </Table>
        })}
        {(!j.conflicts.is_empty()).then(|| view! {
            <Table
                caption=l.pick("Conflits d'intérêts", "Conflicts of interest")
                columns=vec![l.pick("Cohorte", "Cohort"), l.pick("Projet", "Project"), l.pick("Déclaré le", "Declared on"), l.pick("Par", "By")]
            >
                {j.conflicts.into_iter().map(|f| view! {
                    <tr>
                        <td>{f.cohort}</td>
                        <td>{f.project_name}</td>
                        <td>{date_time(l, f.declared_at)}</td>
                        <td>{f.by.label().get(l)}</td>
                    </tr>
                }).collect_view()}
            </Table>
        })}
        {j.reviews.into_iter().map(|r| view! { <ReviewSection r l/> }).collect_view()}
    }
    .into_any()
}

#[component]
fn ReviewSection(r: ReviewData, l: Locale) -> impl IntoView {
    let heading = format!("{} {} ({})", l.pick("Votre évaluation :", "Your review:"), r.project_name, r.cohort);
    let opinion = r.opinion.map(|o| o.label().get(l).to_string()).unwrap_or_else(|| "—".to_string());
    view! {
        <section class="fr-mt-4w">
            <h3>{heading}</h3>
            <dl class="app-facts">
                <dt>{l.pick("État", "State")}</dt>
                <dd>{r.state.label().get(l)}</dd>
                <dt>{l.pick("Attribuée le", "Assigned on")}</dt>
                <dd>{date_time(l, r.assigned_at)}</dd>
                <dt>{l.pick("Dernière modification", "Last change")}</dt>
                <dd>{date_time(l, r.updated_at)}</dd>
                <dt>{l.pick("Envoyée le", "Submitted on")}</dt>
                <dd>{when(l, r.submitted_at)}</dd>
                <dt>{l.pick("Avis", "Opinion")}</dt>
                <dd>{opinion}</dd>
                <dt>{l.pick("Appréciation générale", "Overall comment")}</dt>
                <dd class="app-message-text">{or_none(l, &r.overall)}</dd>
            </dl>
            {(!r.scores.is_empty()).then(|| view! {
                <Table
                    caption=l.pick("Vos notes et commentaires par critère", "Your scores and comments per criterion")
                    columns=vec![l.pick("Critère", "Criterion"), l.pick("Note (sur 4)", "Score (out of 4)"), l.pick("Commentaire", "Comment")]
                >
                    {r.scores.into_iter().map(|s| view! {
                        <tr>
                            <td>{s.criterion.label().get(l)}</td>
                            <td>{s.score.map(|v| v.to_string()).unwrap_or_else(|| "—".to_string())}</td>
                            <td class="app-message-text">{s.comment}</td>
                        </tr>
                    }).collect_view()}
                </Table>
            })}
        </section>
    }
}
