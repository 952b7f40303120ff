//! State sign-in against a real OpenID Connect provider (npm oidc-provider configured like
//! FranceConnect v2 and like ProConnect, `support::oidc`), on both engines: accounts created
//! and found, links confirmed, agents, every refused answer, logout of both sessions.

use crate::support::oidc::{Browser, Faults, OidcProvider, Stop};
use crate::support::{self, TestApp, PASSWORD};
use accelerateur::domain::account::Role;
use accelerateur::domain::state_sign_in::Provider::{FranceConnect, ProConnect};
use accelerateur::server::db;
use axum::http::StatusCode;

on_both_engines!(
    a_first_franceconnect_sign_in_creates_the_citizen_and_the_next_finds_them,
    an_existing_password_account_is_linked_only_once_its_password_is_given,
    an_agent_signs_in_with_proconnect_and_only_staff_accounts_can,
    refused_answers_open_no_session_and_say_why,
    logout_ends_the_app_session_and_the_provider_session,
    staff_passwords_give_way_to_proconnect_in_production,
    names_from_a_provider_stay_text,
);

/// Alice's address at the FranceConnect test provider.
const ALICE: &str = "angela.dubois@example.test";
/// The ProConnect test agent's address.
const AGENT: &str = "camille.lefevre@interieur.gouv.fr";

fn with(app: &TestApp, providers: &[&OidcProvider]) -> TestApp {
    app.configured(|c| providers.iter().for_each(|p| p.configure(c)))
}

async fn current_email(app: &TestApp, browser: &Browser) -> Option<String> {
    let res = app.call("current_user", &[], browser.session().as_deref()).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let user: Option<accelerateur::api::account::UserView> = serde_json::from_str(&res.body).unwrap();
    user.map(|u| u.email)
}

async fn a_first_franceconnect_sign_in_creates_the_citizen_and_the_next_finds_them(app: TestApp) {
    let fc = OidcProvider::start(FranceConnect);
    let app = with(&app, &[&fc]);
    let users = app.count_users().await;

    let mut browser = Browser::new();
    assert_eq!(browser.sign_in(&app, FranceConnect, "alice").await, "/compte");
    assert_eq!(current_email(&app, &browser).await.as_deref(), Some(ALICE));
    let user = db::account::find_by_email(&app.db, ALICE).await.unwrap().expect("the account was created");
    assert_eq!(user.display_name, "Angela DUBOIS", "the first given name and the family name");
    assert_eq!(user.password_hash, "", "no password to lose");
    assert!(user.email_verified_at.is_some(), "the address comes confirmed by FranceConnect");
    assert_eq!(user.role(), Role::Citizen);
    assert_eq!(app.count_users().await, users + 1);
    let identities = db::state_sign_in::identities_of(&app.db, user.id).await.unwrap();
    assert_eq!(identities.len(), 1);
    assert_eq!((identities[0].given_name.as_str(), identities[0].family_name.as_str()), ("Angela Claire Louise", "DUBOIS"));
    // Its account page shows the names as FranceConnect's, and offers to add a password.
    let page = browser.app(&app, "GET", "/compte", &[]).await;
    assert!(page.body.contains("Identité transmise par FranceConnect"), "{}", page.body);
    assert!(page.body.contains("Ajouter un mot de passe"));
    // A password can be added without a current one.
    let added = app
        .call("change_password", &[("current", ""), ("password", "un nouveau mot de passe"), ("password_confirm", "un nouveau mot de passe")], browser.session().as_deref())
        .await;
    assert_eq!(added.status, StatusCode::OK, "{}", added.body);
    assert!(app.login(ALICE, "un nouveau mot de passe").await.is_ok());

    // Another browser, the same person: found, not created again.
    let mut other = Browser::new();
    assert_eq!(other.sign_in(&app, FranceConnect, "alice").await, "/compte");
    assert_eq!(current_email(&app, &other).await.as_deref(), Some(ALICE));
    assert_eq!(app.count_users().await, users + 1);

    // The sign-in keeps where it was asked from (a local path only).
    let mut third = Browser::new();
    let res = third.app(&app, "POST", "/connexion/franceconnect?retour=/candidatures", &[]).await;
    let Stop::App(callback) = third.through_provider(&format!("{}&login_hint=alice", res.location().unwrap())).await else {
        panic!("stopped at the provider")
    };
    assert_eq!(third.callback(&app, &callback).await, "/candidatures");
    let res = third.app(&app, "POST", "/connexion/franceconnect?retour=https://ailleurs.example/", &[]).await;
    let Stop::App(callback) = third.through_provider(&format!("{}&login_hint=alice", res.location().unwrap())).await else {
        panic!("stopped at the provider")
    };
    assert_eq!(third.callback(&app, &callback).await, "/compte");
}

