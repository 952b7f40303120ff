//! Sessions in « Mon compte » (part of the `api` test binary), on both engines: the list with
//! the devices, closing one (its cookie stops at once), another account's session out of
//! reach, closing all the others, the sliding expiry and its cap, a hostile user agent.

use crate::hostile::assert_inert;
use crate::support::{self, TestApp, PASSWORD};
use accelerateur::api::sessions::OpenSessions;
use accelerateur::domain::account::Role;
use accelerateur::domain::error::AppError;
use accelerateur::domain::sessions::{MAX_DAYS, USER_AGENT_MAX_CHARS};
use accelerateur::server::{auth, db};
use axum::body::Body;
use axum::http::{header, Request, StatusCode};

on_both_engines!(
    the_list_shows_each_device_and_the_current_session,
    a_closed_session_stops_at_once,
    another_accounts_session_is_out_of_reach,
    closing_the_others_keeps_this_one,
    sessions_slide_with_use_and_expire_when_idle,
    a_hostile_user_agent_stays_inert,
);

const FIREFOX_LINUX: &str = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";
const SAFARI_IPHONE: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";

/// Logs in through the server function from a browser that says `user_agent`; the cookie.
async fn login_from(app: &TestApp, email: &str, user_agent: &str) -> String {
    let req = Request::post("/api/login")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "application/json")
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::ORIGIN, "http://127.0.0.1:3000")
        .header(header::USER_AGENT, user_agent)
        .body(Body::from(support::form(&[("email", email), ("password", PASSWORD)])))
        .unwrap();
    let res = app.send(req).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let max_age = format!("Max-Age={}", MAX_DAYS * 86_400);
    assert!(res.set_cookies().iter().any(|c| c.starts_with("acc_session=") && c.contains(&max_age)), "the cookie lasts as long as the cap");
    res.session_cookie().expect("session cookie")
}

async fn sessions(app: &TestApp, cookie: &str) -> OpenSessions {
    let res = app.call("my_sessions", &[], Some(cookie)).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    serde_json::from_str(&res.body).unwrap()
}

fn hash_of(cookie: &str) -> String {
    auth::token_hash(cookie.split_once('=').map(|(_, t)| t).unwrap_or_default())
}

async fn exec(app: &TestApp, sql: &str) {
    match &app.db {
        db::Db::Sqlite(pools) => sqlx::query(sql).execute(&pools.write).await.map(|_| ()),
        db::Db::Postgres(pool) => sqlx::query(sql).execute(pool).await.map(|_| ()),
    }
    .expect("sql");
}

/// `(last_used_at, expires_at, user_agent)` of the session behind the cookie.
async fn session_row(app: &TestApp, cookie: &str) -> Option<(i64, i64, String)> {
    let sql = "SELECT last_used_at, expires_at, user_agent FROM sessions WHERE token_hash = $1";
    let hash = hash_of(cookie);
    match &app.db {
        db::Db::Sqlite(pools) => sqlx::query_as(sql).bind(&hash).fetch_optional(&pools.read).await,
        db::Db::Postgres(pool) => sqlx::query_as(sql).bind(&hash).fetch_optional(pool).await,
    }
    .expect("session row")
}

async fn signed_out(app: &TestApp, cookie: &str) -> bool {
    let res = app.call("my_sessions", &[], Some(cookie)).await;
    res.status == StatusCode::UNAUTHORIZED && res.app_error() == AppError::Unauthenticated
}

async fn the_list_shows_each_device_and_the_current_session(app: TestApp) {
    app.user("lea@exemple.fr", Role::Citizen).await;
    let laptop = login_from(&app, "lea@exemple.fr", FIREFOX_LINUX).await;
    let phone = login_from(&app, "lea@exemple.fr", SAFARI_IPHONE).await;
    let seen = sessions(&app, &laptop).await;
    assert_eq!(seen.sessions.len(), 2);
    assert_eq!(seen.idle_days, 14);
    assert_eq!(seen.max_days, MAX_DAYS);
    let current: Vec<_> = seen.sessions.iter().filter(|s| s.current).collect();
    assert_eq!(current.len(), 1);
    assert_eq!(current[0].device.label(accelerateur::domain::i18n::Locale::Fr), "Firefox sur Linux");
    let other = seen.sessions.iter().find(|s| !s.current).unwrap();
    assert_eq!(other.device.label(accelerateur::domain::i18n::Locale::Fr), "Safari sur iPhone");
    assert_eq!(other.id.len(), 16);
    // The public ids name the sessions; the tokens and their hashes never leave the server.
    let body = app.call("my_sessions", &[], Some(&laptop)).await.body;
    for cookie in [&laptop, &phone] {
        assert!(!body.contains(&hash_of(cookie)) && !body.contains(cookie.split_once('=').unwrap().1));
    }
    // The account page lists both, « Cette session » on the current one, « Fermer » on the other.
    let page = app.get("/compte", Some(&phone)).await;
    assert_eq!(page.status, StatusCode::OK);
    for expected in ["Vos sessions ouvertes", "Firefox sur Linux", "Safari sur iPhone", "Cette session", "Fermer toutes les autres sessions"] {
        assert!(page.body.contains(expected), "{expected} missing from /compte");
    }
    assert!(page.body.contains(&format!("value=\"{}\"", seen.sessions.iter().find(|s| s.current).unwrap().id)), "a form closes the laptop's session");
    // Someone else sees only their own.
    let other_account = app.signed_in(Role::Citizen).await;
    assert_eq!(sessions(&app, &other_account).await.sessions.len(), 1);
}

