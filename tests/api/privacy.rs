//! « Données personnelles », the privacy notice (part of the `api` test binary): public,
//! linked from every page's footer, with the configured controller and officer, the
//! retention table the purge follows, the CNIL, and the very cookies the code sets.

use crate::support::{self, TestApp};
use accelerateur::domain::i18n::Locale;
use accelerateur::domain::legal::LegalNotice;
use accelerateur::ui::pages::public::privacy::{CNIL_COMPLAINTS, COOKIES};
use axum::http::StatusCode;

on_both_engines!(the_privacy_notice_says_what_is_kept_and_how_to_use_ones_rights);

/// The page's text with the entities Leptos writes for quotes turned back.
fn text(body: &str) -> String {
    body.replace("&#x27;", "'").replace("&#39;", "'").replace("&quot;", "\"").replace("&amp;", "&")
}

async fn the_privacy_notice_says_what_is_kept_and_how_to_use_ones_rights(app: TestApp) {
    let home = app.get("/", None).await;
    assert!(home.body.contains("href=\"/donnees-personnelles\""), "linked from the footer");
    let page = app.get("/donnees-personnelles", None).await;
    assert_eq!(page.status, StatusCode::OK);
    let body = text(&page.body);
    let demo = LegalNotice::demo();
    for expected in [
        "<h1 class=\"fr-mt-5w\">Données personnelles</h1>",
        &demo.publisher,
        &format!("mailto:{}", demo.dpo),
        &format!("mailto:{}", demo.contact),
        "article 6, paragraphe 1, point e, du RGPD",
        CNIL_COMPLAINTS,
        "href=\"/compte/mes-donnees\"",
        "href=\"/compte/supprimer\"",
        "Aucune donnée n'est transférée hors de l'Union européenne.",
    ] {
        assert!(body.contains(expected), "{expected} missing from the privacy notice");
    }
    for line in accelerateur::domain::retention::table() {
        for cell in [line.what, line.how_long, line.then] {
            assert!(body.contains(cell.get(Locale::Fr)), "retention table: {} missing", cell.fr);
        }
    }
    // The cookies listed are exactly those the code sets.
    let set_by_code = [
        accelerateur::server::auth::SESSION_COOKIE,
        accelerateur::server::http::LANG_COOKIE,
        accelerateur::api::state_sign_in::SIGN_IN_COOKIE,
        accelerateur::api::state_sign_in::LINK_COOKIE,
        accelerateur::api::candidature::PENDING_COOKIE,
        accelerateur::api::jury::NEW_LINKS_COOKIE,
    ];
    let mut listed: Vec<&str> = COOKIES.iter().map(|(name, _, _)| *name).collect();
    let mut expected = set_by_code.to_vec();
    listed.sort_unstable();
    expected.sort_unstable();
    assert_eq!(listed, expected);
    for name in set_by_code {
        assert!(body.contains(&format!("<code>{name}</code>")), "cookie {name} missing from the page");
    }
    // In English too.
    let en = app.get("/donnees-personnelles", Some("lang=en")).await;
    assert!(text(&en.body).contains("Complaint to the CNIL") && en.body.contains("Retention periods"));
}
