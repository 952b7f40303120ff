//! The optional PDF of a candidature: upload and removal by the holder or a co-applicant while
//! the candidature can be edited, download by them and by staff (once submitted). Plain HTTP
//! routes (a file upload is a multipart form post), answering with a redirect back to the
//! summary step (`?piece=<outcome>`), so that they work the same with or without JavaScript.

use serde::{Deserialize, Serialize};

/// What the candidature's pages show of its attachment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachmentView {
    pub file_name: String,
    pub size_bytes: i64,
    pub uploaded_at: i64,
}

/// The query value set after a successful upload or removal.
pub const UPLOADED: &str = "ajoutee";
pub const REMOVED: &str = "supprimee";

#[cfg(feature = "ssr")]
pub use handlers::{download, remove, upload};

#[cfg(feature = "ssr")]
mod handlers {
    use crate::domain::ids::{CandidatureId, UserId};
    use crate::domain::paths::Page;
    use crate::domain::attachment::{check, safe_file_name, AttachmentProblem, MAX_BYTES};
    use crate::domain::candidature::{applicant_can_edit, Status};
    use crate::server::db::{self, account::UserRow, candidature::CandidatureRow};
    use crate::server::state::AppState;
    use axum::extract::{Multipart, Path, State};
    use axum::response::{IntoResponse, Redirect, Response};
    use http::{header, HeaderMap, StatusCode};

    /// Who may do what with a candidature's attachment.
    struct Access {
        user: UserRow,
        row: CandidatureRow,
        /// Staff read a submitted candidature's file; they do not change it.
        staff: bool,
    }

    /// Why a request is turned away.
    enum Refusal {
        /// Not signed in: log in, then come back to candidature `id`'s summary.
        Login(i64),
        /// Agents read the file; only the team changes it.
        Forbidden,
        NotFound,
        /// The candidature can no longer be changed: back to its summary, saying so.
        Closed(i64),
        Internal,
    }

    impl IntoResponse for Refusal {
        fn into_response(self) -> Response {
            match self {
                Refusal::Login(id) => {
                    Redirect::to(&Page::Login.then(&Page::Step { id: CandidatureId(id), step: 6 }.path())).into_response()
                }
                Refusal::Forbidden => {
                    (StatusCode::FORBIDDEN, "Seule l'équipe de la candidature modifie sa pièce jointe.").into_response()
                }
                Refusal::NotFound => (StatusCode::NOT_FOUND, "Cette pièce jointe n'existe pas.").into_response(),
                Refusal::Closed(id) => back(id, AttachmentProblem::Closed.code()),
                Refusal::Internal => {
                    (StatusCode::INTERNAL_SERVER_ERROR, "Erreur interne, réessayez dans un instant.").into_response()
                }
            }
        }
    }

    fn internal(context: &'static str) -> impl Fn(sqlx::Error) -> Refusal {
        move |e| {
            crate::server::auth::internal(context, e);
            Refusal::Internal
        }
    }

    /// Who is asking about candidature `id`, and whether they may.
    async fn access(state: &AppState, headers: &HeaderMap, id: &str) -> Result<Access, Refusal> {
        let id: i64 = id.parse().map_err(|_| Refusal::NotFound)?;
        let user = match crate::server::auth::user_from_headers(&state.db, headers).await {
            Ok(Some(u)) => u,
            Ok(None) => return Err(Refusal::Login(id)),
            Err(_) => return Err(Refusal::Internal),
        };
        let row = db::candidature::find(&state.db, id).await.map_err(internal("attachment: find"))?.ok_or(Refusal::NotFound)?;
        if user.role().is_staff() && row.status() != Status::Draft {
            return Ok(Access { user, row, staff: true });
        }
        if db::candidature::on_team(&state.db, &user, &row).await.map_err(internal("attachment: member"))? {
            Ok(Access { user, row, staff: false })
        } else {
            Err(Refusal::NotFound)
        }
    }

