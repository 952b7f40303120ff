//! Answers leave compressed as the browser asks (brotli or gzip, by its preference), pages,
//! kept pages, server functions and the open API alike; the bytes decode to the same answer.
//! Pages ask the browser to revalidate before reuse; files whose address changes with their
//! content are kept a year, and sent precompressed when the build wrote `.br` / `.gz` copies.

use crate::support::{self, form, TestApp};
use accelerateur::domain::account::Role;
use axum::body::Body;
use axum::http::{header, Request};
use std::io::Read;
use tower::ServiceExt;

on_both_engines!(
    answers_are_compressed_as_the_browser_asks,
    pages_are_revalidated_before_reuse,
    hashed_files_are_kept_a_year_and_sent_precompressed
);

struct Raw {
    encoding: Option<String>,
    vary: String,
    body: Vec<u8>,
}

async fn fetch(app: &TestApp, req: axum::http::request::Builder, accept: Option<&str>, body: Body) -> Raw {
    let mut req = req.header(header::HOST, "127.0.0.1:3000");
    if let Some(accept) = accept {
        req = req.header(header::ACCEPT_ENCODING, accept);
    }
    let res = app.router.clone().oneshot(req.body(body).expect("request")).await.expect("router answers");
    let text = |name| res.headers().get(name).and_then(|v: &header::HeaderValue| v.to_str().ok()).map(str::to_string);
    let (encoding, vary) = (text(header::CONTENT_ENCODING), text(header::VARY).unwrap_or_default());
    let body = axum::body::to_bytes(res.into_body(), 20 * 1024 * 1024).await.expect("body").to_vec();
    Raw { encoding, vary, body }
}

fn decoded(raw: &Raw) -> String {
    let mut out = Vec::new();
    match raw.encoding.as_deref() {
        Some("br") => brotli::Decompressor::new(raw.body.as_slice(), 4096).read_to_end(&mut out).map(|_| ()),
        Some("gzip") => flate2::read::GzDecoder::new(raw.body.as_slice()).read_to_end(&mut out).map(|_| ()),
        None => {
            out.clone_from(&raw.body);
            Ok(())
        }
        Some(other) => panic!("unexpected encoding {other}"),
    }
    .expect("the body decodes");
    String::from_utf8(out).expect("utf-8")
}

async fn answers_are_compressed_as_the_browser_asks(app: TestApp) {
    let citizen = app.signed_in(Role::Citizen).await;
    let page = |path: &'static str, cookie: Option<String>| {
        move || {
            let mut req = Request::get(path).header(header::ACCEPT, "text/html");
            if let Some(c) = &cookie {
                req = req.header(header::COOKIE, c);
            }
            (req, Body::empty())
        }
    };
    let server_fn = |cookie: String| {
        move || {
            let req = Request::post("/api/current_user")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header(header::ACCEPT, "application/json")
                .header(header::ORIGIN, "http://127.0.0.1:3000")
                .header(header::COOKIE, cookie.clone());
            (req, Body::from(form(&[])))
        }
    };
    type Make = Box<dyn Fn() -> (axum::http::request::Builder, Body)>;
    let answers: Vec<(&str, Make, &str)> = vec![
        ("home page (kept for visitors)", Box::new(page("/", None)), "</html>"),
        ("signed-in page", Box::new(page("/compte", Some(citizen.clone()))), "</html>"),
        ("open API schema", Box::new(page("/api/v1/openapi.json", None)), "openapi"),
        ("server function", Box::new(server_fn(citizen.clone())), "email"),
    ];
    for (what, make, marker) in &answers {
        let (req, body) = make();
        let plain = fetch(&app, req, None, body).await;
        assert_eq!(plain.encoding, None, "{what}: no Accept-Encoding, no compression");
        let plain = decoded(&plain);
        assert!(plain.contains(marker), "{what}: {marker} in {plain:.200}");
        for (accept, expected) in [("br", "br"), ("gzip", "gzip"), ("gzip, deflate, br", "br"), ("br;q=0.5, gzip", "gzip")] {
            let (req, body) = make();
            let raw = fetch(&app, req, Some(accept), body).await;
            assert_eq!(raw.encoding.as_deref(), Some(expected), "{what} with Accept-Encoding: {accept}");
            assert!(raw.vary.to_ascii_lowercase().contains("accept-encoding"), "{what}: Vary: {}", raw.vary);
            let text = decoded(&raw);
            if text.len() > 1000 {
                assert!(raw.body.len() * 2 < text.len(), "{what} ({accept}): {} bytes sent for {}", raw.body.len(), text.len());
            }
            if !marker.starts_with('<') {
                // Pages carry a fresh nonce each time; other answers are the same bytes.
                assert_eq!(text, plain, "{what} ({accept}) decodes to the plain answer");
            } else {
                assert!(text.contains(marker), "{what} ({accept})");
            }
        }
    }
}

