//! L'accélérateur d'initiatives citoyennes: one crate, built as an axum server (`ssr`) and
//! a WebAssembly client (`hydrate`) holding only the interactive parts of the pages (islands),
//! sharing the domain types.

pub mod api;
pub mod app;
pub mod domain;
#[cfg(feature = "ssr")]
pub mod server;
pub mod ui;

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // Islands mode: the pages are server-rendered HTML; `HydrationScripts` hydrates each
    // `<leptos-island>` after this returns. There is no client router: a server function that
    // answers with a redirect (« Enregistrer et continuer ») loads the next page.
    leptos::mount::hydrate_islands();
    // Err only if a hook is already set (hydrate() runs once per page).
    let _ = leptos::server_fn::redirect::set_redirect_hook(|to| {
        if let Err(e) = leptos::prelude::window().location().set_href(to) {
            leptos::logging::warn!("redirect to {to} failed: {e:?}");
        }
    });
    // Lets the end-to-end tests (and anyone curious) know the page is interactive.
    if let Some(body) = leptos::prelude::document().body() {
        let _ = body.set_attribute("data-hydrated", "true");
    }
}