    /// The holder or a co-applicant of a candidature they may still change; a closed one sends
    /// them back to the summary with the reason.
    async fn editor(state: &AppState, headers: &HeaderMap, id: &str) -> Result<(UserRow, CandidatureRow), Refusal> {
        let a = access(state, headers, id).await?;
        if a.staff {
            return Err(Refusal::Forbidden);
        }
        let cohort = db::cohort::find(&state.db, a.row.cohort_id).await.map_err(internal("attachment: cohort"))?;
        let phase = cohort.filter(|c| !c.is_closed()).map(|c| c.calendar().phase_on(chrono::Utc::now().date_naive()));
        if phase.is_some_and(|p| applicant_can_edit(a.row.status(), p)) {
            Ok((a.user, a.row))
        } else {
            Err(Refusal::Closed(a.row.id))
        }
    }

    fn back(id: i64, outcome: &str) -> Response {
        Redirect::to(&format!("{}?piece={outcome}", Page::Step { id: CandidatureId(id), step: 6 })).into_response()
    }

    /// `POST /candidatures/{id}/piece-jointe` (multipart, field `fichier`).
    pub async fn upload(State(state): State<AppState>, Path(id): Path<String>, headers: HeaderMap, multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>) -> Response {
        let (user, row) = match editor(&state, &headers, &id).await {
            Ok(found) => found,
            Err(refusal) => return refusal.into_response(),
        };
        let Ok(mut multipart) = multipart else { return back(row.id, AttachmentProblem::Missing.code()) };
        let mut file: Option<(String, Vec<u8>)> = None;
        loop {
            match multipart.next_field().await {
                Ok(Some(field)) if field.name() == Some("fichier") => {
                    let name = field.file_name().unwrap_or("").to_string();
                    match field.bytes().await {
                        Ok(bytes) => file = Some((name, bytes.to_vec())),
                        // The body limit stops anything much larger than 10 MB while reading.
                        Err(_) => return back(row.id, AttachmentProblem::TooLarge.code()),
                    }
                }
                Ok(Some(_)) => {}
                Ok(None) => break,
                Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => return back(row.id, AttachmentProblem::TooLarge.code()),
                Err(_) => return back(row.id, AttachmentProblem::Missing.code()),
            }
        }
        let Some((name, bytes)) = file else { return back(row.id, AttachmentProblem::Missing.code()) };
        if let Err(problem) = check(&bytes) {
            return back(row.id, problem.code());
        }
        if let Err(e) = db::attachment::put(&state.db, CandidatureId(row.id), &safe_file_name(&name), &bytes, UserId(user.id)).await {
            return internal("attachment: store")(e).into_response();
        }
        tracing::info!(candidature = row.id, bytes = bytes.len(), "attachment stored");
        back(row.id, super::UPLOADED)
    }

    /// `POST /candidatures/{id}/piece-jointe/supprimer`.
    pub async fn remove(State(state): State<AppState>, Path(id): Path<String>, headers: HeaderMap) -> Response {
        let row = match editor(&state, &headers, &id).await {
            Ok((_, row)) => row,
            Err(refusal) => return refusal.into_response(),
        };
        if let Err(e) = db::attachment::remove(&state.db, row.id).await {
            return internal("attachment: remove")(e).into_response();
        }
        back(row.id, super::REMOVED)
    }

    /// `GET /candidatures/{id}/piece-jointe`: the PDF, as a download.
    pub async fn download(State(state): State<AppState>, Path(id): Path<String>, headers: HeaderMap) -> Response {
        let id = match access(&state, &headers, &id).await {
            Ok(a) => a.row.id,
            Err(refusal) => return refusal.into_response(),
        };
        match db::attachment::content(&state.db, id).await {
            Ok(Some((name, bytes))) => {
                let ascii: String = name.chars().map(|c| if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') { c } else { '_' }).collect();
                let utf8 = crate::domain::paths::encode_query_value(&name);
                let disposition = format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{utf8}");
                ([(header::CONTENT_TYPE, "application/pdf".to_string()), (header::CONTENT_DISPOSITION, disposition)], bytes)
                    .into_response()
            }
            Ok(None) => Refusal::NotFound.into_response(),
            Err(e) => internal("attachment: read")(e).into_response(),
        }
    }

    /// The largest request body the upload route accepts: the file and the form's envelope.
    pub const BODY_LIMIT: usize = MAX_BYTES + 64 * 1024;
}

#[cfg(feature = "ssr")]
pub use handlers::BODY_LIMIT;
