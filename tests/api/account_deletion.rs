//! Deleting one's account (both engines): the preview says what goes and what stays, both
//! confirmations are needed, and afterwards the person cannot sign in, their identity is in
//! no text column of any table, the records the programme keeps are there under the
//! pseudonym, the audit chain verifies and nobody else's data changed.

use crate::support::my_data::{world, HELENE, JULES, OSCAR, PAULA};
use crate::support::{self, TestApp, PASSWORD};
use accelerateur::api::account_deletion::DeletionPlan;
use accelerateur::domain::account_deletion::{Fate, DELETED_NAME};
use accelerateur::domain::candidature::Status;
use accelerateur::domain::candidature_form::CandidatureForm;
use accelerateur::domain::cohort::Calendar;
use accelerateur::domain::error::AppError;
use accelerateur::domain::retention::KeptUntil;
use accelerateur::domain::validate::Problem;
use accelerateur::server::db::{self, Db};
use axum::http::StatusCode;

on_both_engines!(
    deleting_an_account_erases_the_identity_and_keeps_the_programmes_records_pseudonymised,
    the_only_admin_cannot_delete_their_account,
);

/// The `table.column` of every text column holding `needle` (case-insensitive for ASCII).
pub async fn text_columns_holding(db: &Db, needle: &str) -> Vec<String> {
    let columns: Vec<(String, String)> = match db {
        Db::Sqlite(pools) => {
            let tables: Vec<String> = sqlx::query_scalar("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_sqlx%'")
                .fetch_all(&pools.read)
                .await
                .unwrap();
            let mut out = Vec::new();
            for t in tables {
                let cols: Vec<(String, String)> = sqlx::query_as("SELECT name, type FROM pragma_table_info($1)").bind(&t).fetch_all(&pools.read).await.unwrap();
                out.extend(cols.into_iter().filter(|(_, ty)| ty.eq_ignore_ascii_case("TEXT")).map(|(c, _)| (t.clone(), c)));
            }
            out
        }
        Db::Postgres(pool) => sqlx::query_as(
            "SELECT table_name::text, column_name::text FROM information_schema.columns WHERE table_schema = current_schema() \
             AND data_type IN ('text', 'character varying') AND table_name NOT LIKE '\\_sqlx%'",
        )
        .fetch_all(pool)
        .await
        .unwrap(),
    };
    let mut hits = Vec::new();
    for (table, column) in columns {
        let sql = format!("SELECT COUNT(*) FROM {table} WHERE LOWER({column}) LIKE $1");
        let pattern = format!("%{}%", needle.to_lowercase());
        let n: i64 = match db {
            Db::Sqlite(pools) => sqlx::query_scalar(&sql).bind(&pattern).fetch_one(&pools.read).await.unwrap(),
            Db::Postgres(pool) => sqlx::query_scalar(&sql).bind(&pattern).fetch_one(pool).await.unwrap(),
        };
        if n > 0 {
            hits.push(format!("{table}.{column} ({n})"));
        }
    }
    hits
}

async fn preview(app: &TestApp, cookie: &str) -> DeletionPlan {
    let req = axum::http::Request::get("/api/deletion_preview")
        .header(axum::http::header::ACCEPT, "application/json")
        .header(axum::http::header::HOST, "127.0.0.1:3000")
        .header(axum::http::header::COOKIE, cookie);
    let res = app.send(req.body(axum::body::Body::empty()).unwrap()).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    serde_json::from_str(&res.body).unwrap()
}

