//! Deleting one's account: what it will do (`deletion_preview`), then doing it
//! (`delete_account`), after two confirmations.

use crate::domain::account_deletion::{Fate, Involvement};
use crate::domain::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// What deleting the caller's account will do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeletionPlan {
    /// The account's address: typed again to confirm.
    pub address: String,
    /// Each candidature of the person and what happens to it.
    pub candidatures: Vec<(Involvement, Fate)>,
    /// Jury reviews written, kept pseudonymised with the candidature they concern.
    pub reviews: i64,
    /// Seats on a jury.
    pub seats: i64,
    /// Messages written in candidature threads, kept pseudonymised with their candidature.
    pub messages: i64,
    /// Signs in through FranceConnect or ProConnect (the link is removed).
    pub providers: Vec<String>,
    /// The only admin cannot delete their account.
    pub last_admin: bool,
}

#[server(endpoint = "deletion_preview", input = server_fn::codec::GetUrl)]
pub async fn deletion_preview() -> Result<DeletionPlan, AppError> {
    use super::guard;
    use crate::domain::account_deletion::{fate, Part};
    use crate::server::db;

    let user = guard::signed_in().await?;
    let state = guard::state()?;
    let facts = db::retention::facts_for_person(&state.db, user.id, &user.email).await.map_err(guard::db("deletion facts"))?;
    let mut candidatures = Vec::with_capacity(facts.len());
    for (f, holds) in facts {
        let co_applicants = db::candidature::recipients(&state.db, f.id).await.map_err(guard::db("team"))?.len().saturating_sub(1);
        let involvement = Involvement {
            candidature_id: f.id,
            project_name: f.project_name.clone(),
            status: f.status(),
            part: if holds { Part::Holder } else { Part::CoApplicant },
            co_applicants,
            kept_until: f.kept_until(),
        };
        let fate = fate(&involvement);
        candidatures.push((involvement, fate));
    }
    let (reviews, seats, messages) = db::account_deletion::kept_counts(&state.db, user.id).await.map_err(guard::db("kept counts"))?;
    let providers = db::state_sign_in::identities_of(&state.db, user.id)
        .await
        .map_err(guard::db("identities"))?
        .into_iter()
        .map(|i| i.provider)
        .collect();
    let last_admin = user.role().is_admin() && db::account::count_admins(&state.db).await.map_err(guard::db("admins"))? <= 1;
    Ok(DeletionPlan { address: user.email.clone(), candidatures, reviews, seats, messages, providers, last_admin })
}

/// Deletes the caller's account once both confirmations are given: the box `understood`
/// ticked and the account's address typed again. The session ends; the browser goes to the
/// login page, which says it is done.
#[server(endpoint = "delete_account")]
pub async fn delete_account(#[server(default)] understood: Option<String>, #[server(default)] address: String) -> Result<(), AppError> {
    use super::guard;
    use crate::domain::account_deletion::check_confirmation;
    use crate::domain::done::Done;
    use crate::domain::paths::Page;
    use crate::server::{auth, db};

    let user = guard::signed_in().await?;
    let state = guard::state()?;
    check_confirmation(&user.email, understood.is_some(), &address).map_err(AppError::Invalid)?;
    if user.role().is_admin() && db::account::count_admins(&state.db).await.map_err(guard::db("admins"))? <= 1 {
        return Err(AppError::LastAdmin);
    }
    db::account_deletion::delete_account(&state.db, user.id, &user.email, &user.display_name).await.map_err(guard::db("delete account"))?;
    tracing::info!(user_id = user.id, "account deleted at its owner's request");
    guard::set_cookie(&auth::clear_session_cookie(state.config.secure_cookies));
    leptos_axum::redirect(&Done::AccountDeleted.at(&Page::Login.path()));
    Ok(())
}