async fn pages_are_revalidated_before_reuse(app: TestApp) {
    let citizen = app.signed_in(Role::Citizen).await;
    for (path, cookie) in [("/", None), ("/initiatives", None), ("/compte", Some(citizen.as_str())), ("/nulle-part", None)] {
        let res = app.get(path, cookie).await;
        let policy = res.headers.get(header::CACHE_CONTROL).and_then(|v| v.to_str().ok()).unwrap_or_default();
        assert_eq!(policy, "no-cache", "{path}");
    }
}

/// An app serving a site folder of its own: a hashed bundle with its brotli copy (as
/// `cargo leptos build --release --precompress` writes), a DSFR file under its version.
async fn hashed_files_are_kept_a_year_and_sent_precompressed(app: TestApp) {
    use leptos::prelude::LeptosOptions;
    let site = std::env::temp_dir().join(format!("acc_site_{}_{}", std::process::id(), app.database_url().is_some()));
    let dsfr = site.join("dsfr").join(accelerateur::app::DSFR_VERSION);
    std::fs::create_dir_all(site.join("pkg")).expect("pkg");
    std::fs::create_dir_all(&dsfr).expect("dsfr");
    let script = "export function start() { console.log('accélérateur'); }\n".repeat(200);
    std::fs::write(site.join("pkg/accelerateur.AbC-12.js"), &script).expect("script");
    let mut packed = Vec::new();
    let params = brotli::enc::BrotliEncoderParams::default();
    brotli::BrotliCompress(&mut script.as_bytes(), &mut packed, &params).expect("brotli");
    std::fs::write(site.join("pkg/accelerateur.AbC-12.js.br"), &packed).expect("brotli copy");
    std::fs::write(dsfr.join("dsfr.min.css"), ".fr-btn { color: #000091; }\n".repeat(100)).expect("css");
    std::fs::write(site.join("robots.txt"), "User-agent: *\n").expect("robots");
    let options = LeptosOptions::builder()
        .output_name("accelerateur")
        .site_root(site.to_string_lossy().to_string())
        .hash_files(true)
        .build();
    let files = app.with_options(options);
    let get = |path: &'static str| Request::get(path);

    let br = fetch(&files, get("/pkg/accelerateur.AbC-12.js"), Some("br"), Body::empty()).await;
    assert_eq!(br.encoding.as_deref(), Some("br"));
    assert_eq!(br.body, packed, "the build's brotli copy is sent as it is");
    assert_eq!(decoded(&br), script);
    let gzip = fetch(&files, get("/pkg/accelerateur.AbC-12.js"), Some("gzip"), Body::empty()).await;
    assert_eq!(gzip.encoding.as_deref(), Some("gzip"), "no gzip copy: compressed on the way");
    assert_eq!(decoded(&gzip), script);

    for path in ["/pkg/accelerateur.AbC-12.js", "/dsfr/1.15.3/dsfr.min.css", "/robots.txt", "/pkg/absent.js"] {
        let req = Request::get(path).header(header::HOST, "127.0.0.1:3000");
        let res = files.router.clone().oneshot(req.body(Body::empty()).expect("request")).await.expect("answer");
        let policy = res.headers().get(header::CACHE_CONTROL).and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
        let kept = path != "/robots.txt" && path != "/pkg/absent.js";
        assert_eq!(policy == "public, max-age=31536000, immutable", kept, "{path}: {policy:?} ({})", res.status());
    }
    let _ = std::fs::remove_dir_all(&site);
}
