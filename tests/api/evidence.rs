//! Charter evidence on both engines: the team publishes addresses and statements; each address
//! is checked against a local HTTP server (never the internet) when given and again a day
//! later; the check state shows on the programme page, the public page, the open data and the
//! dashboard. The checker contacts public addresses only: loopback, private and link-local
//! addresses (given, resolved from a name, or reached by a redirect) are refused before any
//! connection, with the same words whatever the reason; the tests' own servers are reached
//! with the loopback allowed (`AddressPolicy::AllowLoopbackForTests`), never more.

use crate::support;

use accelerateur::api::programme::{Dashboard, ProgrammeView};
use accelerateur::domain::account::Role;
use accelerateur::domain::evidence::{AddressPolicy, CheckState, Evidence, ADDRESS_REFUSED, MAX_REDIRECTS, RECHECK_SECONDS};
use accelerateur::domain::validate::Problem;
use accelerateur::server::url_check::Checker;
use accelerateur::server::{db, url_check};
use axum::http::StatusCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use support::programme::{programme_cohort, selected};
use support::TestApp;

on_both_engines!(evidence_addresses_are_checked_when_given_and_every_day, inside_addresses_are_refused_and_never_contacted);

/// A local web server on 127.0.0.1 that counts the requests it receives.
struct LocalServer {
    /// `http://127.0.0.1:<port>`
    url: String,
    port: u16,
    hits: Arc<AtomicUsize>,
}

impl LocalServer {
    fn hits(&self) -> usize {
        self.hits.load(Ordering::SeqCst)
    }
}

/// `/ok` answers 200, `/ailleurs` redirects to `/ok`, `/boucle` to itself, each `/vers-…`
/// somewhere inside (private, cloud metadata, IPv4-mapped metadata, unspecified) or to
/// another scheme; anything else 404.
async fn local_server() -> LocalServer {
    use axum::response::Redirect;
    use axum::routing::get;
    async fn count(
        axum::extract::State(hits): axum::extract::State<Arc<AtomicUsize>>,
        req: axum::extract::Request,
        next: axum::middleware::Next,
    ) -> axum::response::Response {
        hits.fetch_add(1, Ordering::SeqCst);
        next.run(req).await
    }
    let hits = Arc::new(AtomicUsize::new(0));
    let app = axum::Router::new()
        .route("/ok", get(|| async { "ok" }))
        .route("/ailleurs", get(|| async { Redirect::permanent("/ok") }))
        .route("/boucle", get(|| async { Redirect::temporary("/boucle") }))
        .route("/vers-prive", get(|| async { Redirect::temporary("http://10.0.0.1/") }))
        .route("/vers-metadonnees", get(|| async { Redirect::temporary("http://169.254.169.254/latest/meta-data/") }))
        .route("/vers-metadonnees-v6", get(|| async { Redirect::temporary("http://[::ffff:169.254.169.254]/latest/meta-data/") }))
        .route("/vers-zero", get(|| async { Redirect::temporary("http://0.0.0.0/") }))
        .route("/vers-ftp", get(|| async { Redirect::temporary("ftp://127.0.0.1/") }))
        .route("/vers-fichier", get(|| async { Redirect::temporary("file:///etc/passwd") }))
        .layer(axum::middleware::from_fn_with_state(hits.clone(), count));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    LocalServer { url: format!("http://{addr}"), port: addr.port(), hits }
}

/// The checker of the tests: the loopback allowed, nothing else inside.
fn loopback_checker() -> Checker {
    Checker::new(AddressPolicy::AllowLoopbackForTests)
}

async fn sign_charter(app: &TestApp, id: i64, holder: &str) {
    let fields: Vec<(String, String)> = accelerateur::domain::charter::Commitment::ALL
        .iter()
        .map(|c| ("commitments[]".to_string(), c.code().to_string()))
        .chain([("candidature_id".to_string(), id.to_string())])
        .collect();
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    assert_eq!(app.call("programme_sign", &fields, Some(holder)).await.status, StatusCode::OK);
}

/// The stored checks of the project's two addresses.
async fn checks(app: &TestApp, id: i64) -> (CheckState, CheckState) {
    let row = db::evidence::find(&app.db, id).await.unwrap().unwrap();
    (
        CheckState::of(row.source_checked_at, row.source_ok, &row.source_error),
        CheckState::of(row.data_checked_at, row.data_ok, &row.data_error),
    )
}

