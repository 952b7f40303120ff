//! « Vos sessions ouvertes » in « Mon compte »: each device signed in to the account, since
//! when and last used when; any other one can be closed (forms that work without JavaScript).

use crate::api::sessions::{my_sessions, CloseOtherSessions, CloseSession, OpenSessions};
use crate::domain::done::Done;
use crate::domain::i18n::Locale;
use crate::ui::components::form::{action_error, FormAlert, SuccessAlert};
use crate::ui::components::loaded::done_param;
use crate::ui::components::table::Table;
use crate::ui::format::date_time;
use crate::ui::use_locale;
use leptos::prelude::*;

fn rules(l: Locale, s: &OpenSessions) -> String {
    match l {
        Locale::Fr => format!(
            "Chaque appareil où vous vous êtes connecté ouvre une session. Une session se ferme d'elle-même après {} jours sans activité, et au plus tard {} jours après la connexion. Si vous ne reconnaissez pas un appareil, fermez sa session et changez votre mot de passe.",
            s.idle_days, s.max_days
        ),
        Locale::En => format!(
            "Each device where you logged in opens a session. A session closes by itself after {} days without activity, and at the latest {} days after logging in. If you do not recognise a device, close its session and change your password.",
            s.idle_days, s.max_days
        ),
    }
}

#[component]
pub fn SessionsSection() -> impl IntoView {
    let l = use_locale();
    let close = ServerAction::<CloseSession>::new();
    let close_others = ServerAction::<CloseOtherSessions>::new();
    let sessions = Resource::new(move || (close.version().get(), close_others.version().get()), |_| my_sessions());
    let close_error = action_error(close.value());
    let others_error = action_error(close_others.value());
    let ok = done_param();
    let notice = move || match ok() {
        Some(Done::SessionClosed) => Some(l.pick("La session est fermée.", "The session is closed.")),
        Some(Done::SessionsClosed) => Some(l.pick("Les autres sessions sont fermées.", "The other sessions are closed.")),
        _ => None,
    };
    view! {
        <section class="fr-mt-5w" aria-labelledby="sessions">
            <h2 id="sessions">{l.pick("Vos sessions ouvertes", "Your open sessions")}</h2>
            {move || notice().map(|m| view! { <SuccessAlert message=m.to_string()/> })}
            <FormAlert error=close_error/>
            <FormAlert error=others_error/>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let s = match sessions.await {
                        Ok(s) => s,
                        Err(e) => {
                            return view! {
                                <div class="fr-alert fr-alert--error fr-alert--sm" role="alert">
                                    <p>{e.message(l)}</p>
                                </div>
                            }
                            .into_any()
                        }
                    };
                    let others = s.sessions.iter().filter(|x| !x.current).count();
                    let rows = s
                        .sessions
                        .iter()
                        .cloned()
                        .map(|x| {
                            let device = x.device.label(l);
                            let action = if x.current {
                                view! { <span class="fr-badge fr-badge--info fr-badge--sm">{l.pick("Cette session", "This session")}</span> }.into_any()
                            } else {
                                let hidden = format!("{} {device}", l.pick("la session", "the session"));
                                view! {
                                    <ActionForm action=close>
                                        <input type="hidden" name="id" value=x.id.clone()/>
                                        <button type="submit" class="fr-btn fr-btn--sm fr-btn--secondary">
                                            {l.pick("Fermer", "Close")}
                                            <span class="fr-sr-only">{format!(" {hidden}")}</span>
                                        </button>
                                    </ActionForm>
                                }
                                .into_any()
                            };
                            view! {
                                <tr>
                                    <th scope="row">{device}</th>
                                    <td>{date_time(l, x.created_at)}</td>
                                    <td>{date_time(l, x.last_used_at)}</td>
                                    <td>{action}</td>
                                </tr>
                            }
                        })
                        .collect_view();
                    view! {
                        <p>{rules(l, &s)}</p>
                        <Table
                            caption=l.pick("Sessions ouvertes sur votre compte", "Sessions open on your account")
                            columns=vec![
                                l.pick("Appareil", "Device"),
                                l.pick("Connexion", "Logged in"),
                                l.pick("Dernière activité", "Last activity"),
                                l.pick("Action", "Action"),
                            ]
                        >
                            {rows}
                        </Table>
                        {(others > 0).then(|| view! {
                            <ActionForm action=close_others>
                                <button type="submit" class="fr-btn fr-btn--secondary">
                                    {l.pick("Fermer toutes les autres sessions", "Close all other sessions")}
                                </button>
                            </ActionForm>
                        })}
                    }
                    .into_any()
                })}
            </Suspense>
        </section>
    }
}
