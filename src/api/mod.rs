//! Server functions, one module per feature. Each one is thin: authorize → parse → db →
//! map the error. The types they return are shared with the browser.

pub mod account;
pub mod account_deletion;
pub mod attachment;
pub mod candidature;
pub mod cohort;
pub mod jury;
pub mod legal;
pub mod messages;
pub mod my_data;
#[cfg(feature = "ssr")]
pub mod open_api;
pub mod outbox;
pub mod programme;
pub mod publication;
pub mod retention;
pub mod screening;
pub mod sessions;
pub mod state_sign_in;
pub mod transparency;

use crate::domain::error::AppError;
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};

/// Lets `#[server]` functions return `Result<T, AppError>`.
impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    /// Arguments that cannot be decoded are the caller's mistake (`Malformed`, 400); the rest
    /// is transport. The decoder's text may quote the input: only its start is kept, so that
    /// a huge malformed argument gives a small error answer.
    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        let detail: String = value.to_string().chars().take(200).collect();
        match value {
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) | ServerFnErrorErr::UnsupportedRequestMethod(_) => {
                AppError::Malformed(detail)
            }
            _ => AppError::Transport(detail),
        }
    }
}

#[cfg(feature = "ssr")]
pub(crate) mod guard {
    //! What every server function starts with: the state, the caller, the caller's rights.
    //! A refusal is just `Err(AppError::…)`: its HTTP status comes from the variant, set in
    //! one place for every server function (`server::http::refusals_answer_with_their_status`).

    use crate::domain::account::Role;
    use crate::domain::error::AppError;
    use crate::domain::i18n::Locale;
    use crate::server::db::account::UserRow;
    use crate::server::db::candidature::CandidatureRow;
    use crate::server::db::cohort::CohortRow;
    use crate::server::db::jury::JurorRow;
    use crate::domain::ids::{CohortId, UserId};
    use crate::server::state::AppState;
    use http::request::Parts;
    use leptos::prelude::*;

    pub fn state() -> Result<AppState, AppError> {
        use_context::<AppState>().ok_or_else(|| crate::server::auth::internal("state", "AppState missing from context"))
    }

    pub fn parts() -> Result<Parts, AppError> {
        use_context::<Parts>().ok_or_else(|| crate::server::auth::internal("request", "request parts missing from context"))
    }

    /// The language of the request (the `lang` cookie), French by default.
    pub fn locale() -> Locale {
        use_context::<Parts>()
            .and_then(|p| crate::server::auth::cookie(&p.headers, crate::server::http::LANG_COOKIE).map(Locale::from_code))
            .unwrap_or_default()
    }

    /// The signed-in account, if any.
    pub async fn caller() -> Result<Option<UserRow>, AppError> {
        let state = state()?;
        let parts = parts()?;
        crate::server::auth::user_from_headers(&state.db, &parts.headers).await
    }

    /// The signed-in account, or `Unauthenticated`.
    pub async fn signed_in() -> Result<UserRow, AppError> {
        match caller().await? {
            Some(user) => Ok(user),
            None => Err(AppError::Unauthenticated),
        }
    }