async fn view(app: &TestApp, cookie: &str, id: i64) -> ProgrammeView {
    let res = app.call("programme_get", &[("candidature_id", &id.to_string())], Some(cookie)).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    serde_json::from_str(&res.body).unwrap()
}

async fn evidence_addresses_are_checked_when_given_and_every_day(app: TestApp) {
    let server = local_server().await.url;
    let cohort = programme_cohort(&app).await;
    let (id, holder) = selected(&app, cohort, "preuves@exemple.fr").await;
    let sid = id.to_string();
    let save = |source: String, data: String, cookie: String| {
        let app = &app;
        let sid = sid.clone();
        async move {
            app.call(
                "evidence_save",
                &[("candidature_id", &sid), ("source_url", &source), ("data_url", &data), ("funding", "Dons : 3 000 €."), ("results", "400 dossiers.")],
                Some(&cookie),
            )
            .await
        }
    };
    // Before the programme opens (charter not signed), nothing is published.
    assert_eq!(save(format!("{server}/ok"), String::new(), holder.clone()).await.app_error(), accelerateur::domain::error::AppError::CandidatureState);
    sign_charter(&app, id, &holder).await;

    let res = save("ftp://code.exemple.fr".into(), "pas une adresse".into(), holder.clone()).await;
    let errors = res.app_error().form_errors().cloned().unwrap();
    assert_eq!(errors.for_field("source_url"), Some(&Problem::InvalidUrl));
    assert_eq!(errors.kept_value("data_url"), Some("pas une adresse"));
    let staff = app.signed_in(Role::Staff).await;
    assert_eq!(save(format!("{server}/ok"), String::new(), staff.clone()).await.status, StatusCode::FORBIDDEN);
    assert_eq!(save(format!("{server}/ailleurs"), format!("{server}/absent"), holder.clone()).await.status, StatusCode::OK);
    let v = view(&app, &holder, id).await;
    assert_eq!((v.evidence.source_check.clone(), v.evidence.data_check.clone()), (Some(CheckState::Pending), Some(CheckState::Pending)));

    // The test's web server listens on the loopback.
    let checker = loopback_checker();
    let now = db::now();
    assert_eq!(url_check::check_due(&app.db, &checker, now).await.unwrap(), 2);
    let v = view(&app, &holder, id).await;
    assert_eq!(v.evidence.source_check, Some(CheckState::Verified { at: now }), "a redirect to a 200 verifies");
    assert_eq!(v.evidence.data_check, Some(CheckState::Failed { at: now, reason: "HTTP 404 : page introuvable".into() }));
    assert_eq!(url_check::check_due(&app.db, &checker, now + 60).await.unwrap(), 0, "checked already today");
    assert_eq!(url_check::check_due(&app.db, &checker, now + RECHECK_SECONDS).await.unwrap(), 2, "again a day later");

    // A new address loses the old check; an unreachable server is a failure with its reason.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
    assert_eq!(save(format!("{server}/ailleurs"), format!("http://{closed}/donnees"), holder.clone()).await.status, StatusCode::OK);
    let v = view(&app, &holder, id).await;
    assert!(matches!(v.evidence.source_check, Some(CheckState::Verified { .. })), "unchanged address keeps its check");
    assert_eq!(v.evidence.data_check, Some(CheckState::Pending));
    let later = now + RECHECK_SECONDS + 10;
    assert_eq!(url_check::check_due(&app.db, &checker, later).await.unwrap(), 1);
    let v = view(&app, &holder, id).await;
    assert_eq!(v.evidence.data_check, Some(CheckState::Failed { at: later, reason: "connexion impossible au serveur".into() }));

    // The public sees the evidence with its checks; staff see it on the dashboard.
    let page = app.get(&format!("/initiatives/{id}"), None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains(&format!("{server}/ailleurs")) && page.body.contains("vérifié le") && page.body.contains("400 dossiers."));
    let csv = app.get("/donnees/initiatives.csv", None).await.body;
    assert!(csv.contains(&format!("{server}/ailleurs")) && csv.contains("Dons : 3 000 €."));
    let res = app.call("programme_dashboard", &[("cohort_id", &cohort.to_string())], Some(&staff)).await;
    let d: Dashboard = serde_json::from_str(&res.body).unwrap();
    assert_eq!(d.rows[0].evidence, (2, 1, 1));
}

