//! The state of an evidence address's check: « vérifié le … », the failure, or pending.

use crate::domain::evidence::CheckState;
use crate::ui::format::date_time;
use crate::ui::use_locale;
use leptos::prelude::*;

#[component]
pub fn CheckBadge(state: CheckState) -> impl IntoView {
    let l = use_locale();
    match state {
        CheckState::Pending => view! { <span class="fr-badge fr-badge--sm">{l.pick("vérification en attente", "check pending")}</span> }.into_any(),
        CheckState::Verified { at } => view! {
            <span class="fr-badge fr-badge--success fr-badge--sm">{format!("{} {}", l.pick("vérifié le", "checked on"), date_time(l, at))}</span>
        }
        .into_any(),
        CheckState::Failed { at, reason } => view! {
            <span class="fr-badge fr-badge--error fr-badge--sm">{format!("{} {} : {reason}", l.pick("échec le", "failed on"), date_time(l, at))}</span>
        }
        .into_any(),
    }
}