async fn a_closed_session_stops_at_once(app: TestApp) {
    app.user("lea@exemple.fr", Role::Citizen).await;
    let laptop = login_from(&app, "lea@exemple.fr", FIREFOX_LINUX).await;
    let phone = login_from(&app, "lea@exemple.fr", SAFARI_IPHONE).await;
    let phone_id = sessions(&app, &laptop).await.sessions.into_iter().find(|s| !s.current).unwrap().id;
    // Without JavaScript: a form posted from « Mon compte », back there with a confirmation.
    let res = app.post_html_form("close_session", &[("id", &phone_id)], "/compte", Some(&laptop)).await;
    assert!(res.status.is_redirection(), "{} {}", res.status, res.body);
    assert_eq!(res.location().as_deref(), Some("/compte?ok=session-fermee"));
    assert!(signed_out(&app, &phone).await, "the phone's cookie no longer works");
    let page = app.get("/compte", Some(&phone)).await;
    assert!(!page.body.contains("Vos sessions ouvertes"));
    assert_eq!(sessions(&app, &laptop).await.sessions.len(), 1);
    assert!(app.get("/compte?ok=session-fermee", Some(&laptop)).await.body.contains("La session est fermée."));
    // Closing it again: not found.
    assert_eq!(app.call("close_session", &[("id", &phone_id)], Some(&laptop)).await.status, StatusCode::NOT_FOUND);
    // Closing one's own session is a logout.
    let own = sessions(&app, &laptop).await.sessions[0].id.clone();
    let res = app.call("close_session", &[("id", &own)], Some(&laptop)).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert!(res.set_cookies().iter().any(|c| c.starts_with("acc_session=;") && c.contains("Max-Age=0")));
    assert!(signed_out(&app, &laptop).await);
}

