//! State sign-in records: sign-ins under way at a provider, identities tied to accounts,
//! links waiting for their owner's confirmation, sessions opened through a provider.

use super::{now, on_pool, on_write_pool, Db};
use crate::domain::state_sign_in::Provider;
use sqlx::FromRow;

/// A sign-in sent to a provider: the state's hash is the key; the nonce is checked in the
/// ID token; `retour` is where the person goes afterwards.
#[tracing::instrument(skip_all)]
pub async fn begin(db: &Db, state_hash: &str, provider: Provider, nonce: &str, retour: &str, expires_at: i64) -> Result<(), sqlx::Error> {
    let sql = "INSERT INTO sign_in_requests (state_hash, provider, nonce, retour, expires_at) VALUES ($1, $2, $3, $4, $5)";
    on_write_pool!(db, pool => {
        sqlx::query("DELETE FROM sign_in_requests WHERE expires_at <= $1").bind(now()).execute(pool).await?;
        sqlx::query(sql).bind(state_hash).bind(provider.code()).bind(nonce).bind(retour).bind(expires_at)
            .execute(pool).await.map(|_| ())
    })
}

#[derive(Debug, Clone, FromRow)]
pub struct SignInRequest {
    pub provider: String,
    pub nonce: String,
    pub retour: String,
    pub expires_at: i64,
}

/// Takes the sign-in with this state (once: a second answer with the same state finds none).
#[tracing::instrument(skip_all)]
pub async fn take(db: &Db, state_hash: &str) -> Result<Option<SignInRequest>, sqlx::Error> {
    let sql = "DELETE FROM sign_in_requests WHERE state_hash = $1 RETURNING provider, nonce, retour, expires_at";
    on_write_pool!(db, pool => sqlx::query_as::<_, SignInRequest>(sql).bind(state_hash).fetch_optional(pool).await)
}

#[derive(Debug, Clone, FromRow)]
pub struct IdentityRow {
    pub user_id: i64,
    pub provider: String,
    pub given_name: String,
    pub family_name: String,
}

/// The account tied to this provider's subject.
#[tracing::instrument(skip(db))]
pub async fn identity(db: &Db, provider: Provider, subject: &str) -> Result<Option<IdentityRow>, sqlx::Error> {
    let sql = "SELECT user_id, provider, given_name, family_name FROM identities WHERE provider = $1 AND subject = $2";
    on_pool!(db, pool => sqlx::query_as::<_, IdentityRow>(sql).bind(provider.code()).bind(subject).fetch_optional(pool).await)
}

/// The identities tied to an account (shown in « Mon compte »).
#[tracing::instrument(skip(db))]
pub async fn identities_of(db: &Db, user_id: i64) -> Result<Vec<IdentityRow>, sqlx::Error> {
    let sql = "SELECT user_id, provider, given_name, family_name FROM identities WHERE user_id = $1 ORDER BY provider";
    on_pool!(db, pool => sqlx::query_as::<_, IdentityRow>(sql).bind(user_id).fetch_all(pool).await)
}

/// The names a provider vouched for, with what they are.
pub struct VouchedNames<'a> {
    pub provider: Provider,
    pub subject: &'a str,
    pub given_name: &'a str,
    pub family_name: &'a str,
}

const INSERT_IDENTITY: &str = "INSERT INTO identities (user_id, provider, subject, given_name, family_name, created_at, last_used_at) \
                               VALUES ($1, $2, $3, $4, $5, $6, $6)";

/// Ties an identity to an existing account (an agent's first ProConnect sign-in, a
/// confirmed link). A second identity of the same provider for the account, or the identity
/// already tied elsewhere, comes back as a unique violation.
#[tracing::instrument(skip_all)]
pub async fn tie(db: &Db, user_id: i64, names: &VouchedNames<'_>) -> Result<(), sqlx::Error> {
    on_write_pool!(db, pool => sqlx::query(INSERT_IDENTITY)
        .bind(user_id).bind(names.provider.code()).bind(names.subject).bind(names.given_name).bind(names.family_name).bind(now())
        .execute(pool).await.map(|_| ()))
}

/// Records a sign-in through an identity already tied: the names as the provider gives them
/// today.
#[tracing::instrument(skip_all)]
pub async fn touch(db: &Db, names: &VouchedNames<'_>) -> Result<(), sqlx::Error> {
    let sql = "UPDATE identities SET given_name = $1, family_name = $2, last_used_at = $3 WHERE provider = $4 AND subject = $5";
    on_write_pool!(db, pool => sqlx::query(sql)
        .bind(names.given_name).bind(names.family_name).bind(now()).bind(names.provider.code()).bind(names.subject)
        .execute(pool).await.map(|_| ()))
}