/// With the production policy, an address inside (given as an IP address in any form, as a name
/// that resolves inside, or with another scheme) fails with the same words, and the server
/// behind it receives nothing; the same address with the loopback allowed is verified, so the
/// silence comes from the policy. With the loopback allowed, a redirect to the cloud metadata
/// address is still refused at the hop.
async fn inside_addresses_are_refused_and_never_contacted(app: TestApp) {
    let local = local_server().await;
    let port = local.port;
    let cohort = programme_cohort(&app).await;
    let (id, holder) = selected(&app, cohort, "interne@exemple.fr").await;
    sign_charter(&app, id, &holder).await;
    let production = Checker::default();
    assert_eq!(production.policy(), AddressPolicy::PublicOnly);
    let refused = |at: i64| CheckState::Failed { at, reason: ADDRESS_REFUSED.to_string() };

    // The form accepts an IP address (the end-to-end suite checks one on the loopback): the
    // checker is the guard.
    let res = app
        .call(
            "evidence_save",
            &[
                ("candidature_id", &id.to_string()),
                ("source_url", &format!("http://127.0.0.1:{port}/ok")),
                ("data_url", &format!("http://127.1:{port}/ok")),
                ("funding", ""),
                ("results", ""),
            ],
            Some(&holder),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let mut at = db::now();
    assert_eq!(url_check::check_due(&app.db, &production, at).await.unwrap(), 2);
    assert_eq!(checks(&app, id).await, (refused(at), refused(at)), "loopback given as an IP address, dotted or short");
    assert_eq!(local.hits(), 0, "nothing reached the loopback server");

    // Addresses the form would refuse but the checker must refuse on its own (older rows,
    // other paths): a name resolving to the loopback, IPv6 forms, a decimal form, other schemes.
    let resolved: Vec<_> = tokio::net::lookup_host(("localhost", port)).await.unwrap().collect();
    assert!(!resolved.is_empty() && resolved.iter().all(|a| a.ip().is_loopback()), "localhost resolves to the loopback here: {resolved:?}");
    for (source, data) in [
        (format!("http://localhost:{port}/ok"), format!("http://LOCALHOST.:{port}/ok")),
        (format!("http://[::ffff:127.0.0.1]:{port}/ok"), format!("http://[::1]:{port}/ok")),
        (format!("http://2130706433:{port}/ok"), format!("http://0.0.0.0:{port}/ok")),
        (format!("ftp://127.0.0.1:{port}/ok"), "file:///etc/passwd".to_string()),
    ] {
        let evidence = Evidence { source_url: source.clone(), data_url: data.clone(), ..Default::default() };
        db::evidence::save(&app.db, id, &evidence).await.unwrap();
        at += RECHECK_SECONDS;
        assert_eq!(url_check::check_due(&app.db, &production, at).await.unwrap(), 2);
        assert_eq!(checks(&app, id).await, (refused(at), refused(at)), "{source} and {data}");
        assert_eq!(local.hits(), 0, "{source} and {data}: nothing reached the loopback server");
    }

    // The same server, the loopback allowed: reached, by IP address and by name.
    let evidence = Evidence { source_url: format!("http://127.0.0.1:{port}/ok"), data_url: format!("http://localhost:{port}/ok"), ..Default::default() };
    db::evidence::save(&app.db, id, &evidence).await.unwrap();
    at += RECHECK_SECONDS;
    assert_eq!(url_check::check_due(&app.db, &loopback_checker(), at).await.unwrap(), 2);
    assert_eq!(checks(&app, id).await, (CheckState::Verified { at }, CheckState::Verified { at }));
    assert_eq!(local.hits(), 2);

    // The loopback allowed, a redirect to the cloud metadata address is refused at the hop.
    let evidence = Evidence { source_url: format!("{}/vers-metadonnees", local.url), data_url: format!("{}/vers-prive", local.url), ..Default::default() };
    db::evidence::save(&app.db, id, &evidence).await.unwrap();
    at += RECHECK_SECONDS;
    let started = Instant::now();
    assert_eq!(url_check::check_due(&app.db, &loopback_checker(), at).await.unwrap(), 2);
    assert!(started.elapsed() < Duration::from_secs(2), "refused without connecting: {:?}", started.elapsed());
    assert_eq!(checks(&app, id).await, (refused(at), refused(at)));
    assert_eq!(local.hits(), 4, "only the first hops reached the server");
}

/// No connection at all to a refused address (a listener that never answers would see one in
/// its backlog), and the same words for an open and a closed port, for an address, a name, a
/// scheme or something that is not an address.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refused_addresses_get_no_connection_and_the_same_words() {
    let trap = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    trap.set_nonblocking(true).unwrap();
    let open = trap.local_addr().unwrap().port();
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let production = Checker::default();
    for port in [open, closed] {
        for url in [
            format!("http://127.0.0.1:{port}/"),
            format!("https://127.0.0.1:{port}/"),
            format!("http://127.1:{port}/"),
            format!("http://2130706433:{port}/"),
            format!("http://0x7f.0.0.1:{port}/"),
            format!("http://localhost:{port}/"),
            format!("http://[::ffff:127.0.0.1]:{port}/"),
            format!("http://[::1]:{port}/"),
            format!("http://0.0.0.0:{port}/"),
            format!("ftp://127.0.0.1:{port}/"),
        ] {
            assert_eq!(production.check(&url).await, Err(ADDRESS_REFUSED.to_string()), "{url}");
        }
    }
    for url in ["file:///etc/passwd", "gopher://exemple.fr/", "pas une adresse", "http://"] {
        assert_eq!(production.check(url).await, Err(ADDRESS_REFUSED.to_string()), "{url}");
    }
    // The loopback allowed, the unspecified address (which Linux connects to the loopback) and
    // private ranges stay refused.
    let started = Instant::now();
    for url in [format!("http://0.0.0.0:{open}/"), format!("http://[::]:{open}/"), "http://10.0.0.1/".into(), "http://169.254.169.254/".into(), "http://[fd00::1]/".into()] {
        assert_eq!(loopback_checker().check(&url).await, Err(ADDRESS_REFUSED.to_string()), "{url}");
    }
    assert!(started.elapsed() < Duration::from_secs(2), "refused without connecting: {:?}", started.elapsed());
    // The loopback allowed, the scheme alone refuses these (reqwest would fail on them with
    // other words).
    for url in [format!("ftp://127.0.0.1:{open}/"), format!("gopher://127.0.0.1:{open}/"), format!("ws://localhost:{open}/"), format!("ftp://localhost:{open}/")] {
        assert_eq!(loopback_checker().check(&url).await, Err(ADDRESS_REFUSED.to_string()), "{url}");
    }
    assert!(matches!(trap.accept(), Err(e) if e.kind() == std::io::ErrorKind::WouldBlock), "no connection reached the listener");
    // The trap does see a connection when there is one.
    let _probe = std::net::TcpStream::connect(("127.0.0.1", open)).unwrap();
    std::thread::sleep(Duration::from_millis(50));
    assert!(trap.accept().is_ok());
}