async fn deleting_an_account_erases_the_identity_and_keeps_the_programmes_records_pseudonymised(app: TestApp) {
    let w = world(&app).await;
    // A draft of Paula's in a third cohort whose call is open.
    let open = Calendar::suggested(chrono::Utc::now().date_naive() - chrono::Days::new(2));
    let third = db::cohort::insert(&app.db, "Troisième cohorte", &open, 10, 15, 2).await.unwrap();
    let draft_form = CandidatureForm { project_name: "Brouillon de Paula".into(), ..Default::default() };
    let draft = crate::support::programme::taken_to(&app, third, w.paula, &draft_form, &[], Status::Draft).await;
    let audit_before = db::audit::audit_log(&app.db).await.unwrap().len();
    assert!(audit_before > 0, "the reviews wrote the audit log");

    // The preview: the draft goes, her submitted candidature stays until the decision, she
    // leaves Hélène's team; her review, seat and messages are counted; FranceConnect named.
    let plan = preview(&app, &w.paula_cookie).await;
    let fate_of = |id: i64| plan.candidatures.iter().find(|(c, _)| c.candidature_id == id).map(|(_, f)| *f);
    assert_eq!(fate_of(draft), Some(Fate::DeletedNow));
    assert_eq!(fate_of(w.own), Some(Fate::KeptPseudonymised(KeptUntil::Decision)));
    assert_eq!(fate_of(w.shared), Some(Fate::LeavesTeam));
    assert_eq!((plan.reviews, plan.seats), (1, 1));
    assert!(plan.messages >= 1);
    assert_eq!(plan.providers, vec!["franceconnect".to_string()]);
    assert_eq!(plan.address, PAULA.0);
    assert!(!plan.last_admin);
    let page = app.get("/compte/supprimer", Some(&w.paula_cookie)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Brouillon de Paula") && page.body.contains("Hélène"), "{}", page.body);

    // Both confirmations are needed; a refusal deletes nothing and keeps what was typed.
    let res = app.call("delete_account", &[("address", "paula@ailleurs.fr")], Some(&w.paula_cookie)).await;
    let AppError::Invalid(e) = res.app_error() else { panic!("{}", res.body) };
    assert_eq!(e.for_field("understood"), Some(&Problem::DeletionNotUnderstood));
    assert_eq!(e.for_field("address"), Some(&Problem::AddressMismatch));
    assert_eq!(e.kept_value("address"), Some("paula@ailleurs.fr"));
    let res = app.call("delete_account", &[("understood", "on")], Some(&w.paula_cookie)).await;
    let AppError::Invalid(e) = res.app_error() else { panic!("{}", res.body) };
    assert_eq!(e.for_field("address"), Some(&Problem::Required));
    assert!(app.login(PAULA.0, PASSWORD).await.is_ok(), "nothing deleted yet");

    // Deleted: the session ends, the address no longer signs in.
    let res = app.call("delete_account", &[("understood", "on"), ("address", " Paula.Personne@exemple.fr ")], Some(&w.paula_cookie)).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert!(res.set_cookies().iter().any(|c| c.starts_with("acc_session=;") || c.contains("Max-Age=0")), "{:?}", res.set_cookies());
    let me = app.call("current_user", &[], Some(&w.paula_cookie)).await;
    assert_eq!(me.body, "null", "the old session is over");
    let again = app.call("delete_account", &[("understood", "on"), ("address", PAULA.0)], Some(&w.paula_cookie)).await;
    assert_eq!(again.status, StatusCode::UNAUTHORIZED);

    // Her identity is in no text column of any table.
    for needle in [PAULA.0, PAULA.1, "sub-paula"] {
        assert_eq!(text_columns_holding(&app.db, needle).await, Vec::<String>::new(), "{needle}");
    }

    assert!(matches!(app.login(PAULA.0, PASSWORD).await, Err((StatusCode::UNAUTHORIZED, _))), "the address no longer signs in");

    // Kept, pseudonymised: her submitted candidature (the thread says the holder left), her
    // review, her seat (note erased), her messages; the draft is gone, and so is her place in
    // Hélène's team.
    let user = db::account::find_by_id(&app.db, w.paula).await.unwrap().unwrap();
    assert_eq!(user.display_name, DELETED_NAME);
    assert!(user.password_hash.is_empty() && user.email_verified_at.is_none());
    let own = db::candidature::find(&app.db, w.own).await.unwrap().unwrap();
    assert_eq!((own.holder_id, own.status()), (w.paula, Status::Submitted));
    assert!(db::candidature::find(&app.db, draft).await.unwrap().is_none());
    let shared = db::candidature::find(&app.db, w.shared).await.unwrap().unwrap();
    let form: CandidatureForm = serde_json::from_str(&shared.content).unwrap();
    assert!(form.co_applicants.is_empty());
    assert_eq!(db::candidature::recipients(&app.db, w.shared).await.unwrap(), vec![(HELENE.0.to_string(), "fr".to_string())]);
    let count = |sql: &'static str| {
        let db = app.db.clone();
        async move {
            match &db {
                Db::Sqlite(p) => sqlx::query_scalar::<_, i64>(sql).bind(w.paula).fetch_one(&p.read).await.unwrap(),
                Db::Postgres(p) => sqlx::query_scalar::<_, i64>(sql).bind(w.paula).fetch_one(p).await.unwrap(),
            }
        }
    };
    assert_eq!(count("SELECT COUNT(*) FROM reviews WHERE reviewer_id = $1 AND state = 'submitted'").await, 1);
    assert_eq!(count("SELECT COUNT(*) FROM jurors WHERE user_id = $1 AND conflicts_note = ''").await, 1);
    assert!(count("SELECT COUNT(*) FROM messages WHERE author_id = $1").await >= 2, "her message and the notice of her leaving");
    for gone in ["sessions", "identities", "email_tokens"] {
        let sql: &'static str = Box::leak(format!("SELECT COUNT(*) FROM {gone} WHERE user_id = $1").into_boxed_str());
        assert_eq!(count(sql).await, 0, "{gone}");
    }

    // The audit log kept every entry and still verifies.
    let log = db::audit::audit_log(&app.db).await.unwrap();
    assert_eq!(log.len(), audit_before);
    assert_eq!(db::audit::first_broken(&log), None);

    // Nobody else's data changed: the others still sign in, their records are intact.
    for (email, _) in [HELENE, OSCAR, JULES] {
        assert!(app.login(email, PASSWORD).await.is_ok(), "{email}");
    }
    for kept in ["Projet secret d'Oscar", "Message secret d'Oscar", "Commentaire confidentiel de Jules", "Note confidentielle de Jules", HELENE.1] {
        assert!(!text_columns_holding(&app.db, kept).await.is_empty(), "{kept}");
    }
}

async fn the_only_admin_cannot_delete_their_account(app: TestApp) {
    let admin = app.signed_in(accelerateur::domain::account::Role::Admin).await;
    let me: accelerateur::api::account::UserView = serde_json::from_str(&app.call("current_user", &[], Some(&admin)).await.body).unwrap();
    let plan = preview(&app, &admin).await;
    assert!(plan.last_admin);
    let res = app.call("delete_account", &[("understood", "on"), ("address", &me.email)], Some(&admin)).await;
    assert_eq!(res.status, StatusCode::CONFLICT);
    assert!(matches!(res.app_error(), AppError::LastAdmin));
    assert_eq!(db::account::find_by_id(&app.db, me.id).await.unwrap().unwrap().email, me.email, "not deleted");
}
