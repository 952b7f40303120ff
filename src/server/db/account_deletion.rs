//! Deleting an account, in one transaction (`domain::account_deletion` says what and why).
//!
//! Goes at once: the sessions, single-use links, sign-in methods, failed-login records, the
//! drafts the person holds, their place in other teams (address and name), mails not yet
//! sent to them. Pseudonymised: the account's row (address, name, password emptied), the
//! jury invitations to their address, their name on signed charters, their conflict notes,
//! the mails sent to them (bodies erased). Kept as they are: the submitted candidatures they
//! hold, jury reviews, decisions, messages, check-ins and the audit log, which point to the
//! account's number, until the end of their own retention.

use super::{now, on_write_pool, Db};
use crate::domain::account_deletion::{deleted_address, DELETED_NAME};
use crate::domain::candidature_form::CandidatureForm;

/// `%`, `_` and `\` escaped for a `LIKE … ESCAPE '\'` pattern that finds `text` anywhere.
fn contains_pattern(text: &str) -> String {
    let mut p = String::from("%");
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            p.push('\\');
        }
        p.push(c);
    }
    p.push('%');
    p
}

/// The message left in the thread of each submitted candidature the person held, so that
/// the programme team knows nobody will answer.
pub const HOLDER_LEFT_FR: &str = "Le porteur de cette candidature a supprimé son compte. La candidature est conservée, pseudonymisée, jusqu'à la fin de sa durée de conservation ; personne ne peut plus agir en son nom.";

/// Deletes the account `user_id` (current address `email`, name `name`). Returns false when
/// it was already deleted.
pub async fn delete_account(db: &Db, user_id: i64, email: &str, name: &str) -> Result<bool, sqlx::Error> {
    let t = now();
    let pseudonym = deleted_address(user_id);
    on_write_pool!(db, pool => {
        let mut tx = pool.begin().await?;
        let live: Option<i64> = sqlx::query_scalar("SELECT id FROM users WHERE id = $1 AND deleted_at IS NULL")
            .bind(user_id).fetch_optional(&mut *tx).await?;
        if live.is_none() {
            return Ok(false);
        }
        // Drafts held: deleted (their team, attachment and kept steps cascade).
        sqlx::query("DELETE FROM candidatures WHERE holder_id = $1 AND status = 'draft'").bind(user_id).execute(&mut *tx).await?;
        // Other teams: the person's row leaves the candidature's content and its members.
        let joined: Vec<(i64, String)> = sqlx::query_as(
            "SELECT c.id, c.content FROM candidatures c JOIN candidature_members m ON m.candidature_id = c.id WHERE m.email = $1",
        )
        .bind(email).fetch_all(&mut *tx).await?;
        for (id, content) in joined {
            if let Ok(mut form) = serde_json::from_str::<CandidatureForm>(&content) {
                form.co_applicants.retain(|c| !c.email.trim().eq_ignore_ascii_case(email));
                if let Ok(content) = serde_json::to_string(&form) {
                    sqlx::query("UPDATE candidatures SET content = $1 WHERE id = $2").bind(content).bind(id).execute(&mut *tx).await?;
                }
            }
        }
        sqlx::query("DELETE FROM candidature_members WHERE email = $1").bind(email).execute(&mut *tx).await?;
        // Submitted candidatures held: kept; the thread says the holder left.
        let held: Vec<i64> = sqlx::query_scalar("SELECT id FROM candidatures WHERE holder_id = $1").bind(user_id).fetch_all(&mut *tx).await?;
        for id in held {
            sqlx::query("INSERT INTO messages (candidature_id, author_id, from_staff, body, created_at) VALUES ($1, $2, FALSE, $3, $4)")
                .bind(id).bind(user_id).bind(HOLDER_LEFT_FR).bind(t)
                .execute(&mut *tx).await?;
        }
        for sql in [
            "DELETE FROM sessions WHERE user_id = $1",
            "DELETE FROM email_tokens WHERE user_id = $1",
            "DELETE FROM identities WHERE user_id = $1",
            "DELETE FROM pending_links WHERE user_id = $1",
            "DELETE FROM message_reads WHERE user_id = $1",
            "UPDATE jurors SET conflicts_note = '' WHERE user_id = $1",
        ] {
            sqlx::query(sql).bind(user_id).execute(&mut *tx).await?;
        }
        sqlx::query("UPDATE programme_commitments SET signer_name = $1 WHERE signed_by = $2").bind(DELETED_NAME).bind(user_id).execute(&mut *tx).await?;
        sqlx::query("UPDATE jury_invitations SET email = $1 || '-' || CAST(id AS TEXT) WHERE email = $2 OR user_id = $3")
            .bind(&pseudonym).bind(email).bind(user_id).execute(&mut *tx).await?;
        sqlx::query("DELETE FROM login_failures WHERE email = $1").bind(email).execute(&mut *tx).await?;
        // Mails: the unsent ones are not sent; the sent ones keep their subject and date.
        sqlx::query("DELETE FROM outbox WHERE recipient = $1 AND state <> 'sent'").bind(email).execute(&mut *tx).await?;
        sqlx::query("UPDATE outbox SET recipient = $1, text_body = '', html_body = '', bodies_erased_at = $2 WHERE recipient = $3")
            .bind(&pseudonym).bind(t).bind(email).execute(&mut *tx).await?;
        // Other people's mails that name the person (an invitation, a team change): bodies erased.
        let mut named = vec![contains_pattern(email)];
        if name.trim().chars().count() >= 3 {
            named.push(contains_pattern(name.trim()));
        }
        for pattern in named {
            sqlx::query(
                "UPDATE outbox SET text_body = '', html_body = '', bodies_erased_at = $1 \
                 WHERE text_body LIKE $2 ESCAPE '\\' OR html_body LIKE $2 ESCAPE '\\' OR subject LIKE $2 ESCAPE '\\'",
            )
            .bind(t).bind(&pattern).execute(&mut *tx).await?;
        }
        sqlx::query(
            "UPDATE users SET email = $1, display_name = $2, password_hash = '', role = 'applicant', email_verified_at = NULL, deleted_at = $3 WHERE id = $4",
        )
        .bind(&pseudonym).bind(DELETED_NAME).bind(t).bind(user_id)
        .execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(true)
    })
}

/// What the programme keeps of the person's jury work and messages: (reviews, jury seats,
/// messages written).
pub async fn kept_counts(db: &Db, user_id: i64) -> Result<(i64, i64, i64), sqlx::Error> {
    let sql = "SELECT (SELECT COUNT(*) FROM reviews WHERE reviewer_id = $1), (SELECT COUNT(*) FROM jurors WHERE user_id = $1), \
               (SELECT COUNT(*) FROM messages WHERE author_id = $1)";
    super::on_pool!(db, pool => sqlx::query_as(sql).bind(user_id).fetch_one(pool).await)
}

#[cfg(test)]
mod tests {
    #[test]
    fn like_patterns_match_the_text_literally() {
        assert_eq!(super::contains_pattern("a_b%c\\d"), "%a\\_b\\%c\\\\d%");
    }
}