/// Redirects are followed by the checker, each hop checked like the first address: a hop inside
/// is refused before connecting (a connection to 10.0.0.1 would wait out the 5 s); relative
/// addresses are resolved against the current one; more than 5 redirects fail.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn redirects_inside_are_refused_at_the_hop() {
    let local = local_server().await;
    let checker = loopback_checker();
    assert_eq!(checker.check(&format!("{}/ailleurs", local.url)).await, Ok(200));
    assert_eq!(local.hits(), 2, "the redirect and its target");
    let mut hits = local.hits();
    for path in ["/vers-prive", "/vers-metadonnees", "/vers-metadonnees-v6", "/vers-zero", "/vers-ftp", "/vers-fichier"] {
        let started = Instant::now();
        assert_eq!(checker.check(&format!("{}{path}", local.url)).await, Err(ADDRESS_REFUSED.to_string()), "{path}");
        assert!(started.elapsed() < Duration::from_secs(2), "{path} refused without connecting: {:?}", started.elapsed());
        hits += 1;
        assert_eq!(local.hits(), hits, "{path}: only the first hop was requested");
    }
    assert_eq!(checker.check(&format!("{}/boucle", local.url)).await, Err(format!("plus de {MAX_REDIRECTS} redirections")));
    assert_eq!(local.hits(), hits + 1 + MAX_REDIRECTS, "the address and its redirects, no more");
    assert_eq!(checker.check(&format!("{}/absent", local.url)).await, Ok(404));
}