/// Creates a citizen's account from a provider's identity: no password (`''`), the address
/// confirmed by the provider, the identity tied; in one transaction. An address already
/// taken comes back as a unique violation.
#[tracing::instrument(skip_all)]
pub async fn create_citizen(db: &Db, email: &str, display_name: &str, lang: &str, names: &VouchedNames<'_>) -> Result<i64, sqlx::Error> {
    let insert = "INSERT INTO users (email, display_name, password_hash, role, created_at, lang, email_verified_at) \
                  VALUES ($1, $2, '', 'applicant', $3, $4, $3) RETURNING id";
    let t = now();
    on_write_pool!(db, pool => {
        let mut tx = pool.begin().await?;
        let id: i64 = sqlx::query_scalar(insert).bind(email).bind(display_name).bind(t).bind(lang).fetch_one(&mut *tx).await?;
        sqlx::query(INSERT_IDENTITY)
            .bind(id).bind(names.provider.code()).bind(names.subject).bind(names.given_name).bind(names.family_name).bind(t)
            .execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(id)
    })
}

/// A link between an identity and an existing password account, waiting for the owner.
pub struct NewPendingLink<'a> {
    pub token_hash: &'a str,
    pub user_id: i64,
    pub names: VouchedNames<'a>,
    pub id_token: &'a str,
    pub retour: &'a str,
    pub expires_at: i64,
}

#[tracing::instrument(skip_all)]
pub async fn propose_link(db: &Db, link: &NewPendingLink<'_>) -> Result<(), sqlx::Error> {
    let sql = "INSERT INTO pending_links (token_hash, user_id, provider, subject, given_name, family_name, id_token, retour, expires_at) \
               VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
    on_write_pool!(db, pool => {
        sqlx::query("DELETE FROM pending_links WHERE expires_at <= $1").bind(now()).execute(pool).await?;
        sqlx::query(sql)
            .bind(link.token_hash).bind(link.user_id).bind(link.names.provider.code()).bind(link.names.subject)
            .bind(link.names.given_name).bind(link.names.family_name).bind(link.id_token).bind(link.retour).bind(link.expires_at)
            .execute(pool).await.map(|_| ())
    })
}

#[derive(Debug, Clone, FromRow)]
pub struct PendingLinkRow {
    pub user_id: i64,
    pub provider: String,
    pub subject: String,
    pub given_name: String,
    pub family_name: String,
    pub id_token: String,
    pub retour: String,
}

const PENDING_COLUMNS: &str = "user_id, provider, subject, given_name, family_name, id_token, retour";

/// The live link with this token, if any.
#[tracing::instrument(skip_all)]
pub async fn pending_link(db: &Db, token_hash: &str) -> Result<Option<PendingLinkRow>, sqlx::Error> {
    let sql = format!("SELECT {PENDING_COLUMNS} FROM pending_links WHERE token_hash = $1 AND expires_at > $2");
    on_pool!(db, pool => sqlx::query_as::<_, PendingLinkRow>(&sql).bind(token_hash).bind(now()).fetch_optional(pool).await)
}

/// Makes the link: the identity tied to the account and the pending link gone, in one
/// transaction; `None` when the link was already used or expired.
#[tracing::instrument(skip_all)]
pub async fn confirm_link(db: &Db, token_hash: &str) -> Result<Option<PendingLinkRow>, sqlx::Error> {
    let take = format!("DELETE FROM pending_links WHERE token_hash = $1 AND expires_at > $2 RETURNING {PENDING_COLUMNS}");
    on_write_pool!(db, pool => {
        let mut tx = pool.begin().await?;
        let Some(link) = sqlx::query_as::<_, PendingLinkRow>(&take).bind(token_hash).bind(now()).fetch_optional(&mut *tx).await? else {
            return Ok(None);
        };
        sqlx::query(INSERT_IDENTITY)
            .bind(link.user_id).bind(&link.provider).bind(&link.subject).bind(&link.given_name).bind(&link.family_name).bind(now())
            .execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(Some(link))
    })
}

/// Opens a session that came through a provider, keeping its ID token for the logout.
pub async fn insert_session(db: &Db, session: &super::sessions::NewSession<'_>, provider: Provider, id_token: &str) -> Result<(), sqlx::Error> {
    super::sessions::insert(db, session, Some((provider, id_token))).await
}

/// Ends a session; gives the provider and ID token it was opened with, if any.
#[tracing::instrument(skip_all)]
pub async fn end_session(db: &Db, token_hash: &str) -> Result<Option<(Provider, String)>, sqlx::Error> {
    let sql = "DELETE FROM sessions WHERE token_hash = $1 RETURNING provider, id_token";
    let row: Option<(Option<String>, Option<String>)> =
        on_write_pool!(db, pool => sqlx::query_as(sql).bind(token_hash).fetch_optional(pool).await)?;
    Ok(row.and_then(|(p, t)| Some((Provider::from_code(&p?)?, t?))))
}