async fn another_accounts_session_is_out_of_reach(app: TestApp) {
    app.user("lea@exemple.fr", Role::Citizen).await;
    app.user("malo@exemple.fr", Role::Citizen).await;
    let lea = login_from(&app, "lea@exemple.fr", FIREFOX_LINUX).await;
    let malo = login_from(&app, "malo@exemple.fr", SAFARI_IPHONE).await;
    let malo_id = sessions(&app, &malo).await.sessions[0].id.clone();
    let res = app.call("close_session", &[("id", &malo_id)], Some(&lea)).await;
    assert_eq!(res.status, StatusCode::NOT_FOUND, "{}", res.body);
    assert_eq!(res.app_error(), AppError::NotFound);
    // Nothing changed for either.
    assert_eq!(sessions(&app, &malo).await.sessions.len(), 1);
    assert_eq!(sessions(&app, &lea).await.sessions.len(), 1);
    // Not signed in: refused before anything.
    assert_eq!(app.call("close_session", &[("id", &malo_id)], None).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(app.call("close_other_sessions", &[], None).await.status, StatusCode::UNAUTHORIZED);
    // A malformed id is just not found.
    for bogus in ["", "not-hex!", &"a".repeat(200), "' OR 1=1 --"] {
        assert_eq!(app.call("close_session", &[("id", bogus)], Some(&lea)).await.status, StatusCode::NOT_FOUND, "{bogus}");
    }
    assert_eq!(sessions(&app, &malo).await.sessions.len(), 1);
}

async fn closing_the_others_keeps_this_one(app: TestApp) {
    app.user("lea@exemple.fr", Role::Citizen).await;
    app.user("malo@exemple.fr", Role::Citizen).await;
    let malo = login_from(&app, "malo@exemple.fr", SAFARI_IPHONE).await;
    let a = login_from(&app, "lea@exemple.fr", FIREFOX_LINUX).await;
    let b = login_from(&app, "lea@exemple.fr", SAFARI_IPHONE).await;
    let c = login_from(&app, "lea@exemple.fr", "curl/8.5.0").await;
    assert_eq!(sessions(&app, &a).await.sessions.len(), 3);
    let res = app.post_html_form("close_other_sessions", &[], "/compte", Some(&a)).await;
    assert_eq!(res.location().as_deref(), Some("/compte?ok=sessions-fermees"), "{} {}", res.status, res.body);
    assert!(signed_out(&app, &b).await && signed_out(&app, &c).await);
    let left = sessions(&app, &a).await.sessions;
    assert_eq!(left.len(), 1);
    assert!(left[0].current);
    assert_eq!(sessions(&app, &malo).await.sessions.len(), 1, "another account's sessions stay");
}

async fn sessions_slide_with_use_and_expire_when_idle(app: TestApp) {
    app.user("lea@exemple.fr", Role::Citizen).await;
    let cookie = login_from(&app, "lea@exemple.fr", FIREFOX_LINUX).await;
    let now = db::now();
    let (last, expires, agent) = session_row(&app, &cookie).await.unwrap();
    assert!((now - 5..=now + 5).contains(&last));
    assert!((now + 14 * 86_400 - 5..=now + 14 * 86_400 + 5).contains(&expires), "SESSION_DAYS from the login");
    assert_eq!(agent, FIREFOX_LINUX);

    // Used an hour ago, expiring in 100 s: a request records the use and pushes the expiry.
    let hash = hash_of(&cookie);
    exec(&app, &format!("UPDATE sessions SET last_used_at = {}, expires_at = {} WHERE token_hash = '{hash}'", now - 3_600, now + 100)).await;
    assert_eq!(app.get("/compte", Some(&cookie)).await.status, StatusCode::OK);
    let (last, expires, _) = session_row(&app, &cookie).await.unwrap();
    assert!(last >= now, "last use recorded: {last} < {now}");
    assert!(expires >= now + 14 * 86_400 - 5, "expiry moved to 14 days from now");

    // Used less than a minute ago: a request only reads.
    exec(&app, &format!("UPDATE sessions SET last_used_at = {}, expires_at = {} WHERE token_hash = '{hash}'", now - 10, now + 100)).await;
    sessions(&app, &cookie).await;
    assert_eq!(session_row(&app, &cookie).await.unwrap().1, now + 100, "no write within the minute");

    // The cap: opened 89 days and 23 hours ago, the expiry cannot pass 90 days.
    let opened = now - MAX_DAYS * 86_400 + 3_600;
    exec(&app, &format!("UPDATE sessions SET created_at = {opened}, last_used_at = {}, expires_at = {} WHERE token_hash = '{hash}'", now - 3_600, now + 100)).await;
    sessions(&app, &cookie).await;
    assert_eq!(session_row(&app, &cookie).await.unwrap().1, opened + MAX_DAYS * 86_400);

    // Idle past its expiry: refused, and a request does not bring it back.
    exec(&app, &format!("UPDATE sessions SET created_at = {now}, last_used_at = {}, expires_at = {} WHERE token_hash = '{hash}'", now - 15 * 86_400, now - 86_400)).await;
    assert!(signed_out(&app, &cookie).await);
    assert_eq!(session_row(&app, &cookie).await.unwrap().1, now - 86_400, "an expired session is not slid");
    let page = app.get("/compte", Some(&cookie)).await;
    assert!(!page.body.contains("Vos sessions ouvertes"));
}

async fn a_hostile_user_agent_stays_inert(app: TestApp) {
    app.user("lea@exemple.fr", Role::Citizen).await;
    let payload = format!(
        "\"><script id=xss-script>alert(1)</script></title></style><img src=x id=xss-img onerror=alert(2)></textarea></title>{}",
        "x".repeat(1_000)
    );
    let hostile = login_from(&app, "lea@exemple.fr", &payload).await;
    let normal = login_from(&app, "lea@exemple.fr", FIREFOX_LINUX).await;
    let (_, _, stored) = session_row(&app, &hostile).await.unwrap();
    assert_eq!(stored.chars().count(), USER_AGENT_MAX_CHARS, "kept short");
    for cookie in [&normal, &hostile] {
        let page = app.get("/compte", Some(cookie)).await;
        assert_eq!(page.status, StatusCode::OK);
        assert_inert(&page.body, "/compte with a hostile user agent");
        assert!(!page.body.contains("xss-"), "no part of the user agent is shown");
        assert!(page.body.contains("Appareil inconnu"));
    }
}