async fn an_existing_password_account_is_linked_only_once_its_password_is_given(app: TestApp) {
    let fc = OidcProvider::start(FranceConnect);
    let app = with(&app, &[&fc]);
    let id = app.user(ALICE, Role::Citizen).await;

    let mut browser = Browser::new();
    assert_eq!(browser.sign_in(&app, FranceConnect, "alice").await, "/connexion/lier-compte", "asked, never linked silently");
    assert_eq!(browser.session(), None);
    assert!(db::state_sign_in::identities_of(&app.db, id).await.unwrap().is_empty());
    let page = browser.app(&app, "GET", "/connexion/lier-compte", &[]).await;
    assert!(page.body.contains(ALICE) && page.body.contains("Angela Claire Louise"), "{}", page.body);

    // A wrong password links nothing and opens nothing.
    let cookies = browser.app_cookie_header();
    let wrong = app.call("link_account", &[("password", "pas le bon mot de passe")], Some(&cookies)).await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", wrong.body);
    assert!(wrong.session_cookie().is_none());
    assert!(db::state_sign_in::identities_of(&app.db, id).await.unwrap().is_empty());

    // The right one links and signs in.
    let res = browser.app(&app, "POST", "/api/link_account", &[("password", PASSWORD)]).await;
    assert!(res.status.is_redirection(), "{}: {}", res.status, res.body);
    assert_eq!(res.location().as_deref(), Some("/compte"));
    assert_eq!(current_email(&app, &browser).await.as_deref(), Some(ALICE));
    assert_eq!(db::state_sign_in::identities_of(&app.db, id).await.unwrap().len(), 1);
    // The link is used once.
    let again = app.call("link_account", &[("password", PASSWORD)], Some(&cookies)).await;
    assert!(again.session_cookie().is_none());
    assert!(again.location().unwrap_or_default().contains("echec=liaison"), "{:?}", again.location());

    // From now on FranceConnect opens this account directly; it kept its password.
    let mut later = Browser::new();
    assert_eq!(later.sign_in(&app, FranceConnect, "alice").await, "/compte");
    assert_eq!(current_email(&app, &later).await.as_deref(), Some(ALICE));
    assert!(app.login(ALICE, PASSWORD).await.is_ok());
}

