//! `/agent/courriels` — staff see where outgoing mails stand (pending, sent, failed with the
//! mail server's answer) and put a failed one back in line.

use crate::domain::done::Done;
use crate::ui::components::loaded::done_param;
use crate::api::outbox::{outbox_list, OutboxRetry, OutboxView};
use crate::ui::components::form::{action_error, FormAlert, SuccessAlert};
use crate::ui::components::loaded::loaded;
use crate::ui::format::date_time;
use crate::ui::components::table::Table;
use crate::ui::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn OutboxPage() -> impl IntoView {
    let retry = ServerAction::<OutboxRetry>::new();
    let view_data = Resource::new(move || retry.version().get(), |_| outbox_list());
    let ok = done_param();
    loaded(view_data, move |o: OutboxView| {
        let l = use_locale();
        let error = action_error(retry.value());
        let title = l.pick("Courriels envoyés", "Outgoing mail");
        let state_label = move |s: &str| match s {
            "pending" => l.pick("en attente", "pending"),
            "sent" => l.pick("envoyé", "sent"),
            _ => l.pick("en échec", "failed"),
        };
        view! {
            <Title text=title/>
            <h1 class="fr-mt-5w">{title}</h1>
            {move || (ok() == Some(Done::MailRetried)).then(|| view! {
                <SuccessAlert message=l.pick("Le courriel est remis dans la file d'envoi.", "The mail is back in the sending queue.").to_string()/>
            })}
            <FormAlert error/>
            <p>
                {format!(
                    "{} {} · {} {} · {} {} — {} {}",
                    o.pending, l.pick("en attente", "pending"),
                    o.sent, l.pick("envoyés", "sent"),
                    o.failed, l.pick("en échec", "failed"),
                    l.pick("destination :", "destination:"), o.transport,
                )}
            </p>
            <p class="fr-text--sm">
                {l.pick(
                    "Un envoi refusé temporairement est retenté (30 s, 1 min, 2 min… jusqu'à 1 h d'intervalle), puis marqué en échec après 6 tentatives. Le contenu des courriels n'est pas affiché : il peut contenir un lien personnel.",
                    "A temporarily refused mail is tried again (30 s, 1 min, 2 min… up to 1 h apart), then marked failed after 6 attempts. The content of mails is not shown: it may hold a personal link.",
                )}
            </p>
            <Table
                caption=l.pick("Derniers courriels (les échecs d'abord)", "Latest mails (failures first)")
                columns=vec![l.pick("Objet", "Subject"), l.pick("Destinataire", "Recipient"), l.pick("État", "State"), l.pick("Tentatives", "Attempts"), l.pick("Créé le", "Created"), l.pick("Dernière erreur", "Last error"), l.pick("Action", "Action")]
            >
                {o.entries.into_iter().map(|e| {
                    let failed = e.state == "failed";
                    let badge = match e.state.as_str() {
                        "sent" => "fr-badge fr-badge--success fr-badge--sm",
                        "failed" => "fr-badge fr-badge--error fr-badge--sm",
                        _ => "fr-badge fr-badge--info fr-badge--sm",
                    };
                    let when = match e.sent_at {
                        Some(at) => format!("{} {}", l.pick("envoyé le", "sent on"), date_time(l, at)),
                        None if e.state == "pending" => format!("{} {}", l.pick("prochain essai", "next attempt"), date_time(l, e.next_attempt_at)),
                        None => String::new(),
                    };
                    view! {
                        <tr>
                            <th scope="row">{e.subject.clone()}</th>
                            <td>{e.recipient.clone()}</td>
                            <td><span class=badge>{state_label(&e.state)}</span><br/><span class="fr-text--xs">{when}</span></td>
                            <td>{e.attempts}</td>
                            <td>{date_time(l, e.created_at)}</td>
                            <td>{e.last_error.clone()}</td>
                            <td>
                                {failed.then(|| view! {
                                    <ActionForm action=retry>
                                        <input type="hidden" name="id" value=e.id.to_string()/>
                                        <button type="submit" class="fr-btn fr-btn--sm fr-btn--secondary">
                                            {l.pick("Relancer", "Retry")}
                                            <span class="fr-sr-only">{format!(" — {}", e.subject)}</span>
                                        </button>
                                    </ActionForm>
                                })}
                            </td>
                        </tr>
                    }
                }).collect_view()}
            </Table>
        }
    })
}