    /// An account whose authority is checked: only the functions of this module make one,
    /// after the check, so a server function that holds one cannot have skipped it.
    macro_rules! authority {
        ($(#[$doc:meta])* $name:ident, $maker:ident, $allowed:path) => {
            $(#[$doc])*
            pub struct $name(UserRow);

            impl $name {
                /// The account, if its authority is this one; else the account back (not an
                /// error: the caller goes on with another check).
                #[allow(clippy::result_large_err)]
                pub fn try_from_user(user: UserRow) -> Result<$name, UserRow> {
                    if $allowed(user.role()) {
                        Ok($name(user))
                    } else {
                        Err(user)
                    }
                }

                #[allow(dead_code)] // not every authority needs its account back
                pub fn into_user(self) -> UserRow {
                    self.0
                }
            }

            impl std::ops::Deref for $name {
                type Target = UserRow;
                fn deref(&self) -> &UserRow {
                    &self.0
                }
            }

            /// The signed-in account with this authority: `Unauthenticated` without a
            /// session, `Forbidden` with another authority.
            pub async fn $maker() -> Result<$name, AppError> {
                $name::try_from_user(signed_in().await?).map_err(|_| AppError::Forbidden)
            }
        };
    }

    authority!(
        /// A programme agent: staff or admin (admin implies staff).
        Staff,
        staff,
        Role::is_staff
    );
    authority!(
        /// An admin (manages the accounts' authority).
        Admin,
        admin,
        Role::is_admin
    );
    authority!(
        /// A citizen: applies, co-applies, sits on juries (never an agent: agents do not
        /// apply nor judge).
        Citizen,
        citizen,
        Role::is_citizen
    );

    /// A citizen's seat on a cohort's jury. Only [`seat`] makes one.
    pub struct Seat {
        pub user: UserRow,
        pub juror: JurorRow,
    }

    /// The caller's seat on the cohort's jury: `Unauthenticated`, `Forbidden` for an agent,
    /// `NotFound` without a seat.
    pub async fn seat(cohort_id: i64) -> Result<Seat, AppError> {
        let user = citizen().await?.into_user();
        let state = state()?;
        match crate::server::db::jury::juror(&state.db, CohortId(cohort_id), UserId(user.id)).await.map_err(db("juror"))? {
            Some(juror) => Ok(Seat { user, juror }),
            None => Err(AppError::NotFound),
        }
    }

    /// A person on a candidature's team: its holder, or a co-applicant whose confirmed address
    /// the holder named. Only [`member`] makes one.
    pub struct Member {
        pub user: UserRow,
        pub candidature: CandidatureRow,
    }

    /// Whether the account is on the candidature's team (`db::candidature::on_team`).
    pub async fn is_member(user: &UserRow, row: &CandidatureRow) -> Result<bool, AppError> {
        let state = state()?;
        crate::server::db::candidature::on_team(&state.db, user, row).await.map_err(db("team member"))
    }

    /// The caller's place on the candidature's team, or `NotFound` (someone else's candidature
    /// does not leak).
    pub async fn member(user: UserRow, candidature: CandidatureRow) -> Result<Member, AppError> {
        if !is_member(&user, &candidature).await? {
            return Err(AppError::NotFound);
        }
        Ok(Member { user, candidature })
    }

    /// A cohort whose records may still change. Only [`writable_cohort`] and [`writable`]
    /// make one, and they refuse a closed cohort (`CohortClosed`): a server function that
    /// changes a cohort's records (candidatures, jury, reviews, decisions, messages) gets it
    /// before touching them. The one change left after closing, withdrawing a publication
    /// consent, is a right of the people concerned and does not ask for it.
    pub struct WritableCohort(CohortRow);

    impl std::ops::Deref for WritableCohort {
        type Target = CohortRow;
        fn deref(&self) -> &CohortRow {
            &self.0
        }
    }

    /// The cohort, if it exists (`NotFound`) and is not closed (`CohortClosed`).
    pub async fn writable_cohort(id: i64) -> Result<WritableCohort, AppError> {
        let state = state()?;
        match crate::server::db::cohort::find(&state.db, id).await.map_err(db("find cohort"))? {
            Some(row) => writable(row),
            None => Err(AppError::NotFound),
        }
    }

    /// The cohort already read, if it is not closed (`CohortClosed`).
    pub fn writable(row: CohortRow) -> Result<WritableCohort, AppError> {
        if row.is_closed() {
            Err(AppError::CohortClosed)
        } else {
            Ok(WritableCohort(row))
        }
    }

    /// Adds a `Set-Cookie` header to the answer.
    pub fn set_cookie(value: &str) {
        if let (Some(res), Ok(v)) = (use_context::<leptos_axum::ResponseOptions>(), http::HeaderValue::from_str(value)) {
            res.append_header(http::header::SET_COOKIE, v);
        }
    }

    /// The request is a form posted by a browser without JavaScript (it accepts HTML).
    pub fn plain_form() -> bool {
        use_context::<Parts>()
            .and_then(|p| p.headers.get(http::header::ACCEPT).and_then(|v| v.to_str().ok()).map(|v| v.contains("text/html")))
            .unwrap_or(false)
    }

    /// Logs a database error with context; the user sees the generic message.
    pub fn db(context: &'static str) -> impl Fn(sqlx::Error) -> AppError {
        move |e| crate::server::auth::internal(context, e)
    }
}

#[cfg(feature = "ssr")]
pub(crate) mod staff_csv {
    //! The staff-only CSV downloads about one cohort: who may, which cohort, the file.

    use crate::server::db::{cohort::CohortRow, Db};
    use axum::response::{IntoResponse, Response};
    use http::{header, HeaderMap, StatusCode};

    fn page(status: StatusCode, text: &'static str) -> Response {
        (status, text).into_response()
    }

    /// Answers `{file}-cohorte-{id}.csv` with the lines `lines` writes for the cohort named by
    /// the path (UTF-8 with a byte-order mark), or the reason it cannot: 401, 403, 404, 500.
    pub async fn cohort<F, Fut>(db: &Db, headers: &HeaderMap, cohort: &str, file: &str, lines: F) -> Response
    where
        F: FnOnce(CohortRow) -> Fut,
        Fut: std::future::Future<Output = Result<String, sqlx::Error>>,
    {
        cohort_file(db, headers, cohort, file, Format::Csv, lines).await
    }

    /// What a staff download about a cohort is written in.
    #[derive(Clone, Copy)]
    pub enum Format {
        /// UTF-8 with a byte-order mark (for spreadsheets), `.csv`.
        Csv,
        /// `.json`.
        Json,
    }

    /// Like [`cohort`], for a file in `format`.
    pub async fn cohort_file<F, Fut>(db: &Db, headers: &HeaderMap, cohort: &str, file: &str, format: Format, lines: F) -> Response
    where
        F: FnOnce(CohortRow) -> Fut,
        Fut: std::future::Future<Output = Result<String, sqlx::Error>>,
    {
        let internal = || page(StatusCode::INTERNAL_SERVER_ERROR, "Erreur interne, réessayez dans un instant.");
        match crate::server::auth::user_from_headers(db, headers).await {
            Ok(Some(u)) if u.role().is_staff() => {}
            Ok(Some(_)) => return page(StatusCode::FORBIDDEN, "Accès réservé aux agents du programme."),
            Ok(None) => return page(StatusCode::UNAUTHORIZED, "Connectez-vous pour télécharger cet export."),
            Err(_) => return internal(),
        }
        let not_found = || page(StatusCode::NOT_FOUND, "Cette cohorte n'existe pas.");
        let Some(cohort_id) = cohort.parse::<i64>().ok() else { return not_found() };
        let row = match crate::server::db::cohort::find(db, cohort_id).await {
            Ok(Some(row)) => row,
            Ok(None) => return not_found(),
            Err(e) => {
                crate::server::auth::internal("csv export", e);
                return internal();
            }
        };
        let body = match lines(row).await {
            Ok(lines) if matches!(format, Format::Json) => lines,
            Ok(lines) => format!("{}{lines}", crate::domain::csv::BOM),
            Err(e) => {
                crate::server::auth::internal("csv export", e);
                return internal();
            }
        };
        let (extension, content_type) = match format {
            Format::Csv => ("csv", "text/csv; charset=utf-8"),
            Format::Json => ("json", "application/json"),
        };
        let name = format!("attachment; filename=\"{file}-cohorte-{cohort_id}.{extension}\"");
        // Personal data: not kept by the browser nor any cache on the way.
        let headers = [
            (header::CONTENT_TYPE, content_type.to_string()),
            (header::CONTENT_DISPOSITION, name),
            (header::CACHE_CONTROL, "private, no-store".to_string()),
        ];
        (headers, body).into_response()
    }
}

#[cfg(feature = "ssr")]
pub(crate) mod notify {
    //! Composing the mails a change causes; the db function that makes the change writes
    //! them in its transaction.

    use super::guard;
    use crate::domain::error::AppError;
    use crate::domain::i18n::Locale;
    use crate::domain::mail::{Mail, Notice};

    /// The notice, composed for the holder and each co-applicant of a candidature.
    pub async fn candidature(candidature_id: i64, notice: &Notice) -> Result<Vec<Mail>, AppError> {
        let state = guard::state()?;
        let recipients = crate::server::db::candidature::recipients(&state.db, candidature_id)
            .await
            .map_err(guard::db("recipients"))?;
        Ok(compose(notice, &recipients, &state.config.mail.base_url))
    }

    /// The notice for each `(address, language)`.
    pub fn compose(notice: &Notice, recipients: &[(String, String)], base_url: &str) -> Vec<Mail> {
        recipients.iter().map(|(to, lang)| notice.compose(to, Locale::from_code(lang), base_url)).collect()
    }
}