async fn an_agent_signs_in_with_proconnect_and_only_staff_accounts_can(app: TestApp) {
    let (fc, pc) = (OidcProvider::start(FranceConnect), OidcProvider::start(ProConnect));
    let app = with(&app, &[&fc, &pc]);
    let staff = app.user(AGENT, Role::Staff).await;

    let mut agent = Browser::new();
    assert_eq!(agent.sign_in(&app, ProConnect, "agent").await, "/compte");
    let cohorts = agent.app(&app, "GET", "/agent/cohortes", &[]).await;
    assert_eq!(cohorts.status, StatusCode::OK, "{}", cohorts.body);
    let tied = db::state_sign_in::identities_of(&app.db, staff).await.unwrap();
    assert_eq!((tied.len(), tied[0].family_name.as_str()), (1, "Lefèvre"), "ProConnect's usual_name");
    // Found again by its subject next time.
    let mut again = Browser::new();
    assert_eq!(again.sign_in(&app, ProConnect, "agent").await, "/compte");

    // No staff account with that address: refused, nothing created.
    let users = app.count_users().await;
    let mut stranger = Browser::new();
    assert_eq!(stranger.sign_in(&app, ProConnect, "agent2").await, "/connexion?echec=agent&fournisseur=proconnect");
    assert_eq!(stranger.session(), None);
    // A citizen's account with that address is not an agent either.
    app.user("paul.durand@finances.gouv.fr", Role::Citizen).await;
    assert_eq!(stranger.sign_in(&app, ProConnect, "agent2").await, "/connexion?echec=agent&fournisseur=proconnect");
    assert_eq!(app.count_users().await, users + 1);
    let page = stranger.app(&app, "GET", "/connexion?echec=agent&fournisseur=proconnect", &[]).await;
    assert!(page.body.contains("Aucun compte agent"), "the login page says why");

    // Rights withdrawn: ProConnect no longer opens the account.
    tamper(&app, &format!("UPDATE users SET role = 'applicant' WHERE id = {staff}")).await;
    let mut after = Browser::new();
    assert_eq!(after.sign_in(&app, ProConnect, "agent").await, "/connexion?echec=agent&fournisseur=proconnect");

    // Both buttons on the login page, FranceConnect only on the sign-up page.
    let login = after.app(&app, "GET", "/connexion", &[]).await.body;
    assert!(login.contains("fr-connect fr-connect--pro") && login.contains("Qu'est-ce que ProConnect ?"));
    assert!(login.contains(r#"action="/connexion/franceconnect""#) && login.contains("Qu'est-ce que FranceConnect ?"));
    let signup = after.app(&app, "GET", "/inscription", &[]).await.body;
    assert!(signup.contains(r#"action="/connexion/franceconnect""#) && !signup.contains("/connexion/proconnect"));
}

async fn refused_answers_open_no_session_and_say_why(app: TestApp) {
    let fc = OidcProvider::start(FranceConnect);
    let configured = with(&app, &[&fc]);
    let app = &configured;
    let fail = |code: &str| format!("/connexion?echec={code}&fournisseur=franceconnect");

    // Cancelled at the provider (access_denied).
    let mut browser = Browser::new();
    let Stop::ProviderPage { url, .. } = browser.until_callback(app, FranceConnect, None).await else { panic!("the provider asks who") };
    let Stop::App(callback) = browser.through_provider(&format!("{url}?deny=1")).await else { panic!("back to the app") };
    assert!(callback.contains("error=access_denied"), "{callback}");
    assert_eq!(browser.callback(app, &callback).await, fail("annule"));
    assert_eq!(browser.session(), None);

    // An answer whose state was changed, or that reaches another browser.
    let mut browser = Browser::new();
    let Stop::App(callback) = browser.until_callback(app, FranceConnect, Some("alice")).await else { panic!() };
    let state = query_value(&callback, "state");
    let forged = callback.replace(&state, &format!("{}x", &state[..state.len() - 1]));
    assert_eq!(browser.callback(app, &forged).await, fail("inconnu"));
    let mut elsewhere = Browser::new();
    assert_eq!(elsewhere.callback(app, &callback).await, fail("inconnu"));
    assert_eq!((browser.session(), elsewhere.session()), (None, None));

    // The code used once, then replayed with a new sign-in's state: the provider refuses it.
    let mut browser = Browser::new();
    let Stop::App(first) = browser.until_callback(app, FranceConnect, Some("alice")).await else { panic!() };
    assert_eq!(browser.callback(app, &first).await, "/compte");
    let code = query_value(&first, "code");
    let mut replay = Browser::new();
    let Stop::App(second) = replay.until_callback(app, FranceConnect, Some("alice")).await else { panic!() };
    let replayed = second.replace(&query_value(&second, "code"), &code);
    assert_eq!(replay.callback(app, &replayed).await, fail("fournisseur"));
    assert_eq!(replay.session(), None);
    // The same answer twice: the sign-in was used.
    assert_eq!(browser.callback(app, &first).await, fail("inconnu"));

    // A nonce that does not match the ID token's.
    let mut browser = Browser::new();
    let Stop::App(callback) = browser.until_callback(app, FranceConnect, Some("alice")).await else { panic!() };
    tamper(app, "UPDATE sign_in_requests SET nonce = 'un-autre-nonce-un-autre-nonce-0000'").await;
    assert_eq!(browser.callback(app, &callback).await, fail("verification"));
    assert_eq!(browser.session(), None);

    // An answer that comes after the sign-in expired.
    let mut browser = Browser::new();
    let Stop::App(callback) = browser.until_callback(app, FranceConnect, Some("alice")).await else { panic!() };
    tamper(app, "UPDATE sign_in_requests SET expires_at = 0").await;
    assert_eq!(browser.callback(app, &callback).await, fail("inconnu"));

    // Tokens signed with keys other than the published ones.
    let rogue = OidcProvider::start_with(FranceConnect, Faults { rogue_keys: true, ..Faults::default() });
    let rogue_app = with(app, &[&rogue]);
    let mut browser = Browser::new();
    assert_eq!(browser.sign_in(&rogue_app, FranceConnect, "alice").await, fail("verification"));
    assert_eq!(browser.session(), None);

    // Tokens already expired (the provider's clock an hour behind).
    let late = OidcProvider::start_with(FranceConnect, Faults { clock_offset: -3600, ..Faults::default() });
    let late_app = with(app, &[&late]);
    let mut browser = Browser::new();
    assert_eq!(browser.sign_in(&late_app, FranceConnect, "alice").await, fail("verification"));
    assert_eq!(browser.session(), None);

    // A level of assurance below the eidas1 asked for.
    let weak = OidcProvider::start_with(FranceConnect, Faults { acr: Some("eidas0"), ..Faults::default() });
    let weak_app = with(app, &[&weak]);
    let mut browser = Browser::new();
    assert_eq!(browser.sign_in(&weak_app, FranceConnect, "alice").await, fail("verification"));
    assert_eq!(browser.session(), None);

    // The provider restarts on the same address with new keys: fetched again, accepted.
    let port = fc.port();
    drop(fc);
    let restarted = OidcProvider::start_with(FranceConnect, Faults { port, ..Faults::default() });
    let mut browser = Browser::new();
    assert_eq!(browser.sign_in(app, FranceConnect, "alice").await, "/compte", "keys fetched again for an unknown kid");
    drop(restarted);

    // Not configured: the start says so, and the pages show no button.
    let plain = app.configured(|_| {});
    let mut browser = Browser::new();
    let res = browser.app(&plain, "POST", "/connexion/franceconnect", &[]).await;
    assert_eq!(res.location().as_deref(), Some(fail("indisponible").as_str()));
    let login = browser.app(&plain, "GET", "/connexion", &[]).await.body;
    assert!(!login.contains("fr-connect"), "no button without a provider");
    let page = browser.app(&plain, "GET", &fail("annule"), &[]).await.body;
    assert!(page.contains("Vous avez annulé la connexion avec FranceConnect"), "the message on the login page");
    // Every error page above said its sentence in English too.
    let mut english = Browser::new();
    english.app_cookies.insert("lang".into(), "en".into());
    let page = english.app(&plain, "GET", &fail("verification"), &[]).await.body;
    assert!(page.contains("could not be verified"), "{page}");
    assert_eq!(app.count_users().await, 1, "only the sign-in that succeeded created an account");
}

async fn logout_ends_the_app_session_and_the_provider_session(app: TestApp) {
    let fc = OidcProvider::start(FranceConnect);
    let app = with(&app, &[&fc]);
    let mut browser = Browser::new();
    assert_eq!(browser.sign_in(&app, FranceConnect, "alice").await, "/compte");
    // While the provider's session lasts, a new sign-in asks nothing.
    let Stop::App(callback) = browser.until_callback(&app, FranceConnect, None).await else { panic!("the provider remembered alice") };
    assert_eq!(browser.callback(&app, &callback).await, "/compte");

    let res = browser.app(&app, "POST", "/api/logout", &[]).await;
    let to_provider = res.location().expect("logout redirects");
    assert!(to_provider.starts_with(&format!("{}/session/end?", fc.issuer)), "{to_provider}");
    for param in ["id_token_hint=", "post_logout_redirect_uri=http%3A%2F%2F127.0.0.1%3A3000%2Fdeconnexion%2Fretour", "state="] {
        assert!(to_provider.contains(param), "{param} missing from {to_provider}");
    }
    assert_eq!(current_email(&app, &browser).await, None, "the app's session is over at once");
    // The provider asks to confirm (its form), then sends the browser back to the app.
    let Stop::ProviderPage { body, .. } = browser.through_provider(&to_provider).await else { panic!("the confirmation") };
    let xsrf = body.split(r#"name="xsrf" value=""#).nth(1).and_then(|s| s.split('"').next()).expect("xsrf").to_string();
    let (status, location, _) = browser
        .provider_request(reqwest::Method::POST, &format!("{}/session/end/confirm", fc.issuer), &[("xsrf", &xsrf), ("logout", "yes")])
        .await;
    assert!(status.is_redirection());
    let back = location.expect("back to the app");
    assert!(back.starts_with("http://127.0.0.1:3000/deconnexion/retour?state="), "{back}");
    let home = browser.app(&app, "GET", &back, &[]).await;
    assert_eq!(home.location().as_deref(), Some("/"));
    // The provider's session is over: it asks who signs in.
    assert!(matches!(browser.until_callback(&app, FranceConnect, None).await, Stop::ProviderPage { .. }), "the provider forgot alice");

    // A session opened with a password ends without going to the provider.
    app.user("mot-de-passe@exemple.fr", Role::Citizen).await;
    let cookie = app.login("mot-de-passe@exemple.fr", PASSWORD).await.unwrap();
    let res = app.call("logout", &[], Some(&cookie)).await;
    assert_eq!(res.location().as_deref(), Some("/"));
}

async fn staff_passwords_give_way_to_proconnect_in_production(app: TestApp) {
    let pc = OidcProvider::start(ProConnect);
    app.user(AGENT, Role::Staff).await;
    app.user("citoyen@exemple.fr", Role::Citizen).await;
    let production = app.configured(|c| {
        pc.configure(c);
        c.production = true;
    });
    let res = production.call("login", &[("email", AGENT), ("password", PASSWORD)], None).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN, "{}", res.body);
    assert_eq!(res.app_error(), accelerateur::domain::error::AppError::UseProConnect);
    assert!(res.session_cookie().is_none());
    assert!(production.login("citoyen@exemple.fr", PASSWORD).await.is_ok(), "citizens keep their passwords");
    // The documented recovery, and development mode, keep the password.
    let recovery = app.configured(|c| {
        pc.configure(c);
        c.production = true;
        c.staff_password_login = true;
    });
    assert!(recovery.login(AGENT, PASSWORD).await.is_ok());
    assert!(with(&app, &[&pc]).login(AGENT, PASSWORD).await.is_ok());
}

async fn names_from_a_provider_stay_text(app: TestApp) {
    let fc = OidcProvider::start(FranceConnect);
    let app = with(&app, &[&fc]);
    let mut browser = Browser::new();
    assert_eq!(browser.sign_in(&app, FranceConnect, "mallory").await, "/compte");
    let page = browser.app(&app, "GET", "/compte", &[]).await;
    assert!(page.body.contains("Identité transmise par FranceConnect"), "{}", page.body);
    crate::hostile::assert_inert(&page.body, "/compte with a provider's names");
    // The same names on the page asking to link an existing account.
    let mallory = db::account::find_by_email(&app.db, "mallory@example.test").await.unwrap().unwrap();
    tamper(&app, &format!("DELETE FROM identities WHERE user_id = {}", mallory.id)).await;
    let mut other = Browser::new();
    assert_eq!(other.sign_in(&app, FranceConnect, "mallory").await, "/connexion/lier-compte");
    let page = other.app(&app, "GET", "/connexion/lier-compte", &[]).await;
    assert!(page.body.contains("Mallory"), "{}", page.body);
    crate::hostile::assert_inert(&page.body, "/connexion/lier-compte with a provider's names");
}

fn query_value(address: &str, name: &str) -> String {
    let query = address.split_once('?').map(|(_, q)| q).unwrap_or("");
    query
        .split('&')
        .find_map(|pair| pair.strip_prefix(&format!("{name}=")))
        .unwrap_or_else(|| panic!("{name} missing from {address}"))
        .to_string()
}

async fn tamper(app: &TestApp, sql: &str) {
    match &app.db {
        db::Db::Sqlite(pools) => sqlx::query(sql).execute(&pools.write).await.map(|_| ()),
        db::Db::Postgres(pool) => sqlx::query(sql).execute(pool).await.map(|_| ()),
    }
    .expect("tamper");
}
