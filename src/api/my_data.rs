//! « Mes données » (RGPD art. 15, right of access): everything held about the signed-in
//! person, read by the page (`my_data`) and downloaded as one JSON file
//! (`Download::MyDataJson`). Built on request, in a handful of queries: no background job,
//! no link to keep.

use crate::domain::error::AppError;
use crate::domain::my_data::MyDataExport;
use leptos::prelude::*;

/// Everything held about the caller (any signed-in account: citizens, jurors and agents).
#[server(endpoint = "my_data", input = server_fn::codec::GetUrl)]
pub async fn my_data() -> Result<MyDataExport, AppError> {
    use super::guard;
    let user = guard::signed_in().await?;
    let state = guard::state()?;
    let data = crate::server::db::my_data::collect(&state.db, &user).await.map_err(guard::db("my data"))?;
    tracing::info!(user_id = user.id, "personal data read");
    Ok(data)
}

#[cfg(feature = "ssr")]
pub use handlers::download;

#[cfg(feature = "ssr")]
mod handlers {
    use crate::server::state::AppState;
    use axum::extract::State;
    use axum::response::{IntoResponse, Response};
    use http::{header, HeaderMap, StatusCode};

    /// `GET /compte/mes-donnees.json`: the same export as the page, as a pretty-printed JSON
    /// file (`mes-donnees-<date>.json`), never kept by a cache; 401 without a session.
    pub async fn download(State(state): State<AppState>, headers: HeaderMap) -> Response {
        let plain = |status: StatusCode, text: &'static str| {
            (status, [(header::CONTENT_TYPE, "text/plain; charset=utf-8"), (header::CACHE_CONTROL, "no-store")], text).into_response()
        };
        let internal = || plain(StatusCode::INTERNAL_SERVER_ERROR, "Erreur interne, réessayez dans un instant.");
        let user = match crate::server::auth::user_from_headers(&state.db, &headers).await {
            Ok(Some(user)) => user,
            Ok(None) => return plain(StatusCode::UNAUTHORIZED, "Connectez-vous pour télécharger vos données."),
            Err(_) => return internal(),
        };
        let data = match crate::server::db::my_data::collect(&state.db, &user).await {
            Ok(data) => data,
            Err(e) => {
                crate::server::auth::internal("my data download", e);
                return internal();
            }
        };
        let body = match serde_json::to_string_pretty(&data) {
            Ok(body) => body,
            Err(e) => {
                crate::server::auth::internal("my data encode", e);
                return internal();
            }
        };
        tracing::info!(user_id = user.id, bytes = body.len(), "personal data downloaded");
        let today = crate::ui::format::paris_time(data.generated_at).map(|t| t.date()).unwrap_or_default();
        let disposition = format!("attachment; filename=\"{}\"", crate::domain::my_data::file_name(today));
        (
            [
                (header::CONTENT_TYPE, "application/json; charset=utf-8".to_string()),
                (header::CONTENT_DISPOSITION, disposition),
                (header::CACHE_CONTROL, "no-store".to_string()),
            ],
            body,
        )
            .into_response()
    }
}
