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
    // `<leptos-island>` after this returns. There is no client router and the islands call no
    // server function through the framework: navigation is ordinary page loads.
    leptos::mount::hydrate_islands();
    // Lets the end-to-end tests (and anyone curious) know the page is interactive.
    if let Some(body) = leptos::prelude::document().body() {
        let _ = body.set_attribute("data-hydrated", "true");
    }
}
